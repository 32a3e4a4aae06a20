"""API endpoints of 行政复议, mounted under /api/: /api/reconsideration-cases/."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("reconsideration-cases", api.ReconsiderationCaseViewSet, basename="reconsideration-case")
urlpatterns = router.urls
