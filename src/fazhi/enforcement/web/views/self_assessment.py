"""The three systems' self-assessments (三项制度自查评估) of a year: which active body assessed which system, as a list
with search, filters (unit, completion, a system not yet assessed), sorting, pages and an export of exactly the rows
kept; the findings of the bodies kept are shown below."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fazhi.core import access, clock
from fazhi.core.web import lists, pages

from ... import selectors, services
from .. import forms
from .new_record import new_record

DONE, MISSING = "已自查", "未自查"


def self_assessment_spec(rows: list[dict]) -> lists.ListSpec:
    units = sorted(
        {(r["body"].organization.path, r["body"].organization.pk, r["body"].organization.name) for r in rows}
    )
    systems = [
        lists.Column(
            value,
            label,
            lambda r, i=i: DONE if r["systems"][i][1] else MISSING,
        )
        for i, (value, label) in enumerate(selectors.SYSTEMS.choices)
    ]
    return lists.ListSpec(
        title="三项制度自查评估",
        columns=[
            lists.Column("body", "执法主体", lambda r: r["body"].name),
            lists.Column("unit", "所在单位", lambda r: r["body"].organization.name),
            *systems,
            lists.Column("complete", "三项均已自查", lambda r: "是" if r["complete"] else "否"),
        ],
        filters=[
            lists.Filter(
                "unit",
                "所在单位",
                lambda rs, v: [r for r in rs if r["body"].organization_id == int(v)],
                choices=[(str(pk), name) for _, pk, name in units],
            ),
            lists.Filter(
                "complete",
                "完成情况",
                lambda rs, v: [r for r in rs if r["complete"] == (v == "yes")],
                choices=[("yes", "三项均已自查"), ("no", "尚有未自查的制度")],
            ),
            lists.Filter(
                "missing",
                "未自查的制度",
                lambda rs, v: [r for r in rs if not r["systems"][selectors.SYSTEMS.values.index(v)][1]],
                choices=selectors.SYSTEMS.choices,
            ),
        ],
        search_text=lambda r: f"{r['body'].name} {r['body'].organization.name}",
        search_placeholder="执法主体、单位",
        default_sort="body",
        keep=("year",),
    )


@login_required
def self_assessments(request):
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else clock.today().year
    rows = selectors.completion_by_body(request.user, year)
    listing = lists.listing(request, rows, self_assessment_spec(rows))
    if listing.wants_export:
        return listing.export(f"{year}年度三项制度自查评估_{clock.today().isoformat()}.xlsx")
    kept = {r["body"].pk for r in listing.rows}
    assessments = [
        a for a in selectors.self_assessments_for(request.user).filter(year=year) if a.body_id in kept
    ]
    pages.mark_correctable(assessments, selectors.self_assessments_for(request.user, access.CHANGE))
    return render(
        request,
        "enforcement/evaluation/self_assessments.html",
        {
            "year": year,
            "rows": listing.page_rows,
            "list": listing,
            "systems": selectors.SYSTEMS.choices,
            "complete": sum(r["complete"] for r in rows),
            "assessments": assessments,
            "may_record": _may_record(request.user),
        },
        status=listing.status,
    )


@login_required
def edit_self_assessment(request, pk):
    """更正 a self-assessment's date and findings, through services.update_self_assessment."""
    assessment = get_object_or_404(selectors.self_assessments_for(request.user), pk=pk)
    initial = pages.initial_of(assessment, forms.SelfAssessmentForm)
    form = forms.SelfAssessmentForm(**pages.posted(request), initial=initial)
    return pages.correct(
        request,
        form,
        lambda data: services.update_self_assessment(actor=request.user, assessment=assessment, **data),
        may_change=access.can(request.user, assessment, access.CHANGE),
        title=f"更正自查评估：{assessment.body.name} · {assessment.year}年度{assessment.get_system_display()}",
        back=f"{reverse('evaluation:self_assessments')}?year={assessment.year}",
        success="自查评估已更正。",
    )


def _may_record(user) -> bool:
    """Whoever may change an enforcement body (its unit, the Justice Bureau) records its self-assessments."""
    return selectors.bodies_for(user, access.CHANGE).exists()


@login_required
def record_self_assessment(request):
    """填报自查评估 of a body for a year and one system, through services.record_self_assessment."""
    user = request.user
    if not _may_record(user):
        raise PermissionDenied("您无权填报三项制度自查评估。")
    today = clock.today()
    form = forms.NewSelfAssessmentForm(
        **pages.posted(request), user=user, initial={"year": today.year, "assessed_on": today}
    )

    return new_record(
        request,
        form,
        lambda data: services.record_self_assessment(actor=user, **data),
        heading="填报三项制度自查评估",
        note="每个执法主体每年度对行政执法公示、执法全过程记录、重大执法决定法制审核三项制度分别自查，写明发现的问题及落实情况。",
        button="提交自查评估",
        back=reverse("evaluation:self_assessments"),
        success=lambda a: f"{a.body.name}{a.year}年度{a.get_system_display()}自查评估已提交。",
        done=lambda a: redirect(f"{reverse('evaluation:self_assessments')}?year={a.year}"),
    )
