"""Every write of 行政应诉, by area. Other apps (and the pages, API, admin, ledgers) call these names."""

from .lawsuits import (
    DEADLINE_FIELDS,
    HEARING_FIELDS,
    LAWSUIT_FIELDS,
    WORKFLOW_FIELDS,
    deadline_fields,
    mark_effective,
    open_supervision_clue,
    record_appeal,
    record_head_request,
    record_hearing,
    record_judgment,
    record_judgment_service,
    record_performance,
    register_lawsuit,
    submit_defence,
    update_hearing,
    update_lawsuit,
)
from .meetings import MEETING_FIELDS, record_meeting, update_meeting
from .recommendations import RECOMMENDATION_FIELDS, record_recommendation, record_reply

__all__ = [
    "DEADLINE_FIELDS",
    "HEARING_FIELDS",
    "LAWSUIT_FIELDS",
    "MEETING_FIELDS",
    "RECOMMENDATION_FIELDS",
    "WORKFLOW_FIELDS",
    "deadline_fields",
    "mark_effective",
    "open_supervision_clue",
    "record_appeal",
    "record_hearing",
    "record_head_request",
    "record_judgment",
    "record_judgment_service",
    "record_meeting",
    "record_performance",
    "record_recommendation",
    "record_reply",
    "register_lawsuit",
    "submit_defence",
    "update_hearing",
    "update_lawsuit",
    "update_meeting",
]
