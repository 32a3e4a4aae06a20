"""The project's URLs: pages, admin, API with its schema and docs (assets served locally)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from fazhi.core import api as core_api
from fazhi.decisions import api as decisions_api
from fazhi.decisions.web import urls as decisions_urls
from fazhi.enforcement.web.views import certificates as enforcement_views
from fazhi.indicators import api as indicators_api
from fazhi.review.web import urls as review_urls

handler403 = "fazhi.core.views.permission_denied"
handler404 = "fazhi.core.views.page_not_found"
handler500 = "fazhi.core.views.server_error"

router = DefaultRouter()
router.register("organizations", core_api.OrganizationViewSet, basename="organization")
router.register("people", core_api.PersonViewSet, basename="person")
router.register("audit-events", core_api.AuditEventViewSet, basename="auditevent")
# Before "decisions": its detail route would read "advisors" as a decision's id.
router.register("decisions/advisors", decisions_api.LegalAdvisorViewSet, basename="decisions-advisor")
router.register("decisions", decisions_api.DecisionViewSet, basename="decision")

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path(
        "accounts/activate/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url="/accounts/login/"),
        name="account_activate",
    ),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/indicators/", indicators_api.IndicatorListView.as_view(), name="api-indicators"),
    path("api/ledgers/<str:code>/export/", core_api.LedgerExportView.as_view(), name="api-ledger-export"),
    path("api/ledgers/<str:code>/import/", core_api.LedgerImportView.as_view(), name="api-ledger-import"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("decisions/", include("fazhi.decisions.web.urls")),
    path("public/", include((decisions_urls.public_urlpatterns, "decisions_public"))),
    path("review/", include(review_urls.reviews)),
    path("documents/", include(review_urls.documents_app)),
    path(
        "public/normative-documents/",
        review_urls.public_documents,
        name="public_normative_documents",
    ),
    path("enforcement/", include("fazhi.enforcement.web.urls")),
    path(
        "public/enforcement-officers/", enforcement_views.public_officers, name="public_enforcement_officers"
    ),
    path("public/enforcement-powers/", enforcement_views.public_powers, name="public_enforcement_powers"),
    path("enforcement/evaluation/", include("fazhi.enforcement.web.urls.evaluation")),
    path("disputes/", include("fazhi.disputes.web.urls")),
    path("litigation/", include("fazhi.litigation.web.urls")),
    path("oversight/", include("fazhi.oversight.web.urls")),
    path("duties/", include("fazhi.duties.web.urls")),
    path("catalogs/", include("fazhi.catalogs.web.urls")),
    path("reports/", include("fazhi.reports.web.urls")),
    path("public/", include("fazhi.litigation.web.public_urls")),
    path("public/", include("fazhi.oversight.web.public_urls")),
    path("public/", include("fazhi.catalogs.web.public_urls")),
    path("public/", include("fazhi.reports.web.public_urls")),
    path("api/", include("fazhi.review.api.urls")),
    path("api/", include("fazhi.enforcement.api.urls")),
    path("api/", include("fazhi.disputes.api.urls")),
    path("api/", include("fazhi.litigation.api.urls")),
    path("api/", include("fazhi.oversight.api.urls")),
    path("api/", include("fazhi.duties.api.urls")),
    path("api/", include("fazhi.catalogs.api.urls")),
    path("api/", include("fazhi.reports.api.urls")),
    path("", include("fazhi.core.urls")),
]
