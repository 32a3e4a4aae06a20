"""The project's URLs: pages, admin, API with its schema and docs (assets served locally)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from fazhi.core import api as core_api
from fazhi.decisions import api as decisions_api
from fazhi.decisions import urls as decisions_urls
from fazhi.enforcement import views as enforcement_views
from fazhi.indicators import api as indicators_api
from fazhi.review.web import urls as review_urls

router = DefaultRouter()
router.register("organizations", core_api.OrganizationViewSet, basename="organization")
router.register("people", core_api.PersonViewSet, basename="person")
router.register("audit-events", core_api.AuditEventViewSet, basename="auditevent")
router.register("decisions", decisions_api.DecisionViewSet, basename="decision")

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/indicators/", indicators_api.IndicatorListView.as_view(), name="api-indicators"),
    path("api/ledgers/<str:code>/export/", core_api.LedgerExportView.as_view(), name="api-ledger-export"),
    path("api/ledgers/<str:code>/import/", core_api.LedgerImportView.as_view(), name="api-ledger-import"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("decisions/", include("fazhi.decisions.urls")),
    path("public/", include((decisions_urls.public_urlpatterns, "decisions_public"))),
    path("review/", include(review_urls.reviews)),
    path("documents/", include(review_urls.documents_app)),
    path(
        "public/normative-documents/",
        review_urls.public_documents,
        name="public_normative_documents",
    ),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path(
        "public/enforcement-officers/", enforcement_views.public_officers, name="public_enforcement_officers"
    ),
    path("public/enforcement-powers/", enforcement_views.public_powers, name="public_enforcement_powers"),
    path("enforcement/evaluation/", include("fazhi.enforcement.evaluation_urls")),
    path("disputes/", include("fazhi.disputes.urls")),
    path("litigation/", include("fazhi.disputes.litigation.urls")),
    path("oversight/", include("fazhi.oversight.urls")),
    path("duties/", include("fazhi.oversight.duties.urls")),
    path("catalogs/", include("fazhi.catalogs.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("public/", include("fazhi.disputes.public_urls")),
    path("public/", include("fazhi.disputes.litigation.public_urls")),
    path("public/", include("fazhi.oversight.public_urls")),
    path("public/", include("fazhi.oversight.duties.public_urls")),
    path("public/", include("fazhi.catalogs.public_urls")),
    path("public/", include("fazhi.reports.public_urls")),
    path("api/", include("fazhi.enforcement.api_urls")),
    path("api/", include("fazhi.disputes.api_urls")),
    path("api/", include("fazhi.disputes.litigation.api_urls")),
    path("api/", include("fazhi.oversight.api_urls")),
    path("api/", include("fazhi.oversight.duties.api_urls")),
    path("api/", include("fazhi.catalogs.api_urls")),
    path("api/", include("fazhi.reports.api_urls")),
    path("", include("fazhi.core.urls")),
]
