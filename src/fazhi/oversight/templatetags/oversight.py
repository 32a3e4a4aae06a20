"""{% load oversight %}{% rectification_items record %}: the rectification item(s) of any source record, for the
pages of other workstreams (a clue, a case-file problem, a correction), with a link to open one where none exists;
{% rectification_status record %} says the same inline, for one row of a list."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.formats import get_format, localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

from fazhi.core import access, clock

from .. import links, selectors

register = template.Library()


@register.inclusion_tag("oversight/_record_items.html", takes_context=True)
def rectification_items(context, record):
    return _record_context(context, record)


@register.inclusion_tag("oversight/_record_status.html", takes_context=True)
def rectification_status(context, record):
    """The same, inline: for a row of a list (e.g. each problem of an evaluated case file)."""
    return _record_context(context, record)


def _record_context(context, record) -> dict:
    user = context["request"].user
    registered = selectors.is_registered_source(record)
    items = list(selectors.items_of_record(user, record)) if registered else []
    today = clock.today()
    for item in items:
        item.overdue_by = item.overdue_days(today)
    # an item the user may not see still exists: the page must not say there is none (nor offer to open another)
    elsewhere = registered and not items and selectors.item_exists_for(record)
    may_open = (
        registered
        and not items
        and not elsewhere
        and access.policy_for(user) is not None
        and access.policy_for(user).writes
    )
    return {
        "items": items,
        "registered": registered,
        "elsewhere": elsewhere,
        "open_url": f"{reverse('oversight:open_item')}?{urlencode({'source': links.reference(record)})}"
        if may_open
        else "",
    }


@register.simple_tag
def summary_rows(rows) -> str:
    """The rows of a ledger summary (oversight/_summary.html), written in Python: the same markup as a template loop
    would write (tests/oversight/web/test_summary_rows.py compares them), without its cost per cell for the
    province's thousand units (issue 19). Numbers are written as the template localizes them: plainly when the
    locale adds no grouping and its decimal separator is a point (localize costs ~15 µs a number)."""
    plain = not settings.USE_THOUSAND_SEPARATOR and get_format("DECIMAL_SEPARATOR") == "."

    def localized(value) -> str:
        return escape(localize(value))

    cell = str if plain else localized  # a count or a rate written plainly has nothing to escape

    html = "".join(
        f'<tr class="summary-row"><td>{escape(r["label"])}</td><td>{cell(r["total"])}</td>'
        f"<td>{cell(r['rectified'])}</td><td>{cell(r['signed_off'])}</td><td>{cell(r['consolidated'])}</td>"
        + (f'<td><strong class="error">{cell(r["overdue"])}</strong></td>' if r["overdue"] else "<td>0</td>")
        + (f"<td>{cell(r['rate'])}%</td>" if r["rate"] is not None else "<td>—</td>")
        + "</tr>"
        for r in rows
    )
    return mark_safe(html)  # noqa: S308  (every value escaped above, as the template escaped it)
