"""The oversight pages: the item list with overdue items highlighted and filters, opening an item for any registered
source by its address (once: the item then shows on the source's snippet and in the list), the item page with its
source and transitions (the unit's own sign-off refused with 403), inspections and the task ledger with progress
reporting and the circular download."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import openpyxl
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from fazhi.core import clock
from fazhi.enforcement import services as clue_service
from fazhi.enforcement.models import SupervisionClue
from fazhi.oversight import services
from fazhi.oversight.models import Inspection, RectificationItem, TaskPlan
from fazhi.oversight.selectors import inspections as inspection_selectors
from fazhi.oversight.selectors import task_plans as task_selectors
from fazhi.oversight.services import task_plans as tasks

from ..conftest import upload

D = dt.date
S = RectificationItem.Status


@pytest.fixture(autouse=True)
def today(monkeypatch):
    clock.freeze(D(2024, 8, 20))


def login(client, user):
    client.force_login(user)
    return client


def test_item_list_highlights_overdue_and_filters(client, users, district, item, clue):
    services.open_item(actor=users.justice, source=clue, opened_on=D(2024, 8, 1), deadline=D(2024, 9, 30))
    page = login(client, users.justice).get(reverse("oversight:items"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="item is-overdue"') == 1
    assert "逾期14日" in html
    assert "逾期未整改 1 项" in html
    only = client.get(reverse("oversight:items"), {"overdue": "1"}).content.decode()
    assert only.count('class="item') == 1
    by_kind = client.get(reverse("oversight:items"), {"kind": "clue"}).content.decode()
    assert by_kind.count('class="item') == 1 and "执法监督线索" in by_kind


def test_other_unit_does_not_see_the_item(client, users, item):
    login(client, users.jyj_clerk)
    assert 'class="item' not in client.get(reverse("oversight:items")).content.decode()
    assert client.get(reverse("oversight:item", args=[item.pk])).status_code == 404


def test_open_item_from_a_clue_by_its_address_and_the_snippet_shows_it_once(client, users, district, clue):
    url = reverse("oversight:open_item") + f"?source=enforcement.supervisionclue:{clue.pk}"
    login(client, users.justice)
    page = client.get(url)
    assert page.status_code == 200
    assert "执法人员检查时未出示执法证件" in page.content.decode()
    response = client.post(
        url, {"organization": district.scj.pk, "opened_on": "2024-06-20", "measures": "约谈"}
    )
    item = RectificationItem.objects.get()
    assert response.status_code == 302 and response.url == reverse("oversight:item", args=[item.pk])
    assert (item.source, item.deadline, item.measures) == (clue, D(2024, 9, 20), "约谈")
    # opening again leads to the same item, not a second one
    assert client.get(url).url == reverse("oversight:item", args=[item.pk])
    assert RectificationItem.objects.count() == 1
    # the source's snippet and the ledger list each show it once
    request = RequestFactory().get("/")
    request.user = users.scj_clerk
    snippet = Template("{% load oversight %}{% rectification_items clue %}").render(
        Context({"request": request, "clue": clue})
    )
    assert snippet.count('class="rectification-item') == 1
    assert reverse("oversight:item", args=[item.pk]) in snippet
    listing = client.get(reverse("oversight:items")).content.decode()
    assert listing.count(f'data-id="{item.pk}"') == 1


def test_snippet_offers_to_open_an_item_where_none_exists(users, clue):
    request = RequestFactory().get("/")
    request.user = users.justice
    html = Template("{% load oversight %}{% rectification_items clue %}").render(
        Context({"request": request, "clue": clue})
    )
    assert "尚未建立整改事项" in html
    assert f"source=enforcement.supervisionclue%3A{clue.pk}" in html


def test_snippet_says_an_item_exists_to_a_user_who_may_not_see_it(users, district, clue):
    """The item is the market bureau's: the education bureau's clerk is not told there is none, nor offered another."""
    services.open_item(
        actor=users.justice,
        source=clue,
        organization=district.scj,
        opened_on=D(2024, 8, 1),
        deadline=D(2024, 9, 30),
    )
    request = RequestFactory().get("/")
    request.user = users.jyj_clerk
    html = Template(
        "{% load oversight %}{% rectification_items clue %}{% rectification_status clue %}"
    ).render(Context({"request": request, "clue": clue}))
    assert "尚未建立整改事项" not in html and "建立整改事项</a>" not in html
    assert "已建立整改事项，由整改单位办理（不在您的查看范围内）。" in html
    assert "已建立整改事项（不在您的查看范围内）" in html


def test_unknown_source_address_is_404(client, users):
    login(client, users.justice)
    assert client.get(reverse("oversight:open_item") + "?source=core.organization:1").status_code == 404


def test_unit_rectifies_with_evidence_and_cannot_sign_off_itself_on_the_pages(client, users, item):
    login(client, users.scj_clerk)
    page = client.get(reverse("oversight:item", args=[item.pk])).content.decode()
    assert "行政执法案卷未按规定归档" in page and 'id="sign-off"' not in page
    client.post(reverse("oversight:start", args=[item.pk]))
    refused = client.post(
        reverse("oversight:rectify", args=[item.pk]),
        {"rectification": "已整改", "rectified_on": "2024-08-01"},
    )
    assert refused.status_code == 400 and "佐证材料" in refused.content.decode()
    done = client.post(
        reverse("oversight:rectify", args=[item.pk]),
        {
            "rectification": "已整理归档",
            "rectified_on": "2024-08-01",
            "files": [upload("a.pdf"), upload("b.pdf")],
        },
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == S.RECTIFIED and item.evidence.count() == 2
    own = client.post(reverse("oversight:sign_off", args=[item.pk]), {"signed_off_on": "2024-08-05"})
    assert own.status_code == 403
    item.refresh_from_db()
    assert item.status == S.RECTIFIED
    evidence = item.evidence.first()
    download = client.get(reverse("oversight:evidence", args=[item.pk, evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"
    client.logout()
    login(client, users.justice)
    assert (
        client.post(
            reverse("oversight:sign_off", args=[item.pk]), {"signed_off_on": "2024-08-05"}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.status == S.SIGNED_OFF
    check = client.post(
        reverse("oversight:check", args=[item.pk]),
        {"result": "reopen", "checked_on": "2024-08-20", "note": "反弹"},
    )
    assert check.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reopen_count) == (S.IN_PROGRESS, 1)


def test_escalate_button_only_past_the_threshold(client, users, item, monkeypatch):
    login(client, users.justice)
    assert 'id="escalate"' not in client.get(reverse("oversight:item", args=[item.pk])).content.decode()
    clock.freeze(D(2024, 9, 5))
    assert 'id="escalate"' in client.get(reverse("oversight:item", args=[item.pk])).content.decode()
    assert client.post(reverse("oversight:escalate", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.escalated_on == D(2024, 9, 5)


def test_register_inspection_and_record_a_finding_on_the_pages(client, users, district):
    login(client, users.justice)
    response = client.post(
        reverse("oversight:inspections"),
        {
            "kind": "patrol",
            "title": "依托巡察督察",
            "held_on": "2024-08-10",
            "organization": district.sfj.pk,
            "units": [district.jyj.pk, district.town.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response.url == reverse("oversight:inspection", args=[inspection.pk])
    refused = client.post(
        reverse("oversight:add_finding", args=[inspection.pk]), {"organization": district.scj.pk, "text": "x"}
    )
    assert refused.status_code == 400
    client.post(
        reverse("oversight:add_finding", args=[inspection.pk]),
        {"organization": district.jyj.pk, "text": "学法计划未落实"},
    )
    finding = inspection.findings.get()
    assert services.item_of(finding).organization == district.jyj
    page = client.get(reverse("oversight:inspection", args=[inspection.pk])).content.decode()
    assert "学法计划未落实" in page and "待整改" in page


def test_plan_task_progress_and_circular_download(client, users, district):
    login(client, users.justice)
    client.post(
        reverse("oversight:plans"),
        {
            "title": "提升工程",
            "kind": "project",
            "year": 2024,
            "organization": district.sfj.pk,
            "issued_on": "2024-03-01",
        },
    )
    plan = TaskPlan.objects.get()
    client.post(
        reverse("oversight:add_task", args=[plan.pk]),
        {
            "number": "1",
            "title": "清理文件",
            "lead_unit": district.scj.pk,
            "deadline": "2024-06-30",
            "milestones": "完成方案制定 2024-04-30\n完成清理 2024-06-15",
        },
    )
    task = plan.tasks.get()
    assert list(task.milestones.values_list("title", "due_on")) == [
        ("完成方案制定", D(2024, 4, 30)),
        ("完成清理", D(2024, 6, 15)),
    ]
    client.logout()
    login(client, users.scj_clerk)
    response = client.post(
        reverse("oversight:report_progress", args=[task.pk]),
        {"reported_on": "2024-06-28", "percent": 100, "text": "已完成", "evidence": upload("清单.pdf")},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.completed_on == D(2024, 6, 28)
    report = task.reports.get()
    assert report.evidence.read() == b"%PDF-1.4 evidence"
    params = {"start": "2024-03-01", "end": "2024-06-30", "fmt": "xlsx"}
    download = client.get(reverse("oversight:circular", args=[plan.pk]), params)
    assert download.status_code == 200, download.content.decode()[-3000:]
    rows = list(
        openpyxl.load_workbook(io.BytesIO(download.content))["按单位"].iter_rows(min_row=4, values_only=True)
    )
    assert rows == [("测试区市场监督管理局", 1, 1, 1, 1, 0, 0), ("合计", 1, 1, 1, 1, 0, 0)]
    params["fmt"] = "docx"
    document = docx.Document(
        io.BytesIO(client.get(reverse("oversight:circular", args=[plan.pk]), params).content)
    )
    assert document.paragraphs[0].text == "关于2024年提升工程任务进展情况的通报"


def test_leader_sees_but_cannot_change(client, users, item):
    login(client, users.leader)
    assert client.get(reverse("oversight:item", args=[item.pk])).status_code == 200
    assert client.post(reverse("oversight:start", args=[item.pk])).status_code == 403
    assert task_selectors.plans_for(users.leader).count() == 0
    assert inspection_selectors.inspections_for(users.leader).count() == 1


def plan_and_task(users, lead_unit):
    """The Justice Bureau's plan 八大行动 with task 1, led by `lead_unit`, due 2024-09-30."""
    plan = tasks.create_plan(
        actor=users.justice,
        title="八大行动",
        year=2024,
        organization=users.justice.organization,
        issued_on=D(2024, 3, 1),
    )
    task = tasks.add_task(
        actor=users.justice, plan=plan, number="1", title="任务", lead_unit=lead_unit, deadline=D(2024, 9, 30)
    )
    return plan, task


def test_every_page_opens_for_every_role(client, users, item):
    plan, task = plan_and_task(users, item.organization)
    inspection = item.source.inspection
    for user in (users.justice, users.scj_clerk, users.leader):
        client.force_login(user)
        for url in (
            reverse("oversight:items"),
            reverse("oversight:item", args=[item.pk]),
            reverse("oversight:inspections"),
            reverse("oversight:inspection", args=[inspection.pk]),
            reverse("oversight:plans"),
        ):
            assert client.get(url).status_code == 200, (user.username, url)
    client.force_login(users.supervisor)  # the enforcement supervisor sees its own unit's items only
    assert client.get(reverse("oversight:items")).status_code == 200
    assert client.get(reverse("oversight:item", args=[item.pk])).status_code == 404
    client.force_login(users.scj_clerk)
    assert client.get(reverse("oversight:plan", args=[plan.pk])).status_code == 200
    assert client.get(reverse("oversight:task", args=[task.pk])).status_code == 200


def test_the_progress_form_shows_only_to_whoever_may_report(client, users, district):
    plan, task = plan_and_task(users, district.scj)
    page = reverse("oversight:task", args=[task.pk])
    action = reverse("oversight:report_progress", args=[task.pk])
    # the lead unit and the plan's unit see the form
    for user in (users.scj_clerk, users.justice):
        client.force_login(user)
        html = client.get(page).content.decode()
        assert "报送进展</h2>" in html and f'action="{action}"' in html, user.username
    # a leader reads the task but sees no form, and its post is refused in the rule's words
    client.force_login(users.leader)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "报送进展</h2>" not in html and action not in html
    refused = client.post(action, {"reported_on": "2024-08-01", "percent": 10, "text": "进展"})
    assert refused.status_code == 403
    assert "只有任务“1”的牵头单位、配合单位或督办机构可以报送进展。" in refused.content.decode()
    assert task.reports.count() == 0


def test_the_ledger_puts_open_items_by_deadline_first_and_closed_items_last(client, users, district):
    # given (today 2024-08-20) two open items, one overdue, and two closed ones with older deadlines
    def opened(number, deadline, status=S.PENDING):
        clue = clue_service.register_clue(
            actor=users.supervisor,
            source=SupervisionClue.Source.HOTLINE,
            external_number=number,
            received_on=D(2024, 6, 11),
            organization=district.scj,
            content=f"线索{number}",
        )
        item = services.open_item(
            actor=users.justice, source=clue, opened_on=D(2024, 6, 20), deadline=deadline
        )
        RectificationItem.objects.filter(pk=item.pk).update(
            status=status
        )  # set up as closed, not a transition
        return item.pk

    consolidated = opened("1", D(2024, 6, 30), S.CONSOLIDATED)
    later = opened("2", D(2024, 9, 30))
    overdue = opened("3", D(2024, 8, 1), S.IN_PROGRESS)
    signed_off = opened("4", D(2024, 7, 15), S.SIGNED_OFF)
    login(client, users.justice)

    def order(**params):
        html = client.get(reverse("oversight:items"), params).content.decode()
        return [int(pk) for pk in re.findall(r'class="item[^"]*" data-id="(\d+)"', html)]

    # the default order: open items by deadline, overdue first; closed items last
    assert order() == [overdue, later, consolidated, signed_off]
    assert order(sort="deadline") == [overdue, later, consolidated, signed_off]
    # sorted the other way, the closed items still come last
    assert order(sort="-deadline") == [later, overdue, signed_off, consolidated]
    # another column still sorts
    assert order(sort="-item") == [signed_off, overdue, later, consolidated]
