"""The activity ledger: one typed record per activity; what each kind must name is checked on every path, the people
are Persons or names, and the audit trail holds the entry."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from fazhi.core import audit
from fazhi.duties import services
from fazhi.duties.models import Activity, ActivityParticipant

from ..conftest import D, record

pytestmark = pytest.mark.django_db


def test_a_lecture_names_the_leader_who_gave_it(users, district):
    with pytest.raises(ValidationError) as exc:
        record(users.justice, "lecture", D(2024, 4, 18), district.jyj)
    assert exc.value.message_dict["people"] == [
        "主要负责人讲法须写明讲法的主要负责人（依据：党政主要负责人履行推进法治建设第一责任人职责规定（中办发〔2016〕71号）："
        "党政主要负责人带头学法、讲法）。"
    ]
    assert not Activity.objects.exists()


def test_a_lecture_is_given_by_a_principal_leader(users, district, leaders):
    from tests import factories

    clerk = factories.person(district.jyj, name="何静宜", position="科员")
    with pytest.raises(ValidationError, match="何静宜不是单位主要负责人"):
        record(users.justice, "lecture", D(2024, 4, 18), district.jyj, people=[clerk])
    lecture = record(users.justice, "lecture", D(2024, 4, 18), district.jyj, people=[leaders["jyj"]])
    assert list(lecture.people.all()) == [leaders["jyj"]]
    assert lecture.people_names == "许志诚"


def test_meetings_name_the_meeting_and_are_held_by_the_right_kind_of_unit(users, district, party):
    with pytest.raises(ValidationError) as exc:
        record(users.justice, "party_deployment", D(2024, 5, 6), district.jyj)
    assert exc.value.message_dict == {
        "meeting": ["党委（党组）研究部署须写明会议名称。"],
        "organization": [
            "党委（党组）研究部署的单位应为区（县）委、党委工作机关及办事机构，“测试区教育局”是政府工作部门。"
        ],
    }
    ok = record(users.justice, "party_deployment", D(2024, 5, 6), party, meeting="区委常委会2024年第9次会议")
    assert ok.pk
    with pytest.raises(ValidationError, match="会前学法的单位应为区（县）人民政府"):
        record(users.justice, "pre_meeting_study", D(2024, 5, 6), district.jyj, meeting="局务会")
    with pytest.raises(ValidationError, match="部门和乡镇（街道）研究部署的单位应为"):
        record(users.justice, "unit_deployment", D(2024, 5, 6), district.root, meeting="常务会议")


def test_written_reports_take_names_typed_as_text_and_link_a_unique_namesake_of_the_unit(
    users, district, leaders
):
    activity = record(
        users.justice,
        "written_report",
        D(2024, 12, 10),
        district.jyj,
        names=["许志诚", "王建国", "李晓燕", "王建国"],
    )
    rows = list(activity.participants.order_by("pk").values_list("name", "person_id"))
    assert rows == [("许志诚", leaders["jyj"].pk), ("王建国", None), ("李晓燕", None)]
    assert activity.people_names == "许志诚、王建国、李晓燕"


def test_a_unit_clerk_records_their_own_units_activities_and_a_leader_none(users, district, leaders):
    record(users.jyj_clerk, "lecture", D(2024, 4, 18), district.jyj, people=[leaders["jyj"]])
    with pytest.raises(PermissionDenied):
        record(users.jyj_clerk, "lecture", D(2024, 4, 18), district.town, people=[leaders["town"]])
    with pytest.raises(PermissionDenied):
        record(users.leader, "training", D(2024, 4, 18), district.jyj)
    assert Activity.objects.count() == 1


def test_changing_the_people_replaces_them_and_the_audit_trail_keeps_both(users, district, leaders):
    activity = record(users.justice, "written_report", D(2024, 12, 10), district.jyj, names=["王建国"])
    services.update_activity(actor=users.justice, activity=activity, names=["李晓燕"])
    assert list(ActivityParticipant.objects.values_list("name", flat=True)) == ["李晓燕"]
    events = audit.history(Activity.objects.get(pk=activity.pk))
    assert events.last().changes["people_names"] == ["王建国", "李晓燕"]
    with pytest.raises(ValidationError, match="领导干部书面述法须写明述法人"):
        services.update_activity(actor=users.justice, activity=activity, names=[])
    assert Activity.objects.get(pk=activity.pk).people_names == "李晓燕"


def test_an_attachment_is_stored_with_its_hash(users, district):
    activity = record(users.justice, "training", D(2024, 6, 1), district.sfj)
    file = ContentFile("培训签到表".encode(), name="签到表.txt")
    attachment = services.attach_file(actor=users.justice, activity=activity, title="", file=file)
    assert attachment.title == "签到表.txt"
    assert attachment.sha256 == hashlib.sha256("培训签到表".encode()).hexdigest()
    with attachment.file.open("rb") as f:
        assert f.read().decode() == "培训签到表"
    with pytest.raises(PermissionDenied):
        services.attach_file(
            actor=users.scj_clerk, activity=activity, title="x", file=ContentFile(b"x", name="x.txt")
        )


def test_an_attachment_upload_lands_in_the_audit_trail_with_its_hash(users, district):
    # given a training
    activity = record(users.justice, "training", D(2024, 6, 1), district.sfj)
    # when a file is attached through core.io.attachments
    attachment = services.attach_file(
        actor=users.justice,
        activity=activity,
        title="签到表",
        file=ContentFile(b"sign-in", name="C:\\docs\\qd.txt"),
    )
    # then the audit event names the file as uploaded (no folder) and its SHA-256
    event = audit.history(attachment).get()
    assert event.changes == {
        "sha256": [None, hashlib.sha256(b"sign-in").hexdigest()],
        "file": [None, "qd.txt"],
        "title": [None, "签到表"],
    }
    assert attachment.file.name == f"duties/{activity.pk}/qd.txt"
