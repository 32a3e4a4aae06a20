"""{% load oversight %}{% rectification_items record %}: the rectification item(s) of any source record, for the
pages of other workstreams (a clue, a case-file problem, a correction), with a link to open one where none exists;
{% rectification_status record %} says the same inline, for one row of a list."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

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
