"""API endpoints of 述法学法与示范创建, mounted under /api/: /api/duties/activities/ and /api/duties/projects/."""

from rest_framework.routers import SimpleRouter

from . import viewsets

router = SimpleRouter()
router.register("duties/activities", viewsets.ActivityViewSet, basename="duties-activity")
router.register("duties/projects", viewsets.ProjectViewSet, basename="duties-project")

urlpatterns = router.urls
