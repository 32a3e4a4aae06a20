"""The lists API: items of each list, all versions or those in force on ?on=YYYY-MM-DD; adding and removing through
the same services as every other path."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fazhi.core import access
from fazhi.core.models import Organization

from . import selectors, services
from .models import CatalogKind, ListItem, ServiceItem

ON = OpenApiParameter("on", str, description="只列出该日在清单内的事项（YYYY-MM-DD）")


def _on(request) -> dt.date | None:
    raw = request.query_params.get("on")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({"on": f"日期“{raw}”无效：请按“年-月-日”填写，如 2025-12-31。"}) from exc


class RemoveSerializer(serializers.Serializer):
    removed_on = serializers.DateField()
    reason = serializers.CharField(max_length=200)


class ListItemSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())

    class Meta:
        model = ListItem
        fields = [
            "id",
            "catalog",
            "code",
            "name",
            "basis",
            "organization",
            "issuer",
            "verification",
            "false_commitment",
            "added_on",
            "removed_on",
            "removal_reason",
        ]
        read_only_fields = ["removed_on", "removal_reason"]
        validators = []


class ServiceItemSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    mode_label = serializers.CharField(source="get_mode_display", read_only=True)

    class Meta:
        model = ServiceItem
        fields = [
            "id",
            "code",
            "name",
            "organization",
            "mode",
            "mode_label",
            "time_limit_days",
            "added_on",
            "removed_on",
            "removal_reason",
        ]
        read_only_fields = ["removed_on", "removal_reason"]
        validators = []


class _VersionedViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    def filtered(self, qs):
        day = _on(self.request)
        return selectors.in_force_on(qs, day) if day else qs

    @extend_schema(request=RemoveSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """移出 the item from a date, with the reason; the row stays for earlier days' lists."""
        payload = RemoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = services.remove(actor=request.user, item=self.get_object(), **payload.validated_data)
        return Response(self.get_serializer(item).data)


class ListItemViewSet(_VersionedViewSet):
    serializer_class = ListItemSerializer

    def get_queryset(self):
        qs = access.scope(self.request.user, ListItem.objects.select_related("organization")).order_by(
            "catalog", "code", "added_on"
        )
        catalog = self.request.query_params.get("catalog")
        if catalog in CatalogKind.values:
            qs = qs.filter(catalog=catalog)
        return self.filtered(qs)

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
