"""A case-file problem goes to the rectification ledger on its 发现日期 and is named there as a clerk knows it:
“评查活动 案件编号 问题序号” (its place among the file's problems), never enforcement.casefileproblem:<id>."""

from __future__ import annotations

import datetime as dt

from fazhi.core.io import ledgers
from fazhi.oversight import links
from fazhi.oversight.models import RectificationItem

from .test_evaluation import NAME, case_file, run  # noqa: F401  (fixture)

D = dt.date
HEADER = "评查活动,案件编号,问题类别,问题描述,发现日期\n"
ITEMS = "问题来源,整改措施,交办日期\n"


def problems(text, actor):
    return run("enforcement_case_file_problems", HEADER + text, actor)


def test_each_problem_opens_its_item_on_the_day_found_and_is_named_by_its_place(users, case_file):  # noqa: F811
    text = (
        f"{NAME},A-1,执法文书制作不规范,决定书未载明救济期限,2025-05-06\n"
        f"{NAME},A-1,裁量不当,未说明裁量理由,\n"
    )

    first = problems(text, users.justice)
    again = problems(text, users.justice)

    assert first.created == 2, [str(e) for e in first.errors]
    assert (again.created, again.unchanged) == (0, 2)
    items = list(RectificationItem.objects.order_by("source_id"))
    assert [i.opened_on for i in items] == [D(2025, 5, 6), case_file.scored_on or items[1].opened_on]
    assert [links.name_of(i.source) for i in items] == [f"{NAME} A-1 问题1", f"{NAME} A-1 问题2"]
    assert links.resolve(f"{NAME} A-1 问题2") == items[1].source


def test_the_rectification_ledger_takes_the_problem_by_its_name(users, case_file):  # noqa: F811
    problems(f"{NAME},A-1,裁量不当,未说明裁量理由,2025-05-06\n", users.justice)

    named = run("oversight_items", ITEMS + f"{NAME} A-1 问题1,修订文书模板,2025-05-06\n", users.justice)
    wrong = run(
        "oversight_items",
        ITEMS + f"{NAME} A-1 问题2,修订文书模板,2025-05-06\n{NAME} B-9 问题1,修订文书模板,2025-05-06\n",
        users.justice,
    )

    assert (named.created, named.updated) == (0, 1), [str(e) for e in named.errors]
    assert RectificationItem.objects.get().measures == "修订文书模板"
    # The text is also of an inspection finding's form (“检查名称 问题N”): each kind it may be says why not.
    assert [str(e) for e in wrong.errors] == [
        f"第2行“问题来源”列：评查活动“{NAME}”中没有案件编号为“A-1”的案卷，或该案卷没有问题2。；"
        f"没有名为“{NAME} A-1”的检查，或该检查没有问题2。",
        f"第3行“问题来源”列：评查活动“{NAME}”中没有案件编号为“B-9”的案卷，或该案卷没有问题1。；"
        f"没有名为“{NAME} B-9”的检查，或该检查没有问题1。",
    ]
    exported = ledgers.export_for(actor=users.justice, ledger="oversight_items")
    assert f"{NAME} A-1 问题1".encode() in _cells(exported)


def test_a_found_day_before_the_decision_or_in_the_future_is_refused(users, case_file):  # noqa: F811
    result = problems(
        f"{NAME},A-1,裁量不当,未说明裁量理由,2025-04-17\n{NAME},A-1,其他,卷宗缺页,2999-01-01\n", users.justice
    )

    assert [str(e) for e in result.errors] == [
        "第2行“发现日期”列：发现日期应在案卷决定日期（2025-04-18）之后、不晚于今天。",
        "第3行“发现日期”列：发现日期应在案卷决定日期（2025-04-18）之后、不晚于今天。",
    ]
    assert not RectificationItem.objects.exists()


def _cells(xlsx: bytes) -> bytes:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    return "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row).encode()
