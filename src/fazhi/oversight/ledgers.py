"""Ledgers of inspections and rectification: inspections, their findings (a new finding opens its rectification item)
and the rectification items — import from xlsx/csv with a dry run, export and template. The task ledgers are in
task_ledgers.py."""

from __future__ import annotations

import copy

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent, Organization

from . import rules, sources
from .models import (
    InspectedUnit,
    Inspection,
    InspectionFinding,
    RectificationItem,
)

SEP = "、"


def _codes(text: str) -> list[str]:
    return [c.strip() for c in (text or "").replace(",", SEP).replace("，", SEP).split(SEP) if c.strip()]


def _orgs(rows, *keys) -> dict[str, Organization]:
    codes = set()
    for r in rows:
        for k in keys:
            codes |= set(_codes(r.get(k, "")))
    return {o.code: o for o in Organization.objects.filter(code__in=codes)}


def _org(ctx, code: str, header: str) -> Organization:
    org = ctx["orgs"].get(code)
    if org is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return org


def _item_of(finding) -> RectificationItem | None:
    ct = ContentType.objects.get_for_model(InspectionFinding)
    return RectificationItem.objects.filter(source_type=ct, source_id=finding.pk).first()


@register
class InspectionLedger(Ledger):
    code = "oversight_inspections"
    name = "督察台账"
    model = Inspection
    description = (
        "每行一次督察，以“督察名称”和“督察日期”识别；多个单位代码用“、”分隔。被督察单位在新登记时写入。"
    )
    columns = [
        Column("title", "督察名称", required=True, example="2025年度法治政府建设督察", max_length=200),
        Column("held_on", "督察日期", required=True, kind="date", example="2025-05-06"),
        Column(
            "kind",
            "督察类别",
            required=True,
            kind="choice",
            choices=Inspection.Kind.choices,
            example="法治督察",
        ),
        Column(
            "organization",
            "组织单位代码",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda i: i.organization.code,
        ),
        Column(
            "co_organizers",
            "联合组织单位代码",
            "联合组织的单位，多个用“、”分隔",
            as_text=True,
            example="CH-ZFB",
            getter=lambda i: SEP.join(o.code for o in i.co_organizers.all()),
        ),
        Column(
            "units",
            "被督察单位代码",
            "多个用“、”分隔",
            required=True,
            as_text=True,
            example="CH-JYJ、CH-SCJ",
            getter=lambda i: SEP.join(u.organization.code for u in i.inspected.all()),
        ),
        Column("summary", "督察概况", example="听取汇报、查阅台账"),
    ]

    def queryset(self):
        return (
            Inspection.objects.select_related("organization")
            .prefetch_related("co_organizers", "inspected__organization")
            .order_by("held_on", "title")
        )

    def prepare(self, rows):
        keys = {(r["title"], r["held_on"]) for r in rows}
        existing = {
            (i.title, i.held_on): i for i in Inspection.objects.filter(title__in={k[0] for k in keys})
        }
        return {
            "orgs": _orgs(rows, "organization", "co_organizers", "units"),
            "existing": existing,
            "key_of": lambda i: (i.title, i.held_on),
            "key_header": "督察名称",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((values["title"], values["held_on"]))

    def build(self, values, existing, ctx):
        inspection = copy.copy(existing) if existing else Inspection()
        inspection.title = values["title"]
        inspection.held_on = values["held_on"]
        inspection.kind = values["kind"]
        inspection.summary = values["summary"]
        inspection.organization = _org(ctx, values["organization"], "组织单位代码")
        inspection._co = [_org(ctx, c, "联合组织单位代码") for c in _codes(values["co_organizers"])]
        inspection._units = [_org(ctx, c, "被督察单位代码") for c in _codes(values["units"])]
        if not inspection._units:
            raise CellError("须填写被督察单位。", column="被督察单位代码")
        return inspection

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        for inspection in [*creates, *updates]:
            inspection.co_organizers.set([o for o in inspection._co if o.pk != inspection.organization_id])
            have = set(inspection.inspected.values_list("organization_id", flat=True))
            InspectedUnit.objects.bulk_create(
                [
                    InspectedUnit(inspection=inspection, organization=o)
                    for o in inspection._units
                    if o.pk not in have
                ]
            )


@register
class FindingLedger(Ledger):
    code = "oversight_findings"
    name = "督察发现问题台账"
    model = InspectionFinding
    description = (
        "每行一个督察发现的问题，以督察名称、督察日期和问题序号识别（序号留空则顺延编号）。新问题导入时即建立整改事项，"
        "整改期限留空则自督察日期起按配置的整改期限计算；已有问题只更新问题描述。"
    )
    columns = [
        Column(
            "inspection_title",
            "督察名称",
            required=True,
            example="2025年度法治政府建设督察",
            getter=lambda f: f.inspection.title,
        ),
        Column(
            "held_on",
            "督察日期",
            required=True,
            kind="date",
            example="2025-05-06",
            getter=lambda f: f.inspection.held_on,
        ),
        Column("number", "问题序号", kind="int", example="1"),
        Column(
            "organization",
            "问题单位代码",
            required=True,
            as_text=True,
            example="CH-JYJ",
            getter=lambda f: f.organization.code,
        ),
        Column("text", "问题描述", required=True, example="行政执法案卷归档不规范"),
        Column(
            "measures",
            "整改措施",
            example="开展案卷专项整理",
            getter=lambda f: getattr(_item_of(f), "measures", ""),
        ),
        Column(
            "deadline",
            "整改期限",
            kind="date",
            example="2025-08-06",
            getter=lambda f: getattr(_item_of(f), "deadline", None),
        ),
    ]

    def queryset(self):
        return InspectionFinding.objects.select_related("inspection", "organization").order_by(
            "inspection__held_on", "inspection__title", "number"
        )

    def prepare(self, rows):
        titles = {r["inspection_title"] for r in rows}
        inspections = {(i.title, i.held_on): i for i in Inspection.objects.filter(title__in=titles)}
        findings = {
            (f.inspection_id, f.number): f
            for f in InspectionFinding.objects.filter(inspection__in=list(inspections.values()))
        }
        top = dict(
            InspectionFinding.objects.filter(inspection__in=list(inspections.values()))
            .values_list("inspection")
            .annotate(n=Max("number"))
        )
        return {
            "orgs": _orgs(rows, "organization"),
            "inspections": inspections,
            "findings": findings,
            "next": top,
            "inspected": set(
                InspectedUnit.objects.filter(inspection__in=list(inspections.values())).values_list(
                    "inspection_id", "organization_id"
                )
            ),
            "key_of": lambda f: (f.inspection_id, f.number),
            "key_header": "问题序号",
        }

    def _inspection(self, values, ctx) -> Inspection:
        inspection = ctx["inspections"].get((values["inspection_title"], values["held_on"]))
        if inspection is None:
            raise CellError("没有该名称和日期的督察，请先导入督察台账。", column="督察名称")
        return inspection

    def match(self, values, ctx):
        inspection = self._inspection(values, ctx)
        if values["number"] is None:
            return None
        return ctx["findings"].get((inspection.pk, values["number"]))

    def build(self, values, existing, ctx):
        inspection = self._inspection(values, ctx)
        unit = _org(ctx, values["organization"], "问题单位代码")
        if (inspection.pk, unit.pk) not in ctx["inspected"]:
            raise CellError(f"“{unit}”不是该次督察的被督察单位。", column="问题单位代码")
        finding = copy.copy(existing) if existing else InspectionFinding(inspection=inspection)
        if existing is None:
            if values["number"] is None:
                ctx["next"][inspection.pk] = ctx["next"].get(inspection.pk, 0) + 1
                values["number"] = ctx["next"][inspection.pk]
            finding.number = values["number"]
        elif existing.organization_id != unit.pk:
            raise CellError("已有问题的问题单位不能通过导入更改。", column="问题单位代码")
        finding.organization = unit
        finding.text = values["text"]
        finding._measures, finding._deadline = values["measures"], values["deadline"]
        return finding

    def update_fields(self):
        return ["text"]

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        ct = ContentType.objects.get_for_model(InspectionFinding)
        items, deadlines = [], {}
        for f in creates:
            opened = f.inspection.held_on
            if f._deadline:
                due, why = f._deadline, f"交办时指定整改期限为{f._deadline:%Y年%m月%d日}。"
            else:
                if opened not in deadlines:
                    deadlines[opened] = rules.rectification_deadline(opened)
                due, why = deadlines[opened].due, deadlines[opened].explain()
            items.append(
                RectificationItem(
                    source_type=ct,
                    source_id=f.pk,
                    source_kind=sources.source_of(f).kind,
                    organization_id=f.organization_id,
                    measures=f._measures,
                    opened_on=opened,
                    deadline=due,
                    deadline_explanation=why,
                )
            )
        RectificationItem.objects.bulk_create(items, batch_size=1000)
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(
                    AuditEvent.Action.CREATE,
                    i,
                    audit.diff({}, audit.snapshot(i)),
                    note="台账导入：督察发现问题",
                )
                for i in items
            ],
        )


@register
class ItemLedger(Ledger):
    code = "oversight_items"
    name = "整改台账"
    model = RectificationItem
    description = (
        "每行一个整改事项，以“问题来源”（如 enforcement.supervisionclue:5）识别：尚无整改事项的问题新建，已有的更新整改措施。"
        "状态等由整改流程产生，导入时不改变；整改期限只能由督察机构在事项页面调整。"
    )
    columns = [
        Column(
            "source",
            "问题来源",
            "应用.模型:编号",
            required=True,
            as_text=True,
            example="oversight.inspectionfinding:1",
            getter=lambda i: f"{i.source_type.app_label}.{i.source_type.model}:{i.source_id}",
        ),
        Column("finding", "问题", "导出时填写，导入时不读取", getter=lambda i: sources.describe(i.source)),
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
            "source"
        )

    def prepare(self, rows):
        return {
            "orgs": _orgs(rows, "organization"),
            "key_of": lambda i: (i.source_type_id, i.source_id),
            "key_header": "问题来源",
            "deadlines": {},
        }

    def _source(self, values):
        from django.core.exceptions import ValidationError

        try:
            return sources.resolve(values["source"])
        except ValidationError as exc:
            raise CellError("；".join(exc.messages), column="问题来源") from exc

    def match(self, values, ctx):
        record = self._source(values)
        ct = ContentType.objects.get_for_model(type(record))
        return RectificationItem.objects.filter(source_type=ct, source_id=record.pk).first()

    def build(self, values, existing, ctx):
        if existing is not None:
            item = copy.copy(existing)
            if values["deadline"] and values["deadline"] != existing.deadline:
                raise CellError("整改期限只能由督察机构在整改事项页面调整。", column="整改期限")
            if values["organization"] and values["organization"] != existing.organization.code:
                raise CellError("已有整改事项的责任单位不能通过导入更改。", column="责任单位代码")
            item.measures = values["measures"]
            return item
        record = self._source(values)
        registration = sources.source_of(record)
        unit = (
            _org(ctx, values["organization"], "责任单位代码")
            if values["organization"]
            else registration.unit(record)
        )
        opened = values["opened_on"]
        if values["deadline"]:
            due, why = values["deadline"], f"交办时指定整改期限为{values['deadline']:%Y年%m月%d日}。"
        else:
            if opened not in ctx["deadlines"]:
                ctx["deadlines"][opened] = rules.rectification_deadline(opened)
            due, why = ctx["deadlines"][opened].due, ctx["deadlines"][opened].explain()
        return RectificationItem(
            source_type=ContentType.objects.get_for_model(type(record)),
            source_id=record.pk,
            source_kind=registration.kind,
            organization=unit,
            measures=values["measures"],
            opened_on=opened,
            deadline=due,
            deadline_explanation=why,
        )

    def update_fields(self):
        return ["measures"]
