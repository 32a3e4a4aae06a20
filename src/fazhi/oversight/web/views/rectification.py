"""Pages of the rectification ledger: the item list (overdue items highlighted, filters, figures by source and by
unit), opening an item for any registered source record, and an item's page with its source, evidence, history and
the transitions the user may take. They read through selectors and write through services; a refusal is shown in
Chinese with status 400 or 403 and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workflow
from fazhi.core.models import Organization, Role
from fazhi.core.web import files, lists, pages

from ... import links, selectors, services
from ...models import RectificationItem, SourceKind
from ...rules import rectification as rules
from .. import forms


def _finding(item: RectificationItem) -> str:
    if not hasattr(item, "finding"):
        item.finding = links.describe(item.source)
    return item.finding


def _overdue_days(item: RectificationItem) -> int:
    return item.overdue_days(clock.today()) or 0


def list_spec(user, today) -> lists.ListSpec:
    """The rectification ledger as a list page: search, filters, sortable columns and the export's cells."""
    visible = selectors.items_for(user)
    units = Organization.objects.filter(pk__in=visible.values("organization_id")).order_by("path")
    return lists.ListSpec(
        title="督察整改台账",
        columns=[
            lists.Column("item", "事项", str, order_by=("pk",)),
            lists.Column(
                "kind", "问题来源", lambda i: i.get_source_kind_display(), order_by=("source_kind",)
            ),
            lists.Column("finding", "问题", _finding, sortable=False),
            lists.Column("unit", "责任单位", lambda i: i.organization.name, order_by=("organization__path",)),
            lists.Column(
                "deadline", "整改期限", lambda i: i.deadline, order_by=(selectors.open_deadline(), "deadline")
            ),
            lists.Column("overdue", "逾期天数", _overdue_days, sortable=False),
            lists.Column("status", "状态", lambda i: i.get_status_display(), order_by=("status",)),
            lists.Column("measures", "整改措施", lambda i: i.measures, sortable=False),
        ],
        filters=[
            lists.Filter(
                "status",
                "状态",
                lambda qs, v: qs.filter(status=v),
                choices=RectificationItem.Status.choices,
            ),
            lists.Filter(
                "kind", "问题来源", lambda qs, v: qs.filter(source_kind=v), choices=SourceKind.choices
            ),
            lists.Filter(
                "unit",
                "责任单位",
                lambda qs, v: qs.filter(organization_id=int(v)),
                choices=[(str(u.pk), u.name) for u in units],
            ),
            lists.Filter(
                "due_before",
                "期限早于",
                lambda qs, v: qs.filter(deadline__lt=v, status__in=RectificationItem.OPEN),
                kind=lists.DATE,
            ),
            lists.Filter("overdue", "只看逾期", lambda qs, v: selectors.overdue(qs, today), kind=lists.CHECK),
            lists.Filter(
                "escalated",
                "只看挂牌督办",
                lambda qs, v: qs.filter(escalated_on__isnull=False),
                kind=lists.CHECK,
            ),
        ],
        search_text=lambda i: f"{i} {_finding(i)} {i.organization.name} {i.measures} {i.rectification}",
        search_placeholder="问题、单位、整改措施",
        default_sort="deadline",
    )


@login_required
def index(request):
    return _index_page(request)


def _index_page(request, *, errors=(), status=200, bound=None):
    user = request.user
    today = clock.today()
    bound = bound or {}
    visible = selectors.items_for(user)
    listing = lists.listing(request, visible, list_spec(user, today))
    if listing.wants_export and not errors:
        return listing.export(f"督察整改台账_{today.isoformat()}.xlsx")
    items = listing.page_rows
    selectors.describe_sources([i for i in items if not hasattr(i, "finding")])
    for item in items:
        item.overdue_by = item.overdue_days(today)
    summary = selectors.stored_summaries(visible, today, user)
    return render(
        request,
        "oversight/index.html",
        {
            "items": items,
            "list": listing,
            "today": today,
            "by_kind": summary.by_kind,
            "by_unit": summary.by_unit,
            "summary_at": summary.computed_at,
            "overdue_count": selectors.overdue(visible, today).count(),
            "errors": errors,
            "rectify_form": (bound.get("rectify") or forms.BatchRectifyForm(initial={"rectified_on": today}))
            if selectors.items_for(user, access.CHANGE).filter(status__in=RectificationItem.OPEN).exists()
            else None,
            "sign_off_form": (
                bound.get("sign_off") or forms.BatchSignOffForm(initial={"signed_off_on": today})
            )
            if access.has_role(user, Role.JUSTICE_ADMIN)
            else None,
        },
        status=status if errors else listing.status,
    )


BATCH = {
    # name: (form, verb, the service run on each ticked item)
    "rectify": (
        forms.BatchRectifyForm,
        "申请销号",
        lambda user, item, d: services.rectify(
            actor=user, item=item, rectification=d["rectification"], rectified_on=d["rectified_on"]
        ),
    ),
    "sign_off": (
        forms.BatchSignOffForm,
        "销号",
        lambda user, item, d: services.sign_off(
            actor=user, item=item, signed_off_on=d["signed_off_on"], note=d["note"]
        ),
    ),
}


@login_required
@require_POST
def batch(request, action: str):
    """批量申请销号 (the unit reports items rectified) and 批量销号 (the supervising office signs them off): each ticked
    item through its service; an item a rule refuses is named with the rule's message and the others are done."""
    if action not in BATCH:
        raise Http404("没有这项批量操作。")
    form_class, verb, run = BATCH[action]
    user = request.user
    form = form_class(request.POST)
    chosen, error = lists.ticked(request, selectors.items_for(user))
    if error or not form.is_valid():
        errors = [error] if error else pages.form_messages(form)
        return _index_page(request, errors=errors, status=400, bound={action: form})
    result = lists.run_batch(chosen, lambda item: run(user, item, form.cleaned_data))
    lists.tell(request, result, verb, name=str)
    query = request.GET.urlencode()
    return redirect(reverse("oversight:items") + (f"?{query}" if query else ""))


def _source_from(request):
    try:
        record = links.resolve(request.GET.get("source") or request.POST.get("source") or "")
    except ValidationError as exc:
        raise Http404("；".join(exc.messages)) from exc
    if not access.can(request.user, record, access.VIEW):
        raise Http404("没有这条问题记录。")
    return record


@login_required
def open_item(request):
    """/oversight/items/new/?source=app_label.model:pk — open the rectification item of any registered source."""
    record = _source_from(request)
    existing = services.item_of(record)
    if existing is not None and access.can(request.user, existing):
        return redirect("oversight:item", pk=existing.pk)
    registration = links.source_of(record)
    initial = {"organization": registration.unit(record), "opened_on": clock.today()}
    form = forms.OpenItemForm(**pages.posted(request), user=request.user, initial=initial)

    def page(status=200, errors=()):
        return render(
            request,
            "oversight/open_item.html",
            {
                "form": form,
                "errors": errors,
                "record": record,
                "ref": links.reference(record),
                "finding": links.describe(record),
                "kind": SourceKind(registration.kind).label,
                "source_url": links.url_of(record),
            },
            status=status,
        )

    if request.method != "POST":
        return page()
    created = []
    return pages.submit(
        request,
        form,
        lambda d: created.append(
            services.open_item(
                actor=request.user,
                source=record,
                organization=d["organization"],
                measures=d["measures"],
                opened_on=d["opened_on"],
                deadline=d["deadline"],
            )
        ),
        success="整改事项已建立并交办责任单位。",
        done=lambda: redirect("oversight:item", pk=created[0].pk),
        again=lambda status, errors: page(status, errors),
    )


def _item(request, pk) -> RectificationItem:
    return get_object_or_404(selectors.items_for(request.user), pk=pk)


def item_page(request, item: RectificationItem, *, errors=(), status=200, bound=None):
    user = request.user
    bound = bound or {}
    item = get_object_or_404(
        selectors.items_for(user), pk=item.pk
    )  # read again: a refusal may leave it half-changed
    today = clock.today()
    moves = {t["name"]: t for t in workflow.available(item, user)}
    supervising = rules.is_supervising_office(item, user)
    context = {
        "item": item,
        "today": today,
        "overdue_by": item.overdue_days(today),
        "finding": links.describe(item.source),
        "source_url": links.url_of(item.source),
        "evidence": list(item.evidence.all()),
        "moves": moves,
        "errors": errors,
        "may_change": access.can(user, item, access.CHANGE),
        "supervising": supervising,
        "may_escalate": rules.may_escalate(item, user, today),
        "escalation_days": rules.escalation_threshold(),
        "rectify_form": bound.get("rectify") or forms.RectifyForm(initial={"rectified_on": today}),
        "evidence_form": bound.get("evidence") or forms.EvidenceForm(),
        "plan_form": bound.get("plan")
        or forms.PlanForm(initial={"measures": item.measures, "deadline": item.deadline}),
        "sign_off_form": bound.get("sign_off") or forms.SignOffForm(initial={"signed_off_on": today}),
        "send_back_form": bound.get("send_back") or forms.SendBackForm(),
        "check_form": bound.get("check") or forms.CheckForm(initial={"checked_on": today}),
        "history": pages.history_rows([item, *item.evidence.all()], parents=(RectificationItem,)),
    }
    return render(request, "oversight/item.html", context, status=status)


@login_required
def item_detail(request, pk):
    return item_page(request, _item(request, pk))


def _post(request, pk, slot: str, form_class, action, success: str):
    item = _item(request, pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is None:
        status, errors = pages.attempt(lambda: action(item, {}))
        if status is not None:
            return item_page(request, item, errors=errors, status=status)
        messages.success(request, success)
        return redirect("oversight:item", pk=item.pk)
    return pages.submit(
        request,
        form,
        lambda d: action(item, d),
        success=success,
        done=lambda: redirect("oversight:item", pk=item.pk),
        again=lambda status, errors: item_page(
            request, item, errors=errors, status=status, bound={slot: form}
        ),
    )


@login_required
@require_POST
def start(request, pk):
    return _post(
        request, pk, "", None, lambda i, d: services.start(actor=request.user, item=i), "已开始整改。"
    )


@login_required
@require_POST
def update_plan(request, pk):
    return _post(
        request,
        pk,
        "plan",
        forms.PlanForm,
        lambda i, d: services.update_plan(
            actor=request.user, item=i, measures=d["measures"], deadline=d["deadline"]
        ),
        "整改措施和期限已保存。",
    )


@login_required
@require_POST
def add_evidence(request, pk):
    return _post(
        request,
        pk,
        "evidence",
        forms.EvidenceForm,
        lambda i, d: services.add_evidence(actor=request.user, item=i, file=d["file"], name=d["name"]),
        "佐证材料已上传。",
    )


@login_required
@require_POST
def rectify(request, pk):
    return _post(
        request,
        pk,
        "rectify",
        forms.RectifyForm,
        lambda i, d: services.rectify(
            actor=request.user,
            item=i,
            rectification=d["rectification"],
            rectified_on=d["rectified_on"],
            files=d["files"],
        ),
        "已提交整改完成，等待督察机构审核销号。",
    )


@login_required
@require_POST
def sign_off(request, pk):
    return _post(
        request,
        pk,
        "sign_off",
        forms.SignOffForm,
        lambda i, d: services.sign_off(
            actor=request.user, item=i, signed_off_on=d["signed_off_on"], note=d["note"]
        ),
        "已销号。",
    )


@login_required
@require_POST
def send_back(request, pk):
    return _post(
        request,
        pk,
        "send_back",
        forms.SendBackForm,
        lambda i, d: services.send_back(actor=request.user, item=i, note=d["note"]),
        "已退回责任单位重新整改。",
    )


@login_required
@require_POST
def check(request, pk):
    def act(item, d):
        if d["result"] == "consolidate":
            return services.consolidate(
                actor=request.user, item=item, checked_on=d["checked_on"], note=d["note"]
            )
        return services.reopen(
            actor=request.user, item=item, checked_on=d["checked_on"], note=d["note"], deadline=d["deadline"]
        )

    return _post(request, pk, "check", forms.CheckForm, act, "回头看核查结果已记录。")


@login_required
@require_POST
def escalate(request, pk):
    return _post(
        request, pk, "", None, lambda i, d: services.escalate(actor=request.user, item=i), "已挂牌督办。"
    )


@login_required
def evidence_file(request, pk, evidence_pk):
    item = _item(request, pk)
    evidence = get_object_or_404(item.evidence.all(), pk=evidence_pk)
    name = evidence.original_name or evidence.file.name.rsplit("/", 1)[-1]
    return files.serve(request, evidence.file, name)
