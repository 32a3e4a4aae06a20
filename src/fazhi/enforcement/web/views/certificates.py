"""Pages of law enforcement: the enforcement bodies with their item lists and supervision organ; officers with their
certificates' validity today, who may not enforce and which certificates expire soon; a certificate with its exams,
reviews and cancellation (注销); the forms recording an exam (录入考试成绩) and issuing a certificate (核发执法证件); and
the public listings of officers holding a valid 行政执法证 and of the bodies' item lists. They read through selectors
and write through services; a refusal is shown in Chinese with status 400 or 403 and changes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    When,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, config, workflow
from fazhi.core.models import Person
from fazhi.core.web import lists, pages

from ... import selectors, services
from ...models import Certificate, CertificateReview, EnforcementBody, EnforcementPower
from ...rules import bodies as body_rules
from ...rules import certificates as certificate_rules
from .. import forms
from .new_record import new_record


def body_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="行政执法主体",
        columns=[
            lists.Column("name", "执法主体", lambda b: b.name, order_by=("name",)),
            lists.Column("unit", "所在单位", lambda b: b.organization.name, order_by=("organization__path",)),
            lists.Column(
                "organ",
                "执法监督机关",
                lambda b: b.supervision_organ.name if b.supervision_organ else "未明确",
                order_by=("supervision_organ__path",),
            ),
            lists.Column("basis", "执法职权依据", lambda b: b.legal_basis, sortable=False),
            lists.Column("powers", "执法事项", lambda b: b.power_count, order_by=("power_count",)),
            lists.Column("status", "状态", lambda b: b.get_status_display(), order_by=("status",)),
        ],
        filters=[
            lists.status_filter(EnforcementBody.Status.choices),
            lists.unit_filter(rows, label="所在单位"),
            lists.Filter(
                "no_organ",
                "只看未明确执法监督机关",
                lambda qs, v: qs.filter(supervision_organ__isnull=True),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("name", "organization__name", "legal_basis"),
        search_placeholder="执法主体、单位、职权依据",
        default_sort="unit",
        per_page=20,
    )


@login_required
def body_list(request):
    rows = selectors.bodies_for(request.user).annotate(power_count=Count("powers", distinct=True))
    listing = lists.listing(request, rows, body_spec(rows))
    if listing.wants_export:
        return listing.export(f"行政执法主体_{clock.today().isoformat()}.xlsx")
    bodies = listing.page_rows
    prefetch_related_objects(bodies, "powers")
    pages.mark_correctable(bodies, selectors.bodies_for(request.user, access.CHANGE))
    context = {"bodies": bodies, "list": listing}
    return render(request, "enforcement/body_list.html", context, status=listing.status)


@login_required
def edit_body(request, pk):
    """更正 a body's name, basis and supervision organ, through services.update_body."""
    body = get_object_or_404(selectors.bodies_for(request.user), pk=pk)
    form = forms.BodyForm(
        **pages.posted(request), user=request.user, initial=pages.initial_of(body, forms.BodyForm)
    )
    return pages.correct(
        request,
        form,
        lambda data: services.update_body(actor=request.user, body=body, **data),
        may_change=access.can(request.user, body, access.CHANGE),
        title=f"更正行政执法主体：{body.name}",
        back=reverse("enforcement:bodies") + f"#body-{body.pk}",
        note="所在单位的变更和执法主体的撤销由司法局办理。",
        success="执法主体信息已更正。",
    )


@login_required
def edit_power(request, pk):
    """更正 an item of a body's list, through services.update_power."""
    power = get_object_or_404(selectors.powers_for(request.user), pk=pk)
    form = forms.PowerForm(**pages.posted(request), initial=pages.initial_of(power, forms.PowerForm))
    return pages.correct(
        request,
        form,
        lambda data: services.update_power(actor=request.user, power=power, **data),
        may_change=access.can(request.user, power, access.CHANGE),
        title=f"更正行政执法事项：{power.name}（{power.body.name}）",
        back=reverse("enforcement:bodies") + f"#body-{power.body_id}",
        success="执法事项已更正。",
    )


@login_required
def add_power(request, pk):
    """Add an item to a body's list (增加行政执法事项), through services.add_power; not to a revoked body."""
    body = get_object_or_404(selectors.bodies_for(request.user), pk=pk)
    back = reverse("enforcement:bodies") + f"#body-{body.pk}"
    return pages.correct(
        request,
        forms.PowerForm(**pages.posted(request)),
        lambda data: services.add_power(actor=request.user, body=body, **data),
        may_change=access.can(request.user, body, access.CHANGE),
        title=f"增加行政执法事项：{body.name}",
        back=back,
        success="执法事项已增加。",
        refusal="您无权为该执法主体增加执法事项。",
        frozen=lambda: body_rules.validate_body_active(body, "增加执法事项"),
    )


def certificate_spec(user, rows, today) -> lists.ListSpec:
    """The certificates as a list page: search, filters (state, kind, unit, expiring before, not yet reviewed for a
    year, not valid today), sortable columns with the expiry date first (valid certificates first, the earliest
    expiry at the top) and the export's cells."""
    open_q = Q(status=Certificate.Status.VALID)
    years = [today.year - i for i in range(3)]
    return lists.ListSpec(
        title="执法证件",
        columns=[
            lists.Column("number", "证件编号", lambda c: c.number, order_by=("number",)),
            lists.Column("kind", "类别", lambda c: c.get_kind_display(), order_by=("kind",)),
            lists.Column("person", "持证人", lambda c: c.person.name, order_by=("person__name",)),
            lists.Column(
                "body", "执法主体", lambda c: c.body.name, order_by=("body__organization__path", "body__name")
            ),
            lists.Column("issued", "发证日期", lambda c: c.issued_on, order_by=("issued_on",)),
            lists.Column(
                "valid_until", "有效期至", lambda c: c.valid_until, order_by=("cancelled_rank", "valid_until")
            ),
            lists.Column(
                "reviewed", "最近审验年度", lambda c: c.last_review_year, order_by=("last_review_year",)
            ),
            lists.Column("status", "状态", lambda c: c.get_status_display(), order_by=("status",)),
        ],
        filters=[
            lists.status_filter(Certificate.Status.choices),
            lists.Filter("kind", "类别", lambda qs, v: qs.filter(kind=v), choices=Certificate.Kind.choices),
            lists.unit_filter(rows, "body__organization", "单位"),
            lists.due_before_filter("valid_until", open_q, "有效期早于"),
            lists.Filter(
                "unreviewed",
                "未审验年度",
                lambda qs, v: qs.filter(open_q).exclude(reviews__year=int(v)),
                choices=[(str(y), f"{y}年度") for y in years],
            ),
            lists.Filter(
                "invalid",
                "只看今日无效",
                lambda qs, v: qs.exclude(
                    pk__in=selectors.valid_on(selectors.certificates_for(user), today).values("pk")
                ),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("number", "person__name", "body__name", "body__organization__name", "areas"),
        search_placeholder="证件编号、持证人、执法主体",
        default_sort="valid_until",
    )


def _certificates(user):
    # the last review's year per certificate as a subquery, computed for the rows shown; a join with every review
    # grouped by certificate sorted the whole table on disk at province scale (issue 19)
    last_year = (
        CertificateReview.objects.filter(certificate=OuterRef("pk"))
        .order_by()
        .values("certificate")
        .annotate(year=Max("year"))
        .values("year")
    )
    return selectors.certificates_for(user).annotate(
        cancelled_rank=Case(
            When(status=Certificate.Status.CANCELLED, then=1), default=0, output_field=IntegerField()
        ),
        last_review_year=Subquery(last_year, output_field=IntegerField()),
    )


SHOWN = 50  # people who may not enforce, certificates expiring: the first ones named, all counted


def _first_people(people) -> tuple[list, int]:
    """The first SHOWN people and how many in all from one pass over the valid certificates: their ids in order
    (a province: 11,534 ints), then the first ones' rows — a list and a COUNT(*) each computed every valid
    certificate of the province (≈150 ms apiece under load)."""
    ids = list(people.values_list("pk", flat=True))
    # by id alone: the people's filter (the valid certificates) is not computed again
    shown = {p.pk: p for p in Person.objects.select_related("organization").filter(pk__in=ids[:SHOWN])}
    return [shown[pk] for pk in ids[:SHOWN]], len(ids)


@login_required
def officer_list(request):
    return _officer_page(request)


def _officer_page(request, *, errors=(), status=200, review_form=None):
    user = request.user
    today = clock.today()
    rows = _certificates(user)
    listing = lists.listing(request, rows, certificate_spec(user, rows, today))
    if listing.wants_export and not errors:
        return listing.export(f"执法证件_{today.isoformat()}.xlsx")
    certificates = listing.page_rows
    valid_ids = set(
        selectors.valid_on(
            selectors.certificates_for(user).filter(pk__in=[c.pk for c in certificates]), today
        ).values_list("pk", flat=True)
    )
    for c in certificates:
        c.valid_today = c.pk in valid_ids
    without, without_count = _first_people(selectors.officers_without_valid_certificate(user, today))
    expiring, expiring_count = lists.first(selectors.certificates_expiring(user, today), SHOWN)
    may_review = certificate_rules.may_manage_certificates(user)
    if may_review and review_form is None:
        review_form = forms.BatchReviewForm(initial={"year": today.year, "reviewed_on": today, "passed": "1"})
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "certificates": certificates,
            "list": listing,
            "review_form": review_form if may_review else None,
            "errors": errors,
            "without": without,
            "without_count": without_count,
            "expiring": expiring,
            "expiring_count": expiring_count,
            "shown": SHOWN,
            "warning_days": selectors.EXPIRY_WARNING_DAYS,
            "today": today,
            "may_manage": may_review,
        },
        status=status if errors else listing.status,
    )


@login_required
@require_POST
def review_certificates(request):
    """批量审验: the chosen review for each ticked certificate through the service; refused ones named with the rule."""
    user = request.user
    form = forms.BatchReviewForm(request.POST)
    chosen, error = lists.ticked(request, selectors.certificates_for(user))
    if error or not form.is_valid():
        errors = [error] if error else pages.form_messages(form)
        return _officer_page(request, errors=errors, status=400, review_form=form)
    data = form.cleaned_data
    result = lists.run_batch(
        chosen,
        lambda c: services.record_review(
            actor=user,
            certificate=c,
            year=data["year"],
            reviewed_on=data["reviewed_on"],
            passed=data["passed"],
            reason=data["reason"],
        ),
    )
    lists.tell(request, result, "审验", name=lambda c: f"证件{c.number}（{c.person.name}）")
    query = request.GET.urlencode()
    return redirect(reverse("enforcement:officers") + (f"?{query}" if query else ""))


# 录入考试成绩, 核发证件: the Justice Bureau's forms for what the ledgers and the API also record --------------------


def _require_authority(user, what: str) -> None:
    """Only the certificate authority opens these forms (the service checks the same rule again)."""
    if not certificate_rules.may_manage_certificates(user):
        raise PermissionDenied(f"{what}由司法局（执法监督机构）办理。")


@login_required
def record_exam(request):
    """录入行政执法资格考试成绩, through services.record_exam: whether it passed follows from the pass mark."""
    _require_authority(request.user, "录入行政执法资格考试成绩")
    form = forms.ExamForm(**pages.posted(request), user=request.user, initial={"exam_on": clock.today()})
    mark, days = (
        config.get(certificate_rules.EXAM_PASS_SCORE.key),
        config.get(certificate_rules.EXAM_VALID_DAYS.key),
    )
    return new_record(
        request,
        form,
        lambda data: services.record_exam(actor=request.user, **data),
        heading="录入行政执法资格考试成绩",
        note=f"成绩达到{mark}分为合格；合格后{days}日内可据此核发行政执法证。",
        button="录入成绩",
        back=reverse("enforcement:officers"),
        success=lambda exam: (
            f"已录入{exam.person.name}的考试成绩{exam.score.normalize():f}分，{'合格' if exam.passed else '不合格'}。"
        ),
        done=lambda exam: redirect("enforcement:officers"),
    )


@login_required
def issue_certificate(request):
    """核发执法证件, through services.issue_certificate: a 行政执法证 needs a recent passed exam."""
    _require_authority(request.user, "核发执法证件")
    form = forms.IssueCertificateForm(
        **pages.posted(request), user=request.user, initial={"issued_on": clock.today()}
    )
    return new_record(
        request,
        form,
        lambda data: services.issue_certificate(actor=request.user, **data),
        heading="核发执法证件",
        note="行政执法证的持证人须为执法主体所在单位的在职人员，并在核发日前考试合格（行政处罚法第四十二条）。",
        button="核发证件",
        back=reverse("enforcement:officers"),
        success=lambda c: f"已核发证件{c.number}（{c.person.name}）。",
        done=lambda c: redirect("enforcement:certificate", pk=c.pk),
    )


def _certificate(request, pk) -> Certificate:
    return get_object_or_404(selectors.certificates_for(request.user), pk=pk)


@login_required
def certificate_detail(request, pk):
    return _certificate_page(request, _certificate(request, pk))


def _certificate_page(request, certificate: Certificate, *, errors=(), status=200, form=None, reissue=None):
    user = request.user
    # Read again: a refused change may have left the instance in memory half-changed.
    certificate = get_object_or_404(selectors.certificates_for(user), pk=certificate.pk)
    today = clock.today()
    may_cancel = any(t["name"] == "cancel" for t in workflow.available(certificate, user))
    if may_cancel and form is None:
        form = forms.CancelCertificateForm(initial={"cancelled_on": today})
    reissue_form = None
    if may_cancel:
        reissue_form = (
            reissue if reissue is not None else forms.ReissueCertificateForm(initial={"issued_on": today})
        )
    context = {
        "certificate": certificate,
        "valid_today": certificate_rules.certificate_valid_on(certificate, today),
        "exams": selectors.exams_for(user).filter(person=certificate.person),
        "reviews": selectors.reviews_for(user, certificate),
        "cancel_form": form if may_cancel else None,
        "reissue_form": reissue_form,
        "errors": errors,
        "today": today,
        "history": pages.history_rows([certificate], parents=(EnforcementBody,)),
        "may_correct": may_correct_certificate(user, certificate),
    }
    return render(request, "enforcement/certificate_detail.html", context, status=status)


def may_correct_certificate(user, certificate: Certificate) -> bool:
    return certificate_rules.may_manage_certificates(user) and access.can(user, certificate, access.CHANGE)


@login_required
def edit_certificate(request, pk):
    """更正 a certificate's areas and validity, through services.update_certificate (the Justice Bureau's)."""
    certificate = _certificate(request, pk)
    initial = pages.initial_of(certificate, forms.CertificateForm)
    form = forms.CertificateForm(**pages.posted(request), initial=initial)
    return pages.correct(
        request,
        form,
        lambda data: services.update_certificate(actor=request.user, certificate=certificate, **data),
        may_change=may_correct_certificate(request.user, certificate),
        title=f"更正执法证件：{certificate.number}（{certificate.person.name}）",
        back=reverse("enforcement:certificate", args=[certificate.pk]),
        note="持证人、执法主体、证件编号、类别和发证日期不能更正；证件状态只随注销、补发换发变化。",
        success="证件信息已更正。",
    )


@login_required
@require_POST
def cancel_certificate(request, pk):
    certificate = _certificate(request, pk)
    form = forms.CancelCertificateForm(request.POST)
    return pages.submit(
        request,
        form,
        lambda data: services.cancel_certificate(
            actor=request.user,
            certificate=certificate,
            reason=data["reason"],
            cancelled_on=data["cancelled_on"],
            note=data["note"],
        ),
        success="证件已注销，自注销日期起不得据此从事执法。",
        done=lambda: redirect(reverse("enforcement:certificate", args=[certificate.pk])),
        again=lambda status, errors: _certificate_page(
            request, certificate, errors=errors, status=status, form=form
        ),
    )


@login_required
@require_POST
def reissue_certificate(request, pk):
    certificate = _certificate(request, pk)
    form = forms.ReissueCertificateForm(request.POST)
    return pages.submit(
        request,
        form,
        lambda data: services.reissue_certificate(actor=request.user, certificate=certificate, **data),
        success="已补发（换发）新证，原证自新证发证日期起注销。",
        done=lambda: redirect(reverse("enforcement:certificate", args=[certificate.replaced_by.pk])),
        again=lambda status, errors: _certificate_page(
            request, certificate, errors=errors, status=status, reissue=form
        ),
    )


# The public listings ------------------------------------------------------------------------------------------


def public_officer_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="行政执法人员公示",
        columns=[
            lists.Column("name", "姓名", lambda c: c.person.name, order_by=("person__name",)),
            lists.Column(
                "unit", "单位", lambda c: c.body.organization.name, order_by=("body__organization__path",)
            ),
            lists.Column("body", "执法主体", lambda c: c.body.name, order_by=("body__name",)),
            lists.Column("number", "执法证号", lambda c: c.number, order_by=("number",)),
            lists.Column("areas", "执法区域和执法类别", lambda c: c.areas or "—", sortable=False),
        ],
        filters=[lists.unit_filter(rows, field="body__organization")],
        search_fields=("person__name", "number", "areas", "body__name", "body__organization__name"),
        search_placeholder="姓名、执法证号、单位",
        default_sort="unit",
    )


def public_officers(request):
    """行政执法人员公示: who holds a valid 行政执法证 today — name, unit, number and areas, never the ID number."""
    today = clock.today()
    rows = selectors.public_officers(today)
    listing = lists.listing(request, rows, public_officer_spec(rows))
    if listing.wants_export:
        return listing.export(f"行政执法人员公示_{today.isoformat()}.xlsx")
    return render(
        request,
        "enforcement/public_officers.html",
        {"certificates": listing.page_rows, "list": listing, "today": today},
        status=listing.status,
    )


def public_power_spec(rows) -> lists.ListSpec:
    bodies = EnforcementBody.objects.filter(pk__in=rows.order_by().values("body_id")).order_by(
        "organization__path", "name"
    )
    return lists.ListSpec(
        title="行政执法事项清单公示",
        columns=[
            lists.Column(
                "body", "执法主体", lambda p: p.body.name, order_by=("body__organization__path", "body__name")
            ),
            lists.Column(
                "unit", "所在单位", lambda p: p.body.organization.name, order_by=("body__organization__path",)
            ),
            lists.Column("kind", "事项类别", lambda p: p.get_kind_display(), order_by=("kind",)),
            lists.Column("power", "事项名称", lambda p: p.name, order_by=("name",)),
            lists.Column("basis", "实施依据", lambda p: p.legal_basis, sortable=False),
        ],
        filters=[
            lists.Filter(
                "body",
                "执法主体",
                lambda qs, v: qs.filter(body_id=int(v)),
                choices=[(str(b.pk), b.name) for b in bodies],
            ),
            lists.Filter(
                "kind", "事项类别", lambda qs, v: qs.filter(kind=v), choices=EnforcementPower.Kind.choices
            ),
            lists.unit_filter(rows, field="body__organization", label="所在单位"),
        ],
        search_fields=("name", "legal_basis", "body__name", "body__organization__name"),
        search_placeholder="事项名称、实施依据、执法主体",
        default_sort="body",
    )


def public_powers(request):
    """行政执法主体及事项清单公示: the active bodies' items by kind, with legal basis, searchable and exportable."""
    today = clock.today()
    rows = selectors.public_powers()
    listing = lists.listing(request, rows, public_power_spec(rows))
    if listing.wants_export:
        return listing.export(f"行政执法事项清单_{today.isoformat()}.xlsx")
    return render(
        request,
        "enforcement/public_powers.html",
        {"powers": listing.page_rows, "list": listing, "today": today},
        status=listing.status,
    )
