"""The rules of the meetings with the court and the procuratorate (府院、府检联动)."""

from __future__ import annotations

from fazhi.core.models import User
from fazhi.core.rules import validate_happened


def validate_meeting(meeting) -> None:
    """联动会议的登记规则：会议日期为已发生的事项，不能晚于今天。

    《法治政府建设实施纲要（2021—2025年）》：“健全行政争议实质性化解机制”——登记的是已召开的会议，
    计入年度的联动会议次数，故会议日期不能晚于今天。"""
    validate_happened(meeting, "held_on")


def may_delete_meeting(user: User, meeting) -> bool:
    """联动会议记录不删除。

    《法治政府建设实施纲要（2021—2025年）》：“健全行政争议实质性化解机制”——会议记录是年度联动会议次数的依据，
    登记有误的更正，不删除。"""
    return False
