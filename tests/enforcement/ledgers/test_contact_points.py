"""The ledger of enterprise contact points: history comes in (running and closed points), checked by the contact-point
rules (credit code, closing date, one running point per enterprise), re-imported unchanged, never reopened."""

from __future__ import annotations

import datetime as dt

from fazhi.core import ids
from fazhi.core.io import ledgers
from fazhi.enforcement.models import ContactPoint

D = dt.date
HEADER = "联系点名称,企业名称,统一社会信用代码,设立单位代码,设立日期,状态,撤销日期\n"
CODE_A = ids.make_credit_code("91640303MA76XY12A")
CODE_B = ids.make_credit_code("91640303MA76XY34B")


def run(text, actor):
    return ledgers.run_import(
        "enforcement_contact_points", content=text.encode(), filename="x.csv", actor=actor, dry_run=False
    )


def errors(result):
    return [str(e) for e in result.errors]


def test_running_and_closed_points_come_in_and_again_change_nothing(users, district):
    text = (
        HEADER
        + f"甲联系点,甲食品有限公司,{CODE_A},T-SFJ,2023-03-01,已撤销,2024-06-30\n"
        + f"甲联系点（新）,甲食品有限公司,{CODE_A},T-SFJ,2024-07-01,,\n"
        + f"乙联系点,乙建材有限公司,{CODE_B.lower()},T-SFJ,2024-03-15,运行中,\n"
    )

    first = run(text, users.justice)
    again = run(text, users.justice)

    assert first.created == 3, errors(first)
    assert (again.unchanged, again.created) == (3, 0), errors(again)
    closed = ContactPoint.objects.get(established_on=D(2023, 3, 1))
    assert (closed.status, closed.closed_on) == ("closed", D(2024, 6, 30))
    assert ContactPoint.objects.get(established_on=D(2024, 3, 15)).credit_code == CODE_B


def test_bad_rows_are_refused_by_the_contact_point_rules_and_nothing_is_written(users, district):
    bad_code = CODE_A[:-1] + ("0" if CODE_A[-1] != "0" else "1")
    text = (
        HEADER
        + f"甲,甲公司,{bad_code},T-SFJ,2024-03-01,,\n"
        + f"乙,乙公司,{CODE_B},T-SFJ,2024-03-01,已撤销,\n"
        + f"乙,乙公司,{CODE_B},T-SFJ,2024-05-01,运行中,2024-06-01\n"
    )

    result = run(text, users.justice)

    assert errors(result)[0].startswith("第2行“统一社会信用代码”列：统一社会信用代码校验码错误")
    assert errors(result)[1:] == [
        "第3行“撤销日期”列：撤销联系点须写明撤销日期。",
        "第4行“撤销日期”列：运行中的联系点不应填写撤销日期。",
    ]
    assert not ContactPoint.objects.exists()


def test_a_closed_point_is_not_reopened_by_import(users, district):
    run(HEADER + f"甲,甲公司,{CODE_A},T-SFJ,2023-03-01,已撤销,2024-06-30\n", users.justice)

    result = run(HEADER + f"甲,甲公司,{CODE_A},T-SFJ,2023-03-01,运行中,\n", users.justice)

    assert errors(result) == ["第2行“状态”列：已撤销的联系点不能恢复；如需继续，请设立新的联系点。"]
    assert ContactPoint.objects.get().status == "closed"
