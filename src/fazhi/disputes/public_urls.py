"""Public pages (no login) of 行政复议, mounted under /public/."""

urlpatterns: list = []
