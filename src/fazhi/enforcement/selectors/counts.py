"""A count per row as a correlated subquery, shared by the enforcement selectors."""

from __future__ import annotations

from django.db.models import Count, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, by: str):
    """COUNT(*) of `rows` (filtered on an OuterRef through the field `by`) as a subquery, 0 when there are none:
    computed for the rows a list shows, not by grouping every row of the list with every one of its `rows`."""
    counted = rows.order_by().values(by).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
