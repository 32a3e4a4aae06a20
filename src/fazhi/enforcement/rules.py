"""The rules of enforcement officers' certificates: who holds a valid certificate on a day, and the exam an officer
must pass before one is issued (local periods and marks are settings with the defaults of domain/statutes.md)."""

from __future__ import annotations

import datetime as dt

from fazhi.core import access, config
from fazhi.core.models import Role

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

BASIS_CERTIFICATE = "行政处罚法第四十二条：行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人"


def exam_passed(score) -> bool:
    """考试成绩达到合格分数线（配置项 enforcement.exam_pass_score）。"""
    return score >= config.get(EXAM_PASS_SCORE.key)


def has_recent_passed_exam(person, on: dt.date) -> bool:
    """申领行政执法证须经考试合格，且考试日期在核发日前配置的期限内（配置项 enforcement.exam_valid_days）。"""
    from .models import CertificateExam

    earliest = on - dt.timedelta(days=config.get(EXAM_VALID_DAYS.key))
    return CertificateExam.objects.filter(
        person=person, passed=True, exam_on__lte=on, exam_on__gte=earliest
    ).exists()


def passed_exam_required_message() -> str:
    return (
        f"核发行政执法证须经行政执法资格考试合格，且考试在核发日前{config.get(EXAM_VALID_DAYS.key)}日内"
        f"（行政处罚法第四十二条：执法人员应当具有行政执法资格）。"
    )


def certificate_valid_on(certificate, day: dt.date) -> bool:
    """行政执法证在某日有效：未注销（或注销在该日之后）、在发证日至有效期截止日之间，且该日及以前最近一次审验
    不是不合格（审验不合格的，至再次审验合格前不得从事执法）。行政处罚法第四十二条。"""
    if certificate.cancelled_on is not None and certificate.cancelled_on <= day:
        return False
    if not (certificate.issued_on <= day <= certificate.valid_until):
        return False
    last = certificate.reviews.filter(reviewed_on__lte=day).order_by("-reviewed_on", "-pk").first()
    return last is None or last.passed


def is_certificate_authority(instance, user) -> bool:
    """Transition permission: the Justice Bureau (司法局管理员), enforcement supervisors or a system administrator."""
    return access.has_role(user, Role.JUSTICE_ADMIN, Role.ENFORCEMENT_SUPERVISOR)


# Case-file evaluation (案卷评查) -------------------------------------------------------------------------------

EVALUATION_EXCELLENT_SCORE = config.define(
    "enforcement.evaluation_excellent_score",
    name="案卷评查“优秀”等次分数线",
    default=90,
    help="新建评查活动时“优秀”等次的默认分数线（总分达到此分且未触及否决项为优秀），各活动可另行设定。",
    basis="案卷评查无全国统一标准，等次分数线为本地做法（domain/statutes.md），可按本地区评查办法调整。",
)
EVALUATION_PASS_SCORE = config.define(
    "enforcement.evaluation_pass_score",
    name="案卷评查“合格”等次分数线",
    default=60,
    help="新建评查活动时“合格”等次的默认分数线（总分达到此分且未触及否决项为合格），各活动可另行设定。",
    basis="案卷评查无全国统一标准，等次分数线为本地做法（domain/statutes.md），可按本地区评查办法调整。",
)

BASIS_EVALUATION = (
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）；案卷评查标准为本地做法"
)

GRADE_EXCELLENT = "excellent"
GRADE_QUALIFIED = "qualified"
GRADE_UNQUALIFIED = "unqualified"


def evaluation_grade(*, total, vetoed: bool, excellent_score, pass_score) -> str:
    """A file's grade: any veto item hit fails it outright (不合格) whatever its points; otherwise 优秀 from the
    campaign's excellent mark, 合格 from its pass mark, else 不合格 (thresholds are the campaign's, local practice)."""
    if vetoed:
        return GRADE_UNQUALIFIED
    if total >= excellent_score:
        return GRADE_EXCELLENT
    if total >= pass_score:
        return GRADE_QUALIFIED
    return GRADE_UNQUALIFIED


def officer_certified_on(person, day: dt.date) -> bool:
    """An officer may be recorded as handling a case decided on `day` only if they held a valid 行政执法证 that day
    (not cancelled before it, within validity, no failed review outstanding): 行政处罚法第四十二条。"""
    from .models import Certificate
    from .selectors import valid_on

    return valid_on(
        Certificate.objects.filter(person=person, kind=Certificate.Kind.ENFORCEMENT), day
    ).exists()


def uncertified_officer_message(person, day: dt.date) -> str:
    return (
        f"{person.name}在{day:%Y年%m月%d日}未持有效行政执法证（已注销、过期、审验不合格或未领证），"
        f"不能登记为该案件的承办执法人员（{BASIS_CERTIFICATE}）。"
    )


def may_reissue(certificate, day: dt.date) -> str | None:
    """补发、换发 replaces a certificate that is still in force on the books: one already cancelled cannot be
    reissued, nor one whose last review failed (a reissue must not lift a failed 审验). Returns the reason, or None."""
    if certificate.status != certificate.Status.VALID:
        return f"证件{certificate.number}已注销，不能补发或换发。"
    last = certificate.reviews.filter(reviewed_on__lte=day).order_by("-reviewed_on", "-pk").first()
    if last is not None and not last.passed:
        return f"证件{certificate.number}最近一次审验不合格，须审验合格后方可补发或换发。"
    if day < certificate.issued_on:
        return "补发、换发日期不能早于原证发证日期。"
    return None
