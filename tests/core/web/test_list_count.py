"""A list counts its rows once when no filter or search narrows them (the total shown is that count), and again
after a filter or a search: the total is always the number of rows listed (issue 18: one query less per list)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import Organization
from fazhi.core.web import lists

pytestmark = pytest.mark.django_db


def _listing(params):
    for code in ("T1", "T2", "T3"):
        Organization.objects.create(code=code, name=f"测试单位{code}", kind="department")
    rows = Organization.objects.filter(code__startswith="T")
    spec = lists.ListSpec(
        title="单位",
        columns=[lists.Column("name", "名称", lambda o: o.name, order_by=("name",))],
        filters=[lists.Filter("code", "代码", lambda qs, v: qs.filter(code=v), choices=[("T2", "T2")])],
        search_fields=("name",),
        per_page=2,
    )
    with CaptureQueriesContext(connection) as queries:
        listing = lists.listing(RequestFactory().get("/", params), rows, spec)
        shown = [o.code for o in listing.page_rows]
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    return listing, shown, len(counts)


def test_an_unfiltered_list_counts_its_rows_once():
    listing, shown, counts = _listing({"sort": "-name"})
    assert (listing.total, listing.unfiltered, shown, counts) == (3, 3, ["T3", "T2"], 1)
    assert listing.page.paginator.num_pages == 2


@pytest.mark.parametrize("params", [{"code": "T2"}, {"q": "T2"}])
def test_a_filtered_or_searched_list_counts_the_rows_it_shows(params):
    listing, shown, counts = _listing(params)
    assert (listing.total, listing.unfiltered, shown, counts) == (1, 3, ["T2"], 2)
