"""The rules of officers' certificates (行政执法证, 行政执法监督证): the exam before issue, who holds a valid certificate on a
day, review, cancellation and reissue. Local periods and marks are settings with the defaults of domain/statutes.md."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from fazhi.core import access, config
from fazhi.core.models import Role
from fazhi.core.rules import validate_happened

EXAM_PASS_SCORE = config.define(
    "enforcement.exam_pass_score",
    name="行政执法资格考试合格分数线",
    default=60,
    help="申领行政执法证考试成绩达到此分数为合格。",
    basis="本地做法（未经核实），可按本省规定调整。",
)
EXAM_VALID_DAYS = config.define(
    "enforcement.exam_valid_days",
    name="考试合格后申领行政执法证的有效期（日）",
    default=365,
    help="考试合格之日起此日数内可据此核发行政执法证。",
    basis="本地做法（未经核实），可按本省规定调整。",
)

PLATFORM_STARTED_ON = config.define(
    "enforcement.platform_started_on",
    name="本平台启用日期（执法证件）",
    default="",
    help=(
        "格式如 2025-01-01。此日期前核发的执法证件可作为“平台启用前核发”的历史证件导入，不需补录资格考试记录；"
        "留空表示不接受历史证件。"
    ),
    basis="本地做法：平台启用前的考试记录不在本平台，证件本身即为当时核发合规的凭证。",
)

BASIS_CERTIFICATE = "行政处罚法第四十二条：行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人"

ENFORCEMENT = "enforcement"  # Certificate.Kind.ENFORCEMENT
VALID = "valid"  # Certificate.Status.VALID
CANCELLED = "cancelled"  # Certificate.Status.CANCELLED
OTHER_REASON = "other"  # Certificate.CancelReason.OTHER
ACTIVE_BODY = "active"  # EnforcementBody.Status.ACTIVE


def is_certificate_authority(instance, user) -> bool:
    """执法证件由司法局（执法监督机构）管理。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”执法资格的确认、证件的核发、
    审验和注销由司法局管理员、执法监督员办理（系统管理员亦可）。Also the transition permission of Certificate.cancel."""
    return access.has_role(user, Role.JUSTICE_ADMIN, Role.ENFORCEMENT_SUPERVISOR)


def may_manage_certificates(user) -> bool:
    """可办理执法证件（考试、核发、审验、注销、补发换发）：司法局管理员、执法监督员或系统管理员。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    return is_certificate_authority(None, user)


def exam_passed(score) -> bool:
    """行政执法资格考试合格：成绩达到合格分数线（配置项 enforcement.exam_pass_score）。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”分数线为本地做法。"""
    return score >= config.get(EXAM_PASS_SCORE.key)


def has_recent_passed_exam(person, on: dt.date) -> bool:
    """申领行政执法证须经考试合格，且考试日期在核发日前配置的期限内（配置项 enforcement.exam_valid_days）。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”期限为本地做法。"""
    exams = apps.get_model("enforcement", "CertificateExam").objects
    earliest = on - dt.timedelta(days=config.get(EXAM_VALID_DAYS.key))
    return exams.filter(person=person, passed=True, exam_on__lte=on, exam_on__gte=earliest).exists()


def passed_exam_required_message() -> str:
    return (
        f"核发行政执法证须经行政执法资格考试合格，且考试在核发日前{config.get(EXAM_VALID_DAYS.key)}日内"
        f"（行政处罚法第四十二条：执法人员应当具有行政执法资格）。"
    )


def validate_exam(exam) -> None:
    """行政执法资格考试记录：成绩在0至100分之间，考试日期不晚于今天。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    if exam.score is not None and not (0 <= exam.score <= 100):
        raise ValidationError({"score": "成绩应在0至100分之间。"})
    validate_happened(exam, "exam_on")


def platform_started_on() -> dt.date | None:
    value = config.get(PLATFORM_STARTED_ON.key)
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def validate_legacy_issue(*, issued_on: dt.date | None, cancelled: bool) -> None:
    """平台启用前核发的历史证件：发证日期须早于设置“本平台启用日期（执法证件）”。

    Such a certificate was issued, and its exam taken, before the platform kept records: it comes in without an
    invented exam record, and — when it has since been cancelled — without today's checks of the body and holder
    (the holder may have retired or moved since). 《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法
    资格的执法人员实施。”（启用日期为本地设置。）"""
    started = platform_started_on()
    if started is None:
        raise ValidationError(
            {
                "issued_on": "未设置“本平台启用日期（执法证件）”，不能导入平台启用前核发的历史证件；请系统管理员先设置该日期。"
            }
        )
    if issued_on is None or issued_on >= started:
        raise ValidationError(
            {
                "issued_on": f"平台启用前核发的历史证件，发证日期须早于本平台启用日期（{started.isoformat()}）；"
                "此后核发的证件须先有资格考试记录。"
            }
        )


def validate_issue(
    *, body, person, kind: str, issued_on: dt.date | None, legacy: bool = False, cancelled: bool = False
) -> None:
    """核发执法证件：执法主体在用、持证人在职；行政执法证的持证人须为执法主体所在单位人员，并在核发日前考试合格。

    A certificate issued before the platform (`legacy`, validate_legacy_issue) needs no exam record; one that has
    since been cancelled (`cancelled`, history only) is not held to today's state of the body and the holder.
    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    if legacy:
        validate_legacy_issue(issued_on=issued_on, cancelled=cancelled)
    elif cancelled:
        raise ValidationError(
            {"status": "只有平台启用前核发的历史证件可以以注销状态导入；其他证件须在证件页面注销。"}
        )
    if cancelled:
        return
    if body.status != ACTIVE_BODY:
        raise ValidationError({"body": f"执法主体“{body}”已撤销，不能核发证件。"})
    if not person.is_active:
        raise ValidationError({"person": f"{person}已不在职，不能核发证件。"})
    if kind == ENFORCEMENT:
        if person.organization_id != body.organization_id:
            raise ValidationError({"person": f"{person}不是执法主体“{body}”所在单位的人员。"})
        if not legacy and issued_on is not None and not has_recent_passed_exam(person, issued_on):
            raise ValidationError({"issued_on": passed_exam_required_message()})


def validate_certificate(certificate) -> None:
    """执法证件记录：有效期不早于发证日期；注销须有原因和日期；补发换发的新证与原证同一持证人、同一类别；发证日期和注销日期
    不晚于今天。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”注销原因为本地做法。"""
    errors = {}
    if certificate.issued_on and certificate.valid_until and certificate.valid_until < certificate.issued_on:
        errors["valid_until"] = "有效期截止日不能早于发证日期。"
    if certificate.status == CANCELLED:
        if not certificate.cancel_reason:
            errors["cancel_reason"] = "注销行政执法证须写明注销原因（调动、退休、辞职、辞退或其他）。"
        elif certificate.cancel_reason == OTHER_REASON and not certificate.cancel_note.strip():
            errors["cancel_note"] = "注销原因为“其他”的，须写明具体情况。"
        if certificate.cancelled_on is None:
            errors["cancelled_on"] = "注销行政执法证须写明注销日期。"
        elif certificate.issued_on and certificate.cancelled_on < certificate.issued_on:
            errors["cancelled_on"] = "注销日期不能早于发证日期。"
    elif certificate.cancel_reason or certificate.cancelled_on:
        errors["cancelled_on"] = "未注销的证件不应填写注销原因或日期。"
    if certificate.replaces_id is not None:
        old = certificate.replaces
        if old.pk == certificate.pk:
            errors["replaces"] = "证件不能替代其本身。"
        elif old.person_id != certificate.person_id or old.kind != certificate.kind:
            errors["replaces"] = "补发、换发的新证应与原证为同一持证人、同一证件类别。"
    if errors:
        raise ValidationError(errors)
    validate_happened(certificate, "issued_on", "cancelled_on")


def validate_review(review) -> None:
    """证件审验：不合格的须写明原因，合格的不填原因；审验日期不早于发证日期、不晚于今天，已注销的证件不再审验。

    审验为本地做法（domain/statutes.md）；《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    if not review.passed and not review.reason.strip():
        raise ValidationError({"reason": "审验不合格的，须写明不合格原因。"})
    if review.passed and review.reason.strip():
        raise ValidationError({"reason": "审验合格的不应填写不合格原因。"})
    validate_happened(review, "reviewed_on")
    certificate = review.certificate if review.certificate_id else None
    if certificate is not None and review.reviewed_on is not None and review.pk is None:
        if certificate.cancelled_on is not None and certificate.cancelled_on <= review.reviewed_on:
            raise ValidationError(
                {"reviewed_on": f"证件{certificate.number}已于{certificate.cancelled_on}注销，不能再审验。"}
            )
        if review.reviewed_on < certificate.issued_on:
            raise ValidationError({"reviewed_on": "审验日期不能早于发证日期。"})


def certificate_valid_on(certificate, day: dt.date) -> bool:
    """行政执法证在某日有效：未注销（或注销在该日之后）、在发证日至有效期截止日之间，且该日及以前最近一次审验不是不合格
    （审验不合格的，至再次审验合格前不得从事执法）。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    if certificate.cancelled_on is not None and certificate.cancelled_on <= day:
        return False
    if not (certificate.issued_on <= day <= certificate.valid_until):
        return False
    last = certificate.reviews.filter(reviewed_on__lte=day).order_by("-reviewed_on", "-pk").first()
    return last is None or last.passed


def valid_on(certificates: QuerySet, day: dt.date | OuterRef) -> QuerySet:
    """The certificates valid on `day`, in one query: the database form of certificate_valid_on (same conditions).
    `day` may be an OuterRef (e.g. a training session's day) when used inside Exists().

    "The last review on or before the day is not failed" is written as: no failed review on or before the day
    without a later one (by date, then id) on or before the day. PostgreSQL reads it as an anti-join with the few
    failed reviews (province: 879 of 44,706) instead of looking up the last review of every certificate (24,685
    probes: the count of the public list of officers 105 → 25 ms, issue 19); no review yet counts as passed."""
    reviews = certificates.model._meta.get_field("reviews").related_model.objects
    # the day one level deeper (a review of the certificate) and two levels deeper (a later review of it)
    review_day, later_day = (
        (OuterRef(day), OuterRef(OuterRef(day))) if isinstance(day, OuterRef) else (day, day)
    )
    later = reviews.filter(certificate=OuterRef("certificate"), reviewed_on__lte=later_day).filter(
        Q(reviewed_on__gt=OuterRef("reviewed_on"))
        | Q(reviewed_on=OuterRef("reviewed_on"), pk__gt=OuterRef("pk"))
    )
    failed_last = reviews.filter(
        certificate=OuterRef("pk"), reviewed_on__lte=review_day, passed=False
    ).filter(~Exists(later))
    return (
        certificates.filter(issued_on__lte=day, valid_until__gte=day)
        .filter(Q(status=VALID) | Q(cancelled_on__gt=day))
        .filter(~Exists(failed_last))
    )


def officer_certified_on(person, day: dt.date) -> bool:
    """承办执法人员在决定日期持有有效行政执法证（未注销、在有效期内、无未解除的审验不合格）。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    return valid_on(person.enforcement_certificates.filter(kind=ENFORCEMENT), day).exists()


def uncertified_officer_message(person, day: dt.date) -> str:
    return (
        f"{person.name}在{day:%Y年%m月%d日}未持有效行政执法证（已注销、过期、审验不合格或未领证），"
        f"不能登记为该案件的承办执法人员（{BASIS_CERTIFICATE}）。"
    )


def validate_officers_certified(people, day: dt.date | None, field: str = "officers") -> None:
    """承办执法人员须在决定日期持有效行政执法证 — the one check of every way a handling officer is recorded.

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。”"""
    if day is None:
        return
    problems = [uncertified_officer_message(p, day) for p in people if not officer_certified_on(p, day)]
    if problems:
        raise ValidationError({field: problems})


def may_reissue(certificate, day: dt.date) -> str | None:
    """补发、换发的条件：原证未注销、最近一次审验不是不合格、补发日期不早于原证发证日期。Returns the reason, or None.

    本地做法（domain/statutes.md）；《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”"""
    if certificate.status != VALID:
        return f"证件{certificate.number}已注销，不能补发或换发。"
    last = certificate.reviews.filter(reviewed_on__lte=day).order_by("-reviewed_on", "-pk").first()
    if last is not None and not last.passed:
        return f"证件{certificate.number}最近一次审验不合格，须审验合格后方可补发或换发。"
    if day < certificate.issued_on:
        return "补发、换发日期不能早于原证发证日期。"
    return None
