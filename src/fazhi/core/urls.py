"""URLs of core's pages."""

from django.urls import path

from . import views
from .web import choices, otp, people

app_name = "core"
urlpatterns = [
    path("", views.home, name="workbench"),
    path("public/", views.public_index, name="public"),
    path("accounts/second-factor/", otp.verify, name="otp_verify"),
    path("accounts/second-factor/setup/", otp.setup, name="otp_setup"),
    path("people/", people.person_list, name="people"),
    path("people/<int:pk>/edit/", people.edit_person, name="edit_person"),
    path("settings/", views.settings_list, name="settings"),
    path("settings/<str:key>/", views.setting_change, name="setting_change"),
    path("ledgers/", views.ledger_list, name="ledgers"),
    path("choices/<slug:source>/", choices.search, name="choices"),
    path("ledgers/<str:code>/template/", views.ledger_template, name="ledger_template"),
    path("ledgers/<str:code>/export/", views.ledger_export, name="ledger_export"),
    path("ledgers/<str:code>/import/", views.ledger_import, name="ledger_import"),
    path("ledgers/jobs/<int:pk>/", views.ledger_job, name="ledger_job"),
    path("ledgers/jobs/<int:pk>/status/", views.ledger_job_status, name="ledger_job_status"),
    path("ledgers/jobs/<int:pk>/confirm/", views.ledger_job_confirm, name="ledger_job_confirm"),
]
