"""Serializers of the duties API: they parse and render; the rules are the services'."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.models import Organization, Person

from ..models import Activity, DemonstrationProject
from ..rules.demonstration import TRANSITIONS


class ActivitySerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    people = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.all(), required=False, help_text="平台人员编号"
    )
    names = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        write_only=True,
        help_text="只有姓名的人员",
    )
    people_names = serializers.CharField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "kind_label",
            "held_on",
            "organization",
            "topic",
            "meeting",
            "people",
            "names",
            "people_names",
            "note",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)

    class Meta:
        model = DemonstrationProject
        fields = [
            "id",
            "name",
            "organization",
            "level",
            "batch",
            "applied_on",
            "stage",
            "stage_label",
            "shortlisted_on",
            "review_passed_on",
            "named_on",
        ]
        read_only_fields = ["stage", "shortlisted_on", "review_passed_on", "named_on"]
        validators = []  # the service's full_clean checks uniqueness with the model's message


class AdvanceSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=list(TRANSITIONS.items()))
    on = serializers.DateField(help_text="该阶段的日期")
