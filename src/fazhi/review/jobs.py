"""Scheduled work of the review workstream, run once a day by `fazhi worker` (core.tasks.scheduled)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import User
from fazhi.core.tasks import scheduled
from fazhi.review import services as review_services


@scheduled("review.expire", every="daily")
def expire_documents(*, actor: User, today: dt.date) -> str:
    """规范性文件有效期届满失效

    A valid document whose last day of validity (有效期至, rules.expired_by) has passed is turned 失效 through its
    `expire` transition (audited); the drafting organ sees it on its 工作台 (workbench.review_work)."""
    done = review_services.expire_documents(actor=actor, on=today)
    return f"宣布失效{len(done)}件：{'、'.join(d.number or d.title for d in done) or '无'}"
