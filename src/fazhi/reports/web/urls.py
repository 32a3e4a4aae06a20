"""URLs of the reports pages: the dashboard (驾驶舱), figures' records, annual reports and their rendering."""

from django.urls import path

from . import compare, duties, views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="dashboard"),
    path("charts/units/", views.unit_chart, name="unit_chart"),
    path("charts/deadlines/", views.deadlines_chart, name="deadlines_chart"),
    path("figures/<str:code>/", views.figure, name="figure"),
    path("figures/<str:code>/export/", views.figure_export, name="figure_export"),
    path("annual/", views.report_list, name="list"),
    path("annual/issued/<int:pk>/", views.issued_document, name="issued_document"),
    path("annual/issued/<int:pk>/compare/", compare.compare, name="compare"),
    path("annual/<str:org_code>/<int:year>/", views.report, name="report"),
    path("annual/<str:org_code>/<int:year>/edit/", views.edit, name="edit"),
    path("annual/<str:org_code>/<int:year>/reset/", views.reset, name="reset"),
    path("annual/<str:org_code>/<int:year>/issue/", views.issue, name="issue"),
    path("annual/<str:org_code>/<int:year>/submissions/", duties.record_submission, name="submission"),
    path("annual/<str:org_code>/<int:year>/statements/", duties.state_workstream, name="statement"),
    path("annual/<str:org_code>/<int:year>/render/", views.render_job, name="render"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
