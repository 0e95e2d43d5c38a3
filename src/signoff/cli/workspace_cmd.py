"""Commands of this group are registered on signoff.cli.app.app."""
