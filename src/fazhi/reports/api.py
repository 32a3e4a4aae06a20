"""The reports API: issued reports (frozen, with hash and the changes since), and drafts of a unit's report for a
year with every figure and the consistency checks. Reads scoped by core.access; issuing through the services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from fazhi.core import access

from . import builder, selectors, services
from .models import IssuedReport

PARAMS = [
    OpenApiParameter("year", int, required=True, description="年度"),
    OpenApiParameter("org", str, description="单位代码；留空为本人可见的最上级单位"),
]


class ReportFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    group = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    change_phrase = serializers.CharField()
    incomplete = serializers.IntegerField()


class ReportCheckSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    found = serializers.CharField()
    items = serializers.ListField(child=serializers.CharField())


class BlockSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["title", "h1", "h2", "p"], help_text="标题、一级标题、二级标题、段落"
    )
    text = serializers.CharField()


class DraftSerializer(serializers.Serializer):
    organization = serializers.CharField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    blocks = BlockSerializer(many=True)
    figures = serializers.DictField(child=ReportFigureSerializer(), help_text="按指标代码")
    checks = ReportCheckSerializer(many=True)


class ChangesSerializer(serializers.Serializer):
    figures = serializers.ListField(child=serializers.DictField(), help_text="印发时与按今日数据不同的指标")
    text = serializers.ListField(child=serializers.CharField(), help_text="文本差异（unified diff）")
    unchanged = serializers.BooleanField()
    hash_ok = serializers.BooleanField(help_text="封存内容与哈希是否一致")


class IssuedReportSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    issued_by = serializers.StringRelatedField()
    hash_ok = serializers.SerializerMethodField()

    class Meta:
        model = IssuedReport
        fields = [
            "id",
            "organization",
            "year",
            "title",
            "issued_on",
            "issued_by",
            "sha256",
            "hash_ok",
            "content",
        ]

    def get_hash_ok(self, obj) -> bool:
        return services.verify(obj)


class IssueSerializer(serializers.Serializer):
    org = serializers.CharField(help_text="单位代码")
    year = serializers.IntegerField()
    issued_on = serializers.DateField(required=False)


class IssuedReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Issued reports; POST issues one (refused while a check finds an inconsistency)."""

    serializer_class = IssuedReportSerializer

    def get_queryset(self):
        return selectors.issued_for(self.request.user)

    @extend_schema(request=IssueSerializer, responses=IssuedReportSerializer)
    def create(self, request):
        payload = IssueSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        org = _organization(request, payload.validated_data["org"])
        issued = services.issue_report(
            actor=request.user,
            organization=org,
            year=payload.validated_data["year"],
            issued_on=payload.validated_data.get("issued_on"),
        )
        return Response(IssuedReportSerializer(issued).data, status=201)

    @extend_schema(responses=ReportFigureSerializer(many=True))
    @action(detail=True)
    def figures(self, request, pk=None):
        """The figures as issued."""
        return Response(list(self.get_object().content.get("figures", {}).values()))

    @extend_schema(responses=ChangesSerializer)
    @action(detail=True)
    def changes(self, request, pk=None):
        """What today's data changes: figures and text lines."""
        return Response(services.changes_since(self.get_object()))


def _organization(request, code):
    try:
        org = selectors.organization_for(request.user, code)
    except Exception as exc:
        raise NotFound(str(exc)) from exc
    return org


def _draft(request, *, with_checks: bool = True) -> builder.Report:
    try:
        year = int(request.query_params.get("year", ""))
    except ValueError as exc:
        raise ValidationError({"year": "请提供年度，如 year=2025。"}) from exc
    org = _organization(request, request.query_params.get("org"))
    access.check(request.user, org, access.VIEW)
    return builder.build(org, year, scope=selectors.scope_for(request.user, org), with_checks=with_checks)


class DraftViewSet(viewsets.ViewSet):
    """The draft of a unit's report for a year, computed on today's records."""

    @extend_schema(parameters=PARAMS, responses=DraftSerializer)
    def list(self, request):
        return Response(_draft(request).as_json())

    @extend_schema(parameters=PARAMS, responses=ReportFigureSerializer(many=True))
    @action(detail=False)
    def figures(self, request):
        return Response(_draft(request, with_checks=False).figure_dicts())

    @extend_schema(parameters=PARAMS, responses=ReportCheckSerializer(many=True))
    @action(detail=False)
    def checks(self, request):
        return Response([c.as_dict() for c in _draft(request).checks])
