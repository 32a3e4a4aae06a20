"""URLs of the reconsideration pages: the docket, a case with its actions and documents, figures and the
national-platform export."""

from django.urls import path

from . import views

app_name = "disputes"
urlpatterns = [
    path("", views.index, name="cases"),
    path("register/", views.register, name="register"),
    path("figures/", views.figures, name="figures"),
    path("timeline/", views.calculator, name="calculator"),
    path("export/", views.export, name="export"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/act/<str:name>/", views.act, name="act"),
    path("<int:pk>/documents/<str:kind>/", views.document, name="document"),
]
