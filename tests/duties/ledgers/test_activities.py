"""The activity ledger: activities imported with their people as names, checked by kind row by row (a bad file
imports nothing), re-imported without duplicates."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.io import ledgers
from fazhi.duties.models import Activity, ActivityParticipant

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


def test_activities_import_with_their_people_and_again_without_duplicates(users, district, leaders):
    rows = [
        ["主要负责人讲法", "2024-04-18", "T-JYJ", "宪法专题讲法", "", "许志诚"],
        ["领导干部书面述法", "2024-12-10", "T-LHZ", "年度书面述法", "", "严春晖、王建国、李晓燕"],
        ["法治专题培训", "2024-06-01", "T-SFJ", "习近平法治思想专题培训", "", ""],
    ]
    result = run(users.justice, rows)
    assert result.ok and result.created == 3, result.errors
    written = Activity.objects.get(kind="written_report")
    assert list(written.participants.order_by("pk").values_list("name", "person_id")) == [
        ("严春晖", leaders["town"].pk),
        ("王建国", None),
        ("李晓燕", None),
    ]
    again = run(users.justice, rows)
    assert again.ok and (again.created, again.unchanged) == (0, 3)
    assert Activity.objects.count() == 3 and ActivityParticipant.objects.count() == 4


def test_a_row_that_lacks_what_its_kind_requires_imports_nothing(users, district):
    result = run(
        users.justice,
        [
            ["法治专题培训", "2024-06-01", "T-SFJ", "培训", "", ""],
            ["主要负责人讲法", "2024-04-18", "T-JYJ", "宪法", "", ""],
            ["政府常务会议会前学法", "2024-04-18", "T-JYJ", "民法典", "局务会", ""],
            ["述法", "2024-04-18", "T-JYJ", "", "", ""],
        ],
    )
    assert [str(e) for e in result.errors] == [
        "第3行“人员”列：主要负责人讲法须写明讲法的主要负责人（依据：党政主要负责人履行推进法治建设第一责任人职责规定"
        "（中办发〔2016〕71号）：党政主要负责人带头学法、讲法）。",
        "第4行“单位代码”列：政府常务会议会前学法的单位应为区（县）人民政府，“测试区教育局”是政府工作部门。",
        "第5行“类型”列：“述法”不是可选值，应为：主要负责人讲法、依法治区委员会办公室会议述法、领导干部书面述法、"
        "政府常务会议会前学法、法治专题培训、党委（党组）研究部署、政府常务会议听取汇报、政府研究法治政府建设工作、"
        "部门和乡镇（街道）研究部署。",
    ]
    assert not Activity.objects.exists()


def test_the_activity_export_imports_back_unchanged(users, district, leaders):
    run(users.justice, [["主要负责人讲法", "2024-04-18", "T-JYJ", "宪法专题讲法", "", "许志诚"]])
    content = ledgers.export_for(actor=users.justice, ledger="duties_activities")
    ws = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in ws[1]] == ["记录编号", *HEADERS, "说明"]
    assert [c.value for c in ws[2]][1:7] == [
        "主要负责人讲法",
        dt.datetime(2024, 4, 18),
        "T-JYJ",
        "宪法专题讲法",
        None,
        "许志诚",
    ]
    result = ledgers.run_import(
        "duties_activities", content=content, filename="x.xlsx", actor=users.justice, dry_run=False
    )
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 1)
