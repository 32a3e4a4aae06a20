"""Pages of clean-up campaigns (清理): the campaigns a user sees, opening one, adding the documents examined and
deciding each one's outcome, through the services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.models import Organization
from fazhi.core.web import lists, pages
from fazhi.core.web.pages import create as _create
from fazhi.core.web.pages import submit as _submit

from ... import rules, selectors, services
from ...models import CleanupCampaign, CleanupItem
from ..forms import documents as forms
from .common import may_enter


@login_required
def campaign_list(request):
    if request.method == "POST":
        form = forms.CampaignForm(request.POST, user=request.user)
        return _create(
            request,
            form,
            lambda data: services.create_campaign(actor=request.user, **data),
            success="清理已新建，请逐件列入清理的文件。",
            done=lambda campaign: redirect("documents:campaign", pk=campaign.pk),
            again=lambda status, errors: _campaigns_page(request, form=form, errors=errors, status=status),
        )
    return _campaigns_page(request)


def _counts(user) -> dict[int, dict]:
    """Documents examined and decided per campaign, among those the user sees (one query)."""
    return {
        row["campaign"]: row
        for row in selectors.cleanup_items_for(user)
        .values("campaign")
        .annotate(total=Count("pk"), decided=Count("pk", filter=~Q(outcome="")))
    }


def campaign_spec(user, today, counts: dict[int, dict]) -> lists.ListSpec:
    """The campaigns as a list: search, filters, sortable columns (the end date of campaigns with documents still
    undecided first, overdue at the top) and the export's cells."""

    def total(c):
        return counts.get(c.pk, {}).get("total", 0)

    def decided(c):
        return counts.get(c.pk, {}).get("decided", 0)

    def open_until(c):
        return c.ended_on if c.ended_on and decided(c) < total(c) else None

    visible = selectors.campaigns_for(user)
    units = Organization.objects.filter(pk__in=visible.values("organization_id")).order_by("path")
    return lists.ListSpec(
        title="文件清理",
        columns=[
            lists.Column("name", "清理名称", lambda c: c.name, order_by=("name",)),
            lists.Column("unit", "组织单位", lambda c: c.organization.name, order_by=("organization__path",)),
            lists.Column("started", "开始日期", lambda c: c.started_on, order_by=("started_on",)),
            lists.Column("ended", "结束日期", lambda c: c.ended_on, order_by=("ended_on",)),
            lists.Column("total", "清理文件（件）", total),
            lists.Column("decided", "已确定结果（件）", decided),
            lists.Column("due", "待确定结果的期限", open_until),
            lists.Column("scope", "清理范围", lambda c: c.scope, sortable=False),
        ],
        filters=[
            lists.Filter(
                "unit",
                "组织单位",
                lambda qs, v: qs.filter(organization_id=int(v)),
                choices=[(str(u.pk), u.name) for u in units],
            ),
            lists.Filter(
                "open",
                "只看尚有文件未确定结果",
                lambda qs, v: [c for c in qs if decided(c) < total(c)],
                kind=lists.CHECK,
            ),
        ],
        search_fields=("name", "scope", "organization__name"),
        search_placeholder="清理名称、范围、组织单位",
        default_sort="due",
    )


def _campaigns_page(request, *, form=None, errors=(), status=200) -> HttpResponse:
    user = request.user
    today = clock.today()
    may_create = may_enter(user)
    if form is None and may_create:
        form = forms.CampaignForm(user=user, initial={"started_on": today})
    counts = _counts(user)
    listing = lists.listing(request, selectors.campaigns_for(user), campaign_spec(user, today, counts))
    if listing.wants_export:
        return listing.export(f"文件清理_{today.isoformat()}.xlsx")
    campaigns = listing.page_rows
    for c in campaigns:
        row = counts.get(c.pk, {})
        c.total, c.decided = row.get("total", 0), row.get("decided", 0)
        c.overdue = bool(c.ended_on and c.ended_on < today and c.decided < c.total)
    return render(
        request,
        "review/documents/campaign_list.html",
        {
            "campaigns": campaigns,
            "list": listing,
            "form": form,
            "errors": errors,
            "may_create": may_create,
            "today": today,
        },
        status=status if status != 200 else listing.status,
    )


def _campaign(request, pk) -> CleanupCampaign:
    return get_object_or_404(selectors.campaigns_for(request.user), pk=pk)


@login_required
def campaign_detail(request, pk):
    return _campaign_page(request, _campaign(request, pk))


def _campaign_page(request, campaign: CleanupCampaign, *, errors=(), status=200, bound=None) -> HttpResponse:
    user = request.user
    bound = bound or {}
    today = clock.today()
    items = list(selectors.cleanup_items_for(user).filter(campaign=campaign))
    changeable = set(
        selectors.cleanup_items_for(user, access.CHANGE)
        .filter(campaign=campaign)
        .values_list("pk", flat=True)
    )
    for item in items:
        item.may_change = item.pk in changeable
        item.decide_form = None
        if not item.outcome and item.pk in changeable:
            item.decide_form = bound.get(f"decide_{item.pk}") or forms.DecideItemForm(
                initial={"decided_on": today}
            )
    outcomes = [
        (label, sum(1 for i in items if i.outcome == value)) for value, label in CleanupItem.Outcome.choices
    ]
    add_form = None
    if may_enter(user):
        add_form = bound.get("add") or forms.AddItemForm(user=user)
    return render(
        request,
        "review/documents/campaign_detail.html",
        {
            "campaign": campaign,
            "items": items,
            "outcomes": outcomes,
            "undecided": sum(1 for i in items if not i.outcome),
            "add_form": add_form,
            "can_change": access.can(user, campaign, access.CHANGE),
            "errors": errors,
        },
        status=status,
    )


@login_required
def change_campaign(request, pk):
    """更正 a campaign's name, scope and dates (its organizing unit is fixed)."""
    campaign, user = _campaign(request, pk), request.user
    open_fields = [
        n for n in forms.ChangeCampaignForm.names if n not in rules.fixed_campaign_fields(campaign)
    ]
    form = forms.ChangeCampaignForm(**pages.posted(request), record=campaign, open_fields=open_fields)
    url = reverse("documents:campaign", args=[campaign.pk])
    access.check(user, campaign, access.CHANGE)
    return pages.correct(
        request,
        form,
        lambda data: services.change_campaign(actor=user, campaign=campaign, **form.changes()),
        title=f"更正清理：{campaign.name}",
        success="已更正清理。",
        back=url,
        crumbs=[("文件清理", reverse("documents:campaigns")), (campaign.name, url)],
    )


@login_required
def change_cleanup_item(request, pk, item_pk):
    """更正 a document examined: the title and number of another policy document, 涉企 of any."""
    campaign, user = _campaign(request, pk), request.user
    item = get_object_or_404(selectors.cleanup_items_for(user).filter(campaign=campaign), pk=item_pk)
    open_fields = [n for n in forms.ChangeItemForm.names if n not in rules.fixed_item_fields(item)]
    form = forms.ChangeItemForm(**pages.posted(request), record=item, open_fields=open_fields)
    url = reverse("documents:campaign", args=[campaign.pk])
    access.check(user, item, access.CHANGE)
    return pages.correct(
        request,
        form,
        lambda data: services.change_item(actor=user, item=item, **form.changes()),
        title=f"更正清理文件：{item.title}",
        success="已更正清理文件。",
        back=f"{url}#item-{item.pk}",
        crumbs=[("文件清理", reverse("documents:campaigns")), (campaign.name, url)],
    )


@login_required
@require_POST
def add_cleanup_item(request, pk):
    campaign = _campaign(request, pk)
    form = forms.AddItemForm(request.POST, user=request.user)
    return _submit(
        request,
        form,
        lambda data: services.add_item(actor=request.user, campaign=campaign, **form.service_kwargs()),
        success="已列入清理。",
        done=lambda: redirect(f"{reverse('documents:campaign', args=[campaign.pk])}#items"),
        again=lambda status, errors: _campaign_page(
            request, campaign, errors=errors, status=status, bound={"add": form}
        ),
    )


@login_required
@require_POST
def decide_cleanup_item(request, pk, item_pk):
    campaign = _campaign(request, pk)
    item = get_object_or_404(selectors.cleanup_items_for(request.user).filter(campaign=campaign), pk=item_pk)
    form = forms.DecideItemForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.decide_item(actor=request.user, item=item, **data),
        success=lambda: (
            f"已确定“{item.title}”的清理结果：{CleanupItem.Outcome(form.cleaned_data['outcome']).label}。"
        ),
        done=lambda: redirect(f"{reverse('documents:campaign', args=[campaign.pk])}#item-{item.pk}"),
        again=lambda status, errors: _campaign_page(
            request, campaign, errors=errors, status=status, bound={f"decide_{item.pk}": form}
        ),
    )
