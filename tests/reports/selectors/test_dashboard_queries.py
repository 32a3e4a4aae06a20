"""The dashboard computes sibling figures together (indicators.registry.shared) the first time, then reads them from
their snapshots: its first read runs hardly more statements than evaluate_all, the next one a single statement."""

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

    # first read: both years computed and stored (with the incomplete records of the year before, which
    # evaluate_all does not look for), plus the read and one write per year
    assert dashboard <= together + 10
    assert together < one_by_one
    assert statements(lambda: dashboard_groups(2025, scope)) == 1  # then: the snapshots, nothing computed
