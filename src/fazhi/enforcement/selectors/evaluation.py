"""Reads of case-file evaluation, scoped through core.access: campaigns (the organizer's, and those in which the
user's units have files), files with their scores, and the problems found by campaign or by body — the records the
rectification ledger attaches to."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

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
from .counts import count_of


def case_files_for(user: User, action: str = access.VIEW) -> QuerySet[CaseFile]:
    return access.scope(user, CaseFile.objects.select_related("campaign", "body__organization"), action)


def campaigns_for(user: User) -> QuerySet[EvaluationCampaign]:
    """Campaigns the user's scope organizes, and those in which files of units the user sees were drawn, with the
    number of those files and of reviewers. Per campaign, as correlated subqueries (an EXISTS, two counts), not a
    join of every file with every reviewer: a province campaign has ~13,000 files (issue 19: the list did not
    answer in 20 s)."""
    own = access.scope(user, EvaluationCampaign.objects.all()).values("pk")
    files = CaseFile.objects.all() if sees_every_body(user) else case_files_for(user).order_by()
    seen = files.filter(campaign=OuterRef("pk"))
    return (
        EvaluationCampaign.objects.filter(Q(pk__in=own) | Q(Exists(seen)))
        .select_related("organization")
        .annotate(
            file_count=_count_of(seen),
            reviewer_count=_count_of(EvaluationReviewer.objects.filter(campaign=OuterRef("pk"))),
        )
        .order_by("-year", "name")
    )


def sees_every_body(user: User) -> bool:
    """Whether the user sees the files of every enforcement body: a file is scoped by its body's unit as a body is by
    its unit, so with the same kind of scope for both and no body hidden, every file is seen. A campaign's files are
    then counted on the campaign's index alone (a province campaign: 13,000 files of 625 bodies, probed body by body
    through the scope: 9 ms a campaign; by the campaign: 2 ms)."""
    if access.scope_kind(user, CaseFile) != access.scope_kind(user, EnforcementBody):
        return False
    visible = access.scope(user, EnforcementBody.objects.all())
    return not EnforcementBody.objects.exclude(pk__in=visible.values("pk")).exists()


def _count_of(rows: QuerySet):
    """COUNT(*) of `rows` (filtered on an OuterRef to the campaign) as a subquery, 0 when there are none."""
    return count_of(rows, "campaign")


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


def items_for(user: User, action: str = access.VIEW) -> QuerySet[EvaluationItem]:
    """Items of the standards of the campaigns the user's scope organizes."""
    return access.scope(user, EvaluationItem.objects.select_related("campaign"), action)


def used_item_ids(campaign: EvaluationCampaign) -> set[int]:
    """The ids of the campaign's items some file's score refers to."""
    return set(ItemScore.objects.filter(item__campaign=campaign).values_list("item_id", flat=True).distinct())


def reviewers_of(campaign: EvaluationCampaign) -> QuerySet[EvaluationReviewer]:
    return campaign.reviewers.select_related("person__organization").order_by("affiliation", "person__name")


def scores_of(case_file: CaseFile) -> QuerySet[ItemScore]:
    return case_file.scores.select_related("item").order_by(
        "-item__kind", "item__group", "item__order", "item_id"
    )


def problems_for(user: User, action: str = access.VIEW) -> QuerySet[CaseFileProblem]:
    return access.scope(
        user,
        CaseFileProblem.objects.select_related("case_file__campaign", "campaign", "body", "organization"),
        action,
    ).order_by("campaign__year", "organization__path", "case_file__case_number", "pk")


def problems_listed(user: User) -> QuerySet[CaseFileProblem]:
    """The problem list's rows: problems_for with their campaign, body, unit and case file read for the rows shown
    (a statement each for a page), not joined: sorted on the campaign kept on the problem, the statement joins only
    the campaign (and the unit for the scope) to the problems' own narrow rows before its top-50 sort, instead of
    every problem to its case file and wide linked rows (province, Justice Bureau: 539 → 75 ms at load 5, EXPLAIN;
    issue 19)."""
    return (
        problems_for(user)
        .select_related(None)
        .prefetch_related("campaign", "body", "organization", "case_file")
    )


def campaigns_of(problems: QuerySet[CaseFileProblem]) -> QuerySet[EvaluationCampaign]:
    """The campaigns in which some of `problems` were found, newest first. Each campaign is probed for its first
    problem (a scalar subquery with LIMIT 1 on the problem's own campaign, index problem_campaign_id_idx), not the
    campaign of every problem looked up (province: 100,000 problems over 1,000,000 files, 5.4 s; probed: 12 ms)."""
    first = problems.order_by().filter(campaign=OuterRef("pk")).values("pk")[:1]
    return (
        EvaluationCampaign.objects.annotate(first_problem=Subquery(first))
        .filter(first_problem__isnull=False)
        .order_by("-year", "name")
    )


def problems_by_campaign(user: User, campaign: EvaluationCampaign) -> QuerySet[CaseFileProblem]:
    return problems_for(user).filter(campaign=campaign)


def problems_by_body(
    user: User, body: EnforcementBody, campaign: EvaluationCampaign | None = None
) -> QuerySet[CaseFileProblem]:
    problems = problems_for(user).filter(body=body)
    return problems.filter(campaign=campaign) if campaign is not None else problems
