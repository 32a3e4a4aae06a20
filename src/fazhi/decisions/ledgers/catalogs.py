"""The ledger of the yearly decision catalog's items (决策事项目录): each row checked by the catalog rules of
decisions.rules, with the messages of the services."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent

from .. import rules
from ..models import CatalogItem, DecisionCatalog
from ..services import catalog_title
from .common import unit_named, units_by_code

# 决策事项目录 ---------------------------------------------------------------------------------------------------


@register
class CatalogItemLedger(Ledger):
    code = "decision_catalog_items"
    name = "决策事项目录"
    model = CatalogItem
    description = (
        "每行一个决策事项，按“年度＋决策机关代码”归入该机关当年的目录；目录尚不存在的，导入时新建（编制中）。"
        "只有编制中的目录可以增加或修改事项，目录审定后原样导回的行不受影响。同一目录中以“决策事项”识别事项。"
    )
    columns = [
        Column(
            "year",
            "年度",
            "目录所属年度",
            required=True,
            kind="int",
            example="2024",
            getter=lambda i: i.catalog.year,
        ),
        Column(
            "catalog",
            "决策机关代码",
            "编制目录的决策机关（通常为区人民政府）的单位代码",
            required=True,
            example="QS",
            as_text=True,
            getter=lambda i: i.catalog.organization.code,
        ),
        Column(
            "title",
            "决策事项",
            "事项名称，同一目录内不重复",
            required=True,
            example="中小学布局调整",
            max_length=200,
        ),
        Column(
            "lead_unit",
            "承办单位代码",
            "承办单位的单位代码",
            required=True,
            example="QS-JYJ",
            as_text=True,
            getter=lambda i: i.lead_unit.code,
        ),
        Column(
            "planned_time",
            "计划完成时间",
            "如 2024年第三季度",
            required=True,
            example="2024年第三季度",
            max_length=40,
        ),
        Column(
            "planned_by",
            "计划完成日期",
            "用于期限提醒，须在目录年度内，如第三季度填9月30日",
            required=True,
            kind="date",
            example="2024-09-30",
        ),
        Column("sort_order", "序号", "目录中的顺序；新增事项留空则排在最后", kind="int", example="1"),
    ]

    def queryset(self):
        return CatalogItem.objects.select_related("catalog__organization", "lead_unit").order_by(
            "catalog__year", "catalog__organization__code", "sort_order", "pk"
        )

    def prepare(self, rows):
        codes = {r["catalog"] for r in rows}
        years = {r["year"] for r in rows}
        catalogs = {
            (c.organization.code, c.year): c
            for c in DecisionCatalog.objects.filter(
                organization__code__in=codes, year__in=years
            ).select_related("organization")
        }
        items, last_order = {}, {}
        for item in CatalogItem.objects.filter(catalog__in=list(catalogs.values())).select_related(
            "catalog__organization", "lead_unit"
        ):
            key = (item.catalog.organization.code, item.catalog.year)
            items[(*key, item.title)] = item
            last_order[key] = max(last_order.get(key, 0), item.sort_order)
        return {
            "orgs": units_by_code(),
            "catalogs": catalogs,
            "items": items,
            "last_order": last_order,
            "new_catalogs": [],
            "key_of": lambda i: (i.catalog.organization.code, i.catalog.year, i.title),
            "key_header": "决策事项",
        }

    def match(self, values, ctx):
        return ctx["items"].get((values["catalog"], values["year"], values["title"]))

    def _catalog(self, values: dict, ctx: dict) -> DecisionCatalog:
        key = (values["catalog"], values["year"])
        catalog = ctx["catalogs"].get(key)
        if catalog is None:
            body = unit_named(ctx, values["catalog"], "决策机关代码")
            catalog = DecisionCatalog(
                year=values["year"], organization=body, title=catalog_title(body, values["year"])
            )
            try:
                catalog.clean_fields(exclude=["organization", "status"])
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="年度") from exc
            # A placeholder id below zero until save() creates the catalog: the framework checks a row's relations
            # only against records that exist, and this one is written just before the rows.
            catalog.pk = -(len(ctx["new_catalogs"]) + 1)
            ctx["new_catalogs"].append(catalog)
            ctx["catalogs"][key] = catalog
        return catalog

    def build(self, values, existing, ctx):
        catalog = self._catalog(values, ctx)
        item = copy.copy(existing) if existing else CatalogItem()
        item.catalog = catalog
        item.title = values["title"]
        item.lead_unit = unit_named(ctx, values["lead_unit"], "承办单位代码")
        item.planned_time = values["planned_time"]
        item.planned_by = values["planned_by"]
        key = (values["catalog"], values["year"])
        if values["sort_order"] is not None:
            item.sort_order = values["sort_order"]
        elif existing is None:
            item.sort_order = ctx["last_order"].get(key, 0) + 1  # after the catalog's last item
        ctx["last_order"][key] = max(ctx["last_order"].get(key, 0), item.sort_order)
        changed = existing is None or audit.diff(audit.snapshot(existing), audit.snapshot(item))
        if changed:
            # The same rules as services.add_catalog_item / update_catalog_item, with the same messages.
            rules.check_may_manage_catalogs(
                ctx["actor"], "增加目录事项" if existing is None else "修改目录事项"
            )
            try:
                rules.validate_catalog_draft(catalog)
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="决策事项") from exc
        return item

    def save(self, *, creates, updates, fields, actor=None):
        # Catalogs the file needs and that did not exist: created first, in the draft state, each with its event.
        pending = list({id(i.catalog): i.catalog for i in creates if i.catalog.pk < 0}.values())
        for catalog in pending:
            catalog.pk = None
            catalog.save(force_insert=True)
        for item in creates:
            item.catalog = item.catalog  # takes the new catalog's real id
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(
                    AuditEvent.Action.CREATE,
                    c,
                    audit.diff({}, audit.snapshot(c)),
                    note=f"台账导入：{self.name}（目录不存在，导入时新建）",
                )
                for c in pending
            ],
        )
        super().save(creates=creates, updates=updates, fields=fields)


# 决策事项目录的审定和公布（历史）-----------------------------------------------------------------------------------

FINISHED_FIELDS = ["status", "approved_on", "approved_by_meeting", "published_on", "publication_channel"]


@register
class CatalogLedger(Ledger):
    code = "decision_catalogs"
    name = "决策事项目录审定公布"
    model = DecisionCatalog
    description = (
        "每行一份已有事项的年度目录（先导入“决策事项目录”的事项），以“年度＋决策机关代码”识别，写明其审定和公布："
        "填了审定日期的目录审定，再填公布日期和公布渠道的目录公布，与在目录页面审定、公布时的规则相同"
        "（至少一个事项、日期已发生、公布不早于审定、写明公布渠道）。已审定或公布的目录原样导回时不变，不能改动。"
    )
    columns = [
        Column("year", "年度", required=True, kind="int", example="2024"),
        Column(
            "organization",
            "决策机关代码",
            "编制目录的决策机关（通常为区人民政府）的单位代码",
            required=True,
            example="QS",
            as_text=True,
            getter=lambda c: c.organization.code,
        ),
        Column("title", "目录名称", "由平台生成，导入时不读取", getter=lambda c: c.title),
        Column(
            "approved_on", "审定日期", "经同级党委同意、政府审定的日期", kind="date", example="2024-02-20"
        ),
        Column("approved_by_meeting", "审定会议", example="区政府第12次常务会议", max_length=120),
        Column("published_on", "公布日期", kind="date", example="2024-02-28"),
        Column("publication_channel", "公布渠道", example="区政府门户网站", max_length=200),
    ]

    def queryset(self):
        return DecisionCatalog.objects.select_related("organization").order_by("year", "organization__code")

    def prepare(self, rows):
        catalogs = self.queryset().filter(
            organization__code__in={r["organization"] for r in rows}, year__in={r["year"] for r in rows}
        )
        return {
            "catalogs": {(c.organization.code, c.year): c for c in catalogs},
            "key_of": lambda c: (c.organization_id, c.year),
            "key_header": "决策机关代码",
        }

    def match(self, values, ctx):
        catalog = ctx["catalogs"].get((values["organization"], values["year"]))
        if catalog is None:
            raise CellError(
                f"单位“{values['organization']}”没有{values['year']}年的决策事项目录，请先导入该目录的事项。",
                column="决策机关代码",
            )
        return catalog

    def build(self, values, existing, ctx):
        catalog = copy.copy(existing)
        status = DecisionCatalog.Status
        wanted = status.DRAFT
        if values["approved_on"] is not None:
            wanted = status.PUBLISHED if values["published_on"] is not None else status.APPROVED
        elif values["published_on"] is not None:
            raise CellError("目录须先审定后公布：请填写审定日期。", column="审定日期")
        if existing.status != status.DRAFT:
            # an approved or published catalog: the row must say what the record says (an export imports back)
            given = {f: values[f] for f in FINISHED_FIELDS[1:] if values[f] not in (None, "")}
            if wanted != existing.status or any(getattr(existing, f) != v for f, v in given.items()):
                raise CellError(
                    f"目录“{existing}”{existing.get_status_display()}，审定和公布的记录不能通过导入修改。",
                    column="审定日期",
                )
            return catalog
        if wanted == status.DRAFT:
            return catalog
        rules.check_may_manage_catalogs(ctx["actor"], "审定、公布决策事项目录")
        if not rules.catalog_has_items(existing):
            raise CellError("决策事项目录至少应有一个事项。", column="决策机关代码")
        catalog.approve(approved_on=values["approved_on"], meeting=values["approved_by_meeting"] or "")
        if wanted == status.PUBLISHED:
            try:
                rules.validate_publication_channel(values["publication_channel"])
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="公布渠道") from exc
            catalog.publish(
                published_on=values["published_on"], channel=values["publication_channel"].strip()
            )
        return catalog

    def update_fields(self):
        return FINISHED_FIELDS
