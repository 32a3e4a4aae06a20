"""URLs of the enforcement pages: bodies with their item lists, officers and their certificates, training sessions
with attendance, and supervision clues (the public listings are under /public/)."""

from django.urls import path

from ..views import certificates as views
from ..views import clues as clue_views
from ..views import training as training_views

app_name = "enforcement"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("bodies/<int:pk>/edit/", views.edit_body, name="edit_body"),
    path("bodies/<int:pk>/powers/new/", views.add_power, name="add_power"),
    path("powers/<int:pk>/edit/", views.edit_power, name="edit_power"),
    path("officers/", views.officer_list, name="officers"),
    path("officers/exams/new/", views.record_exam, name="record_exam"),
    path("certificates/new/", views.issue_certificate, name="issue_certificate"),
    path("certificates/review/", views.review_certificates, name="review_certificates"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("certificates/<int:pk>/edit/", views.edit_certificate, name="edit_certificate"),
    path("certificates/<int:pk>/cancel/", views.cancel_certificate, name="cancel_certificate"),
    path("certificates/<int:pk>/reissue/", views.reissue_certificate, name="reissue_certificate"),
    path("training/", training_views.session_list, name="training"),
    path("training/<int:pk>/", training_views.session_detail, name="training_session"),
    path("training/<int:pk>/edit/", training_views.edit_session, name="edit_session"),
    path("training/<int:pk>/attendance/", training_views.record_attendance, name="record_attendance"),
    path(
        "training/<int:pk>/attendance/<int:attendance_pk>/remove/",
        training_views.remove_attendance,
        name="remove_attendance",
    ),
    path("clues/", clue_views.clue_list, name="clues"),
    path("clues/assign/", clue_views.assign_clues, name="assign_clues"),
    path("clues/<int:pk>/", clue_views.clue_detail, name="clue"),
    path("clues/<int:pk>/edit/", clue_views.edit_clue, name="edit_clue"),
    path("clues/<int:pk>/start/", clue_views.start_clue, name="start_clue"),
    path("clues/<int:pk>/steps/", clue_views.add_clue_step, name="add_clue_step"),
    path("clues/<int:pk>/close/", clue_views.close_clue, name="close_clue"),
]
