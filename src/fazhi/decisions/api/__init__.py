"""The decisions API (serializers, viewsets); the router in fazhi.urls registers DecisionViewSet and LegalAdvisorViewSet."""

from .viewsets import DecisionViewSet, LegalAdvisorViewSet

__all__ = ["DecisionViewSet", "LegalAdvisorViewSet"]
