"""Evaluation campaigns (评查活动): their scope and grade thresholds, the standard (veto and scored items) and the
reviewers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import config
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User

from ...models import (
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
)
from ...rules import evaluation as rules
from .case_files import _store_result
from .common import _decimal, require_evaluator

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
        rules.validate_standard_open(campaign)
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
        rules.validate_standard_open(item.campaign)
        return core_services.update_record(actor=actor, instance=item, data=fields)


def remove_item(*, actor: User, item: EvaluationItem) -> None:
    """Delete an item of the standard: not one already used in a file's scores, not once the standard is fixed."""
    require_evaluator(actor, "设定评查标准")
    with transaction.atomic():
        rules.validate_item_removable(item)
        core_services.delete_record(actor=actor, instance=item)


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
    rules.validate_reviewer(person)
    reviewer = EvaluationReviewer(campaign=campaign, person=person, affiliation=affiliation)
    return core_services.create_record(actor=actor, instance=reviewer)


def remove_reviewer(*, actor: User, reviewer: EvaluationReviewer) -> None:
    require_evaluator(actor, "确定评查人员")
    core_services.delete_record(actor=actor, instance=reviewer)
