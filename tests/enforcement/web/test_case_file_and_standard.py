"""A case file's correction page (更正: its particulars and handling officers) and a campaign's standard page (its veto
and scored items, added, corrected and deleted until the first file is scored): through the services, with the audit
event; a leader and the evaluated unit see no link and are refused, another district does not find the record, and a
refusal is the rule's Chinese message with nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseFile, CaseFileOfficer, EnforcementBody, EvaluationItem
from fazhi.enforcement.rules import certificates as certificate_rules
from tests import factories

from ..conftest import issue
from . import test_evaluation
from .test_evaluation import score_post

case_file = test_evaluation.case_file  # the file drawn, with 王执法 as its officer

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today():
    clock.freeze(D(2025, 11, 3))


def html(response) -> str:
    return response.content.decode()


def events(record, action) -> list[dict]:
    return [
        e.changes
        for e in AuditEvent.objects.filter(
            model_label=record._meta.label_lower, object_id=str(record.pk), action=action
        )
    ]


def file_data(case_file, **changes):
    return {
        "campaign": case_file.campaign_id,
        "body": case_file.body_id,
        "domain": case_file.domain,
        "act_kind": case_file.act_kind,
        "case_number": case_file.case_number,
        "title": case_file.title,
        "decided_on": case_file.decided_on.isoformat(),
        "officers": "王执法",
        **changes,
    }


def officer_names(case_file) -> list[str]:
    return list(
        CaseFileOfficer.objects.filter(case_file=case_file)
        .order_by("pk")
        .values_list("person__name", flat=True)
    )


@pytest.fixture
def second_officer(users, district, body):
    """李执法 of the team, holding 行政执法证 64030002 since 2024-03-01."""
    person = factories.person(district.team, name="李执法")
    issue(users.justice, person, body, "64030002")
    return person


# 更正评查案卷 -----------------------------------------------------------------------------------------------------


def test_the_justice_bureau_corrects_a_files_title_date_and_officers_on_a_page(
    client, users, case_file, second_officer
):
    client.force_login(users.justice)
    url = reverse("evaluation:edit_file", args=[case_file.pk])
    assert url in html(client.get(reverse("evaluation:file", args=[case_file.pk])))
    form = html(client.get(url))
    assert 'value="某超市经营超过保质期食品案"' in form and "王执法（测试区市场监管执法大队）" in form

    response = client.post(
        url,
        file_data(
            case_file, title="某超市经营过期食品案", decided_on="2025-04-21", officers="王执法、李执法"
        ),
    )

    assert response.status_code == 302 and response.url == reverse("evaluation:file", args=[case_file.pk])
    case_file.refresh_from_db()
    assert (case_file.title, case_file.decided_on) == ("某超市经营过期食品案", D(2025, 4, 21))
    assert officer_names(case_file) == ["王执法", "李执法"]
    assert events(case_file, AuditEvent.Action.UPDATE)[-1] == {
        "title": ["某超市经营超过保质期食品案", "某超市经营过期食品案"],
        "decided_on": ["2025-04-18", "2025-04-21"],
    }
    link = CaseFileOfficer.objects.get(case_file=case_file, person=second_officer)
    assert len(events(link, AuditEvent.Action.CREATE)) == 1


def test_an_officer_removed_from_the_file_is_deleted_with_its_audit_event(
    client, users, case_file, second_officer
):
    services.update_case_file(
        actor=users.justice, case_file=case_file, officers=[*case_file.officers.all(), second_officer]
    )
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, officers="李执法")
    )

    assert response.status_code == 302
    assert officer_names(case_file) == ["李执法"]
    deleted = AuditEvent.objects.filter(
        model_label="enforcement.casefileofficer", action=AuditEvent.Action.DELETE
    )
    assert deleted.count() == 1


def test_an_officer_without_a_valid_certificate_on_the_decision_date_is_refused_with_the_rules_message(
    client, users, district, body, case_file
):
    person = factories.person(district.team, name="赵执法")
    certificate = issue(users.justice, person, body, "64030003")
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=D(2025, 3, 1)
    )
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, officers="王执法、赵执法")
    )

    assert response.status_code == 400
    assert certificate_rules.uncertified_officer_message(person, D(2025, 4, 18)) in html(response)
    assert officer_names(case_file) == ["王执法"]
    assert events(case_file, AuditEvent.Action.UPDATE) == []


def test_a_person_who_never_held_a_certificate_is_not_offered_as_an_officer(
    client, users, district, case_file
):
    factories.person(district.team, name="钱文员")
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, officers="钱文员")
    )

    assert response.status_code == 400
    assert "承办执法人员：没有找到“钱文员”，请输入后从搜索结果中选择。" in html(response)
    assert officer_names(case_file) == ["王执法"]


def test_a_scored_file_is_not_moved_to_another_campaign(client, users, district, case_file):
    other = services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度食品专项评查",
        domains=["food_drug"],
    )
    client.force_login(users.justice)
    client.post(reverse("evaluation:score", args=[case_file.pk]), score_post(case_file))

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, campaign=other.pk)
    )

    assert response.status_code == 400
    assert "评查活动：已评分的案卷不能改到其他评查活动。" in html(response)
    assert CaseFile.objects.get(pk=case_file.pk).campaign.name == "2025年度行政执法案卷评查"


def test_a_file_with_problems_keeps_its_body(client, users, district, case_file):
    town_body = services.register_body(
        actor=users.justice,
        organization=district.town,
        name="测试区莲花镇人民政府",
        legal_basis="《行政处罚法》第二十四条",
    )
    services.record_problem(
        actor=users.justice, case_file=case_file, category="evidence", description="照片无时间"
    )
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, body=town_body.pk)
    )

    assert response.status_code == 400
    assert "已登记问题的案卷不能改换执法主体：问题已归入原执法主体所在单位，请先更正或删除问题。" in html(
        response
    )
    assert CaseFile.objects.get(pk=case_file.pk).body.name == "测试区市场监管执法大队"


def test_bad_input_is_answered_in_chinese_and_changes_nothing(client, users, case_file):
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, decided_on="去年")
    )

    assert response.status_code == 400
    assert "决定日期：" in html(response)
    assert CaseFile.objects.get(pk=case_file.pk).decided_on == D(2025, 4, 18)


@pytest.mark.parametrize("who", ["leader", "team_clerk"])
def test_a_leader_and_the_evaluated_unit_see_no_correction_link_and_are_refused(
    client, users, case_file, team_clerk, who
):
    client.force_login(team_clerk if who == "team_clerk" else users.leader)
    url = reverse("evaluation:edit_file", args=[case_file.pk])
    assert url not in html(client.get(reverse("evaluation:file", args=[case_file.pk])))

    assert client.get(url).status_code == 403
    response = client.post(url, file_data(case_file, title="改名"))

    assert response.status_code == 403
    assert "评查案卷由司法局（执法监督机构）更正。" in html(response)
    assert CaseFile.objects.get(pk=case_file.pk).title == "某超市经营超过保质期食品案"


def test_another_districts_justice_bureau_does_not_find_the_file(client, users, case_file):
    client.force_login(users.other_justice)

    response = client.post(
        reverse("evaluation:edit_file", args=[case_file.pk]), file_data(case_file, title="改名")
    )

    assert response.status_code == 404
    assert CaseFile.objects.get(pk=case_file.pk).title == "某超市经营超过保质期食品案"


# 评查标准 ----------------------------------------------------------------------------------------------------------


def item_data(**fields):
    return {
        "kind": "scored",
        "group": "实体评查",
        "title": "说理充分",
        "max_points": "5",
        "order": "8",
        **fields,
    }


def test_the_standard_page_shows_the_items_and_is_linked_from_the_campaign_and_the_file(
    client, users, case_file
):
    client.force_login(users.justice)
    url = reverse("evaluation:standard", args=[case_file.campaign_id])
    assert url in html(client.get(reverse("evaluation:campaign", args=[case_file.campaign_id])))
    assert url in html(client.get(reverse("evaluation:file", args=[case_file.pk])))

    page = html(client.get(url))

    assert page.count('class="item"') == 15
    assert (
        '否决项<span id="veto-count">8</span>项' in page
        and '合计<span id="total-points">100</span>分' in page
    )
    assert 'id="add-item"' in page


def test_the_justice_bureau_adds_corrects_and_deletes_an_item(client, users, case_file):
    client.force_login(users.justice)
    campaign = case_file.campaign

    response = client.post(reverse("evaluation:standard", args=[campaign.pk]), item_data())

    assert response.status_code == 302
    item = EvaluationItem.objects.get(campaign=campaign, title="说理充分")
    assert (item.kind, item.group, item.max_points, item.order) == ("scored", "实体评查", Decimal("5.0"), 8)
    assert len(events(item, AuditEvent.Action.CREATE)) == 1

    response = client.post(reverse("evaluation:edit_item", args=[item.pk]), item_data(max_points="3"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.max_points == Decimal("3.0")
    assert events(item, AuditEvent.Action.UPDATE) == [{"max_points": ["5.0", "3"]}]

    response = client.post(reverse("evaluation:remove_item", args=[item.pk]))
    assert response.status_code == 302
    assert not EvaluationItem.objects.filter(pk=item.pk).exists()
    assert len(events(item, AuditEvent.Action.DELETE)) == 1
    assert campaign.items.count() == 15


def test_a_scored_item_without_points_is_refused_with_the_rules_message(client, users, case_file):
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:standard", args=[case_file.campaign_id]), item_data(max_points="")
    )

    assert response.status_code == 400
    assert "分值：评分项须设定大于0的分值。" in html(response)
    assert case_file.campaign.items.count() == 15


def test_once_a_file_is_scored_the_standard_is_fixed_on_every_page(client, users, case_file):
    client.force_login(users.justice)
    client.post(reverse("evaluation:score", args=[case_file.pk]), score_post(case_file))
    campaign = case_file.campaign
    used = campaign.items.get(title="执法文书制作规范")
    unused_veto = campaign.items.get(title="违反法定程序")
    fixed = "本次评查已有案卷评分，不能再修改评查标准。"

    page = html(client.get(reverse("evaluation:standard", args=[campaign.pk])))
    assert fixed in page and 'id="add-item"' not in page
    assert reverse("evaluation:edit_item", args=[used.pk]) not in page
    added = client.post(reverse("evaluation:standard", args=[campaign.pk]), item_data())
    assert added.status_code == 400 and fixed in html(added)
    editing = client.get(reverse("evaluation:edit_item", args=[used.pk]))
    assert editing.status_code == 200 and fixed in html(editing) and 'name="title"' not in html(editing)
    edited = client.post(reverse("evaluation:edit_item", args=[used.pk]), item_data(title="改名"))
    assert edited.status_code == 400 and fixed in html(edited)
    removed = client.post(reverse("evaluation:remove_item", args=[used.pk]))
    assert removed.status_code == 400 and "评查项目“执法文书制作规范”已用于案卷评分，不能删除。" in html(
        removed
    )
    removed = client.post(reverse("evaluation:remove_item", args=[unused_veto.pk]))
    assert removed.status_code == 400 and fixed in html(removed)

    assert campaign.items.count() == 15
    assert campaign.items.get(pk=used.pk).title == "执法文书制作规范"


def test_the_service_refuses_to_delete_an_item_used_in_scores(users, case_file):
    services.score_case_file(
        actor=users.justice,
        case_file=case_file,
        points={},
        vetoes=[case_file.campaign.items.get(title="违反法定程序")],
        scored_on=D(2025, 10, 9),
    )
    item = case_file.campaign.items.get(title="违反法定程序")

    with pytest.raises(ValidationError) as caught:
        services.remove_item(actor=users.justice, item=item)

    assert caught.value.messages == ["评查项目“违反法定程序”已用于案卷评分，不能删除。"]
    assert EvaluationItem.objects.filter(pk=item.pk).exists()


def test_a_leader_sees_the_standard_without_tools_and_is_refused(client, users, case_file):
    client.force_login(users.leader)
    item = case_file.campaign.items.get(title="执法文书制作规范")
    page = client.get(reverse("evaluation:standard", args=[case_file.campaign_id]))
    assert page.status_code == 200 and "执法文书制作规范" in html(page)
    assert 'id="add-item"' not in html(page) and reverse("evaluation:edit_item", args=[item.pk]) not in html(
        page
    )

    assert (
        client.post(reverse("evaluation:standard", args=[case_file.campaign_id]), item_data()).status_code
        == 403
    )
    assert client.get(reverse("evaluation:edit_item", args=[item.pk])).status_code == 403
    assert (
        client.post(reverse("evaluation:edit_item", args=[item.pk]), item_data(title="改名")).status_code
        == 403
    )
    assert client.post(reverse("evaluation:remove_item", args=[item.pk])).status_code == 403
    assert case_file.campaign.items.count() == 15
    assert EvaluationItem.objects.get(pk=item.pk).title == "执法文书制作规范"


def test_another_districts_justice_bureau_does_not_find_the_standard_or_its_items(client, users, case_file):
    client.force_login(users.other_justice)
    item = case_file.campaign.items.get(title="执法文书制作规范")

    assert client.get(reverse("evaluation:standard", args=[case_file.campaign_id])).status_code == 404
    assert (
        client.post(reverse("evaluation:edit_item", args=[item.pk]), item_data(title="改名")).status_code
        == 404
    )
    assert client.post(reverse("evaluation:remove_item", args=[item.pk])).status_code == 404
    assert EvaluationItem.objects.get(pk=item.pk).title == "执法文书制作规范"


def test_the_body_is_kept_when_unchanged(users, case_file):
    """A correction that names the same body is not a change of body (a file with problems may still be corrected)."""
    services.record_problem(
        actor=users.justice, case_file=case_file, category="evidence", description="照片无时间"
    )
    services.update_case_file(
        actor=users.justice,
        case_file=case_file,
        body=EnforcementBody.objects.get(),
        title="某超市经营过期食品案",
    )
    assert CaseFile.objects.get(pk=case_file.pk).title == "某超市经营过期食品案"
