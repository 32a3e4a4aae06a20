"""Changes to legality reviews. The three-level review builds on these; other workstreams call them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import services as core_services
from fazhi.core import workflow
from fazhi.core.models import Organization, User

from .models import LegalityReview, Opinion


def submit_review(
    *, actor: User, title: str, subject_kind: str, organization: Organization, submitted_on: dt.date
) -> LegalityReview:
    review = LegalityReview(
        title=title, subject_kind=subject_kind, organization=organization, submitted_on=submitted_on
    )
    return core_services.create_record(actor=actor, instance=review)


def conclude_review(
    *, actor: User, review: LegalityReview, opinion: str, reasons: str, concluded_on: dt.date
) -> LegalityReview:
    """The Justice Bureau's final opinion (合法性终审); an opinion other than 合法 must give its reasons."""
    if opinion not in Opinion.values:
        raise ValidationError({"final_opinion": f"审查意见应为：{'、'.join(Opinion.labels)}。"})
    if opinion != Opinion.LAWFUL and not reasons.strip():
        raise ValidationError({"final_reasons": "审查意见为“修改后合法”或“不合法”的，须写明理由。"})
    if concluded_on < review.submitted_on:
        raise ValidationError({"concluded_on": "终审日期不能早于送审日期。"})
    return workflow.run_transition(
        actor=actor,
        instance=review,
        name="conclude",
        opinion=opinion,
        reasons=reasons,
        concluded_on=concluded_on,
    )
