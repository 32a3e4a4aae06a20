"""Public pages (no login) of 督察整改与任务台账, mounted under /public/."""

urlpatterns: list = []
