"""Every change to the demonstration projects (示范创建): entering a project (申报), correcting its particulars, and
moving it one stage forward through its workflow. Keyword-only, one transaction each, the rules of
rules/demonstration.py (reached through the model's clean() and transitions), the audit event written."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core import workflow
from fazhi.core.models import Organization, User

from ..models import DemonstrationProject
from ..rules import demonstration as rules

TRANSITIONS = rules.TRANSITIONS


def enter_project(
    *,
    actor: User,
    name: str,
    organization: Organization,
    level: str,
    applied_on: dt.date,
    batch: str = "",
) -> DemonstrationProject:
    """申报: a project entered for regional or national demonstration status."""
    project = DemonstrationProject(
        name=name, organization=organization, level=level, batch=batch, applied_on=applied_on
    )
    with transaction.atomic():
        return core_services.create_record(actor=actor, instance=project)


def correct_project(
    *,
    actor: User,
    project: DemonstrationProject,
    name: str,
    organization: Organization,
    level: str,
    batch: str,
) -> DemonstrationProject:
    """Correct a project's name, unit, level or batch; its stage and stage dates change only by its transitions."""
    data = {"name": name, "organization": organization, "level": level, "batch": batch}
    with transaction.atomic():
        return core_services.update_record(actor=actor, instance=project, data=data)


def advance_project(
    *, actor: User, project: DemonstrationProject, transition: str, on: dt.date, note: str = ""
) -> DemonstrationProject:
    """Move a project one stage forward (入围, 通过书面评审, 命名) on the date it happened; never backward."""
    rules.validate_transition_date(transition, on)
    return workflow.run_transition(actor=actor, instance=project, name=transition, note=note, on=on)
