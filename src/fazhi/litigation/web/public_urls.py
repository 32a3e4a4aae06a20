"""Public pages (no login) of 行政应诉, mounted under /public/."""

urlpatterns: list = []
