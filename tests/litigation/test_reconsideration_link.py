"""A lawsuit brought after reconsideration names the reconsideration case it follows: through the service, the
ledger (by docket number; an unknown docket number imports nothing) and the pages of both cases."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from fazhi.core.io import ledgers
from fazhi.litigation import services
from fazhi.litigation.models import Lawsuit
from tests.disputes.conftest import accepted

from .conftest import PLAINTIFF_ID, lawsuit_fields

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_lawsuit_names_its_reconsideration_case_and_both_pages_link_each_other(client, users, district):
    case = accepted(users, district)
    lawsuit = services.register_lawsuit(
        actor=users.reconsideration, **lawsuit_fields(district, reconsideration=case)
    )
    assert list(case.lawsuits.all()) == [lawsuit]
    client.force_login(users.reconsideration)
    page = client.get(f"/litigation/{lawsuit.pk}/").content.decode()
    assert case.docket_number in page and f"/disputes/{case.pk}/" in page
    page = client.get(f"/disputes/{case.pk}/").content.decode()
    assert "（2024）宁0303行初12号" in page and f"/litigation/{lawsuit.pk}/" in page


def test_the_ledger_links_by_docket_number_and_refuses_an_unknown_one(users, district):
    case = accepted(users, district)
    head = ["案号", "受理法院", "审级", "原告类型", "原告", "原告证件号码", "被告单位代码", "主管部门代码"]
    head += ["复议案号", "案由", "送达日期"]
    row = ["（2025）宁0303行初3号", "测试区人民法院", "一审", "自然人", "张三", PLAINTIFF_ID]
    row += [district.scj.code, district.scj.code, case.docket_number, "行政处罚", "2025-06-03"]
    bad = ["（2025）宁0303行初4号", *row[1:8], "澄复〔2025〕999号", *row[9:]]
    result = ledgers.run_import(
        "litigation_lawsuits",
        content=_xlsx([head, row, bad]),
        filename="l.xlsx",
        actor=users.reconsideration,
        dry_run=False,
    )
    assert not result.ok
    assert any("复议案号“澄复〔2025〕999号”不存在" in str(e) for e in result.errors)
    assert not Lawsuit.objects.exists()
    result = ledgers.run_import(
        "litigation_lawsuits",
        content=_xlsx([head, row]),
        filename="l.xlsx",
        actor=users.reconsideration,
        dry_run=False,
    )
    assert result.ok
    assert Lawsuit.objects.get().reconsideration == case
