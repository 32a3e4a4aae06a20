"""The decisions ledgers (决策事项目录, 法律顾问列席会议, 法律顾问审查) on the ledger framework: templates, import of a
good file, row and column errors that import nothing, export of what the user may see that imports back unchanged,
and the catalog that takes items only while it is being compiled."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.io import ledgers
from fazhi.core.io.ledgers import RowError, run_import
from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.ledgers import AdvisorAttendanceLedger, AdvisorReviewLedger, CatalogItemLedger
from fazhi.decisions.models import (
    AdvisorAttendance,
    AdvisorReview,
    CatalogItem,
    DecisionCatalog,
    LegalAdvisor,
)

D = dt.date
CATALOG_HEADERS = ["年度", "决策机关代码", "决策事项", "承办单位代码", "计划完成时间", "计划完成日期", "序号"]
ATTENDANCE_HEADERS = ["法律顾问", "召集单位代码", "会议类型", "会议名称", "会议日期"]
REVIEW_HEADERS = [
    "记录编号",
    "法律顾问",
    "委托单位代码",
    "审查事项",
    "事项类型",
    "收到日期",
    "出具意见日期",
    "审查意见",
    "是否采纳",
]
FIRM = "宁夏明理律师事务所"
END_OF_Q3 = D(2025, 9, 30)
MEETING_DAY = D(2024, 6, 12)
RECEIVED = D(2024, 3, 4)


def xlsx(headers: list, rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def gbk_csv(headers: list, rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode("gbk")


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def events() -> int:
    return AuditEvent.objects.count()


def item_row(title, *, year=2025, body="T", lead="T-JYJ", when="2025年第三季度", by=END_OF_Q3, order=None):
    return [year, body, title, lead, when, by, order]


def meeting_row(name, *, advisor=FIRM, unit="T", kind="政府常务会议", held_on=MEETING_DAY):
    return [advisor, unit, kind, name, held_on]


def review_row(
    subject,
    *,
    pk=None,
    advisor=FIRM,
    unit="T-JYJ",
    kind="合同",
    received=RECEIVED,
    completed=None,
    opinion="",
    adopted="",
):
    return [pk, advisor, unit, subject, kind, received, completed, opinion, adopted]


# Templates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "headers"),
    [
        ("decision_catalog_items", CATALOG_HEADERS),
        ("advisor_attendances", ATTENDANCE_HEADERS),
        ("advisor_reviews", REVIEW_HEADERS),
    ],
)
def test_each_decisions_ledger_has_a_template_with_its_chinese_headers(db, code, headers):
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx(code)))

    assert [c.value for c in wb.worksheets[0][1]] == headers
    explained = {row[0]: row for row in wb["填写说明"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(headers) <= set(explained)


def test_templates_explain_the_choices_in_chinese(db):
    def choices(code):
        notes = load_workbook(io.BytesIO(ledgers.template_xlsx(code)))["填写说明"]
        return {row[0]: row[3] for row in notes.iter_rows(min_row=2, values_only=True) if row[0]}

    assert choices("advisor_attendances")["会议类型"] == "政府常务会议、专题会议、其他会议"
    assert "规范性文件" in choices("advisor_reviews")["事项类型"]
    assert choices("advisor_reviews")["是否采纳"] == "是、否"


def test_the_ledgers_are_registered_with_their_models(db):
    assert isinstance(ledgers.get("decision_catalog_items"), CatalogItemLedger)
    assert isinstance(ledgers.get("advisor_attendances"), AdvisorAttendanceLedger)
    assert isinstance(ledgers.get("advisor_reviews"), AdvisorReviewLedger)


# Decision catalog -----------------------------------------------------------------------------------------------


def test_catalog_items_import_into_a_new_draft_catalog_created_for_the_body_and_year(users, district):
    # given a file of the 2025 catalog, which does not exist yet; the second item has no 序号
    rows = [
        item_row("老旧小区改造", order=1),
        item_row("农贸市场改造", lead="T-SCJ", when="2025年第四季度", by=D(2025, 12, 31)),
    ]

    result = run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, rows),
        filename="2025目录.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    # then the district government's 2025 catalog is created in the draft state, with both items in order
    assert result.ok, result.errors
    assert (result.created, result.imported) == (2, True)
    catalog = DecisionCatalog.objects.get(organization=district.root, year=2025)
    assert catalog.status == DecisionCatalog.Status.DRAFT
    assert catalog.title == "测试区人民政府2025年度重大行政决策事项目录"
    items = list(catalog.items.order_by("sort_order"))
    assert [(i.title, i.lead_unit.code, i.planned_by, i.sort_order) for i in items] == [
        ("老旧小区改造", "T-JYJ", D(2025, 9, 30), 1),
        ("农贸市场改造", "T-SCJ", D(2025, 12, 31), 2),
    ]
    # and the new catalog and each item have their audit event
    created = AuditEvent.objects.filter(action="create")
    assert created.filter(model_label="decisions.decisioncatalog", object_id=str(catalog.pk)).exists()
    assert created.filter(model_label="decisions.catalogitem").count() == 2


def test_a_catalog_created_by_import_is_audited_as_created_by_the_importing_user(users, district):
    run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, [item_row("老旧小区改造")]),
        filename="2025目录.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    catalog = DecisionCatalog.objects.get(year=2025)
    event = AuditEvent.objects.get(model_label="decisions.decisioncatalog", object_id=str(catalog.pk))
    assert event.actor_id == users.justice.pk


def test_a_dry_run_of_a_new_years_catalog_creates_neither_catalog_nor_items(users, district):
    before = events()

    result = run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, [item_row("老旧小区改造")]),
        filename="2025目录.xlsx",
        actor=users.justice,
    )

    assert result.ok and result.created == 1 and not result.imported
    assert not DecisionCatalog.objects.filter(year=2025).exists()
    assert events() == before


def test_catalog_items_of_a_gbk_csv_are_added_to_the_existing_draft_catalog(users, district):
    catalog = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=catalog,
        title="已有事项",
        lead_unit=district.jyj,
        planned_time="2025年第二季度",
        planned_by=D(2025, 6, 30),
    )
    rows = [item_row("新增事项", by="2025-09-30")]

    result = run_import(
        "decision_catalog_items",
        content=gbk_csv(CATALOG_HEADERS, rows),
        filename="目录.csv",
        actor=users.justice,
        dry_run=False,
    )

    assert result.ok, result.errors
    assert DecisionCatalog.objects.filter(year=2025).count() == 1
    assert list(catalog.items.order_by("sort_order").values_list("title", "sort_order")) == [
        ("已有事项", 1),
        ("新增事项", 2),
    ]


def test_adding_items_to_an_approved_catalog_by_import_is_refused(users, district, catalog):
    # given the 2024 catalog, approved and published, and a file that adds an item to it
    rows = [
        item_row("2025年的事项", year=2025),
        item_row("追加的事项", year=2024, when="2024年第四季度", by=D(2024, 12, 31)),
    ]
    before = (CatalogItem.objects.count(), DecisionCatalog.objects.count(), events())

    result = run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, rows),
        filename="目录.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    # then the row is refused in Chinese, and not even the good row (nor its new catalog) is imported
    assert [(e.row, e.column) for e in result.errors] == [(3, "决策事项")]
    assert "已公布，只有编制中的目录可以增加或修改事项" in result.errors[0].message
    assert (CatalogItem.objects.count(), DecisionCatalog.objects.count(), events()) == before


def test_changing_an_item_of_an_approved_catalog_by_import_is_refused(users, district, catalog):
    content = ledgers.export_for(actor=users.justice, ledger="decision_catalog_items")
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        if row[2].value == "中小学布局调整":
            row[4].value = "2024年第四季度"
    out = io.BytesIO()
    wb.save(out)

    result = run_import(
        "decision_catalog_items",
        content=out.getvalue(),
        filename="目录.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert [e.column for e in result.errors] == ["决策事项"]
    assert "只有编制中的目录可以增加或修改事项" in result.errors[0].message
    assert catalog.items.get(title="中小学布局调整").planned_time == "2024年第三季度"


def test_approved_catalog_exports_and_imports_back_unchanged(users, district, catalog):
    # given the published 2024 catalog, exported by the justice bureau
    content = ledgers.export_for(actor=users.justice, ledger="decision_catalog_items")
    rows = sheet_rows(content)
    assert rows[0] == tuple(CATALOG_HEADERS)
    assert {r[2] for r in rows[1:]} == {"中小学布局调整", "农贸市场改造"}
    assert rows[1][:2] == (2024, "T")
    before = events()

    # when it is imported back as it is
    result = run_import(
        "decision_catalog_items", content=content, filename="目录.xlsx", actor=users.justice, dry_run=False
    )

    # then every row is unchanged, even though the catalog no longer takes changes
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert events() == before


def test_editing_a_draft_catalogs_export_updates_the_item(users, district):
    run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, [item_row("老旧小区改造", order=1)]),
        filename="a.xlsx",
        actor=users.justice,
        dry_run=False,
    )
    content = ledgers.export_for(
        actor=users.justice, ledger="decision_catalog_items", filters={"catalog__year": 2025}
    )
    wb = load_workbook(io.BytesIO(content))
    wb.worksheets[0]["E2"] = "2025年第二季度"
    wb.worksheets[0]["F2"] = D(2025, 6, 30)
    out = io.BytesIO()
    wb.save(out)

    result = run_import(
        "decision_catalog_items",
        content=out.getvalue(),
        filename="b.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert (result.created, result.updated, result.errors) == (0, 1, [])
    item = CatalogItem.objects.get(title="老旧小区改造")
    assert (item.planned_time, item.planned_by, item.sort_order) == ("2025年第二季度", D(2025, 6, 30), 1)


CATALOG_BAD_ROWS = {
    "unknown decision body": (item_row("甲", body="T-NOPE"), "决策机关代码", "“T-NOPE”不存在"),
    "unknown lead unit": (item_row("甲", lead="T-NOPE"), "承办单位代码", "“T-NOPE”不存在"),
    "planned date outside the year": (
        item_row("甲", by=D(2026, 3, 31)),
        "计划完成日期",
        "目录年度（2025年）内",
    ),
    "missing planned time": (item_row("甲", when=None), "计划完成时间", "必填"),
    "year not a number": (item_row("甲", year="二〇二五"), "年度", "不是整数"),
}


@pytest.mark.parametrize("bad", CATALOG_BAD_ROWS.values(), ids=CATALOG_BAD_ROWS.keys())
def test_a_bad_catalog_row_imports_nothing_and_names_row_and_column(users, district, bad):
    row, header, reason = bad
    before = (CatalogItem.objects.count(), DecisionCatalog.objects.count(), events())

    result = run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, [item_row("好的事项"), row]),
        filename="目录.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert [(e.row, e.column) for e in result.errors] == [(3, header)]
    assert reason in result.errors[0].message
    assert (CatalogItem.objects.count(), DecisionCatalog.objects.count(), events()) == before


def test_one_item_twice_in_a_file_names_the_first_row(users, district):
    rows = [item_row("老旧小区改造"), item_row("其他事项"), item_row("老旧小区改造", lead="T-SCJ")]

    result = run_import(
        "decision_catalog_items", content=xlsx(CATALOG_HEADERS, rows), filename="a.xlsx", actor=users.justice
    )

    assert result.errors == [RowError(4, "决策事项", "与第2行重复。")]


def test_unit_clerk_cannot_add_items_to_the_district_governments_catalog(users, district):
    result = run_import(
        "decision_catalog_items",
        content=xlsx(CATALOG_HEADERS, [item_row("教育局自行列入")]),
        filename="a.xlsx",
        actor=users.jyj_clerk,
        dry_run=False,
    )

    assert [e.row for e in result.errors] == [2]
    # the same refusal, in the same words, as services.add_catalog_item
    assert result.errors[0].message == "增加目录事项由司法局（依法治区办）管理员办理。"
    assert not DecisionCatalog.objects.filter(year=2025).exists()


# Advisor attendances --------------------------------------------------------------------------------------------


def test_a_good_attendance_file_imports_and_a_second_import_changes_nothing(users, district, advisor):
    rows = [
        meeting_row("区政府第12次常务会议"),
        meeting_row("校园安全专题会议", unit="T-JYJ", kind="专题会议", held_on="2024-07-02"),
    ]
    content = xlsx(ATTENDANCE_HEADERS, rows)

    first = run_import(
        "advisor_attendances", content=content, filename="a.xlsx", actor=users.justice, dry_run=False
    )
    again = run_import(
        "advisor_attendances", content=content, filename="a.xlsx", actor=users.justice, dry_run=False
    )

    assert first.ok and first.created == 2, first.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    special = AdvisorAttendance.objects.get(meeting_name="校园安全专题会议")
    assert (special.advisor, special.organization, special.meeting_kind, special.held_on) == (
        advisor,
        district.jyj,
        AdvisorAttendance.MeetingKind.SPECIAL,
        D(2024, 7, 2),
    )


ATTENDANCE_BAD_ROWS = {
    "unknown advisor": (
        meeting_row("会议", advisor="不存在的律所"),
        "法律顾问",
        "没有名为“不存在的律所”的法律顾问",
    ),
    "date outside the contract": (
        meeting_row("会议", held_on=D(2025, 1, 6)),
        "会议日期",
        "不在宁夏明理律师事务所的聘期（2024-01-01至2024-12-31）内",
    ),
    "unknown unit code": (meeting_row("会议", unit="T-NOPE"), "召集单位代码", "单位代码“T-NOPE”不存在"),
    "bad meeting kind": (
        meeting_row("会议", kind="党组会议"),
        "会议类型",
        "“党组会议”不是可选值，应为：政府常务会议、专题会议、其他会议",
    ),
    "bad date": (meeting_row("会议", held_on="6月12日"), "会议日期", "不是有效日期"),
    "advisor of another district": (meeting_row("会议", unit="O-SFJ"), "法律顾问", "没有名为"),
}


@pytest.mark.parametrize("bad", ATTENDANCE_BAD_ROWS.values(), ids=ATTENDANCE_BAD_ROWS.keys())
def test_a_bad_attendance_row_imports_nothing_and_names_row_and_column(users, district, advisor, bad):
    # given a good row 2, a bad row 3 and a good row 4
    row, header, reason = bad
    rows = [
        meeting_row("区政府第12次常务会议"),
        row,
        meeting_row("区政府第13次常务会议", held_on=D(2024, 6, 26)),
    ]
    before = events()

    # when it is imported (by the system administrator, who may write anywhere)
    result = run_import(
        "advisor_attendances",
        content=xlsx(ATTENDANCE_HEADERS, rows),
        filename="a.xlsx",
        actor=users.admin,
        dry_run=False,
    )

    # then nothing is imported and the one error is on row 3, in its column, saying why
    assert not result.imported
    assert [(e.row, e.column) for e in result.errors] == [(3, header)]
    assert reason in result.errors[0].message
    assert str(result.errors[0]).startswith(f"第3行“{header}”列：")
    assert not AdvisorAttendance.objects.exists()
    assert events() == before


def test_an_advisor_retained_again_is_found_by_the_contract_in_force_on_the_day(users, district, advisor):
    # given the same firm retained again for 2025 under a new contract
    renewed = services.create_advisor(
        actor=users.justice,
        name=FIRM,
        kind=LegalAdvisor.Kind.LAW_FIRM,
        organization=district.root,
        contract_start=D(2025, 1, 1),
        contract_end=D(2025, 12, 31),
    )
    rows = [
        meeting_row("2024年的会议", held_on=D(2024, 11, 5)),
        meeting_row("2025年的会议", held_on=D(2025, 3, 4)),
    ]

    result = run_import(
        "advisor_attendances",
        content=xlsx(ATTENDANCE_HEADERS, rows),
        filename="a.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert result.ok, result.errors
    assert AdvisorAttendance.objects.get(meeting_name="2024年的会议").advisor == advisor
    assert AdvisorAttendance.objects.get(meeting_name="2025年的会议").advisor == renewed
    # and a day neither contract covers names the date
    late = run_import(
        "advisor_attendances",
        content=xlsx(ATTENDANCE_HEADERS, [meeting_row("2026年的会议", held_on=D(2026, 1, 5))]),
        filename="b.xlsx",
        actor=users.justice,
    )
    assert [e.column for e in late.errors] == ["会议日期"]


def test_attendance_export_imports_back_unchanged(users, district, advisor):
    for name, day in [("区政府第12次常务会议", D(2024, 6, 12)), ("区政府第13次常务会议", D(2024, 6, 26))]:
        services.record_attendance(
            actor=users.justice,
            advisor=advisor,
            organization=district.root,
            meeting_kind="executive",
            meeting_name=name,
            held_on=day,
        )
    content = ledgers.export_for(actor=users.justice, ledger="advisor_attendances")
    rows = sheet_rows(content)
    assert rows[0] == tuple(ATTENDANCE_HEADERS)
    assert rows[1][:4] == (FIRM, "T", "政府常务会议", "区政府第12次常务会议")
    before = events()

    result = run_import(
        "advisor_attendances", content=content, filename="a.xlsx", actor=users.justice, dry_run=False
    )

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert events() == before


# Advisor reviews ------------------------------------------------------------------------------------------------


def test_a_good_review_file_imports_open_and_completed_reviews(users, district, advisor):
    rows = [
        review_row(
            "校舍维修工程施工合同", completed=D(2024, 3, 8), opinion="建议补充违约责任条款", adopted="是"
        ),
        review_row("食品安全抽检办法", unit="T-SCJ", kind="规范性文件", received=D(2024, 4, 1)),
        review_row("场地租赁合同", completed=D(2024, 3, 5), opinion="无意见", adopted="否"),
    ]

    result = run_import(
        "advisor_reviews",
        content=xlsx(REVIEW_HEADERS, rows),
        filename="r.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert result.ok and result.created == 3, result.errors
    reviews = {r.subject: r for r in AdvisorReview.objects.all()}
    assert (reviews["校舍维修工程施工合同"].adopted, reviews["校舍维修工程施工合同"].days_taken) == (True, 4)
    assert reviews["场地租赁合同"].adopted is False
    open_review = reviews["食品安全抽检办法"]
    assert (open_review.organization, open_review.completed_on, open_review.adopted) == (
        district.scj,
        None,
        None,
    )
    assert open_review.subject_kind == AdvisorReview.SubjectKind.NORMATIVE_DOCUMENT


def test_the_same_review_file_imported_twice_is_not_counted_twice(users, district, advisor):
    content = xlsx(REVIEW_HEADERS, [review_row("校舍维修工程施工合同")])
    run_import("advisor_reviews", content=content, filename="r.xlsx", actor=users.justice, dry_run=False)

    again = run_import(
        "advisor_reviews", content=content, filename="r.xlsx", actor=users.justice, dry_run=False
    )

    assert (again.created, again.unchanged) == (0, 1)
    assert AdvisorReview.objects.count() == 1


REVIEW_BAD_ROWS = {
    "unknown advisor": (review_row("甲", advisor="李律师"), "法律顾问", "没有名为“李律师”的法律顾问"),
    "unknown unit code": (review_row("甲", unit="T-NOPE"), "委托单位代码", "单位代码“T-NOPE”不存在"),
    "completed before received": (
        review_row("甲", completed=D(2024, 3, 1), opinion="意见"),
        "出具意见日期",
        "出具意见日期不能早于收到日期",
    ),
    "completed without opinion": (review_row("甲", completed=D(2024, 3, 8)), "审查意见", "须填写审查意见"),
    "adopted neither yes nor no": (review_row("甲", adopted="部分"), "是否采纳", "应为：是、否"),
    "unknown subject kind": (review_row("甲", kind="协议"), "事项类型", "不是可选值"),
    "unknown record number": (review_row("甲", pk=999_999), "记录编号", "记录编号999999不存在"),
}


@pytest.mark.parametrize("bad", REVIEW_BAD_ROWS.values(), ids=REVIEW_BAD_ROWS.keys())
def test_a_bad_review_row_imports_nothing_and_names_row_and_column(users, district, advisor, bad):
    row, header, reason = bad
    rows = [review_row("好的合同"), row]
    before = events()

    result = run_import(
        "advisor_reviews",
        content=xlsx(REVIEW_HEADERS, rows),
        filename="r.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert [(e.row, e.column) for e in result.errors] == [(3, header)]
    assert reason in result.errors[0].message
    assert not AdvisorReview.objects.exists()
    assert events() == before


@pytest.fixture
def reviews(users, district, advisor):
    def record(unit, subject, **fields):
        return services.record_advisor_review(
            actor=users.justice,
            advisor=advisor,
            organization=unit,
            subject=subject,
            subject_kind="contract",
            received_on=D(2024, 3, 4),
            **fields,
        )

    return [
        record(district.jyj, "教育局合同", completed_on=D(2024, 3, 8), opinion="建议修改", adopted=True),
        record(district.jyj, "教育局未完成的合同"),
        record(district.scj, "市场局合同", completed_on=D(2024, 3, 6), opinion="无意见", adopted=False),
    ]


def test_review_export_imports_back_unchanged_keeping_unknown_adoption_blank(users, reviews):
    content = ledgers.export_for(actor=users.justice, ledger="advisor_reviews")
    rows = sheet_rows(content)
    assert rows[0] == tuple(REVIEW_HEADERS)
    by_subject = {r[3]: r for r in rows[1:]}
    assert by_subject["教育局合同"][8] == "是" and by_subject["市场局合同"][8] == "否"
    assert by_subject["教育局未完成的合同"][6] is None and by_subject["教育局未完成的合同"][8] is None
    before = events()

    result = run_import(
        "advisor_reviews", content=content, filename="r.xlsx", actor=users.justice, dry_run=False
    )

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert events() == before
    assert AdvisorReview.objects.get(subject="教育局未完成的合同").adopted is None


def test_completing_a_review_in_the_export_updates_only_that_record(users, reviews):
    open_review = reviews[1]
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="advisor_reviews")
    wb = load_workbook(io.BytesIO(content))
    for row in wb.worksheets[0].iter_rows(min_row=2):
        if row[0].value == open_review.pk:
            row[6].value, row[7].value, row[8].value = D(2024, 3, 11), "建议删除第八条", "是"
    out = io.BytesIO()
    wb.save(out)

    result = run_import(
        "advisor_reviews", content=out.getvalue(), filename="r.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert (result.updated, result.unchanged, result.errors) == (1, 1, [])
    open_review.refresh_from_db()
    assert (open_review.days_taken, open_review.opinion, open_review.adopted) == (7, "建议删除第八条", True)
    event = AuditEvent.objects.get(
        model_label="decisions.advisorreview", object_id=str(open_review.pk), action="update"
    )
    assert event.actor_id == users.jyj_clerk.pk and set(event.changes) == {
        "completed_on",
        "opinion",
        "adopted",
    }


def test_each_user_exports_only_the_reviews_they_may_see(users, district, reviews):
    def subjects(user):
        return {r[3] for r in sheet_rows(ledgers.export_for(actor=user, ledger="advisor_reviews"))[1:]}

    assert subjects(users.jyj_clerk) == {"教育局合同", "教育局未完成的合同"}
    assert subjects(users.scj_clerk) == {"市场局合同"}
    assert subjects(users.advisor) == {"教育局合同", "教育局未完成的合同", "市场局合同"}
    assert subjects(users.other_justice) == set()


def test_unit_clerk_importing_another_units_review_imports_nothing(users, district, reviews):
    content = ledgers.export_for(actor=users.justice, ledger="advisor_reviews")

    result = run_import(
        "advisor_reviews", content=content, filename="r.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    # the export holds 市场局's review too: unchanged, yet the clerk may not even name it
    assert [e.row for e in result.errors] == [4]
    assert "属于其他单位" in result.errors[0].message and "市场局合同" not in result.errors[0].message


def test_leader_cannot_import_reviews(users, district, advisor):
    result = run_import(
        "advisor_reviews",
        content=xlsx(REVIEW_HEADERS, [review_row("领导导入")]),
        filename="r.xlsx",
        actor=users.leader,
        dry_run=False,
    )

    assert not result.imported and all("无权" in e.message for e in result.errors)
    assert not AdvisorReview.objects.exists()


def test_an_advisor_ledger_import_runs_a_few_queries_per_file_not_one_per_row(
    users, district, advisor, django_assert_max_num_queries
):
    rows = [
        review_row(f"合同{i}", unit=["T-JYJ", "T-SCJ", "T"][i % 3], received=D(2024, 1 + i % 12, 2))
        for i in range(300)
    ]
    meetings = [meeting_row(f"第{i}次会议", held_on=D(2024, 1 + i % 12, 3)) for i in range(300)]

    with django_assert_max_num_queries(12):
        reviews = run_import(
            "advisor_reviews", content=xlsx(REVIEW_HEADERS, rows), filename="r.xlsx", actor=users.justice
        )
    with django_assert_max_num_queries(12):
        attendances = run_import(
            "advisor_attendances",
            content=xlsx(ATTENDANCE_HEADERS, meetings),
            filename="a.xlsx",
            actor=users.justice,
        )

    assert (reviews.created, attendances.created) == (300, 300)
