"""Writes of the yearly decision catalog: compile it, add and change items while it is a draft, approve, publish."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core import workflow
from fazhi.core.models import Organization, User

from .. import rules
from ..models import CatalogItem, DecisionCatalog


def catalog_title(organization: Organization, year: int) -> str:
    return f"{organization.name}{year}年度重大行政决策事项目录"


def create_catalog(*, actor: User, year: int, organization: Organization, title: str = "") -> DecisionCatalog:
    rules.check_may_manage_catalogs(actor, "编制重大行政决策事项目录")
    catalog = DecisionCatalog(
        year=year, organization=organization, title=title or catalog_title(organization, year)
    )
    return core_services.create_record(actor=actor, instance=catalog)


def update_catalog(*, actor: User, catalog: DecisionCatalog, **fields: Any) -> DecisionCatalog:
    """Change a catalog's year, body or title while it is being compiled."""
    with transaction.atomic():
        rules.check_may_manage_catalogs(actor, "修改重大行政决策事项目录")
        rules.validate_catalog_draft(DecisionCatalog.objects.get(pk=catalog.pk))
        return core_services.update_record(actor=actor, instance=catalog, data=fields)


def add_catalog_item(
    *,
    actor: User,
    catalog: DecisionCatalog,
    title: str,
    lead_unit: Organization,
    planned_time: str,
    planned_by: dt.date,
    sort_order: int | None = None,
) -> CatalogItem:
    """Items are added while the catalog is being compiled; once approved it changes only by a new decision."""
    with transaction.atomic():
        rules.check_may_manage_catalogs(actor, "增加目录事项")
        rules.validate_catalog_draft(catalog)
        item = CatalogItem(
            catalog=catalog,
            title=title,
            lead_unit=lead_unit,
            planned_time=planned_time,
            planned_by=planned_by,
            sort_order=sort_order if sort_order is not None else catalog.items.count() + 1,
        )
        return core_services.create_record(actor=actor, instance=item)


def update_catalog_item(*, actor: User, item: CatalogItem, **fields: Any) -> CatalogItem:
    """Change an item of a catalog still being compiled (and only move it to another draft)."""
    with transaction.atomic():
        rules.check_may_manage_catalogs(actor, "修改目录事项")
        rules.validate_catalog_draft(CatalogItem.objects.select_related("catalog").get(pk=item.pk).catalog)
        if "catalog" in fields:
            rules.validate_catalog_draft(fields["catalog"])
        return core_services.update_record(actor=actor, instance=item, data=fields)


def approve_catalog(
    *, actor: User, catalog: DecisionCatalog, approved_on: dt.date, meeting: str = ""
) -> DecisionCatalog:
    return workflow.run_transition(
        actor=actor, instance=catalog, name="approve", approved_on=approved_on, meeting=meeting
    )


def publish_catalog(
    *, actor: User, catalog: DecisionCatalog, published_on: dt.date, channel: str
) -> DecisionCatalog:
    rules.validate_publication_channel(channel)
    return workflow.run_transition(
        actor=actor, instance=catalog, name="publish", published_on=published_on, channel=channel
    )
