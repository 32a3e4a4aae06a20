"""URLs of the litigation pages: the lawsuits with their timeline and steps, and the liaison meetings."""

from django.urls import path

from . import views

app_name = "litigation"
urlpatterns = [
    path("", views.lawsuits, name="lawsuits"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/defence/", views.submit_defence, name="defence"),
    path("<int:pk>/hearings/", views.add_hearing, name="hearing"),
    path("<int:pk>/judgment/", views.record_judgment, name="judgment"),
    path("<int:pk>/appeal/", views.record_appeal, name="appeal"),
    path("<int:pk>/judgment-service/", views.record_judgment_service, name="judgment_service"),
    path("<int:pk>/head-request/", views.record_head_request, name="head_request"),
    path("<int:pk>/recommendations/", views.add_recommendation, name="recommendation"),
    path("<int:pk>/recommendations/<int:rec>/reply/", views.reply_recommendation, name="reply"),
    path("<int:pk>/effective/", views.mark_effective, name="effective"),
    path("<int:pk>/performance/", views.record_performance, name="performance"),
    path("<int:pk>/supervision-clue/", views.open_clue, name="clue"),
    path("meetings/", views.meetings, name="meetings"),
]
