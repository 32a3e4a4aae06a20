"""Public pages (no login) of the lists, mounted under /public/: each list today or on ?on=YYYY-MM-DD, and its xlsx
download (/public/certification-items/xlsx/?on=…)."""

from django.urls import path

from ..documents.lists import LISTS
from . import views

urlpatterns = [
    p
    for slug in LISTS
    for p in (
        path(f"{slug}/", views.public_list, {"slug": slug}, name=f"catalogs_public_{slug.replace('-', '_')}"),
        path(
            f"{slug}/xlsx/",
            views.public_download,
            {"slug": slug},
            name=f"catalogs_public_{slug.replace('-', '_')}_xlsx",
        ),
    )
]
