"""The lists API: items of each list, all versions or those in force on ?on=YYYY-MM-DD, read through the selectors;
adding and removing through the same services (and so the same rules and messages) as every other path."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .. import selectors, services
from ..models import CatalogKind
from .serializers import ListItemSerializer, RemoveSerializer, ServiceItemSerializer

ON = OpenApiParameter("on", str, description="只列出该日在清单内的事项（YYYY-MM-DD）")


def _on(request) -> dt.date | None:
    raw = request.query_params.get("on")
    if not raw:
        return None
    day, error = selectors.day_asked(raw)
    if error:
        raise ValidationError({"on": error})
    return day


class _VersionedViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    own_query_params = ("on",)  # read by filtered(); ?catalog= is also a filter of the model's field

    def filtered(self, qs):
        day = _on(self.request)
        return selectors.in_force_on(qs, day) if day else qs

    @extend_schema(request=RemoveSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """移出 the item from a date, with the reason; the row stays for earlier days' lists."""
        payload = RemoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        item = services.remove(
            actor=request.user,
            item=self.get_object(),
            removed_on=data.get("removed_on"),
            reason=data["reason"],
        )
        return Response(self.get_serializer(item).data)


class ListItemViewSet(_VersionedViewSet):
    serializer_class = ListItemSerializer

    def get_queryset(self):
        catalog = self.request.query_params.get("catalog")
        qs = selectors.items_for(self.request.user, catalog if catalog in CatalogKind.values else None)
        return self.filtered(qs.order_by("catalog", "code", "added_on"))

    @extend_schema(
        parameters=[ON, OpenApiParameter("catalog", str, description="certification 或 commitment")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.add_item(actor=self.request.user, **serializer.validated_data)


class ServiceItemViewSet(_VersionedViewSet):
    serializer_class = ServiceItemSerializer

    def get_queryset(self):
        return self.filtered(selectors.service_items_for(self.request.user).order_by("code", "added_on"))

    @extend_schema(parameters=[ON])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.add_service_item(actor=self.request.user, **serializer.validated_data)
