"""三项制度自查评估 as a ledger: one row per body, year and system, known by those three (importing the same file
again changes nothing). Rows are checked by rules/self_assessment.py (the model's clean) and a new row by the same
body rule as services.record_self_assessment (a revoked body submits none); only the date and the findings change."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from ..models import SelfAssessment
from ..rules import bodies as body_rules
from . import common


@register
class SelfAssessmentLedger(Ledger):
    code = "enforcement_self_assessments"
    name = "三项制度自查评估"
    model = SelfAssessment
    description = (
        "每行一个执法主体一个年度对一项制度（行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度）的自查"
        "评估，以“执法主体＋年度＋制度”识别，再次导入时更新自查日期和发现的问题；执法主体须已在执法主体台账中登记且"
        "未撤销。三项制度均完成自查的主体计入“完成三项制度自查评估的行政执法主体”。"
    )
    columns = [
        *common.body_columns(),
        Column("year", "年度", required=True, kind="int", example="2025"),
        Column(
            "system",
            "制度",
            required=True,
            kind="choice",
            choices=SelfAssessment.System.choices,
            example="行政执法公示制度",
        ),
        Column("assessed_on", "自查日期", "不早于评估年度", required=True, kind="date", example="2025-11-20"),
        Column(
            "findings",
            "自查发现的问题及落实情况",
            required=True,
            example="公示信息更新不及时，已明确专人每周更新",
        ),
    ]

    def queryset(self):
        return SelfAssessment.objects.select_related("body__organization").order_by(
            "year", "body__organization__path", "body__name", "system"
        )

    def prepare(self, rows):
        bodies = common.bodies_named(rows)
        existing = SelfAssessment.objects.filter(body__in=bodies.values())
        return {
            "bodies": bodies,
            "existing": {(a.body_id, a.year, a.system): a for a in existing},
            "key_of": lambda a: (a.body_id, a.year, a.system),
            "key_header": "制度",
        }

    def match(self, values, ctx):
        body = common.body(ctx, values)
        return ctx["existing"].get((body.pk, values["year"], values["system"]))

    def build(self, values, existing, ctx):
        if existing is not None:
            assessment = copy.copy(existing)
        else:
            body = common.body(ctx, values)
            try:
                body_rules.validate_body_active(body, "再提交自查评估")
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="执法主体") from exc
            assessment = SelfAssessment(body=body, year=values["year"], system=values["system"])
        assessment.assessed_on = values["assessed_on"]
        assessment.findings = values["findings"].strip()
        return assessment

    def update_fields(self):
        return ["assessed_on", "findings"]
