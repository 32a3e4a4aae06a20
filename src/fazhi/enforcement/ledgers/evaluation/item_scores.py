"""The ledger of item scores: importing scores recomputes each file's total and grade (never read from the file)."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from fazhi.core import audit, clock
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent

from ...models import (
    CaseFile,
    EvaluationItem,
    ItemScore,
)
from ...services.evaluation import compute_result
from .common import (
    CAMPAIGN,
    CASE_NUMBER,
    _campaigns,
    _file,
    _files,
    _refuse_unless_evaluator,
)


@register
class ItemScoreLedger(Ledger):
    code = "enforcement_case_file_scores"
    name = "案卷评分"
    model = ItemScore
    description = (
        "每行一份案卷在一个评查项目上的结果，以“评查活动＋案件编号＋评查项目”识别。评分项填写得分（不超过分值），"
        "否决项填写“触及否决项”。导入后按评查活动的标准重新计算每份案卷的总分和等次：触及任一否决项的为不合格，"
        "否则全部评分项都有得分时按分数线定等次。"
    )
    columns = [
        CAMPAIGN,
        CASE_NUMBER,
        Column(
            "item",
            "评查项目",
            "评查标准中的项目名称",
            required=True,
            example="执法文书制作规范",
            getter=lambda s: s.item.title,
        ),
        Column(
            "points",
            "得分",
            "评分项的得分；否决项留空",
            example="8.5",
            getter=lambda s: s.points if s.points is not None else "",
        ),
        Column("veto_hit", "触及否决项", "否决项是否触及；评分项填“否”", kind="bool", example="否"),
    ]

    def queryset(self):
        return ItemScore.objects.select_related("case_file__campaign", "item").order_by(
            "case_file__campaign__name", "case_file__case_number", "-item__kind", "item__order", "item_id"
        )

    def prepare(self, rows):
        files = _files(rows)
        items = {}
        for item in EvaluationItem.objects.filter(campaign__name__in={r["campaign"] for r in rows}):
            items[(item.campaign_id, item.title)] = item
        existing = ItemScore.objects.filter(case_file__in=files.values())
        return {
            "campaigns": _campaigns(rows),
            "files": files,
            "items": items,
            "scores": {(s.case_file_id, s.item_id): s for s in existing},
            "key_of": lambda s: (s.case_file_id, s.item_id),
            "key_header": "评查项目",
        }

    def _item(self, ctx, case_file, title) -> EvaluationItem:
        item = ctx["items"].get((case_file.campaign_id, title))
        if item is None:
            raise CellError(
                f"评查活动“{case_file.campaign}”的标准中没有“{title}”这一项目。", column="评查项目"
            )
        return item

    def match(self, values, ctx):
        case_file = _file(ctx, values)
        return ctx["scores"].get((case_file.pk, self._item(ctx, case_file, values["item"]).pk))

    def build(self, values, existing, ctx):
        case_file = _file(ctx, values)
        score = copy.copy(existing) if existing else ItemScore(case_file=case_file)
        score.item = self._item(ctx, case_file, values["item"])
        try:
            score.points = (
                Decimal(values["points"]).quantize(Decimal("0.1")) if values["points"] != "" else None
            )
        except InvalidOperation as exc:
            raise CellError(f"“{values['points']}”不是数字。", column="得分") from exc
        score.veto_hit = values["veto_hit"]
        return score

    def update_fields(self):
        return ["points", "veto_hit"]

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "案卷评分")
        super().save(creates=creates, updates=updates, fields=fields)
        today = clock.today()
        entries = []
        for case_file in CaseFile.objects.filter(
            pk__in={s.case_file_id for s in [*creates, *updates]}
        ).select_related("campaign"):
            before = audit.snapshot(case_file)
            total, vetoed, grade = compute_result(case_file)
            case_file.total_score, case_file.vetoed, case_file.grade = total, vetoed, grade
            case_file.scored_on = (case_file.scored_on or today) if grade else None
            changes = audit.diff(before, audit.snapshot(case_file))
            if changes:
                case_file.save(update_fields=["total_score", "vetoed", "grade", "scored_on"])
                entries.append(
                    audit.Entry(AuditEvent.Action.UPDATE, case_file, changes, note="台账导入评分后重新计算")
                )
        audit.append(actor=actor, entries=entries)
