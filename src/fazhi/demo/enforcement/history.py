"""The enforcement demo's two complete years in 澄湖区 (2024 and 2025, the annual report compares them) and the open
work of 2026: more officers with their exams (not all passed), certificates issued, yearly reviews (one failed and
re-reviewed each year), cancellations on transfer and resignation, training sessions with attendance, and supervision
clues of every source handled step by step (some enterprise-related), plus open clues near or past their due date so
the 工作台 warns. Everything goes through the services; a second run creates nothing."""

from __future__ import annotations

import datetime as dt

from fazhi.core import ids
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User
from fazhi.demo.management.commands.demo import REGION
from fazhi.demo.registry import step
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate, EnforcementBody, TrainingSession

from . import clues as demo_clues
from .bodies import AREAS

D = dt.date

OFFICERS = [
    # birth date and sequence of the demo ID number, name, unit, position
    (D(1990, 3, 2), 211, "冯子墨", "CH-SCJ-ZD", "执法队员"),
    (D(1992, 7, 19), 212, "邓思齐", "CH-SCJ-ZD", "执法队员"),
    (D(1988, 1, 25), 213, "曾可欣", "CH-SCJ-ZD", "执法队员"),
    (D(1996, 10, 8), 214, "彭亦凡", "CH-SCJ-ZD", "执法队员"),
    (D(1994, 5, 30), 222, "陆远航", "CH-SCJ-ZD", "执法队员"),
    (D(1987, 12, 12), 215, "吕卓然", "CH-SCJ", "稽查科科员"),
    (D(1993, 4, 4), 216, "苏晴川", "CH-SCJ", "稽查科科员"),
    (D(1985, 9, 16), 217, "蔡明轩", "CH-ZRZY", "执法监察大队队员"),
    (D(1991, 6, 21), 218, "贾若楠", "CH-ZRZY", "执法监察大队队员"),
    (D(1997, 2, 14), 219, "丁一鸣", "CH-ZRZY", "执法监察大队队员"),
    (D(1989, 8, 27), 220, "薛海川", "CH-LHZ", "综合执法队员"),
    (D(1995, 11, 3), 221, "叶知秋", "CH-LHZ", "综合执法队员"),
]

# (name, score) per exam sitting; those who pass get a certificate on the issue date.
EXAMS = {
    (D(2024, 4, 20), D(2024, 6, 1)): [
        ("冯子墨", 88),
        ("邓思齐", 79),
        ("曾可欣", 92),
        ("吕卓然", 84),
        ("蔡明轩", 76),
        ("贾若楠", 81),
        ("薛海川", 73),
        ("陆远航", 54),
    ],
    (D(2025, 5, 17), D(2025, 7, 1)): [
        ("彭亦凡", 86),
        ("苏晴川", 90),
        ("丁一鸣", 58),
        ("叶知秋", 83),
        ("陆远航", 77),
    ],
}

SUPERVISORS = [("CHJD20240001", "韩雨桐", "CH-SCJ"), ("CHJD20240002", "尤嘉怡", "CH-ZRZY")]

# Yearly reviews: (year reviewed, review date, the one who failed and why, the re-review date).
REVIEWS = [
    (2023, D(2024, 3, 15), "钱晓东", "年度执法案卷评查不合格", D(2024, 5, 20)),
    (2024, D(2025, 3, 14), "邓思齐", "未完成年度行政执法培训学时", D(2025, 6, 10)),
]

CANCELLATIONS = [
    ("蔡明轩", "transfer", D(2024, 11, 15), "调任区发展改革局"),
    ("薛海川", "resignation", D(2025, 8, 31), ""),
    ("曾可欣", "transfer", D(2025, 12, 20), "调任市市场监督管理局"),
]

# (organizer, topic, date, hours, kind, attendees)
SESSIONS = [
    (
        "CH-SFJ",
        "行政执法人员全员轮训（2024年）",
        D(2024, 4, 10),
        8,
        "rotation",
        ["杨海峰", "朱启航", "钱晓东", "孙国庆", "韩雨桐", "沈立新"],
    ),
    (
        "CH-SCJ",
        "食品安全执法专题培训",
        D(2024, 9, 12),
        4,
        "topic",
        ["杨海峰", "朱启航", "冯子墨", "邓思齐", "曾可欣", "吕卓然", "韩雨桐"],
    ),
    (
        "CH-SFJ",
        "旁听行政诉讼庭审（土地执法）",
        D(2024, 11, 6),
        3,
        "trial",
        ["尤嘉怡", "蔡明轩", "贾若楠", "薛海川"],
    ),
    (
        "CH-SFJ",
        "行政执法人员全员轮训（2025年）",
        D(2025, 4, 9),
        8,
        "rotation",
        [
            "杨海峰",
            "朱启航",
            "钱晓东",
            "孙国庆",
            "韩雨桐",
            "沈立新",
            "尤嘉怡",
            "冯子墨",
            "邓思齐",
            "曾可欣",
            "吕卓然",
            "贾若楠",
            "薛海川",
        ],
    ),
    (
        "CH-SCJ",
        "涉企行政检查规范专题培训",
        D(2025, 6, 20),
        4,
        "topic",
        ["冯子墨", "邓思齐", "吕卓然", "韩雨桐", "朱启航"],
    ),
    (
        "CH-SFJ",
        "同堂培训：行政执法与刑事司法衔接",
        D(2025, 9, 18),
        6,
        "joint",
        ["彭亦凡", "苏晴川", "叶知秋", "陆远航", "华小满", "尤嘉怡", "贾若楠"],
    ),
    ("CH-SFJ", "旁听行政诉讼庭审（自然资源）", D(2025, 11, 12), 3, "trial", ["尤嘉怡", "贾若楠", "杨海峰"]),
    (
        "CH-SFJ",
        "行政执法人员全员轮训（2026年）",
        D(2026, 5, 15),
        8,
        "rotation",
        ["朱启航", "冯子墨", "彭亦凡", "苏晴川", "叶知秋", "陆远航", "华小满"],
    ),
]

FIRST_TOPIC = SESSIONS[0][1]


@step
def enforcement_history_demo(admin: User, stdout) -> int:
    if TrainingSession.objects.filter(topic=FIRST_TOPIC).exists():
        return 0
    unit = {o.code: o for o in Organization.objects.filter(code__startswith="CH")}
    bodies = {
        b.organization.code: b for b in EnforcementBody.objects.filter(organization__code__startswith="CH")
    }
    created = 0
    for birth, sequence, name, code, position in OFFICERS:
        number = ids.make_id_number(REGION, birth, sequence)
        if not Person.objects.with_id_number(number).exists():
            core_services.create_person(
                actor=admin, name=name, id_number=number, organization=unit[code], position=position
            )
            created += 1
    people = {p.name: p for p in Person.objects.filter(organization__code__startswith="CH")}
    created += _exams_and_certificates(admin, people, bodies)
    created += _reviews_and_cancellations(admin, people)
    created += _training(admin, unit, people)
    created += demo_clues.create(admin, unit, bodies)
    return created


def _exams_and_certificates(admin, people, bodies) -> int:
    created = 0
    for (exam_on, issued_on), sitting in EXAMS.items():
        for serial, (name, score) in enumerate(sitting, start=1):
            person = people[name]
            body = bodies[person.organization.code]
            exam = services.record_exam(actor=admin, person=person, body=body, exam_on=exam_on, score=score)
            created += 1
            if exam.passed:
                services.issue_certificate(
                    actor=admin,
                    person=person,
                    body=body,
                    number=f"CH{issued_on.year}{100 + serial:04d}",
                    issued_on=issued_on,
                    valid_until=issued_on.replace(year=issued_on.year + 6) - dt.timedelta(days=1),
                    areas=AREAS[body.organization.code],
                )
                created += 1
    # 行政执法监督证 of the departments' legal-section staff who supervise their own enforcement (no exam needed).
    for number, name, code in SUPERVISORS:
        services.issue_certificate(
            actor=admin,
            person=people[name],
            body=bodies[code],
            number=number,
            kind=Certificate.Kind.SUPERVISION,
            issued_on=D(2024, 2, 1),
            valid_until=D(2030, 1, 31),
            areas=AREAS[code],
        )
        created += 1
    return created


def _certificate(person) -> Certificate:
    return (
        Certificate.objects.filter(person=person, kind=Certificate.Kind.ENFORCEMENT)
        .order_by("-issued_on")
        .first()
    )


def _reviews_and_cancellations(admin, people) -> int:
    created = 0
    for year, reviewed_on, failing, reason, again_on in REVIEWS:
        due = Certificate.objects.filter(
            kind=Certificate.Kind.ENFORCEMENT,
            issued_on__lt=reviewed_on,
            body__organization__code__startswith="CH",
        ).exclude(cancelled_on__lte=reviewed_on)
        for certificate in due.select_related("person").order_by("number"):
            failed = certificate.person.name == failing
            services.record_review(
                actor=admin,
                certificate=certificate,
                year=year,
                reviewed_on=reviewed_on,
                passed=not failed,
                reason=reason if failed else "",
            )
            created += 1
            if failed:
                services.record_review(
                    actor=admin, certificate=certificate, year=year, reviewed_on=again_on, passed=True
                )
                created += 1
    for name, reason, cancelled_on, note in CANCELLATIONS:
        services.cancel_certificate(
            actor=admin,
            certificate=_certificate(people[name]),
            reason=reason,
            cancelled_on=cancelled_on,
            note=note,
        )
        core_services.update_person(actor=admin, person=people[name], is_active=False)
    return created


def _training(admin, unit, people) -> int:
    created = 0
    for code, topic, held_on, hours, kind, names in SESSIONS:
        session = services.record_session(
            actor=admin, organization=unit[code], topic=topic, held_on=held_on, hours=hours, kind=kind
        )
        services.record_attendances(actor=admin, session=session, people=[people[n] for n in names])
        created += 1 + len(names)
    return created
