"""The litigation pages: forms, views and urls."""
