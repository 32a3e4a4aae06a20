"""No leak across units: each path the probe found, as the unit that must not see the other units' records."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.core import clock
from fazhi.disputes import services as dispute_services
from fazhi.disputes.models import ReconsiderationCase
from fazhi.oversight.models import Inspection
from fazhi.oversight.services import inspections, task_plans
from tests import factories

D = dt.date


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2025, 6, 30))


@pytest.fixture
def inspection(users, district):
    inspection = inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.RULE_OF_LAW,
        title="2025年度法治政府建设督察",
        held_on=D(2025, 5, 6),
        organization=district.sfj,
        units=[district.jyj, district.scj],
    )
    for org, text in ((district.jyj, "教育局问题甲"), (district.scj, "市场局问题乙")):
        inspections.add_finding(actor=users.justice, inspection=inspection, organization=org, text=text)
    return inspection


def test_api_inspection_shows_an_inspected_unit_only_its_own_findings(client, users, inspection):
    client.force_login(users.jyj_clerk)
    data = client.get("/api/oversight/inspections/").json()
    texts = [f["text"] for row in data["results"] for f in row["findings"]]
    assert texts == ["教育局问题甲"]
    detail = client.get(f"/api/oversight/inspections/{inspection.pk}/").json()
    assert [f["text"] for f in detail["findings"]] == ["教育局问题甲"]
    # the organiser sees both
    client.force_login(users.justice)
    detail = client.get(f"/api/oversight/inspections/{inspection.pk}/").json()
    assert sorted(f["text"] for f in detail["findings"]) == ["市场局问题乙", "教育局问题甲"]


def test_inspection_page_shows_an_inspected_unit_only_its_own_findings(client, users, inspection):
    client.force_login(users.jyj_clerk)
    html = client.get(f"/oversight/inspections/{inspection.pk}/").content.decode()
    assert "教育局问题甲" in html and "市场局问题乙" not in html


def test_circular_lists_a_unit_only_its_own_tasks(client, users, district):
    plan = task_plans.create_plan(
        actor=users.justice,
        title="2025年法治政府建设工作要点",
        year=2025,
        organization=district.sfj,
        issued_on=D(2025, 3, 1),
    )
    task_plans.add_task(
        actor=users.justice,
        plan=plan,
        number="1",
        title="教育局任务甲",
        lead_unit=district.jyj,
        deadline=D(2025, 12, 31),
    )
    task_plans.add_task(
        actor=users.justice,
        plan=plan,
        number="2",
        title="市场局任务乙",
        lead_unit=district.scj,
        deadline=D(2025, 12, 31),
    )

    def circular(user) -> str:
        client.force_login(user)
        response = client.get(
            f"/oversight/plans/{plan.pk}/circular/",
            {"start": "2025-03-01", "end": "2025-06-30", "fmt": "docx"},
        )
        assert response.status_code == 200, response.content[:500]
        doc = Document(io.BytesIO(response.content))
        return "\n".join(
            [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        )

    text = circular(users.jyj_clerk)
    assert "教育局任务甲" in text and "市场局任务乙" not in text and "测试区市场监督管理局" not in text
    text = circular(users.justice)
    assert "教育局任务甲" in text and "市场局任务乙" in text


def test_dispute_figures_are_not_the_district_totals_for_a_unit(client, users, district):
    for n in range(3):
        dispute_services.register_case(
            actor=users.reconsideration,
            organization=district.sfj,
            channel=ReconsiderationCase.Channel.IN_PERSON,
            received_on=D(2025, 3, 3 + n),
            applicant_kind=ReconsiderationCase.ApplicantKind.PERSON,
            applicant_name="张某",
            applicant_id_code=factories.id_number(),
            respondent=district.scj,
            contested_act=f"澄市监罚〔2025〕{n + 7}号行政处罚决定",
            act_date=D(2025, 2, 10),
            request="撤销该行政处罚决定",
            facts="申请人认为处罚事实不清",
        )
    client.force_login(users.reconsideration)
    office = client.get("/disputes/figures/", {"year": 2025})
    assert office.status_code == 200
    assert office.context["results"][0].figure.value == 3
    client.force_login(users.jyj_clerk)
    unit = client.get("/disputes/figures/", {"year": 2025})
    assert unit.status_code == 200
    assert unit.context["results"][0].figure.value == 0
    assert unit.context["by_respondent"] == []
    assert "测试区市场监督管理局" not in unit.content.decode()


def test_people_api_does_not_tell_whether_an_id_number_is_registered_in_another_unit(client, users, district):
    elsewhere = factories.person(district.scj, name="市场局某")
    client.force_login(users.jyj_clerk)
    taken = client.post(
        "/api/people/",
        {"name": "探测", "id_number": elsewhere.id_number, "organization": "T-JYJ"},
        content_type="application/json",
    )
    assert taken.status_code == 400
    body = taken.content.decode()
    assert "已存在" not in body and "市场" not in body and str(elsewhere.pk) not in body
    assert "无法在本单位登记" in body
