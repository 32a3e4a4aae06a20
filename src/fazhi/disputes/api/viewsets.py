"""The reconsideration API: the docket with each case's clocks (scoped by core.access), registering an application,
the case actions through the same services as the pages, and the national-platform export."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.enforcement import selectors as enforcement_selectors

from .. import selectors, services
from ..documents import platform
from ..models import ReconsiderationCase
from ..web import forms
from .serializers import (
    ACTION_REQUEST,
    ReconsiderationActionSerializer,
    ReconsiderationCaseSerializer,
)


class ReconsiderationCaseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ReconsiderationCaseSerializer

    def get_queryset(self):
        if getattr(
            self, "swagger_fake_view", False
        ):  # the schema is generated without a request or a database
            return ReconsiderationCase.objects.none()
        return enforcement_selectors.with_clue_id(
            selectors.cases_for(self.request.user).prefetch_related("clocks", "hearings")
        )

    def create(self, request, *args, **kwargs):
        """Register an application (收到) in the caller's office; the docket number is given by the platform."""
        payload = ReconsiderationCaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {k: v for k, v in payload.validated_data.items() if k in services.REGISTRATION_FIELDS}
        # a refusal of the service becomes 400/403 with its Chinese message (core.web.api.fazhi_exception_handler)
        case = services.register_case(actor=request.user, organization=request.user.organization, **data)
        return Response(ReconsiderationCaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("docket_number", str, required=True, description="案号，如 澄复〔2025〕1号")
        ],
        responses=ReconsiderationCaseSerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"])
    def lookup(self, request):
        """The case with this 案号 among those the caller may see (404 otherwise)."""
        number = request.query_params.get("docket_number", "").strip()
        if not number:
            return Response({"docket_number": ["请填写案号。"]}, status=400)
        case = selectors.case_by_docket_number(request.user, number)
        if case is None:
            return Response({"detail": f"案号“{number}”的行政复议案件不存在或不在您的范围内。"}, status=404)
        return Response(ReconsiderationCaseSerializer(self.get_queryset().get(pk=case.pk)).data)

    @extend_schema(request=ACTION_REQUEST, responses=ReconsiderationCaseSerializer)
    @action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        """Take an action of the case page (transitions, opinions, hearings, platform entry, clue)."""
        payload = ReconsiderationActionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case = self.get_object()
        spec = forms.ACTIONS[payload.validated_data["name"]]
        form = forms.form_for(
            spec,
            case,
            data={f"{spec.name}-{k}": v for k, v in payload.validated_data["data"].items()},
            user=request.user,
        )
        if not form.is_valid():
            return Response({"detail": form.errors}, status=status.HTTP_400_BAD_REQUEST)
        spec.call(request.user, case, form.cleaned_data)
        # read again through the queryset: the case as it now is, with the clue an action may have opened
        return Response(ReconsiderationCaseSerializer(self.get_queryset().get(pk=case.pk)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("format", str, enum=["csv", "xlsx", "json"]),
        ]
    )
    @action(detail=False, methods=["get"], url_path="platform-export")
    def platform_export(self, request):
        """The year's cases in the national-platform layout (see fazhi.disputes.documents.platform)."""
        fmt = request.query_params.get("format", "json")
        year = request.query_params.get("year", "")
        if fmt not in platform.FORMATS or not year.isdigit():
            return Response({"detail": "请指定 year（年度）和 format（csv、xlsx 或 json）。"}, status=400)
        filename, content = platform.export(actor=request.user, year=int(year), fmt=fmt)
        response = HttpResponse(content, content_type=platform.CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="reconsideration-{year}.{fmt}"'
        return response
