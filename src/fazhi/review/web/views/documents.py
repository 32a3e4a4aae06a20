"""Pages of normative documents (行政规范性文件): the register with registering, a document's record with its legality
review, issuing (统一编号并印发), filing (备案) and its result; clean-up campaigns (清理); review catalogs
(合法性审查目录清单); and the public list of valid documents. They read through selectors and write through services
with the logged-in user as actor; a refusal (ValidationError, PermissionDenied) is shown on the page in Chinese
with status 400 or 403 and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workbench, workflow
from fazhi.core.models import Role
from fazhi.core.web import lists, pages
from fazhi.core.web.pages import create as _create
from fazhi.core.web.pages import submit as _submit

from ... import rules, selectors, services
from ... import workbench as review_workbench
from ...models import Filing, LegalityReview, NormativeDocument
from ..forms import documents as forms
from ..forms import procedures as procedure_forms
from ..lists import document_spec, next_due, public_document_spec
from .common import history, may_enter

S = NormativeDocument.Status

# The register ------------------------------------------------------------------------------------------------


UNFILED_SHOWN = 20  # documents awaiting filing listed above the register, soonest deadline first


def _filing_level(document: NormativeDocument, today) -> str:
    """How near its filing deadline a published document not yet filed is (overdue, due soon, pending). Reads the
    document's prefetched filings (no statement per document)."""
    if not (document.requires_filing and document.published_on and document.filing_due_on):
        return ""
    if any(f.body == Filing.Body.GOVERNMENT for f in document.filings.all()):
        return ""
    return workbench.level_for(document.filing_due_on, today, warn_days=review_workbench.FILING_WARN_DAYS)


@login_required
def document_list(request):
    if request.method == "POST":
        form = forms.RegisterDocumentForm(request.POST, user=request.user)
        return _create(
            request,
            form,
            lambda data: services.register_document(actor=request.user, **data),
            success="文件已登记。请送合法性审查；审查通过后统一编号并印发。",
            done=lambda document: redirect("documents:detail", pk=document.pk),
            again=lambda status, errors: _list_page(request, form=form, errors=errors, status=status),
        )
    return _list_page(request)


def _list_page(request, *, form=None, errors=(), status=200) -> HttpResponse:
    user = request.user
    today = clock.today()
    may_register = may_enter(user)
    if form is None and may_register:
        form = forms.RegisterDocumentForm(user=user, initial={"registered_on": today})
    rows = selectors.register_for(user, latest_first=request.GET.get("sort") == "-due")
    listing = lists.listing(request, rows, document_spec(user, today))
    if listing.wants_export:
        return listing.export(f"行政规范性文件登记簿_{today.isoformat()}.xlsx")
    rows = listing.page_rows
    for d in rows:
        d.filing_record = next(iter(d.filings.all()), None)
        d.validity = d.validity_state(today)
        d.filing_level = _filing_level(d, today)
        d.past_expiry = d.status == S.VALID and d.expires_on is not None and d.expires_on < today
        d.next_due, d.next_due_kind = next_due(d, today)
        d.due_level = workbench.level_for(d.next_due, today) if d.next_due else ""
    # the soonest deadlines only, and how many in all: a province has thousands (issue 19); they have no filing
    pending = selectors.unfiled_documents(user).prefetch_related(None).select_related(None)
    # the first ones' ids from the index of the documents to file (review.models: normdoc_unfiled_idx), then their
    # rows: not every such document's whole row read to sort them (issue 19: 950 → 656 buffers at province)
    first = pending.values("pk")[:UNFILED_SHOWN]
    unfiled = list(
        NormativeDocument.objects.filter(pk__in=first)
        .select_related("organization")
        .order_by(*pending.query.order_by)
    )
    unfiled_count = len(unfiled) if len(unfiled) < UNFILED_SHOWN else pending.count()  # as lists.first counts
    for d in unfiled:
        d.filing_level = (
            workbench.level_for(d.filing_due_on, today, warn_days=review_workbench.FILING_WARN_DAYS)
            if d.filing_due_on
            else ""
        )
    return render(
        request,
        "review/documents/document_list.html",
        {
            "documents": rows,
            "list": listing,
            "unfiled": unfiled,
            "unfiled_count": unfiled_count,
            "unfiled_shown": UNFILED_SHOWN,
            "form": form,
            "errors": errors,
            "may_register": may_register,
            "today": today,
        },
        status=status if status != 200 else listing.status,
    )


# A document's page -------------------------------------------------------------------------------------------


def _document(request, pk) -> NormativeDocument:
    return get_object_or_404(selectors.documents_for(request.user), pk=pk)


@login_required
def document_detail(request, pk):
    return _detail_page(request, _document(request, pk))


def _detail_page(request, document: NormativeDocument, *, errors=(), status=200, bound=None) -> HttpResponse:
    """The document page. `bound` holds forms sent back with their errors, by slot name."""
    user = request.user
    bound = bound or {}
    # Read again: a refused change may have left the instance in memory half-changed.
    document = get_object_or_404(selectors.documents_for(user), pk=document.pk)
    today = clock.today()
    can_change = access.can(user, document, access.CHANGE)
    registered = document.status == S.REGISTERED
    review: LegalityReview | None = document.legality_review
    filings = list(document.filings.prefetch_related("materials").order_by("filed_on", "pk"))
    filing: Filing | None = next((f for f in filings if f.result != Filing.Result.PASSED), None) or (
        filings[0] if filings else None
    )
    unfiled_bodies = [b for b in Filing.Body.values if b not in {f.body for f in filings}]
    if document.organization.kind != "district_government":
        unfiled_bodies = [b for b in unfiled_bodies if b != Filing.Body.CONGRESS]

    may_send = (
        can_change
        and registered
        and (review is None or (review.status == LegalityReview.Status.CONCLUDED and not review.passed))
    )
    submit_form = attach_form = None
    if may_send:
        submit_form = bound.get("submit_review") or forms.SubmitForReviewForm(
            user=user, initial={"submitted_on": today}
        )
        attach_form = bound.get("attach_review") or forms.AttachReviewForm(user=user, document=document)
        if not attach_form.is_bound and not attach_form.fields["legality_review"].queryset.exists():
            attach_form = None

    issue = next((t for t in workflow.available(document, user) if t["name"] == "issue"), None)
    issue_form = None
    if issue is not None:
        issue_form = bound.get("issue") or forms.IssueForm(
            initial={"signed_on": today, "published_on": today, "effective_on": today}
        )

    needs_filing = document.requires_filing and document.published_on is not None
    filing_form = result_form = correction_form = None
    correction = None
    if needs_filing and unfiled_bodies and can_change:
        filing_form = bound.get("filing") or forms.FilingForm(
            initial={"filed_on": today, "body": unfiled_bodies[0]}
        )
    if filing is not None:
        correction = services.correction_deadline(filing)
        may_change_filing = access.can(user, filing, access.CHANGE)
        if (
            filing.result == Filing.Result.PENDING
            and may_change_filing
            and access.has_role(user, Role.JUSTICE_ADMIN)
        ):
            result_form = bound.get("result") or forms.FilingResultForm(initial={"result_on": today})
        if filing.result == Filing.Result.CORRECTION and filing.corrected_on is None and may_change_filing:
            correction_form = bound.get("correction") or forms.CorrectionForm(initial={"corrected_on": today})

    procedure_form = {}
    if registered and can_change:
        procedure_form = {
            "consultation": bound.get("consultation") or procedure_forms.ConsultationForm(),
            "deliberation": bound.get("deliberation") or procedure_forms.DeliberationForm(),
        }
        if document.market_related:
            procedure_form["fair_competition"] = bound.get(
                "fair_competition"
            ) or procedure_forms.FairCompetitionForm(initial={"reviewed_on": today})
        if review is not None and review.final_opinion == "lawful_after_revision":
            procedure_form["revised_text"] = bound.get("revised_text") or procedure_forms.RevisedTextForm(
                initial={"submitted_on": today}
            )
    material_form = None
    if (
        filing is not None
        and filing.result == Filing.Result.PENDING
        and access.can(user, filing, access.CHANGE)
    ):
        material_form = bound.get("material") or procedure_forms.FilingMaterialForm()

    for f in filings:
        f.may_correct = f.result == Filing.Result.PENDING and access.can(user, f, access.CHANGE)
    cleanup_items = list(selectors.cleanup_items_for(user).filter(document=document))
    context = {
        "document": document,
        "review": review,
        "filing": filing,
        "filings": [
            (
                f,
                [
                    (label, getattr(f, name), [m for m in f.materials.all() if m.kind == name])
                    for name, label in forms.MATERIALS
                ],
                services.correction_deadline(f),
            )
            for f in filings
        ],
        "validity": document.validity_state(today),
        "procedures": {
            "fair_competition": list(document.fair_competition_reviews.all()),
            "consultations": list(document.consultations.all()),
            "deliberations": list(document.deliberations.all()),
            "revised_texts": list(document.revised_texts.all()),
        },
        "procedure_form": procedure_form,
        "material_form": material_form,
        "needs_regulator": rules.needs_regulator_opinion(document),
        "can_change": can_change,
        "may_delete": can_change and rules.may_delete_document(user, document),
        "errors": errors,
        "today": today,
        "submit_form": submit_form,
        "attach_form": attach_form,
        "issue": issue,
        "issue_form": issue_form,
        "needs_filing": needs_filing,
        "filing_level": _filing_level(document, today),
        "filing_form": filing_form,
        "result_form": result_form,
        "correction": correction,
        "correction_late": services.correction_late(filing) if filing is not None else None,
        "correction_form": correction_form,
        "cleanup_items": cleanup_items,
        "history": history([document, *filings, *cleanup_items]),
        "S": S,
    }
    return render(request, "review/documents/document_detail.html", context, status=status)


@login_required
def change_document(request, pk):
    """更正 a registration: before issue what was registered (the drafting organ fixed once sent for review), after
    it 涉企 alone; the rest is set by numbering and issue (rules.fixed_document_fields)."""
    document, user = _document(request, pk), request.user
    open_fields = [
        n for n in forms.ChangeDocumentForm.names if n not in rules.fixed_document_fields(document)
    ]
    form = forms.ChangeDocumentForm(
        **pages.posted(request), user=user, record=document, open_fields=open_fields
    )
    url = reverse("documents:detail", args=[document.pk])
    access.check(user, document, access.CHANGE)  # 涉企 stays open in every state: nothing frozen
    return pages.correct(
        request,
        form,
        lambda data: services.change_document(actor=user, document=document, **form.changes()),
        title=f"更正文件登记事项：{document.title}",
        success="已更正文件登记事项。",
        back=url,
        crumbs=[("规范性文件", reverse("documents:list")), (document.title, url)],
    )


@login_required
def delete_document(request, pk):
    """删除误登记的文件: GET asks to confirm, POST deletes through services.delete_document (the audit event keeps
    what it held), for whoever may change the document and only while nothing was done on it
    (rules.validate_document_deletable: refused, the page says why and nothing is deleted)."""
    document, user = _document(request, pk), request.user
    access.check(user, document, access.CHANGE)
    url = reverse("documents:detail", args=[document.pk])
    status, errors = pages.attempt(lambda: rules.validate_document_deletable(document))
    if request.method == "POST" and status is None:
        title = str(document)
        status, errors = pages.attempt(lambda: services.delete_document(actor=user, document=document))
        if status is None:
            messages.success(request, f"已删除误登记的文件“{title}”，删除前的内容保留在审计日志中。")
            return redirect("documents:list")
    context = {
        "document": document,
        "url": url,
        "deletable": not errors,
        "errors": errors,
    }
    return render(
        request,
        "review/documents/document_delete.html",
        context,
        status=(status or 400) if request.method == "POST" else 200,
    )


@login_required
def change_filing(request, pk, filing_pk):
    """更正 what was filed (date and filing organ) while the upper level's result is pending."""
    document, user = _document(request, pk), request.user
    filing = get_object_or_404(selectors.filings_for(user).filter(document=document), pk=filing_pk)
    form = forms.ChangeFilingForm(**pages.posted(request), record=filing, open_fields=rules.FILED_FIELDS)
    url = reverse("documents:detail", args=[document.pk])
    access.check(user, filing, access.CHANGE)
    return pages.correct(
        request,
        form,
        lambda data: services.change_filing(actor=user, filing=filing, **form.changes()),
        title=f"更正报送备案：{document.title}（{filing.get_body_display()}）",
        success="已更正报送备案信息。",
        back=f"{url}#filing",
        crumbs=[("规范性文件", reverse("documents:list")), (document.title, url)],
        frozen=lambda: rules.validate_filing_change(filing, dict.fromkeys(rules.FILED_FIELDS)),
    )


def _back_to(document: NormativeDocument, anchor: str) -> Callable[[], HttpResponse]:
    return lambda: redirect(f"{reverse('documents:detail', args=[document.pk])}#{anchor}")


def _again(request, document: NormativeDocument, slot: str, form: forms.Form):
    return lambda status, errors: _detail_page(
        request, document, errors=errors, status=status, bound={slot: form}
    )


@login_required
@require_POST
def submit_for_review(request, pk):
    document = _document(request, pk)
    form = forms.SubmitForReviewForm(request.POST, request.FILES, user=request.user)
    return _submit(
        request,
        form,
        lambda data: services.submit_document_for_review(actor=request.user, document=document, **data),
        success="已送合法性审查，由起草单位法制机构初审，再经法律顾问复审、司法局合法性终审。",
        done=_back_to(document, "legality-review"),
        again=_again(request, document, "submit_review", form),
    )


@login_required
@require_POST
def attach_review(request, pk):
    document = _document(request, pk)
    form = forms.AttachReviewForm(request.POST, user=request.user, document=document)
    return _submit(
        request,
        form,
        lambda data: services.attach_review(
            actor=request.user, document=document, review=data["legality_review"]
        ),
        success="已关联合法性审查。",
        done=_back_to(document, "legality-review"),
        again=_again(request, document, "attach_review", form),
    )


@login_required
@require_POST
def issue_document(request, pk):
    document = _document(request, pk)
    form = forms.IssueForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.issue_document(actor=request.user, document=document, **data),
        success=lambda: f"已统一编号并印发，文号：{document.number}。",
        done=_back_to(document, "issue"),
        again=_again(request, document, "issue", form),
    )


@login_required
@require_POST
def file_document(request, pk):
    document = _document(request, pk)
    form = forms.FilingForm(request.POST, request.FILES)
    return _submit(
        request,
        form,
        lambda data: services.file_document(actor=request.user, document=document, **form.service_kwargs()),
        success="已报送备案。",
        done=_back_to(document, "filing"),
        again=_again(request, document, "filing", form),
    )


def _filing(document: NormativeDocument, request=None) -> Filing:
    """The filing a result or correction is for: the one named in the form, else the first not yet passed."""
    filings = document.filings.order_by("filed_on", "pk")
    chosen = request.POST.get("filing") if request is not None else None
    if chosen:
        filing = filings.filter(pk=chosen).first() if str(chosen).isdigit() else None
    else:
        filing = filings.exclude(result=Filing.Result.PASSED).first() or filings.first()
    if filing is None:
        raise Http404("该文件尚未报送备案。")
    return filing


@login_required
@require_POST
def record_filing_result(request, pk):
    document = _document(request, pk)
    filing = _filing(document, request)
    form = forms.FilingResultForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.record_filing_result(actor=request.user, filing=filing, **data),
        success=lambda: f"已记录备案审查结果：{Filing.Result(form.cleaned_data['result']).label}。",
        done=_back_to(document, "filing"),
        again=_again(request, document, "result", form),
    )


@login_required
@require_POST
def record_correction(request, pk):
    document = _document(request, pk)
    filing = _filing(document, request)
    form = forms.CorrectionForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.record_correction(actor=request.user, filing=filing, **data),
        success="已记录纠正完成并重新报送。",
        done=_back_to(document, "filing"),
        again=_again(request, document, "correction", form),
    )


# The public list ---------------------------------------------------------------------------------------------


def public_documents(request):
    """The normative documents in force today, for the public, without logging in: search, filters, pages, export."""
    today = clock.today()
    rows = selectors.valid_documents(on=today)
    listing = lists.listing(request, rows, public_document_spec(rows))
    if listing.wants_export:
        return listing.export(f"现行有效的行政规范性文件_{today.isoformat()}.xlsx")
    return render(
        request,
        "review/documents/public_documents.html",
        {"documents": listing.page_rows, "list": listing, "today": today},
        status=listing.status,
    )
