"""The decisions API (serializers, viewsets); the router in fazhi.urls registers DecisionViewSet."""

from .viewsets import DecisionViewSet

__all__ = ["DecisionViewSet"]
