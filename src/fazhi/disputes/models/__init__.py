"""Records of 行政复议: the case from receipt to closing (a django-fsm-2 state machine), its docket sequence, its
statutory clocks stored with their explanation, suspensions, hearing opinions (听取意见) and hearings (听证)."""

from .case import (
    AGREEMENTS,
    CORRECTIONS,
    DECISIONS,
    OUTCOME_ARTICLES,
    DocketSequence,
    Outcome,
    ReconsiderationCase,
    may_handle,
)
from .records import CaseClock, Hearing, HearingOpinion, Suspension

__all__ = [
    "AGREEMENTS",
    "CORRECTIONS",
    "DECISIONS",
    "OUTCOME_ARTICLES",
    "CaseClock",
    "DocketSequence",
    "Hearing",
    "HearingOpinion",
    "Outcome",
    "ReconsiderationCase",
    "Suspension",
    "may_handle",
]
