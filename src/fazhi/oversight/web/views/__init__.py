"""The oversight pages, by area."""
