"""The ledgers of training sessions, attendance and supervision clues: template, import, a bad row importing nothing,
export imported back unchanged (masked ID numbers, handled clues), and a clerk refused in another unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.io.ledgers import template_xlsx
from fazhi.enforcement import services
from fazhi.enforcement.models import SupervisionClue, TrainingAttendance, TrainingSession
from tests import factories

from .test_certificates import errors, headers_of, load, round_trip

pytestmark = pytest.mark.django_db
D = dt.date

SESSION_HEADERS = ["组织单位代码", "培训主题", "培训日期", "学时", "培训形式"]
SESSION = ["T-SCJ", "食品安全执法专题培训", "2025-04-18", "3.5", "专题培训"]


def test_session_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_training_sessions")) == SESSION_HEADERS


def test_session_import_records_the_units_session(users, district):
    result = load("enforcement_training_sessions", users.scj_clerk, [SESSION_HEADERS, SESSION])

    assert result.created == 1, errors(result)
    s = TrainingSession.objects.get()
    assert (s.organization, s.held_on, s.hours, s.kind) == (
        district.scj,
        D(2025, 4, 18),
        Decimal("3.5"),
        "topic",
    )


def test_session_with_no_hours_imports_nothing(users, district):
    bad = ["T-SCJ", "旁听庭审", "2025-05-20", "0", "旁听庭审"]

    result = load("enforcement_training_sessions", users.scj_clerk, [SESSION_HEADERS, SESSION, bad])

    assert errors(result) == ["第3行“学时”列：学时应大于0。"]
    assert not TrainingSession.objects.exists()


def test_exported_sessions_import_back_unchanged(users, district):
    load(
        "enforcement_training_sessions",
        users.scj_clerk,
        [SESSION_HEADERS, SESSION, ["T-SCJ", "轮训", "2025-06-01", "8", "轮训"]],
    )

    _, result = round_trip("enforcement_training_sessions", users.scj_clerk)

    assert (result.total, result.unchanged, result.created) == (2, 2, 0), errors(result)


def test_unit_clerk_cannot_import_another_units_session(users, district):
    result = load("enforcement_training_sessions", users.jyj_clerk, [SESSION_HEADERS, SESSION])

    assert errors(result) == ["第2行：您无权为“测试区市场监督管理局”新建执法培训。"]
    assert not TrainingSession.objects.exists()


# 参训记录 ----------------------------------------------------------------------------------------------------

ATTENDANCE_HEADERS = ["组织单位代码", "培训主题", "培训日期", "参训人员", "身份证号"]


def attendance_row(person, number=None):
    return ["T-SCJ", "食品安全执法专题培训", "2025-04-18", person.name, number or person.id_number]


def test_attendance_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_training_attendance")) == ATTENDANCE_HEADERS


def test_attendance_import_records_who_attended(users, session, officer, district):
    other = factories.person(district.team, name="钱参训")

    result = load(
        "enforcement_training_attendance",
        users.scj_clerk,
        [ATTENDANCE_HEADERS, attendance_row(officer), attendance_row(other)],
    )

    assert result.created == 2, errors(result)
    assert set(session.attendances.values_list("person__name", flat=True)) == {"王执法", "钱参训"}


def test_attendance_of_an_unknown_session_or_twice_imports_nothing(users, session, officer):
    wrong = attendance_row(officer)
    wrong[2] = "2025-04-19"

    result = load(
        "enforcement_training_attendance",
        users.scj_clerk,
        [ATTENDANCE_HEADERS, attendance_row(officer), attendance_row(officer), wrong],
    )

    assert errors(result) == [
        "第3行“参训人员”列：与第2行重复。",
        "第4行“培训主题”列：没有2025-04-19由“T-SCJ”组织的“食品安全执法专题培训”培训，请先在执法培训台账中登记。",
    ]
    assert not TrainingAttendance.objects.exists()


def test_exported_attendance_with_masked_numbers_imports_back_unchanged(users, session, officer):
    services.record_attendance(actor=users.scj_clerk, session=session, person=officer)

    content, result = round_trip("enforcement_training_attendance", users.scj_clerk)

    assert officer.id_number.encode() not in content
    assert (result.total, result.unchanged) == (1, 1), errors(result)
    masked_new = load(
        "enforcement_training_attendance",
        users.scj_clerk,
        [
            ATTENDANCE_HEADERS,
            attendance_row(factories.person(session.organization, name="孙新"), "640303********0000"),
        ],
    )
    assert errors(masked_new) == [
        "第2行“身份证号”列：新增记录须填写完整的身份证号（不能是脱敏号码）；脱敏号码只能原样导回已有记录。"
    ]


def test_unit_clerk_cannot_import_attendance_of_another_units_session(users, session, officer):
    result = load(
        "enforcement_training_attendance", users.jyj_clerk, [ATTENDANCE_HEADERS, attendance_row(officer)]
    )

    assert errors(result) == ["第2行：您无权为“测试区市场监督管理局”新建参训记录。"]
    assert not TrainingAttendance.objects.exists()


# 执法监督线索 ---------------------------------------------------------------------------------------------------

CLUE_HEADERS = [
    "记录编号",
    "线索来源",
    "来源编号",
    "受理日期",
    "承办单位代码",
    "执法主体单位代码",
    "执法主体",
    "涉企",
    "诉求分类",
    "线索内容",
    "办理期限",
    "状态",
    "办理结果",
    "办结日期",
]


def clue_row(**changes):
    row = dict(
        zip(
            CLUE_HEADERS,
            [
                "",
                "企业联系点",
                "LXD-2025-01",
                "2024-09-25",
                "T-SCJ",
                "T-SCJ-ZD",
                "测试区市场监管执法大队",
                "是",
                "市场监管",
                "重复检查",
                "",
                "",
                "",
                "",
            ],
            strict=True,
        )
    )
    row.update(changes)
    return list(row.values())


def test_clue_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_clues")) == CLUE_HEADERS


def test_clue_import_registers_with_a_computed_deadline(users, district, body):
    result = load("enforcement_clues", users.supervisor, [CLUE_HEADERS, clue_row()])

    assert result.created == 1, errors(result)
    clue = SupervisionClue.objects.get()
    assert (clue.source, clue.body, clue.enterprise_related, clue.status) == (
        "contact_point",
        body,
        True,
        "registered",
    )
    assert clue.due_on == D(2024, 10, 21) and "国庆节" in clue.due_explanation


def test_handled_history_comes_in_closed_with_its_result_checked_by_the_clue_rules(users, district, body):
    closed = clue_row(来源编号="LXD-2024-02", 状态="已办结", 办理结果="已整改", 办结日期="2024-10-10")
    handling = clue_row(来源编号="LXD-2024-03", 状态="办理中")

    result = load("enforcement_clues", users.supervisor, [CLUE_HEADERS, closed, handling])

    assert result.created == 2, errors(result)
    done = SupervisionClue.objects.get(external_number="LXD-2024-02")
    assert (done.status, done.result, done.handled_on) == ("closed", "已整改", D(2024, 10, 10))
    assert SupervisionClue.objects.get(external_number="LXD-2024-03").status == "handling"
    _, again = round_trip("enforcement_clues", users.supervisor)
    assert (again.total, again.unchanged) == (2, 2), errors(again)


def test_clue_file_with_a_bad_closed_row_or_unknown_unit_imports_nothing(users, district, body):
    no_result = clue_row(来源编号="LXD-2025-02", 状态="已办结", 办结日期="2024-10-10")
    before_receipt = clue_row(来源编号="LXD-2025-04", 状态="已办结", 办理结果="已整改", 办结日期="2024-09-01")
    unknown = clue_row(来源编号="LXD-2025-03", 承办单位代码="T-NONE")

    result = load(
        "enforcement_clues", users.supervisor, [CLUE_HEADERS, clue_row(), no_result, unknown, before_receipt]
    )

    assert errors(result) == [
        "第3行“办理结果”列：办结线索须写明办理结果。",
        "第4行“承办单位代码”列：单位代码“T-NONE”不存在。",
        "第5行“办结日期”列：办结日期不能早于受理日期。",
    ]
    assert not SupervisionClue.objects.exists()


def test_exported_clues_import_back_unchanged_and_handling_is_not_changed_by_import(users, district, body):
    handled = services.register_clue(
        actor=users.supervisor,
        source="complaint",
        received_on=D(2024, 5, 6),
        organization=district.scj,
        content="乱收费",
    )
    services.start_handling(actor=users.supervisor, clue=handled)
    services.close_clue(actor=users.supervisor, clue=handled, result="已退还费用", handled_on=D(2024, 5, 20))
    load("enforcement_clues", users.supervisor, [CLUE_HEADERS, clue_row()])

    _, result = round_trip("enforcement_clues", users.supervisor)
    assert (result.total, result.unchanged) == (2, 2), errors(result)

    reopened = clue_row(
        记录编号=str(handled.pk),
        线索来源="投诉举报",
        来源编号="",
        受理日期="2024-05-06",
        执法主体单位代码="",
        执法主体="",
        线索内容="乱收费",
        状态="办理中",
    )
    assert errors(load("enforcement_clues", users.supervisor, [CLUE_HEADERS, reopened])) == [
        "第2行“状态”列：线索的办理状态、办理结果和办结日期须在线索页面办理，导入不能变更。"
    ]
    handled.refresh_from_db()
    assert handled.status == "closed"


def test_unit_clerk_cannot_import_clues_for_another_unit(users, district, body):
    result = load("enforcement_clues", users.jyj_clerk, [CLUE_HEADERS, clue_row()])

    assert errors(result) == ["第2行：您无权为“测试区市场监督管理局”新建执法监督线索。"]
    assert not SupervisionClue.objects.exists()


def test_a_clue_file_without_record_or_source_numbers_imports_again_unchanged(users, district, body):
    rows = [
        CLUE_HEADERS,
        clue_row(来源编号="", 状态="已办结", 办理结果="已整改", 办结日期="2024-10-10"),
        clue_row(来源编号="", 线索内容="另一条线索"),
    ]

    first = load("enforcement_clues", users.supervisor, rows)
    again = load("enforcement_clues", users.supervisor, rows)

    assert first.created == 2, errors(first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2), errors(again)
    assert SupervisionClue.objects.count() == 2
