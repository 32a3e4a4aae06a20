"""The enforcement list pages as clerks use them: search, filters, sorting with the due date first, pages with the
total, an export of exactly the rows kept, query counts that do not grow with the rows; and the batch actions
(批量交办 of clues, 批量审验 of certificates) run through the services, a refused row named with the rule's message."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import ClueStep, SupervisionClue

pytestmark = pytest.mark.django_db
D = dt.date


def clue(users, unit, content, received_on, **fields):
    return services.register_clue(
        actor=users.supervisor,
        source="complaint",
        organization=unit,
        content=content,
        received_on=received_on,
        **fields,
    )


def sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


@pytest.fixture
def clues(users, district):
    clock.freeze(D(2025, 6, 30))
    late = clue(users, district.scj, "执法人员未出示证件", D(2025, 5, 6))  # due 2025-05-27: overdue on 6-30
    soon = clue(users, district.scj, "重复检查企业", D(2025, 6, 20), external_number="12345-0620")
    other = clue(users, district.jyj, "培训机构检查扰民", D(2025, 6, 25))
    done = clue(users, district.scj, "罚款未开票据", D(2025, 3, 3))
    services.start_handling(actor=users.supervisor, clue=done, note="转执法大队核查")
    services.close_clue(actor=users.supervisor, clue=done, result="已责令改正", handled_on=D(2025, 3, 20))
    return [late, soon, other, done]


def test_the_clue_list_sorts_open_clues_by_due_date_overdue_first_and_closed_last(client, users, clues):
    client.force_login(users.supervisor)
    clock.freeze(D(2025, 6, 30))
    response = client.get(reverse("enforcement:clues"))
    html = response.content.decode()
    order = [html.index(c.content) for c in clues]
    assert order[0] < order[1] < order[2] < order[3]  # due 5-27 (overdue), 7-11, 7-16, then the closed one
    assert "共 <strong>4</strong> 项" in html
    assert html.count("已超期") == 1


def test_the_clue_list_searches_filters_and_exports_exactly_the_rows_kept(client, users, district, clues):
    client.force_login(users.supervisor)
    url = reverse("enforcement:clues")
    clock.freeze(D(2025, 6, 30))
    html = client.get(url, {"q": "12345-0620"}).content.decode()
    assert "重复检查企业" in html and "执法人员未出示证件" not in html
    html = client.get(url, {"overdue": "1"}).content.decode()
    assert "执法人员未出示证件" in html and "重复检查企业" not in html
    html = client.get(url, {"unit": district.jyj.pk}).content.decode()
    assert "培训机构检查扰民" in html and "重复检查企业" not in html
    rows = sheet(client.get(url, {"unit": district.scj.pk, "status": "registered", "export": "xlsx"}))
    assert rows[0] == [
        "线索内容",
        "来源编号",
        "线索来源",
        "承办单位",
        "涉及执法主体",
        "受理日期",
        "办理期限",
        "状态",
    ]
    assert [r[0] for r in rows[1:]] == ["执法人员未出示证件", "重复检查企业"]
    assert rows[2][1:4] == ["12345-0620", "投诉举报", "测试区市场监督管理局"]


def test_bad_list_input_is_answered_in_chinese_with_400(client, users, clues):
    client.force_login(users.supervisor)
    for params, words in (
        ({"sort": "nope"}, "不能按“nope”排序"),
        ({"page": "9"}, "页码应为1到1之间的整数"),
        ({"due_before": "2025-13-01"}, "不是有效的日期"),
        ({"status": "lost"}, "没有“lost”这一项"),
    ):
        response = client.get(reverse("enforcement:clues"), params)
        assert response.status_code == 400 and words in response.content.decode()


def test_the_clue_list_pages_and_its_query_count_does_not_grow_with_rows(
    client, users, district, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(55):
        clue(users, district.scj, f"线索{i:02d}", D(2025, 6, 2), external_number=f"N{i:02d}")
    client.force_login(users.supervisor)
    clock.freeze(D(2025, 6, 30))
    with django_assert_max_num_queries(40):
        first = client.get(reverse("enforcement:clues")).content.decode()
    assert "共 <strong>55</strong> 项，第 1/2 页" in first and first.count('class="clue-row') == 50
    second = client.get(reverse("enforcement:clues"), {"page": 2}).content.decode()
    assert second.count('class="clue-row') == 5


def test_clues_can_be_given_to_any_unit_that_handles_them_but_not_a_court(users, district):
    units = set(selectors.clue_units(users.supervisor))
    assert {district.sfj, district.scj, district.team, district.town, district.root} <= units
    assert district.court not in units and district.other_dept not in units
    assert set(selectors.clue_units(users.scj_clerk)) == {district.scj}
    with pytest.raises(Exception, match="不能承办执法监督线索"):
        clue(users, district.court, "法院线索", D(2025, 6, 2))


def test_batch_assignment_goes_through_the_service_and_names_the_refused_clue(client, users, district, clues):
    late, soon, _other, done = clues
    client.force_login(users.supervisor)
    clock.freeze(D(2025, 6, 30))
    response = client.post(
        reverse("enforcement:assign_clues"),
        {"ids": [late.pk, soon.pk, done.pk], "organization": district.town.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "已交办测试区莲花镇2项，1项未交办测试区莲花镇。" in html
    assert "线索“罚款未开票据”：线索处于“已办结”状态，只有已登记、尚未开始办理的线索可以交办。" in html
    assert set(
        SupervisionClue.objects.filter(organization=district.town).values_list("content", flat=True)
    ) == {
        "执法人员未出示证件",
        "重复检查企业",
    }
    done.refresh_from_db()
    assert done.organization == district.scj


def test_batch_assignment_refuses_a_court_and_an_empty_tick_with_400(client, users, district, clues):
    client.force_login(users.supervisor)
    url = reverse("enforcement:assign_clues")
    response = client.post(url, {"ids": [clues[0].pk], "organization": district.court.pk})
    assert response.status_code == 400 and "交办单位" in response.content.decode()
    response = client.post(url, {"organization": district.town.pk})
    assert response.status_code == 400 and "请先勾选要办理的记录。" in response.content.decode()
    assert not SupervisionClue.objects.filter(organization__in=[district.court, district.town]).exists()


def test_the_note_typed_when_starting_a_clue_is_kept_as_its_first_step(client, users, district):
    clock.freeze(D(2025, 6, 30))
    c = clue(users, district.scj, "执法人员未出示证件", D(2025, 6, 20))
    client.force_login(users.scj_clerk)
    client.post(reverse("enforcement:start_clue", args=[c.pk]), {"note": "已转执法大队核查"})
    html = client.get(reverse("enforcement:clue", args=[c.pk])).content.decode()
    assert list(ClueStep.objects.values_list("on", "text")) == [
        (D(2025, 6, 30), "开始办理：已转执法大队核查")
    ]
    assert "开始办理：已转执法大队核查" in html
    # and in the clue's 办理记录 (the audit trail), on the transition it was typed with
    history = html[html.index('id="history"') :]
    assert "（开始办理）；状态：已登记 → 办理中；已转执法大队核查</li>" in history


# Certificates ------------------------------------------------------------------------------------------------


@pytest.fixture
def certificates(users, body, district):
    from fazhi.core.models import Person  # noqa: F401
    from tests import factories
    from tests.enforcement.conftest import issue

    clock.freeze(D(2025, 6, 30))
    made = []
    for i, (name, until) in enumerate(
        (("张甲", D(2027, 1, 31)), ("李乙", D(2025, 8, 31)), ("王丙", D(2028, 5, 1)))
    ):
        person = factories.person(district.team, name=name)
        made.append(issue(users.justice, person, body, f"6403100{i}", valid_until=until))
    services.cancel_certificate(
        actor=users.justice, certificate=made[2], reason="retirement", cancelled_on=D(2025, 6, 1), note=""
    )
    return made


def test_the_certificate_list_sorts_by_expiry_filters_and_exports(client, users, certificates):
    client.force_login(users.justice)
    url = reverse("enforcement:officers")
    html = client.get(url).content.decode()
    section = html[html.index('id="certificate-list"') :]
    assert section.index("64031001") < section.index("64031000") < section.index("64031002")  # cancelled last
    html = client.get(url, {"q": "张甲"}).content.decode()
    section = html[html.index('id="certificates"') :]
    assert "64031000" in section and "64031001" not in section
    rows = sheet(client.get(url, {"status": "valid", "due_before": "2026-01-01", "export": "xlsx"}))
    assert rows[0][:3] == ["证件编号", "类别", "持证人"]
    assert [r[0] for r in rows[1:]] == ["64031001"]


def test_batch_review_records_each_review_and_names_the_cancelled_certificate(client, users, certificates):
    client.force_login(users.justice)
    response = client.post(
        reverse("enforcement:review_certificates"),
        {"ids": [c.pk for c in certificates], "year": 2025, "reviewed_on": "2025-06-30", "passed": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "已审验2项，1项未审验。" in html
    assert "证件64031002（王丙）：证件64031002已于2025-06-01注销，不能再审验。" in html
    from fazhi.enforcement.models import CertificateReview

    assert sorted(CertificateReview.objects.values_list("certificate__number", "year", "passed")) == [
        ("64031000", 2025, True),
        ("64031001", 2025, True),
    ]
    html = client.get(reverse("enforcement:officers"), {"unreviewed": "2025"}).content.decode()
    assert 'id="certificate-list"' not in html  # every valid certificate reviewed for 2025


def test_batch_review_is_refused_to_a_unit_clerk_and_for_a_failed_review_without_reason(
    client, users, team_clerk, certificates
):
    from fazhi.enforcement.models import CertificateReview

    client.force_login(users.justice)
    response = client.post(
        reverse("enforcement:review_certificates"),
        {"ids": [certificates[0].pk], "year": 2025, "reviewed_on": "2025-06-30", "passed": "0"},
        follow=True,
    )
    assert "证件64031000（张甲）：" in response.content.decode()
    client.force_login(team_clerk)
    assert 'id="review"' not in client.get(reverse("enforcement:officers")).content.decode()
    response = client.post(
        reverse("enforcement:review_certificates"),
        {"ids": [certificates[0].pk], "year": 2025, "reviewed_on": "2025-06-30", "passed": "1"},
        follow=True,
    )
    assert "证件审验由司法局（执法监督机构）办理。" in response.content.decode()
    assert not CertificateReview.objects.exists()


def test_the_certificate_list_query_count_does_not_grow_with_rows(
    client, users, body, district, django_assert_max_num_queries
):
    from tests import factories
    from tests.enforcement.conftest import issue

    clock.freeze(D(2025, 6, 30))
    for i in range(55):
        issue(users.justice, factories.person(district.team, name=f"人{i}"), body, f"7{i:07d}")
    client.force_login(users.justice)
    with django_assert_max_num_queries(40):
        html = client.get(reverse("enforcement:officers")).content.decode()
    assert "共 <strong>55</strong> 项，第 1/2 页" in html and html.count('class="certificate"') == 50


# Training, bodies, evaluation problems -----------------------------------------------------------------------


def test_the_training_list_filters_by_year_pages_and_exports(
    client, users, district, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(52):
        services.record_session(
            actor=users.justice,
            organization=district.scj,
            topic=f"专题{i:02d}",
            held_on=D(2025, 1, 2),
            hours=2,
        )
    services.record_session(
        actor=users.justice, organization=district.jyj, topic="往年轮训", held_on=D(2024, 5, 6), hours=3
    )
    client.force_login(users.justice)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("enforcement:training")).content.decode()
    assert "共 <strong>53</strong> 项，第 1/2 页" in html
    assert "往年轮训" not in html  # newest first: the 2024 session is on page 2
    rows = sheet(client.get(reverse("enforcement:training"), {"year": 2024, "export": "xlsx"}))
    assert rows[0] == ["培训主题", "组织单位", "培训形式", "培训日期", "学时", "参训人数"]
    assert rows[1:] == [["往年轮训", "测试区教育局", "轮训", dt.datetime(2024, 5, 6), "3.0", 0]]


def test_the_body_list_searches_and_its_query_count_does_not_grow(
    client, users, district, django_assert_max_num_queries
):
    for i in range(25):
        services.register_body(
            actor=users.justice,
            organization=district.scj,
            name=f"执法大队{i:02d}",
            legal_basis="《某法》第四条",
        )
    services.register_body(
        actor=users.justice, organization=district.town, name="莲花镇综合行政执法队", legal_basis="《某条例》"
    )
    client.force_login(users.justice)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("enforcement:bodies")).content.decode()
    assert "共 <strong>26</strong> 项，第 1/2 页" in html and html.count('class="card body"') == 20
    html = client.get(reverse("enforcement:bodies"), {"q": "莲花镇"}).content.decode()
    assert html.count('class="card body"') == 1 and "莲花镇综合行政执法队" in html
    rows = sheet(
        client.get(
            reverse("enforcement:bodies"), {"no_organ": "1", "unit": district.town.pk, "export": "xlsx"}
        )
    )
    assert rows[1][:3] == ["莲花镇综合行政执法队", "测试区莲花镇", "未明确"] and len(rows) == 2


# Evaluation campaigns and reviewers on pages -----------------------------------------------------------------


def test_a_campaign_and_its_reviewer_are_set_up_on_pages_not_in_admin(client, users, district):
    from fazhi.enforcement.models import EvaluationCampaign, EvaluationReviewer
    from tests import factories

    clock.freeze(D(2025, 6, 30))
    factories.person(district.court, name="检察官甲")
    client.force_login(users.justice)
    html = client.get(reverse("enforcement:bodies")).content.decode()
    assert reverse("evaluation:campaigns") in html  # in the 行政执法 menu
    response = client.post(
        reverse("evaluation:campaigns"),
        {
            "year": 2025,
            "name": "2025年度行政执法案卷评查",
            "organization": district.sfj.pk,
            "domains": ["food_drug"],
            "default_standard": "on",
        },
    )
    campaign = EvaluationCampaign.objects.get()
    assert response.status_code == 302 and campaign.domains == ["food_drug"] and campaign.items.count() > 0
    url = reverse("evaluation:add_reviewer", args=[campaign.pk])
    response = client.post(
        url, {"name": "检察官乙", "unit": district.court.pk, "affiliation": "procuratorate"}
    )
    assert response.status_code == 400 and "测试区人民法院没有在职人员“检察官乙”" in response.content.decode()
    response = client.post(
        url, {"name": "检察官甲", "unit": district.court.pk, "affiliation": "procuratorate"}
    )
    assert response.status_code == 302
    assert list(EvaluationReviewer.objects.values_list("person__name", "affiliation")) == [
        ("检察官甲", "procuratorate")
    ]

    client.force_login(users.scj_clerk)
    html = client.get(reverse("evaluation:campaigns")).content.decode()
    assert 'id="create"' not in html
    response = client.post(
        reverse("evaluation:campaigns"), {"year": 2025, "name": "自评", "organization": district.scj.pk}
    )
    assert response.status_code in (400, 403) and EvaluationCampaign.objects.count() == 1


def test_the_body_list_sorts_by_its_column_headings(client, users, district):
    for organization, name in ((district.scj, "执法二队"), (district.town, "执法一队")):
        services.register_body(
            actor=users.justice, organization=organization, name=name, legal_basis="《某法》"
        )
    client.force_login(users.justice)

    html = client.get(reverse("enforcement:bodies")).content.decode()
    by_name = client.get(reverse("enforcement:bodies"), {"sort": "name"}).content.decode()
    by_name_down = client.get(reverse("enforcement:bodies"), {"sort": "-name"}).content.decode()

    assert 'href="?sort=name" title="按执法主体排序"' in html and 'title="按执法职权依据排序"' not in html
    assert by_name.index("执法一队") < by_name.index("执法二队")
    assert by_name_down.index("执法二队") < by_name_down.index("执法一队")
    assert 'aria-sort="descending"' in by_name_down
