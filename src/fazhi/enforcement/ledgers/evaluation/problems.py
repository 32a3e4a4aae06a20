"""The ledger of the problems found in evaluated files; each goes to oversight's rectification ledger."""

from __future__ import annotations

import copy

from fazhi.core import clock
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.oversight import services as oversight_services

from ...models import (
    CaseFileProblem,
)
from ...services.evaluation import open_rectification
from .common import (
    CAMPAIGN,
    CASE_NUMBER,
    _campaigns,
    _file,
    _files,
    _refuse_unless_evaluator,
)


def found_on(problem: CaseFileProblem):
    """The day the problem went to the rectification ledger (its item's opening day), as exported."""
    item = oversight_services.item_of(problem)
    return item.opened_on if item is not None else None


@register
class ProblemLedger(Ledger):
    code = "enforcement_case_file_problems"
    name = "评查问题"
    model = CaseFileProblem
    description = (
        "每行一条评查发现的问题，归入所评查案卷的执法主体所在单位；以“评查活动＋案件编号＋问题类别＋问题描述”识别，"
        "再次导入同一文件不重复登记。每条新登记的问题随即交办整改（整改台账），交办日期为发现日期（留空为案卷的评分"
        "日期）；在整改台账中以“评查活动 案件编号 问题序号”（问题在该案卷中的登记顺序）识别。"
    )
    columns = [
        CAMPAIGN,
        CASE_NUMBER,
        Column(
            "category", "问题类别", "", required=True, kind="choice", choices=CaseFileProblem.Category.choices
        ),
        Column(
            "description", "问题描述", "发现的具体问题", required=True, example="询问笔录未载明询问起止时间"
        ),
        Column("unit", "责任单位", "导出时填写，导入时不读取", getter=lambda p: p.organization.name),
        Column(
            "found_on",
            "发现日期",
            "问题交办整改之日（整改事项的交办日期）；留空则为案卷的评分日期。已登记的问题不读取",
            kind="date",
            example="2025-11-20",
            getter=found_on,
        ),
    ]

    def queryset(self):
        return CaseFileProblem.objects.select_related("case_file__campaign", "organization").order_by(
            "case_file__campaign__name", "case_file__case_number", "pk"
        )

    def prepare(self, rows):
        files = _files(rows)
        existing = CaseFileProblem.objects.filter(case_file__in=files.values())
        return {
            "campaigns": _campaigns(rows),
            "files": files,
            "problems": {(p.case_file_id, p.category, p.description): p for p in existing},
            "key_of": lambda p: (p.case_file_id, p.category, p.description),
            "key_header": "问题描述",
        }

    def match(self, values, ctx):
        case_file = _file(ctx, values)
        return ctx["problems"].get((case_file.pk, values["category"], values["description"]))

    def build(self, values, existing, ctx):
        case_file = _file(ctx, values)
        problem = copy.copy(existing) if existing else CaseFileProblem()
        problem.case_file = case_file
        problem.campaign_id = case_file.campaign_id
        problem.body = case_file.body
        problem.organization = case_file.body.organization
        problem.category = values["category"]
        problem.description = values["description"]
        found = values["found_on"]
        if existing is None and found is not None and not (case_file.decided_on <= found <= clock.today()):
            raise CellError(
                f"发现日期应在案卷决定日期（{case_file.decided_on}）之后、不晚于今天。", column="发现日期"
            )
        problem._found_on = found  # read by save() for a new problem's rectification item
        return problem

    def organization_of(self, instance):
        return instance.case_file.campaign.organization  # problems are recorded by the organizer

    def update_fields(self):
        return ["category", "description"]

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "评查问题")
        super().save(creates=creates, updates=updates, fields=fields)
        for problem in creates:
            open_rectification(actor=actor, problems=[problem], found_on=getattr(problem, "_found_on", None))
