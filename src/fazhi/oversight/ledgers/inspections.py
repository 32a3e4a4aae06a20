"""Ledgers of inspections and their findings (a new finding opens its rectification item, built by the same
service function and checked by the same rules as on the page) — import from xlsx/csv with a dry run, export and
template."""

from __future__ import annotations

import copy

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent

from ..models import InspectedUnit, Inspection, InspectionFinding, RectificationItem
from ..rules import inspections as rules
from ..rules import validate_units_in_district
from ..services.rectification import new_item
from .codes import SEP, codes, org, orgs


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
            "orgs": orgs(rows, "organization", "co_organizers", "units"),
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
        inspection.organization = org(ctx, values["organization"], "组织单位代码")
        inspection._co = [org(ctx, c, "联合组织单位代码") for c in codes(values["co_organizers"])]
        inspection._units = [org(ctx, c, "被督察单位代码") for c in codes(values["units"])]
        if not inspection._units:
            raise CellError("须填写被督察单位。", column="被督察单位代码")
        validate_units_in_district(ctx["actor"], [inspection.organization], "organization")
        validate_units_in_district(ctx["actor"], inspection._co, "co_organizers")
        validate_units_in_district(ctx["actor"], inspection._units, "units")
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
            "orgs": orgs(rows, "organization"),
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
            "finding_type": ContentType.objects.get_for_model(InspectionFinding),
            "deadlines": {},
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
        unit = org(ctx, values["organization"], "问题单位代码")
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
        rules.validate_finding(finding, inspected=(inspection.pk, unit.pk) in ctx["inspected"])
        finding._measures, finding._deadline = values["measures"], values["deadline"]
        if existing is None:
            # The item this finding opens, checked now by the item's rules (dry run included).
            finding._item = new_item(
                source=finding,
                opened_on=inspection.held_on,
                deadline=values["deadline"],
                measures=values["measures"],
                source_type=ctx["finding_type"],
                deadlines=ctx["deadlines"],
            )
            finding._item.full_clean(exclude={"source_type", "source_id", "organization", "status"})
        return finding

    def update_fields(self):
        return ["text"]

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        items = []
        for f in creates:
            f._item.source_id = f.pk
            items.append(f._item)
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
