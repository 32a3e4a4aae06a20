"""Public pages (no login) of 年度报告与驾驶舱, mounted under /public/: the issued annual reports, as issued."""

from django.urls import path

from . import public

app_name = "reports_public"
urlpatterns = [
    path("annual-reports/", public.issued_list, name="list"),
    path("annual-reports/<int:pk>/", public.issued_document, name="document"),
]
