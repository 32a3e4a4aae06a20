"""合法性审查目录清单 as a ledger: each row an entry of a unit's catalog; a new catalog is adopted with its rows, checked by
rules.catalogs; an adopted catalog is not extended or changed by import."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent

from .. import rules
from ..models import ReviewCatalog, ReviewCatalogEntry, SubjectKind
from .base import organizations, unit_of


@register
class ReviewCatalogEntryLedger(Ledger):
    code = "review_catalog_entries"
    name = "合法性审查目录清单"
    model = ReviewCatalogEntry
    description = (
        "每行一类须经合法性审查的事项，按“单位代码＋清单名称”归入该单位的一份目录清单。清单尚不存在的，导入时"
        "连同其各行事项一并制定；已制定的清单不能通过导入追加或修改事项，修订后的目录清单请以新的清单名称"
        "（如注明年版）导入。同一份清单各行的制定日期应一致。"
    )
    columns = [
        Column(
            "organization",
            "单位代码",
            "制定目录清单的单位的单位代码",
            required=True,
            example="CH-JYJ",
            as_text=True,
            getter=lambda e: e.catalog.organization.code,
        ),
        Column(
            "catalog",
            "清单名称",
            "同一单位以清单名称区分各份目录清单",
            required=True,
            example="澄湖区教育局合法性审查目录清单（2025年版）",
            max_length=200,
            getter=lambda e: e.catalog.title,
        ),
        Column(
            "adopted_on",
            "制定日期",
            "目录清单印发（制定）的日期",
            required=True,
            kind="date",
            example="2025-03-01",
            getter=lambda e: e.catalog.adopted_on,
        ),
        Column(
            "subject_kind",
            "事项类别",
            required=True,
            kind="choice",
            choices=SubjectKind.choices,
            example="合同",
        ),
        Column(
            "description",
            "事项",
            "须经合法性审查的事项",
            required=True,
            example="以本单位名义签订的政府投资项目合同",
            max_length=200,
        ),
    ]

    def queryset(self):
        return ReviewCatalogEntry.objects.select_related("catalog__organization").order_by(
            "catalog__organization__path", "catalog__adopted_on", "catalog__title", "pk"
        )

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        catalogs = {
            (c.organization.code, c.title): c
            for c in ReviewCatalog.objects.filter(organization__code__in=codes).select_related("organization")
        }
        entries = {
            (e.catalog.organization.code, e.catalog.title, e.subject_kind, e.description): e
            for e in ReviewCatalogEntry.objects.filter(catalog__in=list(catalogs.values())).select_related(
                "catalog__organization"
            )
        }
        return {
            "orgs": organizations(codes),
            "catalogs": catalogs,
            "entries": entries,
            "new_catalogs": [],
            "key_of": lambda e: (
                e.catalog.organization.code,
                e.catalog.title,
                e.subject_kind,
                e.description,
            ),
            "key_header": "事项",
        }

    def match(self, values, ctx):
        key = (values["organization"], values["catalog"], values["subject_kind"], values["description"])
        return ctx["entries"].get(key)

    def _catalog(self, values: dict, existing, ctx: dict) -> ReviewCatalog:
        key = (values["organization"], values["catalog"])
        catalog = ctx["catalogs"].get(key)
        if catalog is None:
            # A new catalog is adopted with its entries (here the file's rows), checked by the catalog's rules.
            unit = unit_of(ctx, values["organization"], "单位代码")
            catalog = ReviewCatalog(
                organization=unit, title=values["catalog"], adopted_on=values["adopted_on"]
            )
            try:
                catalog.clean_fields(exclude=["organization"])
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="清单名称") from exc
            rules.validate_catalog(catalog)
            # A placeholder id below zero until save() creates the catalog just before its entries.
            catalog.pk = -(len(ctx["new_catalogs"]) + 1)
            ctx["new_catalogs"].append(catalog)
            ctx["catalogs"][key] = catalog
        elif catalog.pk < 0:
            if values["adopted_on"] != catalog.adopted_on:
                raise CellError(
                    f"同一份目录清单各行的制定日期应一致（该清单前面的行为{catalog.adopted_on}）。",
                    column="制定日期",
                )
        else:
            if values["adopted_on"] != catalog.adopted_on:
                raise CellError(
                    f"目录清单“{catalog}”已于{catalog.adopted_on}制定，制定日期不能通过导入修改。",
                    column="制定日期",
                )
            if existing is None:
                raise CellError(
                    f"目录清单“{catalog}”已制定，不能通过导入追加事项；修订后的目录清单请以新的清单名称导入。",
                    column="事项",
                )
        return catalog

    def build(self, values, existing, ctx):
        catalog = self._catalog(values, existing, ctx)
        entry = copy.copy(existing) if existing else ReviewCatalogEntry()
        entry.catalog = catalog
        entry.subject_kind = values["subject_kind"]
        entry.description = values["description"]
        return entry

    def save(self, *, creates, updates, fields, actor=None):
        pending = list({id(e.catalog): e.catalog for e in creates if e.catalog.pk < 0}.values())
        for catalog in pending:
            catalog.pk = None
            catalog.save(force_insert=True)
        for entry in creates:
            entry.catalog = entry.catalog  # takes the new catalog's real id
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(
                    AuditEvent.Action.CREATE,
                    c,
                    audit.diff({}, audit.snapshot(c)),
                    note=f"台账导入：{self.name}（制定目录清单）",
                )
                for c in pending
            ],
        )
        super().save(creates=creates, updates=updates, fields=fields)
