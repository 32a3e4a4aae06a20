"""一键移送: a correction decision opens a supervision clue (执法监督线索, source 行政复议结果) in enforcement whose
origin is the case (registered in clue_origins.py). The one place disputes writes into another workstream."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import access, clock
from fazhi.core.models import User
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.selectors import SupervisionClue
from fazhi.enforcement.services import register_clue

from ..models import ReconsiderationCase
from ..rules import cases as rules
from .cases import require_office


def open_supervision_clue(
    *, actor: User, case: ReconsiderationCase, on: dt.date | None = None
) -> SupervisionClue:
    """一键移送: a correction decision opens a supervision clue (source 行政复议结果) about the respondent, for the
    office's own unit (the Justice Bureau supervises enforcement), its origin the case: the clue's page leads back to
    the case and enforcement.selectors.clue_for(case) finds the clue (one per case)."""
    require_office(actor)
    with transaction.atomic():
        locked = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
        access.check(actor, locked, access.CHANGE)
        rules.validate_clue_referral(locked)
        clue = register_clue(
            actor=actor,
            source=SupervisionClue.Source.RECONSIDERATION,
            received_on=on or locked.concluded_on or clock.today(),
            # handled by the office's own unit (司法局执法监督), naming the respondent's enforcement body if it is one
            organization=locked.organization,
            body=enforcement_selectors.bodies_of_unit(locked.respondent).first(),
            content=(
                f"行政复议案件{locked.docket_number}：{locked.respondent.name}作出的“{locked.act}”"
                f"经行政复议决定{locked.get_outcome_display()}。{locked.conclusion}"
            ),
            external_number=locked.docket_number,
            category="行政复议纠错",
            origin=locked,
        )
    return clue
