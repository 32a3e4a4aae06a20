"""Pages of law enforcement: the enforcement bodies with their item lists and supervision organ; officers with their
certificates' validity today, who may not enforce and which certificates expire soon; a certificate with its exams,
reviews and cancellation (注销); and the public listings of officers holding a valid 行政执法证 and of the bodies'
item lists. They read through selectors and write through services; a refusal is shown in Chinese with status 400
or 403 and changes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import clock, workflow
from fazhi.core.web import pages

from ... import selectors, services
from ...models import Certificate, EnforcementBody
from ...rules import certificates as certificate_rules
from .. import forms


@login_required
def body_list(request):
    bodies = selectors.bodies_for(request.user).prefetch_related("powers")
    return render(request, "enforcement/body_list.html", {"bodies": bodies})


@login_required
def officer_list(request):
    user = request.user
    today = clock.today()
    certificates = list(selectors.certificates_for(user).order_by("body__organization__path", "number"))
    valid_ids = set(selectors.valid_on(selectors.certificates_for(user), today).values_list("pk", flat=True))
    for c in certificates:
        c.valid_today = c.pk in valid_ids
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "certificates": certificates,
            "without": selectors.officers_without_valid_certificate(user, today),
            "expiring": selectors.certificates_expiring(user, today),
            "warning_days": selectors.EXPIRY_WARNING_DAYS,
            "today": today,
        },
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
    }
    return render(request, "enforcement/certificate_detail.html", context, status=status)


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


def public_officers(request):
    """行政执法人员公示: who holds a valid 行政执法证 today — name, unit, number and areas, never the ID number."""
    today = clock.today()
    certificates = selectors.public_officers(today)
    rows = [
        {
            "name": c.person.name,
            "unit": c.body.organization.name,
            "body": c.body.name,
            "number": c.number,
            "areas": c.areas,
        }
        for c in certificates
    ]
    return render(request, "enforcement/public_officers.html", {"rows": rows, "today": today})


def public_powers(request):
    """行政执法主体及事项清单公示: the active bodies and their items by kind, with legal basis."""
    bodies = selectors.public_bodies()
    return render(request, "enforcement/public_powers.html", {"bodies": bodies, "today": clock.today()})
