"""The enforcement pages (forms, views, urls): they call the services and selectors and hold no rule."""
