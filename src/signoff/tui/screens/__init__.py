"""One module per screen of the readiness app."""
