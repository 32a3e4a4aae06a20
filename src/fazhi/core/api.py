"""The REST API of core records. Reads are scoped by core.access; writes call the same services as every path."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from . import audit, selectors, services
from .io import ledgers, limits
from .models import AuditEvent, Organization, Person, User
from .web.api import ServiceBackedViewSet


class OrganizationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "credit_code",
            "path",
            "sort_order",
            "is_active",
        ]
        read_only_fields = ["path"]


class PersonSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    id_number = serializers.CharField(write_only=True, max_length=18)
    masked_id_number = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "id_number",
            "masked_id_number",
            "organization",
            "position",
            "is_principal_leader",
            "has_legal_qualification",
            "legal_qualification_year",
            "is_active",
        ]
        # Uniqueness is checked by the service's full_clean, with the model's Chinese message.
        validators = []
        extra_kwargs = {"id_number": {"validators": []}}


class OrganizationViewSet(ServiceBackedViewSet):
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        return selectors.organizations_for(self.request.user)

    @staticmethod
    def create_service(*, actor, **data):
        return services.create_organization(actor=actor, **data)

    @staticmethod
    def update_service(*, actor, instance, data):
        return services.update_organization(actor=actor, organization=instance, **data)


class PersonViewSet(ServiceBackedViewSet):
    serializer_class = PersonSerializer

    def get_queryset(self):
        return selectors.people_for(self.request.user)

    @staticmethod
    def create_service(*, actor, **data):
        return services.create_person(actor=actor, **data)

    @staticmethod
    def update_service(*, actor, instance, data):
        return services.update_person(actor=actor, person=instance, **data)


class AuditEventSerializer(serializers.ModelSerializer):
    changes = serializers.SerializerMethodField()

    def get_changes(self, event) -> dict:
        return audit.masked_changes(event)

    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "occurred_at",
            "actor",
            "actor_name",
            "source_ip",
            "action",
            "model_label",
            "object_id",
            "object_repr",
            "organization",
            "transition",
            "changes",
            "note",
            "prev_hash",
            "hash",
        ]


@extend_schema(
    parameters=[
        OpenApiParameter("actor", int, description="操作人用户编号"),
        OpenApiParameter("since", str, description="起始时间（ISO 8601）"),
        OpenApiParameter("until", str, description="截止时间（ISO 8601）"),
    ]
)
class AuditEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AuditEventSerializer
    lookup_field = "seq"
    own_query_params = ("actor", "since", "until")  # read by get_queryset: an unknown actor lists nothing

    def get_queryset(self):
        params = self.request.query_params

        def when(name):
            if not params.get(name):
                return None
            try:
                return dt.datetime.fromisoformat(params[name])
            except ValueError as exc:
                raise ValidationError(
                    {name: "时间格式应为 ISO 8601，如 2024-01-31T08:00:00+08:00。"}
                ) from exc

        actor = None
        if params.get("actor"):
            actor = User.objects.filter(pk=params["actor"]).first()
            if actor is None:
                return AuditEvent.objects.none()
        return selectors.audit_events_for(
            self.request.user, actor=actor, since=when("since"), until=when("until")
        )


class LedgerExportView(APIView):
    """GET: the ledger as xlsx, containing only what the caller may see."""

    @extend_schema(
        responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes}
    )
    def get(self, request, code):
        try:
            content = ledgers.export_for(actor=request.user, ledger=code)
        except ledgers.LedgerFileError as exc:
            raise NotFound(str(exc)) from exc
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{code}.xlsx"'
        return response


class LedgerImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=".xlsx 或 .csv（UTF-8 或 GBK）")
    dry_run = serializers.BooleanField(default=True, help_text="默认试导入；false 时写入")


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()
    text = serializers.CharField()


class ImportWarningSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    message = serializers.CharField()
    text = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    ledger = serializers.CharField()
    filename = serializers.CharField()
    dry_run = serializers.BooleanField()
    total = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    imported = serializers.BooleanField()
    summary = serializers.CharField()
    errors = ImportErrorSerializer(many=True)
    preview = serializers.ListField(child=serializers.DictField())
    warnings = ImportWarningSerializer(
        many=True, help_text="可以导入、但须知道的情况（如历史案件超过的期限）；试导入与正式导入相同"
    )
    notices = serializers.ListField(
        child=serializers.CharField(), help_text="写入后只显示这一次的提示（如新账号的启用链接）"
    )


class LedgerImportView(APIView):
    """POST a file (field `file`); `dry_run=false` to write. Returns the row-by-row result."""

    @extend_schema(
        request={"multipart/form-data": LedgerImportRequestSerializer},
        responses={200: ImportResultSerializer, 400: ImportResultSerializer},
    )
    def post(self, request, code):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "请上传 .xlsx 或 .csv 文件。"})
        dry_run = str(request.data.get("dry_run", "true")).strip().lower() not in ("false", "0", "no")
        try:
            ledgers.check_may_import(request.user, ledgers.get(code))
        except ledgers.LedgerFileError as exc:
            raise ValidationError({"file": str(exc)}) from exc
        try:
            limits.check_upload_size(upload.size, "ledger")
        except DjangoValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        try:
            result = ledgers.run_import(
                code, content=upload.read(), filename=upload.name, actor=request.user, dry_run=dry_run
            )
        except ledgers.LedgerFileError as exc:
            raise ValidationError({"file": str(exc)}) from exc
        return Response(
            result.as_dict(), status=status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST
        )
