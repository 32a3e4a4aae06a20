"""Ledgers of supervision clues: 12345 hotline work orders (12345工单, known by their order number so that importing the
same file again creates nothing new) and clues of every source. Rows are checked by the same rules as
services/clues.py (the due date from rules/clues.py, the model's clean from rules/clues.py); a clue's handling
(state, result) is shown but changed only on its page."""

from __future__ import annotations

import copy

from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Organization

from ..models import SupervisionClue
from ..rules.clues import handling_deadline
from . import common

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


HANDLING_MESSAGE = "线索的办理状态、办理结果和办结日期须在线索页面办理，导入不能变更。"


@register
class SupervisionClueLedger(Ledger):
    code = "enforcement_clues"
    name = "执法监督线索"
    model = SupervisionClue
    description = (
        "每行一条执法监督线索（各来源）。新增线索“记录编号”留空，有来源编号（如12345工单编号）的以“线索来源＋来源编号”"
        "识别，不重复登记；导出后修改再导入时以记录编号识别。办理期限由平台按受理日期计算；办理状态、结果和"
        "办结日期只在线索页面办理。"
    )
    columns = [
        Column(
            "pk",
            "记录编号",
            "平台生成的编号，新增线索留空；导出后修改再导入时用于识别记录",
            kind="int",
            getter=lambda c: c.pk,
        ),
        Column(
            "source",
            "线索来源",
            required=True,
            kind="choice",
            choices=SupervisionClue.Source.choices,
            example="投诉举报",
        ),
        Column(
            "external_number", "来源编号", "如12345工单编号；同一来源内不重复", max_length=60, as_text=True
        ),
        Column("received_on", "受理日期", required=True, kind="date", example="2025-05-10"),
        Column(
            "organization",
            "承办单位代码",
            "承办该线索的单位的单位代码",
            required=True,
            example="CH-SCJ",
            as_text=True,
            getter=lambda c: c.organization.code,
        ),
        Column(
            "body_unit",
            "执法主体单位代码",
            "涉及的执法主体所在单位的单位代码；不涉及具体主体的留空",
            as_text=True,
            getter=lambda c: c.body.organization.code if c.body else "",
        ),
        Column(
            "body",
            "执法主体",
            "涉及的执法主体名称；不涉及具体主体的留空",
            getter=lambda c: c.body.name if c.body else "",
        ),
        Column("enterprise_related", "涉企", common.BOOL_HELP, kind="bool", example="否"),
        Column("category", "诉求分类", "如 市场监管、城市管理", max_length=100, example="市场监管"),
        Column("content", "线索内容", required=True, example="执法人员检查时未出示执法证件"),
        Column("due_on", "办理期限", "由平台按受理日期计算，导入时不读取", kind="date"),
        Column(
            "status",
            "状态",
            "已登记线索由平台填写，导入时不能修改；新导入的历史线索可填“办理中”或“已办结”（须填办理结果和办结日期）",
            kind="choice",
            choices=SupervisionClue.Status.choices,
        ),
        Column("result", "办理结果", "已登记线索由平台填写；历史线索已办结的须填写"),
        Column("handled_on", "办结日期", "已登记线索由平台填写；历史线索已办结的须填写", kind="date"),
    ]

    def queryset(self):
        return SupervisionClue.objects.select_related("organization", "body__organization").order_by(
            "received_on", "pk"
        )

    def prepare(self, rows):
        pks = [r["pk"] for r in rows if r["pk"]]
        by_pk = {}
        for start in range(0, len(pks), 900):
            by_pk.update({c.pk: c for c in self.queryset().filter(pk__in=pks[start : start + 900])})
        numbers = {r["external_number"] for r in rows if r["external_number"]}
        by_number = {
            (c.source, c.external_number): c for c in self.queryset().filter(external_number__in=numbers)
        }
        # A row with neither 记录编号 nor 来源编号 is known by its source, day received, unit and content: the same
        # file imported again registers nothing twice.
        unnumbered = self.queryset().filter(
            external_number="", received_on__in={r["received_on"] for r in rows if r["received_on"]}
        )
        by_content = {(c.source, c.received_on, c.organization.code, c.content): c for c in unnumbered}
        return {
            "orgs": common.organizations({r["organization"] for r in rows}),
            "bodies": common.bodies_named([r for r in rows if r["body_unit"]]),
            "by_pk": by_pk,
            "by_number": by_number,
            "by_content": by_content,
            "deadlines": {},
            "key_of": lambda c: (c.source, c.external_number) if c.external_number else None,
            "key_header": "来源编号",
            "record_header": "记录编号",
        }

    def match(self, values, ctx):
        if values["pk"]:
            clue = ctx["by_pk"].get(values["pk"])
            if clue is None:
                raise CellError(
                    f"记录编号{values['pk']}不存在；新增线索请将记录编号留空。", column="记录编号"
                )
            return clue
        if values["external_number"]:
            return ctx["by_number"].get((values["source"], values["external_number"]))
        key = (values["source"], values["received_on"], values["organization"], values["content"])
        return ctx["by_content"].get(key)

    def build(self, values, existing, ctx):
        by_header = {c.header: c for c in self.columns}
        for header in ("状态", "办理结果", "办结日期"):
            common.keep(values, existing, by_header[header], HANDLING_MESSAGE)
        common.keep(values, existing, by_header["线索来源"], "已登记线索的来源不能修改。")
        if existing is None:
            # A new row may be history: a clue being handled or already closed, with its result and the day it was
            # closed, checked by rules.validate_clue (the model's clean) as a clue closed on its page.
            history = {"status": values["status"]} if values["status"] else {}
            if values["status"] == SupervisionClue.Status.CLOSED or values["result"] or values["handled_on"]:
                history.update(result=(values["result"] or "").strip(), handled_on=values["handled_on"])
            clue = SupervisionClue(source=values["source"], **history)
        else:
            clue = copy.copy(existing)
        clue.external_number = values["external_number"]
        clue.organization = common.unit(ctx, values["organization"], "承办单位代码")
        if values["body_unit"] or values["body"]:
            clue.body = common.body(ctx, values)
        else:
            clue.body = None
        clue.enterprise_related = values["enterprise_related"]
        clue.category = values["category"]
        clue.content = values["content"]
        if existing is None or existing.received_on != values["received_on"]:
            received = values["received_on"]
            if received not in ctx["deadlines"]:
                ctx["deadlines"][received] = handling_deadline(received)
            clue.received_on = received
            clue.due_on = ctx["deadlines"][received].due
            clue.due_explanation = ctx["deadlines"][received].explain()
        return clue

    def update_fields(self):
        return [
            "external_number",
            "received_on",
            "organization",
            "body",
            "enterprise_related",
            "category",
            "content",
            "due_on",
            "due_explanation",
        ]
