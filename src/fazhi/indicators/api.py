"""GET /api/indicators/?year=2024&org=CODE: every registered figure with the year before and the change."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import access

from .registry import Period, evaluate_all


class IndicatorListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=True, description="年度"),
            OpenApiParameter("org", str, description="单位代码；留空为本人可见的最大范围"),
        ]
    )
    def get(self, request):
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError as exc:
            raise ValidationError({"year": "请提供年度，如 year=2024。"}) from exc
        code = request.query_params.get("org")
        visible = access.organizations(request.user)
        if code:
            scope = visible.filter(code=code).first()
            if scope is None:
                raise NotFound(f"没有您可查看的单位“{code}”。")
        else:
            scope = visible.order_by("path").first() if not request.user.is_superuser else None
        return Response([r.as_dict() for r in evaluate_all(Period.year(year), scope)])
