"""Pages of the three-level legality review (起草单位初审 → 法律顾问复审 → 司法局合法性终审) and of the draft
pre-check. They read through selectors and write through services with the logged-in user as actor; a refusal
(ValidationError, PermissionDenied) is shown on the page in Chinese with status 400 or 403 and changes nothing."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workbench
from fazhi.core.web import files, lists, pages
from fazhi.core.web.pages import attempt as _attempt
from fazhi.core.web.pages import create as _create
from fazhi.core.web.pages import form_messages as _form_messages
from fazhi.core.web.pages import submit as _submit

from ... import rules, selectors, services
from ...documents import precheck as precheck_files
from ...documents import reviews as letters
from ...models import DraftVersion, LegalityReview, LevelOpinion, ReviewLevel
from ...rules import precheck as precheck_rules
from ...selectors import precheck as precheck_reads
from ...services.reviews import LEVEL_OF_STATUS
from ..forms import reviews as forms
from ..lists import level_due, review_spec

S = LegalityReview.Status
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EMPTY_PRECHECK = "未发现明显问题；预审不能代替合法性审查。"
# A leader only reads (core.access): the pre-check is a drafting tool, so neither its page nor a version's pre-check.
PRECHECK_REFUSED = "草案预审供起草、审查草案的单位使用；领导账号只查看，不能预审草案。"

# Running a service -------------------------------------------------------------------------------------------


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(filename.replace('/', '_'), safe='')}"
    )
    return response


# Reading -----------------------------------------------------------------------------------------------------


def _reviews(user):
    return selectors.reviews_for(user)


def _review(request, pk) -> LegalityReview:
    return get_object_or_404(_reviews(request.user), pk=pk)


# The list and sending a draft --------------------------------------------------------------------------------


@login_required
def review_list(request):
    if request.method == "POST":
        form = forms.SubmitReviewForm(request.POST, request.FILES, user=request.user)
        return _create(
            request,
            form,
            lambda data: services.submit_review(actor=request.user, **data),
            success="已送审。请起草单位法制机构出具初审意见。",
            done=lambda review: redirect("review:detail", pk=review.pk),
            again=lambda status, errors: _list_page(request, form=form, errors=errors, status=status),
        )
    return _list_page(request)


def _list_page(request, *, form=None, errors=(), status=200) -> HttpResponse:
    user = request.user
    may_submit = access.organizations(user, access.CHANGE).exists()
    today = clock.today()
    if form is None and may_submit:
        form = forms.SubmitReviewForm(user=user, initial={"submitted_on": today})
    listing = lists.listing(request, _reviews(user), review_spec(user, today))
    if listing.wants_export:
        return listing.export(f"合法性审查_{today.isoformat()}.xlsx")
    reviews = listing.page_rows
    to_act = set(
        selectors.reviews_to_act_on(user).filter(pk__in=[r.pk for r in reviews]).values_list("pk", flat=True)
    )
    for r in reviews:
        due = level_due(r)
        r.level_due = due
        r.due_level = workbench.level_for(due, today) if due else ""
        r.to_act = r.pk in to_act
    return render(
        request,
        "review/review_list.html",
        {
            "reviews": reviews,
            "list": listing,
            "form": form,
            "errors": errors,
            "may_submit": may_submit,
            "may_precheck": access.writes(user),
            "today": today,
        },
        status=status if status != 200 else listing.status,
    )


# A review's page ---------------------------------------------------------------------------------------------

LEVEL_ORDER = [ReviewLevel.INITIAL, ReviewLevel.ADVISOR, ReviewLevel.FINAL]
STATE_LABELS = {
    "done": "已完成",
    "current": "审查中",
    "overdue": "已超期",
    "returned": "已退回修改",
    "waiting": "未开始",
}


@dataclass
class LevelStep:
    level: str
    label: str
    reviewer: str
    state: str = "waiting"
    opinions: list[LevelOpinion] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def _reviewer_of(review: LegalityReview, level: str) -> str:
    if level == ReviewLevel.INITIAL:
        return f"{review.organization}（起草单位法制机构）"
    if level == ReviewLevel.ADVISOR:
        return review.advisor_name or "法律顾问（由起草单位录入书面意见）"
    return "区司法局"


def _levels(review: LegalityReview, opinions: list[LevelOpinion], today) -> list[LevelStep]:
    """The three levels in order, each with its opinions and where the review stands at it."""
    current = LEVEL_OF_STATUS.get(review.status)
    on_current_version = [o for o in opinions if o.version.number == review.current_version]
    returned_at = next(
        (o.level for o in reversed(on_current_version) if o.outcome == LevelOpinion.Outcome.RETURNED), None
    )
    stop = current or returned_at
    steps = []
    for level in LEVEL_ORDER:
        step = LevelStep(level, ReviewLevel(level).label, _reviewer_of(review, level))
        step.opinions = [o for o in opinions if o.level == level]
        if review.status == S.CONCLUDED:
            step.state = "done"
        elif stop is not None and LEVEL_ORDER.index(level) < LEVEL_ORDER.index(stop):
            step.state = "done"
        elif level == current:
            overdue = review.level_due_on is not None and review.level_due_on < today
            step.state = "overdue" if overdue else "current"
        elif level == returned_at and review.status == S.RETURNED:
            step.state = "returned"
        steps.append(step)
    return steps


@login_required
def review_detail(request, pk):
    review = _review(request, pk)
    findings = None
    precheck_error = ""
    if request.GET.get("precheck"):
        if not access.writes(request.user):
            raise PermissionDenied(PRECHECK_REFUSED)
        findings, precheck_error = _precheck_version(review.versions.get(number=review.current_version))
    return _detail_page(request, review, findings=findings, precheck_error=precheck_error)


def _detail_page(
    request, review: LegalityReview, *, errors=(), status=200, bound=None, findings=None, precheck_error=""
) -> HttpResponse:
    """The review page. `bound` holds forms sent back with their errors, by slot name."""
    user = request.user
    bound = bound or {}
    # Read again: a refused change may have left the instance in memory half-changed.
    review = get_object_or_404(_reviews(user).select_related("advisor_user__person"), pk=review.pk)
    today = clock.today()
    versions = list(review.versions.all())
    for v in versions:
        # A draft sent as a file alone keeps the title as its text: show the file, not the title again.
        v.excerpt = "" if v.file and v.text.strip() in ("", review.title) else v.text
    opinions = list(review.opinions.select_related("version").order_by("given_on", "pk"))
    levels = _levels(review, opinions, today)
    current = next((s for s in levels if s.state in ("current", "overdue")), None)
    opinion_form = None
    if current is not None and rules.may_review_current_level(user, review):
        sent = bound.get("opinion")
        # A form sent for another level (a stale page) is not shown again: it would be refused again.
        opinion_form = (
            sent if sent is not None and sent.data.get("level") == current.level else None
        ) or forms.OpinionForm(
            level=current.level, version=review.current_version, initial={"given_on": today}
        )
    substitution_form = None
    if rules.may_record_substitution(user, review) and review.status in (
        S.INITIAL_REVIEW,
        S.ADVISOR_REVIEW,
        S.RETURNED,
    ):
        substitution_form = bound.get("substitution") or forms.SubstitutionForm(
            user=user, initial={"substituted_on": today}
        )
    substitutions = list(review.substitutions.order_by("substituted_on", "pk"))
    resubmit_form = None
    if review.status == S.RETURNED and rules.may_act_for_drafting_unit(user, review):
        resubmit_form = bound.get("resubmit") or forms.ResubmitForm(initial={"submitted_on": today})
    context = {
        "review": review,
        "levels": levels,
        "current": current,
        "today": today,
        "versions": versions,
        "opinion_form": opinion_form,
        "resubmit_form": resubmit_form,
        "substitution_form": substitution_form,
        "substitutions": substitutions,
        "can_change": access.can(user, review, access.CHANGE),
        "may_correct": rules.may_act_for_drafting_unit(user, review)
        and any(n not in rules.fixed_review_fields(review) for n in forms.ChangeReviewForm.names),
        "errors": errors,
        "findings": findings,
        "precheck_error": precheck_error,
        "empty_precheck": EMPTY_PRECHECK,
        "may_precheck": access.writes(user),
        "final_min_days": rules.FINAL_LEVEL_MIN_WORKING_DAYS,
        "history": _history([review, *versions, *opinions, *substitutions]),
        "S": S,
    }
    return render(request, "review/review_detail.html", context, status=status)


@login_required
def change_review(request, pk):
    """更正 what was sent (title; the advisor before the advisor's level) while the review is open."""
    review, user = _review(request, pk), request.user
    open_fields = [n for n in forms.ChangeReviewForm.names if n not in rules.fixed_review_fields(review)]
    form = forms.ChangeReviewForm(**pages.posted(request), user=user, record=review, open_fields=open_fields)
    _check_drafting_unit(user, review)  # 403 in the service's words
    url = reverse("review:detail", args=[review.pk])
    return pages.correct(
        request,
        form,
        lambda data: services.change_review(actor=user, review=review, **form.changes()),
        title=f"更正送审事项：{review.title}",
        success="已更正送审事项。",
        back=url,
        crumbs=[("合法性审查", reverse("review:list")), (review.title, url)],
        frozen=lambda: (
            None if open_fields else rules.validate_review_change(review, dict.fromkeys(form.names))
        ),
    )


def _check_drafting_unit(user, review: LegalityReview) -> None:
    access.check(user, review, access.CHANGE)
    if not rules.may_act_for_drafting_unit(user, review):
        raise PermissionDenied(rules.CHANGE_REFUSED)


def _back_to(review: LegalityReview, anchor: str) -> Callable[[], HttpResponse]:
    return lambda: redirect(f"{reverse('review:detail', args=[review.pk])}#{anchor}")


def _again(request, review: LegalityReview, slot: str, form: forms.Form):
    return lambda status, errors: _detail_page(
        request, review, errors=errors, status=status, bound={slot: form}
    )


@login_required
@require_POST
def give_opinion(request, pk):
    review = _review(request, pk)
    level = LEVEL_OF_STATUS.get(review.status, ReviewLevel.FINAL)
    form = forms.OpinionForm(request.POST, level=level, version=review.current_version)

    def give(data: dict) -> None:
        if data["version"] != review.current_version:
            raise ValidationError(
                f"审查已是第{review.current_version}稿，您填写意见时看到的是第{data['version']}稿，"
                "请查看最新送审稿后再出具意见。"
            )
        services.give_opinion(
            actor=request.user,
            review=review,
            level=data["level"],
            outcome=data["outcome"],
            reasons=data["reasons"],
            given_on=data["given_on"],
        )

    outcome = dict(LevelOpinion.Outcome.choices).get(request.POST.get("outcome", ""), "")
    return _submit(
        request,
        form,
        give,
        success=f"已出具{ReviewLevel(level).label}意见：{outcome}。",
        done=_back_to(review, "levels"),
        again=_again(request, review, "opinion", form),
    )


@login_required
@require_POST
def substitute_advisor(request, pk):
    review = _review(request, pk)
    form = forms.SubstitutionForm(request.POST, user=request.user)
    return _submit(
        request,
        form,
        lambda data: services.substitute_advisor(actor=request.user, review=review, **data),
        success=lambda: (
            f"已记录替代复审法律顾问：{form.cleaned_data['substitute'].person or form.cleaned_data['substitute']}。"
        ),
        done=_back_to(review, "advisor"),
        again=_again(request, review, "substitution", form),
    )


@login_required
@require_POST
def resubmit(request, pk):
    review = _review(request, pk)
    form = forms.ResubmitForm(request.POST, request.FILES)
    return _submit(
        request,
        form,
        lambda data: services.resubmit(actor=request.user, review=review, **data),
        success="已重新送审修改稿，从起草单位初审重新开始。",
        done=_back_to(review, "versions"),
        again=_again(request, review, "resubmit", form),
    )


@login_required
def version_file(request, pk, number):
    review = _review(request, pk)
    version = get_object_or_404(review.versions, number=number)
    if not version.file:
        raise Http404("该稿次没有上传文件。")
    name = posixpath.basename(version.original_name.replace("\\", "/")) or posixpath.basename(
        version.file.name
    )
    return files.serve(request, version.file, name)


@login_required
def letter(request, pk):
    """The legality review opinion letter (合法性审查意见书) of a concluded review, as a Word document."""
    review = _review(request, pk)

    content = b""

    def build() -> None:
        nonlocal content
        content = letters.opinion_letter(actor=request.user, review=review)

    status, errors = _attempt(build)
    if status is not None:
        return _detail_page(request, review, errors=errors, status=status)
    return _download(content, f"{review.title}_合法性审查意见书.docx", DOCX)


# History -----------------------------------------------------------------------------------------------------


@dataclass
class FindingRow:
    """A finding with its sentence cut around the matched words, for highlighting."""

    finding: precheck_rules.Finding
    before: str
    matched: str
    after: str


def _rows(findings: list[precheck_rules.Finding]) -> list[FindingRow]:
    rows = []
    for f in findings:
        # The finding's offsets are in the whole text; the sentence starts at f.start.
        start, end = f.match_start - f.start, f.match_end - f.start
        if not (0 <= start <= end <= len(f.sentence)):
            start = end = 0
        rows.append(FindingRow(f, f.sentence[:start], f.sentence[start:end], f.sentence[end:]))
    return rows


def _precheck_version(version: DraftVersion) -> tuple[list[FindingRow] | None, str]:
    """Pre-check a stored version: its file when it has one (the text is then only a title), else its text."""
    try:
        if version.file:
            with version.file.open("rb") as handle:
                text = precheck_files.read_document(version.original_name or version.file.name, handle.read())
        else:
            text = version.text
    except (FileNotFoundError, OSError):
        return None, "送审稿文件已不在存储中，无法预审，请联系系统管理员。"
    except precheck_files.PrecheckFileError as exc:
        return None, str(exc)
    return _rows(precheck_reads.check_text(text)), ""


@login_required
def precheck_page(request):
    if not access.writes(request.user):
        raise PermissionDenied(PRECHECK_REFUSED)
    findings = None
    status = 200
    errors: list[str] = []
    if request.method != "POST":
        form = forms.PrecheckForm()
    else:
        form = forms.PrecheckForm(request.POST, request.FILES)
        if form.is_valid():
            findings = _rows(precheck_reads.check_text(form.draft_text()))
        else:
            status, errors = 400, _form_messages(form)
    return render(
        request,
        "review/precheck.html",
        {"form": form, "findings": findings, "errors": errors, "empty_precheck": EMPTY_PRECHECK},
        status=status,
    )


def _history(instances) -> list[pages.HistoryRow]:
    return pages.history_rows(instances, parents=(LegalityReview, DraftVersion))
