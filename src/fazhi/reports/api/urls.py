"""API endpoints of 年度报告与驾驶舱, mounted under /api/."""

from rest_framework.routers import DefaultRouter

from . import viewsets

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("reports/issued", viewsets.IssuedReportViewSet, basename="reports-issued")
router.register("reports/drafts", viewsets.DraftViewSet, basename="reports-drafts")

router.register("reports/submissions", viewsets.SubmissionViewSet, basename="reports-submissions")
router.register("reports/statements", viewsets.WorkstreamStatementViewSet, basename="reports-statements")

urlpatterns = router.urls
