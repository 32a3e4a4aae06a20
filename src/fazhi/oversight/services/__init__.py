"""Every write of 督察整改与任务台账, by area. The names below are the public service other workstreams call (e.g.
enforcement's case-file evaluation opens a rectification item for each problem it finds)."""

from .rectification import (
    add_evidence,
    consolidate,
    escalate,
    escalate_overdue,
    item_of,
    open_item,
    rectify,
    reopen,
    send_back,
    sign_off,
    start,
    update_plan,
)

__all__ = [
    "add_evidence",
    "consolidate",
    "escalate",
    "escalate_overdue",
    "item_of",
    "open_item",
    "rectify",
    "reopen",
    "send_back",
    "sign_off",
    "start",
    "update_plan",
]
