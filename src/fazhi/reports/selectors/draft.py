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
from fazhi.indicators import snapshots
from fazhi.indicators.registry import REGISTRY, Period, Result, Scope, compute, evaluate, percent, shared

from ..models import ReportTemplate, WorkstreamStatement
from ..rules import checks, duties, figures, spec, wording

OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}
NO_PROBLEMS = "从本年度数据看，未发现突出问题，请结合工作实际补充"
CAUSE_UNITS = 5


@dataclass
class Problem:
    """A problem the data shows, its cause (the rule's reason and the units below whose own figure fails the
    same rule), and next year's answer to it."""

    code: str
    text: str
    cause: str = ""
    plan: str = ""
    units: list[str] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        if not self.cause and not self.units:
            return self.text
        where = f"，主要是{'、'.join(self.units)}" if self.units else ""
        return f"{self.text.rstrip('。')}。原因是{self.cause or '部分单位工作不到位'}{where}"


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
    # workstreams whose figures are all 0 for the year: workstream -> the office's statement kind, "" when none
    empty_workstreams: dict[str, str] = field(default_factory=dict)
    frozen_figures: dict | None = None  # an issued report's figures as issued
    # Drafted from the figures kept fresh (indicators.snapshots): when they were computed, whether an update runs
    computed_at: dt.datetime | None = None
    stale: bool = False

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


WE = {
    OrganizationKind.DISTRICT_GOVERNMENT: "我区",
    OrganizationKind.TOWNSHIP: "我镇",
    OrganizationKind.SUBDISTRICT: "我街道",
}


def words_for(organization: Organization, year: int) -> dict[str, str]:
    we = "我市" if duties.is_city(organization) else WE.get(organization.kind, "我单位")
    return {"org": organization.name, "we": we, "year": str(year), "next_year": str(year + 1)}


def build(
    organization: Organization,
    year: int,
    *,
    scope: Scope | None = None,
    template: list[spec.Block] | None = None,
    progress: Callable[[int, int], None] | None = None,
    with_checks: bool = True,
    from_snapshots: bool = False,
) -> Report:
    """Compute every registered figure for the unit (and the units below it), fill the text, draft the problems.
    `from_snapshots`: read the figures computed once and kept fresh instead (the draft page and API); issuing and
    rendering compute them now."""
    source = "给定文本"
    if template is None:
        template, source = template_for(organization, year)
    report = Report(organization, year, scope or Scope(organization, include_below=True), template, source)
    codes = sorted(REGISTRY)
    total = len(codes) + 2
    figure = compute
    if from_snapshots:
        snapshot = snapshots.results(report.scope, year)
        report.results, report.computed_at, report.stale = (
            snapshot.results,
            snapshot.computed_at,
            snapshot.stale,
        )
        figure = _children_snapshots(organization, year, report.results)
    else:
        with shared():  # sibling figures share one grouped query per period (indicators.registry.shared)
            for i, code in enumerate(codes, 1):
                report.results[code] = evaluate(code, report.period, report.scope)
                if progress:
                    progress(i, total)
    report.empty_workstreams = empty_workstreams(report)
    absent = _absent(report)
    report.problems = [
        p
        for p in draft_problems(report.results, organization, report.period, figure=figure)
        if p.code not in absent
    ]
    report.blocks = fill(report, template)
    if progress:
        progress(total - 1, total)
    if with_checks:
        report.checks = checks.run_checks(report) + wording.run_checks(report, WORKSTREAM_NAMES)
    if progress:
        progress(total, total)
    return report


def _absent(report: Report) -> frozenset[str]:
    return frozenset(
        code
        for code, r in report.results.items()
        if report.empty_workstreams.get(r.indicator.workstream) == WorkstreamStatement.Kind.NO_RECORDS
    )


def fill(report: Report, template: list[spec.Block]) -> list[spec.Block]:
    """`template` with the report's figures, problems and words filled in (no figure computed again)."""
    words = words_for(report.organization, report.year)
    words["problems"] = figures.ordinal_list([p.full_text for p in report.problems] or [NO_PROBLEMS])
    words["plans"] = plans_sentence(report.problems)
    words["submissions"] = duties.submissions_sentence(report.organization, report.year)
    absent = _absent(report)
    return [
        spec.Block(
            b.kind, figures.fill(b.text, report.results, words, report.unknown_placeholders, absent), b.group
        )
        for b in template
    ]


def _fires(rule: dict, figure, of_figure) -> tuple[bool, object, object, object]:
    """Whether a problem rule fires on a figure (and its `of` figure): (fires, value, numerator, denominator)."""
    if rule.get("of"):
        numerator, denominator = figure.value, of_figure.value
        value = percent(numerator, denominator) if numerator is not None and denominator is not None else None
    else:
        value, numerator, denominator = figure.value, figure.numerator, figure.denominator
    fires = value is not None and OPERATORS[rule["op"]](value, rule["threshold"])
    return fires, value, numerator, denominator


def _children_snapshots(organization: Organization, year: int, results: dict[str, Result]) -> Callable:
    """figure(code, period, scope) for the units below `organization`, read from their snapshots at once: the
    figures of the problem rules that fire for the unit itself (the ones whose failing units are named)."""
    children = Organization.objects.filter(parent=organization)
    codes = set()
    for rule in spec.rules().get("problems", []):
        code, of = rule["code"], rule.get("of")
        if code in results and (not of or of in results):
            if _fires(rule, results[code].figure, results[of].figure if of else None)[0]:
                codes |= {code, of} - {None}
    table = snapshots.read(
        [(Scope(child, include_below=True), year, code) for child in children for code in sorted(codes)]
    )
    return lambda code, period, scope: table.get(scope, period.start.year, code)


def draft_problems(
    results: dict[str, Result],
    organization: Organization | None = None,
    period: Period | None = None,
    *,
    figure: Callable = compute,
) -> list[Problem]:
    """存在的不足和原因

    The problems the data shows, by the rules of rules.toml, each with its cause: the rule's reason and the units
    directly below the reporting unit whose own figure fails the same rule (the records that show it). A rule
    over an unregistered code cannot fire; the test over the shipped rules keeps every code registered."""
    problems = []
    children = list(Organization.objects.filter(parent=organization).order_by("path")) if organization else []
    for rule in spec.rules().get("problems", []):
        code, of = rule["code"], rule.get("of")
        if code not in results or (of and of not in results):
            continue
        fires, value, numerator, denominator = _fires(
            rule, results[code].figure, results[of].figure if of else None
        )
        if not fires:
            continue
        text = rule["text"].format(
            value=figures.number(value),
            threshold=figures.number(rule["threshold"]),
            numerator=figures.number(numerator),
            denominator=figures.number(denominator),
            name=results[code].indicator.name,
        )
        units = _failing_units(rule, children, period, results[code].indicator, figure) if period else []
        problems.append(Problem(code, text, rule.get("cause", ""), rule.get("plan", ""), units))
    return problems


def _failing_units(
    rule: dict, children, period: Period, indicator, figure_of: Callable = compute
) -> list[str]:
    """The units below whose own figure fails the rule, worst first, each with its figure."""
    code, of = rule["code"], rule.get("of")
    found = []
    for child in children:
        scope = Scope(child, include_below=True)
        figure = figure_of(code, period, scope)
        fires, value, numerator, denominator = _fires(
            rule, figure, figure_of(of, period, scope) if of else None
        )
        if not fires:
            continue
        if numerator is not None and denominator is not None:
            shown = f"{figures.number(value)}%（{figures.number(numerator)}/{figures.number(denominator)}）"
        else:
            shown = figures.with_unit(value, "" if rule.get("of") else indicator.unit)
        found.append((value, f"{child.name}（{shown}）"))
    reverse = rule["op"] in (">", ">=")
    found.sort(key=lambda x: x[0], reverse=reverse)
    return [text for _value, text in found[:CAUSE_UNITS]]


def plans_sentence(problems: list[Problem]) -> str:
    """Next year's measures answering this year's problems (四、下一年度主要安排), numbered after the three fixed ones."""
    plans = list(dict.fromkeys(p.plan for p in problems if p.plan))
    return "".join(
        f"{ORDINAL_AFTER[i] if i < len(ORDINAL_AFTER) else i + 4}是{plan}。" for i, plan in enumerate(plans)
    )


ORDINAL_AFTER = "四五六七八九十"


def workstreams() -> dict[str, list[str]]:
    """Every workstream of the registry with its indicator codes."""
    out: dict[str, list[str]] = {}
    for code in sorted(REGISTRY):
        out.setdefault(REGISTRY[code].workstream, []).append(code)
    return out


WORKSTREAM_NAMES = {
    "decisions": "重大行政决策",
    "review": "合法性审查和规范性文件",
    "enforcement": "行政执法和执法监督",
    "disputes": "行政复议",
    "litigation": "行政应诉",
    "oversight": "法治督察和整改",
    "duties": "述法学法和示范创建",
    "catalogs": "清单管理和政务服务",
    "core": "法治工作队伍",
}


def empty_workstreams(report: Report) -> dict[str, str]:
    """无记录的工作条线

    Workstreams all of whose counts are 0 (and rates without a base) for the year, with the office's statement
    ("really zero" / "no records"), "" where the office has said nothing yet."""
    statements = dict(
        WorkstreamStatement.objects.filter(organization=report.organization, year=report.year).values_list(
            "workstream", "kind"
        )
    )
    out = {}
    for workstream, codes in workstreams().items():
        values = [report.results[c].figure.value for c in codes if c in report.results]
        if values and all(v is None or v == 0 for v in values):
            out[workstream] = statements.get(workstream, "")
    return out


def default_year(today: dt.date) -> int:
    """The year a report is usually about: the last complete year."""
    return today.year - 1
