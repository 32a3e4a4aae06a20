"""URLs of the litigation pages: the lawsuits with their timeline and steps, and the liaison meetings."""

from django.urls import path

from . import views

app_name = "litigation"
urlpatterns = [
    path("", views.lawsuits, name="lawsuits"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/defence/", views.act, {"action": "defence"}, name="defence"),
    path("<int:pk>/hearings/", views.act, {"action": "hearing"}, name="hearing"),
    path("<int:pk>/hearings/<int:hearing_pk>/edit/", views.edit_hearing, name="edit_hearing"),
    path("<int:pk>/judgment/", views.act, {"action": "judgment"}, name="judgment"),
    path("<int:pk>/appeal/", views.act, {"action": "appeal"}, name="appeal"),
    path("<int:pk>/judgment-service/", views.act, {"action": "judgment_service"}, name="judgment_service"),
    path("<int:pk>/head-request/", views.act, {"action": "head_request"}, name="head_request"),
    path("<int:pk>/recommendations/", views.act, {"action": "recommendation"}, name="recommendation"),
    path("<int:pk>/recommendations/<int:rec>/reply/", views.reply_recommendation, name="reply"),
    path("<int:pk>/recommendations/<int:rec>/edit/", views.edit_recommendation, name="edit_recommendation"),
    path("<int:pk>/effective/", views.act, {"action": "effective"}, name="effective"),
    path("<int:pk>/performance/", views.act, {"action": "performance"}, name="performance"),
    path("<int:pk>/supervision-clue/", views.act, {"action": "clue"}, name="clue"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/edit/", views.edit_meeting, name="edit_meeting"),
]
