"""Serializers of the lists API: they parse and render; the fields are the models' one list (record_fields), the
rules are the services'."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.models import Organization

from ..models import ListItem, ServiceItem

READ_ONLY = ["removed_on", "removal_reason"]  # set by the 移出 action, never on creation


class RemoveSerializer(serializers.Serializer):
    removed_on = serializers.DateField(required=False, allow_null=True)
    # Blank passes through: the service's rule answers with its own message (请写明移出原因…).
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ListItemSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())

    class Meta:
        model = ListItem
        fields = ["id", *ListItem.record_fields()]
        read_only_fields = READ_ONLY
        validators = []


class ServiceItemSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    mode_label = serializers.CharField(source="get_mode_display", read_only=True)

    class Meta:
        model = ServiceItem
        fields = ["id", *ServiceItem.record_fields(), "mode_label"]
        read_only_fields = READ_ONLY
        validators = []
