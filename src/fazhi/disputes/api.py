"""The reconsideration API: the docket with each case's clocks (scoped by core.access), registering an application,
the case actions through the same services as the pages, and the national-platform export."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.models import Organization

from . import forms, platform, selectors, services
from .models import CaseClock, ReconsiderationCase


class ReconsiderationClockSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = CaseClock
        fields = ["kind", "kind_label", "start", "due_on", "met_on", "rule", "explanation", "provisional"]


class ReconsiderationCaseSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    respondent = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    applicant_id_code = serializers.CharField(write_only=True)
    masked_id_code = serializers.CharField(read_only=True)
    clocks = ReconsiderationClockSerializer(many=True, read_only=True)

    class Meta:
        model = ReconsiderationCase
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
            "status",
            "status_label",
            "accepted_on",
            "deemed_accepted",
            "outcome",
            "concluded_on",
            "platform_entered_on",
            "platform_number",
            "supervision_clue",
            "clocks",
        ]
        read_only_fields = [
            "docket_number",
            "status",
            "accepted_on",
            "deemed_accepted",
            "outcome",
            "concluded_on",
            "platform_entered_on",
            "platform_number",
            "supervision_clue",
        ]


class ReconsiderationActionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=sorted(forms.ACTIONS), help_text="操作名称，如 accept、send_copy、decide"
    )
    data = serializers.DictField(
        required=False, default=dict, help_text='该操作表单的字段，如 {"on": "2025-03-05"}'
    )


def _refused(exc) -> Response:
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)


class ReconsiderationCaseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ReconsiderationCaseSerializer

    def get_queryset(self):
        return selectors.cases_for(self.request.user).prefetch_related("clocks")

    def create(self, request, *args, **kwargs):
        """Register an application (收到) in the caller's office; the docket number is given by the platform."""
        payload = ReconsiderationCaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {k: v for k, v in payload.validated_data.items() if k in services.REGISTRATION_FIELDS}
        try:
            case = services.register_case(actor=request.user, organization=request.user.organization, **data)
        except (PermissionDenied, ValidationError) as exc:
            return _refused(exc)
        return Response(ReconsiderationCaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReconsiderationActionSerializer, responses=ReconsiderationCaseSerializer)
    @action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        """Take an action of the case page (transitions, opinions, hearings, platform entry, clue)."""
        payload = ReconsiderationActionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case = self.get_object()
        spec = forms.ACTIONS[payload.validated_data["name"]]
        form = forms.form_for(
            spec, case, data={f"{spec.name}-{k}": v for k, v in payload.validated_data["data"].items()}
        )
        if not form.is_valid():
            return Response({"detail": form.errors}, status=status.HTTP_400_BAD_REQUEST)
        try:
            spec.call(request.user, case, form.cleaned_data)
        except (PermissionDenied, ValidationError) as exc:
            return _refused(exc)
        case.refresh_from_db()
        return Response(ReconsiderationCaseSerializer(case).data)

    @extend_schema(
        parameters=[OpenApiParameter("year", int), OpenApiParameter("format", str, enum=["csv", "json"])]
    )
    @action(detail=False, methods=["get"], url_path="platform-export")
    def platform_export(self, request):
        """The year's cases in the national-platform layout (see fazhi.disputes.platform)."""
        fmt = request.query_params.get("format", "json")
        year = request.query_params.get("year", "")
        if fmt not in ("csv", "json") or not year.isdigit():
            return Response({"detail": "请指定 year（年度）和 format（csv 或 json）。"}, status=400)
        filename, content = platform.export(actor=request.user, year=int(year), fmt=fmt)
        kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/json; charset=utf-8"
        response = HttpResponse(content, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="reconsideration-{year}.{fmt}"'
        return response
