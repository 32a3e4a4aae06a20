"""Pages of a decision's documents: upload one to a step, download it, and download the decision file (决策档案)."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from fazhi.core.web import files
from fazhi.core.web.pages import attempt as _attempt
from fazhi.core.web.pages import submit as _submit

from ... import services
from ...documents import build_archive
from .. import forms
from .decisions import _again, _back_to, _decision, _detail_page


@login_required
@require_POST
def attach_document(request, pk):
    decision = _decision(request, pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    return _submit(
        request,
        form,
        lambda data: services.attach_document(actor=request.user, decision=decision, **data),
        success="文件已上传。",
        done=_back_to(decision, "documents"),
        again=_again(request, decision, "document", form),
    )


@login_required
def document(request, pk, document_pk):
    decision = _decision(request, pk)
    doc = get_object_or_404(decision.documents, pk=document_pk)
    name = posixpath.basename(doc.original_name.replace("\\", "/")) or posixpath.basename(doc.file.name)
    return files.serve(request, doc.file, name)


@login_required
def archive(request, pk):
    """The decision file (决策档案) as a zip."""
    decision = _decision(request, pk)
    content = b""

    def build() -> None:
        nonlocal content
        content = build_archive(actor=request.user, decision=decision)

    status, errors = _attempt(build)
    if status is not None:
        return _detail_page(request, decision, errors=errors, status=status)
    response = HttpResponse(content, content_type="application/zip")
    filename = f"{decision.title}_决策档案.zip".replace("/", "_")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename, safe='')}"
    return response
