"""Public pages (no login) of 述法学法与示范创建, mounted under /public/."""

urlpatterns: list = []
