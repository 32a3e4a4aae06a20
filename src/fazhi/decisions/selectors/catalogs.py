"""Reads of the decision catalogs: those in the user's scope and every published one, the items a unit may
register a decision from, and what the public sees."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import CatalogItem, DecisionCatalog


def catalogs_for(user: User) -> QuerySet[DecisionCatalog]:
    """The catalogs of the user's scope, and every published one (published catalogs are public)."""
    scoped = access.scope(user, DecisionCatalog.objects.all()).values("pk")
    return (
        DecisionCatalog.objects.filter(Q(pk__in=scoped) | Q(status=DecisionCatalog.Status.PUBLISHED))
        .select_related("organization")
        .prefetch_related("items__lead_unit")
    )


def registrable_items(user: User) -> QuerySet[CatalogItem]:
    """Unregistered items of approved or published catalogs the user sees, led by a unit the user may change."""
    return (
        CatalogItem.objects.filter(
            catalog__in=catalogs_for(user).values("pk"),
            catalog__status__in=[DecisionCatalog.Status.APPROVED, DecisionCatalog.Status.PUBLISHED],
            decision__isnull=True,
            lead_unit__in=access.organizations(user, access.CHANGE),
        )
        .select_related("catalog", "lead_unit")
        .order_by("-catalog__year", "sort_order", "pk")
    )


def published_catalogs() -> QuerySet[DecisionCatalog]:
    """What the public may see without logging in."""
    return (
        DecisionCatalog.objects.filter(status=DecisionCatalog.Status.PUBLISHED)
        .select_related("organization")
        .prefetch_related("items__lead_unit")
    )


def published_items() -> QuerySet[CatalogItem]:
    """The items of every published catalog, for the public list (one row a decision item), newest year first and
    in the catalog's order."""
    return (
        CatalogItem.objects.filter(catalog__status=DecisionCatalog.Status.PUBLISHED)
        .select_related("catalog", "catalog__organization", "lead_unit")
        .order_by("-catalog__year", "catalog__organization__path", "sort_order", "pk")
    )
