"""三项制度自查评估 by ledger and API: one row per body, year and system, re-imported unchanged; the date and the
findings are checked by rules/self_assessment.py; a body that assessed all three systems counts in the figure."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from fazhi.core.io import ledgers
from fazhi.enforcement.models import SelfAssessment
from fazhi.indicators.registry import Period, compute

HEADER = "执法主体单位代码,执法主体,年度,制度,自查日期,自查发现的问题及落实情况\n"
BODY = "T-SCJ-ZD,测试区市场监管执法大队"


def run(text, actor):
    return ledgers.run_import(
        "enforcement_self_assessments",
        content=(HEADER + text).encode(),
        filename="x.csv",
        actor=actor,
        dry_run=False,
    )


def errors(result):
    return [str(e) for e in result.errors]


def test_three_systems_come_in_once_and_the_body_counts_as_completed(users, body):
    text = (
        f"{BODY},2025,行政执法公示制度,2025-11-18,公示不及时，已整改\n"
        f"{BODY},2025,执法全过程记录制度,2025-11-18,录像不全，已配齐记录仪\n"
        f"{BODY},2025,重大执法决定法制审核制度,2025-11-20,未发现问题\n"
    )

    first = run(text, users.justice)
    again = run(text, users.justice)
    changed = run(text.replace("未发现问题", "审核目录未更新，已更新"), users.justice)

    assert first.created == 3, errors(first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert (changed.updated, changed.unchanged) == (1, 2)
    assert SelfAssessment.objects.get(system="legal_review").findings == "审核目录未更新，已更新"
    code = "enforcement.three_systems.bodies_completed"
    assert (compute(code, Period.year(2025)).value, compute(code, Period.year(2024)).value) == (1, 0)


def test_rows_breaking_the_rules_are_refused_and_nothing_is_written(users, body):
    result = run(
        f"{BODY},2025,行政执法公示制度,2024-12-31,公示不及时\n"
        f"{BODY},2025,执法全过程记录制度,2025-11-18,\n"
        "T-SCJ-ZD,没有的主体,2025,行政执法公示制度,2025-11-18,问题\n",
        users.justice,
    )

    assert errors(result) == [
        "第2行“自查日期”列：2025年度的自查日期不能早于2025年。",
        "第3行“自查发现的问题及落实情况”列：必填，不能为空。",
        "第4行“执法主体”列：单位“T-SCJ-ZD”没有名为“没有的主体”的执法主体，请先在执法主体台账中登记。",
    ]
    assert not SelfAssessment.objects.exists()


def test_the_api_records_an_assessment_and_refuses_the_same_system_twice(users, body):
    client = APIClient()
    client.force_authenticate(users.justice)
    data = {
        "body": body.pk,
        "year": 2025,
        "system": "publicity",
        "assessed_on": "2025-11-18",
        "findings": "公示不及时",
    }

    made = client.post("/api/enforcement/self-assessments/", data, format="json")
    twice = client.post("/api/enforcement/self-assessments/", data, format="json")

    assert made.status_code == 201, made.data
    assert made.data["system_label"] == "行政执法公示制度"
    assert twice.status_code == 400
    assert "该执法主体本年度已提交此项制度的自查评估。" in str(twice.data)
    assert SelfAssessment.objects.get().assessed_on == dt.date(2025, 11, 18)
