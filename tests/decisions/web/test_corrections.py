"""The correction pages (更正) of the decisions workstream: the owning unit's clerk corrects a record on a page, not in
admin; another unit's clerk does not reach it, a read-only role sees no link and is refused, bad input and a frozen
state are refused with the service's Chinese message and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.core.rules import happened_message
from fazhi.decisions import services

D = dt.date
TODAY = D(2024, 9, 2)


@pytest.fixture(autouse=True)
def on_today():
    clock.freeze(TODAY)


def html(response) -> str:
    return response.content.decode()


def edit_url(decision) -> str:
    return f"/decisions/{decision.pk}/edit/"


def form_of(record, names: str, **changes) -> dict:
    """What the correction page's form sends unchanged (the record's values of `names`), with `changes`."""
    values = model_to_dict(record, fields=names.split())
    return {**{n: "" if v is None else v for n, v in values.items()}, **changes}


def decision_form(decision, **changes) -> dict:
    names = "title organization decision_body catalog_item outside_catalog_reason registered_on summary"
    return form_of(decision, names, **changes)


def updates(record) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE, model_label=record._meta.label_lower, object_id=str(record.pk)
        )
    )


def test_the_owning_clerk_corrects_a_registered_decision(client, users, decision):
    # given the education bureau's clerk on the decision's page
    client.force_login(users.jyj_clerk)
    assert f'href="{edit_url(decision)}"' in html(client.get(f"/decisions/{decision.pk}/"))
    page = client.get(edit_url(decision))
    assert page.status_code == 200 and 'value="中小学布局调整"' in html(page)

    # when they correct the summary and the registration date
    response = client.post(
        edit_url(decision), decision_form(decision, summary="调整两所村小布局", registered_on="2024-03-12")
    )

    # then the decision and its audit trail carry the correction
    assert response.status_code == 302 and response["Location"] == f"/decisions/{decision.pk}/"
    decision.refresh_from_db()
    assert (decision.summary, decision.registered_on) == ("调整两所村小布局", D(2024, 3, 12))
    (event,) = updates(decision)
    assert event.changes == {
        "summary": ["", "调整两所村小布局"],
        "registered_on": ["2024-03-10", "2024-03-12"],
    }
    assert event.actor == users.jyj_clerk


def test_another_units_clerk_does_not_reach_the_correction_page(client, users, decision):
    client.force_login(users.scj_clerk)
    assert client.get(edit_url(decision)).status_code == 404
    assert client.post(edit_url(decision), decision_form(decision, title="改名")).status_code == 404
    decision.refresh_from_db()
    assert decision.title == "中小学布局调整" and not updates(decision)


def test_a_leader_sees_no_link_and_is_refused(client, users, decision):
    client.force_login(users.leader)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 200
    assert edit_url(decision) not in html(client.get(f"/decisions/{decision.pk}/"))
    assert client.get(edit_url(decision)).status_code == 403
    assert client.post(edit_url(decision), decision_form(decision, title="改名")).status_code == 403
    decision.refresh_from_db()
    assert decision.title == "中小学布局调整" and not updates(decision)


def test_bad_input_gives_the_services_message_and_changes_nothing(client, users, district, decision):
    # given the clerk naming the market regulator as decision body (the rule of registration)
    client.force_login(users.jyj_clerk)
    message = f"“{district.scj}”不能作为您登记的决策的决策机关：应为本区人民政府或您所在的单位。"

    response = client.post(edit_url(decision), decision_form(decision, decision_body=district.scj.pk))

    assert response.status_code == 400 and message in html(response)
    # and a registration date after today, refused by the same rule as on registering
    response = client.post(edit_url(decision), decision_form(decision, registered_on="2024-09-03"))
    assert response.status_code == 400 and happened_message("立项日期", TODAY) in html(response)
    decision.refresh_from_db()
    assert (decision.decision_body, decision.registered_on) == (district.root, D(2024, 3, 10))
    assert not updates(decision)


def test_a_terminated_decision_is_not_corrected(client, users, decision):
    # given the decision terminated
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="上级政策调整")
    client.force_login(users.jyj_clerk)
    message = "决策已终止，不能再修改其记录。"

    # then its page offers no correction, the correction page says why, and a correction sent is refused
    assert edit_url(decision) not in html(client.get(f"/decisions/{decision.pk}/"))
    page = client.get(edit_url(decision))
    assert message in html(page) and "<form" not in html(page).split('id="edit"')[1]
    response = client.post(edit_url(decision), decision_form(decision, summary="补充简介"))
    assert response.status_code == 400 and message in html(response)
    decision.refresh_from_db()
    assert decision.summary == "" and not updates(decision)


# Catalogs and their items (the Justice Bureau's, while being compiled) ----------------------------------------------


def item_url(item) -> str:
    return f"/decisions/catalogs/{item.catalog_id}/items/{item.pk}/edit/"


def item_form(item, **changes) -> dict:
    return form_of(item, "title lead_unit planned_time planned_by", **changes)


def test_the_justice_bureau_corrects_a_draft_catalog_and_its_item(client, users, district, draft):
    client.force_login(users.justice)
    item = draft.items.get()
    catalogs = html(client.get("/decisions/catalogs/"))
    assert (
        f'href="{item_url(item)}"' in catalogs and f'href="/decisions/catalogs/{draft.pk}/edit/"' in catalogs
    )

    response = client.post(
        item_url(item), item_form(item, lead_unit=district.scj.pk, planned_time="2024年9月")
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.lead_unit, item.planned_time) == (district.scj, "2024年9月")
    (event,) = updates(item)
    assert event.changes == {
        "lead_unit_id": [district.jyj.pk, district.scj.pk],
        "planned_time": ["2024年第三季度", "2024年9月"],
    }

    response = client.post(
        f"/decisions/catalogs/{draft.pk}/edit/",
        {
            "year": "2024",
            "organization": district.root.pk,
            "title": "测试区2024年度重大行政决策事项目录（修订）",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "测试区2024年度重大行政决策事项目录（修订）" and len(updates(draft)) == 1


def test_a_unit_clerk_and_a_leader_do_not_correct_catalog_items(client, users, draft):
    item = draft.items.get()
    for user in (users.jyj_clerk, users.leader):
        client.force_login(user)
        assert item_url(item) not in html(client.get("/decisions/catalogs/"))
        assert client.get(item_url(item)).status_code in (403, 404)
        assert client.post(item_url(item), item_form(item, title="改名")).status_code in (403, 404)
    client.force_login(users.leader)
    response = client.post(item_url(item), item_form(item, title="改名"))
    assert response.status_code == 403 and "修改目录事项由司法局（依法治区办）管理员办理。" in html(response)
    item.refresh_from_db()
    assert item.title == "中小学布局调整" and not updates(item)


def test_a_catalog_item_correction_outside_the_year_is_refused_alike(client, users, draft):
    client.force_login(users.justice)
    item = draft.items.get()
    message = "计划完成日期应在目录年度（2024年）内。"

    response = client.post(item_url(item), item_form(item, planned_by="2025-03-31"))

    assert response.status_code == 400 and message in html(response)
    item.refresh_from_db()
    assert item.planned_by == D(2024, 9, 30) and not updates(item)


def test_an_approved_catalogs_items_are_not_corrected(client, users, draft):
    services.approve_catalog(actor=users.justice, catalog=draft, approved_on=D(2024, 2, 20))
    draft.refresh_from_db()
    item = draft.items.get()
    message = f"目录“{draft}”已审定，只有编制中的目录可以增加或修改事项，不能再增加事项。"
    client.force_login(users.justice)

    assert item_url(item) not in html(client.get("/decisions/catalogs/"))
    assert message in html(client.get(item_url(item)))
    response = client.post(item_url(item), item_form(item, title="改名"))
    assert response.status_code == 400 and message in html(response)
    item.refresh_from_db()
    assert item.title == "中小学布局调整" and not updates(item)


# A public comment as received (the owning unit's, while the decision is open) -----------------------------------


@pytest.fixture
def comment(users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    return services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=D(2024, 4, 10), content="建议保留村小"
    )


def comment_url(comment) -> str:
    return f"/decisions/{comment.participation.decision_id}/comments/{comment.pk}/edit/"


COMMENT = "received_on commenter content"  # what the page corrects of a comment


def test_the_owning_clerk_corrects_a_public_comment(client, users, decision, comment):
    client.force_login(users.jyj_clerk)
    assert f'href="{comment_url(comment)}"' in html(client.get(f"/decisions/{decision.pk}/"))

    response = client.post(
        comment_url(comment), form_of(comment, COMMENT, commenter="张某", content="建议保留两所村小")
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.commenter, comment.content) == ("张某", "建议保留两所村小")
    (event,) = updates(comment)
    assert event.changes == {"commenter": ["", "张某"], "content": ["建议保留村小", "建议保留两所村小"]}


def test_a_public_comment_is_not_corrected_by_others_nor_wrongly_nor_once_closed(
    client, users, decision, comment
):
    changed = form_of(comment, COMMENT, content="改写")
    # another unit's clerk does not reach it; a leader sees no link and is refused
    client.force_login(users.scj_clerk)
    assert client.post(comment_url(comment), changed).status_code == 404
    client.force_login(users.leader)
    assert comment_url(comment) not in html(client.get(f"/decisions/{decision.pk}/"))
    assert client.post(comment_url(comment), changed).status_code == 403
    # the owning clerk dating it after today is refused by the rule of registering it
    client.force_login(users.jyj_clerk)
    response = client.post(comment_url(comment), form_of(comment, COMMENT, received_on="2024-09-03"))
    assert response.status_code == 400 and happened_message("收到日期", TODAY) in html(response)
    # and once the decision is terminated
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="上级政策调整")
    response = client.post(comment_url(comment), changed)
    assert response.status_code == 400 and "决策已终止，不能再修改其记录。" in html(response)
    comment.refresh_from_db()
    assert (comment.content, comment.received_on) == ("建议保留村小", D(2024, 4, 10)) and not updates(comment)


# An expert's opinion as recorded (the owning unit's, while the decision is open) --------------------------------


@pytest.fixture
def opinion(users, decision):
    return services.add_expert_opinion(
        actor=users.jyj_clerk, decision=decision, expert_name="李教授", opinion="布局调整应听取家长意见"
    )


def opinion_url(opinion) -> str:
    return f"/decisions/{opinion.argumentation.decision_id}/expert-opinions/{opinion.pk}/edit/"


OPINION = "expert_name expert_title opinion adopted"  # what the page corrects of an expert's opinion


def test_the_owning_clerk_corrects_an_expert_opinion(client, users, decision, opinion):
    client.force_login(users.jyj_clerk)
    assert f'href="{opinion_url(opinion)}"' in html(client.get(f"/decisions/{decision.pk}/"))
    assert 'value="李教授"' in html(client.get(opinion_url(opinion)))

    response = client.post(
        opinion_url(opinion), form_of(opinion, OPINION, expert_title="师范大学教授", adopted="true")
    )

    assert response.status_code == 302 and response["Location"] == f"/decisions/{decision.pk}/"
    opinion.refresh_from_db()
    assert (opinion.expert_title, opinion.adopted) == ("师范大学教授", True)
    (event,) = updates(opinion)
    assert event.changes == {"expert_title": ["", "师范大学教授"], "adopted": [None, True]}
    assert event.actor == users.jyj_clerk


def test_an_expert_opinion_is_not_corrected_by_others_nor_wrongly_nor_once_closed(
    client, users, decision, opinion
):
    changed = form_of(opinion, OPINION, opinion="改写")
    # another unit's clerk does not reach it; a leader sees no link and is refused
    client.force_login(users.scj_clerk)
    assert client.get(opinion_url(opinion)).status_code == 404
    assert client.post(opinion_url(opinion), changed).status_code == 404
    client.force_login(users.leader)
    assert opinion_url(opinion) not in html(client.get(f"/decisions/{decision.pk}/"))
    assert client.get(opinion_url(opinion)).status_code == 403
    assert client.post(opinion_url(opinion), changed).status_code == 403
    # the owning clerk leaving the expert's name empty is told so
    client.force_login(users.jyj_clerk)
    response = client.post(opinion_url(opinion), form_of(opinion, OPINION, expert_name=""))
    assert response.status_code == 400 and "专家姓名：该字段是必填项。" in html(response)
    # and once the decision is terminated, neither link nor correction
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="上级政策调整")
    assert opinion_url(opinion) not in html(client.get(f"/decisions/{decision.pk}/"))
    response = client.post(opinion_url(opinion), changed)
    assert response.status_code == 400 and "决策已终止，不能再修改其记录。" in html(response)
    opinion.refresh_from_db()
    assert (opinion.expert_name, opinion.opinion) == ("李教授", "布局调整应听取家长意见")
    assert not updates(opinion)


# The answer given to a public comment (采纳情况及理由; the owning unit's, while the decision is open) -------------


@pytest.fixture
def answered(users, comment):
    return services.answer_comment(
        actor=users.jyj_clerk, comment=comment, response="予以采纳", adopted=True, answered_on=D(2024, 5, 6)
    )


def answer_url(comment) -> str:
    return f"/decisions/{comment.participation.decision_id}/comments/{comment.pk}/answer/edit/"


ANSWER = "response adopted answered_on"  # what the page corrects of an answer


def test_the_owning_clerk_corrects_an_answer_and_the_old_one_stays_in_the_history(
    client, users, decision, answered
):
    # given the clerk on the decision's page, which links the answer's correction
    client.force_login(users.jyj_clerk)
    assert f'href="{answer_url(answered)}"' in html(client.get(f"/decisions/{decision.pk}/"))
    assert "予以采纳</textarea>" in html(client.get(answer_url(answered)))

    # when they correct it: not adopted, with the reason
    response = client.post(
        answer_url(answered),
        form_of(
            answered, ANSWER, response="不予采纳：村小已无在校生", adopted="false", answered_on="2024-05-08"
        ),
    )

    # then the comment carries the new answer, and its audit event (and the page's history) the old one
    assert response.status_code == 302 and response["Location"] == f"/decisions/{decision.pk}/"
    answered.refresh_from_db()
    assert (answered.response, answered.adopted, answered.answered_on) == (
        "不予采纳：村小已无在校生",
        False,
        D(2024, 5, 8),
    )
    event = max(updates(answered), key=lambda e: e.seq)  # after the answer's own
    assert event.changes == {
        "response": ["予以采纳", "不予采纳：村小已无在校生"],
        "adopted": [True, False],
        "answered_on": ["2024-05-06", "2024-05-08"],
    }
    assert (event.actor, event.note) == (users.jyj_clerk, "更正公众意见的采纳情况及理由")
    assert "采纳情况及理由：予以采纳 → 不予采纳：村小已无在校生" in html(
        client.get(f"/decisions/{decision.pk}/")
    )


def test_an_answer_is_not_corrected_by_others_nor_wrongly_nor_once_closed(client, users, decision, answered):
    changed = form_of(answered, ANSWER, response="改写")
    before = len(updates(answered))
    # another unit's clerk does not reach it; a leader sees no link and is refused
    client.force_login(users.scj_clerk)
    assert client.get(answer_url(answered)).status_code == 404
    assert client.post(answer_url(answered), changed).status_code == 404
    client.force_login(users.leader)
    assert answer_url(answered) not in html(client.get(f"/decisions/{decision.pk}/"))
    assert client.get(answer_url(answered)).status_code == 403
    assert client.post(answer_url(answered), changed).status_code == 403
    # the owning clerk leaving the reasons empty, or dating the answer before the comment came in, is told so
    client.force_login(users.jyj_clerk)
    response = client.post(answer_url(answered), form_of(answered, ANSWER, response=" "))
    assert response.status_code == 400 and "采纳情况及理由：该字段是必填项。" in html(response)
    response = client.post(answer_url(answered), form_of(answered, ANSWER, answered_on="2024-04-09"))
    assert response.status_code == 400 and "反馈日期不能早于收到日期。" in html(response)
    # and once the decision is terminated, neither link nor correction
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="上级政策调整")
    assert answer_url(answered) not in html(client.get(f"/decisions/{decision.pk}/"))
    response = client.post(answer_url(answered), changed)
    assert response.status_code == 400 and "决策已终止，不能再修改其记录。" in html(response)
    answered.refresh_from_db()
    assert (answered.response, answered.answered_on) == ("予以采纳", D(2024, 5, 6))
    assert len(updates(answered)) == before


def test_an_unanswered_comment_has_no_answer_to_correct(client, users, decision, comment):
    client.force_login(users.jyj_clerk)
    message = "该意见尚未反馈，请先在决策页面填写采纳情况及理由。"
    assert answer_url(comment) not in html(client.get(f"/decisions/{decision.pk}/"))
    page = client.get(answer_url(comment))
    assert page.status_code == 200 and message in html(page)
    response = client.post(
        answer_url(comment), form_of(comment, ANSWER, response="予以采纳", answered_on="2024-05-06")
    )
    assert response.status_code == 400 and message in html(response)
    comment.refresh_from_db()
    assert (comment.response, comment.answered_on) == ("", None) and not updates(comment)
