"""Every change to the three systems' self-assessments (三项制度自查评估): keyword-only, actor first, the rules of
rules/self_assessment.py, the audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.core import services as core_services
from fazhi.core.models import User

from ..models import EnforcementBody, SelfAssessment
from ..rules import bodies as body_rules
from ..rules import self_assessment as rules


def record_self_assessment(
    *, actor: User, body: EnforcementBody, year: int, system: str, assessed_on: dt.date, findings: str
) -> SelfAssessment:
    """A body's self-assessment of one system for a year (its own unit, the Justice Bureau or supervisors)."""
    body_rules.validate_body_active(body, "再提交自查评估", "body")
    assessment = SelfAssessment(
        body=body, year=year, system=system, assessed_on=assessed_on, findings=(findings or "").strip()
    )
    return core_services.create_record(actor=actor, instance=assessment)


def update_self_assessment(*, actor: User, assessment: SelfAssessment, **fields: Any) -> SelfAssessment:
    rules.validate_changed_fields(fields)
    return core_services.update_record(actor=actor, instance=assessment, data=fields)
