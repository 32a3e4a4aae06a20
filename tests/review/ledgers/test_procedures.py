"""印发前程序 ledgers (公平竞争审查登记, 征求意见登记, 集体审议登记): templates with Chinese headers, an import that adds the
records a unit kept on paper (audited, the importer as 录入人) so that the document can then be issued, a second
import of the same file that changes nothing, and an export that imports back unchanged."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.core.models import AuditEvent
from fazhi.review import rules, services
from fazhi.review.ledgers import ConsultationLedger, DeliberationLedger, FairCompetitionReviewLedger

from ..conftest import pass_review, register
from ..contracts.test_ways_in import CONSULTATION_HEADERS, DELIBERATION_HEADERS, FAIR_HEADERS
from .test_ledgers import imported

D = dt.date


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2024, 11, 15))


@pytest.mark.parametrize(
    ("code", "headers", "ledger_class"),
    [
        ("fair_competition_reviews", FAIR_HEADERS, FairCompetitionReviewLedger),
        ("consultations", CONSULTATION_HEADERS, ConsultationLedger),
        ("deliberations", DELIBERATION_HEADERS, DeliberationLedger),
    ],
)
def test_each_procedure_ledger_has_a_template_with_its_chinese_headers(db, code, headers, ledger_class):
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx(code)))
    assert isinstance(ledgers.get(code), ledger_class)
    assert [c.value for c in wb.worksheets[0][1]] == headers


def test_the_records_kept_on_paper_are_imported_and_the_document_is_then_issued(users, district):
    document = register(
        users.scj_clerk,
        district.scj,
        "农贸市场经营秩序管理规定",
        registered_on=D(2024, 10, 8),
        market_related=True,
    )
    review = services.submit_document_for_review(
        actor=users.scj_clerk, document=document, submitted_on=D(2024, 10, 9), text="送审稿"
    )
    pass_review(review, justice=users.justice, concluded_on=D(2024, 11, 1))
    assert not rules.fair_competition_reviewed(document)
    fair = [
        [
            document.pk,
            None,
            "法规科 李明",
            D(2024, 11, 4),
            "不含排除、限制竞争内容，可以出台",
            None,
            None,
            None,
            None,
        ]
    ]
    consult = [
        [
            document.pk,
            None,
            D(2024, 10, 10),
            D(2024, 10, 24),
            "区政府网站公开征求意见",
            "收到意见3条，采纳2条。",
        ]
    ]
    deliberate = [[document.pk, None, D(2024, 11, 5), "市场监管局局务会", "审议通过。"]]
    before = AuditEvent.objects.count()
    for code, headers, rows in (
        ("fair_competition_reviews", FAIR_HEADERS, fair),
        ("consultations", CONSULTATION_HEADERS, consult),
        ("deliberations", DELIBERATION_HEADERS, deliberate),
    ):
        result = imported(code, headers, rows, users.scj_clerk)
        assert result.created == 1 and not result.errors, result.errors
        # the same file again adds nothing
        again = imported(code, headers, rows, users.scj_clerk)
        assert not again.errors and (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert AuditEvent.objects.count() == before + 3
    recorded = document.fair_competition_reviews.get()
    assert (recorded.reviewer_name, recorded.recorded_by) == ("法规科 李明", users.scj_clerk)
    assert document.consultations.get().summary == "收到意见3条，采纳2条。"
    # the export of the consultations imports back unchanged
    content = ledgers.export_for(actor=users.scj_clerk, ledger="consultations")
    exported = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = [list(r) for r in exported.iter_rows(min_row=2, values_only=True)]
    assert rows[0][:2] == [document.pk, "农贸市场经营秩序管理规定"]
    back = ledgers.run_import(
        "consultations", content=content, filename="征求意见.xlsx", actor=users.scj_clerk
    )
    assert not back.errors and (back.created, back.updated, back.unchanged) == (0, 0, 1)
    # and the document is issued
    services.issue_document(
        actor=users.scj_clerk,
        document=document,
        signed_on=D(2024, 11, 12),
        published_on=D(2024, 11, 12),
        effective_on=D(2024, 12, 1),
    )
    document.refresh_from_db()
    assert document.number == "测政规发〔2024〕1号"


def test_an_imported_record_is_not_changed_by_import(users, district):
    document = register(users.jyj_clerk, district.jyj, "中小学课后服务管理办法", registered_on=D(2024, 10, 8))
    row = [document.pk, None, D(2024, 10, 10), D(2024, 10, 24), "区政府网站公开征求意见", "收到意见3条。"]
    assert imported("consultations", CONSULTATION_HEADERS, [row], users.jyj_clerk).created == 1
    changed = [*row[:5], "收到意见5条。"]
    result = imported("consultations", CONSULTATION_HEADERS, [changed], users.jyj_clerk)
    assert [e.message for e in result.errors] == [
        "已登记的征求意见记录不能通过导入修改；如有错误，请另行登记一条新记录。"
    ]
    assert document.consultations.get().summary == "收到意见3条。"
