"""Enforcement's records that open rectification items in oversight's ledger: supervision clues and case-file
evaluation problems (registered in fazhi.oversight.links, discovered by oversight's ready()), each named as a clerk
knows it: a clue by its source and source number (“12345热线线索SL12345-2025-0002”), a problem by its campaign, its
case file's number and its place among the file's problems (“2025年度行政执法案卷评查 示执罚〔2025〕11号 问题2”)."""

import re

from django.urls import reverse

from fazhi.oversight import links

from .models import CaseFileProblem, SupervisionClue

CLUE_NAMED = re.compile(r"^(?P<source>.+?)线索(?P<number>\S+)$")
PROBLEM_NAMED = re.compile(r"^(?P<campaign>.+\S)\s+(?P<case_number>\S+)\s+问题\s*(?P<number>\d+)$")
SOURCE_VALUES = {label: value for value, label in SupervisionClue.Source.choices}


def clue_name(clue: SupervisionClue) -> str:
    """Only a clue with a source number has a name a clerk knows; the others keep the internal reference."""
    return str(clue) if clue.external_number else ""


def find_clues(text: str):
    named = CLUE_NAMED.match(text)
    source = SOURCE_VALUES.get(named["source"]) if named else None
    if source is None:
        return []
    return SupervisionClue.objects.filter(source=source, external_number=named["number"])


def problem_number(problem: CaseFileProblem) -> int:
    """The problem's place among its case file's problems (in the order they were recorded), from 1."""
    return CaseFileProblem.objects.filter(case_file_id=problem.case_file_id, pk__lte=problem.pk).count()


def problem_name(problem: CaseFileProblem) -> str:
    case_file = problem.case_file
    return f"{case_file.campaign.name} {case_file.case_number} 问题{problem_number(problem)}"


def find_problems(text: str):
    named = PROBLEM_NAMED.match(text)
    if not named:
        return []
    problems = list(
        CaseFileProblem.objects.filter(
            case_file__campaign__name=named["campaign"], case_file__case_number=named["case_number"]
        ).order_by("case_file_id", "pk")
    )
    # The n-th problem of each matching case file (campaigns of different districts may share a name).
    found, place = [], {}
    for problem in problems:
        place[problem.case_file_id] = place.get(problem.case_file_id, 0) + 1
        if place[problem.case_file_id] == int(named["number"]):
            found.append(problem)
    return found


def missing_clue(text: str) -> str:
    named = CLUE_NAMED.match(text)
    if not named or named["source"] not in SOURCE_VALUES:
        return ""
    return f"没有来源编号为“{named['number']}”的{named['source']}线索。"


def missing_problem(text: str) -> str:
    named = PROBLEM_NAMED.match(text)
    if not named:
        return ""
    return (
        f"评查活动“{named['campaign']}”中没有案件编号为“{named['case_number']}”的案卷，"
        f"或该案卷没有问题{named['number']}。"
    )


links.register(
    "enforcement.SupervisionClue",
    kind=links.SourceKind.CLUE,
    unit=lambda c: c.organization,
    description=lambda c: f"{c}：{c.content}",
    url=lambda c: reverse("enforcement:clue", args=[c.pk]),
    name=clue_name,
    find=find_clues,
    form="线索来源＋“线索”＋来源编号（如 12345热线线索SL12345-2025-0002）",
    missing=missing_clue,
)
links.register(
    "enforcement.CaseFileProblem",
    kind=links.SourceKind.CASE_FILE,
    unit=lambda p: p.organization,
    description=lambda p: f"案卷评查问题（{p.case_file}）：{p.description}",
    url=lambda p: reverse("evaluation:file", args=[p.case_file_id]),
    related=("case_file__campaign",),
    name=problem_name,
    find=find_problems,
    form="评查活动 案件编号 问题序号（如 2025年度行政执法案卷评查 示执罚〔2025〕11号 问题2）",
    missing=missing_problem,
)
