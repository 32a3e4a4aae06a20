"""The dashboard and the report draft compute sibling figures together (indicators.registry.shared): they run no
more statements than evaluate_all for the same year and scope, and far fewer than one count per figure."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.indicators.registry import REGISTRY, Period, Scope, evaluate, evaluate_all
from fazhi.reports.selectors.dashboard import dashboard_groups


def statements(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured.captured_queries)


def test_the_dashboard_shares_sibling_counts_like_evaluate_all(district, users):
    scope = Scope(district.root, include_below=True)
    period = Period.year(2025)

    one_by_one = statements(lambda: [evaluate(code, period, scope) for code in sorted(REGISTRY)])
    together = statements(lambda: evaluate_all(period, scope))
    dashboard = statements(lambda: dashboard_groups(2025, scope))

    assert dashboard <= together + 2  # the dashboard may read its layout
    assert together < one_by_one
