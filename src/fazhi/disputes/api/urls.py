"""API endpoints of 行政复议, mounted under /api/: /api/reconsideration-cases/."""

from rest_framework.routers import SimpleRouter

from . import viewsets

router = SimpleRouter()
router.register("reconsideration-cases", viewsets.ReconsiderationCaseViewSet, basename="reconsideration-case")
urlpatterns = router.urls
