"""Ledgers of the enforcement workstream: 12345 hotline work orders imported as supervision clues (12345工单), each
known by its order number so that importing the same file again creates nothing new."""

from __future__ import annotations

import copy

from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Organization

from .clues import handling_deadline
from .models import SupervisionClue

# 工单 fields the file carries; state, result and handling are the platform's own and an import leaves them alone.
ORDER_FIELDS = [
    "source",
    "external_number",
    "received_on",
    "content",
    "category",
    "organization",
    "enterprise_related",
    "due_on",
    "due_explanation",
]


@register
class HotlineOrderLedger(Ledger):
    code = "hotline_orders"
    name = "12345工单"
    model = SupervisionClue
    description = (
        "每行一张12345热线工单，导入为执法监督线索（来源：12345热线），以“工单编号”识别："
        "同一工单再次导入时更新其内容，不重复登记。办理期限按受理日期自动计算。"
    )
    columns = [
        Column(
            "external_number",
            "工单编号",
            "12345热线工单编号，不重复",
            required=True,
            example="2024051000123",
            max_length=60,
            as_text=True,
        ),
        Column("received_on", "受理时间", "工单受理日期", required=True, kind="date", example="2024-05-10"),
        Column("content", "诉求内容", "群众或企业反映的问题", required=True, example="某餐馆无证经营"),
        Column("category", "诉求分类", "如 市场监管、城市管理", example="市场监管", max_length=100),
        Column(
            "organization",
            "承办单位代码",
            "承办该工单的单位的单位代码",
            required=True,
            example="QS-SCJ",
            as_text=True,
            getter=lambda c: c.organization.code,
        ),
        Column("enterprise_related", "涉企", "是否涉及企业", kind="bool", example="否"),
    ]

    def queryset(self):
        return (
            SupervisionClue.objects.filter(source=SupervisionClue.Source.HOTLINE)
            .select_related("organization")
            .order_by("received_on", "external_number")
        )

    def prepare(self, rows):
        numbers = {r["external_number"] for r in rows}
        existing = {c.external_number: c for c in self.queryset().filter(external_number__in=numbers)}
        codes = {r["organization"] for r in rows}
        return {
            "orgs": {o.code: o for o in Organization.objects.filter(code__in=codes)},
            "orders": existing,
            "deadlines": {},
            "key_of": lambda c: c.external_number,
            "key_header": "工单编号",
        }

    def match(self, values, ctx):
        return ctx["orders"].get(values["external_number"])

    def build(self, values, existing, ctx):
        unit = ctx["orgs"].get(values["organization"])
        if unit is None:
            raise CellError(f"单位代码“{values['organization']}”不存在。", column="承办单位代码")
        clue = copy.copy(existing) if existing else SupervisionClue(source=SupervisionClue.Source.HOTLINE)
        clue.external_number = values["external_number"]
        clue.content = values["content"]
        clue.category = values["category"]
        clue.organization = unit
        clue.enterprise_related = values["enterprise_related"]
        if existing is None or existing.received_on != values["received_on"]:
            received = values["received_on"]
            if received not in ctx["deadlines"]:
                ctx["deadlines"][received] = handling_deadline(received)
            deadline = ctx["deadlines"][received]
            clue.received_on = received
            clue.due_on = deadline.due
            clue.due_explanation = deadline.explain()
        return clue

    def update_fields(self):
        return ORDER_FIELDS


# The other ledgers of the workstream register themselves when imported (apps.ready imports this module).
from . import ledgers_bodies, ledgers_officers, ledgers_training  # noqa: E402, F401
