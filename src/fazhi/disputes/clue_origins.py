"""Reconsideration cases that corrected the respondent open supervision clues in enforcement (registered in
fazhi.enforcement.origins, discovered by enforcement's ready()): the clue concerns the respondent and leads back to
the case's page."""

from django.urls import reverse

from fazhi.enforcement import origins

origins.register(
    "disputes.ReconsiderationCase",
    kind=origins.Source.RECONSIDERATION,
    unit=lambda c: c.respondent,
    description=lambda c: (
        f"行政复议案件{c.docket_number}（{c.get_outcome_display() or c.get_status_display()}）"
    ),
    url=lambda c: reverse("disputes:case", args=[c.pk]),
)
