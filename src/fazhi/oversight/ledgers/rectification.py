"""The rectification ledger (整改台账) as a spreadsheet: one row per item, named by its source record; new items are
built by the same function as services.open_item and checked by the same rules — import from xlsx/csv with a dry run,
export and template."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from .. import links
from ..models import RectificationItem
from ..rules import rectification as rules
from ..services.rectification import item_of, new_item
from .codes import org, orgs


def source_text(item: RectificationItem) -> str:
    """问题来源 as exported: the source record as a clerk names it (links.name_of), the form the import takes."""
    return links.name_of(item.source)


def resolve_source(text: str):
    """The source record a 问题来源 cell names (links.resolve: by each kind's name, e.g. “检查名称 问题N”)."""
    return links.resolve(text)


@register
class ItemLedger(Ledger):
    code = "oversight_items"
    name = "整改台账"
    model = RectificationItem
    description = (
        "每行一个整改事项，以“问题来源”识别，按经办人知道的名称填写：检查发现的问题填“检查名称 问题序号”（如 "
        "2025年度法治督察 问题3），案卷评查问题填“评查活动 案件编号 问题序号”，行政诉讼败诉填案号，行政复议纠错填"
        "复议案号，执法监督线索填“线索来源线索来源编号”（如 12345热线线索SL12345-2025-0002）；尚无整改事项的问题"
        "新建，已有的更新整改措施。"
        "状态等由整改流程产生，导入时不改变；整改期限只能由督察机构在事项页面调整。"
    )
    columns = [
        Column(
            "source",
            "问题来源",
            "检查发现的问题填“检查名称 问题序号”；案卷评查问题填“评查活动 案件编号 问题序号”；行政诉讼败诉填案号；"
            "行政复议纠错填复议案号；执法监督线索填“线索来源线索来源编号”",
            required=True,
            as_text=True,
            example="2025年度法治督察 问题3",
            getter=source_text,
        ),
        Column("finding", "问题", "导出时填写，导入时不读取", getter=lambda i: links.describe(i.source)),
        Column(
            "organization",
            "责任单位代码",
            "留空则为问题来源登记的单位",
            as_text=True,
            example="CH-JYJ",
            getter=lambda i: i.organization.code,
        ),
        Column("measures", "整改措施", example="完善制度"),
        Column("opened_on", "交办日期", required=True, kind="date", example="2025-05-06"),
        Column("deadline", "整改期限", "留空则按配置的整改期限计算", kind="date", example="2025-08-06"),
        Column(
            "status",
            "状态",
            "导出时填写，导入时不读取",
            kind="choice",
            choices=RectificationItem.Status.choices,
        ),
    ]

    def queryset(self):
        return RectificationItem.objects.select_related("organization", "source_type").prefetch_related(
            links.prefetch_sources()
        )

    def prepare(self, rows):
        return {
            "orgs": orgs(rows, "organization"),
            "key_of": lambda i: (i.source_type_id, i.source_id),
            "key_header": "问题来源",
            "deadlines": {},
        }

    def _source(self, values):
        try:
            return resolve_source(values["source"])
        except ValidationError as exc:
            raise CellError("；".join(exc.messages), column="问题来源") from exc

    def match(self, values, ctx):
        return item_of(self._source(values))

    def build(self, values, existing, ctx):
        if existing is not None:
            item = copy.copy(existing)
            if values["deadline"] and values["deadline"] != existing.deadline:
                raise CellError("整改期限只能由督察机构在整改事项页面调整。", column="整改期限")
            if values["organization"] and values["organization"] != existing.organization.code:
                raise CellError("已有整改事项的责任单位不能通过导入更改。", column="责任单位代码")
            if values["measures"] != existing.measures:
                rules.validate_plan_change(existing, ctx["actor"], deadline=None)
            item.measures = values["measures"]
            return item
        record = self._source(values)
        unit = org(ctx, values["organization"], "责任单位代码") if values["organization"] else None
        # The same construction and rules as services.open_item (refusal, unit, deadline); the ledger then runs the
        # item's full_clean (rules.validate_item), so the dates are checked as on every other way in.
        return new_item(
            source=record,
            opened_on=values["opened_on"],
            deadline=values["deadline"],
            measures=values["measures"],
            organization=unit,
            deadlines=ctx["deadlines"],
        )

    def update_fields(self):
        return ["measures"]
