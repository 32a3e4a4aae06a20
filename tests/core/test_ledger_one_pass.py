"""Every error of a file in one pass: every wrong cell of every row, and every row's own errors, come in one result;
nothing is written. (A row with a wrong cell is matched but not built: an unknown unit code in that same row is
reported only once its wrong cells are fixed.)"""

from __future__ import annotations

import pytest

from fazhi.core.io.ledgers import run_import
from fazhi.core.models import Person

from .. import factories
from .test_ledgers import PEOPLE_HEADERS, csv_bytes, person_row

pytestmark = pytest.mark.django_db


def test_wrong_cells_and_unknown_units_of_all_rows_come_in_the_same_pass(users):
    rows = [
        person_row("甲", factories.id_number(801), "T-NOPE", principal="也许", year="二〇一五"),
        person_row("乙", "12345", "T-JYJ"),
        person_row("丙", factories.id_number(803), "T-NOPE"),
    ]
    result = run_import(
        "people",
        content=csv_bytes(PEOPLE_HEADERS, rows, "utf-8-sig"),
        filename="p.csv",
        actor=users.admin,
        dry_run=False,
    )
    assert [str(e) for e in result.errors] == [
        "第2行“主要负责人”列：“也许”应填“是”或“否”。",
        "第2行“取得法律职业资格年份”列：“二〇一五”不是整数。",
        "第3行“身份证号”列：身份证号应为18位，实际为5位。",
        "第4行“单位代码”列：单位代码“T-NOPE”不存在。",
    ]
    assert not result.imported and not Person.objects.filter(name__in=["甲", "乙", "丙"]).exists()
