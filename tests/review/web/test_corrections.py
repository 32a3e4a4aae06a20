"""Correction pages (更正) of clean-up records through the Django test client: the owning unit corrects and the
audit log records exactly what changed; another unit's clerk finds nothing, a leader is refused; a bad correction
gives the rule's Chinese message and changes nothing."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import AuditEvent


def html(response) -> str:
    return response.content.decode()


def updates(record) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE,
            model_label=record._meta.label_lower,
            object_id=str(record.pk),
        )
    )


# A clean-up campaign ------------------------------------------------------------------------------------------


def campaign_url(campaign, action: str = "") -> str:
    return f"/documents/cleanup/{campaign.pk}/{action}"


def campaign_form(campaign, **changes) -> dict:
    form = {
        "name": campaign.name,
        "scope": campaign.scope,
        "started_on": campaign.started_on.isoformat(),
        "ended_on": "",
    }
    return {**form, **changes}


def test_the_justice_bureau_corrects_its_campaign(client, users, campaign):
    client.force_login(users.justice)
    assert f'href="{campaign_url(campaign, "edit/")}"' in html(client.get(campaign_url(campaign)))
    assert 'name="organization"' not in html(client.get(campaign_url(campaign, "edit/")))

    response = client.post(
        campaign_url(campaign, "edit/"),
        campaign_form(campaign, scope="全部校外培训文件", ended_on="2024-12-31"),
    )

    assert response.status_code == 302 and response["Location"] == campaign_url(campaign)
    campaign.refresh_from_db()
    assert (campaign.scope, campaign.ended_on) == ("全部校外培训文件", dt.date(2024, 12, 31))
    (event,) = updates(campaign)
    assert event.changes == {
        "scope": ["含有地方保护、指定交易等妨碍统一市场和公平竞争内容的文件", "全部校外培训文件"],
        "ended_on": [None, "2024-12-31"],
    }
    assert event.actor == users.justice


def test_another_units_clerk_and_a_leader_do_not_correct_a_campaign(client, users, campaign):
    # the district's campaigns are seen by every unit of the district (each adds its own documents): no 404 here
    for user in (users.jyj_clerk, users.leader):
        client.force_login(user)
        assert campaign_url(campaign, "edit/") not in html(client.get(campaign_url(campaign)))
        assert client.get(campaign_url(campaign, "edit/")).status_code == 403
        response = client.post(campaign_url(campaign, "edit/"), campaign_form(campaign, name="改名"))
        assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.name == "2024年涉及不平等对待企业政策文件清理" and not updates(campaign)


def test_a_bad_campaign_correction_gives_the_rules_message_and_changes_nothing(client, users, campaign):
    client.force_login(users.justice)

    response = client.post(campaign_url(campaign, "edit/"), campaign_form(campaign, ended_on="2024-10-01"))

    assert response.status_code == 400
    assert "结束日期不能早于开始日期。" in html(response)
    campaign.refresh_from_db()
    assert campaign.ended_on is None and not updates(campaign)
