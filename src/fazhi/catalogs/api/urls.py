"""API endpoints of 清单管理, mounted under /api/: /api/catalogs/items/ and /api/catalogs/service-items/."""

from rest_framework.routers import SimpleRouter

from . import viewsets

router = SimpleRouter()
router.register("catalogs/items", viewsets.ListItemViewSet, basename="catalogs-item")
router.register("catalogs/service-items", viewsets.ServiceItemViewSet, basename="catalogs-service-item")

urlpatterns = router.urls
