"""Every change of case-file evaluation (案卷评查): campaigns with their standard and reviewers, the files drawn with
their handling officers, scoring (total and grade computed from the item scores, never typed) and the problems
found. Keyword-only functions that check the evaluator's role, access and the rules, save and write the audit trail
in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, clock, config
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User
from fazhi.oversight import services as oversight_services

from ..models import (
    CaseFile,
    CaseFileOfficer,
    CaseFileProblem,
    EnforcementBody,
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
    ItemScore,
)
from ..rules import certificates as certificate_rules
from ..rules import evaluation as rules

# The common scheme (domain/statutes.md): veto items fail a file outright; 卷面 20 + 实体 80 = 100 points.
DEFAULT_VETO_ITEMS = [
    "执法主体不合法或超越职权",
    "执法人员不具备执法资格",
    "执法人员少于两人",
    "主要证据不足",
    "认定事实不清",
    "定性错误",
    "适用法律、法规、规章错误",
    "违反法定程序",
]
DEFAULT_SCORED_ITEMS = [
    ("卷面评查", "卷宗装订规范、材料齐全", 5),
    ("卷面评查", "执法文书制作规范", 10),
    ("卷面评查", "归档及时、目录清晰", 5),
    ("实体评查", "事实清楚、证据确实充分", 25),
    ("实体评查", "适用法律依据准确", 20),
    ("实体评查", "程序合法、时限符合规定", 20),
    ("实体评查", "裁量适当、说理充分", 15),
]


def require_evaluator(actor: User, what: str) -> None:
    """Evaluation is organized and scored by the Justice Bureau or enforcement supervisors, not the evaluated unit."""
    if not rules.may_evaluate(actor):
        raise PermissionDenied(f"{what}由司法局（执法监督机构）办理。")


def _decimal(value, label: str) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(f"{label}“{value}”不是数字。") from exc


# Campaigns, their standard and reviewers ---------------------------------------------------------------------


def create_campaign(
    *,
    actor: User,
    organization: Organization,
    year: int,
    name: str,
    domains: list[str],
    excellent_score: Decimal | int | None = None,
    pass_score: Decimal | int | None = None,
    note: str = "",
    default_standard: bool = False,
) -> EvaluationCampaign:
    """A campaign with its scope and grade thresholds (the configured defaults unless given); with
    default_standard the common standard is added in the same call."""
    require_evaluator(actor, "组织案卷评查")
    with transaction.atomic():
        campaign = EvaluationCampaign(
            organization=organization,
            year=year,
            name=(name or "").strip(),
            domains=list(domains or []),
            excellent_score=_decimal(
                config.get(rules.EVALUATION_EXCELLENT_SCORE.key)
                if excellent_score is None
                else excellent_score,
                "优秀分数线",
            ),
            pass_score=_decimal(
                config.get(rules.EVALUATION_PASS_SCORE.key) if pass_score is None else pass_score,
                "合格分数线",
            ),
            note=note,
        )
        core_services.create_record(actor=actor, instance=campaign)
        if default_standard:
            add_default_standard(actor=actor, campaign=campaign)
    return campaign


def update_campaign(*, actor: User, campaign: EvaluationCampaign, **fields: Any) -> EvaluationCampaign:
    """Change a campaign; new thresholds re-grade its scored files, a narrower scope may not leave files outside."""
    require_evaluator(actor, "变更案卷评查活动")
    with transaction.atomic():
        core_services.update_record(actor=actor, instance=campaign, data=fields)
        outside = campaign.files.exclude(domain__in=campaign.domains)
        if outside.exists():
            raise ValidationError(
                {"domains": f"已抽取的案卷{outside.first().case_number}的执法领域不在新的评查范围内。"}
            )
        if {"excellent_score", "pass_score"} & set(fields):
            for case_file in campaign.files.filter(scored_on__isnull=False):
                _store_result(actor=actor, case_file=case_file, scored_on=case_file.scored_on)
    return campaign


def _standard_fixed(campaign: EvaluationCampaign) -> None:
    if campaign.files.filter(scored_on__isnull=False).exists():
        raise ValidationError("本次评查已有案卷评分，不能再修改评查标准。")


def add_item(
    *,
    actor: User,
    campaign: EvaluationCampaign,
    kind: str,
    title: str,
    max_points: Decimal | int | None = None,
    group: str = "",
    order: int = 0,
) -> EvaluationItem:
    """An item of the campaign's standard; the standard is fixed once the first file is scored."""
    require_evaluator(actor, "设定评查标准")
    with transaction.atomic():
        _standard_fixed(campaign)
        item = EvaluationItem(
            campaign=campaign,
            kind=kind,
            title=(title or "").strip(),
            group=(group or "").strip(),
            max_points=None if max_points in (None, "") else _decimal(max_points, "分值"),
            order=order,
        )
        return core_services.create_record(actor=actor, instance=item)


def update_item(*, actor: User, item: EvaluationItem, **fields: Any) -> EvaluationItem:
    require_evaluator(actor, "设定评查标准")
    with transaction.atomic():
        _standard_fixed(item.campaign)
        return core_services.update_record(actor=actor, instance=item, data=fields)


def add_default_standard(*, actor: User, campaign: EvaluationCampaign) -> list[EvaluationItem]:
    """The common standard in one call: eight veto items, then 卷面 20 + 实体 80 points."""
    with transaction.atomic():
        if campaign.items.exists():
            raise ValidationError("该评查活动已设定评查标准，不能再添加默认标准。")
        items = [
            add_item(actor=actor, campaign=campaign, kind=EvaluationItem.Kind.VETO, title=title, order=i)
            for i, title in enumerate(DEFAULT_VETO_ITEMS, start=1)
        ]
        items += [
            add_item(
                actor=actor,
                campaign=campaign,
                kind=EvaluationItem.Kind.SCORED,
                group=group,
                title=title,
                max_points=points,
                order=i,
            )
            for i, (group, title, points) in enumerate(DEFAULT_SCORED_ITEMS, start=1)
        ]
    return items


def add_reviewer(
    *, actor: User, campaign: EvaluationCampaign, person: Person, affiliation: str
) -> EvaluationReviewer:
    """A reviewer of the campaign, from the procuratorate, an enforcement unit, the legal advisors…"""
    require_evaluator(actor, "确定评查人员")
    if not person.is_active:
        raise ValidationError({"person": f"{person}已不在职，不能担任评查人员。"})
    reviewer = EvaluationReviewer(campaign=campaign, person=person, affiliation=affiliation)
    return core_services.create_record(actor=actor, instance=reviewer)


def remove_reviewer(*, actor: User, reviewer: EvaluationReviewer) -> None:
    require_evaluator(actor, "确定评查人员")
    core_services.delete_record(actor=actor, instance=reviewer)


# Files drawn and their officers -----------------------------------------------------------------------------


def check_officers(people: Iterable[Person], day: dt.date) -> None:
    """Every handling officer held a valid 行政执法证 on the decision date (rules/certificates.py)."""
    certificate_rules.validate_officers_certified(people, day)


def draw_case_file(
    *,
    actor: User,
    campaign: EvaluationCampaign,
    body: EnforcementBody,
    domain: str,
    act_kind: str,
    case_number: str,
    title: str,
    decided_on: dt.date,
    officers: Iterable[Person] = (),
) -> CaseFile:
    """抽取案卷: a closed file of a body for the campaign, with its handling officers (each certified that day)."""
    require_evaluator(actor, "抽取评查案卷")
    officers = list(dict.fromkeys(officers))
    with transaction.atomic():
        case_file = CaseFile(
            campaign=campaign,
            body=body,
            domain=domain,
            act_kind=act_kind,
            case_number=(case_number or "").strip(),
            title=(title or "").strip(),
            decided_on=decided_on,
        )
        core_services.create_record(actor=actor, instance=case_file)
        if decided_on is not None:
            check_officers(officers, decided_on)
        for person in officers:
            core_services.create_record(
                actor=actor, instance=CaseFileOfficer(case_file=case_file, person=person)
            )
    return case_file


def update_case_file(
    *, actor: User, case_file: CaseFile, officers: Iterable[Person] | None = None, **fields: Any
) -> CaseFile:
    """Change a file's particulars or its officers; the officers are checked again against the (new) date."""
    require_evaluator(actor, "变更评查案卷")
    with transaction.atomic():
        if "campaign" in fields and fields["campaign"] != case_file.campaign and case_file.scores.exists():
            raise ValidationError({"campaign": "已评分的案卷不能改到其他评查活动。"})
        core_services.update_record(actor=actor, instance=case_file, data=fields)
        if officers is not None:
            wanted = list(dict.fromkeys(officers))
            for link in case_file.officer_links.exclude(person__in=wanted):
                core_services.delete_record(actor=actor, instance=link)
            have = set(case_file.officer_links.values_list("person_id", flat=True))
            for person in wanted:
                if person.pk not in have:
                    link = CaseFileOfficer(case_file=case_file, person=person)
                    core_services.create_record(actor=actor, instance=link)
        check_officers(case_file.officers.all(), case_file.decided_on)
    return case_file


def check_handled_files(person: Person, since: dt.date) -> None:
    """After a certificate change (a cancellation or failed review dated `since`), the person must still have been
    certified on the decision date of every file they are recorded as handling from that day on."""
    days = (
        CaseFile.objects.filter(officer_links__person=person, decided_on__gte=since)
        .values_list("decided_on", flat=True)
        .distinct()
    )
    bad = [d for d in sorted(days) if not certificate_rules.officer_certified_on(person, d)]
    if bad:
        numbers = CaseFile.objects.filter(officer_links__person=person, decided_on__in=bad).order_by(
            "decided_on"
        )
        listed = "、".join(numbers.values_list("case_number", flat=True)[:5])
        raise ValidationError(
            f"{person.name}已登记为{listed}等案卷的承办执法人员（决定日期在{since:%Y年%m月%d日}及以后），"
            f"此变更将使其在办案时无有效行政执法证（{certificate_rules.BASIS_CERTIFICATE}）；请先核实案卷承办人员或变更日期。"
        )


# Scoring -------------------------------------------------------------------------------------------------------


def compute_result(case_file: CaseFile) -> tuple[Decimal | None, bool, str]:
    """(total, vetoed, grade) from the file's item scores: a veto hit fails the file whatever its points; without
    one, the result exists once every scored item has its points."""
    campaign = case_file.campaign
    scores = list(case_file.scores.select_related("item"))
    vetoed = any(s.veto_hit for s in scores)
    scored_ids = {s.item_id for s in scores if s.points is not None}
    needed = set(campaign.items.filter(kind=EvaluationItem.Kind.SCORED).values_list("pk", flat=True))
    total = sum((s.points for s in scores if s.points is not None), Decimal(0))
    if not vetoed and (not needed or not needed <= scored_ids):
        return None, False, ""
    grade = rules.evaluation_grade(
        total=total,
        vetoed=vetoed,
        excellent_score=campaign.excellent_score,
        pass_score=campaign.pass_score,
    )
    return total, vetoed, grade


def _store_result(*, actor: User, case_file: CaseFile, scored_on: dt.date | None) -> CaseFile:
    total, vetoed, grade = compute_result(case_file)
    data = {
        "total_score": total,
        "vetoed": vetoed,
        "grade": grade,
        "scored_on": scored_on if grade else None,
    }
    return core_services.update_record(actor=actor, instance=case_file, data=data)


def score_case_file(
    *,
    actor: User,
    case_file: CaseFile,
    points: Mapping[int | EvaluationItem, Any],
    vetoes: Iterable[int | EvaluationItem] = (),
    scored_on: dt.date,
) -> CaseFile:
    """评分: points for every scored item (within its maximum) and the veto items hit; the total and grade are
    computed. Scoring again replaces the earlier scores."""
    require_evaluator(actor, "案卷评分")
    rules.validate_scored_on(scored_on)
    with transaction.atomic():
        case_file = CaseFile.objects.select_for_update().select_related("campaign").get(pk=case_file.pk)
        access.check(actor, case_file, access.CHANGE)
        items = {i.pk: i for i in case_file.campaign.items.all()}
        if not any(i.kind == EvaluationItem.Kind.SCORED for i in items.values()):
            raise ValidationError(f"评查活动“{case_file.campaign}”尚未设定评分项，请先设定评查标准。")
        given = {getattr(k, "pk", k): v for k, v in points.items() if v not in (None, "")}
        hit = {getattr(v, "pk", v) for v in vetoes}
        unknown = [k for k in [*given, *hit] if k not in items]
        if unknown:
            raise ValidationError("评分中有不属于本次评查标准的项目。")
        wrong_kind = [items[k].title for k in hit if items[k].kind != EvaluationItem.Kind.VETO]
        wrong_kind += [items[k].title for k in given if items[k].kind != EvaluationItem.Kind.SCORED]
        if wrong_kind:
            raise ValidationError(f"评分项只填分数、否决项只选是否触及：{'、'.join(wrong_kind)}。")
        missing = [
            i.title for i in items.values() if i.kind == EvaluationItem.Kind.SCORED and i.pk not in given
        ]
        if missing and not hit:
            raise ValidationError(f"以下评分项未评分：{'、'.join(missing)}。")
        for old in case_file.scores.all():
            core_services.delete_record(actor=actor, instance=old)
        errors = []
        for pk, value in given.items():
            score = ItemScore(case_file=case_file, item=items[pk], points=_decimal(value, items[pk].title))
            try:
                core_services.create_record(actor=actor, instance=score)
            except ValidationError as exc:
                errors += exc.messages
        if errors:
            raise ValidationError(errors)
        for pk in hit:
            core_services.create_record(
                actor=actor, instance=ItemScore(case_file=case_file, item=items[pk], veto_hit=True)
            )
        return _store_result(actor=actor, case_file=case_file, scored_on=scored_on)


# Problems --------------------------------------------------------------------------------------------------------


def record_problem(
    *,
    actor: User,
    case_file: CaseFile,
    category: str,
    description: str,
    found_on: dt.date | None = None,
) -> CaseFileProblem:
    """A problem found in the file, belonging to the evaluated body's unit. It goes at once to the rectification
    ledger of oversight/ — an item that refers to this problem (never a copy of it), opened on `found_on` (the file's
    scoring day, else today) with the configured rectification period."""
    require_evaluator(actor, "登记评查问题")
    problem = CaseFileProblem(
        case_file=case_file,
        body=case_file.body,
        organization=case_file.body.organization,
        category=category,
        description=(description or "").strip(),
    )
    with transaction.atomic():
        problem = core_services.create_record(actor=actor, instance=problem)
        open_rectification(actor=actor, problems=[problem], found_on=found_on)
    return problem


def open_rectification(*, actor: User, problems, found_on: dt.date | None = None) -> None:
    """Send problems to the rectification ledger (one item each; a problem that has one already is left alone)."""
    for problem in problems:
        if oversight_services.item_of(problem) is None:
            scored_on = (
                CaseFile.objects.filter(pk=problem.case_file_id).values_list("scored_on", flat=True).first()
            )
            on = found_on or scored_on or clock.today()
            oversight_services.open_item(actor=actor, source=problem, opened_on=on)


def update_problem(*, actor: User, problem: CaseFileProblem, **fields: Any) -> CaseFileProblem:
    require_evaluator(actor, "修改评查问题")
    if set(fields) - {"category", "description"}:
        raise ValidationError("评查问题只能修改问题类别和问题描述。")
    return core_services.update_record(actor=actor, instance=problem, data=fields)


def remove_problem(*, actor: User, problem: CaseFileProblem) -> None:
    require_evaluator(actor, "删除评查问题")
    core_services.delete_record(actor=actor, instance=problem)
