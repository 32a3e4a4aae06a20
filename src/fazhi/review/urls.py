"""URLs of the legality-review pages and the draft pre-check."""

from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("precheck/", views.precheck_page, name="precheck"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/opinion/", views.give_opinion, name="give_opinion"),
    path("<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("<int:pk>/versions/<int:number>/file/", views.version_file, name="version_file"),
    path("<int:pk>/letter/", views.letter, name="letter"),
]
