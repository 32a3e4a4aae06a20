"""Ledgers of the decisions workstream: the yearly decision catalog's items (决策事项目录), legal advisors'
attendances at government meetings (法律顾问列席会议) and their reviews of documents and contracts (法律顾问审查)."""

from __future__ import annotations

import copy
import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent, Organization

from . import services
from .models import AdvisorAttendance, AdvisorReview, CatalogItem, DecisionCatalog, LegalAdvisor

YES_NO_UNKNOWN = [("是", "是"), ("否", "否")]
ADOPTED = {"是": True, "否": False, "": None}


def _organizations() -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.all()}


def _unit(ctx: dict, code: str, header: str) -> Organization:
    unit = ctx["orgs"].get(code)
    if unit is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return unit


def _advisors_named(names: set[str]) -> dict[str, list[LegalAdvisor]]:
    by_name: dict[str, list[LegalAdvisor]] = {}
    for advisor in LegalAdvisor.objects.filter(name__in=names).select_related("organization"):
        by_name.setdefault(advisor.name, []).append(advisor)
    return by_name


def _advisor(ctx: dict, name: str, unit: Organization, day: dt.date, *, date_header: str) -> LegalAdvisor:
    """The advisor a row names: of the unit's district, and where one firm holds several contracts, the one in
    force on the row's date."""
    candidates = [a for a in ctx["advisors"].get(name, []) if a.organization.root_code == unit.root_code]
    if not candidates:
        raise CellError(f"没有名为“{name}”的法律顾问，请先在法律顾问名录中登记。", column="法律顾问")
    if len(candidates) == 1:
        return candidates[0]
    serving = [a for a in candidates if a.serves_on(day)]
    if len(serving) == 1:
        return serving[0]
    if not serving:
        raise CellError(f"{day}不在任何一位名为“{name}”的法律顾问的聘期内。", column=date_header)
    raise CellError(
        f"名为“{name}”的法律顾问有{len(serving)}位在{day}均在聘期内，无法区分；请在法律顾问名录中区分其名称。",
        column="法律顾问",
    )


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
            "orgs": _organizations(),
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
            body = _unit(ctx, values["catalog"], "决策机关代码")
            catalog = DecisionCatalog(
                year=values["year"], organization=body, title=services.catalog_title(body, values["year"])
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
        item.lead_unit = _unit(ctx, values["lead_unit"], "承办单位代码")
        item.planned_time = values["planned_time"]
        item.planned_by = values["planned_by"]
        key = (values["catalog"], values["year"])
        if values["sort_order"] is not None:
            item.sort_order = values["sort_order"]
        elif existing is None:
            item.sort_order = ctx["last_order"].get(key, 0) + 1  # after the catalog's last item
        ctx["last_order"][key] = max(ctx["last_order"].get(key, 0), item.sort_order)
        changed = existing is None or audit.diff(audit.snapshot(existing), audit.snapshot(item))
        if changed and catalog.status != DecisionCatalog.Status.DRAFT:
            raise CellError(
                f"目录“{catalog}”已{catalog.get_status_display()}，只有编制中的目录可以增加或修改事项。",
                column="决策事项",
            )
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


# 法律顾问列席会议 -----------------------------------------------------------------------------------------------


@register
class AdvisorAttendanceLedger(Ledger):
    code = "advisor_attendances"
    name = "法律顾问列席会议"
    model = AdvisorAttendance
    description = (
        "以“法律顾问＋会议名称＋会议日期”识别一次列席。法律顾问须已在名录中登记，会议日期须在其聘期内；"
        "同名的法律顾问有多份聘用合同的，按会议日期所在的聘期对应。"
    )
    columns = [
        Column(
            "advisor",
            "法律顾问",
            "法律顾问名录中的名称（个人姓名或律师事务所名称）",
            required=True,
            example="宁夏某某律师事务所",
            getter=lambda a: a.advisor.name,
        ),
        Column(
            "organization",
            "召集单位代码",
            "召集会议的单位的单位代码",
            required=True,
            example="QS",
            as_text=True,
            getter=lambda a: a.organization.code,
        ),
        Column(
            "meeting_kind",
            "会议类型",
            required=True,
            kind="choice",
            choices=AdvisorAttendance.MeetingKind.choices,
            example="政府常务会议",
        ),
        Column("meeting_name", "会议名称", required=True, example="区政府第12次常务会议", max_length=120),
        Column("held_on", "会议日期", required=True, kind="date", example="2024-06-12"),
    ]

    def queryset(self):
        return AdvisorAttendance.objects.select_related("advisor", "organization").order_by("held_on", "pk")

    def prepare(self, rows):
        advisors = _advisors_named({r["advisor"] for r in rows})
        ids = [a.pk for group in advisors.values() for a in group]
        days = [r["held_on"] for r in rows]
        existing = {}
        if ids and days:
            for a in AdvisorAttendance.objects.filter(
                advisor__in=ids, held_on__range=(min(days), max(days))
            ).select_related("advisor__organization", "organization"):
                existing[(a.advisor_id, a.meeting_name, a.held_on)] = a
        return {
            "orgs": _organizations(),
            "advisors": advisors,
            "existing": existing,
            "key_of": lambda a: (a.advisor_id, a.meeting_name, a.held_on),
            "key_header": "会议名称",
        }

    def _advisor(self, values, ctx):
        unit = _unit(ctx, values["organization"], "召集单位代码")
        return unit, _advisor(ctx, values["advisor"], unit, values["held_on"], date_header="会议日期")

    def match(self, values, ctx):
        _, advisor = self._advisor(values, ctx)
        return ctx["existing"].get((advisor.pk, values["meeting_name"], values["held_on"]))

    def build(self, values, existing, ctx):
        unit, advisor = self._advisor(values, ctx)
        attendance = copy.copy(existing) if existing else AdvisorAttendance()
        attendance.advisor = advisor
        attendance.organization = unit
        attendance.meeting_kind = values["meeting_kind"]
        attendance.meeting_name = values["meeting_name"]
        attendance.held_on = values["held_on"]
        return attendance


# 法律顾问审查 -----------------------------------------------------------------------------------------------------


@register
class AdvisorReviewLedger(Ledger):
    code = "advisor_reviews"
    name = "法律顾问审查"
    model = AdvisorReview
    description = (
        "新增记录时“记录编号”留空；导出后修改再导入时以记录编号识别记录。记录编号留空而法律顾问、委托单位、"
        "审查事项和收到日期都与已有记录相同的，视为同一条记录，重复导入不会重复计数。"
    )
    columns = [
        Column(
            "pk",
            "记录编号",
            "平台生成的编号，新增记录留空；导出后修改再导入时用于识别记录",
            kind="int",
            getter=lambda r: r.pk,
        ),
        Column(
            "advisor",
            "法律顾问",
            "法律顾问名录中的名称（个人姓名或律师事务所名称）",
            required=True,
            example="宁夏某某律师事务所",
            getter=lambda r: r.advisor.name,
        ),
        Column(
            "organization",
            "委托单位代码",
            "委托审查的单位的单位代码",
            required=True,
            example="QS-JYJ",
            as_text=True,
            getter=lambda r: r.organization.code,
        ),
        Column(
            "subject",
            "审查事项",
            "合同或文件的名称",
            required=True,
            example="校舍维修工程施工合同",
            max_length=200,
        ),
        Column(
            "subject_kind",
            "事项类型",
            required=True,
            kind="choice",
            choices=AdvisorReview.SubjectKind.choices,
            example="合同",
        ),
        Column("received_on", "收到日期", required=True, kind="date", example="2024-03-04"),
        Column("completed_on", "出具意见日期", "尚未出具意见的留空", kind="date", example="2024-03-08"),
        Column("opinion", "审查意见", "出具意见的须填写", example="建议补充违约责任条款"),
        Column(
            "adopted",
            "是否采纳",
            "意见是否被采纳；尚不清楚的留空",
            kind="choice",
            choices=YES_NO_UNKNOWN,
            example="是",
            getter=lambda r: {True: "是", False: "否"}.get(r.adopted, ""),
        ),
    ]

    def queryset(self):
        return AdvisorReview.objects.select_related("advisor", "organization").order_by("received_on", "pk")

    def prepare(self, rows):
        advisors = _advisors_named({r["advisor"] for r in rows})
        reviews = AdvisorReview.objects.select_related("advisor__organization", "organization")
        pks = [r["pk"] for r in rows if r["pk"]]
        by_pk = {}
        for start in range(0, len(pks), 900):
            by_pk.update({r.pk: r for r in reviews.filter(pk__in=pks[start : start + 900])})
        ids = [a.pk for group in advisors.values() for a in group]
        days = [r["received_on"] for r in rows]
        by_key = {}
        if ids and days:
            for r in reviews.filter(advisor__in=ids, received_on__range=(min(days), max(days))):
                by_key[(r.advisor_id, r.organization_id, r.subject, r.received_on)] = r
        return {
            "orgs": _organizations(),
            "advisors": advisors,
            "by_pk": by_pk,
            "by_key": by_key,
            "key_of": lambda r: (r.advisor_id, r.organization_id, r.subject, r.received_on),
            "key_header": "审查事项",
            "record_header": "记录编号",
        }

    def _advisor(self, values, ctx):
        unit = _unit(ctx, values["organization"], "委托单位代码")
        return unit, _advisor(ctx, values["advisor"], unit, values["received_on"], date_header="收到日期")

    def match(self, values, ctx):
        if values["pk"]:
            review = ctx["by_pk"].get(values["pk"])
            if review is None:
                raise CellError(
                    f"记录编号{values['pk']}不存在；新增记录请将记录编号留空。", column="记录编号"
                )
            return review
        unit, advisor = self._advisor(values, ctx)
        return ctx["by_key"].get((advisor.pk, unit.pk, values["subject"], values["received_on"]))

    def build(self, values, existing, ctx):
        unit, advisor = self._advisor(values, ctx)
        review = copy.copy(existing) if existing else AdvisorReview()
        review.advisor = advisor
        review.organization = unit
        review.subject = values["subject"]
        review.subject_kind = values["subject_kind"]
        review.received_on = values["received_on"]
        review.completed_on = values["completed_on"]
        review.opinion = values["opinion"]
        review.adopted = ADOPTED[values["adopted"]]
        return review
