"""Today and now, in Asia/Shanghai: the one clock every rule, deadline and page reads. Tests freeze it with the
`clock` fixture (tests/conftest.py) instead of patching Django."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current moment, timezone-aware (frozen in tests)."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in Asia/Shanghai: statutory date arithmetic and "not after today" checks use this."""
    return now().astimezone(SHANGHAI).date()


def freeze(moment: dt.date | dt.datetime | None) -> None:
    """Freeze the clock at `moment` (a date means 10:00 that day in Shanghai); None unfreezes. For tests and demos."""
    global _frozen
    if moment is None or isinstance(moment, dt.datetime):
        _frozen = moment
    else:
        _frozen = dt.datetime.combine(moment, dt.time(10, 0), tzinfo=SHANGHAI)
