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
