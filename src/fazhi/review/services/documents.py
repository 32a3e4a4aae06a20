"""Changes to normative documents (三统一): registering, sending for legality review, issuing with a gapless number,
filing (备案) with the government above, the filing result and the correction it may order."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction

from fazhi.core import access, calendar, config, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from .. import rules
from ..models import DocumentNumberSequence, Filing, LegalityReview, NormativeDocument, SubjectKind
from .reviews import submit_review

CORRECTION_PERIOD_DAYS = rules.CORRECTION_PERIOD_DAYS
CORRECTION_RULE = f"法规规章备案审查条例第九条（纠正后重新报送，{CORRECTION_PERIOD_DAYS}日）"


def filing_deadline(published_on: dt.date) -> calendar.Deadline:
    """The filing period (a setting, 30 days by default) in calendar days from publication, off a rest day."""
    days = config.get(rules.FILING_PERIOD.key)
    return calendar.add_calendar_days(published_on, days, rule=f"规范性文件报送备案期限（{days}日）")


def correction_deadline(filing: Filing) -> calendar.Deadline | None:
    """When the upper level orders correction, the corrected document is filed again within 15 days of the order."""
    if filing.result != Filing.Result.CORRECTION or filing.result_on is None:
        return None
    return calendar.add_calendar_days(filing.result_on, CORRECTION_PERIOD_DAYS, rule=CORRECTION_RULE)


def correction_late(filing: Filing) -> bool | None:
    """Whether the correction was made past its deadline (False while not yet made); None when none was ordered."""
    deadline = correction_deadline(filing)
    if deadline is None:
        return None
    return filing.corrected_on is not None and filing.corrected_on > deadline.due


def expiry_date(effective_on: dt.date, years: int) -> dt.date:
    """The last day of validity: the same date `years` later, minus one day (29 February runs to 28 February)."""
    year = effective_on.year + years
    try:
        anniversary = effective_on.replace(year=year)
    except ValueError:  # 29 February in a common year: the period ends with the last day of February
        anniversary = dt.date(year, 3, 1)
    return anniversary - dt.timedelta(days=1)


def format_number(*, prefix: str, year: int, seq: int) -> str:
    """The document number in the government's format (setting review.document_number_format)."""
    pattern = config.get(rules.NUMBER_FORMAT.key)
    try:
        return pattern.format(prefix=prefix, year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            f"编号格式“{pattern}”有误，只能使用 {{prefix}}、{{year}}、{{seq}}，请系统管理员修改配置。"
        ) from exc


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
) -> NormativeDocument:
    """统一登记: the drafting organ registers the document; it gets its number only when issued."""
    if not number_prefix.strip():
        raise ValidationError({"number_prefix": "请填写发文字号前缀，如 红政规发。"})
    if validity_years is not None and validity_years < 1:
        raise ValidationError({"validity_years": "有效期至少为1年；未规定的请留空，按默认有效期计算。"})
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
        if submitted_on < locked.registered_on:
            raise ValidationError({"submitted_on": "送审日期不能早于登记日期。"})
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


# Issue -----------------------------------------------------------------------------------------------------


def _next_seq(prefix: str, year: int) -> int:
    """Take the next number for prefix and year under a row lock: concurrent issues wait, none shares a number,
    and a failed issue rolls the counter back with its transaction, so numbers stay gapless."""
    sequence, _ = DocumentNumberSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = DocumentNumberSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last_seq += 1
    sequence.save(update_fields=["last_seq"])
    return sequence.last_seq


def issue_document(
    *,
    actor: User,
    document: NormativeDocument,
    signed_on: dt.date,
    published_on: dt.date,
    effective_on: dt.date,
) -> NormativeDocument:
    """统一编号、统一印发: only after a passing legality review; the number comes from the platform's sequence
    (year of signing), the expiry from the validity period, the filing deadline from the filing period."""
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
        errors = {}
        if signed_on < locked.registered_on:
            errors["signed_on"] = "签发日期不能早于登记日期。"
        elif signed_on < locked.legality_review.concluded_on:
            errors["signed_on"] = (
                f"签发日期不能早于合法性审查终审意见的出具日期（{locked.legality_review.concluded_on}）。"
            )
        if published_on < signed_on:
            errors["published_on"] = "公布日期不能早于签发日期。"
        if effective_on < published_on:
            errors["effective_on"] = "施行日期不能早于公布日期。"
        if errors:
            raise ValidationError(errors)
        years = locked.validity_years or config.get(rules.VALIDITY_YEARS.key)
        year = signed_on.year
        seq = _next_seq(locked.number_prefix, year)
        workflow.run_transition(
            actor=actor,
            instance=locked,
            name="issue",
            number=format_number(prefix=locked.number_prefix, year=year, seq=seq),
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
    has_report: bool = False,
    has_text: bool = False,
    has_drafting_explanation: bool = False,
    has_review_opinion: bool = False,
    has_basis: bool = False,
) -> Filing:
    """报送备案 with the materials checklist; once per document, only after it has been issued and published."""
    with transaction.atomic():
        document = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        access.check(actor, document, access.CHANGE)
        if document.published_on is None:
            raise ValidationError("文件尚未统一编号印发，不能报送备案。")
        if not document.requires_filing:
            raise ValidationError(f"“{document}”登记为无须报送备案的文件。")
        if Filing.objects.filter(document=document).exists():
            raise ValidationError(f"“{document}”已报送备案。")
        if not filed_with.strip():
            raise ValidationError({"filed_with": "请填写备案机关，如 吴忠市人民政府。"})
        return core_services.create_record(
            actor=actor,
            instance=Filing(
                document=document,
                filed_on=filed_on,
                filed_with=filed_with.strip(),
                has_report=has_report,
                has_text=has_text,
                has_drafting_explanation=has_drafting_explanation,
                has_review_opinion=has_review_opinion,
                has_basis=has_basis,
            ),
        )


def record_filing_result(
    *, actor: User, filing: Filing, result: str, result_on: dt.date, correction_required: str = ""
) -> Filing:
    """The upper level's filing review: 通过, or 纠正 with what must be corrected (to be refiled within 15 days)."""
    if result not in (Filing.Result.PASSED, Filing.Result.CORRECTION):
        raise ValidationError({"result": "审查结果应为“通过”或“纠正”。"})
    with transaction.atomic():
        locked = Filing.objects.select_for_update().get(pk=filing.pk)
        access.check(actor, locked, access.CHANGE)
        if not access.is_justice_bureau(locked, actor):
            raise PermissionDenied("备案审查结果由司法局录入。")
        if locked.result != Filing.Result.PENDING:
            raise ValidationError(f"该备案已有审查结果（{locked.get_result_display()}）。")
        if result_on < locked.filed_on:
            raise ValidationError({"result_on": "结果日期不能早于报送备案日期。"})
        note, due = "", {"correction_due_on": None, "correction_due_explanation": ""}
        if result == Filing.Result.CORRECTION:
            deadline = calendar.add_calendar_days(result_on, CORRECTION_PERIOD_DAYS, rule=CORRECTION_RULE)
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
        if locked.result != Filing.Result.CORRECTION:
            raise ValidationError("备案审查结果不是“纠正”，无须记录纠正。")
        if locked.corrected_on is not None:
            raise ValidationError(f"已于{locked.corrected_on}记录纠正完成。")
        if corrected_on < locked.result_on:
            raise ValidationError({"corrected_on": "纠正完成日期不能早于审查结果日期。"})
        deadline = correction_deadline(locked)
        note = (
            f"逾期纠正：应于{deadline.due:%Y年%m月%d日}前重新报送（{CORRECTION_RULE}），实际于{corrected_on:%Y年%m月%d日}。"
            if corrected_on > deadline.due
            else ""
        )
        core_services.update_record(
            actor=actor, instance=locked, data={"corrected_on": corrected_on}, note=note
        )
    filing.refresh_from_db()
    return filing
