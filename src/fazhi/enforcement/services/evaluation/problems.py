"""Problems found in evaluated case files, each sent at once to oversight's rectification ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import clock
from fazhi.core import services as core_services
from fazhi.core.models import User
from fazhi.oversight import services as oversight_services

from ...models import (
    CaseFile,
    CaseFileProblem,
)
from .common import require_evaluator

# Problems --------------------------------------------------------------------------------------------------------


def record_problem(
    *,
    actor: User,
    case_file: CaseFile,
    category: str,
    description: str,
    found_on: dt.date | None = None,
) -> CaseFileProblem:
    """A problem found in the file, belonging to the evaluated body's unit. It goes at once to the rectification
    ledger of oversight/ — an item that refers to this problem (never a copy of it), opened on `found_on` (the file's
    scoring day, else today) with the configured rectification period."""
    require_evaluator(actor, "登记评查问题")
    problem = CaseFileProblem(
        case_file=case_file,
        campaign_id=case_file.campaign_id,
        body=case_file.body,
        organization=case_file.body.organization,
        category=category,
        description=(description or "").strip(),
    )
    with transaction.atomic():
        problem = core_services.create_record(actor=actor, instance=problem)
        open_rectification(actor=actor, problems=[problem], found_on=found_on)
    return problem


def open_rectification(*, actor: User, problems, found_on: dt.date | None = None) -> None:
    """Send problems to the rectification ledger (one item each; a problem that has one already is left alone)."""
    for problem in problems:
        if oversight_services.item_of(problem) is None:
            scored_on = (
                CaseFile.objects.filter(pk=problem.case_file_id).values_list("scored_on", flat=True).first()
            )
            on = found_on or scored_on or clock.today()
            oversight_services.open_item(actor=actor, source=problem, opened_on=on)


def update_problem(*, actor: User, problem: CaseFileProblem, **fields: Any) -> CaseFileProblem:
    require_evaluator(actor, "修改评查问题")
    if set(fields) - {"category", "description"}:
        raise ValidationError("评查问题只能修改问题类别和问题描述。")
    return core_services.update_record(actor=actor, instance=problem, data=fields)


def remove_problem(*, actor: User, problem: CaseFileProblem) -> None:
    require_evaluator(actor, "删除评查问题")
    core_services.delete_record(actor=actor, instance=problem)
