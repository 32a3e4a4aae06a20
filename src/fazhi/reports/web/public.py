"""Public pages of the annual reports: every issued report, shown as issued (the frozen text, not today's data)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from ..rules import spec
from ..selectors import annual as selectors


def issued_list(request):
    return render(request, "reports/public_list.html", {"reports": selectors.public_issued()})


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
