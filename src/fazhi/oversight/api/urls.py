"""API endpoints of 督察整改与任务台账, mounted under /api/."""

from rest_framework.routers import SimpleRouter

from . import viewsets as api

router = SimpleRouter()
router.register("oversight/items", api.ItemViewSet, basename="oversight-item")
router.register("oversight/inspections", api.InspectionViewSet, basename="oversight-inspection")
router.register("oversight/plans", api.PlanViewSet, basename="oversight-plan")
router.register("oversight/tasks", api.TaskViewSet, basename="oversight-task")

urlpatterns = router.urls
