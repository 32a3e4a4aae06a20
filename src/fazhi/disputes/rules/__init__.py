"""The rules of 行政复议, one module per area: cases (handling, outcomes, steps, dates), clocks (the statutory
periods), hearings (听取意见, 听证) and platform (entry on the national platform). Each public rule's docstring
names it in Chinese and quotes its article."""

from . import cases, clocks, hearings, platform
from .cases import (
    AGREEMENTS,
    CORRECTIONS,
    DECISIONS,
    DOCKET_FORMAT,
    LAW,
    MAX_EXTENSION_DAYS,
    MEDIATION_COUNTS_AS_CORRECTION,
    OUTCOME_ARTICLES,
    docket_number,
    may_handle,
    may_handle_cases,
    may_register,
    mediation_counts,
    not_yet_extended,
    opinions_heard_or_excused,
    outcome_is_correction,
)
from .clocks import DUE_WARNING_DAYS, HEARING_NOTICE_PERIOD, Period

__all__ = [
    "AGREEMENTS",
    "CORRECTIONS",
    "DECISIONS",
    "DOCKET_FORMAT",
    "DUE_WARNING_DAYS",
    "HEARING_NOTICE_PERIOD",
    "LAW",
    "MAX_EXTENSION_DAYS",
    "MEDIATION_COUNTS_AS_CORRECTION",
    "OUTCOME_ARTICLES",
    "Period",
    "cases",
    "clocks",
    "docket_number",
    "hearings",
    "platform",
    "may_handle",
    "may_handle_cases",
    "may_register",
    "mediation_counts",
    "not_yet_extended",
    "opinions_heard_or_excused",
    "outcome_is_correction",
]
