"""The review ledgers (合法性审查目录清单, 规范性文件登记, 备案登记, 清理文件) on the ledger framework: templates, import of
a good file, row and column errors that import nothing, exports that import back unchanged, and an import that never
numbers or issues a document but moves one whose clean-up outcome repeals it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.io import ledgers
from fazhi.core.io.ledgers import run_import
from fazhi.core.models import AuditEvent
from fazhi.review import services
from fazhi.review.ledgers import (
    CleanupItemLedger,
    FilingLedger,
    NormativeDocumentLedger,
    ReviewCatalogEntryLedger,
)
from fazhi.review.models import (
    CleanupItem,
    DocumentNumberSequence,
    Filing,
    NormativeDocument,
    ReviewCatalog,
    ReviewCatalogEntry,
)

from ..conftest import PREFIX, issued, materials, register

D = dt.date
CATALOG_HEADERS = ["单位代码", "清单名称", "制定日期", "事项类别", "事项"]
DOCUMENT_HEADERS = [
    "记录编号",
    "文件名称",
    "制定机关代码",
    "发文字号前缀",
    "文号",
    "登记日期",
    "签发日期",
    "公布日期",
    "施行日期",
    "有效期（年）",
    "有效期至",
    "状态",
    "须报送备案",
    "涉企",
]
FILING_HEADERS = [
    "文号",
    "备案机关类别",
    "报送备案日期",
    "备案机关",
    "备案报告",
    "正式文本",
    "起草说明",
    "合法性审查意见",
    "制定依据",
    "审查结果",
    "结果日期",
    "纠正意见",
    "纠正完成日期",
]
CLEANUP_HEADERS = [
    "清理名称",
    "文件类别",
    "文号",
    "文件名称",
    "制定单位代码",
    "涉企",
    "清理结果",
    "理由",
    "确定日期",
]
CAMPAIGN = "2024年涉企政策文件清理"
NUMBER = f"{PREFIX}〔2024〕1号"
ADOPTED = D(2024, 3, 1)
REGISTERED = D(2024, 8, 1)
FILED = D(2024, 9, 20)


def xlsx(headers: list, rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def edited(content: bytes, edit) -> bytes:
    """The exported workbook with `edit(rows)` applied to its first sheet's cells (rows from 2)."""
    wb = load_workbook(io.BytesIO(content))
    edit(list(wb.worksheets[0].iter_rows(min_row=2)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def events() -> int:
    return AuditEvent.objects.count()


def imported(code, headers, rows, actor, *, dry_run=False, filename="a.xlsx"):
    return run_import(code, content=xlsx(headers, rows), filename=filename, actor=actor, dry_run=dry_run)


def where(result) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in result.errors]


# Templates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "headers", "ledger_class"),
    [
        ("review_catalog_entries", CATALOG_HEADERS, ReviewCatalogEntryLedger),
        ("normative_documents", DOCUMENT_HEADERS, NormativeDocumentLedger),
        ("filings", FILING_HEADERS, FilingLedger),
        ("cleanup_items", CLEANUP_HEADERS, CleanupItemLedger),
    ],
)
def test_each_review_ledger_has_a_template_with_its_chinese_headers(db, code, headers, ledger_class):
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx(code)))

    assert isinstance(ledgers.get(code), ledger_class)
    assert [c.value for c in wb.worksheets[0][1]] == headers
    explained = {row[0]: row for row in wb["填写说明"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(headers) <= set(explained)


def test_the_document_template_says_the_import_never_numbers_or_issues(db):
    notes = load_workbook(io.BytesIO(ledgers.template_xlsx("normative_documents")))["填写说明"]
    text = "".join(str(c) for row in notes.iter_rows(values_only=True) for c in row if c)

    assert "导入不编号、不印发" in text
    assert "已登记（待印发）" in text  # the states are listed in the column's choices


# 合法性审查目录清单 ---------------------------------------------------------------------------------------------


def entry_row(description, *, unit="T-JYJ", catalog="教育局目录清单", on=ADOPTED, kind="合同"):
    return [unit, catalog, on, kind, description]


def test_catalog_rows_are_adopted_as_one_catalog_per_unit_and_title(users, district):
    rows = [
        entry_row("以本局名义签订的合同"),
        entry_row("本局制定的行政规范性文件", kind="行政规范性文件"),
        entry_row("本局签订的合同", unit="T-SCJ", catalog="市场局目录清单", on="2024-04-01"),
    ]

    result = imported("review_catalog_entries", CATALOG_HEADERS, rows, users.justice)

    assert result.ok, result.errors
    assert (result.created, result.imported) == (3, True)
    jyj = ReviewCatalog.objects.get(organization=district.jyj)
    assert (jyj.title, jyj.adopted_on) == ("教育局目录清单", D(2024, 3, 1))
    assert sorted(jyj.entries.values_list("subject_kind", flat=True)) == ["contract", "normative_document"]
    assert ReviewCatalog.objects.get(organization=district.scj).entries.count() == 1
    # each catalog and entry has its create event, by the importing user
    created = AuditEvent.objects.filter(action="create", actor=users.justice)
    assert created.filter(model_label="review.reviewcatalog").count() == 2
    assert created.filter(model_label="review.reviewcatalogentry").count() == 3


def test_a_dry_run_of_catalogs_writes_nothing(users, district):
    before = events()

    result = imported(
        "review_catalog_entries", CATALOG_HEADERS, [entry_row("合同")], users.justice, dry_run=True
    )

    assert result.ok and result.created == 1 and not result.imported
    assert not ReviewCatalog.objects.exists() and events() == before


def test_an_adopted_catalog_exports_and_imports_back_unchanged(users, district):
    services.adopt_catalog(
        actor=users.jyj_clerk,
        organization=district.jyj,
        title="教育局目录清单",
        adopted_on=D(2024, 3, 1),
        entries=[("contract", "以本局名义签订的合同"), ("policy_document", "本局政策性文件")],
    )
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="review_catalog_entries")
    assert sheet_rows(content)[1][:4] == ("T-JYJ", "教育局目录清单", dt.datetime(2024, 3, 1), "合同")
    before = events()

    result = run_import(
        "review_catalog_entries", content=content, filename="目录.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 2)
    assert events() == before


def test_an_adopted_catalog_takes_no_entries_by_import(users, district):
    services.adopt_catalog(
        actor=users.jyj_clerk,
        organization=district.jyj,
        title="教育局目录清单",
        adopted_on=D(2024, 3, 1),
        entries=[("contract", "以本局名义签订的合同")],
    )

    result = imported(
        "review_catalog_entries",
        CATALOG_HEADERS,
        [entry_row("以本局名义签订的合同"), entry_row("追加的事项", kind="其他政策文件")],
        users.jyj_clerk,
    )

    assert where(result) == [(3, "事项")]
    assert "已制定，不能通过导入追加事项" in result.errors[0].message
    assert ReviewCatalogEntry.objects.count() == 1


CATALOG_BAD_ROWS = {
    "unknown unit": (entry_row("合同", unit="T-NOPE", catalog="另一份"), "单位代码", "“T-NOPE”不存在"),
    "unknown kind": (entry_row("合同", kind="会议纪要"), "事项类别", "不是可选值"),
    "missing matter": (entry_row(None), "事项", "必填"),
    "another date for the same catalog": (entry_row("政策文件", on=D(2024, 5, 1)), "制定日期", "应一致"),
}


@pytest.mark.parametrize("bad", CATALOG_BAD_ROWS.values(), ids=CATALOG_BAD_ROWS.keys())
def test_a_bad_catalog_row_imports_nothing_and_names_row_and_column(users, district, bad):
    row, header, reason = bad
    before = events()

    result = imported("review_catalog_entries", CATALOG_HEADERS, [entry_row("好的事项"), row], users.justice)

    assert where(result) == [(3, header)]
    assert reason in result.errors[0].message
    assert not ReviewCatalog.objects.exists() and events() == before


def test_a_unit_clerk_cannot_import_another_units_catalog(users, district):
    result = imported(
        "review_catalog_entries", CATALOG_HEADERS, [entry_row("合同", unit="T-SCJ")], users.jyj_clerk
    )

    assert [e.row for e in result.errors] == [2]
    assert "无权为“测试区市场监督管理局”新建" in result.errors[0].message
    assert not ReviewCatalog.objects.exists()


# 规范性文件登记 ---------------------------------------------------------------------------------------------------


def document_row(
    title, *, pk=None, unit="T-JYJ", prefix="测教规发", number=None, registered=REGISTERED, **more
):
    row = dict.fromkeys(DOCUMENT_HEADERS)
    row.update(
        {"记录编号": pk, "文件名称": title, "制定机关代码": unit, "发文字号前缀": prefix, "文号": number}
    )
    row.update({"登记日期": registered, "须报送备案": "是", "涉企": "否", **more})
    return [row[h] for h in DOCUMENT_HEADERS]


def test_importing_documents_registers_them_unnumbered_and_a_second_import_changes_nothing(users, district):
    rows = [
        document_row("校外培训机构管理办法", 涉企="是", **{"有效期（年）": 3}),
        document_row("学生资助管理办法", 须报送备案="否"),
    ]
    content = xlsx(DOCUMENT_HEADERS, rows)

    first = run_import(
        "normative_documents", content=content, filename="a.xlsx", actor=users.jyj_clerk, dry_run=False
    )
    again = run_import(
        "normative_documents", content=content, filename="a.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert first.ok and first.created == 2, first.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    tutoring = NormativeDocument.objects.get(title="校外培训机构管理办法")
    assert (tutoring.status, tutoring.number, tutoring.number_seq) == ("registered", "", None)
    assert (tutoring.validity_years, tutoring.enterprise_related, tutoring.requires_filing) == (3, True, True)
    assert NormativeDocument.objects.get(title="学生资助管理办法").requires_filing is False


DOCUMENT_BAD_ROWS = {
    "a number typed in": (document_row("甲", number="测教规发〔2024〕1号"), "文号", "导入不能编号"),
    "a state other than registered": (document_row("甲", 状态="有效"), "状态", "导入不能改变"),
    "a publication date": (document_row("甲", 公布日期=D(2024, 9, 2)), "公布日期", "导入时请留空"),
    "unknown organ": (document_row("甲", unit="T-NOPE"), "制定机关代码", "“T-NOPE”不存在"),
    "zero validity": (document_row("甲", **{"有效期（年）": 0}), "有效期（年）", "至少为1年"),
    "no prefix": (document_row("甲", prefix=None), "发文字号前缀", "必填"),
    "unknown record": (document_row("甲", pk=999), "记录编号", "不存在"),
}


@pytest.mark.parametrize("bad", DOCUMENT_BAD_ROWS.values(), ids=DOCUMENT_BAD_ROWS.keys())
def test_a_bad_document_row_imports_nothing_and_names_row_and_column(users, district, bad):
    row, header, reason = bad
    before = events()

    result = imported(
        "normative_documents", DOCUMENT_HEADERS, [document_row("好的文件"), row], users.jyj_clerk
    )

    assert where(result) == [(3, header)]
    assert reason in result.errors[0].message
    assert not NormativeDocument.objects.exists() and events() == before


def test_issued_documents_export_and_import_back_unchanged_and_the_import_never_numbers_or_issues(
    users, district
):
    # given an issued document and a registered one
    issued(users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2))
    register(users.jyj_clerk, district.jyj, "待印发的文件")
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="normative_documents")
    rows = {r[1]: r for r in sheet_rows(content)[1:]}
    assert rows["收费管理办法"][4] == NUMBER and rows["收费管理办法"][11] == "有效"
    assert rows["待印发的文件"][4] is None and rows["待印发的文件"][11] == "已登记（待印发）"
    before = (events(), list(DocumentNumberSequence.objects.values_list("prefix", "year", "last_seq")))

    result = run_import(
        "normative_documents", content=content, filename="登记.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert (result.errors, result.updated, result.unchanged) == ([], 0, 2)
    assert (
        events(),
        list(DocumentNumberSequence.objects.values_list("prefix", "year", "last_seq")),
    ) == before
    assert NormativeDocument.objects.get(title="待印发的文件").status == "registered"


def test_an_issued_documents_number_dates_and_title_cannot_be_changed_by_import(users, district):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2)
    )
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="normative_documents")

    def cell(header, value):
        return edited(content, lambda rows: setattr(rows[0][DOCUMENT_HEADERS.index(header)], "value", value))

    refused = {
        header: run_import(
            "normative_documents", content=cell(header, value), filename="a.xlsx", actor=users.jyj_clerk
        )
        for header, value in [
            ("文号", f"{PREFIX}〔2024〕7号"),
            ("公布日期", D(2024, 9, 9)),
            ("文件名称", "改名的文件"),
            ("状态", "废止"),
        ]
    }
    allowed = run_import(
        "normative_documents",
        content=cell("涉企", "是"),
        filename="b.xlsx",
        actor=users.jyj_clerk,
        dry_run=False,
    )

    assert {h: where(r) for h, r in refused.items()} == {h: [(2, h)] for h in refused}
    assert (allowed.errors, allowed.updated) == ([], 1)
    document.refresh_from_db()
    assert (document.number, document.title, document.status, document.enterprise_related) == (
        NUMBER,
        "收费管理办法",
        "valid",
        True,
    )


def test_a_registered_documents_register_entries_are_updated_by_import(users, district):
    document = register(users.jyj_clerk, district.jyj, "待印发的文件")
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="normative_documents")

    def edit(rows):
        rows[0][DOCUMENT_HEADERS.index("文件名称")].value = "待印发的文件（修订）"
        rows[0][DOCUMENT_HEADERS.index("有效期（年）")].value = 2

    result = run_import(
        "normative_documents",
        content=edited(content, edit),
        filename="a.xlsx",
        actor=users.jyj_clerk,
        dry_run=False,
    )

    assert (result.errors, result.updated) == ([], 1)
    document.refresh_from_db()
    assert (document.title, document.validity_years, document.number) == ("待印发的文件（修订）", 2, "")
    event = AuditEvent.objects.filter(model_label="review.normativedocument", action="update").get()
    assert event.changes["title"] == ["待印发的文件", "待印发的文件（修订）"] and "台账导入" in event.note


def test_a_unit_clerk_cannot_register_another_units_document_by_import(users, district):
    result = imported(
        "normative_documents", DOCUMENT_HEADERS, [document_row("甲", unit="T-SCJ")], users.jyj_clerk
    )

    assert [e.row for e in result.errors] == [2] and "无权" in result.errors[0].message
    assert not NormativeDocument.objects.exists()


# 备案登记 ---------------------------------------------------------------------------------------------------------


def filing_row(number=NUMBER, *, filed=FILED, result=None, result_on=None, correction=None, corrected=None):
    return [
        number,
        None,
        filed,
        "测试市人民政府",
        "是",
        "是",
        "否",
        "是",
        "是",
        result,
        result_on,
        correction,
        corrected,
    ]


@pytest.fixture
def document(users, district):
    """The education bureau's document 测政规发〔2024〕1号, published on 2 September 2024 (filing due 8 October)."""
    return issued(users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2))


def test_a_unit_files_by_import_and_the_justice_bureau_records_the_result(users, document):
    filed = imported("filings", FILING_HEADERS, [filing_row()], users.jyj_clerk)

    assert filed.ok and filed.created == 1, filed.errors
    filing = Filing.objects.get(document=document)
    assert filing.in_time and filing.missing_materials == ["起草说明"] and filing.result == "pending"

    ordered = imported(
        "filings",
        FILING_HEADERS,
        [filing_row(result="纠正", result_on=D(2024, 10, 10), correction="第三条超越权限")],
        users.justice,
    )

    assert ordered.ok and ordered.updated == 1, ordered.errors
    filing.refresh_from_db()
    # the correction deadline is computed as record_filing_result computes it: 15 days from the order
    assert (filing.result, filing.correction_due_on) == ("correction", D(2024, 10, 25))
    assert "15日" in filing.correction_due_explanation


def test_a_result_imported_by_a_unit_is_refused_and_nothing_is_written(users, document):
    before = events()

    row = [filing_row(result="通过", result_on=D(2024, 10, 10))]

    checked = imported("filings", FILING_HEADERS, row, users.jyj_clerk, dry_run=True)
    result = imported("filings", FILING_HEADERS, row, users.jyj_clerk)

    said = "备案审查结果由司法局录入，请将本行的审查结果留空或填“审查中”。"
    assert [(e.row, e.message) for e in checked.errors] == [(2, said)]
    assert [(e.row, e.message) for e in result.errors] == [(2, said)]
    assert not Filing.objects.exists() and events() == before


def test_a_filing_exports_and_imports_back_unchanged_and_its_result_cannot_be_changed(users, document):
    filing = services.file_document(
        actor=users.jyj_clerk,
        document=document,
        filed_on=D(2024, 9, 20),
        filed_with="测试市人民政府",
        materials=materials("has_text"),
    )
    services.record_filing_result(
        actor=users.justice, filing=filing, result="passed", result_on=D(2024, 10, 10)
    )
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="filings")
    assert sheet_rows(content)[1][:4] == (
        NUMBER,
        "上一级人民政府（或本级人民政府）",
        dt.datetime(2024, 9, 20),
        "测试市人民政府",
    )
    before = events()

    same = run_import("filings", content=content, filename="a.xlsx", actor=users.jyj_clerk, dry_run=False)
    changed = run_import(
        "filings",
        content=edited(
            content, lambda rows: setattr(rows[0][FILING_HEADERS.index("审查结果")], "value", "纠正")
        ),
        filename="b.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    assert (same.errors, same.unchanged) == ([], 1) and events() == before
    assert where(changed) == [(2, "审查结果")] and "已有审查结果（通过）" in changed.errors[0].message
    assert Filing.objects.get(pk=filing.pk).result == "passed"


FILING_BAD_ROWS = {
    "unknown number": (filing_row("测政规发〔2024〕9号"), "文号", "不存在"),
    "filed before publication": (filing_row(filed=D(2024, 8, 30)), "报送备案日期", "不能早于文件公布日期"),
    "correction without what to correct": (
        filing_row(result="纠正", result_on=D(2024, 10, 10)),
        "纠正意见",
        "须填写纠正意见",
    ),
    "result without its date": (filing_row(result="通过"), "结果日期", "请填写审查结果日期"),
    "corrected without a correction": (
        filing_row(result="通过", result_on=D(2024, 10, 10), corrected=D(2024, 10, 20)),
        "纠正完成日期",
        "无须记录纠正",
    ),
}


@pytest.mark.parametrize("bad", FILING_BAD_ROWS.values(), ids=FILING_BAD_ROWS.keys())
def test_a_bad_filing_row_imports_nothing_and_names_row_and_column(users, document, bad):
    row, header, reason = bad
    before = events()

    result = imported("filings", FILING_HEADERS, [row], users.justice)

    assert where(result) == [(2, header)]
    assert reason in result.errors[0].message
    assert not Filing.objects.exists() and events() == before


def test_a_document_registered_without_filing_cannot_be_filed_by_import(users, district):
    issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "内部管理文件",
        published_on=D(2024, 9, 2),
        requires_filing=False,
    )

    result = imported("filings", FILING_HEADERS, [filing_row()], users.jyj_clerk)

    assert where(result) == [(2, "文号")] and "无须报送备案" in result.errors[0].message


# 清理文件 ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def campaign(users, district):
    return services.create_campaign(
        actor=users.justice,
        name=CAMPAIGN,
        scope="含有地方保护、指定交易等内容的文件",
        organization=district.root,
        started_on=D(2024, 10, 8),
    )


def cleanup_row(
    title,
    *,
    kind="其他政策文件",
    number=None,
    unit="T-JYJ",
    enterprise="是",
    outcome=None,
    reason=None,
    on=None,
):
    return [CAMPAIGN, kind, number, title, unit, enterprise, outcome, reason, on]


def test_a_cleanup_file_lists_documents_and_a_repeal_repeals_the_registered_document(
    users, document, campaign
):
    rows = [
        cleanup_row(
            "收费管理办法",
            kind="行政规范性文件",
            number=NUMBER,
            outcome="废止",
            reason="无依据收费",
            on=D(2024, 10, 20),
        ),
        cleanup_row("关于支持本地企业的通知", number="测教发〔2023〕2号", outcome="保留", on=D(2024, 10, 21)),
        cleanup_row("尚未确定的文件", enterprise="否"),
    ]

    result = imported("cleanup_items", CLEANUP_HEADERS, rows, users.jyj_clerk)

    assert result.ok and result.created == 3, result.errors
    document.refresh_from_db()
    assert document.status == "repealed"
    item = CleanupItem.objects.get(document=document)
    assert (item.kind, item.outcome, item.document_number) == ("normative", "repeal", NUMBER)
    transition = AuditEvent.objects.get(
        model_label="review.normativedocument", object_id=str(document.pk), transition="废止"
    )
    assert transition.actor_id == users.jyj_clerk.pk and CAMPAIGN in transition.note
    # one create event per item, with its outcome, and no other event for the items
    item_events = AuditEvent.objects.filter(model_label="review.cleanupitem")
    assert list(item_events.values_list("action", flat=True)) == ["create"] * 3
    assert item_events.get(object_id=str(item.pk)).changes["outcome"] == [None, "repeal"]


def test_deciding_a_listed_document_by_import_moves_it_and_a_decided_outcome_stays(users, document, campaign):
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=document)
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="cleanup_items")

    def decide(rows):
        rows[0][6].value, rows[0][7].value, rows[0][8].value = "宣布失效", "上位法已废止", D(2024, 10, 20)

    decided = run_import(
        "cleanup_items",
        content=edited(content, decide),
        filename="a.xlsx",
        actor=users.jyj_clerk,
        dry_run=False,
    )
    assert (decided.errors, decided.updated) == ([], 1)
    document.refresh_from_db()
    assert (CleanupItem.objects.get(pk=item.pk).outcome, document.status) == ("declare_invalid", "expired")

    # exported again it imports back unchanged; changing the outcome is refused
    content = ledgers.export_for(actor=users.jyj_clerk, ledger="cleanup_items")
    same = run_import(
        "cleanup_items", content=content, filename="b.xlsx", actor=users.jyj_clerk, dry_run=False
    )
    changed = run_import(
        "cleanup_items",
        content=edited(content, lambda rows: setattr(rows[0][6], "value", "保留")),
        filename="c.xlsx",
        actor=users.jyj_clerk,
    )
    assert (same.errors, same.unchanged) == ([], 1)
    assert where(changed) == [(2, "清理结果")] and "已确定清理结果（宣布失效）" in changed.errors[0].message


CLEANUP_BAD_ROWS = {
    "number not in the register": (
        cleanup_row("甲", kind="行政规范性文件", number="测政规发〔2024〕9号"),
        "文号",
        "不在规范性文件登记簿中",
    ),
    "normative without a number": (cleanup_row("甲", kind="行政规范性文件"), "文号", "须填写登记簿中的文号"),
    "title unlike the register": (
        cleanup_row("别的名称", kind="行政规范性文件", number=NUMBER),
        "文件名称",
        "与登记簿不一致",
    ),
    "unknown campaign": (
        cleanup_row("甲")[:0] + ["不存在的清理", *cleanup_row("甲")[1:]],
        "清理名称",
        "请先在平台中建立",
    ),
    "repeal without a reason": (cleanup_row("甲", outcome="废止", on=D(2024, 10, 20)), "理由", "须写明理由"),
    "outcome without its date": (cleanup_row("甲", outcome="保留"), "确定日期", "须填写确定日期"),
    "decided before the campaign": (
        cleanup_row("甲", outcome="保留", on=D(2024, 9, 1)),
        "确定日期",
        "不能早于清理开始日期",
    ),
}


@pytest.mark.parametrize("bad", CLEANUP_BAD_ROWS.values(), ids=CLEANUP_BAD_ROWS.keys())
def test_a_bad_cleanup_row_imports_nothing_not_even_a_repeal(users, document, campaign, bad):
    # given a good row that would repeal the document, and a bad row
    row, header, reason = bad
    good = cleanup_row(
        "收费管理办法",
        kind="行政规范性文件",
        number=NUMBER,
        outcome="废止",
        reason="无依据收费",
        on=D(2024, 10, 20),
    )
    before = events()

    result = imported("cleanup_items", CLEANUP_HEADERS, [good, row], users.jyj_clerk)

    assert where(result) == [(3, header)]
    assert reason in result.errors[0].message
    document.refresh_from_db()
    assert document.status == "valid" and not CleanupItem.objects.exists() and events() == before


def test_a_document_already_repealed_cannot_be_listed_by_import(users, document, campaign):
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=document)
    services.decide_item(
        actor=users.jyj_clerk, item=item, outcome="repeal", reason="无依据", decided_on=D(2024, 10, 20)
    )
    other = services.create_campaign(
        actor=users.justice,
        name="另一次清理",
        scope="全部",
        organization=district_root(document),
        started_on=D(2024, 11, 1),
    )

    row = cleanup_row("收费管理办法", kind="行政规范性文件", number=NUMBER)
    row[0] = other.name
    result = imported("cleanup_items", CLEANUP_HEADERS, [row], users.jyj_clerk)

    assert where(result) == [(2, "文号")] and "只能清理有效的规范性文件" in result.errors[0].message


def district_root(document):
    return document.organization.parent


def test_review_ledger_imports_run_a_few_queries_per_file_not_one_per_row(
    users, district, campaign, django_assert_max_num_queries
):
    units = ["T-JYJ", "T-SCJ", "T-LHZ"]
    entries = [entry_row(f"事项{i}", unit=units[i % 3], catalog=f"目录{i % 3}") for i in range(300)]
    items = [
        cleanup_row(f"政策文件{i}", unit=units[i % 3], outcome="保留", on=D(2024, 10, 20)) for i in range(300)
    ]

    with django_assert_max_num_queries(12):
        catalogs = imported("review_catalog_entries", CATALOG_HEADERS, entries, users.justice, dry_run=True)
    with django_assert_max_num_queries(12):
        listed = imported("cleanup_items", CLEANUP_HEADERS, items, users.justice, dry_run=True)

    assert (catalogs.created, listed.created) == (300, 300)


def test_the_document_register_import_runs_a_few_queries_per_file(
    users, district, django_assert_max_num_queries
):
    documents = [document_row(f"文件{i}", unit=["T-JYJ", "T-SCJ"][i % 2]) for i in range(300)]

    with django_assert_max_num_queries(12):
        imported("normative_documents", DOCUMENT_HEADERS, documents, users.justice, dry_run=True)
