"""API endpoints of 行政应诉, mounted under /api/: /api/litigation/lawsuits/ and /api/litigation/meetings/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.include_root_view = False
router.register("litigation/lawsuits", api.LawsuitViewSet, basename="litigation-lawsuit")
router.register("litigation/meetings", api.MeetingViewSet, basename="litigation-meeting")

urlpatterns = [path("", include(router.urls))]
