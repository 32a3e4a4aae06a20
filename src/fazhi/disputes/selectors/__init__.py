"""Every read of 行政复议, scoped through core.access, one module per area: cases (docket, lookups by 案号, timeline),
clocks (where each statutory clock stands) and hearings.

Other workstreams use these names (litigation: `ReconsiderationCase`, `cases_for`, `case_by_docket_number`,
`cases_by_docket_number`)."""

from ..models import ReconsiderationCase
from .cases import (
    Event,
    case_by_docket_number,
    cases_by_docket_number,
    cases_for,
    open_cases,
    opinion_letters_for,
    suspensions_for,
    timeline,
)
from .clocks import ClockRow, clock_rows, clocks_for
from .hearings import hearings_for, opinions_for, unheld_hearings

__all__ = [
    "ClockRow",
    "Event",
    "ReconsiderationCase",
    "case_by_docket_number",
    "cases_by_docket_number",
    "cases_for",
    "clock_rows",
    "clocks_for",
    "hearings_for",
    "open_cases",
    "opinions_for",
    "opinion_letters_for",
    "suspensions_for",
    "timeline",
    "unheld_hearings",
]
