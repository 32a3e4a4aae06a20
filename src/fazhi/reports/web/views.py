"""Pages of 年度报告与驾驶舱: the dashboard, a figure's records with their export, the annual report (draft, checks,
edited text, issuing, the changes since issuing) and its rendering with a progress bar."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.models import Organization
from fazhi.core.web import lists, pages
from fazhi.indicators.registry import REGISTRY

from ..documents import annual as documents
from ..documents import dashboard as dashboard_documents
from ..models import ReportTemplate, WorkstreamStatement
from ..rules import figures, spec
from ..selectors import annual as selectors_annual
from ..selectors import dashboard as selectors
from ..selectors import draft as builder
from ..selectors import duties as selectors_duties
from ..services import annual as services
from ..services import rendering
from . import lists as report_lists
from . import public
from .forms import IssueForm, StatementForm, SubmissionForm, TemplateForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or builder.default_year(clock.today()))
    except ValueError as exc:
        raise Http404("年度应为数字，如 2025。") from exc


def _org(request, code: str | None = None) -> Organization:
    try:
        return selectors.organization_for(request.user, code if code is not None else request.GET.get("org"))
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc


def _query(org: Organization, year: int, **extra) -> str:
    return urlencode({"year": year, "org": org.code, **extra})


@login_required
def index(request):
    year = _year(request)
    organizations = list(selectors.organizations_for(request.user))
    if not request.GET.get("org") and not organizations:
        # a role that sees no unit's records (a legal advisor) has no figures: say so, not "not found"
        return render(request, "reports/no_units.html")
    # the top unit the user sees (selectors.organization_for without a code), or the one asked for
    org = _org(request) if request.GET.get("org") else organizations[0]
    scope = selectors.scope_for(request.user, org)
    counts = [c for c in sorted(REGISTRY) if REGISTRY[c].kind == "count"]
    unit_code = request.GET.get("unit_code") or selectors.default_unit_code()
    # the figures, the trend and the by-unit chart from their snapshots in one query: never recomputed here
    snapshot, charts = selectors.dashboard(year, scope, unit_code, request.user)
    figure_url = reverse("reports:figure", args=["__code__"])
    charts |= {
        # The user's own work (overdue warnings, the deadline chart) comes from its own request: the 工作台's
        # providers are per user and not snapshots, and the figures need not wait for them.
        "deadlines_url": reverse("reports:deadlines_chart"),
        "figure_url": figure_url,
    }
    return render(
        request,
        "reports/index.html",
        {
            "year": year,
            "org": org,
            "scope": scope,
            "snapshot": snapshot,
            "groups": selectors.dashboard_groups(year, scope, snapshot),
            "key_rows": selectors.key_rows(snapshot),
            "below_target": selectors.below_target(snapshot),
            "figure_prefix": figure_url.split("__code__")[0],
            "previous_query": _query(org, year - 1),
            "charts": charts,
            "query": _query(org, year),
            "organizations": organizations,
            "years": range(clock.today().year, clock.today().year - 6, -1),
            "count_codes": [(c, REGISTRY[c].name) for c in counts],
            "unit_code": unit_code,
        },
    )


@login_required
def unit_chart(request):
    year, org = _year(request), _org(request)
    code = request.GET.get("code", "")
    if code not in REGISTRY:
        raise Http404(f"没有指标“{code}”。")
    data = selectors.by_unit(code, year, selectors.scope_for(request.user, org), request.user)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@login_required
def deadlines_chart(request):
    """The user's 工作台 items by category and urgency: the dashboard's deadline chart and its overdue warnings."""
    return JsonResponse(
        selectors.deadlines(request.user, clock.today()), json_dumps_params={"ensure_ascii": False}
    )


def _provenance(request, code):
    year, org = _year(request), _org(request)
    try:
        snapshot, parts = selectors.provenance(
            request.user, code, year, selectors.scope_for(request.user, org)
        )
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc
    return year, org, snapshot, parts


@login_required
def figure(request, code):
    year, org, snapshot, parts = _provenance(request, code)
    result = snapshot.results[code]
    return render(
        request,
        "reports/figure.html",
        {
            "year": year,
            "org": org,
            "snapshot": snapshot,
            "result": result,
            "value": figures.with_unit(result.figure.value, result.indicator.unit),
            "previous": figures.with_unit(result.previous.value, result.indicator.unit),
            "change": figures.change_phrase(result),
            "parts": parts,
            "limit": selectors.PROVENANCE_LIMIT,
            "query": _query(org, year),
        },
    )


@login_required
def figure_export(request, code):
    year, org, snapshot, parts = _provenance(request, code)
    result = snapshot.results[code]
    content = dashboard_documents.figure_records_xlsx(org, year, result, parts)
    response = HttpResponse(content, content_type=XLSX)
    name = dashboard_documents.figure_records_filename(org, year, result)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def report(request, org_code, year):
    org = _org(request, org_code)
    draft = builder.build(org, year, from_snapshots=True)
    issued = selectors_annual.issued_report(request.user, org, year)
    return render(
        request,
        "reports/report.html",
        {
            "org": org,
            "year": year,
            "report": draft,
            "issued": issued,
            "changes": services.changes_since(issued) if issued else None,
            "may_change": access.scope_kind(request.user, ReportTemplate, access.CHANGE) != access.NONE,
            "issue_form": IssueForm(initial={"issued_on": clock.today()}),
            "duty_rows": selectors_duties.duty_rows(org, year),
            "submission_form": SubmissionForm(initial={"done_on": clock.today()}),
            "statement_form": StatementForm(),
            "empty_workstreams": [
                {
                    "code": code,
                    "name": builder.WORKSTREAM_NAMES.get(code, code),
                    "stated": WorkstreamStatement.Kind(kind).label if kind else "",
                }
                for code, kind in draft.empty_workstreams.items()
            ],
            "statement_kinds": WorkstreamStatement.Kind.choices,
            "units": selectors_duties.units_status(org, year),
            "formats": [f for f in documents.FORMATS if f != "pdf" or documents.soffice()],
            "rows": [
                {
                    "code": code,
                    "name": r.indicator.name,
                    "value": figures.with_unit(r.figure.value, r.indicator.unit),
                    "change": figures.change_phrase(r) or "—",
                }
                for code, r in draft.results.items()
            ],
        },
    )


@login_required
def edit(request, org_code, year):
    org = _org(request, org_code)
    current = selectors_annual.template_of(request.user, org, year)
    initial = current.text if current else spec.blocks_to_text(spec.default_blocks())
    form = TemplateForm(**pages.posted(request), initial={"text": initial})

    def again(status, errors):
        return render(
            request,
            "reports/edit.html",
            {"org": org, "year": year, "form": form, "errors": errors, "current": current},
            status=status,
        )

    if request.method != "POST":
        return again(200, [])
    return pages.submit(
        request,
        form,
        lambda data: services.save_template(
            actor=request.user, organization=org, year=year, text=data["text"]
        ),
        success="报告文本已保存。",
        done=lambda: redirect("reports:report", org.code, year),
        again=again,
    )


@login_required
@require_POST
def reset(request, org_code, year):
    org = _org(request, org_code)
    template = selectors_annual.template_of(request.user, org, year)
    if template is not None:
        status, errors = pages.attempt(lambda: services.reset_template(actor=request.user, template=template))
        for e in errors:
            messages.error(request, e)
        if status is None:
            messages.success(request, "已恢复默认模板。")
    return redirect("reports:report", org.code, year)


@login_required
@require_POST
def issue(request, org_code, year):
    """Issue the report; a refusal shows the report page again with the reasons (400)."""
    org = _org(request, org_code)
    form = IssueForm(request.POST)
    if form.is_valid():
        status, errors = pages.attempt(
            lambda: services.issue_report(
                actor=request.user, organization=org, year=year, issued_on=form.cleaned_data["issued_on"]
            )
        )
    else:
        status, errors = 400, pages.form_messages(form)
    if status is None:
        messages.success(request, f"{org.name}{year}年度报告已印发，全文和各项数据已封存。")
        return redirect("reports:report", org.code, year)
    for e in errors:
        messages.error(request, e)
    response = report(request, org.code, year)
    response.status_code = status
    return response


@login_required
@require_POST
def render_job(request, org_code, year):
    org = _org(request, org_code)
    try:
        job = rendering.submit_render(
            actor=request.user, organization=org, year=year, fmt=request.POST.get("format", "docx")
        )
    except (ValidationError, PermissionDenied) as exc:
        for e in getattr(exc, "messages", [str(exc)]):
            messages.error(request, e)
        return redirect("reports:report", org.code, year)
    return redirect("reports:job", job.pk)


def _job(request, pk):
    job = selectors_annual.jobs_for(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404("没有这个生成任务。")
    return job


@login_required
def job(request, pk):
    return render(request, "reports/job.html", {"job": _job(request, pk)})


@login_required
def job_status(request, pk):
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.status_label,
            "percent": job.percent,
            "error": job.message if job.status == "failed" else "",
            "download": reverse("reports:job_download", args=[job.pk]) if job.status == "done" else "",
            "filename": job.filename,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
def job_download(request, pk):
    job = _job(request, pk)
    if job.status != "done" or job.output is None:
        raise Http404("文件尚未生成。")
    response = HttpResponse(bytes(job.output), content_type=documents.FORMATS[job.format][0])
    disposition = "inline" if job.format == "html" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(job.filename)}"
    return response


@login_required
def report_list(request):
    """The units' reports of a year (the last complete year unless ?year=): draft, issuing, submissions."""
    default = builder.default_year(clock.today())
    years = list(range(default + 1, default + 1 - report_lists.YEARS_OFFERED, -1))
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else default
    listing = lists.listing(
        request, report_lists.report_rows(request.user, year), report_lists.report_spec(years)
    )
    if listing.wants_export:
        return listing.export(f"法治政府建设年度报告_{year}年度.xlsx")
    return render(
        request,
        "reports/list.html",
        {"rows": listing.page_rows, "list": listing, "year": year},
        status=listing.status,
    )


@login_required
def issued_document(request, pk):
    if not selectors_annual.issued_for(request.user).filter(pk=pk).exists():
        raise Http404("没有这份已印发的报告。")
    return public.issued_document(request, pk)
