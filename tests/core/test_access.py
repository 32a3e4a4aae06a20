"""core.access: a unit's user can neither see nor change another unit's records, on any path in."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import access, selectors, services
from fazhi.core.io import ledgers
from fazhi.core.models import Organization, Person
from tests import factories
from tests.admin_way_in import admin_closed, administrator


@pytest.fixture
def people(district):
    return {
        "jyj": factories.person(district.jyj, name="教育局甲"),
        "scj": factories.person(district.scj, name="市场局乙"),
        "team": factories.person(district.team, name="执法队丙"),
        "other": factories.person(district.other_dept, name="邻区丁"),
    }


def names(qs):
    return {p.name for p in qs}


def test_unit_clerk_sees_only_own_unit_people(users, people):
    # when the education bureau's clerk lists people
    visible = names(selectors.people_for(users.jyj_clerk))
    # then only their unit's people are there
    assert "教育局甲" in visible
    assert not visible & {"市场局乙", "执法队丙", "邻区丁"}


def test_justice_admin_sees_whole_district_but_not_another_district(users, people):
    visible = names(selectors.people_for(users.justice))
    assert {"教育局甲", "市场局乙", "执法队丙"} <= visible
    assert "邻区丁" not in visible


def test_leader_sees_own_unit_and_units_below(users, people):
    assert names(selectors.people_for(users.scj_leader)) >= {"市场局乙", "执法队丙"}
    assert "教育局甲" not in names(selectors.people_for(users.scj_leader))
    assert {"教育局甲", "市场局乙", "执法队丙"} <= names(selectors.people_for(users.leader))


def test_leader_is_read_only(users, people):
    # given a leader who can see the record
    assert access.can(users.leader, people["jyj"], access.VIEW)
    # when they try to change it, then they are refused in Chinese and nothing changes
    with pytest.raises(PermissionDenied, match="无权"):
        services.update_person(actor=users.leader, person=people["jyj"], position="改动")
    assert Person.objects.get(pk=people["jyj"].pk).position == ""


def test_legal_advisor_sees_only_assigned_work_and_no_unit_records(users, people):
    assert not selectors.people_for(users.advisor).exists()
    assert not selectors.organizations_for(users.advisor).exists()


def test_reconsideration_and_supervision_staff_see_own_unit_in_core(users, people, district):
    for user in (users.reconsideration, users.supervisor):
        visible = names(selectors.people_for(user))
        assert "教育局甲" not in visible
        assert access.scope_kind(user, Person) == access.UNIT


def test_wider_scope_of_a_role_applies_only_to_its_workstream(users):
    # the reconsideration office sees every unit's disputes; the supervisors every unit's enforcement records
    policy = access.POLICIES
    assert policy[users.reconsideration.role].app_scopes == {
        "disputes": access.DISTRICT,
        "litigation": access.DISTRICT,
    }
    assert policy[users.supervisor.role].app_scopes == {"enforcement": access.DISTRICT}


def test_unit_clerk_cannot_change_or_delete_another_units_person(users, people):
    with pytest.raises(PermissionDenied):
        services.update_person(actor=users.jyj_clerk, person=people["scj"], position="越权")
    with pytest.raises(PermissionDenied):
        services.delete_record(actor=users.jyj_clerk, instance=people["scj"])
    assert Person.objects.get(pk=people["scj"].pk).position == ""


def test_unit_clerk_cannot_create_a_person_in_another_unit_or_move_one_there(users, people, district):
    with pytest.raises(PermissionDenied, match="无权为"):
        services.create_person(
            actor=users.jyj_clerk, name="越权", id_number=factories.id_number(), organization=district.scj
        )
    with pytest.raises(PermissionDenied):
        services.update_person(actor=users.jyj_clerk, person=people["jyj"], organization=district.scj)
    assert Person.objects.get(pk=people["jyj"].pk).organization == district.jyj


def test_unit_clerk_cannot_change_units(users, district):
    with pytest.raises(PermissionDenied):
        services.update_organization(actor=users.jyj_clerk, organization=district.jyj, name="改名")
    assert Organization.objects.get(pk=district.jyj.pk).name == "测试区教育局"


def test_justice_admin_cannot_create_units_in_another_district(users, district):
    with pytest.raises(PermissionDenied):
        services.create_organization(
            actor=users.justice, code="O-X", name="邻区新单位", kind="department", parent=district.other_root
        )
    assert not Organization.objects.filter(code="O-X").exists()


def test_export_contains_only_what_the_user_may_see(users, people):
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="people")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(content)).worksheets[0]
    exported = {row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert "教育局甲" in exported
    assert not exported & {"市场局乙", "执法队丙", "邻区丁"}


# Admin ---------------------------------------------------------------------------------------------------


def login(client, user):
    client.force_login(user)
    return client


def test_admin_changelist_shows_only_own_district_with_masked_ids(client, users, people):
    html = login(client, users.justice).get("/admin/core/person/").content.decode()
    assert "教育局甲" in html and "市场局乙" in html
    assert "邻区丁" not in html
    assert people["jyj"].id_number not in html
    assert people["jyj"].masked_id_number in html


def test_admin_refuses_to_show_or_change_another_districts_person(client, users, people):
    url = f"/admin/core/person/{people['scj'].pk}/change/"
    # a unit's clerk never reaches admin
    admin_closed(login(client, users.jyj_clerk).post(url, {"name": "越权修改"}))
    # and the other district's administrator may not open, change or delete this district's person
    client = administrator(users.other_justice)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    response = client.post(
        url,
        {
            "name": "越权修改",
            "id_number": people["scj"].id_number,
            "organization": people["scj"].organization_id,
        },
    )
    assert response.status_code in (302, 403, 404)
    assert Person.objects.get(pk=people["scj"].pk).name == "市场局乙"
    response = client.post(f"/admin/core/person/{people['scj'].pk}/delete/", {"post": "yes"})
    assert Person.objects.filter(pk=people["scj"].pk).exists()


def test_admin_edit_of_own_person_goes_through_services_and_is_audited(client, users, people):
    login(client, users.justice)
    p = people["jyj"]
    response = client.post(
        f"/admin/core/person/{p.pk}/change/",
        {
            "name": p.name,
            "id_number": p.id_number,
            "organization": p.organization_id,
            "position": "科长",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = selectors.audit_events_for(users.justice).filter(object_id=str(p.pk), action="update").get()
    assert event.changes["position"] == ["", "科长"]
    assert event.actor_id == users.justice.pk
    assert event.source_ip == "127.0.0.1"


def test_admin_offers_only_own_district_when_adding_a_person(client, users, district):
    html = login(client, users.justice).get("/admin/core/person/add/").content.decode()
    assert "admin-autocomplete" in html and "测试区教育局" not in html  # searched, not listed (issue 19)
    offered = client.get(
        "/admin/autocomplete/",
        {"app_label": "core", "model_name": "person", "field_name": "organization", "term": "局"},
    ).json()["results"]
    assert "测试区教育局" in [r["text"] for r in offered]
    assert "邻区司法局" not in [r["text"] for r in offered]


def test_admin_audit_log_cannot_be_edited_by_anyone(client, users, people):
    login(client, users.admin)
    event = selectors.audit_events_for(users.admin).first()
    response = client.post(f"/admin/core/auditevent/{event.pk}/change/", {"note": "改"})
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    assert selectors.audit_events_for(users.admin).get(pk=event.pk).note == event.note


# API -----------------------------------------------------------------------------------------------------


def test_api_lists_only_own_unit_and_masks_id_numbers(client, users, people):
    data = login(client, users.jyj_clerk).get("/api/people/").json()
    listed = {row["name"] for row in data["results"]}
    assert listed == {"教育局甲"} | {
        p.name for p in Person.objects.filter(organization=people["jyj"].organization)
    }
    row = next(r for r in data["results"] if r["name"] == "教育局甲")
    assert "id_number" not in row and row["masked_id_number"].startswith("640303********")


def test_api_refuses_reading_or_changing_another_units_person(client, users, people):
    login(client, users.jyj_clerk)
    other = people["scj"]
    assert client.get(f"/api/people/{other.pk}/").status_code == 404
    response = client.patch(f"/api/people/{other.pk}/", {"position": "越权"}, content_type="application/json")
    assert response.status_code == 404
    assert client.delete(f"/api/people/{other.pk}/").status_code == 404
    assert Person.objects.get(pk=other.pk).position == ""


def test_api_refuses_creating_a_person_in_another_unit_with_a_chinese_reason(client, users, district):
    login(client, users.jyj_clerk)
    response = client.post(
        "/api/people/",
        {"name": "越权", "id_number": factories.id_number(), "organization": "T-SCJ"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "无权" in response.json()["detail"]
    assert not Person.objects.filter(name="越权").exists()


def test_api_creates_own_unit_person_through_services_and_rejects_bad_id(client, users, district):
    login(client, users.jyj_clerk)
    good = factories.id_number()
    response = client.post(
        "/api/people/",
        {"name": "新人", "id_number": good, "organization": "T-JYJ"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = client.post(
        "/api/people/",
        {"name": "错号", "id_number": bad, "organization": "T-JYJ"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "校验码" in response.json()["id_number"][0]
    assert not Person.objects.filter(name="错号").exists()


def test_api_export_contains_only_own_unit(client, users, people):
    response = login(client, users.jyj_clerk).get("/api/ledgers/people/export/")
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(response.content)).worksheets[0]
    assert {row[1] for row in ws.iter_rows(min_row=2, values_only=True)} & {"市场局乙", "邻区丁"} == set()


def test_pages_require_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/people/").status_code in (401, 403)
