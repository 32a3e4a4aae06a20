"""API endpoints of 合法性审查与规范性文件, mounted under /api/."""

from rest_framework.routers import SimpleRouter

from . import viewsets as api

router = SimpleRouter()
router.register("review/reviews", api.ReviewViewSet, basename="review-review")
router.register("review/documents", api.DocumentViewSet, basename="review-document")
router.register("review/filings", api.FilingViewSet, basename="review-filing")
router.register("review/cleanup-campaigns", api.CleanupCampaignViewSet, basename="review-cleanup-campaign")

urlpatterns = router.urls
