"""The reports API: issued reports (frozen, with hash and the changes since), and drafts of a unit's report for a
year with every figure and the consistency checks. Reads scoped by core.access; issuing through the services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from fazhi.core import access
from fazhi.core.web import filters
from fazhi.core.web.api import ServiceBackedViewSet

from ..selectors import annual as selectors_annual
from ..selectors import comparison
from ..selectors import dashboard as selectors
from ..selectors import draft as builder
from ..selectors import duties as selectors_duties
from ..services import annual as services
from ..services import duties as services_duties
from .serializers import (
    ChangesSerializer,
    DraftSerializer,
    IssuedReportSerializer,
    IssueSerializer,
    ReportCheckSerializer,
    ReportFigureSerializer,
    SubmissionSerializer,
    WorkstreamStatementSerializer,
)

PARAMS = [
    OpenApiParameter("year", int, required=True, description="年度"),
    OpenApiParameter("org", str, description="单位代码；留空为本人可见的最上级单位"),
]


class IssuedReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Issued reports; POST issues one (refused while a check finds an inconsistency)."""

    serializer_class = IssuedReportSerializer

    def get_queryset(self):
        return selectors_annual.issued_for(self.request.user)

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
    filters.refuse_unknown_params(request, ("year", "org"))
    try:
        year = int(request.query_params.get("year", ""))
    except ValueError as exc:
        raise ValidationError({"year": "请提供年度，如 year=2025。"}) from exc
    org = _organization(request, request.query_params.get("org"))
    access.check(request.user, org, access.VIEW)
    return builder.build(
        org, year, scope=selectors.scope_for(request.user, org), with_checks=with_checks, from_snapshots=True
    )


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

    @extend_schema(parameters=PARAMS, responses=dict)
    @action(detail=False)
    def comparison(self, request):
        """A city's districts compared figure by figure (value, rank, median, outliers, three-year trend)."""
        filters.refuse_unknown_params(request, ("year", "org"))
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError as exc:
            raise ValidationError({"year": "请提供年度，如 year=2025。"}) from exc
        org = _organization(request, request.query_params.get("org"))
        access.check(request.user, org, access.VIEW)
        if not comparison.districts_of(org):
            raise ValidationError({"org": [f"{org}下没有区（县）人民政府，无可比较的区。"]})
        return Response(comparison.compare(org, year).as_dict())


class SubmissionViewSet(ServiceBackedViewSet):
    """Submissions and publication of issued reports; POST records one (a duty the unit has, not before the issue
    date, not in the future, once per duty). Never changed or deleted."""

    serializer_class = SubmissionSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors_duties.submissions_for(self.request.user)

    @staticmethod
    def create_service(*, actor, **data):
        return services_duties.record_submission(actor=actor, **data)


class WorkstreamStatementViewSet(ServiceBackedViewSet):
    """Statements on workstreams without records; POST states one (or changes it) until the report is issued."""

    serializer_class = WorkstreamStatementSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors_duties.statements_for(self.request.user)

    @staticmethod
    def create_service(*, actor, **data):
        return services_duties.state_workstream(actor=actor, **data)
