"""Pages of leaders' duties and study: the activity ledger with the year's figures by kind, an activity with its
people and attachments, and the demonstration projects with their stages. They read through selectors and write
through services; a refusal is shown in Chinese with status 400 or 403 and changes nothing."""

from __future__ import annotations

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workflow
from fazhi.core.web import files, lists, pages
from fazhi.core.web.pages import create, submit
from fazhi.indicators import snapshots
from fazhi.indicators.registry import REGISTRY

from .. import selectors, services
from ..models import Activity, ActivityKind, DemonstrationProject
from ..rules import activities as rules
from . import forms


def figure_codes() -> list[str]:
    return sorted(code for code in REGISTRY if code.startswith("duties."))


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return clock.today().year - 1


@login_required
def index(request):
    if request.method == "POST":
        form = forms.ActivityForm(request.POST, request.FILES, user=request.user)

        def action(data):
            activity = services.record_activity(
                actor=request.user,
                kind=data["kind"],
                held_on=data["held_on"],
                organization=data["organization"],
                topic=data["topic"],
                meeting=data["meeting"],
                people=list(data["people"]),
                names=services.split_names(data["names"]),
                note=data["note"],
            )
            if data.get("file"):
                services.attach_file(actor=request.user, activity=activity, title="", file=data["file"])
            return activity

        return create(
            request,
            form,
            action,
            success="活动已登记。",
            done=lambda activity: redirect("duties:activity", pk=activity.pk),
            again=lambda status, errors: _index_page(request, form=form, errors=errors, status=status),
        )
    return _index_page(request)


def activity_spec(rows, year: int) -> lists.ListSpec:
    """The year's activities as a list page: search, filters (kind, unit), sorting, pages and the export's cells."""
    return lists.ListSpec(
        title=f"{year}年述法学法活动台账",
        columns=[
            lists.Column("held", "日期", lambda a: a.held_on, order_by=("held_on",)),
            lists.Column("kind", "类型", lambda a: a.get_kind_display(), order_by=("kind",)),
            lists.Column("unit", "单位", lambda a: a.organization.name, order_by=("organization__path",)),
            lists.Column("topic", "主题", lambda a: a.topic, order_by=("topic",)),
            lists.Column("meeting", "会议", lambda a: a.meeting, order_by=("meeting",)),
            lists.Column("people", "人员", lambda a: a.people_names, sortable=False),
        ],
        filters=[
            lists.Filter("kind", "类型", lambda qs, v: qs.filter(kind=v), choices=ActivityKind.choices),
            lists.unit_filter(rows),
        ],
        search_fields=("topic", "meeting", "note", "organization__name"),
        search_placeholder="主题、会议、单位",
        default_sort="-held",
        keep=("year",),
    )


def _index_page(request, *, form=None, errors=(), status=200):
    user = request.user
    year = _year(request)
    rows = selectors.filtered(selectors.activity_rows(user), year=year)
    listing = lists.listing(request, rows, activity_spec(rows, year))
    if listing.wants_export and not errors:
        return listing.export(f"述法学法活动台账_{year}.xlsx")
    may_add = access.organizations(user, access.CHANGE).exists()
    if form is None and may_add:
        form = forms.ActivityForm(user=user, initial={"held_on": clock.today()})
    years = sorted(
        {*selectors.years_of(selectors.activity_rows(user)), year, clock.today().year}, reverse=True
    )
    # the figures as kept in their snapshots (computed once, recomputed by a task when records change), not per view
    snapshot = snapshots.results(None, year, figure_codes())
    figures = list(snapshot.results.values())
    return render(
        request,
        "duties/index.html",
        {
            "activities": listing.page_rows,
            "list": listing,
            "year": year,
            "years": years,
            "figures": figures,
            "snapshot": snapshot,
            "form": form if may_add else None,
            "errors": errors,
        },
        status=status if errors else listing.status,
    )


def _activity(request, pk) -> Activity:
    return get_object_or_404(selectors.activities_for(request.user), pk=pk)


@login_required
def activity(request, pk):
    return _activity_page(request, _activity(request, pk))


def _activity_page(request, activity: Activity, *, form=None, errors=(), status=200):
    may_change = access.can(request.user, activity, access.CHANGE)
    return render(
        request,
        "duties/activity.html",
        {
            "activity": activity,
            "may_change": may_change,
            "participants": activity.participants.select_related("person__organization"),
            "attachments": activity.attachments.all(),
            "form": (form or forms.AttachmentForm()) if may_change else None,
            "errors": errors,
            "history": pages.history_rows(
                [
                    activity,
                    *activity.participants.all(),
                    *activity.attachments.all(),
                    *selectors.deleted_attachments(activity),
                ],
                parents=(Activity,),
            ),
        },
        status=status,
    )


@login_required
def edit_activity(request, pk):
    """更正活动 through services.update_activity (the rules of rules/activities.py, the audit trail)."""
    activity = _activity(request, pk)

    def action(data):
        people, names = list(data.pop("people")), services.split_names(data.pop("names"))
        return services.update_activity(
            actor=request.user, activity=activity, data=data, people=people, names=names
        )

    return pages.correct(
        request,
        forms.ActivityEditForm(**pages.posted(request), user=request.user, activity=activity),
        action,
        may_change=access.can(request.user, activity, access.CHANGE),
        title=f"更正{activity.get_kind_display()}",
        back=reverse("duties:activity", args=[activity.pk]),
        success="活动已更正。",
    )


@login_required
@require_POST
def delete_activity(request, pk):
    """删除误登记的活动 through services.delete_activity (the audit trail keeps what it held), for whoever may
    change it; refused, the activity's page says why."""
    activity = _activity(request, pk)
    if not access.can(request.user, activity, access.CHANGE):
        raise PermissionDenied("您无权删除该活动。")
    status, errors = pages.attempt(lambda: services.delete_activity(actor=request.user, activity=activity))
    if status is not None:
        return _activity_page(request, activity, errors=errors, status=status)
    messages.success(request, "活动已删除。")
    return redirect(f"{reverse('duties:activities')}?year={activity.held_on.year}")


@login_required
@require_POST
def attach(request, pk):
    activity = _activity(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    return submit(
        request,
        form,
        lambda data: services.attach_file(actor=request.user, activity=activity, **data),
        success="附件已上传。",
        done=lambda: redirect("duties:activity", pk=activity.pk),
        again=lambda status, errors: _activity_page(
            request, activity, form=form, errors=errors, status=status
        ),
    )


@login_required
def delete_attachment(request, pk, attachment_pk):
    """删除误传的附件: GET asks to confirm, POST deletes through services.delete_attachment (the audit trail keeps its
    name and hash), for whoever may change the activity (rules.may_change_attachments, as correcting it)."""
    activity = _activity(request, pk)
    att = get_object_or_404(activity.attachments, pk=attachment_pk)
    if not rules.may_change_attachments(request.user, activity):
        raise PermissionDenied("您无权删除该活动的附件。")
    url = reverse("duties:activity", args=[activity.pk])
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        title = str(att)
        status, errors = pages.attempt(lambda: services.delete_attachment(actor=request.user, attachment=att))
        if status is None:
            messages.success(request, f"已删除附件“{title}”，删除前的记录保留在审计日志中。")
            return redirect(f"{url}#attachments")
    context = {"activity": activity, "attachment": att, "url": url, "errors": errors}
    return render(request, "duties/attachment_delete.html", context, status=status or 200)


@login_required
def attachment(request, pk, attachment_pk):
    activity = _activity(request, pk)
    att = get_object_or_404(activity.attachments, pk=attachment_pk)
    return files.serve(request, att.file, posixpath.basename(att.file.name))


# Demonstration creation ----------------------------------------------------------------------------------------


@login_required
def projects(request):
    if request.method == "POST":
        form = forms.ProjectForm(request.POST, user=request.user)
        return submit(
            request,
            form,
            lambda data: services.enter_project(actor=request.user, **data),
            success="示范创建项目已登记（申报）。",
            done=lambda: redirect("duties:projects"),
            again=lambda status, errors: _projects_page(request, form=form, errors=errors, status=status),
        )
    return _projects_page(request)


def project_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="示范创建项目",
        columns=[
            lists.Column("name", "项目", lambda p: p.name, order_by=("name",)),
            lists.Column(
                "level", "级别", lambda p: f"{p.get_level_display()}{p.batch}", order_by=("level", "batch")
            ),
            lists.Column("unit", "申报单位", lambda p: p.organization.name, order_by=("organization__path",)),
            lists.Column("stage", "阶段", lambda p: p.get_stage_display(), order_by=("stage",)),
            lists.Column("applied", "申报", lambda p: p.applied_on, order_by=("applied_on",)),
            lists.Column("shortlisted", "入围", lambda p: p.shortlisted_on, order_by=("shortlisted_on",)),
            lists.Column(
                "passed", "书面评审通过", lambda p: p.review_passed_on, order_by=("review_passed_on",)
            ),
            lists.Column("named", "命名", lambda p: p.named_on, order_by=("named_on",)),
        ],
        filters=[
            lists.Filter(
                "stage", "阶段", lambda qs, v: qs.filter(stage=v), choices=DemonstrationProject.Stage.choices
            ),
            lists.Filter(
                "level", "级别", lambda qs, v: qs.filter(level=v), choices=DemonstrationProject.Level.choices
            ),
            lists.unit_filter(rows, label="申报单位"),
            lists.year_filter(rows, "applied_on", "申报年度"),
        ],
        search_fields=("name", "batch", "organization__name"),
        search_placeholder="项目、批次、单位",
        default_sort="-applied",
    )


def _projects_page(request, *, form=None, errors=(), status=200):
    user = request.user
    rows = selectors.projects_for(user)
    listing = lists.listing(request, rows, project_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"示范创建项目_{clock.today().isoformat()}.xlsx")
    items = listing.page_rows
    for p in items:
        p.transitions = workflow.available(p, user)
        p.may_change = access.can(user, p, access.CHANGE)
    may_add = access.organizations(user, access.CHANGE).exists()
    if form is None and may_add:
        form = forms.ProjectForm(user=user, initial={"applied_on": clock.today()})
    return render(
        request,
        "duties/projects.html",
        {
            "projects": items,
            "list": listing,
            "form": form if may_add else None,
            "errors": errors,
            "today": clock.today(),
        },
        status=status if errors else listing.status,
    )


@login_required
@require_POST
def advance(request, pk):
    project = get_object_or_404(selectors.projects_for(request.user), pk=pk)
    form = forms.AdvanceForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.advance_project(
            actor=request.user, project=project, transition=data["transition"], on=data["on"]
        ),
        success="项目阶段已更新。",
        done=lambda: redirect(f"{reverse('duties:projects')}#project-{project.pk}"),
        again=lambda status, errors: _projects_page(request, errors=errors, status=status),
    )


@login_required
def edit_project(request, pk):
    """更正项目 through services.correct_project; its stage and dates change only by advancing it."""
    project = get_object_or_404(selectors.projects_for(request.user), pk=pk)
    return pages.correct(
        request,
        forms.ProjectEditForm(**pages.posted(request), user=request.user, project=project),
        lambda data: services.correct_project(actor=request.user, project=project, **data),
        may_change=access.can(request.user, project, access.CHANGE),
        title=f"更正示范创建项目：{project.name}",
        back=f"{reverse('duties:projects')}#project-{project.pk}",
        success="项目已更正。",
    )
