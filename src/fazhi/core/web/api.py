"""API base classes: Chinese 400/403 from the services' errors, and viewsets that write through the services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.views import exception_handler

from fazhi.core import services


def fazhi_exception_handler(exc, context):
    """Django's ValidationError and PermissionDenied from the services become 400 and 403 with Chinese messages."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied(str(exc) or "您无权执行此操作。")
    return exception_handler(exc, context)


class ServiceBackedViewSet(viewsets.ModelViewSet):
    """Create, update and delete through the services; DRF only parses and renders."""

    def perform_create(self, serializer):
        serializer.instance = self.create_service(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.update_service(
            actor=self.request.user, instance=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_record(actor=self.request.user, instance=instance)
