"""The ledgers of bodies, item lists, certificates, exams and reviews: the template opens with its Chinese headers, an
import creates through the services' rules, a bad row imports nothing and says where, an export imports back
unchanged (masked ID numbers included), and a unit clerk imports nothing into another unit."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from fazhi.core.io.ledgers import export_for, run_import, template_xlsx
from fazhi.core.models import AuditEvent, Setting
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    Certificate,
    CertificateExam,
    CertificateReview,
    EnforcementBody,
    EnforcementPower,
)
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def load(code, actor, rows, *, filename="台账.csv"):
    content = csv_bytes(rows) if filename.endswith(".csv") else rows
    return run_import(code, content=content, filename=filename, actor=actor, dry_run=False)


def headers_of(content: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames[1] == "填写说明"
    return [c.value for c in wb.worksheets[0][1]]


def round_trip(code, actor):
    content = export_for(actor=actor, ledger=code)
    result = run_import(code, content=content, filename="导出.xlsx", actor=actor, dry_run=False)
    return content, result


def errors(result) -> list[str]:
    return [str(e) for e in result.errors]


BODY_HEADERS = ["所在单位代码", "执法主体名称", "执法职权依据", "执法监督机关代码", "状态"]
TOWN_BODY = ["T-LHZ", "测试区莲花镇人民政府", "《行政处罚法》第二十四条", "T-SFJ", "在用"]


# 行政执法主体 ---------------------------------------------------------------------------------------------------


def test_body_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_bodies")) == BODY_HEADERS


def test_body_import_registers_the_body_with_its_supervision_organ(users, district):
    result = load("enforcement_bodies", users.justice, [BODY_HEADERS, TOWN_BODY])

    assert (result.imported, result.created) == (True, 1), errors(result)
    body = EnforcementBody.objects.get(name="测试区莲花镇人民政府")
    assert (body.organization, body.supervision_organ, body.status) == (district.town, district.sfj, "active")
    assert AuditEvent.objects.filter(object_id=str(body.pk), note__startswith="台账导入").exists()


def test_body_file_with_an_unknown_unit_imports_nothing(users, district):
    bad = ["T-XX", "不存在的主体", "《行政处罚法》", "", ""]

    result = load("enforcement_bodies", users.justice, [BODY_HEADERS, TOWN_BODY, bad])

    assert errors(result) == ["第3行“所在单位代码”列：单位代码“T-XX”不存在。"]
    assert not EnforcementBody.objects.exists()


def test_exported_bodies_import_back_unchanged(users, district, body):
    load("enforcement_bodies", users.justice, [BODY_HEADERS, TOWN_BODY])

    _, result = round_trip("enforcement_bodies", users.justice)

    assert (result.total, result.created, result.updated, result.unchanged) == (2, 0, 0, 2), errors(result)


def test_unit_clerk_cannot_import_a_body_of_another_unit_nor_register_one_of_their_own(
    users, district, team_clerk
):
    result = load("enforcement_bodies", users.jyj_clerk, [BODY_HEADERS, TOWN_BODY])
    assert errors(result) == ["第2行：您无权为“测试区莲花镇”新建行政执法主体。"]

    own = ["T-SCJ-ZD", "测试区市场监管执法大队", "《市场监督管理行政处罚程序规定》第四条", "", "在用"]
    checked = run_import(
        "enforcement_bodies",
        content=csv_bytes([BODY_HEADERS, own]),
        filename="台账.csv",
        actor=team_clerk,
        dry_run=True,
    )
    refused = load("enforcement_bodies", team_clerk, [BODY_HEADERS, own])
    said = ["第2行：登记行政执法主体或变更其状态由司法局（执法监督机构）办理，您无权导入。"]
    assert errors(checked) == said  # the dry run refuses what the import refuses
    assert not refused.imported and errors(refused) == said
    assert not EnforcementBody.objects.exists()


def test_body_units_clerk_updates_its_basis_but_not_its_status(users, body, team_clerk):
    row = ["T-SCJ-ZD", body.name, "《食品安全法》第一百一十条", "T-SFJ", "在用"]
    assert load("enforcement_bodies", team_clerk, [BODY_HEADERS, row]).updated == 1
    body.refresh_from_db()
    assert body.legal_basis == "《食品安全法》第一百一十条"

    refused = load("enforcement_bodies", team_clerk, [BODY_HEADERS, [*row[:4], "撤销"]])
    assert not refused.imported
    assert errors(refused) == [
        "第2行：登记行政执法主体或变更其状态由司法局（执法监督机构）办理，您无权导入。"
    ]
    body.refresh_from_db()
    assert body.status == "active"


# 行政执法事项清单 -----------------------------------------------------------------------------------------------

POWER_HEADERS = ["执法主体单位代码", "执法主体", "事项类别", "事项名称", "实施依据"]
POWER = [
    "T-SCJ-ZD",
    "测试区市场监管执法大队",
    "行政处罚",
    "对经营超过保质期食品的处罚",
    "《食品安全法》第一百二十四条",
]


def test_power_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_powers")) == POWER_HEADERS


def test_body_units_clerk_imports_its_item_list(body, team_clerk):
    result = load("enforcement_powers", team_clerk, [POWER_HEADERS, POWER])

    assert result.created == 1, errors(result)
    power = EnforcementPower.objects.get()
    assert (power.body, power.kind, power.legal_basis) == (body, "penalty", "《食品安全法》第一百二十四条")


def test_power_with_an_unknown_kind_or_body_imports_nothing(body, team_clerk):
    bad_kind = [*POWER[:2], "罚款", "对无证经营的处罚", "《食品安全法》"]
    bad_body = ["T-SCJ-ZD", "没有这个主体", "行政检查", "日常检查", "《食品安全法》"]

    result = load("enforcement_powers", team_clerk, [POWER_HEADERS, POWER, bad_kind, bad_body])

    assert errors(result)[0].startswith("第3行“事项类别”列：“罚款”不是可选值，应为：行政处罚、行政强制")
    assert errors(result)[1] == (
        "第4行“执法主体”列：单位“T-SCJ-ZD”没有名为“没有这个主体”的执法主体，请先在执法主体台账中登记。"
    )
    assert not EnforcementPower.objects.exists()


def test_exported_item_list_imports_back_unchanged(body, team_clerk):
    load(
        "enforcement_powers",
        team_clerk,
        [POWER_HEADERS, POWER, [*POWER[:2], "行政检查", "日常检查", "《食品安全法》"]],
    )

    _, result = round_trip("enforcement_powers", team_clerk)

    assert (result.total, result.unchanged, result.created) == (2, 2, 0), errors(result)


def test_unit_clerk_cannot_import_items_of_another_units_body(users, body):
    result = load("enforcement_powers", users.jyj_clerk, [POWER_HEADERS, POWER])

    assert errors(result) == ["第2行：您无权为“测试区市场监管执法大队”新建行政执法事项。"]
    assert not EnforcementPower.objects.exists()


# 执法证件 ----------------------------------------------------------------------------------------------------

CERT_HEADERS = [
    "证件编号",
    "证件类别",
    "持证人",
    "身份证号",
    "执法主体单位代码",
    "执法主体",
    "执法区域和执法类别",
    "发证日期",
    "有效期至",
    "状态",
    "注销原因",
    "注销日期",
    "注销说明",
    "平台启用前核发",
]


def cert_row(person, number="64030002", *, issued="2024-03-01", id_number=None):
    return [
        number,
        "行政执法证",
        person.name,
        id_number or person.id_number,
        "T-SCJ-ZD",
        "测试区市场监管执法大队",
        "测试区；市场监管",
        issued,
        "2029-02-28",
        "",
        "",
        "",
        "",
        "",
    ]


def test_certificate_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_certificates")) == CERT_HEADERS


def test_certificate_import_issues_after_a_passed_exam(users, body, officer):
    services.record_exam(actor=users.justice, person=officer, body=body, exam_on=D(2024, 1, 20), score=80)

    result = load("enforcement_certificates", users.justice, [CERT_HEADERS, cert_row(officer)])

    assert result.created == 1, errors(result)
    c = Certificate.objects.get(number="64030002")
    assert (c.person, c.body, c.issued_on, c.valid_until, c.status) == (
        officer,
        body,
        D(2024, 3, 1),
        D(2029, 2, 28),
        "valid",
    )


def test_certificate_without_a_passed_exam_or_with_a_masked_number_imports_nothing(users, body, district):
    no_exam = factories.person(district.team, name="李无考")
    other = factories.person(district.team, name="赵脱敏")

    result = load(
        "enforcement_certificates",
        users.justice,
        [CERT_HEADERS, cert_row(no_exam), cert_row(other, "64030003", id_number=other.masked_id_number)],
    )

    assert errors(result) == [
        "第2行“发证日期”列：核发行政执法证须经行政执法资格考试合格，且考试在核发日前365日内"
        "（行政处罚法第四十二条：执法人员应当具有行政执法资格）。",
        "第3行“身份证号”列：新增记录须填写完整的身份证号（不能是脱敏号码）；脱敏号码只能原样导回已有记录。",
    ]
    assert not Certificate.objects.exists()


def test_exported_certificates_carry_masked_numbers_and_import_back_unchanged(users, certificate, officer):
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="retirement", cancelled_on=D(2026, 6, 30)
    )

    content, result = round_trip("enforcement_certificates", users.justice)

    row = [c.value for c in load_workbook(io.BytesIO(content)).worksheets[0][2]]
    assert row[3] == officer.masked_id_number and officer.id_number not in row
    assert row[9:12] == ["注销", "退休", dt.datetime(2026, 6, 30)]
    assert (result.total, result.unchanged) == (1, 1), errors(result)


def test_certificate_import_cannot_cancel_or_change_the_holder(users, certificate, officer):
    cancelled = cert_row(officer, "64030001", id_number=officer.masked_id_number)
    cancelled[9:12] = ["注销", "退休", "2026-06-30"]
    renamed = cert_row(officer, "64030001", id_number=officer.masked_id_number)
    renamed[7] = "2024-04-01"

    assert errors(load("enforcement_certificates", users.justice, [CERT_HEADERS, cancelled])) == [
        "第2行“状态”列：证件的状态和注销须在证件页面或管理后台办理（注销），导入不能变更。"
    ]
    assert errors(load("enforcement_certificates", users.justice, [CERT_HEADERS, renamed])) == [
        "第2行“发证日期”列：已核发证件的发证日期不能修改；只能修改执法区域和有效期。"
    ]
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def legacy_row(person, number, *, issued="2019-05-10", cancelled=None):
    row = cert_row(person, number, issued=issued)
    row[8] = "2024-05-09"
    row[13] = "是"
    if cancelled:
        row[9:12] = ["注销", cancelled[0], cancelled[1]]
    return row


@pytest.fixture
def platform_started(db):
    Setting.objects.create(key="enforcement.platform_started_on", value="2025-01-01")


def test_certificates_issued_before_the_platform_come_in_without_an_exam_and_cancelled_with_their_reason(
    users, body, district, platform_started
):
    holder = factories.person(district.team, name="钱在岗")
    retired = factories.person(district.team, name="孙退休", is_active=False)

    result = load(
        "enforcement_certificates",
        users.justice,
        [
            CERT_HEADERS,
            legacy_row(holder, "L-0001"),
            legacy_row(retired, "L-0002", cancelled=("退休", "2023-08-31")),
        ],
    )

    assert (result.imported, result.created) == (True, 2), errors(result)
    assert not CertificateExam.objects.exists()
    valid, cancelled = Certificate.objects.order_by("number")
    assert (valid.status, valid.issued_on) == ("valid", D(2019, 5, 10))
    assert (cancelled.status, cancelled.cancel_reason, cancelled.cancelled_on) == (
        "cancelled",
        "retirement",
        D(2023, 8, 31),
    )
    _, again = round_trip("enforcement_certificates", users.justice)
    assert (again.total, again.unchanged) == (2, 2), errors(again)


def test_history_certificates_are_checked_by_the_same_rules(users, body, district, officer):
    before_setting = load(
        "enforcement_certificates", users.justice, [CERT_HEADERS, legacy_row(officer, "L-1")]
    )
    assert errors(before_setting) == [
        "第2行“发证日期”列：未设置“本平台启用日期（执法证件）”，不能导入平台启用前核发的历史证件；请系统管理员先设置该日期。"
    ]
    Setting.objects.create(key="enforcement.platform_started_on", value="2025-01-01")
    elsewhere = factories.person(district.jyj, name="周教育")
    no_reason = legacy_row(officer, "L-3", cancelled=("", "2023-08-31"))
    not_legacy = cert_row(officer, "L-4")
    not_legacy[9:12] = ["注销", "退休", "2024-08-31"]

    result = load(
        "enforcement_certificates",
        users.justice,
        [
            CERT_HEADERS,
            legacy_row(officer, "L-2", issued="2025-03-01"),
            no_reason,
            not_legacy,
            legacy_row(elsewhere, "L-5"),
        ],
    )

    assert errors(result) == [
        "第2行“发证日期”列：平台启用前核发的历史证件，发证日期须早于本平台启用日期（2025-01-01）；此后核发的证件须先有资格考试记录。",
        "第3行“注销原因”列：注销行政执法证须写明注销原因（调动、退休、辞职、辞退或其他）。",
        "第4行“状态”列：只有平台启用前核发的历史证件可以以注销状态导入；其他证件须在证件页面注销。",
        "第5行“持证人”列：周教育不是执法主体“测试区市场监管执法大队”所在单位的人员。",
    ]
    assert not Certificate.objects.exists()


def test_unit_clerk_cannot_import_certificates(users, body, officer, team_clerk):
    services.record_exam(actor=users.justice, person=officer, body=body, exam_on=D(2024, 1, 20), score=80)

    result = load("enforcement_certificates", users.jyj_clerk, [CERT_HEADERS, cert_row(officer)])
    assert errors(result) == ["第2行：您无权为“测试区市场监管执法大队”新建执法证件。"]
    refused = load("enforcement_certificates", team_clerk, [CERT_HEADERS, cert_row(officer)])
    assert not refused.imported and any("核发和变更执法证件由司法局" in e for e in errors(refused))
    assert not Certificate.objects.exists()


# 资格考试 ----------------------------------------------------------------------------------------------------

EXAM_HEADERS = ["考生", "身份证号", "执法主体单位代码", "执法主体", "考试日期", "成绩", "合格"]


def exam_row(person, score="85", day="2025-05-16"):
    return [person.name, person.id_number, "T-SCJ-ZD", "测试区市场监管执法大队", day, score, ""]


def test_exam_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_exams")) == EXAM_HEADERS


def test_exam_import_decides_passing_from_the_pass_mark(users, body, officer, district):
    other = factories.person(district.team, name="钱未过")

    result = load(
        "enforcement_exams", users.justice, [EXAM_HEADERS, exam_row(officer), exam_row(other, "55.5")]
    )

    assert result.created == 2, errors(result)
    assert {(e.person.name, e.score, e.passed) for e in CertificateExam.objects.all()} == {
        ("王执法", Decimal("85.0"), True),
        ("钱未过", Decimal("55.5"), False),
    }


def test_exam_with_a_score_over_100_or_a_wrong_name_imports_nothing(users, body, officer):
    wrong_name = exam_row(officer, day="2025-06-01")
    wrong_name[0] = "王某"

    result = load("enforcement_exams", users.justice, [EXAM_HEADERS, exam_row(officer, "120"), wrong_name])

    assert errors(result) == [
        "第2行“成绩”列：成绩应在0至100分之间。",
        "第3行“考生”列：姓名与身份证号对应的人员“王执法”不一致。",
    ]
    assert not CertificateExam.objects.exists()


def test_exported_exams_import_back_unchanged_and_scores_are_not_changed_by_import(users, body, officer):
    load("enforcement_exams", users.justice, [EXAM_HEADERS, exam_row(officer, "78.5")])

    content, result = round_trip("enforcement_exams", users.justice)
    assert (result.total, result.unchanged) == (1, 1), errors(result)

    changed = [
        officer.name,
        officer.masked_id_number,
        "T-SCJ-ZD",
        "测试区市场监管执法大队",
        "2025-05-16",
        "90",
        "",
    ]
    result = load("enforcement_exams", users.justice, [EXAM_HEADERS, changed])
    assert errors(result) == ["第2行“成绩”列：考试成绩录入后不能通过导入修改。"]
    assert CertificateExam.objects.get().score == Decimal("78.5")


def test_unit_clerk_cannot_import_exams(users, body, officer):
    result = load("enforcement_exams", users.jyj_clerk, [EXAM_HEADERS, exam_row(officer)])

    assert errors(result) == ["第2行：您无权为“测试区市场监管执法大队”新建行政执法资格考试。"]
    assert not CertificateExam.objects.exists()


# 审验 -------------------------------------------------------------------------------------------------------

REVIEW_HEADERS = ["证件编号", "审验年度", "审验日期", "审验合格", "不合格原因"]


def test_review_template_has_the_chinese_headers():
    assert headers_of(template_xlsx("enforcement_reviews")) == REVIEW_HEADERS


def test_review_import_records_passed_and_failed_reviews(users, certificate):
    rows = [
        REVIEW_HEADERS,
        ["64030001", "2024", "2025-03-10", "是", ""],
        ["64030001", "2025", "2026-03-10", "否", "未完成培训学时"],
    ]

    result = load("enforcement_reviews", users.justice, rows)

    assert result.created == 2, errors(result)
    assert list(certificate.reviews.values_list("year", "passed", "reason")) == [
        (2024, True, ""),
        (2025, False, "未完成培训学时"),
    ]


def test_failed_review_without_reason_or_after_cancellation_imports_nothing(users, certificate):
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=D(2025, 12, 1)
    )
    rows = [
        REVIEW_HEADERS,
        ["64030001", "2024", "2025-03-10", "否", ""],
        ["64030001", "2025", "2026-03-10", "是", ""],
    ]

    result = load("enforcement_reviews", users.justice, rows)

    assert errors(result) == [
        "第2行“不合格原因”列：审验不合格的，须写明不合格原因。",
        "第3行“审验日期”列：证件64030001已于2025-12-01注销，不能再审验。",
    ]
    assert not CertificateReview.objects.exists()


def test_exported_reviews_import_back_unchanged(users, certificate):
    load("enforcement_reviews", users.justice, [REVIEW_HEADERS, ["64030001", "2024", "2025-03-10", "是", ""]])

    _, result = round_trip("enforcement_reviews", users.justice)

    assert (result.total, result.unchanged) == (1, 1), errors(result)


def test_unit_clerk_cannot_import_reviews(users, certificate):
    result = load(
        "enforcement_reviews", users.jyj_clerk, [REVIEW_HEADERS, ["64030001", "2024", "2025-03-10", "是", ""]]
    )

    assert errors(result) == ["第2行：您无权为“测试区市场监管执法大队”新建证件审验。"]
    assert not CertificateReview.objects.exists()
