"""Reads of case-file evaluation, scoped through core.access: campaigns (the organizer's, and those in which the
user's units have files), files with their scores, and the problems found by campaign or by body — the records the
rectification ledger attaches to."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

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


def case_files_for(user: User, action: str = access.VIEW) -> QuerySet[CaseFile]:
    return access.scope(user, CaseFile.objects.select_related("campaign", "body__organization"), action)


def campaigns_for(user: User) -> QuerySet[EvaluationCampaign]:
    """Campaigns the user's scope organizes, and those in which files of units the user sees were drawn."""
    own = access.scope(user, EvaluationCampaign.objects.all()).values("pk")
    with_files = case_files_for(user).values("campaign_id")
    return (
        EvaluationCampaign.objects.filter(Q(pk__in=own) | Q(pk__in=with_files))
        .select_related("organization")
        .annotate(
            file_count=Count("files", filter=Q(files__in=case_files_for(user).values("pk")), distinct=True),
            reviewer_count=Count("reviewers", distinct=True),
        )
        .order_by("-year", "name")
    )


def campaign_files(user: User, campaign: EvaluationCampaign) -> QuerySet[CaseFile]:
    """The campaign's files the user sees, with officers and problems, by body and case number."""
    return (
        case_files_for(user)
        .filter(campaign=campaign)
        .prefetch_related(
            Prefetch("officer_links", queryset=CaseFileOfficer.objects.select_related("person")),
            "problems",
        )
        .order_by("body__organization__path", "body__name", "case_number")
    )


def standard_of(campaign: EvaluationCampaign) -> QuerySet[EvaluationItem]:
    """The campaign's standard: veto items first, then the scored items by group and order."""
    return campaign.items.order_by("-kind", "group", "order", "pk")


def reviewers_of(campaign: EvaluationCampaign) -> QuerySet[EvaluationReviewer]:
    return campaign.reviewers.select_related("person__organization").order_by("affiliation", "person__name")


def scores_of(case_file: CaseFile) -> QuerySet[ItemScore]:
    return case_file.scores.select_related("item").order_by(
        "-item__kind", "item__group", "item__order", "item_id"
    )


def problems_for(user: User, action: str = access.VIEW) -> QuerySet[CaseFileProblem]:
    return access.scope(
        user,
        CaseFileProblem.objects.select_related("case_file__campaign", "body", "organization"),
        action,
    ).order_by("case_file__campaign__year", "organization__path", "case_file__case_number", "pk")


def problems_by_campaign(user: User, campaign: EvaluationCampaign) -> QuerySet[CaseFileProblem]:
    return problems_for(user).filter(case_file__campaign=campaign)


def problems_by_body(
    user: User, body: EnforcementBody, campaign: EvaluationCampaign | None = None
) -> QuerySet[CaseFileProblem]:
    problems = problems_for(user).filter(body=body)
    return problems.filter(case_file__campaign=campaign) if campaign is not None else problems
