"""Pages of what precedes issue (印发前程序: 公平竞争审查, 征求意见, 集体审议, the revised text after 修改后合法) and of the
materials uploaded to a filing. Each form is on the document's page; each posts to a service, and a refusal (the
rule's Chinese message) is shown there with status 400 or 403 and changes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from fazhi.core.web.pages import submit as _submit

from ... import services
from ..forms import procedures as forms
from .documents import _again, _back_to, _document, _filing


@login_required
@require_POST
def record_fair_competition(request, pk):
    document = _document(request, pk)
    form = forms.FairCompetitionForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.record_fair_competition_review(actor=request.user, document=document, **data),
        success="已记录公平竞争审查。",
        done=_back_to(document, "procedures"),
        again=_again(request, document, "fair_competition", form),
    )


@login_required
@require_POST
def record_consultation(request, pk):
    document = _document(request, pk)
    form = forms.ConsultationForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.record_consultation(actor=request.user, document=document, **data),
        success="已记录征求意见。",
        done=_back_to(document, "procedures"),
        again=_again(request, document, "consultation", form),
    )


@login_required
@require_POST
def record_deliberation(request, pk):
    document = _document(request, pk)
    form = forms.DeliberationForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.record_deliberation(actor=request.user, document=document, **data),
        success="已记录集体审议。",
        done=_back_to(document, "procedures"),
        again=_again(request, document, "deliberation", form),
    )


@login_required
@require_POST
def upload_revised_text(request, pk):
    document = _document(request, pk)
    form = forms.RevisedTextForm(request.POST, request.FILES)
    return _submit(
        request,
        form,
        lambda data: services.upload_revised_text(actor=request.user, document=document, **data),
        success="已上传修改后文本。",
        done=_back_to(document, "procedures"),
        again=_again(request, document, "revised_text", form),
    )


@login_required
@require_POST
def add_filing_material(request, pk):
    document = _document(request, pk)
    filing = _filing(document, request)
    form = forms.FilingMaterialForm(request.POST, request.FILES)
    return _submit(
        request,
        form,
        lambda data: services.add_filing_material(actor=request.user, filing=filing, **data),
        success="已上传备案材料。",
        done=_back_to(document, "filing"),
        again=_again(request, document, "material", form),
    )
