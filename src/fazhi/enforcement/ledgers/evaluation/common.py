"""What the evaluation ledgers share: the campaign and case-number columns, reading a campaign or a file named in a
row, and only the Justice Bureau or enforcement supervisors may import."""

from __future__ import annotations

from fazhi.core.io.ledgers import CellError, Column, LedgerFileError

from ...models import (
    CaseFile,
    Certificate,
    EvaluationCampaign,
)
from ...rules import evaluation as rules
from ...rules.certificates import valid_on

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
    getter=lambda o: (o.campaign if hasattr(o, "campaign") else o.case_file.campaign).name,
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
