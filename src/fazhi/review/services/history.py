"""Finished history brought in (ledgers, API): a legality review concluded before the platform and a normative
document issued with its number, each made by driving the live services and transitions in the order the work was
done, so every rule of a live record applies. Errors come keyed by the names of the history's fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from fazhi.core.models import Organization, User

from .. import rules
from ..models import (
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
    Opinion,
    ReviewLevel,
    SubjectKind,
)
from .documents import issue_document, register_document, submit_document_for_review
from .procedures import record_consultation, record_deliberation, record_fair_competition_review
from .reviews import give_opinion, submit_review

# The final opinions, for the ways in of other workstreams' history (decisions' ledger and API).
OPINION_CHOICES = Opinion.choices
FAIR_COMPETITION_CONCLUSIONS = FairCompetitionReview.Conclusion.choices


@contextmanager
def errors_as(mapping: dict[str, str], default: str) -> Iterator[None]:
    """Re-key a service's ValidationError: its field names through `mapping`, anything else to `default`."""
    try:
        yield
    except ValidationError as exc:
        keyed: dict[str, list[str]] = {}
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                key = mapping.get(name, default) if name != NON_FIELD_ERRORS else default
                known = keyed.setdefault(key, [])
                known.extend(m for m in messages if m not in known)
        else:
            keyed[default] = list(exc.messages)
        raise ValidationError(keyed) from exc


# Concluded legality reviews ----------------------------------------------------------------------------------

# Subject kinds whose history comes with the record reviewed (its own ledger and API).
OWN_HISTORY = {
    SubjectKind.NORMATIVE_DOCUMENT: "行政规范性文件的审查随文件导入（“规范性文件（已印发）”）",
    SubjectKind.MAJOR_DECISION: "重大行政决策的审查随决策导入（“重大行政决策（已作出）”）",
}
OWN_HISTORY_KINDS = tuple(OWN_HISTORY)


def conclude_history(
    *,
    actor: User,
    review: LegalityReview,
    initial_on: dt.date | None,
    advisor_on: dt.date | None,
    opinion: str,
    concluded_on: dt.date | None,
    reasons: str = "",
) -> LegalityReview:
    """The three levels' opinions as they were given (起草单位初审、法律顾问复审 passing, then the Justice Bureau's
    final opinion), through services.give_opinion: the same order, dates, time limits and who may give each."""
    steps = [
        (ReviewLevel.INITIAL, "lawful", "", initial_on, "initial_on"),
        (ReviewLevel.ADVISOR, "lawful", "", advisor_on, "advisor_on"),
        (ReviewLevel.FINAL, opinion, reasons, concluded_on, "concluded_on"),
    ]
    for level, outcome, why, given_on, key in steps:
        if given_on is None:
            raise ValidationError(
                {key: f"请填写{ReviewLevel(level).label}意见的出具日期（三级审核，不得跳过）。"}
            )
        mapping = {"given_on": key, "reasons": "reasons", "outcome": "opinion", "final_opinion": "opinion"}
        with errors_as(mapping, key):
            give_opinion(
                actor=actor, review=review, outcome=outcome, reasons=why, given_on=given_on, level=level
            )
    review.refresh_from_db()
    return review


def record_concluded_review(
    *,
    actor: User,
    title: str,
    subject_kind: str,
    organization: Organization,
    submitted_on: dt.date,
    advisor_name: str = "",
    initial_on: dt.date | None,
    advisor_on: dt.date | None,
    opinion: str,
    concluded_on: dt.date | None,
    reasons: str = "",
) -> LegalityReview:
    """A legality review concluded before the platform (a contract, a policy document, a major enforcement
    decision): sent, then the three levels' opinions, each by services.reviews."""
    if subject_kind in OWN_HISTORY:
        raise ValidationError({"subject_kind": OWN_HISTORY[subject_kind] + "。"})
    with transaction.atomic():
        with errors_as({"submitted_on": "submitted_on", "title": "title"}, "submitted_on"):
            review = submit_review(
                actor=actor,
                title=title,
                subject_kind=subject_kind,
                organization=organization,
                submitted_on=submitted_on,
                advisor_name=advisor_name,
            )
        return conclude_history(
            actor=actor,
            review=review,
            initial_on=initial_on,
            advisor_on=advisor_on,
            opinion=opinion,
            concluded_on=concluded_on,
            reasons=reasons,
        )


# Normative documents issued before the platform --------------------------------------------------------------


def record_issued_document(
    *,
    actor: User,
    title: str,
    organization: Organization,
    number: str,
    registered_on: dt.date,
    review_submitted_on: dt.date,
    review_advisor_name: str = "",
    review_initial_on: dt.date | None,
    review_advisor_on: dt.date | None,
    review_opinion: str,
    review_concluded_on: dt.date | None,
    review_reasons: str = "",
    consultation_started_on: dt.date | None,
    consultation_ended_on: dt.date | None,
    consulted: str = "",
    consultation_summary: str = "",
    deliberated_on: dt.date | None,
    deliberation_body: str = "",
    deliberation_summary: str = "",
    fair_reviewer_name: str = "",
    fair_reviewed_on: dt.date | None = None,
    fair_conclusion: str = "",
    fair_explanation: str = "",
    regulator_name: str = "",
    regulator_opinion: str = "",
    regulator_opinion_on: dt.date | None = None,
    signed_on: dt.date,
    published_on: dt.date,
    effective_on: dt.date,
    validity_years: int | None = None,
    requires_filing: bool = True,
    enterprise_related: bool = False,
    market_related: bool = False,
) -> NormativeDocument:
    """A document issued before the platform, with its number kept as issued: registered, reviewed in three
    levels, consulted on, deliberated and issued through the live services (issue_document's conditions: a passing
    review, the consultation and deliberation recorded before signing, fair competition where it applies)."""
    number_prefix, _, _ = rules.parse_number(number)
    with transaction.atomic():
        keys = {"title": "title", "organization": "organization", "validity_years": "validity_years"}
        with errors_as(
            {**keys, "number_prefix": "number", "registered_on": "registered_on"}, "registered_on"
        ):
            document = register_document(
                actor=actor,
                title=title,
                organization=organization,
                number_prefix=number_prefix,
                registered_on=registered_on,
                validity_years=validity_years,
                requires_filing=requires_filing,
                enterprise_related=enterprise_related,
                market_related=market_related,
            )
        with errors_as({}, "review_submitted_on"):
            review = submit_document_for_review(
                actor=actor,
                document=document,
                submitted_on=review_submitted_on,
                text=title,
                advisor_name=review_advisor_name,
            )
        with errors_as(
            {
                "initial_on": "review_initial_on",
                "advisor_on": "review_advisor_on",
                "concluded_on": "review_concluded_on",
                "reasons": "review_reasons",
                "opinion": "review_opinion",
            },
            "review_concluded_on",
        ):
            conclude_history(
                actor=actor,
                review=review,
                initial_on=review_initial_on,
                advisor_on=review_advisor_on,
                opinion=review_opinion,
                concluded_on=review_concluded_on,
                reasons=review_reasons,
            )
        document.refresh_from_db()
        if consultation_started_on or consultation_ended_on:
            with errors_as(
                {"started_on": "consultation_started_on", "ended_on": "consultation_ended_on"},
                "consultation_ended_on",
            ):
                record_consultation(
                    actor=actor,
                    document=document,
                    started_on=consultation_started_on,
                    ended_on=consultation_ended_on,
                    consulted=consulted,
                    summary=consultation_summary,
                )
        if deliberated_on:
            with errors_as({"held_on": "deliberated_on", "body": "deliberation_body"}, "deliberated_on"):
                record_deliberation(
                    actor=actor,
                    document=document,
                    held_on=deliberated_on,
                    body=deliberation_body,
                    summary=deliberation_summary,
                )
        if fair_reviewed_on or fair_conclusion:
            fair = ("reviewer_name", "reviewed_on", "conclusion", "explanation")
            with errors_as(
                {
                    **{f: f"fair_{f}" for f in fair},
                    **{f: f for f in ("regulator_name", "regulator_opinion", "regulator_opinion_on")},
                },
                "fair_reviewed_on",
            ):
                record_fair_competition_review(
                    actor=actor,
                    document=document,
                    reviewer_name=fair_reviewer_name,
                    reviewed_on=fair_reviewed_on,
                    conclusion=fair_conclusion,
                    explanation=fair_explanation,
                    regulator_name=regulator_name,
                    regulator_opinion=regulator_opinion,
                    regulator_opinion_on=regulator_opinion_on,
                )
        with errors_as(
            {
                "signed_on": "signed_on",
                "published_on": "published_on",
                "effective_on": "effective_on",
                "number": "number",
            },
            "signed_on",
        ):
            issue_document(
                actor=actor,
                document=document,
                signed_on=signed_on,
                published_on=published_on,
                effective_on=effective_on,
                issued_number=number,
            )
        document.refresh_from_db()
        return document


def levels_of(review: LegalityReview | None) -> dict:
    """A review's history: when it was sent, each level's date, the final opinion."""
    levels = {o.level: o.given_on for o in review.opinions.all()} if review else {}
    return {
        "submitted_on": review.submitted_on if review else None,
        "advisor_name": review.advisor_name if review else "",
        "initial_on": levels.get(ReviewLevel.INITIAL),
        "advisor_on": levels.get(ReviewLevel.ADVISOR),
        "opinion": review.final_opinion if review else "",
        "concluded_on": review.concluded_on if review else None,
        "reasons": review.final_reasons if review else "",
    }


def review_history_of(review: LegalityReview) -> dict:
    """A concluded review as record_concluded_review takes it (the unit by code): exported, compared on re-import."""
    return {
        "title": review.title,
        "subject_kind": review.subject_kind,
        "organization": review.organization.code,
        **levels_of(review),
    }


def document_history_of(document: NormativeDocument) -> dict:
    """An issued document as record_issued_document takes it (the unit by code): exported, compared on re-import."""
    consultation = document.consultations.order_by("pk").first()
    deliberation = document.deliberations.order_by("pk").first()
    fair = document.fair_competition_reviews.order_by("-pk").first()
    return {
        "number": document.number,
        "title": document.title,
        "organization": document.organization.code,
        "registered_on": document.registered_on,
        **{f"review_{k}": v for k, v in levels_of(document.legality_review).items()},
        "consultation_started_on": consultation.started_on if consultation else None,
        "consultation_ended_on": consultation.ended_on if consultation else None,
        "consulted": consultation.consulted if consultation else "",
        "consultation_summary": consultation.summary if consultation else "",
        "deliberated_on": deliberation.held_on if deliberation else None,
        "deliberation_body": deliberation.body if deliberation else "",
        "deliberation_summary": deliberation.summary if deliberation else "",
        "fair_reviewer_name": fair.reviewer_name if fair else "",
        "fair_reviewed_on": fair.reviewed_on if fair else None,
        "fair_conclusion": fair.conclusion if fair else "",
        "fair_explanation": fair.explanation if fair else "",
        "regulator_name": fair.regulator_name if fair else "",
        "regulator_opinion": fair.regulator_opinion if fair else "",
        "regulator_opinion_on": fair.regulator_opinion_on if fair else None,
        "signed_on": document.signed_on,
        "published_on": document.published_on,
        "effective_on": document.effective_on,
        "validity_years": document.validity_years,
        "requires_filing": document.requires_filing,
        "enterprise_related": document.enterprise_related,
        "market_related": document.market_related,
    }
