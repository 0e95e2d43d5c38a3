"""`signoff eval`: score analyze against labelled contracts."""
