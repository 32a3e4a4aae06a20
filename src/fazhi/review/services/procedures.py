"""Records that must precede the issue of a normative document (rules.procedures): the fair-competition review, the
consultation, the collective deliberation and the revised text after a 修改后合法 opinion. Each is entered by whoever
may change the document, before it is issued, and audited."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import File
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.io import attachments
from fazhi.core.models import User

from .. import rules
from ..models import Consultation, Deliberation, FairCompetitionReview, NormativeDocument, RevisedText


def _open_document(actor: User, document: NormativeDocument, what: str) -> NormativeDocument:
    locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
    access.check(actor, locked, access.CHANGE)
    rules.validate_open_for_procedures(locked, what)
    return locked


def record_fair_competition_review(
    *,
    actor: User,
    document: NormativeDocument,
    reviewer_name: str,
    reviewed_on: dt.date,
    conclusion: str,
    explanation: str = "",
    regulator_name: str = "",
    regulator_opinion: str = "",
    regulator_opinion_on: dt.date | None = None,
) -> FairCompetitionReview:
    """公平竞争审查 of a document that involves market activity (公平竞争审查条例第十三条、第十四条)."""
    with transaction.atomic():
        locked = _open_document(actor, document, "公平竞争审查")
        return core_services.create_record(
            actor=actor,
            instance=FairCompetitionReview(
                document=locked,
                reviewer_name=reviewer_name.strip(),
                reviewed_on=reviewed_on,
                conclusion=conclusion,
                explanation=explanation.strip(),
                regulator_name=regulator_name.strip(),
                regulator_opinion=regulator_opinion.strip(),
                regulator_opinion_on=regulator_opinion_on,
                recorded_by=actor,
            ),
        )


def record_consultation(
    *,
    actor: User,
    document: NormativeDocument,
    started_on: dt.date,
    ended_on: dt.date,
    consulted: str,
    summary: str,
) -> Consultation:
    """征求意见 (国办发〔2018〕37号 二（三）)."""
    with transaction.atomic():
        locked = _open_document(actor, document, "征求意见")
        return core_services.create_record(
            actor=actor,
            instance=Consultation(
                document=locked,
                started_on=started_on,
                ended_on=ended_on,
                consulted=consulted.strip(),
                summary=summary.strip(),
                recorded_by=actor,
            ),
        )


def record_deliberation(
    *, actor: User, document: NormativeDocument, held_on: dt.date, body: str, summary: str
) -> Deliberation:
    """集体审议, after the legality review passed (国办发〔2018〕37号 二（六）)."""
    with transaction.atomic():
        locked = _open_document(actor, document, "集体审议")
        return core_services.create_record(
            actor=actor,
            instance=Deliberation(
                document=locked,
                held_on=held_on,
                body=body.strip(),
                summary=summary.strip(),
                recorded_by=actor,
            ),
        )


def upload_revised_text(
    *, actor: User, document: NormativeDocument, file: File, submitted_on: dt.date
) -> RevisedText:
    """The text revised as a 修改后合法 opinion required, stored through core.io.attachments."""
    with transaction.atomic():
        locked = _open_document(actor, document, "修改后文本")
        text = RevisedText(document=locked, submitted_on=submitted_on, title="修改后文本")
        access.check_create(actor, RevisedText, access.organization_of(text))
        return attachments.store(actor=actor, attachment=text, file=file, note="修改后文本")
