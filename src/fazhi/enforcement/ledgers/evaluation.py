"""Ledgers of case-file evaluation (案卷评查): the files drawn with their handling officers (by certificate number),
their item scores, and the problems found. Importing scores recomputes each file's total and grade (never read from
the file); an officer without a valid 行政执法证 on the decision date is refused, as on every other path; only the
Justice Bureau or enforcement supervisors may import."""

from __future__ import annotations

import copy
import threading
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from fazhi.core import audit, clock
from fazhi.core.io.ledgers import CellError, Column, Ledger, LedgerFileError, register
from fazhi.core.models import AuditEvent

from ..models import (
    CaseFile,
    CaseFileOfficer,
    CaseFileProblem,
    Certificate,
    Domain,
    EnforcementBody,
    EnforcementPower,
    EvaluationCampaign,
    EvaluationItem,
    ItemScore,
)
from ..rules import certificates as certificate_rules
from ..rules import evaluation as rules
from ..rules.certificates import valid_on
from ..services.evaluation import compute_result, open_rectification

SEPARATORS = ("，", ",", "；", ";", "/", " ")


def _split(text: str) -> list[str]:
    for sep in SEPARATORS:
        text = text.replace(sep, "、")
    return [t for t in (p.strip() for p in text.split("、")) if t]


def _refuse_unless_evaluator(actor, what: str) -> None:
    # The framework gives the actor only when saving: the whole file is refused, nothing written.
    if not rules.may_evaluate(actor):
        raise LedgerFileError(f"{what}由司法局（执法监督机构）导入，本次未导入任何数据。")


def _campaigns(rows) -> dict[str, EvaluationCampaign]:
    names = {r["campaign"] for r in rows}
    return {
        c.name: c for c in EvaluationCampaign.objects.filter(name__in=names).select_related("organization")
    }


def _campaign(ctx, name: str) -> EvaluationCampaign:
    campaign = ctx["campaigns"].get(name)
    if campaign is None:
        raise CellError(f"没有名为“{name}”的评查活动，请先新建评查活动。", column="评查活动")
    return campaign


def _files(rows) -> dict[tuple[str, str], CaseFile]:
    names = {r["campaign"] for r in rows}
    files = CaseFile.objects.filter(campaign__name__in=names).select_related("campaign", "body__organization")
    return {(f.campaign.name, f.case_number): f for f in files}


def _file(ctx, values) -> CaseFile:
    _campaign(ctx, values["campaign"])
    case_file = ctx["files"].get((values["campaign"], values["case_number"]))
    if case_file is None:
        raise CellError(f"评查活动中没有案件编号为“{values['case_number']}”的案卷。", column="案件编号")
    return case_file


def _officer_numbers(case_file: CaseFile) -> str:
    """Each officer's 行政执法证 valid on the decision date (else their latest one): the file imports back as it is."""
    numbers = []
    for person in case_file.officers.order_by("pk"):
        certificates = Certificate.objects.filter(person=person, kind=Certificate.Kind.ENFORCEMENT)
        held = valid_on(certificates, case_file.decided_on).order_by("-issued_on").first()
        held = held or certificates.order_by("-issued_on").first()
        if held is not None:
            numbers.append(held.number)
    return "、".join(numbers)


CAMPAIGN = Column(
    "campaign",
    "评查活动",
    "评查活动名称，须已在平台新建",
    required=True,
    example="2025年度行政执法案卷评查",
    getter=lambda o: (o.campaign if isinstance(o, CaseFile) else o.case_file.campaign).name,
)
CASE_NUMBER = Column(
    "case_number",
    "案件编号",
    "行政执法案件的文书编号，同一评查活动内不重复",
    required=True,
    example="澄市监处罚〔2025〕12号",
    max_length=80,
    as_text=True,
    getter=lambda o: o.case_number if isinstance(o, CaseFile) else o.case_file.case_number,
)


@register
class CaseFileLedger(Ledger):
    code = "enforcement_case_files"
    name = "评查案卷"
    model = CaseFile
    description = (
        "每行一份抽取评查的已办结案卷，以“评查活动＋案件编号”识别：再次导入同一案卷时更新其信息。"
        "承办人以行政执法证号填写，多人用“、”分隔；承办人在决定日期须持有效行政执法证。"
        "“总分”“等次”由评分计算，导入时不读取。"
    )
    columns = [
        CAMPAIGN,
        Column(
            "body",
            "执法主体",
            "执法主体名称，与平台登记的一致",
            required=True,
            example="澄湖区市场监管综合行政执法大队",
            getter=lambda f: f.body.name,
        ),
        Column(
            "domain",
            "执法领域",
            "须在评查活动的评查范围内",
            required=True,
            kind="choice",
            choices=Domain.choices,
        ),
        Column(
            "act_kind", "行为类别", "", required=True, kind="choice", choices=EnforcementPower.Kind.choices
        ),
        CASE_NUMBER,
        Column("title", "案件名称", "", required=True, example="某超市经营超过保质期食品案", max_length=200),
        Column(
            "decided_on",
            "决定日期",
            "作出行政执法决定的日期",
            required=True,
            kind="date",
            example="2025-04-18",
        ),
        Column(
            "officers",
            "承办人执法证号",
            "承办执法人员的行政执法证号，多人用“、”分隔",
            example="CH20240002、CH20220003",
            as_text=True,
            getter=lambda f: _officer_numbers(f),
        ),
        Column("total_score", "总分", "由评分计算，导入时不读取", getter=lambda f: f.total_score or ""),
        Column("grade", "等次", "由评分计算，导入时不读取", getter=lambda f: f.get_grade_display()),
    ]

    def __init__(self):
        self._local = threading.local()

    def queryset(self):
        return CaseFile.objects.select_related("campaign", "body").order_by("campaign__name", "case_number")

    def prepare(self, rows):
        numbers = {n for r in rows for n in _split(r["officers"])}
        certificates = Certificate.objects.filter(number__in=numbers).select_related("person")
        self._local.officers = {}
        return {
            "campaigns": _campaigns(rows),
            "files": _files(rows),
            "bodies": {b.name: b for b in EnforcementBody.objects.filter(name__in={r["body"] for r in rows})},
            "holders": {c.number: c.person for c in certificates},
            "key_of": lambda f: (f.campaign_id, f.case_number),
            "key_header": "案件编号",
        }

    def match(self, values, ctx):
        _campaign(ctx, values["campaign"])
        return ctx["files"].get((values["campaign"], values["case_number"]))

    def build(self, values, existing, ctx):
        campaign = _campaign(ctx, values["campaign"])
        body = ctx["bodies"].get(values["body"])
        if body is None:
            raise CellError(f"没有名为“{values['body']}”的执法主体。", column="执法主体")
        case_file = copy.copy(existing) if existing else CaseFile()
        case_file.campaign = campaign
        case_file.body = body
        case_file.domain = values["domain"]
        case_file.act_kind = values["act_kind"]
        case_file.case_number = values["case_number"]
        case_file.title = values["title"]
        case_file.decided_on = values["decided_on"]
        people = []
        for number in _split(values["officers"]):
            person = ctx["holders"].get(number)
            if person is None:
                raise CellError(f"没有证号为“{number}”的执法证件。", column="承办人执法证号")
            people.append(person)
        try:
            certificate_rules.validate_officers_certified(people, case_file.decided_on)
        except ValidationError as exc:
            raise CellError("；".join(exc.messages), column="承办人执法证号") from exc
        self._local.officers[(campaign.pk, case_file.case_number)] = (existing, list(dict.fromkeys(people)))
        return case_file

    def organization_of(self, instance):
        return instance.campaign.organization  # drawing files is the organizer's, not the evaluated unit's

    def update_fields(self):
        return ["campaign", "body", "domain", "act_kind", "case_number", "title", "decided_on"]

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "评查案卷")
        super().save(creates=creates, updates=updates, fields=fields)
        saved = {(f.campaign_id, f.case_number): f for f in [*creates, *updates]}
        entries = []
        for key, (existing, people) in self._local.officers.items():
            case_file = saved.get(key, existing)
            if case_file is None or case_file.pk is None:
                continue
            have = {link.person_id: link for link in CaseFileOfficer.objects.filter(case_file=case_file)}
            for person_id, link in have.items():
                if person_id not in {p.pk for p in people}:
                    entries.append(
                        audit.Entry(
                            AuditEvent.Action.DELETE, link, {"person_id": [person_id, None]}, note="台账导入"
                        )
                    )
                    link.delete()
            for person in people:
                if person.pk not in have:
                    link = CaseFileOfficer.objects.create(case_file=case_file, person=person)
                    entries.append(
                        audit.Entry(
                            AuditEvent.Action.CREATE,
                            link,
                            audit.diff({}, audit.snapshot(link)),
                            note="台账导入",
                        )
                    )
        audit.append(actor=actor, entries=entries)


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


@register
class ProblemLedger(Ledger):
    code = "enforcement_case_file_problems"
    name = "评查问题"
    model = CaseFileProblem
    description = (
        "每行一条评查发现的问题，归入所评查案卷的执法主体所在单位；以“评查活动＋案件编号＋问题类别＋问题描述”识别，"
        "再次导入同一文件不重复登记。问题的整改在整改台账中办理。"
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
        problem.body = case_file.body
        problem.organization = case_file.body.organization
        problem.category = values["category"]
        problem.description = values["description"]
        return problem

    def organization_of(self, instance):
        return instance.case_file.campaign.organization  # problems are recorded by the organizer

    def update_fields(self):
        return ["category", "description"]

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "评查问题")
        super().save(creates=creates, updates=updates, fields=fields)
        open_rectification(actor=actor, problems=creates)
