"""Deadlines on read-only requests: one calendar per request, not one per row.

A list of reconsideration cases or lawsuits computes each row's statutory clocks; each computation used to build a
calendar of its own (the calendar-region setting, the calendar years and the holiday rows: three queries per row of
`/api/reconsideration-cases/`). `core.calendar.reused` lets the deadlines computed inside it share one calendar; this
middleware wraps every GET and HEAD request in it. Writes are left out: a request that adds a calendar day must see it
(reused() does not see entries made inside its block)."""

from __future__ import annotations

from fazhi.core import calendar

READ_ONLY = frozenset({"GET", "HEAD", "OPTIONS"})


class SharedCalendarMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_ONLY:
            return self.get_response(request)
        with calendar.reused():
            return self.get_response(request)
