"""URLs of the duties pages: the activity ledger, an activity, the demonstration projects."""

from django.urls import path

from . import views

app_name = "duties"
urlpatterns = [
    path("", views.index, name="activities"),
    path("<int:pk>/", views.activity, name="activity"),
    path("<int:pk>/edit/", views.edit_activity, name="edit_activity"),
    path("<int:pk>/delete/", views.delete_activity, name="delete_activity"),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/", views.delete_attachment, name="delete_attachment"
    ),
    path("projects/", views.projects, name="projects"),
    path("projects/<int:pk>/edit/", views.edit_project, name="edit_project"),
    path("projects/<int:pk>/advance/", views.advance, name="advance"),
]
