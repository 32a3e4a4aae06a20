"""The annual report of one unit for one year, drafted from the registry: every registered figure with the year
before, the text of the unit's template with its placeholders filled, the problems the data shows, and the checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from fazhi.core.models import Organization, OrganizationKind
from fazhi.indicators.registry import REGISTRY, Period, Result, Scope, evaluate, percent

from ..models import ReportTemplate
from ..rules import checks, figures, spec

OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}
NO_PROBLEMS = "从本年度数据看，未发现突出问题，请结合工作实际补充"


@dataclass
class Problem:
    code: str
    text: str


@dataclass
class Report:
    organization: Organization
    year: int
    scope: Scope
    template: list[spec.Block]
    template_source: str
    results: dict[str, Result] = field(default_factory=dict)
    blocks: list[spec.Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_placeholders: set[str] = field(default_factory=set)
    checks: list = field(default_factory=list)
    frozen_figures: dict | None = None  # an issued report's figures as issued

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if b.kind == spec.TITLE), "")

    @property
    def period(self) -> Period:
        return Period.year(self.year)

    def figure_dicts(self) -> list[dict]:
        return [figure_dict(r) for r in self.results.values()]

    def content(self) -> dict:
        """What issuing freezes: the text and every figure."""
        return {
            "organization": self.organization.code,
            "year": self.year,
            "title": self.title,
            "blocks": [b.as_dict() for b in self.blocks],
            "figures": self.frozen_figures or {d["code"]: d for d in self.figure_dicts()},
        }

    def as_json(self) -> dict:
        return {**self.content(), "checks": [c.as_dict() for c in self.checks]}


def figure_dict(result: Result) -> dict:
    data = result.as_dict()
    figure = result.figure
    data["change_phrase"] = figures.change_phrase(result)
    data["group"] = spec.group_of(result.indicator)
    data["incomplete"] = figure.incomplete.count() if figure.incomplete is not None else 0
    return data


def content_hash(content: dict) -> str:
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def template_for(organization: Organization, year: int) -> tuple[list[spec.Block], str]:
    """The unit's edited text for the year, else the default template."""
    override = ReportTemplate.objects.filter(organization=organization, year=year).first()
    if override is not None:
        return spec.text_to_blocks(override.text), f"{organization}{year}年度编辑文本"
    return spec.default_blocks(), "默认模板"


def words_for(organization: Organization, year: int) -> dict[str, str]:
    we = "我区" if organization.kind == OrganizationKind.DISTRICT_GOVERNMENT else "我单位"
    return {"org": organization.name, "we": we, "year": str(year), "next_year": str(year + 1)}


def build(
    organization: Organization,
    year: int,
    *,
    scope: Scope | None = None,
    template: list[spec.Block] | None = None,
    progress: Callable[[int, int], None] | None = None,
    with_checks: bool = True,
) -> Report:
    """Compute every registered figure for the unit (and the units below it), fill the text, draft the problems."""
    source = "给定文本"
    if template is None:
        template, source = template_for(organization, year)
    report = Report(organization, year, scope or Scope(organization, include_below=True), template, source)
    codes = sorted(REGISTRY)
    total = len(codes) + 2
    for i, code in enumerate(codes, 1):
        report.results[code] = evaluate(code, report.period, report.scope)
        if progress:
            progress(i, total)
    report.problems = draft_problems(report.results)
    words = words_for(organization, year)
    words["problems"] = figures.ordinal_list([p.text for p in report.problems] or [NO_PROBLEMS])
    report.blocks = [
        spec.Block(b.kind, figures.fill(b.text, report.results, words, report.unknown_placeholders), b.group)
        for b in template
    ]
    if progress:
        progress(total - 1, total)
    if with_checks:
        report.checks = checks.run_checks(report)
    if progress:
        progress(total, total)
    return report


def draft_problems(results: dict[str, Result]) -> list[Problem]:
    """The problems the data shows, by the rules of rules.toml; a rule over an unregistered code is skipped."""
    problems = []
    for rule in spec.rules().get("problems", []):
        code, of = rule["code"], rule.get("of")
        if code not in results or (of and of not in results):
            continue
        figure = results[code].figure
        if of:
            numerator, denominator = figure.value, results[of].figure.value
            value = (
                percent(numerator, denominator) if numerator is not None and denominator is not None else None
            )
        else:
            value, numerator, denominator = figure.value, figure.numerator, figure.denominator
        if value is None or not OPERATORS[rule["op"]](value, rule["threshold"]):
            continue
        text = rule["text"].format(
            value=figures.number(value),
            threshold=figures.number(rule["threshold"]),
            numerator=figures.number(numerator),
            denominator=figures.number(denominator),
            name=results[code].indicator.name,
        )
        problems.append(Problem(code, text))
    return problems


def default_year(today: dt.date) -> int:
    """The year a report is usually about: the last complete year."""
    return today.year - 1
