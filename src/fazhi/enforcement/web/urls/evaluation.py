"""URLs of case-file evaluation (案卷评查) pages, mounted under /enforcement/evaluation/, with the three systems'
self-assessments and the enterprise contact points."""

from django.urls import path

from ..views import contact_points, self_assessment
from ..views import evaluation as views

app_name = "evaluation"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", views.edit_campaign, name="edit_campaign"),
    path("campaigns/<int:pk>/reviewers/", views.add_reviewer, name="add_reviewer"),
    path("campaigns/<int:pk>/standard/", views.standard, name="standard"),
    path("items/<int:pk>/edit/", views.edit_item, name="edit_item"),
    path("items/<int:pk>/remove/", views.remove_item, name="remove_item"),
    path("campaigns/<int:pk>/notice/<str:org>/", views.notice, name="notice"),
    path("files/<int:pk>/", views.case_file_detail, name="file"),
    path("files/<int:pk>/edit/", views.edit_case_file, name="edit_file"),
    path("files/<int:pk>/score/", views.score_case_file, name="score"),
    path("files/<int:pk>/problems/", views.record_problem, name="problem"),
    path("problems/", views.problem_list, name="problems"),
    path("problems/<int:pk>/edit/", views.edit_problem, name="edit_problem"),
    path("self-assessments/", self_assessment.self_assessments, name="self_assessments"),
    path("self-assessments/new/", self_assessment.record_self_assessment, name="record_self_assessment"),
    path(
        "self-assessments/<int:pk>/edit/", self_assessment.edit_self_assessment, name="edit_self_assessment"
    ),
    path("contact-points/", contact_points.contact_point_list, name="contact_points"),
    path("contact-points/<int:pk>/edit/", contact_points.edit_contact_point, name="edit_contact_point"),
    path("contact-points/<int:pk>/close/", contact_points.close_contact_point, name="close_contact_point"),
]
