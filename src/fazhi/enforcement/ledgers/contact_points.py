"""The ledger of enterprise contact points (涉企行政执法监督联系点), known by the enterprise's credit code and the day the
point was set up: importing the same file again changes nothing. Rows are checked by rules/contact_points.py (the
model's clean), as the services set up, change and close a point; a closed point is history and is not reopened."""

from __future__ import annotations

import copy

from fazhi.core import ids
from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from ..models import ContactPoint
from . import common


@register
class ContactPointLedger(Ledger):
    code = "enforcement_contact_points"
    name = "涉企行政执法监督联系点"
    model = ContactPoint
    description = (
        "每行一个涉企行政执法监督联系点，以“统一社会信用代码＋设立日期”识别：再次导入时更新其信息。"
        "已撤销的联系点填写状态“已撤销”和撤销日期；同一企业只能有一个运行中的联系点；已撤销的不能恢复。"
    )
    columns = [
        Column("name", "联系点名称", required=True, example="某食品有限公司执法监督联系点", max_length=200),
        Column("enterprise_name", "企业名称", required=True, example="某食品有限公司", max_length=200),
        Column("credit_code", "统一社会信用代码", required=True, example="91640100MA76XXXXXX", as_text=True),
        Column(
            "organization",
            "设立单位代码",
            "设立联系点的单位（通常为司法局）的单位代码",
            required=True,
            example="CH-SFJ",
            as_text=True,
            getter=lambda p: p.organization.code,
        ),
        Column("established_on", "设立日期", required=True, kind="date", example="2024-03-15"),
        Column(
            "status",
            "状态",
            "留空为运行中",
            kind="choice",
            choices=ContactPoint.Status.choices,
            example="运行中",
        ),
        Column("closed_on", "撤销日期", "已撤销的须填写", kind="date"),
    ]

    def queryset(self):
        return ContactPoint.objects.select_related("organization").order_by("established_on", "credit_code")

    def prepare(self, rows):
        codes = {ids.normalize(r["credit_code"]) for r in rows}
        return {
            "existing": {
                (p.credit_code, p.established_on): p for p in self.queryset().filter(credit_code__in=codes)
            },
            "orgs": common.organizations(r["organization"] for r in rows),
            "key_of": lambda p: (p.credit_code, p.established_on),
            "key_header": "统一社会信用代码",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((ids.normalize(values["credit_code"]), values["established_on"]))

    def build(self, values, existing, ctx):
        status = values["status"] or ContactPoint.Status.ACTIVE
        if (
            existing is not None
            and existing.status == ContactPoint.Status.CLOSED
            and status != existing.status
        ):
            raise CellError("已撤销的联系点不能恢复；如需继续，请设立新的联系点。", column="状态")
        point = copy.copy(existing) if existing else ContactPoint(established_on=values["established_on"])
        point.name = values["name"].strip()
        point.enterprise_name = values["enterprise_name"].strip()
        point.credit_code = ids.normalize(values["credit_code"])
        point.organization = common.unit(ctx, values["organization"], "设立单位代码")
        point.status = status
        point.closed_on = values["closed_on"]
        return point

    def update_fields(self):
        return ["name", "enterprise_name", "organization", "status", "closed_on"]
