"""What the review pages share: who enters records on them, and a record's history from the audit trail."""

from __future__ import annotations

from fazhi.core import access
from fazhi.core.web import pages

from ...models import CleanupCampaign, NormativeDocument


def may_enter(user) -> bool:
    """Whether the user acts for some unit (registers, files, adopts); leaders and advisors only read here."""
    return access.organizations(user, access.CHANGE).exists()


def history(instances) -> list[pages.HistoryRow]:
    return pages.history_rows(instances, parents=(NormativeDocument, CleanupCampaign))
