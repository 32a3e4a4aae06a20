"""URLs of the oversight pages: the rectification ledger, inspections, and the task ledger."""

from django.urls import path

from .views import inspections as inspection_views
from .views import rectification as views
from .views import task_plans as task_views

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="items"),
    path("items/new/", views.open_item, name="open_item"),
    path("items/batch/<str:action>/", views.batch, name="batch"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/start/", views.start, name="start"),
    path("items/<int:pk>/plan/", views.update_plan, name="update_plan"),
    path("items/<int:pk>/evidence/", views.add_evidence, name="add_evidence"),
    path("items/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="evidence"),
    path("items/<int:pk>/rectify/", views.rectify, name="rectify"),
    path("items/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("items/<int:pk>/send-back/", views.send_back, name="send_back"),
    path("items/<int:pk>/check/", views.check, name="check"),
    path("items/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("inspections/", inspection_views.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", inspection_views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/edit/", inspection_views.edit_inspection, name="edit_inspection"),
    path("inspections/<int:pk>/findings/", inspection_views.add_finding, name="add_finding"),
    path("findings/<int:pk>/edit/", inspection_views.edit_finding, name="edit_finding"),
    path("plans/", task_views.plan_list, name="plans"),
    path("plans/<int:pk>/", task_views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", task_views.edit_plan, name="edit_plan"),
    path("plans/<int:pk>/tasks/", task_views.add_task, name="add_task"),
    path("plans/<int:pk>/circular/", task_views.circular_download, name="circular"),
    path("tasks/<int:pk>/", task_views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", task_views.edit_task, name="edit_task"),
    path("tasks/<int:pk>/co-units/", task_views.set_co_units, name="set_co_units"),
    path("tasks/<int:pk>/progress/", task_views.report_progress, name="report_progress"),
    path(
        "tasks/<int:pk>/reports/<int:report_pk>/evidence/", task_views.report_evidence, name="report_evidence"
    ),
]
