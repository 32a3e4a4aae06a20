"""GET /api/indicators/?year=2024&org=CODE: every registered figure with the year before and the change, read from
the figures computed once and kept fresh (indicators.snapshots); the response says when they were computed."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import access
from fazhi.core.web import filters

from . import snapshots
from .registry import Scope


class FigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.ChoiceField(choices=["count", "rate"])
    period = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True, help_text="计数：同比变化百分比；比率：变化的百分点")
    definition = serializers.CharField()
    basis = serializers.CharField()


class IndicatorListView(APIView):
    @extend_schema(
        responses=FigureSerializer(many=True),
        parameters=[
            OpenApiParameter("year", int, required=True, description="年度"),
            OpenApiParameter("org", str, description="单位代码；留空为本人可见的最大范围"),
        ],
    )
    def get(self, request):
        filters.refuse_unknown_params(request, ("year", "org"))
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError as exc:
            raise ValidationError({"year": "请提供年度，如 year=2024。"}) from exc
        if not 2000 <= year <= 9999:
            raise ValidationError({"year": "年度应在2000年至9999年之间。"})
        snapshot = snapshots.results(user_scope(request.user, request.query_params.get("org")), year)
        response = Response([r.as_dict() for r in snapshot.results.values()])
        # When the figures were computed, and whether a recompute is under way (a list body keeps its shape).
        if snapshot.computed_at is not None:
            response["X-Computed-At"] = snapshot.computed_at.isoformat()
        response["X-Figures-Updating"] = "1" if snapshot.stale else "0"
        return response


def user_scope(user, code: str | None) -> Scope | None:
    """The scope a user may have figures for: a unit they can see, and the units below only if they see those."""
    visible = access.organizations(user)
    kind = access.policy_for(user).scope if access.policy_for(user) else access.NONE
    if kind == access.ALL and not code:
        return None
    org = visible.filter(code=code).first() if code else visible.order_by("path").first()
    if org is None:
        raise NotFound(f"没有您可查看的单位“{code}”。" if code else "您没有可查看统计数据的单位。")
    return Scope(org, include_below=kind in (access.ALL, access.DISTRICT, access.SUBTREE))
