"""Ledgers of case-file evaluation: templates with Chinese headers, scores imported per item with each file's total
and grade recomputed (never read from the file), problems imported once however often the file is imported, and
imports refused for the evaluated unit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core.io import ledgers
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseFileProblem, ItemScore

D = dt.date
SCORE_HEADER = "评查活动,案件编号,评查项目,得分,触及否决项\n"
PROBLEM_HEADER = "评查活动,案件编号,问题类别,问题描述\n"
NAME = "2025年度行政执法案卷评查"


@pytest.fixture
def case_file(users, district, body, certificate, officer):
    campaign = services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name=NAME,
        domains=["food_drug"],
        default_standard=True,
    )
    return services.draw_case_file(
        actor=users.justice,
        campaign=campaign,
        body=body,
        domain="food_drug",
        act_kind="penalty",
        case_number="A-1",
        title="某案",
        decided_on=D(2025, 4, 18),
        officers=[officer],
    )


def run(code, text, actor, dry_run=False):
    return ledgers.run_import(code, content=text.encode(), filename="x.csv", actor=actor, dry_run=dry_run)


def score_rows(case_file, **overrides):
    rows = []
    for item in case_file.campaign.items.filter(kind="scored"):
        rows.append(f"{NAME},A-1,{item.title},{overrides.get(item.title, item.max_points)},否")
    return rows


def test_templates_have_the_chinese_headers():
    for code, headers in [
        (
            "enforcement_case_files",
            [
                "评查活动",
                "执法主体",
                "执法领域",
                "行为类别",
                "案件编号",
                "案件名称",
                "决定日期",
                "承办人执法证号",
                "总分",
                "等次",
            ],
        ),
        ("enforcement_case_file_scores", ["评查活动", "案件编号", "评查项目", "得分", "触及否决项"]),
        (
            "enforcement_case_file_problems",
            ["评查活动", "案件编号", "问题类别", "问题描述", "责任单位", "发现日期"],
        ),
    ]:
        sheet = load_workbook(io.BytesIO(ledgers.template_xlsx(code))).active
        assert [c.value for c in sheet[1]] == headers


def test_imported_scores_compute_total_and_grade(users, case_file):
    result = run(
        "enforcement_case_file_scores",
        SCORE_HEADER + "\n".join(score_rows(case_file, **{"裁量适当、说理充分": 5})),
        users.justice,
    )
    assert result.imported and result.created == 7
    case_file.refresh_from_db()
    assert (case_file.total_score, case_file.grade) == (90, "excellent")
    veto = f"{NAME},A-1,违反法定程序,,是"
    result = run("enforcement_case_file_scores", SCORE_HEADER + veto, users.justice)
    assert result.imported
    case_file.refresh_from_db()
    assert (case_file.total_score, case_file.grade, case_file.vetoed) == (90, "unqualified", True)


def test_partial_scores_leave_the_file_unscored(users, case_file):
    run("enforcement_case_file_scores", SCORE_HEADER + score_rows(case_file)[0], users.justice)
    case_file.refresh_from_db()
    assert case_file.grade == "" and case_file.total_score is None


def test_a_score_above_the_maximum_refuses_the_whole_file(users, case_file):
    rows = score_rows(case_file, 执法文书制作规范=11)
    result = run("enforcement_case_file_scores", SCORE_HEADER + "\n".join(rows), users.justice)
    assert not result.imported
    assert [str(e) for e in result.errors] == [
        "第3行“得分”列：“执法文书制作规范”的得分应在0至10分之间，填写的是11分。"
    ]
    assert not ItemScore.objects.exists()


def test_problems_import_once_and_belong_to_the_evaluated_unit(users, district, case_file):
    text = (
        PROBLEM_HEADER
        + f"{NAME},A-1,证据不充分,现场照片未注明拍摄时间\n{NAME},A-1,执法程序不合法,未告知陈述申辩权利"
    )
    assert run("enforcement_case_file_problems", text, users.justice).created == 2
    again = run("enforcement_case_file_problems", text, users.justice)
    assert (again.created, again.unchanged) == (0, 2)
    assert set(CaseFileProblem.objects.values_list("organization__code", flat=True)) == {"T-SCJ-ZD"}


def test_the_evaluated_units_clerk_cannot_import_scores_or_problems(users, case_file, team_clerk):
    result = run(
        "enforcement_case_file_problems",
        PROBLEM_HEADER + f"{NAME},A-1,其他,自拟问题",
        team_clerk,
        dry_run=True,
    )
    assert [str(e) for e in result.errors] == ["第2行：您无权为“测试区司法局”新建案卷评查问题。"]
    with pytest.raises(
        ledgers.LedgerFileError, match="案卷评分由司法局（执法监督机构）导入，本次未导入任何数据"
    ):
        run("enforcement_case_file_scores", SCORE_HEADER + "\n".join(score_rows(case_file)), team_clerk)
    assert not ItemScore.objects.exists()


def test_scores_export_imports_back_unchanged(users, case_file):
    run("enforcement_case_file_scores", SCORE_HEADER + "\n".join(score_rows(case_file)), users.justice)
    content = ledgers.export_for(actor=users.justice, ledger="enforcement_case_file_scores")
    result = ledgers.run_import(
        "enforcement_case_file_scores", content=content, filename="x.xlsx", actor=users.justice, dry_run=True
    )
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 7)
