"""The rules of normative documents (行政规范性文件, 三统一): the number format, validity and expiry, the legality review
that must come first, the issue dates (signing and publishing have happened, in order), and that only a registration
on which nothing was done is deleted. Local values are settings with the defaults of domain/statutes.md."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from fazhi.core import access, config
from fazhi.core.rules import validate_happened
from fazhi.core.workflow import rule

from ._errors import collect

NUMBER_FORMAT = config.define(
    "review.document_number_format",
    name="规范性文件编号格式",
    default="{prefix}〔{year}〕{seq}号",
    help="可用 {prefix}（发文字号前缀，如 红政规发）、{year}、{seq}。",
    basis="三统一（统一登记、统一编号、统一印发）",
)
VALIDITY_YEARS = config.define(
    "review.default_validity_years",
    name="规范性文件默认有效期（年）",
    default=5,
    help="未规定有效期的，按此计算失效日期。",
    basis="本地做法（未经核实）",
)


def format_number(*, prefix: str, year: int, seq: int) -> str:
    """规范性文件统一编号（文号格式为本地设置 review.document_number_format）。

    三统一：统一登记、统一编号、统一印发（各地做法，未经核实）。"""
    pattern = config.get(NUMBER_FORMAT.key)
    try:
        return pattern.format(prefix=prefix, year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            f"编号格式“{pattern}”有误，只能使用 {{prefix}}、{{year}}、{{seq}}，请系统管理员修改配置。"
        ) from exc


def parse_number(number: str) -> tuple[str, int, int]:
    """规范性文件文号的发文字号前缀、年度和序号（按本地设置 review.document_number_format 解读）。

    三统一：统一登记、统一编号、统一印发（各地做法，未经核实）。A number issued before the platform is kept as issued;
    its prefix, year and sequence number say where it stands in the platform's numbering."""
    pattern = config.get(NUMBER_FORMAT.key)
    parts = re.split(r"(\{prefix\}|\{year\}|\{seq\})", pattern)
    groups = {"{prefix}": r"(?P<prefix>.+?)", "{year}": r"(?P<year>\d{4})", "{seq}": r"(?P<seq>\d+)"}
    regex = "".join(groups.get(part, re.escape(part)) for part in parts)
    found = re.fullmatch(regex, (number or "").strip())
    if found is None or not {"prefix", "year", "seq"} <= found.groupdict().keys() or int(found["seq"]) < 1:
        example = format_number(prefix="澄政规发", year=2024, seq=1)
        raise ValidationError({"number": f"文号“{number}”不符合本地编号格式（如 {example}）。"})
    return found["prefix"].strip(), int(found["year"]), int(found["seq"])


def validate_issued_number(*, number: str, year: int, signed_on: dt.date, taken_by=None) -> None:
    """平台启用前印发的文号：按签发年度编号（与平台统一编号相同），且未被其他文件使用。

    三统一：统一编号（各地做法，未经核实）：the platform numbers by the year of signing (services.issue_document)."""
    errors: dict = {}
    if year != signed_on.year:
        errors["number"] = [f"文号的年度（{year}）与签发日期的年度（{signed_on.year}）不一致。"]
    if taken_by is not None:
        errors.setdefault("number", []).append(f"文号“{number}”已由“{taken_by.title}”使用。")
    if errors:
        raise ValidationError(errors)


def expiry_date(effective_on: dt.date, years: int) -> dt.date:
    """规范性文件有效期届满日。

    The last day of validity: the same date `years` later, minus one day (29 February runs to 28 February)."""
    year = effective_on.year + years
    try:
        anniversary = effective_on.replace(year=year)
    except ValueError:  # 29 February in a common year: the period ends with the last day of February
        anniversary = dt.date(year, 3, 1)
    return anniversary - dt.timedelta(days=1)


VALIDITY_LABELS = {"pending": "未生效", "valid": "有效", "expired": "失效"}


def validity_state(document, today: dt.date) -> str:
    """规范性文件的效力状态（未生效、有效、失效），由日期计算。

    An issued document (status 有效) is 未生效 before its 施行日期 and 失效 after its 有效期至; a document turned
    expired, repealed or amended keeps that status; one only registered has none (its status label)."""
    if document.status != "valid":
        return document.get_status_display()
    if document.effective_on and today < document.effective_on:
        return VALIDITY_LABELS["pending"]
    if document.expires_on and today > document.expires_on:
        return VALIDITY_LABELS["expired"]
    return VALIDITY_LABELS["valid"]


def expired_by(document, today: dt.date) -> bool:
    """有效期届满：有效期至已过（次日起失效）。

    有效期制度为本地做法（未经核实，有效期见本地设置 review.default_validity_years）：a document is no longer in force
    once the last day of its validity period (有效期至) has passed; the scheduled task turns it 失效."""
    return document.status == "valid" and document.expires_on is not None and document.expires_on < today


@rule("未经合法性审查或经审查不合法的规范性文件，不得印发（国办发〔2018〕37号）。")
def document_review_passed(document) -> bool:
    """印发前须经合法性审查通过。

    国办发〔2018〕37号：“未经合法性审核或者经审核不合法的，不得提交集体审议”（措辞未经核实）。"""
    return document.legality_review is not None and document.legality_review.passed


def validate_register(*, number_prefix: str, validity_years: int | None) -> None:
    """统一登记：发文字号前缀、有效期。"""
    if not number_prefix.strip():
        raise ValidationError({"number_prefix": "请填写发文字号前缀，如 红政规发。"})
    if validity_years is not None and validity_years < 1:
        raise ValidationError({"validity_years": "有效期至少为1年；未规定的请留空，按默认有效期计算。"})


def validate_document(document) -> None:
    """规范性文件：登记、签发、公布已经发生且依次进行；施行不早于公布（施行日期可在今天之后）。"""
    errors: dict = {}
    collect(errors, validate_happened, document, "registered_on", "signed_on", "published_on")
    if document.effective_on and document.published_on and document.effective_on < document.published_on:
        errors.setdefault("effective_on", []).append("施行日期不能早于公布日期。")
    if document.published_on and document.signed_on and document.published_on < document.signed_on:
        errors.setdefault("published_on", []).append("公布日期不能早于签发日期。")
    if errors:
        raise ValidationError(errors)


def validate_issue(document, *, signed_on: dt.date, published_on: dt.date, effective_on: dt.date) -> None:
    """统一印发：签发不早于登记和终审意见，公布不早于签发，施行不早于公布；签发、公布已经发生。"""
    errors: dict = {}
    if signed_on < document.registered_on:
        errors["signed_on"] = ["签发日期不能早于登记日期。"]
    elif document.legality_review and signed_on < document.legality_review.concluded_on:
        errors["signed_on"] = [
            f"签发日期不能早于合法性审查终审意见的出具日期（{document.legality_review.concluded_on}）。"
        ]
    if published_on < signed_on:
        errors["published_on"] = ["公布日期不能早于签发日期。"]
    if effective_on < published_on:
        errors["effective_on"] = ["施行日期不能早于公布日期。"]
    probe = type(document)(
        registered_on=document.registered_on, signed_on=signed_on, published_on=published_on
    )
    collect(errors, validate_happened, probe, "signed_on", "published_on")
    if errors:
        raise ValidationError(errors)


def validate_submitted_for_review(document, submitted_on: dt.date) -> None:
    """送审日期不早于登记日期。"""
    if submitted_on < document.registered_on:
        raise ValidationError({"submitted_on": "送审日期不能早于登记日期。"})


def validate_document_deletable(document) -> None:
    """只有误登记、尚未办理的规范性文件才能删除；已办理的只能更正、修改、废止或宣布失效。

    国办发〔2018〕37号：“建立规范性文件清理常态化机制……及时修改或者废止”（措辞未经核实）: an issued document leaves
    the register only by being amended, repealed or declared invalid. What the other rules keep keeps the document too:
    - issued (numbered and published, any later state): never deleted;
    - filed (备案): filings are never deleted (filings.may_delete_filing), and a filing names its document;
    - listed in a clean-up (清理): clean-up records are kept and count (cleanup.may_delete_campaign), and an item
      names its document;
    - sent for or linked to a legality review: the review is never deleted (reviews.may_delete_review) and is the
      record of what was reviewed;
    - with a procedure recorded (公平竞争审查, 征求意见, 集体审议, 修改稿): records of how it was drafted.
    A registration with none of these (a duplicate, a wrong title or unit caught before any work) may be deleted;
    the audit event keeps every value it held."""
    if document.status != "registered":
        raise ValidationError(
            f"“{document}”已印发（{document.get_status_display()}），不能删除（可修改、废止或宣布失效）。"
        )
    if document.pk is None:
        return
    if document.filings.exists():
        raise ValidationError(f"“{document}”已报送备案，备案记录不得删除，该文件不能删除。")
    if document.cleanup_items.exists():
        raise ValidationError(f"“{document}”已列入规范性文件清理，清理记录不得删除，该文件不能删除。")
    if document.legality_review_id is not None:
        raise ValidationError(
            f"“{document}”已送合法性审查，审查记录不得删除，该文件不能删除（可更正登记事项）。"
        )
    recorded = [
        label
        for related, label in (
            ("fair_competition_reviews", "公平竞争审查"),
            ("consultations", "征求意见"),
            ("deliberations", "集体审议"),
            ("revised_texts", "修改稿"),
        )
        if getattr(document, related).exists()
    ]
    if recorded:
        raise ValidationError(
            f"“{document}”已有{'、'.join(recorded)}记录，该文件不能删除（可更正登记事项）。"
        )


def may_delete_document(user, document) -> bool:
    """Whether `user` may delete the document: one who may change it, and the document deletable
    (validate_document_deletable)."""
    if not access.can(user, document, access.CHANGE):
        return False
    try:
        validate_document_deletable(document)
    except ValidationError:
        return False
    return True


REGISTER_FIELDS = (
    "title",
    "organization",
    "number_prefix",
    "registered_on",
    "validity_years",
    "requires_filing",
    "enterprise_related",
    "market_related",
)
ISSUE_FIELDS = (
    "number",
    "number_year",
    "number_seq",
    "status",
    "legality_review",
    "signed_on",
    "published_on",
    "effective_on",
    "expires_on",
    "filing_due_on",
    "filing_due_explanation",
)


def fixed_document_fields(document) -> list[str]:
    """登记后不能直接修改的事项（三统一）：文号、日期、有效期至和备案期限只在统一编号印发时确定；已送合法性审查的，
    制定机关不能改变；已印发的文件只能修改“涉企”（其余通过修改、废止、宣布失效办理）。"""
    if document.status != "registered":
        return [f for f in (*REGISTER_FIELDS, *ISSUE_FIELDS) if f != "enterprise_related"]
    if document.legality_review_id:
        return ["organization", *ISSUE_FIELDS]
    return list(ISSUE_FIELDS)


def validate_document_change(document, data: dict) -> None:
    """修改登记事项：只能修改未固定的事项（fixed_document_fields）。"""
    fixed = [name for name in fixed_document_fields(document) if name in data]
    if not fixed:
        return
    labels = "、".join(str(type(document)._meta.get_field(n).verbose_name) for n in fixed)
    if document.status != "registered":
        raise ValidationError(f"文件已{document.get_status_display()}，只能修改“涉企”；{labels}不能修改。")
    if fixed == ["organization"]:
        raise ValidationError({"organization": "该文件已以原制定机关的名义送合法性审查，不能改变制定机关。"})
    raise ValidationError(f"{labels}在统一编号并印发时确定，不能直接修改。")
