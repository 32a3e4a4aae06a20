"""Reconsideration cases that corrected the respondent open rectification items in oversight's ledger (registered
in fazhi.oversight.links, discovered by oversight's ready())."""

from django.urls import reverse

from fazhi.oversight import links

from .models import ReconsiderationCase

links.register(
    "disputes.ReconsiderationCase",
    kind=links.SourceKind.RECONSIDERATION,
    unit=lambda c: c.respondent,
    description=lambda c: f"行政复议纠错：{c}",
    url=lambda c: reverse("disputes:case", args=[c.pk]),
    refusal=lambda c: (
        ""
        if c.is_correction
        else "只有被纠错（变更、撤销、确认违法、责令履行、确认无效）的复议案件才建立整改事项。"
    ),
    name=lambda c: c.docket_number,
    find=lambda text: ReconsiderationCase.objects.filter(docket_number=text),
    form="复议案号",
)
