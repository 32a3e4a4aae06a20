"""Pages of the report's duties, posted from the report's page: record a submission or the publication of the issued
report (to whom, on which day), and state that a workstream without records really had none or is not recorded on
the platform. A refusal shows the report page again with the service's Chinese message (400 or 403)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from fazhi.core.web import pages

from ..services import duties as services
from . import views
from .forms import StatementForm, SubmissionForm


def _post(request, org_code: str, year: int, form, action: Callable[[dict], object], success: str):
    org = views._org(request, org_code)
    if form.is_valid():
        status, errors = pages.attempt(lambda: action(org, form.cleaned_data))
    else:
        status, errors = 400, pages.form_messages(form)
    if status is None:
        messages.success(request, success.format(org=org.name, **form.cleaned_data))
        return redirect("reports:report", org.code, year)
    for e in errors:
        messages.error(request, e)
    response = views.report(request, org.code, year)
    response.status_code = status
    return response


@login_required
@require_POST
def record_submission(request, org_code, year):
    form = SubmissionForm(request.POST)
    return _post(
        request,
        org_code,
        year,
        form,
        lambda org, data: services.record_submission(
            actor=request.user,
            organization=org,
            year=year,
            kind=data["kind"],
            done_on=data["done_on"],
            reference=data["reference"],
        ),
        "已登记{org}" + f"{year}年度报告" + "于{done_on:%Y年%m月%d日}的报送（公开）。",
    )


@login_required
@require_POST
def state_workstream(request, org_code, year):
    form = StatementForm(request.POST)
    return _post(
        request,
        org_code,
        year,
        form,
        lambda org, data: services.state_workstream(
            actor=request.user,
            organization=org,
            year=year,
            workstream=data["workstream"],
            kind=data["kind"],
            note=data["note"],
        ),
        "已登记{org}" + f"{year}年度" + "的无记录条线说明。",
    )
