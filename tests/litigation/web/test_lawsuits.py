"""The litigation pages: the list (IDs masked, the year's figures), registration, a lawsuit's timeline with the
deadline explained, each step through its form, refusals shown in Chinese with nothing changed; the meetings page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.litigation import services
from fazhi.litigation.models import Hearing, Lawsuit, LiaisonMeeting

from ..conftest import PLAINTIFF_ID, judge, lawsuit_fields

pytestmark = pytest.mark.django_db


def test_list_masks_plaintiff_ids_and_shows_the_years_figures(client, users, lawsuit):
    client.force_login(users.reconsideration)
    response = client.get(reverse("litigation:lawsuits") + "?year=2024")
    html = response.content.decode()
    assert response.status_code == 200
    assert "（2024）宁0303行初12号" in html
    assert PLAINTIFF_ID not in html and PLAINTIFF_ID[:6] + "********" + PLAINTIFF_ID[-4:] in html
    received = next(
        r for r in response.context["results"] if r.indicator.code == "litigation.lawsuits.received"
    )
    assert received.figure.value == 1
    assert response.context["departments"][0]["count"] == 1


def test_the_lists_figures_are_read_from_their_snapshots_with_the_time_computed(client, users, lawsuit):
    from fazhi.indicators.models import FigureSnapshot

    client.force_login(users.reconsideration)
    first = client.get(reverse("litigation:lawsuits") + "?year=2024")
    # the first view computed and kept them; a later view shows what is kept, not a recomputation
    FigureSnapshot.objects.filter(year=2024, code="litigation.lawsuits.received").update(value="7")
    again = client.get(reverse("litigation:lawsuits") + "?year=2024")

    received = [r for r in again.context["results"] if r.indicator.code == "litigation.lawsuits.received"]
    assert received[0].figure.value == 7
    assert "数据计算于" in first.content.decode() and 'id="computed-at"' in again.content.decode()


def test_list_filters_submit_without_inline_handlers(client, users, lawsuit):
    # the figures' year submits through static/fazhi/lists.js (data-autosubmit), with a button without JS; the
    # list's own search and filters are a form with a 查询 button
    client.force_login(users.reconsideration)
    html = client.get(reverse("litigation:lawsuits") + "?year=2024").content.decode()
    assert "onchange=" not in html and "onclick=" not in html
    assert html.count("data-autosubmit") == 1
    assert html.count('<noscript><button class="btn" type="submit">查看</button></noscript>') == 1
    assert 'class="list-tools"' in html


def test_registering_a_lawsuit_on_the_page(client, users, district):
    client.force_login(users.reconsideration)
    data = {
        "court": "测试区人民法院",
        "case_number": "（2024）宁0303行初20号",
        "instance": "first",
        "plaintiff_kind": "person",
        "plaintiff_name": "王五",
        "plaintiff_id_number": PLAINTIFF_ID,
        "defendant": district.scj.pk,
        "responsible_department": district.scj.pk,
        "cause": "行政处罚",
        "served_on": "2024-09-20",
    }
    response = client.post(reverse("litigation:lawsuits"), data)
    lawsuit = Lawsuit.objects.get()
    assert response.status_code == 302 and response.url == reverse("litigation:detail", args=[lawsuit.pk])
    page = client.get(response.url).content.decode()
    assert "已登记，答辩期限为2024年10月08日。" in page
    assert "答辩期限：2024年10月8日" in page and "顺延" in page
    # a wrong ID number: refused on the form, nothing registered
    bad = client.post(
        reverse("litigation:lawsuits"), {**data, "case_number": "x1", "plaintiff_id_number": "123"}
    )
    assert bad.status_code == 400 and "身份证号应为18位" in bad.content.decode()
    assert Lawsuit.objects.count() == 1


def test_steps_on_the_page_and_refusals(client, users, lawsuit, head):
    client.force_login(users.jyj_clerk)
    url = reverse("litigation:detail", args=[lawsuit.pk])
    assert (
        client.post(
            reverse("litigation:defence", args=[lawsuit.pk]), {"submitted_on": "2024-09-30"}
        ).status_code
        == 302
    )
    refused = client.post(
        reverse("litigation:hearing", args=[lawsuit.pk]), {"held_on": "2024-11-01", "lawyer": "某律师"}
    )
    assert refused.status_code == 400 and "须向法院提交加盖行政机关印章的书面说明" in refused.content.decode()
    assert not Hearing.objects.exists()
    ok = client.post(
        reverse("litigation:hearing", args=[lawsuit.pk]),
        {"held_on": "2024-11-01", "head_appeared": "on", "head": head.pk},
    )
    assert ok.status_code == 302
    client.post(
        reverse("litigation:judgment", args=[lawsuit.pk]), {"outcome": "revoked", "judged_on": "2024-12-02"}
    )
    client.post(
        reverse("litigation:effective", args=[lawsuit.pk]),
        {"effective_on": "2024-12-18", "performance_due": ""},
    )
    client.post(
        reverse("litigation:performance", args=[lawsuit.pk]),
        {"performed_on": "2025-01-06", "note": "已重新答复"},
    )
    lawsuit.refresh_from_db()
    assert (lawsuit.status, lawsuit.outcome, lawsuit.performed_on) == (
        "closed",
        "revoked",
        dt.date(2025, 1, 6),
    )
    page = client.get(url).content.decode()
    assert "许局长（局长）出庭应诉" in page and "已重新答复" in page
    # the department's own clerk may turn the lost case into a clue about the department; the reconsideration
    # staff, whose enforcement scope is the Justice Bureau only, is not offered the form
    assert 'id="clue"' in page
    client.force_login(users.reconsideration)
    assert 'id="clue"' not in client.get(url).content.decode()


def test_justice_bureau_opens_the_clue_in_one_click(client, users, lawsuit, head):
    judge(users.reconsideration, lawsuit, head, "illegal")
    client.force_login(users.justice)
    page = client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
    assert 'id="clue"' in page
    response = client.post(reverse("litigation:clue", args=[lawsuit.pk]), {"received_on": "2024-12-05"})
    assert response.status_code == 302
    assert enforcement_selectors.clue_for(lawsuit).received_on == dt.date(2024, 12, 5)
    assert (
        "已转为执法监督线索" in client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
    )


def test_other_units_and_districts_cannot_open_the_lawsuit(client, users, lawsuit):
    client.force_login(users.scj_clerk)
    assert client.get(reverse("litigation:detail", args=[lawsuit.pk])).status_code == 404
    client.force_login(users.leader)
    page = client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
    assert 'id="readonly-note"' in page and 'id="defence"' not in page
    assert (
        client.post(
            reverse("litigation:defence", args=[lawsuit.pk]), {"submitted_on": "2024-09-30"}
        ).status_code
        == 403
    )


def test_meetings_page_records_a_meeting(client, users, district):
    client.force_login(users.justice)
    response = client.post(
        reverse("litigation:meetings"),
        {
            "held_on": "2025-04-24",
            "kind": "court",
            "title": "府院联席会议",
            "organization": district.sfj.pk,
            "participants": "区政府、区法院",
            "topics": "行政争议化解",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("litigation:meetings") + "?year=2025").content.decode()
    assert "府院联席会议" in page and "2025年府院、府检联动会议：<strong>1次</strong>" in page
    assert LiaisonMeeting.objects.count() == 1


def test_list_searches_filters_sorts_by_the_next_deadline_and_exports_the_rows_kept(client, users, district):
    # given a lawsuit awaiting its defence (due 8 October 2024) and one whose defence is in (no deadline left)
    waiting = services.register_lawsuit(actor=users.reconsideration, **lawsuit_fields(district))
    defended = services.register_lawsuit(
        actor=users.reconsideration,
        **lawsuit_fields(
            district,
            case_number="（2024）宁0303行初30号",
            plaintiff_name="李四",
            defendant=district.scj,
            responsible_department=district.scj,
            filed_on=dt.date(2024, 8, 1),
            served_on=dt.date(2024, 8, 5),
        ),
    )
    services.submit_defence(actor=users.reconsideration, lawsuit=defended, submitted_on=dt.date(2024, 8, 12))
    client.force_login(users.reconsideration)
    url = reverse("litigation:lawsuits")

    response = client.get(url)
    assert [s.pk for s in response.context["lawsuits"]] == [waiting.pk, defended.pk]
    html = response.content.decode()
    assert "提交答辩状" in html and 'href="/litigation/register/"' in html and 'id="register"' not in html
    assert [s.pk for s in client.get(url, {"q": "李四"}).context["lawsuits"]] == [defended.pk]
    assert [s.pk for s in client.get(url, {"unit": district.jyj.pk}).context["lawsuits"]] == [waiting.pk]
    assert [s.pk for s in client.get(url, {"sort": "served"}).context["lawsuits"]] == [
        defended.pk,
        waiting.pk,
    ]
    assert [s.pk for s in client.get(url, {"due_before": "2024-10-09"}).context["lawsuits"]] == [waiting.pk]
    export = client.get(url, {"status": "defended", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "案号" and [r[0] for r in rows[1:]] == ["（2024）宁0303行初30号"]
    assert client.get(url, {"status": "nope"}).status_code == 400


def test_the_registration_page_searches_first_instances_and_reconsideration_cases(client, users, lawsuit):
    client.force_login(users.reconsideration)
    html = client.get(reverse("litigation:register")).content.decode()
    assert 'data-autocomplete="/choices/litigation-first-instances/"' in html
    assert 'data-autocomplete="/choices/litigation-reconsideration-cases/"' in html
    assert "<select" not in html.split('name="first_instance"')[0].rsplit("<label", 1)[-1]
    found = client.get("/choices/litigation-first-instances/", {"q": "张三"}).json()["results"]
    assert found == [{"id": lawsuit.pk, "label": "（2024）宁0303行初12号（张三诉测试区教育局）"}]
    # a unit that may not see the lawsuit is offered nothing
    client.force_login(users.scj_clerk)
    assert client.get("/choices/litigation-first-instances/", {"q": "张三"}).json()["results"] == []


def test_meetings_list_searches_filters_sorts_pages_and_exports_the_rows_kept(client, users, district):
    # given three meetings: two with the court, one with the procuratorate
    for held, kind, title in [
        (dt.date(2024, 4, 25), "court", "2024年府院联席会议"),
        (dt.date(2025, 4, 24), "court", "2025年府院联席会议"),
        (dt.date(2025, 6, 18), "procuratorate", "府检联动推进会"),
    ]:
        services.record_meeting(
            actor=users.justice,
            held_on=held,
            kind=kind,
            title=title,
            organization=district.sfj,
            participants="区政府、区法院、区检察院",
            topics="行政争议化解",
        )
    client.force_login(users.justice)
    url = reverse("litigation:meetings")

    # newest first, with the total
    response = client.get(url)
    html = response.content.decode()
    assert [m.title for m in response.context["meetings"]] == [
        "府检联动推进会",
        "2025年府院联席会议",
        "2024年府院联席会议",
    ]
    assert "共 <strong>3</strong> 项" in html and 'href="?sort=held"' in html
    # a kind and a word, sorted oldest first: the export holds exactly the rows kept, in that order
    kept = client.get(url, {"kind": "court", "q": "联席", "sort": "held"})
    assert [m.title for m in kept.context["meetings"]] == ["2024年府院联席会议", "2025年府院联席会议"]
    assert "符合条件的共 <strong>2</strong> 项（全部 3 项）" in kept.content.decode()
    sheet = load_workbook(
        io.BytesIO(client.get(url, {"kind": "court", "q": "联席", "sort": "held", "export": "xlsx"}).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("会议日期", "类型", "会议名称", "召集单位")
    assert [r[2] for r in rows[1:]] == ["2024年府院联席会议", "2025年府院联席会议"]
    # the year held
    assert [m.title for m in client.get(url, {"year": "2024"}).context["meetings"]] == ["2024年府院联席会议"]
