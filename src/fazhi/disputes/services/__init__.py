"""Every write of 行政复议, one module per area: cases (registration, correction, each workflow step), hearings (听取意见,
听证), clocks (storing the statutory clocks), platform (entry on the national platform) and clues (一键移送 to
enforcement).

The names below are the services other apps, the pages, admin, API, ledgers and the CLI call. Scheduled work:
`deem_overdue_acceptances(*, actor, on=None)` applies 第三十条 (视为受理) to every due case (`fazhi disputes deem`)."""

from .cases import (
    REGISTRATION_FIELDS,
    TRANSITION_SERVICES,
    accept,
    assign_docket,
    close,
    convert_to_ordinary,
    decide,
    deem_accepted,
    deem_overdue_acceptances,
    extend,
    extend_supplement,
    mediate,
    next_docket_seq,
    receive_supplement,
    record_answer,
    record_copy_service,
    record_supplement_service,
    refuse,
    register_case,
    request_supplement,
    require_office,
    resume,
    send_copy,
    suspend,
    terminate,
    update_case,
    withdraw,
)
from .clocks import refresh as refresh_clocks
from .clues import open_supervision_clue
from .hearings import hold_hearing, record_opinion, schedule_hearing
from .platform import record_platform_entry

__all__ = [
    "REGISTRATION_FIELDS",
    "TRANSITION_SERVICES",
    "accept",
    "assign_docket",
    "close",
    "convert_to_ordinary",
    "decide",
    "deem_accepted",
    "deem_overdue_acceptances",
    "extend",
    "extend_supplement",
    "hold_hearing",
    "mediate",
    "next_docket_seq",
    "open_supervision_clue",
    "receive_supplement",
    "record_answer",
    "record_copy_service",
    "record_supplement_service",
    "record_opinion",
    "record_platform_entry",
    "refresh_clocks",
    "refuse",
    "register_case",
    "request_supplement",
    "require_office",
    "resume",
    "schedule_hearing",
    "send_copy",
    "suspend",
    "terminate",
    "update_case",
    "withdraw",
]
