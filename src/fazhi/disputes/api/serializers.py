"""Serializers of the reconsideration API: a case with its clocks, and an action of the case page."""

from __future__ import annotations

from django import forms as django_forms
from django.db.models.manager import BaseManager
from drf_spectacular.utils import PolymorphicProxySerializer, inline_serializer
from rest_framework import serializers

from fazhi.core.models import Organization
from fazhi.core.web.masking import MaskedField
from fazhi.enforcement import selectors as enforcement_selectors

from ..models import CaseClock, Hearing, ReconsiderationCase
from ..rules import outcomes as outcome_rules
from ..web import forms


class ReconsiderationClockSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = CaseClock
        fields = ["kind", "kind_label", "start", "due_on", "met_on", "rule", "explanation", "provisional"]


class CaseHearingSerializer(serializers.ModelSerializer):
    """A hearing of the case: its id is what the hold_hearing action names."""

    class Meta:
        model = Hearing
        fields = ["id", "notified_on", "scheduled_on", "held_on", "presiding"]


class CaseListSerializer(serializers.ListSerializer):
    """A list of cases: their late-application notes computed together (outcome_rules.late_applications), on one
    calendar for the page, not one grown case by case."""

    def to_representation(self, data):
        rows = list(data.all() if isinstance(data, BaseManager) else data)
        self.context["late_applications"] = outcome_rules.late_applications(rows)
        return super().to_representation(rows)


class ReconsiderationCaseSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    respondent = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    applicant_id_code = serializers.CharField(write_only=True)
    applicant_contact = MaskedField(max_length=200, required=False, allow_blank=True)
    masked_id_code = serializers.CharField(read_only=True)
    clocks = ReconsiderationClockSerializer(many=True, read_only=True)
    hearings = CaseHearingSerializer(many=True, read_only=True)
    supervision_clue = serializers.SerializerMethodField(help_text="由本案移送的执法监督线索编号，未移送为空")

    late_application = serializers.SerializerMethodField(
        help_text="超过申请期限的说明（行政复议法第二十条、第二十一条），未超过为空"
    )
    authority = serializers.SerializerMethodField(help_text="以其名义作出决定的行政复议机关")

    def get_late_application(self, case) -> str:
        known = self.context.get("late_applications", {})
        return known[case.pk] if case.pk in known else outcome_rules.late_application(case)

    def get_authority(self, case) -> str:
        """The setting read once per response, not once per case of a list."""
        if "authority_name" not in self.context:
            self.context["authority_name"] = outcome_rules.authority_name()
        return self.context["authority_name"]

    def get_supervision_clue(self, case) -> int | None:
        """The clue opened from the case (enforcement.origins): annotated on lists by the viewset, else looked up."""
        if hasattr(case, "supervision_clue_id"):
            return case.supervision_clue_id
        clue = enforcement_selectors.clue_for(case)
        return clue.pk if clue else None

    class Meta:
        model = ReconsiderationCase
        list_serializer_class = CaseListSerializer
        fields = [
            "id",
            "docket_number",
            "organization",
            "channel",
            "received_on",
            "applicant_kind",
            "applicant_name",
            "applicant_id_code",
            "masked_id_code",
            "applicant_contact",
            "agent",
            "respondent",
            "contested_act",
            "act_date",
            "request",
            "facts",
            "procedure",
            "known_on",
            "real_property",
            "nonperformance",
            "third_parties",
            "late_application",
            "status",
            "status_label",
            "accepted_on",
            "deemed_accepted",
            "outcome",
            "concluded_on",
            "respondent_statement",
            "findings",
            "legal_basis",
            "committee_ground",
            "committee_consulted_on",
            "committee_opinion",
            "approval",
            "approved_by",
            "approved_on",
            "copy_report_to",
            "authority",
            "platform_entered_on",
            "platform_number",
            "supervision_clue",
            "clocks",
            "hearings",
        ]
        read_only_fields = [
            "docket_number",
            "status",
            "accepted_on",
            "deemed_accepted",
            "outcome",
            "concluded_on",
            "respondent_statement",
            "findings",
            "legal_basis",
            "committee_ground",
            "committee_consulted_on",
            "committee_opinion",
            "approval",
            "approved_by",
            "approved_on",
            "copy_report_to",
            "platform_entered_on",
            "platform_number",
        ]


class ReconsiderationActionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=sorted(forms.ACTIONS), help_text="操作名称，如 accept、send_copy、decide"
    )
    data = serializers.DictField(
        required=False, default=dict, help_text='该操作表单的字段，如 {"on": "2025-03-05"}'
    )


def _schema_field(field: django_forms.Field) -> serializers.Field:
    """The API field that describes a form field of an action (for the OpenAPI schema; the form still parses)."""
    common = {
        "required": field.required,
        "label": str(field.label or ""),
        "help_text": str(field.help_text or ""),
    }
    if isinstance(field, django_forms.BooleanField):
        return serializers.BooleanField(**{**common, "required": False})
    if isinstance(field, django_forms.DateField):
        return serializers.DateField(**common)
    if isinstance(field, django_forms.IntegerField):
        return serializers.IntegerField(**common)
    if isinstance(field, django_forms.ModelChoiceField):
        return serializers.IntegerField(
            **{**common, "help_text": f"{common['help_text']}（编号）".lstrip("（")}
        )
    if isinstance(field, django_forms.ChoiceField):
        return serializers.ChoiceField(choices=[c for c in field.choices if c[0] != ""], **common)
    return serializers.CharField(**common, allow_blank=not field.required)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _action_schema(action) -> serializers.Serializer:
    data = inline_serializer(
        name=f"ReconsiderationAction{_camel(action.name)}Data",
        fields={name: _schema_field(f) for name, f in action.form.base_fields.items()},
    )
    return inline_serializer(
        name=f"ReconsiderationAction{_camel(action.name)}",
        fields={
            "name": serializers.ChoiceField(choices=[(action.name, action.label)], help_text=action.label),
            "data": data,
        },
    )


ACTION_REQUEST = PolymorphicProxySerializer(
    component_name="ReconsiderationActionRequest",
    serializers={name: _action_schema(action) for name, action in sorted(forms.ACTIONS.items())},
    resource_type_field_name="name",
)
"""The request of `POST /api/reconsideration-cases/{id}/actions/` in the OpenAPI schema: one variant per action of
the case page, `name` telling which, `data` the fields of that action's form."""
