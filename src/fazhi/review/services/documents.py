"""Changes to normative documents (三统一): registering, sending for legality review, issuing with a gapless number,
filing (备案) with the government above, the filing result and the correction it may order."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Q

from fazhi.core import access, config, workflow
from fazhi.core import services as core_services
from fazhi.core.io import attachments
from fazhi.core.models import Organization, User

from .. import rules
from ..models import (
    DocumentNumberSequence,
    Filing,
    FilingMaterial,
    LegalityReview,
    NormativeDocument,
    SubjectKind,
)
from .reviews import submit_review

# The deadlines and the number format are rules (rules/filings.py, rules/documents.py); named here for callers.
CORRECTION_PERIOD_DAYS = rules.CORRECTION_PERIOD_DAYS
CORRECTION_RULE = rules.CORRECTION_RULE
filing_deadline = rules.filing_deadline
correction_deadline = rules.correction_deadline
correction_late = rules.correction_late
expiry_date = rules.expiry_date
format_number = rules.format_number


# Register and review -------------------------------------------------------------------------------------


def register_document(
    *,
    actor: User,
    title: str,
    organization: Organization,
    number_prefix: str,
    registered_on: dt.date,
    validity_years: int | None = None,
    requires_filing: bool = True,
    enterprise_related: bool = False,
    market_related: bool = False,
) -> NormativeDocument:
    """统一登记: the drafting organ registers the document; it gets its number only when issued."""
    rules.validate_register(number_prefix=number_prefix, validity_years=validity_years)
    return core_services.create_record(
        actor=actor,
        instance=NormativeDocument(
            title=title,
            organization=organization,
            number_prefix=number_prefix.strip(),
            registered_on=registered_on,
            validity_years=validity_years,
            requires_filing=requires_filing,
            enterprise_related=enterprise_related,
            market_related=market_related,
        ),
    )


def _check_reviewable(document: NormativeDocument) -> None:
    if document.status != NormativeDocument.Status.REGISTERED:
        raise ValidationError(f"“{document}”已{document.get_status_display()}，不能再送合法性审查。")
    current = document.legality_review
    if current is not None and current.passed:
        raise ValidationError(f"“{document}”已通过合法性审查。")
    if current is not None and current.status != LegalityReview.Status.CONCLUDED:
        raise ValidationError(f"“{document}”已送合法性审查，尚未出具终审意见。")


def submit_document_for_review(
    *,
    actor: User,
    document: NormativeDocument,
    submitted_on: dt.date,
    text: str = "",
    file: File | None = None,
    advisor_user: User | None = None,
    advisor_name: str = "",
) -> LegalityReview:
    """Send the draft to the three-level legality review; a document found unlawful may be sent again."""
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, locked, access.CHANGE)
        _check_reviewable(locked)
        rules.validate_submitted_for_review(locked, submitted_on)
        review = submit_review(
            actor=actor,
            title=locked.title,
            subject_kind=SubjectKind.NORMATIVE_DOCUMENT,
            organization=locked.organization,
            submitted_on=submitted_on,
            text=text,
            file=file,
            advisor_user=advisor_user,
            advisor_name=advisor_name,
        )
        core_services.update_record(actor=actor, instance=locked, data={"legality_review": review})
    document.refresh_from_db()
    return review


def attach_review(*, actor: User, document: NormativeDocument, review: LegalityReview) -> NormativeDocument:
    """Link a legality review already under way (or concluded) for this document's draft."""
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, locked, access.CHANGE)
        access.check(actor, review, access.VIEW)
        _check_reviewable(locked)
        if review.subject_kind != SubjectKind.NORMATIVE_DOCUMENT:
            raise ValidationError(
                {
                    "legality_review": f"该审查的对象是{review.get_subject_kind_display()}，不是行政规范性文件。"
                }
            )
        if review.organization_id != locked.organization_id:
            raise ValidationError({"legality_review": "该审查的送审单位与文件的制定机关不一致。"})
        linked = NormativeDocument.objects.filter(legality_review=review).exclude(pk=locked.pk).first()
        if linked is not None:
            raise ValidationError({"legality_review": f"该审查已关联文件“{linked}”。"})
        core_services.update_record(actor=actor, instance=locked, data={"legality_review": review})
    document.refresh_from_db()
    return document


def change_document(*, actor: User, document: NormativeDocument, **data) -> NormativeDocument:
    """Correct a registration (only what rules.documents leaves open: before issue the registration, after it 涉企)."""
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, locked, access.CHANGE)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_document_change(locked, changed)
        if "number_prefix" in changed or "validity_years" in changed:
            rules.validate_register(
                number_prefix=changed.get("number_prefix", locked.number_prefix),
                validity_years=changed.get("validity_years", locked.validity_years),
            )
        if "number_prefix" in changed:
            changed["number_prefix"] = changed["number_prefix"].strip()
        core_services.update_record(actor=actor, instance=locked, data=changed)
    document.refresh_from_db()
    return document


def delete_document(*, actor: User, document: NormativeDocument) -> None:
    """Delete a registration made in error, by whoever may change it, while nothing was done on it
    (rules.validate_document_deletable); the audit event keeps every value it held."""
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, locked, access.CHANGE)
        rules.validate_document_deletable(locked)
        core_services.delete_record(actor=actor, instance=locked, note="删除误登记的规范性文件")


# Issue -----------------------------------------------------------------------------------------------------


def _next_seq(prefix: str, year: int) -> int:
    """Take the next number for prefix and year under a row lock: concurrent issues wait, none shares a number,
    and a failed issue rolls the counter back with its transaction, so numbers stay gapless."""
    sequence, _ = DocumentNumberSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = DocumentNumberSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last_seq += 1
    sequence.save(update_fields=["last_seq"])
    return sequence.last_seq


def _reserve_seq(prefix: str, year: int, seq: int) -> int:
    """A number issued before the platform takes its place in the sequence: the next number issued follows it."""
    sequence, _ = DocumentNumberSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = DocumentNumberSequence.objects.select_for_update().get(pk=sequence.pk)
    if seq > sequence.last_seq:
        sequence.last_seq = seq
        sequence.save(update_fields=["last_seq"])
    return seq


def issue_document(
    *,
    actor: User,
    document: NormativeDocument,
    signed_on: dt.date,
    published_on: dt.date,
    effective_on: dt.date,
    issued_number: str = "",
) -> NormativeDocument:
    """统一编号、统一印发: only after a passing legality review; the number comes from the platform's sequence
    (year of signing), the expiry from the validity period, the filing deadline from the filing period.
    `issued_number`: a document issued before the platform keeps its number as issued (same prefix, the year of
    signing, not used by another document) and reserves its place in the sequence; every other rule is the same."""
    with transaction.atomic():
        # Checks first, and nothing written to the audit chain before the number is taken: the chain head is
        # locked by every writer, so locking it before the sequence row could deadlock two concurrent issues.
        locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, locked, access.CHANGE)
        if locked.status != NormativeDocument.Status.REGISTERED:
            raise ValidationError(f"“{locked}”已{locked.get_status_display()}，不能再次印发。")
        reasons = workflow.failed_conditions(locked, "issue")
        if reasons:
            raise ValidationError(reasons)
        rules.validate_issue(
            locked, signed_on=signed_on, published_on=published_on, effective_on=effective_on
        )
        rules.validate_procedures_before_issue(locked, signed_on)
        years = locked.validity_years or config.get(rules.VALIDITY_YEARS.key)
        year = signed_on.year
        if issued_number:
            number = issued_number.strip()
            prefix, year, seq = rules.parse_number(number)
            if prefix != locked.number_prefix:
                raise ValidationError(
                    {"number": f"文号的发文字号前缀“{prefix}”与登记的“{locked.number_prefix}”不一致。"}
                )
            taken = NormativeDocument.objects.filter(
                Q(number=number) | Q(number_prefix=prefix, number_year=year, number_seq=seq)
            ).first()
            rules.validate_issued_number(number=number, year=year, signed_on=signed_on, taken_by=taken)
            seq = _reserve_seq(prefix, year, seq)
        else:
            seq = _next_seq(locked.number_prefix, year)
            number = format_number(prefix=locked.number_prefix, year=year, seq=seq)
        workflow.run_transition(
            actor=actor,
            instance=locked,
            name="issue",
            number=number,
            year=year,
            seq=seq,
            signed_on=signed_on,
            published_on=published_on,
            effective_on=effective_on,
            expires_on=expiry_date(effective_on, years),
        )
        data: dict = {"validity_years": years}
        if locked.requires_filing:
            deadline = filing_deadline(published_on)
            data.update(filing_due_on=deadline.due, filing_due_explanation=deadline.explain())
        core_services.update_record(actor=actor, instance=locked, data=data)
    document.refresh_from_db()
    return document


# Filing ----------------------------------------------------------------------------------------------------


def file_document(
    *,
    actor: User,
    document: NormativeDocument,
    filed_on: dt.date,
    filed_with: str,
    body: str = Filing.Body.GOVERNMENT,
    materials: dict[str, File] | None = None,
) -> Filing:
    """报送备案 with one receiving body, its materials uploaded (core.io.attachments: kind -> file, kinds of
    FilingMaterial.Kind), and that body's filing deadline; once per body, only after issue and publication."""
    materials = materials or {}
    unknown = [kind for kind in materials if kind not in FilingMaterial.Kind.values]
    if unknown:
        raise ValidationError({"materials": f"备案材料应为：{'、'.join(FilingMaterial.Kind.labels)}。"})
    with transaction.atomic():
        document = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, document, access.CHANGE)
        rules.validate_fileable(document)
        rules.validate_body(document, body, filed_with)
        deadline = rules.filing_deadline_for(body, document.published_on)
        filing = core_services.create_record(
            actor=actor,
            instance=Filing(
                document=document,
                body=body,
                filed_on=filed_on,
                filed_with=filed_with.strip(),
                due_on=deadline.due,
                due_explanation=deadline.explain(),
                **{kind: True for kind in materials},
            ),
        )
        for kind, file in materials.items():
            _store_material(actor=actor, filing=filing, kind=kind, file=file)
        return filing


def _store_material(*, actor: User, filing: Filing, kind: str, file: File) -> FilingMaterial:
    material = FilingMaterial(filing=filing, kind=kind, title=FilingMaterial.Kind(kind).label)
    return attachments.store(actor=actor, attachment=material, file=file, note=f"备案材料：{material.title}")


def add_filing_material(*, actor: User, filing: Filing, kind: str, file: File) -> FilingMaterial:
    """A material uploaded after filing (while the result is pending): stored, and the filing records it."""
    if kind not in FilingMaterial.Kind.values:
        raise ValidationError({"kind": f"备案材料应为：{'、'.join(FilingMaterial.Kind.labels)}。"})
    with transaction.atomic():
        locked = Filing.objects.select_for_update().get(pk=filing.pk)
        access.check(actor, locked, access.CHANGE)
        if locked.result != Filing.Result.PENDING:
            raise ValidationError(rules.FILED_FIXED_MESSAGE)
        material = _store_material(actor=actor, filing=locked, kind=kind, file=file)
        if not getattr(locked, kind):
            core_services.update_record(actor=actor, instance=locked, data={kind: True})
    filing.refresh_from_db()
    return material


def expire_documents(*, actor: User, on: dt.date) -> list[NormativeDocument]:
    """有效期届满的规范性文件宣布失效 (rules.expired_by): each turned 失效 through its transition, audited."""
    done = []
    candidates = NormativeDocument.objects.filter(status=NormativeDocument.Status.VALID, expires_on__lt=on)
    for document in candidates.order_by("pk"):
        with transaction.atomic():
            locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
            if not rules.expired_by(locked, on):
                continue
            workflow.run_transition(
                actor=actor,
                instance=locked,
                name="expire",
                note=f"有效期至{locked.expires_on:%Y年%m月%d日}届满，自动宣布失效",
            )
            done.append(locked)
    return done


def record_filing_result(
    *, actor: User, filing: Filing, result: str, result_on: dt.date, correction_required: str = ""
) -> Filing:
    """The upper level's filing review: 通过, or 纠正 with what must be corrected (to be refiled within 15 days)."""
    if result not in (Filing.Result.PASSED, Filing.Result.CORRECTION):
        raise ValidationError({"result": "审查结果应为“通过”或“纠正”。"})
    with transaction.atomic():
        locked = Filing.objects.select_for_update().get(pk=filing.pk)
        access.check(actor, locked, access.CHANGE)
        if not rules.may_record_filing_result(actor, locked):
            raise PermissionDenied(rules.FILING_RESULT_REFUSED)
        rules.validate_result_open(locked)
        if result_on < locked.filed_on:
            raise ValidationError({"result_on": "结果日期不能早于报送备案日期。"})
        note, due = "", {"correction_due_on": None, "correction_due_explanation": ""}
        if result == Filing.Result.CORRECTION:
            deadline = rules.correction_deadline(Filing(result=Filing.Result.CORRECTION, result_on=result_on))
            note = f"纠正后重新报送期限：{deadline.explain()}"
            due = {"correction_due_on": deadline.due, "correction_due_explanation": deadline.explain()}
        core_services.update_record(
            actor=actor,
            instance=locked,
            data={
                **due,
                "result": result,
                "result_on": result_on,
                "correction_required": correction_required.strip()
                if result == Filing.Result.CORRECTION
                else "",
            },
            note=note,
        )
    filing.refresh_from_db()
    return filing


def record_correction(*, actor: User, filing: Filing, corrected_on: dt.date) -> Filing:
    """The correction made and refiled. A late one is still recorded, and the audit trail says it was late."""
    with transaction.atomic():
        locked = Filing.objects.select_for_update().get(pk=filing.pk)
        access.check(actor, locked, access.CHANGE)
        rules.validate_correction_open(locked)
        if corrected_on < locked.result_on:
            raise ValidationError({"corrected_on": "纠正完成日期不能早于审查结果日期。"})
        deadline = correction_deadline(locked)
        note = (
            f"逾期纠正：应于{deadline.due:%Y年%m月%d日}前重新报送（{rules.correction_rule()}），实际于{corrected_on:%Y年%m月%d日}。"
            if corrected_on > deadline.due
            else ""
        )
        core_services.update_record(
            actor=actor, instance=locked, data={"corrected_on": corrected_on}, note=note
        )
    filing.refresh_from_db()
    return filing


def change_filing(*, actor: User, filing: Filing, **data) -> Filing:
    """Correct what was filed (date, filing organ, materials) while the upper level's result is pending."""
    with transaction.atomic():
        locked = Filing.objects.select_for_update().get(pk=filing.pk)
        access.check(actor, locked, access.CHANGE)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_filing_change(locked, changed)
        if "filed_with" in changed:
            if not changed["filed_with"].strip():
                raise ValidationError({"filed_with": "请填写备案机关，如 吴忠市人民政府。"})
            changed["filed_with"] = changed["filed_with"].strip()
        core_services.update_record(actor=actor, instance=locked, data=changed)
    filing.refresh_from_db()
    return filing
