"""The oversight pages: forms, views by area, urls."""
