"""The demonstration projects ledger: projects imported at their stage, whose stages only move forward."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from fazhi.core.io import ledgers
from fazhi.duties.models import DemonstrationProject

pytestmark = pytest.mark.django_db
HEADERS = ["类型", "日期", "单位代码", "主题", "会议名称", "人员"]


def xlsx(headers, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(actor, rows, code="duties_activities", headers=HEADERS):
    return ledgers.run_import(
        code, content=xlsx(headers, rows), filename="台账.xlsx", actor=actor, dry_run=False
    )


DEMO_HEADERS = [
    "项目名称",
    "申报单位代码",
    "级别",
    "批次",
    "申报日期",
    "入围日期",
    "书面评审通过日期",
    "命名日期",
]


def test_demonstration_projects_import_at_their_stage_and_only_move_forward(users, district):
    row = ["一支队伍管执法", "T-SFJ", "全国", "第三批", "2024-09-10", "2025-01-16", None, None]
    result = run(users.justice, [row], code="duties_demonstrations", headers=DEMO_HEADERS)
    assert result.ok, result.errors
    project = DemonstrationProject.objects.get()
    assert (project.stage, project.shortlisted_on) == ("shortlisted", dt.date(2025, 1, 16))
    forward = run(
        users.justice, [[*row[:6], "2025-05-22", None]], code="duties_demonstrations", headers=DEMO_HEADERS
    )
    assert forward.ok and forward.updated == 1
    assert DemonstrationProject.objects.get().stage == "review_passed"
    backward = run(
        users.justice, [[*row[:5], None, None, None]], code="duties_demonstrations", headers=DEMO_HEADERS
    )
    assert [str(e) for e in backward.errors] == [
        "第2行“入围日期”列：已记录的入围日期（2025-01-16）不能改动或清空：阶段只能向前。"
    ]
    assert DemonstrationProject.objects.get().stage == "review_passed"
