"""Pages of case-file evaluation (案卷评查): the campaigns, a campaign with its standard, reviewers and files with
their scores and grades, the standard's own page (its items added, corrected and deleted until the first file is
scored), a file's correction (更正, with its officers), its scoring form and its problems, the problems found, each
unit's results notice as .docx, and the three systems' self-assessments and the enterprise contact points. They read
through selectors and write through services; a refusal is shown in Chinese with status 400 or 403 and changes
nothing."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.models import Organization
from fazhi.core.web import lists, pages
from fazhi.oversight import selectors as rectification

from ... import selectors, services
from ...documents.evaluation import evaluation_notice
from ...models import CaseFile, CaseFileProblem, Domain, EvaluationItem, Grade
from ...rules import evaluation as rules
from .. import forms

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def campaign_spec(rows) -> lists.ListSpec:
    years = sorted(set(rows.order_by().values_list("year", flat=True)), reverse=True)
    return lists.ListSpec(
        title="行政执法案卷评查活动",
        columns=[
            lists.Column("year", "年度", lambda c: c.year, order_by=("year",)),
            lists.Column("name", "评查活动", lambda c: c.name, order_by=("name",)),
            lists.Column("unit", "组织单位", lambda c: c.organization.name, order_by=("organization__path",)),
            lists.Column("domains", "评查领域", lambda c: "、".join(c.domain_labels), sortable=False),
            lists.Column("reviewers", "评查人员", lambda c: c.reviewer_count, order_by=("reviewer_count",)),
            lists.Column("files", "案卷", lambda c: c.file_count, order_by=("file_count",)),
            lists.Column(
                "thresholds",
                "分数线",
                lambda c: f"优秀≥{c.excellent_score.normalize():f}，合格≥{c.pass_score.normalize():f}",
                sortable=False,
            ),
        ],
        filters=[
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(year=int(v)),
                choices=[(str(y), f"{y}年") for y in years],
            ),
            lists.Filter(
                "domain",
                "评查领域",
                lambda qs, v: qs.filter(domains__icontains=f'"{v}"'),  # the JSON list's text holds "value"
                choices=Domain.choices,
            ),
            lists.unit_filter(rows, label="组织单位"),
        ],
        search_fields=("name", "note", "organization__name"),
        search_placeholder="评查活动名称、说明、组织单位",
        default_sort="-year",
    )


@login_required
def campaign_list(request):
    user = request.user
    may_create = rules.may_evaluate(user)
    form = forms.CampaignForm(**pages.posted(request), user=user, initial={"year": clock.today().year})

    def page(status=200, errors=()):
        rows = selectors.campaigns_for(user)
        listing = lists.listing(request, rows, campaign_spec(rows))
        if listing.wants_export and not errors:
            return listing.export(f"行政执法案卷评查活动_{clock.today().isoformat()}.xlsx")
        return render(
            request,
            "enforcement/evaluation/campaign_list.html",
            {
                "campaigns": listing.page_rows,
                "list": listing,
                "form": form if may_create else None,
                "errors": errors,
            },
            status=status if errors else listing.status,
        )

    if request.method != "POST":
        return page()
    return pages.create(
        request,
        form,
        lambda d: services.create_campaign(actor=user, **d),
        success="评查活动已建立，请确定评查人员并抽取案卷。",
        done=lambda campaign: redirect("evaluation:campaign", pk=campaign.pk),
        again=lambda status, errors: page(status, errors),
    )


@login_required
@require_POST
def add_reviewer(request, pk):
    campaign = _campaign(request, pk)
    form = forms.ReviewerForm(request.POST, user=request.user)
    return pages.submit(
        request,
        form,
        lambda d: services.add_reviewer(
            actor=request.user, campaign=campaign, person=d["person"], affiliation=d["affiliation"]
        ),
        success="评查人员已确定。",
        done=lambda: redirect(reverse("evaluation:campaign", args=[campaign.pk]) + "#reviewers"),
        again=lambda status, errors: campaign_page(
            request, campaign, status=status, errors=errors, reviewer_form=form
        ),
    )


def _campaign(request, pk):
    return get_object_or_404(selectors.campaigns_for(request.user), pk=pk)


@login_required
def campaign_detail(request, pk):
    return campaign_page(request, _campaign(request, pk))


def file_spec(rows) -> lists.ListSpec:
    def grade(f) -> str:
        if not f.grade:
            return "未评分"
        return f"{f.get_grade_display()}（否决）" if f.vetoed else f.get_grade_display()

    return lists.ListSpec(
        title="评查案卷",
        columns=[
            lists.Column("case", "案件编号", lambda f: f.case_number, order_by=("case_number",)),
            lists.Column("title", "案件名称", lambda f: f.title, order_by=("title",)),
            lists.Column(
                "body",
                "执法主体",
                lambda f: f.body.name,
                order_by=("body__organization__path", "body__name", "case_number"),
            ),
            lists.Column("domain", "领域", lambda f: f.get_domain_display(), order_by=("domain",)),
            lists.Column("act", "行为类别", lambda f: f.get_act_kind_display(), order_by=("act_kind",)),
            lists.Column("decided", "决定日期", lambda f: f.decided_on, order_by=("decided_on",)),
            lists.Column(
                "officers",
                "承办人",
                lambda f: "、".join(link.person.name for link in f.officer_links.all()),
                sortable=False,
            ),
            lists.Column(
                "score",
                "总分",
                lambda f: f.total_score if f.total_score is None else float(f.total_score),
                order_by=("total_score",),
            ),
            lists.Column("grade", "等次", grade, order_by=("grade",)),
            lists.Column("problems", "问题", lambda f: len(f.problems.all()), sortable=False),
        ],
        filters=[
            lists.Filter(
                "grade",
                "等次",
                lambda qs, v: qs.filter(grade="" if v == "none" else v),
                choices=[*Grade.choices, ("none", "未评分")],
            ),
            lists.Filter("domain", "领域", lambda qs, v: qs.filter(domain=v), choices=Domain.choices),
            lists.unit_filter(rows, field="body__organization", label="被评查单位"),
        ],
        search_fields=("case_number", "title", "body__name"),
        search_placeholder="案件编号、案件名称、执法主体",
        default_sort="body",
    )


def campaign_page(request, campaign, *, status=200, errors=(), reviewer_form=None):
    rows = selectors.campaign_files(request.user, campaign)
    listing = lists.listing(request, rows, file_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"{campaign.name}_评查案卷_{clock.today().isoformat()}.xlsx")
    files = list(rows)
    grades = {g: 0 for g in Grade.values}
    for f in files:
        if f.grade:
            grades[f.grade] += 1
    units = sorted(
        {(f.body.organization.path, f.body.organization.code, f.body.organization.name) for f in files}
    )
    context = {
        "campaign": campaign,
        "files": listing.page_rows,
        "file_count": len(files),
        "list": listing,
        "standard": selectors.standard_of(campaign),
        "reviewers": selectors.reviewers_of(campaign),
        "grades": [(label, grades[value]) for value, label in Grade.choices],
        "scored": sum(1 for f in files if f.grade),
        "problem_count": sum(len(f.problems.all()) for f in files),
        "units": [{"code": code, "name": name} for _, code, name in units],
        "errors": errors,
        "reviewer_form": (reviewer_form or forms.ReviewerForm(user=request.user))
        if rules.may_evaluate(request.user)
        else None,
        "may_correct": _may_change_campaign(request.user, campaign),
    }
    return render(
        request,
        "enforcement/evaluation/campaign_detail.html",
        context,
        status=status if errors or status != 200 else listing.status,
    )


def _may_change_campaign(user, campaign) -> bool:
    return rules.may_evaluate(user) and access.can(user, campaign, access.CHANGE)


@login_required
def edit_campaign(request, pk):
    """更正 a campaign's year, name, unit, scope, thresholds and note, through services.update_campaign."""
    campaign = _campaign(request, pk)
    initial = pages.initial_of(campaign, forms.CampaignChangeForm)
    form = forms.CampaignChangeForm(**pages.posted(request), user=request.user, initial=initial)
    return pages.correct(
        request,
        form,
        lambda data: services.update_campaign(actor=request.user, campaign=campaign, **data),
        may_change=_may_change_campaign(request.user, campaign),
        title=f"更正案卷评查活动：{campaign.name}",
        back=reverse("evaluation:campaign", args=[campaign.pk]),
        success="评查活动已更正。",
    )


# The standard (评查标准): its veto and scored items ------------------------------------------------------------


STANDARD_REFUSAL = "评查标准由组织评查的司法局（执法监督机构）设定。"


def _standard_page(request, campaign, *, form=None, status=200, errors=()):
    may_change = _may_change_campaign(request.user, campaign)
    items = list(selectors.standard_of(campaign))
    used = selectors.used_item_ids(campaign)
    for item in items:
        item.used = item.pk in used
    _, fixed = pages.attempt(lambda: rules.validate_standard_open(campaign))
    if may_change and not fixed and form is None:
        next_order = max((i.order for i in items), default=0) + 1
        form = forms.ItemForm(initial={"kind": EvaluationItem.Kind.SCORED, "order": next_order})
    scored = [i for i in items if i.kind == EvaluationItem.Kind.SCORED]
    context = {
        "campaign": campaign,
        "items": items,
        "total_points": sum((i.max_points for i in scored), 0),
        "veto_count": len(items) - len(scored),
        "fixed": fixed,
        "may_change": may_change and not fixed,
        "form": form if may_change and not fixed else None,
        "errors": errors,
    }
    return render(request, "enforcement/evaluation/standard.html", context, status=status)


@login_required
def standard(request, pk):
    """评查标准 of a campaign: its veto and scored items; whoever organizes the campaign adds, corrects and deletes
    items until the first file is scored (services.add_item, update_item, remove_item)."""
    campaign = _campaign(request, pk)
    if request.method != "POST":
        return _standard_page(request, campaign)
    if not _may_change_campaign(request.user, campaign):
        raise PermissionDenied(STANDARD_REFUSAL)
    form = forms.ItemForm(**pages.posted(request))
    return pages.create(
        request,
        form,
        lambda data: services.add_item(actor=request.user, campaign=campaign, **data),
        success=lambda item: f"评查项目“{item.title}”已增加。",
        done=lambda item: redirect(reverse("evaluation:standard", args=[campaign.pk]) + "#items"),
        again=lambda status, errors: _standard_page(
            request, campaign, form=form, status=status, errors=errors
        ),
    )


def _item(request, pk) -> EvaluationItem:
    return get_object_or_404(selectors.items_for(request.user), pk=pk)


@login_required
def edit_item(request, pk):
    """更正 an item of the standard, through services.update_item; refused once a file is scored."""
    item = _item(request, pk)
    campaign = item.campaign
    form = forms.ItemForm(**pages.posted(request), initial=pages.initial_of(item, forms.ItemForm))
    return pages.correct(
        request,
        form,
        lambda data: services.update_item(actor=request.user, item=item, **data),
        may_change=_may_change_campaign(request.user, campaign),
        title=f"更正评查项目：{item.title}",
        back=reverse("evaluation:standard", args=[campaign.pk]) + "#items",
        crumbs=[
            ("案卷评查", reverse("evaluation:campaigns")),
            (campaign.name, reverse("evaluation:campaign", args=[campaign.pk])),
            ("评查标准", reverse("evaluation:standard", args=[campaign.pk])),
        ],
        frozen=lambda: rules.validate_standard_open(campaign),
        success="评查项目已更正。",
        refusal=STANDARD_REFUSAL,
    )


@login_required
@require_POST
def remove_item(request, pk):
    """Delete an item of the standard, through services.remove_item: not one used in a score, not once scored."""
    item = _item(request, pk)
    campaign = item.campaign
    if not _may_change_campaign(request.user, campaign):
        raise PermissionDenied(STANDARD_REFUSAL)
    status, errors = pages.attempt(lambda: services.remove_item(actor=request.user, item=item))
    if status is not None:
        return _standard_page(request, campaign, status=status, errors=errors)
    messages.success(request, f"评查项目“{item.title}”已删除。")
    return redirect(reverse("evaluation:standard", args=[campaign.pk]) + "#items")


def _file(request, pk) -> CaseFile:
    return get_object_or_404(selectors.case_files_for(request.user), pk=pk)


def _may_evaluate(user, case_file) -> bool:
    return rules.may_evaluate(user) and access.can(user, case_file, access.CHANGE)


@login_required
def case_file_detail(request, pk):
    return _file_page(request, _file(request, pk))


def _file_page(request, case_file, *, score_form=None, problem_form=None, errors=(), status=200):
    user = request.user
    case_file = _file(request, case_file.pk)  # read again: a refused change may have left it half-changed
    items = list(selectors.standard_of(case_file.campaign))
    scores = {s.item_id: s for s in selectors.scores_of(case_file)}
    may_evaluate = _may_evaluate(user, case_file)
    if may_evaluate and score_form is None:
        initial = {"scored_on": case_file.scored_on or clock.today()}
        for item in items:
            s = scores.get(item.pk)
            if s is not None:
                initial[
                    f"veto_{item.pk}" if item.kind == EvaluationItem.Kind.VETO else f"points_{item.pk}"
                ] = s.veto_hit if item.kind == EvaluationItem.Kind.VETO else s.points
        score_form = forms.ScoreForm(items=items, initial=initial)
    if may_evaluate and problem_form is None:
        problem_form = forms.ProblemForm()
    rows = [{"item": i, "score": scores.get(i.pk)} for i in items]
    context = {
        "file": case_file,
        "rows": rows,
        "officers": [link.person for link in case_file.officer_links.select_related("person")],
        "problems": case_file.problems.all(),
        "score_form": score_form if may_evaluate else None,
        "problem_form": problem_form if may_evaluate else None,
        "errors": errors,
        "history": pages.history_rows([case_file]),
        "may_correct": may_evaluate,
    }
    return render(request, "enforcement/evaluation/case_file.html", context, status=status)


def _file_crumbs(case_file) -> list[tuple[str, str]]:
    return [
        ("案卷评查", reverse("evaluation:campaigns")),
        (case_file.campaign.name, reverse("evaluation:campaign", args=[case_file.campaign_id])),
        (case_file.case_number, reverse("evaluation:file", args=[case_file.pk])),
    ]


@login_required
def edit_case_file(request, pk):
    """更正 a case file's particulars and its handling officers, through services.update_case_file (the evaluators'):
    each officer is checked against the decision date, a scored file stays in its campaign and a file with problems
    keeps its body (rules/evaluation.validate_case_file_change)."""
    case_file = _file(request, pk)
    initial = pages.initial_of(case_file, forms.CaseFileForm)
    initial["officers"] = [link.person for link in case_file.officer_links.select_related("person")]
    form = forms.CaseFileForm(
        **pages.posted(request), user=request.user, case_file=case_file, initial=initial
    )
    return pages.correct(
        request,
        form,
        lambda data: services.update_case_file(actor=request.user, case_file=case_file, **data),
        may_change=_may_evaluate(request.user, case_file),
        title=f"更正评查案卷：{case_file.case_number}",
        back=reverse("evaluation:file", args=[case_file.pk]),
        crumbs=_file_crumbs(case_file),
        note="更正抽取时登记有误的案卷信息和承办执法人员；承办人须在决定日期持有效行政执法证。总分和等次由评分计算，不在此修改。",
        success="案卷信息已更正。",
        refusal="评查案卷由司法局（执法监督机构）更正。",
    )


@login_required
@require_POST
def score_case_file(request, pk):
    case_file = _file(request, pk)
    form = forms.ScoreForm(request.POST, items=selectors.standard_of(case_file.campaign))
    return pages.submit(
        request,
        form,
        lambda data: services.score_case_file(
            actor=request.user, case_file=case_file, **form.service_arguments()
        ),
        success=lambda: "评分已保存，总分和等次已按评查标准计算。",
        done=lambda: redirect("evaluation:file", pk=case_file.pk),
        again=lambda status, errors: _file_page(
            request, case_file, score_form=form, errors=errors, status=status
        ),
    )


@login_required
@require_POST
def record_problem(request, pk):
    case_file = _file(request, pk)
    form = forms.ProblemForm(request.POST)
    return pages.submit(
        request,
        form,
        lambda data: services.record_problem(actor=request.user, case_file=case_file, **data),
        success="问题已登记，已归入被评查单位。",
        done=lambda: redirect("evaluation:file", pk=case_file.pk),
        again=lambda status, errors: _file_page(
            request, case_file, problem_form=form, errors=errors, status=status
        ),
    )


@login_required
def edit_problem(request, pk):
    """更正 a problem's category and description, through services.update_problem (the evaluators')."""
    problem = get_object_or_404(selectors.problems_for(request.user), pk=pk)
    form = forms.ProblemForm(**pages.posted(request), initial=pages.initial_of(problem, forms.ProblemForm))
    return pages.correct(
        request,
        form,
        lambda data: services.update_problem(actor=request.user, problem=problem, **data),
        may_change=rules.may_evaluate(request.user) and access.can(request.user, problem, access.CHANGE),
        title=f"更正评查发现的问题：{problem.case_file.case_number}",
        back=reverse("evaluation:file", args=[problem.case_file_id]) + "#problems",
        success="问题已更正。",
    )


def problem_spec(rows) -> lists.ListSpec:
    campaigns = selectors.campaigns_of(rows)
    return lists.ListSpec(
        title="评查发现的问题",
        columns=[
            lists.Column(
                "campaign",
                "评查活动",
                lambda p: p.campaign.name,
                order_by=("campaign__year", "campaign__name"),
            ),
            lists.Column("unit", "责任单位", lambda p: p.organization.name, order_by=("organization__path",)),
            lists.Column(
                "case", "案件编号", lambda p: p.case_file.case_number, order_by=("case_file__case_number",)
            ),
            lists.Column("category", "问题类别", lambda p: p.get_category_display(), order_by=("category",)),
            lists.Column("description", "问题描述", lambda p: p.description, sortable=False),
            lists.Column(
                "ledger", "整改台账", lambda p: "已纳入" if p.in_ledger else "未纳入", sortable=False
            ),
        ],
        filters=[
            lists.Filter(
                "campaign",
                "评查活动",
                lambda qs, v: qs.filter(campaign_id=int(v)),
                choices=[(str(c.pk), c.name) for c in campaigns],
            ),
            lists.Filter(
                "category",
                "问题类别",
                lambda qs, v: qs.filter(category=v),
                choices=CaseFileProblem.Category.choices,
            ),
            lists.unit_filter(rows, label="责任单位"),
        ],
        search_fields=("description", "case_file__case_number", "case_file__title", "organization__name"),
        search_placeholder="问题描述、案件编号、单位",
        default_sort="campaign",
    )


def _with_ledger(problems: list) -> list:
    """Mark each problem with whether it has a rectification item (one query for the rows given)."""
    in_ledger = rectification.source_ids_with_items(CaseFileProblem, [p.pk for p in problems])
    for p in problems:
        p.in_ledger = p.pk in in_ledger
    return problems


@login_required
def problem_list(request):
    rows = selectors.problems_listed(request.user)
    listing = lists.listing(request, rows, problem_spec(rows))
    campaign = None
    asked = next((f.value for f in listing.filters if f.name == "campaign" and f.value), "")
    if asked:
        campaign = _campaign(request, int(asked))
    if listing.wants_export:
        listing.rows = _with_ledger(list(listing.rows))
        return listing.export(f"评查发现的问题_{clock.today().isoformat()}.xlsx")
    problems = _with_ledger(listing.page_rows)
    by_category = listing.rows.order_by().values("category").annotate(n=Count("pk"))
    labels = dict(CaseFileProblem.Category.choices)
    context = {
        "problems": problems,
        "list": listing,
        "campaign": campaign,
        "by_category": sorted(((labels[r["category"]], r["n"]) for r in by_category), key=lambda x: -x[1]),
    }
    return render(request, "enforcement/evaluation/problem_list.html", context, status=listing.status)


@login_required
def notice(request, pk, org):
    """The unit's 评查结果通知书 as .docx (the same file as `fazhi evaluation_notice`)."""
    campaign = _campaign(request, pk)
    unit = Organization.objects.filter(code=org).first()
    if unit is None:
        raise Http404("单位代码不存在。")
    try:
        content = evaluation_notice(actor=request.user, campaign=campaign, organization=unit)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        return render(
            request,
            "enforcement/evaluation/refused.html",
            {"errors": exc.messages, "campaign": campaign},
            status=400,
        )
    response = HttpResponse(content, content_type=DOCX)
    filename = f"{unit.name}评查结果通知书.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
