"""Pages: the 工作台 home, the ledgers (template, export, import with progress), the /public/ index and the 403/404/500
pages in the platform's look. They call selectors and services."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import access, clock, config, jobs, selectors, services, tasks, workbench
from .io import ledgers, limits
from .models import Job, Setting
from .web import lists, public
from .web.forms import SettingForm, display

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


URGENCY = workbench.URGENCY
SOON_DAYS = workbench.SOON_DAYS


def _urgency(item, today) -> str:
    """逾期 / 7日内 / 其他, by the item's due date (an item the workstream marks overdue stays overdue)."""
    return workbench.urgency(item, today)


PER_PAGE = 100


def workbench_spec(categories) -> lists.ListSpec:
    """The 工作台's columns, filters (紧急程度, 工作: the categories of the user's items) and search; the rows are a
    workbench.Board, narrowed, sorted and paged in the database (`home`)."""
    labels = dict(URGENCY)
    return lists.ListSpec(
        title="工作台待办",
        columns=[
            lists.Column("urgency", "紧急程度", lambda i: labels[i.urgency], sortable=False),
            lists.Column("title", "事项", lambda i: i.title),
            lists.Column("category", "工作", lambda i: i.category),
            lists.Column("due", "截止日期", lambda i: i.due),
            lists.Column("unit", "单位", lambda i: i.unit),
        ],
        filters=[
            lists.Filter("urgency", "紧急程度", lambda rs, v: rs, choices=URGENCY),
            lists.Filter("category", "工作", lambda rs, v: rs, choices=[(c, c) for c in categories]),
        ],
        search_placeholder="事项、单位",
        per_page=PER_PAGE,
    )


def _workbench_listing(request, board: workbench.Board) -> lists.Listing:
    """The request's filters, search, sort and page over the board — the checks and messages of lists.listing, the
    work in the database."""
    params = {k: request.GET.get(k, "") for k in request.GET}
    query = " ".join(params.get("q", "").split())[: lists.MAX_QUERY]
    errors = []
    sort = params.get("sort", "")
    if sort and sort.lstrip("-") not in workbench.SORTS:
        errors.append(f"不能按“{sort[:20]}”排序，请点击表头排序。")
        sort = ""
    asked = params.get("page", "") or "1"
    given = {f: params.get(f, "").strip() for f in ("urgency", "category")}
    # the counts and the page asked in one statement, then the values checked against the counted categories
    board.narrow(
        urgency=given["urgency"] if given["urgency"] in workbench.URGENCY_ORDER else "",
        category=given["category"],
        query=query,
        sort=sort,
    )
    board.prefetch(int(asked) if asked.isdigit() and 0 < int(asked) < 10**6 else 1, PER_PAGE)
    spec = workbench_spec(board.categories())
    states = []
    for f in spec.filters:
        value = given[f.name]
        if value and value not in {v for v, _ in f.choices}:
            errors.append(f"{f.label}：没有“{value[:20]}”这一项，请从列表中选择。")
            value = ""
        states.append(lists.FilterState(f, value))
    chosen = {s.name: s.value for s in states}
    if chosen["category"] != given["category"]:
        board.narrow(urgency=chosen["urgency"], category=chosen["category"], query=query, sort=sort)
    paginator = lists.Paginator(board, spec.per_page, allow_empty_first_page=True)  # as lists.listing pages
    if not asked.isdigit() or not 1 <= int(asked) <= paginator.num_pages:
        errors.append(f"页码应为1到{paginator.num_pages}之间的整数。")
        asked = "1"
    return lists.Listing(
        spec=spec,
        params=params,
        rows=board,
        total=paginator.count,
        unfiltered=board.unfiltered(),
        filters=states,
        sort=sort,
        query=query,
        errors=errors,
        page=paginator.page(int(asked)),
    )


@login_required
def home(request):
    today = clock.today()
    board = workbench.Board(request.user, today)
    listing = _workbench_listing(request, board)
    if listing.wants_export:
        items = list(board.iterator())
        for item in items:
            item.urgency = _urgency(item, today)
        listing.rows = items
        return listing.export(f"工作台待办_{today.isoformat()}.xlsx")
    shown = listing.page_rows
    for item in shown:
        item.urgency = _urgency(item, today)
    if not listing.sort:  # by workstream within each urgency, most urgent first (items_for's order)
        shown = sorted(shown, key=lambda i: i.category)
    groups = [
        {"key": key, "label": label, "items": [i for i in shown if i.urgency == key]}
        for key, label in URGENCY
    ]
    counts = board.by_urgency()
    return render(
        request,
        "core/workbench.html",
        {
            "list": listing,
            # the headings sort within each urgency group (紧急程度 is the groups themselves)
            "sort_head": {"head": listing.head[1:]},
            "groups": [g for g in groups if g["items"]],
            "counts": [(label, counts[key], key) for key, label in URGENCY],
            "organization": request.user.organization,
            "role": request.user.get_role_display(),
        },
        status=listing.status,
    )


def _ledgers_page(request, error: str = "", status: int = 200):
    """The ledgers page: every ledger's export; its template and import form only where the user may import (a
    leader, who reads only, sees exports alone)."""
    rows = [(ledger, ledgers.may_import(request.user, ledger)) for ledger in ledgers.REGISTRY.values()]
    return render(
        request,
        "core/ledgers.html",
        {"ledgers": rows, "imports": any(may for _, may in rows), "error": error},
        status=status,
    )


@login_required
def ledger_list(request):
    return _ledgers_page(request)


def _ledger(code: str) -> ledgers.Ledger:
    try:
        return ledgers.get(code)
    except ledgers.LedgerFileError as exc:
        raise Http404(str(exc)) from exc


@login_required
def ledger_template(request, code):
    ledger = _ledger(code)
    units = access.district_units(request.user)  # the 单位代码 sheet: the units of the user's district
    return _xlsx(ledgers.template_xlsx(ledger, units=units), f"{ledger.name}导入模板.xlsx")


@login_required
def ledger_export(request, code):
    ledger = _ledger(code)
    return _xlsx(
        ledgers.export_for(actor=request.user, ledger=ledger), f"{ledger.name.removesuffix('台账')}台账.xlsx"
    )


@login_required
@require_POST
def ledger_import(request, code):
    ledger = _ledger(code)
    upload = request.FILES.get("file")
    if upload is None:
        return _ledgers_page(request, "请选择要导入的文件。", 400)
    try:
        limits.check_upload_size(upload.size, "ledger")
        job = tasks.submit_import(
            actor=request.user, ledger=ledger.code, filename=upload.name, content=upload.read(), dry_run=True
        )
    except (PermissionDenied, ValidationError) as exc:
        return _ledgers_page(
            request,
            "；".join(exc.messages) if hasattr(exc, "messages") else str(exc),
            403 if isinstance(exc, PermissionDenied) else 400,
        )
    return redirect("core:ledger_job", pk=job.pk)


def _job(request, pk) -> Job:
    job = jobs.for_user(request.user, Job.Kind.LEDGER_IMPORT).filter(pk=pk).first()
    if job is None:
        raise Http404("没有这个导入任务。")
    return job


@login_required
def ledger_job(request, pk):
    job = _job(request, pk)
    return render(request, "core/ledger_job.html", {"job": job, "ledger": _ledger(job.ledger)})


@login_required
def ledger_job_status(request, pk):
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.status_label,
            "total": job.total,
            "processed": job.done,
            "percent": job.percent,
            "result": job.result,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_POST
def ledger_job_confirm(request, pk):
    """Import for real the file whose dry run passed."""
    job = _job(request, pk)
    if not job.dry_run or job.status != Job.Status.DONE:
        raise PermissionDenied("只有试导入通过的文件才能确认导入。")
    if not job.content:
        raise PermissionDenied("该文件已导入或已过保留期限被清除，请重新上传。")
    new = tasks.submit_import(
        actor=request.user,
        ledger=job.ledger,
        filename=job.filename,
        content=bytes(job.content),
        dry_run=False,
    )
    Job.objects.filter(pk=job.pk).update(content=None)  # the real import has its own copy until it ends
    return redirect("core:ledger_job", pk=new.pk)


@login_required
def settings_list(request):
    """配置: every local rule with its Chinese name, explanation, basis, default and the value in force; a system
    administrator changes a value or restores the default here (core.services)."""
    return _settings_page(request)


def _settings_page(
    request, *, editing: str | None = None, form: SettingForm | None = None, status: int = 200
):
    may_change = access.scope_kind(request.user, Setting, access.CHANGE) != access.NONE
    rows = selectors.settings_for(request.user)
    forms_by_key = {}
    if may_change:
        for row in rows:
            forms_by_key[row.key] = (
                form
                if row.key == editing and form is not None
                else SettingForm(spec=row.spec, value=row.value)
            )
    items = [
        (row, display(row.spec, row.value), display(row.spec, row.spec.default), forms_by_key.get(row.key))
        for row in rows
    ]
    return render(
        request,
        "core/settings.html",
        {"items": items, "may_change": may_change, "editing": editing},
        status=status,
    )


@login_required
@require_POST
def setting_change(request, key):
    spec = config.SPECS.get(key)
    if spec is None:
        raise Http404("没有这个配置项。")
    if access.scope_kind(request.user, Setting, access.CHANGE) == access.NONE:
        raise PermissionDenied("只有系统管理员可以修改配置。")
    form = SettingForm(request.POST, spec=spec, value=config.get(key))
    try:
        if "restore" in request.POST:
            services.restore_setting_default(actor=request.user, key=key)
        elif form.is_valid():
            services.set_setting(actor=request.user, key=key, value=form.cleaned_data["value"])
        else:
            return _settings_page(request, editing=key, form=form, status=400)
    except ValidationError as exc:
        form.add_error(None, "；".join(exc.messages))
        return _settings_page(request, editing=key, form=form, status=400)
    messages.success(request, f"已保存配置“{spec.name}”。")
    return redirect(f"{reverse('core:settings')}#setting-{key}")


def public_index(request):
    """/public/: every public list and the issued reports, each linking to the others."""
    return render(request, "public_index.html", {"pages": public.pages()})


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _reason(exception) -> str:
    """The refusal's own words when they are Chinese (the platform's messages), never Django's English ones."""
    text = str(exception or "")
    if exception is not None and getattr(exception, "args", None):
        text = str(exception.args[0])
    return text if CHINESE.search(text) else ""


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"reason": _reason(exception)}, status=404)


def server_error(request):
    """Rendered without the request's context: what failed may be the database the user and session need."""
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
