"""The 工作台 warns before a clock runs out and flags what is overdue."""

from __future__ import annotations

import datetime as dt

from fazhi.core import workbench
from fazhi.disputes import services

from .conftest import accepted, register

D = dt.date


def test_workbench_warns_before_a_clock_runs_out_and_flags_overdue(users, district):
    soon = register(users, district, received_on=D(2025, 9, 29))  # examination due 13 October
    late = accepted(users, district, received_on=D(2025, 7, 30), accepted_on=D(2025, 8, 2))
    services.send_copy(actor=users.reconsideration, case=late, on=D(2025, 8, 4))
    # answer due 10 working days after 4 August = 18 August
    items = [
        i for i in workbench.items_for(users.reconsideration, D(2025, 10, 9)) if i.category == "行政复议"
    ]
    by_title = {i.title: i for i in items}
    assert f"{soon.docket_number}受理审查期限即将届满（2025年10月13日）" in by_title
    assert by_title[f"{late.docket_number}被申请人答复期限已逾期（2025年08月18日）"].level == "overdue"
    decision = by_title[f"{late.docket_number}作出复议决定期限即将届满（2025年10月09日）"]
    assert "顺延" in decision.detail
    # a suspended case's decision clock is stopped: no warning for it
    services.suspend(actor=users.reconsideration, case=late, on=D(2025, 9, 1), ground=7, reason="等待解释")
    items = [
        i.title
        for i in workbench.items_for(users.reconsideration, D(2025, 10, 9))
        if i.category == "行政复议"
    ]
    assert not any("作出复议决定期限" in t for t in items)
    # others see nothing of the office's cases
    assert not [i for i in workbench.items_for(users.jyj_clerk, D(2025, 10, 9)) if i.category == "行政复议"]
