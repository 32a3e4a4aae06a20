"""The reconsideration pages: the docket masks ID numbers, registering and acting go through the services, refusals
come back in Chinese with nothing changed, documents and the platform export download."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.disputes.models import ReconsiderationCase
from fazhi.indicators.registry import Period, evaluate
from tests import factories

from ..conftest import accepted, register

D = dt.date


def test_docket_lists_cases_with_masked_id_numbers(client, users, district):
    case = register(users, district)
    client.force_login(users.reconsideration)
    html = client.get("/disputes/").content.decode()
    assert case.docket_number in html
    assert case.masked_id_code in html
    assert case.applicant_id_code not in html


def test_register_through_the_page(client, users, district):
    client.force_login(users.reconsideration)
    number = factories.id_number()
    data = {
        "received_on": "2025-09-29",
        "channel": "online",
        "applicant_kind": "person",
        "applicant_name": "王某",
        "applicant_id_code": number,
        "respondent": district.scj.pk,
        "contested_act": "责令改正通知书",
        "act_date": "2025-09-01",
        "request": "撤销",
        "procedure": "ordinary",
    }
    response = client.post("/disputes/register/", data)
    case = ReconsiderationCase.objects.get()
    assert response.status_code == 302 and response.url == f"/disputes/{case.pk}/"
    html = client.get(response.url).content.decode()
    assert "澄复〔2025〕1号" in html
    assert "2025年10月13日" in html  # the examination clock across National Day, with its explanation
    assert "调休上班日2025年10月11日" in html


def test_register_with_a_bad_id_number_changes_nothing(client, users, district):
    client.force_login(users.reconsideration)
    data = {
        "received_on": "2025-09-29",
        "channel": "online",
        "applicant_kind": "person",
        "applicant_name": "王某",
        "applicant_id_code": "640303198506150010",
        "respondent": district.scj.pk,
        "contested_act": "x",
        "act_date": "2025-09-01",
        "request": "撤销",
        "procedure": "ordinary",
    }
    response = client.post("/disputes/register/", data)
    assert response.status_code == 400
    assert "身份证号校验码错误" in response.content.decode()
    assert not ReconsiderationCase.objects.exists()


def test_unit_clerk_cannot_register(client, users):
    client.force_login(users.jyj_clerk)
    assert client.post("/disputes/register/", {}).status_code == 403


def test_actions_on_the_case_page(client, users, district):
    case = register(users, district, received_on=D(2025, 3, 3))
    client.force_login(users.reconsideration)
    html = client.get(f"/disputes/{case.pk}/").content.decode()
    assert 'id="action-accept"' in html and 'id="action-refuse"' in html
    response = client.post(
        f"/disputes/{case.pk}/act/accept/", {"accept-on": "2025-03-05", "accept-procedure": "ordinary"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == ReconsiderationCase.Status.ACCEPTED
    # a refused action: decide before hearing opinions (and before the copy was sent: not offered)
    response = client.post(f"/disputes/{case.pk}/act/send_copy/", {"send_copy-on": "2025-03-01"})
    assert response.status_code == 400
    assert "发送申请书副本日期不能早于受理日期" in response.content.decode()
    case.refresh_from_db()
    assert case.status == ReconsiderationCase.Status.ACCEPTED


def test_document_download_and_platform_export(client, users, district):
    case = accepted(users, district)
    client.force_login(users.reconsideration)
    response = client.get(f"/disputes/{case.pk}/documents/acceptance/")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert case.docket_number in text and "受理通知书" in text
    response = client.get(f"/disputes/{case.pk}/documents/decision/")
    assert response.status_code == 400
    response = client.get("/disputes/export/?year=2025&format=csv")
    assert response.status_code == 200 and case.docket_number in response.content.decode("utf-8-sig")


def test_figures_page(client, users, district):
    register(users, district)
    client.force_login(users.leader)
    html = client.get("/disputes/figures/?year=2025").content.decode()
    assert "收到行政复议申请" in html and "听取意见率" in html and "测试区市场监督管理局" in html


def test_figures_page_counts_each_family_once_and_shows_the_figures_evaluated_one_by_one(
    client, users, district, django_assert_max_num_queries
):
    # given three applications in 2025 (two in person, one by mail), one of them accepted
    register(users, district)
    register(users, district, channel=ReconsiderationCase.Channel.MAIL)
    accepted(users, district)
    client.force_login(users.leader)

    # when the figures page is read: siblings share their family's grouped count (52 statements at district scale
    # before, 19 after)
    with django_assert_max_num_queries(22):
        response = client.get("/disputes/figures/?year=2025")

    # then each figure is what the registry computes for it alone
    assert response.status_code == 200
    shown = {r.indicator.code.rsplit(".", 1)[1]: r.figure.value for r in response.context["results"]}
    assert (shown["received"], shown["accepted"]) == (3, 1)
    assert (shown["received_in_person"], shown["received_mail"], shown["received_online"]) == (2, 1, 0)
    scope = district.root
    for code, value in shown.items():
        assert evaluate(f"disputes.reconsideration.{code}", Period.year(2025), scope).figure.value == value, (
            code
        )


def test_other_district_sees_nothing(client, users, district):
    case = register(users, district)
    client.force_login(users.other_justice)
    assert client.get(f"/disputes/{case.pk}/").status_code == 404


def test_workbench_page_shows_the_warning(client, users, district, monkeypatch):
    case = register(users, district, received_on=D(2025, 9, 29))
    clock.freeze(D(2025, 10, 10))
    client.force_login(users.reconsideration)
    html = client.get("/").content.decode()
    assert f"{case.docket_number}受理审查期限即将届满" in html


def test_calculator_page_shows_what_the_command_computes(client, users, db):
    clock.freeze(dt.date(2025, 1, 6))
    client.force_login(users.reconsideration)
    url = reverse("disputes:calculator")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"procedure": "ordinary", "events": "received 2024-09-27\naccepted 2024-10-28\n"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="clock-decision"' in html and "2024-12-09" in html
    assert "视为受理：自2024年10月10日起" in html
    bad = client.post(url, {"procedure": "ordinary", "events": "received 2024-13-01"})
    assert bad.status_code == 400 and "不是有效日期" in bad.content.decode()
    refused = client.post(url, {"procedure": "ordinary", "events": "received 2024-09-27\nrefused 2024-10-11"})
    assert "不能再作出不予受理决定" in refused.content.decode()


# The docket as a list page ---------------------------------------------------------------------------------------


def _docket_numbers(response) -> list[str]:
    return [c.docket_number for c in response.context["cases"]]


def test_docket_searches_filters_sorts_by_the_next_deadline_and_exports_the_rows_kept(
    client, users, district
):
    # given three cases: one accepted (its decision clock runs to 60 days from acceptance), one only received
    # (examination: five working days) and one decided (no deadline left)
    clock.freeze(D(2025, 6, 30))
    waiting = register(users, district, received_on=D(2025, 6, 2), applicant_name="甲某")
    running = accepted(users, district, received_on=D(2025, 5, 6), applicant_name="乙某")
    decided = accepted(
        users, district, received_on=D(2025, 5, 5), applicant_name="丙某", respondent=district.jyj
    )
    ReconsiderationCase.objects.filter(pk=decided.pk).update(status=ReconsiderationCase.Status.DECIDED)
    client.force_login(users.reconsideration)

    # the next deadline first (the copy of the accepted case was due 16 May, the examination of the other 9 June:
    # both overdue), a case without one last
    response = client.get("/disputes/")
    assert _docket_numbers(response) == [running.docket_number, waiting.docket_number, decided.docket_number]
    html = response.content.decode()
    assert "共 <strong>3</strong> 项" in html and "已逾期" in html and "受理审查期限" in html
    assert (
        'href="/disputes/register/"' in html and 'id="register"' not in html
    )  # the form is a page of its own

    # a search, a filter, sorting and the export of exactly the rows kept
    assert _docket_numbers(client.get("/disputes/", {"q": "乙某"})) == [running.docket_number]
    only_scj = client.get("/disputes/", {"unit": district.scj.pk, "sort": "-received"})
    assert _docket_numbers(only_scj) == [waiting.docket_number, running.docket_number]
    assert _docket_numbers(client.get("/disputes/", {"overdue": "1"})) == [
        running.docket_number,
        waiting.docket_number,
    ]
    assert _docket_numbers(client.get("/disputes/", {"due_before": "2025-06-01"})) == [running.docket_number]
    export = client.get("/disputes/", {"unit": district.scj.pk, "sort": "-received", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("案号", "申请人")
    assert [r[0] for r in rows[1:]] == [waiting.docket_number, running.docket_number]
    assert rows[1][7] == dt.datetime(2025, 6, 9) and rows[1][8] == "受理审查期限"

    # bad input: a Chinese message and 400, never a 500
    bad = client.get("/disputes/", {"page": "9", "sort": "nope"})
    assert bad.status_code == 400
    assert "页码应为1到1之间的整数" in bad.content.decode() and "不能按“nope”排序" in bad.content.decode()


def test_the_registration_page_opens_for_the_office_only(client, users):
    client.force_login(users.reconsideration)
    html = client.get("/disputes/register/").content.decode()
    assert "登记行政复议申请" in html and 'name="applicant_name"' in html
    client.force_login(users.jyj_clerk)
    assert client.get("/disputes/register/").status_code == 403
