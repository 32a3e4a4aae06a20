"""The case files drawn for evaluation with their handling officers, and scoring (total and grade computed from the
item scores, never typed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import Person, User

from ...models import (
    CaseFile,
    CaseFileOfficer,
    EnforcementBody,
    EvaluationCampaign,
    EvaluationItem,
    ItemScore,
)
from ...rules import certificates as certificate_rules
from ...rules import evaluation as rules
from .common import _decimal, require_evaluator

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
        rules.validate_case_file_change(case_file, fields)
        core_services.update_record(actor=actor, instance=case_file, data=fields)
        # A file not yet scored may move to another campaign; its problems keep its campaign (CaseFileProblem.campaign).
        case_file.problems.exclude(campaign_id=case_file.campaign_id).update(
            campaign_id=case_file.campaign_id
        )
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
