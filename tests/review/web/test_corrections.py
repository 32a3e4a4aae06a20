"""Correction pages (更正) of clean-up records through the Django test client: the owning unit corrects and the
audit log records exactly what changed; another unit's clerk finds nothing, a leader is refused; a bad correction
gives the rule's Chinese message and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.review import services

from ..conftest import issued, materials


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


def refused_elsewhere(client, users, edit: str, page: str, sent: dict) -> None:
    """Another unit's clerk finds no such record (404); a leader sees no 更正 link and is refused (403)."""
    client.force_login(users.scj_clerk)
    assert client.get(edit).status_code == 404
    assert client.post(edit, sent).status_code == 404
    client.force_login(users.leader)
    assert edit not in html(client.get(page))
    assert client.post(edit, sent).status_code == 403


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


# A document examined in a clean-up ----------------------------------------------------------------------------


@pytest.fixture
def item(users, district, campaign):
    """The education bureau's policy document put on the Justice Bureau's campaign."""
    return services.add_item(
        actor=users.jyj_clerk,
        campaign=campaign,
        title="关于校外培训收费的通知",
        document_number="测教发〔2023〕5号",
        issuing_unit=district.jyj,
        enterprise_related=False,
    )


def item_url(item) -> str:
    return f"/documents/cleanup/{item.campaign_id}/items/{item.pk}/edit/"


def test_the_units_clerk_corrects_a_document_examined(client, users, item):
    client.force_login(users.jyj_clerk)
    assert f'href="{item_url(item)}"' in html(client.get(f"/documents/cleanup/{item.campaign_id}/"))

    response = client.post(
        item_url(item),
        {
            "title": "关于校外培训机构收费的通知",
            "document_number": "测教发〔2023〕5号",
            "enterprise_related": "on",
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.enterprise_related) == ("关于校外培训机构收费的通知", True)
    (event,) = updates(item)
    assert event.changes == {
        "title": ["关于校外培训收费的通知", "关于校外培训机构收费的通知"],
        "enterprise_related": [False, True],
    }
    assert event.actor == users.jyj_clerk


def test_another_units_clerk_and_a_leader_do_not_correct_a_document_examined(client, users, item):
    sent = {"title": "改名", "document_number": ""}
    refused_elsewhere(client, users, item_url(item), f"/documents/cleanup/{item.campaign_id}/", sent)
    item.refresh_from_db()
    assert item.title == "关于校外培训收费的通知" and not updates(item)


def test_a_bad_item_correction_is_refused_in_chinese_and_changes_nothing(client, users, item):
    client.force_login(users.jyj_clerk)

    response = client.post(item_url(item), {"title": "", "document_number": "测教发〔2023〕6号"})

    assert response.status_code == 400
    assert "文件名称：该字段是必填项。" in html(response)
    item.refresh_from_db()
    assert item.document_number == "测教发〔2023〕5号" and not updates(item)


def test_a_normative_documents_title_and_number_are_the_registers(client, users, district, campaign):
    document = issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "关于规范校外培训机构收费行为的通知",
        published_on=dt.date(2024, 9, 2),
    )
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=document)
    client.force_login(users.jyj_clerk)
    page = html(client.get(item_url(item)))
    assert 'name="enterprise_related"' in page and 'name="title"' not in page

    client.post(item_url(item), {"title": "改名", "enterprise_related": "on"})

    item.refresh_from_db()
    assert (item.title, item.enterprise_related) == ("关于规范校外培训机构收费行为的通知", True)
    assert [e.changes for e in updates(item)] == [{"enterprise_related": [False, True]}]


# A filing (备案) while its result is pending --------------------------------------------------------------------


@pytest.fixture
def filing(users, district):
    document = issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "关于规范校外培训机构收费行为的通知",
        published_on=dt.date(2024, 9, 2),
    )
    return services.file_document(
        actor=users.jyj_clerk,
        document=document,
        filed_on=dt.date(2024, 9, 20),
        filed_with="吴忠市人民政府",
        materials=materials(),
    )


def filing_url(filing, action: str = "") -> str:
    return f"/documents/{filing.document_id}/{action}"


def edit_filing(filing) -> str:
    return filing_url(filing, f"filing/{filing.pk}/edit/")


def test_the_filing_unit_corrects_a_pending_filing(client, users, filing):
    client.force_login(users.jyj_clerk)
    assert f'href="{edit_filing(filing)}"' in html(client.get(filing_url(filing)))

    response = client.post(
        edit_filing(filing), {"filed_on": "2024-09-19", "filed_with": "吴忠市人民政府办公室"}
    )

    assert response.status_code == 302
    filing.refresh_from_db()
    assert (filing.filed_on, filing.filed_with) == (dt.date(2024, 9, 19), "吴忠市人民政府办公室")
    (event,) = updates(filing)
    assert event.changes == {
        "filed_on": ["2024-09-20", "2024-09-19"],
        "filed_with": ["吴忠市人民政府", "吴忠市人民政府办公室"],
    }
    assert event.actor == users.jyj_clerk


def test_another_units_clerk_and_a_leader_do_not_correct_a_filing(client, users, filing):
    sent = {"filed_on": "2024-09-19", "filed_with": "别处"}
    refused_elsewhere(client, users, edit_filing(filing), filing_url(filing), sent)
    filing.refresh_from_db()
    assert filing.filed_with == "吴忠市人民政府" and not updates(filing)


def test_a_bad_filing_correction_is_refused_in_chinese_and_changes_nothing(client, users, filing):
    client.force_login(users.jyj_clerk)

    response = client.post(edit_filing(filing), {"filed_on": "2024-09-19", "filed_with": "  "})

    assert response.status_code == 400
    assert "备案机关：该字段是必填项。" in html(response)
    filing.refresh_from_db()
    assert filing.filed_on == dt.date(2024, 9, 20) and not updates(filing)


def test_once_the_result_is_given_the_filing_is_not_corrected(client, users, filing):
    services.record_filing_result(
        actor=users.justice, filing=filing, result="passed", result_on=dt.date(2024, 10, 8)
    )
    audited = updates(filing)  # the result itself
    client.force_login(users.jyj_clerk)
    assert edit_filing(filing) not in html(client.get(filing_url(filing)))
    assert "备案审查结果已确定，报送备案的信息不能再修改。" in html(client.get(edit_filing(filing)))

    response = client.post(edit_filing(filing), {"filed_on": "2024-09-19", "filed_with": "别处"})

    assert response.status_code == 400
    filing.refresh_from_db()
    assert filing.filed_with == "吴忠市人民政府" and updates(filing) == audited


# A review catalog and a matter counted against it ---------------------------------------------------------------

CATALOGS = "/documents/catalogs/"


@pytest.fixture
def catalog(users, district):
    return services.adopt_catalog(
        actor=users.jyj_clerk,
        organization=district.jyj,
        title="测试区教育局合法性审查目录清单",
        adopted_on=dt.date(2024, 3, 1),
        entries=[("contract", "校舍租赁合同")],
    )


def test_the_unit_corrects_its_catalog(client, users, catalog):
    edit = f"/documents/catalogs/{catalog.pk}/edit/"
    client.force_login(users.jyj_clerk)
    assert f'href="{edit}"' in html(client.get(CATALOGS))

    response = client.post(
        edit, {"title": "测试区教育局合法性审查目录清单（2024年）", "adopted_on": "2024-03-01"}
    )

    assert response.status_code == 302
    catalog.refresh_from_db()
    assert catalog.title == "测试区教育局合法性审查目录清单（2024年）"
    (event,) = updates(catalog)
    assert event.changes == {
        "title": ["测试区教育局合法性审查目录清单", "测试区教育局合法性审查目录清单（2024年）"]
    }
    assert event.actor == users.jyj_clerk


def test_another_units_clerk_and_a_leader_do_not_correct_a_catalog(client, users, catalog):
    sent = {"title": "改名", "adopted_on": "2024-03-01"}
    refused_elsewhere(client, users, f"/documents/catalogs/{catalog.pk}/edit/", CATALOGS, sent)
    catalog.refresh_from_db()
    assert catalog.title == "测试区教育局合法性审查目录清单" and not updates(catalog)


def test_a_catalog_adopted_in_the_future_is_refused_and_nothing_changes(client, users, catalog):
    client.force_login(users.jyj_clerk)

    response = client.post(
        f"/documents/catalogs/{catalog.pk}/edit/", {"title": catalog.title, "adopted_on": "2099-01-01"}
    )

    assert response.status_code == 400
    assert "制定日期：" in html(response) and "不能晚于今天" in html(response)
    catalog.refresh_from_db()
    assert catalog.adopted_on == dt.date(2024, 3, 1) and not updates(catalog)


@pytest.fixture
def matter(users, district):
    return services.register_matter(
        actor=users.jyj_clerk,
        organization=district.jyj,
        subject_kind="contract",
        title="校舍租赁合同",
        issued_on=dt.date(2024, 4, 1),
    )


def test_the_unit_corrects_its_matter(client, users, matter):
    edit = f"/documents/catalogs/matters/{matter.pk}/edit/"
    client.force_login(users.jyj_clerk)
    assert f'href="{edit}"' in html(client.get(CATALOGS))
    assert 'name="subject_kind"' not in html(client.get(edit))

    response = client.post(edit, {"title": "校舍租赁合同（东校区）", "issued_on": "2024-04-02"})

    assert response.status_code == 302
    matter.refresh_from_db()
    assert (matter.title, matter.issued_on) == ("校舍租赁合同（东校区）", dt.date(2024, 4, 2))
    (event,) = updates(matter)
    assert event.changes == {
        "title": ["校舍租赁合同", "校舍租赁合同（东校区）"],
        "issued_on": ["2024-04-01", "2024-04-02"],
    }


def test_another_units_clerk_and_a_leader_do_not_correct_a_matter(client, users, matter):
    sent = {"title": "改名", "issued_on": "2024-04-01"}
    refused_elsewhere(client, users, f"/documents/catalogs/matters/{matter.pk}/edit/", CATALOGS, sent)
    matter.refresh_from_db()
    assert matter.title == "校舍租赁合同" and not updates(matter)


def test_a_matter_issued_in_the_future_is_refused_and_nothing_changes(client, users, matter):
    client.force_login(users.jyj_clerk)

    response = client.post(
        f"/documents/catalogs/matters/{matter.pk}/edit/", {"title": matter.title, "issued_on": "2099-01-01"}
    )

    assert response.status_code == 400
    assert "印发或签订日期：" in html(response) and "不能晚于今天" in html(response)
    matter.refresh_from_db()
    assert matter.issued_on == dt.date(2024, 4, 1) and not updates(matter)
