"""Public pages of the annual reports: every issued report, shown as issued (the frozen text, not today's data)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from fazhi.core import clock
from fazhi.core.web import lists

from ..rules import spec
from ..selectors import annual as selectors


def public_spec(rows) -> lists.ListSpec:
    """The issued reports for the public: search, the unit and the year, sorting, pages and the export."""
    years = sorted({y for y in rows.values_list("year", flat=True).distinct()}, reverse=True)
    return lists.ListSpec(
        title="法治政府建设年度报告",
        columns=[
            lists.Column("title", "报告", lambda r: r.title, order_by=("title",)),
            lists.Column("unit", "单位", lambda r: r.organization.name, order_by=("organization__path",)),
            lists.Column("year", "年度", lambda r: r.year, order_by=("year",)),
            lists.Column("issued", "发布日期", lambda r: r.issued_on, order_by=("issued_on",)),
        ],
        filters=[
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(year=int(v)),
                choices=[(str(y), f"{y}年度") for y in years],
            ),
            lists.unit_filter(rows),
        ],
        search_fields=("title", "organization__name"),
        search_placeholder="报告标题、单位",
    )


def issued_list(request):
    rows = selectors.public_issued()
    listing = lists.listing(request, rows, public_spec(rows))
    if listing.wants_export:
        return listing.export(f"法治政府建设年度报告_{clock.today().isoformat()}.xlsx")
    return render(
        request,
        "reports/public_list.html",
        {"reports": listing.page_rows, "list": listing},
        status=listing.status,
    )


def issued_document(request, pk):
    issued = selectors.public_issued().filter(pk=pk).first()
    if issued is None:
        raise Http404("没有这份年度报告。")
    blocks = [spec.Block(b["kind"], b["text"]) for b in issued.content.get("blocks", [])]
    return render(
        request,
        "reports/report_document.html",
        {
            "report": {"title": issued.title, "blocks": blocks, "organization": issued.organization},
            "signed_on": issued.issued_on,
        },
    )
