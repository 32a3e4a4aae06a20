"""The filings list (备案): every filing the user sees with its receiving body, deadline, materials, result and the
correction period, on core.web.lists (search, filters, sorting, pages, Excel export), the next deadline first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import clock, workbench
from fazhi.core.models import Organization
from fazhi.core.web import lists

from ... import selectors
from ...models import Filing


def correction_open(filing: Filing):
    """纠正后重新报送期限 while the correction ordered is not made."""
    if filing.result == Filing.Result.CORRECTION and filing.corrected_on is None:
        return filing.correction_due_on
    return None


def filing_spec(user, today) -> lists.ListSpec:
    visible = selectors.filings_for(user)
    units = Organization.objects.filter(pk__in=visible.values("document__organization_id")).order_by("path")
    return lists.ListSpec(
        title="规范性文件备案",
        columns=[
            lists.Column("number", "文号", lambda f: f.document.number, order_by=("document__number",)),
            lists.Column("title", "文件名称", lambda f: f.document.title, order_by=("document__title",)),
            lists.Column(
                "unit",
                "制定机关",
                lambda f: f.document.organization.name,
                order_by=("document__organization__path",),
            ),
            lists.Column("body", "备案机关类别", lambda f: f.get_body_display(), order_by=("body",)),
            lists.Column("filed_with", "备案机关", lambda f: f.filed_with, order_by=("filed_with",)),
            lists.Column("filed", "报送日期", lambda f: f.filed_on, order_by=("filed_on",)),
            lists.Column("filing_due", "报送期限", lambda f: f.due_on, order_by=("due_on",)),
            lists.Column(
                "in_time", "按期报送", lambda f: {True: "是", False: "否"}.get(f.in_time, ""), sortable=False
            ),
            lists.Column("materials", "缺少材料", lambda f: "、".join(f.missing_materials), sortable=False),
            lists.Column("result", "审查结果", lambda f: f.get_result_display(), order_by=("result",)),
            lists.Column("result_on", "结果日期", lambda f: f.result_on, order_by=("result_on",)),
            lists.Column(
                "due", "纠正后重新报送期限", correction_open, order_by=(selectors.correction_open_on(),)
            ),
            lists.Column("corrected", "纠正完成日期", lambda f: f.corrected_on, order_by=("corrected_on",)),
        ],
        filters=[
            lists.Filter(
                "body", "备案机关类别", lambda qs, v: qs.filter(body=v), choices=Filing.Body.choices
            ),
            lists.Filter(
                "result", "审查结果", lambda qs, v: qs.filter(result=v), choices=Filing.Result.choices
            ),
            lists.Filter(
                "unit",
                "制定机关",
                lambda qs, v: qs.filter(document__organization_id=int(v)),
                choices=[(str(u.pk), u.name) for u in units],
            ),
            lists.Filter(
                "overdue",
                "只看逾期未纠正",
                lambda qs, v: qs.filter(
                    result=Filing.Result.CORRECTION, corrected_on__isnull=True, correction_due_on__lt=today
                ),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("document__title", "document__number", "filed_with", "document__organization__name"),
        search_placeholder="文件名称、文号、备案机关",
        default_sort="due",
    )


@login_required
def filing_list(request):
    user = request.user
    today = clock.today()
    rows = selectors.filings_for(user)
    listing = lists.listing(request, rows, filing_spec(user, today))
    if listing.wants_export:
        return listing.export(f"规范性文件备案_{today.isoformat()}.xlsx")
    filings = listing.page_rows
    for f in filings:
        f.open_due = correction_open(f)
        f.due_level = workbench.level_for(f.open_due, today) if f.open_due else ""
    return render(
        request,
        "review/documents/filing_list.html",
        {"filings": filings, "list": listing, "today": today},
        status=listing.status,
    )
