"""API endpoints of 行政应诉, mounted under /api/: /api/litigation/lawsuits/ and /api/litigation/meetings/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import viewsets

router = DefaultRouter()
router.include_root_view = False
router.register("litigation/lawsuits", viewsets.LawsuitViewSet, basename="litigation-lawsuit")
router.register(
    "litigation/recommendations", viewsets.RecommendationViewSet, basename="litigation-recommendation"
)
router.register("litigation/meetings", viewsets.MeetingViewSet, basename="litigation-meeting")

urlpatterns = [path("", include(router.urls))]
