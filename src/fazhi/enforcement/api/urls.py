"""API endpoints of law enforcement, mounted under /api/: bodies, item lists, certificates, training sessions and
supervision clues (the project's own router serves the API root)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import viewsets as api

router = DefaultRouter()
router.include_root_view = False
router.register("enforcement/bodies", api.BodyViewSet, basename="enforcement-body")
router.register("enforcement/powers", api.PowerViewSet, basename="enforcement-power")
router.register("enforcement/certificates", api.CertificateViewSet, basename="enforcement-certificate")
router.register(
    "enforcement/training-sessions", api.TrainingSessionViewSet, basename="enforcement-training-session"
)
router.register("enforcement/clues", api.ClueViewSet, basename="enforcement-clue")
router.register(
    "enforcement/self-assessments", api.SelfAssessmentViewSet, basename="enforcement-self-assessment"
)

urlpatterns = [
    path("enforcement/hotline-orders/", api.HotlineOrderView.as_view(), name="enforcement-hotline-orders"),
    *router.urls,
]
