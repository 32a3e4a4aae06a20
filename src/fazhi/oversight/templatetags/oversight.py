"""{% load oversight %}{% rectification_items record %}: the rectification item(s) of any source record, for the
pages of other workstreams (a clue, a case-file problem, a correction), with a link to open one where none exists;
{% rectification_status record %} says the same inline, for one row of a list."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join

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
    province's thousand units (issue 19)."""
    return format_html_join(
        "",
        '<tr class="summary-row"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                r["label"],
                localize(r["total"]),
                localize(r["rectified"]),
                localize(r["signed_off"]),
                localize(r["consolidated"]),
                format_html('<strong class="error">{}</strong>', localize(r["overdue"]))
                if r["overdue"]
                else "0",
                f"{localize(r['rate'])}%" if r["rate"] is not None else "—",
            )
            for r in rows
        ),
    )
