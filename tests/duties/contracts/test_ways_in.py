"""Every way into the duties app refuses the same bad input with the same Chinese message and changes nothing: the
service, the ledger import, the API, the page and admin (where it has an add page) all reach one rule."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.duties import services
from fazhi.duties.models import Activity, DemonstrationProject

from ...admin_way_in import via_admin
from ..conftest import D, record

pytestmark = pytest.mark.django_db

TODAY = D(2025, 6, 30)
ACTIVITY_HEADERS = ["类型", "日期", "单位代码", "主题", "会议名称", "人员"]
PROJECT_HEADERS = [
    "项目名称",
    "申报单位代码",
    "级别",
    "批次",
    "申报日期",
    "入围日期",
    "书面评审通过日期",
    "命名日期",
]
LECTURE_NEEDS_LEADER = (
    "主要负责人讲法须写明讲法的主要负责人（依据：党政主要负责人履行推进法治建设第一责任人职责规定（中办发〔2016〕71号）："
    "党政主要负责人带头学法、讲法）。"
)


@pytest.fixture(autouse=True)
def today():
    clock.freeze(TODAY)


def imported(actor, code, headers, rows) -> list[tuple[int, str, str]]:
    wb = Workbook()
    wb.active.append(headers)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    result = ledgers.run_import(
        code, content=out.getvalue(), filename="台账.xlsx", actor=actor, dry_run=False
    )
    return [(e.row, e.column, e.message) for e in result.errors]


def refused(response, status: int, message: str) -> bool:
    return response.status_code == status and message in response.content.decode()


def test_an_activity_cannot_be_dated_after_today(client, users, district):
    # given a training held "tomorrow"
    message = "活动日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"
    form = {"kind": "training", "held_on": "2025-07-01", "topic": "习近平法治思想专题培训"}
    # when it is entered through the service, then refused
    with pytest.raises(ValidationError) as exc:
        record(users.justice, "training", D(2025, 7, 1), district.sfj, topic=form["topic"])
    assert exc.value.message_dict == {"held_on": [message]}
    # and through the ledger
    row = ["法治专题培训", "2025-07-01", "T-SFJ", form["topic"], "", ""]
    assert imported(users.justice, "duties_activities", ACTIVITY_HEADERS, [row]) == [(2, "日期", message)]
    # and through the API
    client.force_login(users.justice)
    api = client.post(
        "/api/duties/activities/", {**form, "organization": "T-SFJ"}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json() == {"held_on": [message]}
    # and through the page and admin
    assert refused(client.post("/duties/", {**form, "organization": district.sfj.pk}), 400, message)
    admin = client.post("/admin/duties/activity/add/", {**form, "organization": district.sfj.pk, "names": ""})
    assert refused(admin, 400, message)
    # and nothing was recorded
    assert not Activity.objects.exists()


def test_an_activity_changed_to_a_date_after_today_is_refused(client, users, district):
    # given a training recorded yesterday
    activity = record(users.justice, "training", D(2025, 6, 29), district.sfj)
    message = "活动日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"
    # when its date is moved to tomorrow through the service or admin, then refused
    with pytest.raises(ValidationError) as exc:
        services.update_activity(actor=users.justice, activity=activity, data={"held_on": D(2025, 7, 1)})
    assert exc.value.message_dict == {"held_on": [message]}
    client.force_login(users.justice)
    admin = client.post(
        f"/admin/duties/activity/{activity.pk}/change/",
        {
            "kind": "training",
            "held_on": "2025-07-01",
            "organization": district.sfj.pk,
            "topic": "培训",
            "names": "",
        },
    )
    assert refused(admin, 400, message)
    assert Activity.objects.get().held_on == D(2025, 6, 29)


def test_a_lecture_names_the_principal_leader_who_gave_it(client, users, district):
    form = {"kind": "lecture", "held_on": "2025-03-01", "topic": "宪法"}
    with pytest.raises(ValidationError) as exc:
        record(users.justice, "lecture", D(2025, 3, 1), district.jyj, topic="宪法")
    assert exc.value.message_dict == {"people": [LECTURE_NEEDS_LEADER]}
    row = ["主要负责人讲法", "2025-03-01", "T-JYJ", "宪法", "", ""]
    assert imported(users.justice, "duties_activities", ACTIVITY_HEADERS, [row]) == [
        (2, "人员", LECTURE_NEEDS_LEADER)
    ]
    client.force_login(users.justice)
    api = client.post(
        "/api/duties/activities/", {**form, "organization": "T-JYJ"}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json() == {"people": [LECTURE_NEEDS_LEADER]}
    assert refused(
        client.post("/duties/", {**form, "organization": district.jyj.pk}), 400, LECTURE_NEEDS_LEADER
    )
    admin = client.post("/admin/duties/activity/add/", {**form, "organization": district.jyj.pk, "names": ""})
    assert refused(admin, 400, LECTURE_NEEDS_LEADER)
    assert not Activity.objects.exists()


def test_a_pre_meeting_study_is_held_by_the_district_government(client, users, district):
    message = "政府常务会议会前学法的单位应为区（县）人民政府，“测试区教育局”是政府工作部门。"
    form = {"kind": "pre_meeting_study", "held_on": "2025-03-01", "topic": "民法典", "meeting": "局务会"}
    with pytest.raises(ValidationError) as exc:
        record(
            users.justice, "pre_meeting_study", D(2025, 3, 1), district.jyj, topic="民法典", meeting="局务会"
        )
    assert exc.value.message_dict == {"organization": [message]}
    row = ["政府常务会议会前学法", "2025-03-01", "T-JYJ", "民法典", "局务会", ""]
    assert imported(users.justice, "duties_activities", ACTIVITY_HEADERS, [row]) == [(2, "单位代码", message)]
    client.force_login(users.justice)
    api = client.post(
        "/api/duties/activities/", {**form, "organization": "T-JYJ"}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json() == {"organization": [message]}
    assert refused(client.post("/duties/", {**form, "organization": district.jyj.pk}), 400, message)
    admin = client.post("/admin/duties/activity/add/", {**form, "organization": district.jyj.pk, "names": ""})
    assert refused(admin, 400, message)
    assert not Activity.objects.exists()


def test_an_activity_names_only_people_the_actor_may_see(client, users, district, leaders):
    # given the education bureau's leader, whom the market bureau's clerk may not see
    hidden = leaders["jyj"]
    message = f"您无权查看编号为{hidden.pk}的人员。"
    with pytest.raises(PermissionDenied, match=message):
        record(users.scj_clerk, "lecture", D(2025, 3, 1), district.scj, people=[hidden])
    client.force_login(users.scj_clerk)
    form = {"kind": "lecture", "held_on": "2025-03-01", "topic": "宪法"}
    api = client.post(
        "/api/duties/activities/",
        {**form, "organization": "T-SCJ", "people": [hidden.pk]},
        content_type="application/json",
    )
    assert api.status_code == 403 and message in str(api.json())
    # the page and admin never offer them: their choice of people holds only the units the actor may change (in
    # admin, which only administrators reach, the other district's administrator, who may not see them either)
    page = client.post("/duties/", {**form, "organization": district.scj.pk, "people": hidden.name})
    assert page.status_code == 400
    admin = via_admin(client, users.other_justice).post(
        "/admin/duties/activity/add/",
        {**form, "organization": district.other_dept.pk, "people_list": [hidden.pk]},
    )
    assert admin.status_code == 400 and hidden.name not in admin.content.decode()
    assert not Activity.objects.exists()


def _project(users, district, **fields):
    fields = {
        "name": "一支队伍管执法",
        "level": "national",
        "batch": "第三批",
        "applied_on": D(2024, 9, 10),
    } | fields
    return services.enter_project(actor=users.justice, organization=district.sfj, **fields)


def test_a_project_cannot_be_applied_for_after_today(client, users, district):
    message = "申报日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"
    with pytest.raises(ValidationError) as exc:
        _project(users, district, applied_on=D(2025, 7, 1))
    assert exc.value.message_dict == {"applied_on": [message]}
    row = ["一支队伍管执法", "T-SFJ", "全国", "第三批", "2025-07-01", None, None, None]
    assert imported(users.justice, "duties_demonstrations", PROJECT_HEADERS, [row]) == [
        (2, "申报日期", message)
    ]
    client.force_login(users.justice)
    form = {"name": "一支队伍管执法", "level": "national", "batch": "第三批", "applied_on": "2025-07-01"}
    api = client.post(
        "/api/duties/projects/", {**form, "organization": "T-SFJ"}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json() == {"applied_on": [message]}
    assert refused(client.post("/duties/projects/", {**form, "organization": district.sfj.pk}), 400, message)
    admin = client.post("/admin/duties/demonstrationproject/add/", {**form, "organization": district.sfj.pk})
    assert refused(admin, 400, message)
    assert not DemonstrationProject.objects.exists()


def test_a_stage_cannot_be_dated_after_today(client, users, district):
    project = _project(users, district)
    message = "入围日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"
    with pytest.raises(ValidationError) as exc:
        services.advance_project(
            actor=users.justice, project=project, transition="shortlist", on=D(2025, 7, 1)
        )
    assert exc.value.message_dict == {"shortlisted_on": [message]}
    row = ["一支队伍管执法", "T-SFJ", "全国", "第三批", "2024-09-10", "2025-07-01", None, None]
    assert imported(users.justice, "duties_demonstrations", PROJECT_HEADERS, [row]) == [
        (2, "入围日期", message)
    ]
    client.force_login(users.justice)
    step = {"transition": "shortlist", "on": "2025-07-01"}
    api = client.post(f"/api/duties/projects/{project.pk}/advance/", step, content_type="application/json")
    assert api.status_code == 400 and api.json() == {"shortlisted_on": [message]}
    assert refused(client.post(f"/duties/projects/{project.pk}/advance/", step), 400, message)
    project.refresh_from_db()
    assert (project.stage, project.shortlisted_on) == ("applied", None)


def test_a_stage_cannot_be_dated_before_the_stage_before_it(client, users, district):
    project = _project(users, district)
    message = "入围日期（2024-09-01）不能早于申报日期（2024-09-10）。"
    with pytest.raises(ValidationError) as exc:
        services.advance_project(
            actor=users.justice, project=project, transition="shortlist", on=D(2024, 9, 1)
        )
    assert exc.value.message_dict == {"shortlisted_on": [message]}
    row = ["一支队伍管执法", "T-SFJ", "全国", "第三批", "2024-09-10", "2024-09-01", None, None]
    assert imported(users.justice, "duties_demonstrations", PROJECT_HEADERS, [row]) == [
        (2, "入围日期", message)
    ]
    client.force_login(users.justice)
    step = {"transition": "shortlist", "on": "2024-09-01"}
    api = client.post(f"/api/duties/projects/{project.pk}/advance/", step, content_type="application/json")
    assert api.status_code == 400 and api.json() == {"shortlisted_on": [message]}
    assert refused(client.post(f"/duties/projects/{project.pk}/advance/", step), 400, message)
    project.refresh_from_db()
    assert (project.stage, project.shortlisted_on) == ("applied", None)


def test_a_historical_project_names_its_shortlist_before_a_later_stage(users, district):
    # the workflow names a project only after its shortlist (入围), on every level; a historical row says so too
    rows = [
        ["示范区", "T-SFJ", "自治区（省）级", "第二批", "2024-02-26", None, None, "2024-12-18"],
        ["一支队伍管执法", "T-SFJ", "全国", "第三批", "2024-09-10", None, "2025-05-22", None],
    ]
    assert imported(users.justice, "duties_demonstrations", PROJECT_HEADERS, rows) == [
        (2, "入围日期", "命名的项目须先入围，请填写入围日期。"),
        (3, "入围日期", "通过书面评审的项目须先填写入围日期。"),
    ]
    project = _project(users, district, level="regional", batch="第二批", applied_on=D(2024, 2, 26))
    with pytest.raises(ValidationError, match="当前状态“申报”下不能执行此操作"):
        services.advance_project(
            actor=users.justice, project=project, transition="name_project", on=D(2024, 12, 18)
        )
    assert DemonstrationProject.objects.get().stage == "applied"
