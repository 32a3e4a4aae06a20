"""The enforcement workstream's demo records in 澄湖区: bodies with and without a named supervision organ, their item
lists, exams (not all passed), and officers' certificates — valid, expiring soon, cancelled on retirement, suspended
by a failed review — so that the figures and the 不得从事执法 list say something."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock, ids
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User
from fazhi.demo.management.commands.demo import REGION
from fazhi.demo.registry import step
from fazhi.enforcement import services
from fazhi.enforcement.models import EnforcementBody

BODIES = [
    # unit, name, legal basis, supervision organ
    (
        "CH-SCJ",
        "澄湖区市场监督管理局",
        "《中华人民共和国行政处罚法》第十八条；《市场监督管理行政处罚程序规定》第四条",
        "CH-SFJ",
    ),
    (
        "CH-SCJ-ZD",
        "澄湖区市场监管综合行政执法大队",
        "《澄湖区市场监管领域综合行政执法改革实施方案》；《市场监督管理行政处罚程序规定》第四条",
        "CH-SFJ",
    ),
    ("CH-ZRZY", "澄湖区自然资源局", "《中华人民共和国土地管理法》第五条、第六十七条", "CH-SFJ"),
    ("CH-LHZ", "澄湖区莲花镇人民政府", "《中华人民共和国行政处罚法》第二十四条（赋予乡镇行政处罚权）", None),
]

POWERS = {
    "CH-SCJ": [
        ("licensing", "食品经营许可", "《中华人民共和国食品安全法》第三十五条"),
        ("inspection", "特种设备安全监督检查", "《中华人民共和国特种设备安全法》第五十七条"),
    ],
    "CH-SCJ-ZD": [
        ("penalty", "对经营超过保质期食品的处罚", "《中华人民共和国食品安全法》第一百二十四条"),
        ("penalty", "对虚假广告的处罚", "《中华人民共和国广告法》第五十五条"),
        ("coercion", "查封、扣押不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百一十条"),
        ("inspection", "食品生产经营日常监督检查", "《中华人民共和国食品安全法》第一百一十条"),
    ],
    "CH-ZRZY": [
        ("penalty", "对非法占用土地的处罚", "《中华人民共和国土地管理法》第七十七条"),
        ("levy", "征收土地复垦费", "《土地复垦条例》第十八条"),
        ("confirmation", "不动产登记", "《不动产登记暂行条例》第六条"),
    ],
    "CH-LHZ": [
        ("penalty", "对违反村庄规划建设的处罚", "《中华人民共和国城乡规划法》第六十五条"),
        ("inspection", "农村自建房安全巡查", "《澄湖区农村自建房安全管理办法》第八条"),
    ],
}

EXTRA_OFFICERS = [
    # birth date and sequence of the demo ID number (in the demo's fictional region), name, unit, position
    (dt.date(1986, 4, 12), 201, "钱晓东", "CH-SCJ-ZD", "执法队员"),
    (dt.date(1966, 8, 3), 202, "孙国庆", "CH-SCJ-ZD", "执法队员"),
    (dt.date(1995, 2, 21), 203, "李慕白", "CH-SCJ-ZD", "执法队员"),
    (dt.date(1993, 11, 7), 204, "周若溪", "CH-ZRZY", "执法监察大队队员"),
]

AREAS = {
    "CH-SCJ": "澄湖区；市场监管",
    "CH-SCJ-ZD": "澄湖区；市场监管综合执法",
    "CH-ZRZY": "澄湖区；自然资源",
    "CH-LHZ": "莲花镇；乡镇综合执法",
}


@step
def enforcement_demo(admin: User, stdout) -> int:
    if EnforcementBody.objects.filter(organization__code="CH-SCJ-ZD").exists():
        return 0
    unit = {o.code: o for o in Organization.objects.filter(code__startswith="CH")}
    created = 0
    bodies = {}
    for code, name, basis, organ in BODIES:
        bodies[code] = services.register_body(
            actor=admin,
            organization=unit[code],
            name=name,
            legal_basis=basis,
            supervision_organ=unit[organ] if organ else None,
        )
        for kind, title, power_basis in POWERS[code]:
            services.add_power(actor=admin, body=bodies[code], kind=kind, name=title, legal_basis=power_basis)
        created += 1 + len(POWERS[code])
    for birth, sequence, name, code, position in EXTRA_OFFICERS:
        number = ids.make_id_number(REGION, birth, sequence)
        if not Person.objects.with_id_number(number).exists():
            core_services.create_person(
                actor=admin,
                name=name,
                id_number=number,
                organization=unit[code],
                position=position,
            )
            created += 1

    people = {p.name: p for p in Person.objects.filter(organization__code__startswith="CH")}
    today = clock.today()
    serial = iter(range(1, 100))

    def certify(name: str, code: str, *, issued_on: dt.date, valid_until: dt.date, score: int = 86):
        services.record_exam(
            actor=admin,
            person=people[name],
            body=bodies[code],
            exam_on=issued_on - dt.timedelta(days=40),
            score=score,
        )
        return services.issue_certificate(
            actor=admin,
            person=people[name],
            body=bodies[code],
            number=f"CH{issued_on.year}{next(serial):04d}",
            issued_on=issued_on,
            valid_until=valid_until,
            areas=AREAS[code],
        )

    long = dt.date(2029, 12, 31)
    certs = [
        certify(
            "杨海峰", "CH-SCJ-ZD", issued_on=dt.date(2021, 12, 20), valid_until=today + dt.timedelta(days=25)
        ),
        certify("朱启航", "CH-SCJ-ZD", issued_on=dt.date(2024, 3, 1), valid_until=long, score=78),
        certify(
            "钱晓东", "CH-SCJ-ZD", issued_on=dt.date(2022, 1, 10), valid_until=today + dt.timedelta(days=50)
        ),
        certify("孙国庆", "CH-SCJ-ZD", issued_on=dt.date(2019, 5, 8), valid_until=long),
        certify("韩雨桐", "CH-SCJ", issued_on=dt.date(2023, 4, 12), valid_until=long, score=91),
        certify("沈立新", "CH-SCJ", issued_on=dt.date(2023, 4, 12), valid_until=long),
        certify("尤嘉怡", "CH-ZRZY", issued_on=dt.date(2024, 6, 3), valid_until=long, score=88),
        certify("华小满", "CH-LHZ", issued_on=dt.date(2025, 9, 1), valid_until=long, score=82),
    ]
    created += 2 * len(certs)
    # 李慕白 and 周若溪 failed their exams: no certificate, on the 不得从事执法 list with 秦文博 and 严春晖.
    for name, code, score in (("李慕白", "CH-SCJ-ZD", 52), ("周若溪", "CH-ZRZY", 48)):
        services.record_exam(
            actor=admin, person=people[name], body=bodies[code], exam_on=dt.date(2026, 5, 16), score=score
        )
        created += 1
    for c in certs:
        services.record_review(
            actor=admin, certificate=c, year=2025, reviewed_on=dt.date(2026, 3, 10), passed=True
        )
        created += 1
    # 孙国庆 retired; 沈立新 failed the 2026 review and may not enforce until a passed re-review.
    services.cancel_certificate(
        actor=admin, certificate=certs[3], reason="retirement", cancelled_on=dt.date(2026, 6, 30)
    )
    services.record_review(
        actor=admin,
        certificate=certs[5],
        year=2026,
        reviewed_on=dt.date(2026, 10, 20),
        passed=False,
        reason="未完成年度行政执法培训学时",
    )
    created += 1
    return created


# The two complete years and the open work of 2026, run after the records above (bodies, first officers).
