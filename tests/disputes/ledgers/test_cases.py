"""The reconsideration ledger: template, export and import (a bad row imports nothing)."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook, load_workbook

from fazhi.core.io import ledgers
from fazhi.disputes.models import DocketSequence, ReconsiderationCase
from tests import factories

from ..conftest import register

D = dt.date


def xlsx(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_template_export_and_import(users, district):
    template = load_workbook(io.BytesIO(ledgers.template_xlsx("disputes_cases"))).worksheets[0]
    headers = [c.value for c in template[1]]
    assert headers[:3] == ["案号", "收到申请日期", "申请渠道"]
    existing = register(users, district, received_on=D(2025, 1, 6))
    exported = load_workbook(
        io.BytesIO(ledgers.export_for(actor=users.reconsideration, ledger="disputes_cases"))
    )
    row = [c.value for c in exported.worksheets[0][2]]
    assert row[0] == existing.docket_number and existing.masked_id_code in row
    number = factories.id_number()
    content = xlsx(
        [
            headers,
            [
                None,
                "2025-02-10",
                "邮寄申请",
                "自然人",
                "刘某",
                number,
                "",
                "",
                "T-JYJ",
                "不予答复",
                "2025-01-20",
                "责令答复",
                "T-SFJ",
            ],
            row[:4] + ["张某（更正）"] + row[5:],
        ]
    )
    result = ledgers.run_import(
        "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    new = ReconsiderationCase.objects.get(applicant_name="刘某")
    assert new.docket_number == "澄复〔2025〕2号"
    assert new.clocks.get(kind="examination").due_on == D(2025, 2, 17)
    existing.refresh_from_db()
    assert existing.applicant_name == "张某（更正）"
    assert existing.applicant_id_code != existing.masked_id_code  # the masked export came back unchanged


def test_import_with_a_bad_row_imports_nothing(users, district):
    headers = [c.header for c in ledgers.get("disputes_cases").columns]
    content = xlsx(
        [
            headers,
            [
                None,
                "2025-02-10",
                "邮寄申请",
                "自然人",
                "刘某",
                "123",
                "",
                "",
                "T-NONE",
                "x",
                "2025-01-20",
                "x",
                "T-SFJ",
            ],
        ]
    )
    result = ledgers.run_import(
        "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert not result.ok
    assert any("不存在" in e.message for e in result.errors)
    assert not ReconsiderationCase.objects.exists() and not DocketSequence.objects.exists()


def test_reimporting_an_export_creates_no_case_twice(users, district):
    # given two registered cases, exported as the ledger
    register(users, district, received_on=D(2025, 1, 6))
    register(users, district, received_on=D(2025, 2, 3))
    content = ledgers.export_for(actor=users.reconsideration, ledger="disputes_cases")
    # when the export is imported back, twice
    for _ in range(2):
        result = ledgers.run_import(
            "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
        )
        # then each row is matched by its 案号: nothing is created, nothing changes
        assert result.ok, result.errors
        assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert ReconsiderationCase.objects.count() == 2


def test_reimporting_the_original_file_without_docket_numbers_creates_no_case_twice(users, district):
    # given a district's own ledger of applications, without 案号 (the platform numbers them)
    headers = [c.header for c in ledgers.get("disputes_cases").columns]
    first, second = factories.id_number(), factories.id_number()

    def application(number, received, act):
        row = [
            None,
            received,
            "邮寄申请",
            "自然人",
            "刘某",
            number,
            "",
            "",
            "T-JYJ",
            act,
            "2025-01-20",
            "撤销",
        ]
        return row + ["T-SFJ"]

    content = xlsx(
        [
            headers,
            application(first, "2025-02-10", "不予答复"),
            application(second, "2025-02-11", "不予答复"),
        ]
    )

    def load():
        return ledgers.run_import(
            "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
        )

    # when it is imported twice
    once, again = load(), load()

    # then the second import finds each application by day, applicant, respondent and act: nothing new
    assert (once.created, once.unchanged) == (2, 0), once.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2), again.errors
    assert ReconsiderationCase.objects.count() == 2
    assert sorted(ReconsiderationCase.objects.values_list("docket_number", flat=True)) == [
        "澄复〔2025〕1号",
        "澄复〔2025〕2号",
    ]


def test_the_same_application_twice_in_one_file_is_refused(users, district):
    headers = [c.header for c in ledgers.get("disputes_cases").columns]
    number = factories.id_number()
    row = [
        None,
        "2025-02-10",
        "邮寄申请",
        "自然人",
        "刘某",
        number,
        "",
        "",
        "T-JYJ",
        "不予答复",
        "2025-01-20",
    ]
    content = xlsx([headers, row + ["撤销", "T-SFJ"], row + ["责令答复", "T-SFJ"]])

    result = ledgers.run_import(
        "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
    )

    assert [str(e) for e in result.errors] == ["第3行“案号”列：与第2行重复。"]
    assert not ReconsiderationCase.objects.exists()
