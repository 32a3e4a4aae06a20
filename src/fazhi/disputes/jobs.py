"""Scheduled work of the disputes workstream, run once a day by `fazhi worker` (core.tasks.scheduled)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import User
from fazhi.core.tasks import scheduled
from fazhi.disputes import services as disputes_services


@scheduled("disputes.deem", every="daily")  # the daily run of `fazhi disputes deem`
def deem_overdue_acceptances(*, actor: User, today: dt.date) -> str:
    """行政复议申请视为受理

    《中华人民共和国行政复议法》第三十条第三款：“行政复议申请的审查期限届满，行政复议机关未作出不予受理决定的，
    审查期限届满之日起视为受理。”
    """
    done = disputes_services.deem_overdue_acceptances(actor=actor, on=today)
    return f"视为受理{len(done)}件：{'、'.join(c.docket_number for c in done) or '无'}"
