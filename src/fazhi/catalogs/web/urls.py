"""URLs of the staff pages of the lists (the public pages are in public_urls.py, under /public/)."""

from django.urls import path

from . import views

app_name = "catalogs"
urlpatterns = [
    path("", views.lists, name="lists"),
    path("<str:kind>/", views.lists, name="list"),
    path("<str:kind>/add/", views.add, name="add"),
    path("<str:kind>/<int:pk>/edit/", views.revise, name="edit"),
    path("<str:kind>/<int:pk>/remove/", views.remove, name="remove"),
]
