"""The page comparing an issued report with the platform's draft and with last year's report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from ..rules import figures
from ..selectors import annual as selectors_annual
from ..selectors import diffs


@login_required
def compare(request, pk):
    issued = selectors_annual.issued_for(request.user).filter(pk=pk).first()
    if issued is None:
        raise Http404("没有这份已印发的报告。")
    last = diffs.against_last_year(issued)
    rows = [
        {
            **r,
            "this_text": figures.with_unit(r["this"], r["unit"]),
            "last_text": figures.with_unit(r["last"], r["unit"]),
            "difference_text": figures.number(r["difference"]),
        }
        for r in last["figures"]
    ]
    return render(
        request,
        "reports/compare.html",
        {
            "issued": issued,
            "against_draft": diffs.against_draft(issued),
            "last": last,
            "rows": rows,
        },
    )
