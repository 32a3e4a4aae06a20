"""URLs of the enforcement pages: bodies with their item lists, officers and their certificates (the public
listings are under /public/)."""

from django.urls import path

from . import views

app_name = "enforcement"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("officers/", views.officer_list, name="officers"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("certificates/<int:pk>/cancel/", views.cancel_certificate, name="cancel_certificate"),
]
