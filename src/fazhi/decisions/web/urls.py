"""URLs of the decisions pages (the public catalog pages are under /public/)."""

from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("catalogs/", views.catalogs, name="catalogs"),
    path("catalogs/new/", views.create_catalog, name="create_catalog"),
    path("catalogs/<int:pk>/edit/", views.edit_catalog, name="edit_catalog"),
    path("catalogs/<int:pk>/items/", views.add_catalog_item, name="add_catalog_item"),
    path("catalogs/<int:pk>/items/<int:item_pk>/edit/", views.edit_catalog, name="edit_catalog_item"),
    path("catalogs/<int:pk>/approve/", views.approve_catalog, name="approve_catalog"),
    path("catalogs/<int:pk>/publish/", views.publish_catalog, name="publish_catalog"),
    path("advisors/", views.advisors, name="advisors"),
    path("advisors/new/", views.create_advisor, name="create_advisor"),
    path("advisors/<int:pk>/", views.advisor, name="advisor"),
    path("advisors/<int:pk>/edit/", views.edit_advisor, name="edit_advisor"),
    path("advisors/<int:pk>/attendances/", views.record_attendance, name="record_attendance"),
    path(
        "advisors/<int:pk>/attendances/<int:attendance_pk>/edit/",
        views.edit_attendance,
        name="edit_attendance",
    ),
    path("advisors/<int:pk>/reviews/", views.record_review, name="record_review"),
    path("advisors/<int:pk>/reviews/<int:review_pk>/edit/", views.edit_review, name="edit_review"),
    path(
        "advisors/<int:pk>/reviews/<int:review_pk>/complete/",
        views.complete_review,
        name="complete_review",
    ),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_decision, name="edit"),
    path("<int:pk>/procedures/<str:procedure>/", views.record_procedure, name="record_procedure"),
    path("<int:pk>/comments/", views.add_comment, name="add_comment"),
    path("<int:pk>/comments/<int:comment_pk>/answer/", views.answer_comment, name="answer_comment"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.edit_comment, name="edit_comment"),
    path("<int:pk>/comments/<int:comment_pk>/answer/edit/", views.edit_answer, name="edit_answer"),
    path("<int:pk>/expert-opinions/", views.add_expert_opinion, name="add_expert_opinion"),
    path(
        "<int:pk>/expert-opinions/<int:opinion_pk>/edit/",
        views.edit_expert_opinion,
        name="edit_expert_opinion",
    ),
    path("<int:pk>/legality-review/", views.request_legality_review, name="request_legality_review"),
    path(
        "<int:pk>/legality-review/conclude/",
        views.conclude_legality_review,
        name="conclude_legality_review",
    ),
    path("<int:pk>/transitions/", views.advance, name="advance"),
    path("<int:pk>/documents/", views.attach_document, name="attach_document"),
    path("<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path("<int:pk>/archive/", views.archive, name="archive"),
]
public_urlpatterns = [
    path("decision-catalogs/", views.public_catalogs, name="catalogs"),
]
