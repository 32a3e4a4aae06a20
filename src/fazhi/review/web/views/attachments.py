"""A normative document's uploaded files — the revised text (修改后文本) and the filing materials (备案材料) — as a
download or a preview, found through the document the user may see (a file of another unit's document is a 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from fazhi.core.web import files

from ...models import FilingMaterial
from .documents import _document


@login_required
def revised_text_file(request, pk, text_pk):
    text = get_object_or_404(_document(request, pk).revised_texts, pk=text_pk)
    return files.serve(request, text.file, text.original_name or text.file.name.rsplit("/", 1)[-1])


@login_required
def filing_material_file(request, pk, material_pk):
    document = _document(request, pk)
    material = get_object_or_404(FilingMaterial.objects.filter(filing__document=document), pk=material_pk)
    return files.serve(
        request, material.file, material.original_name or material.file.name.rsplit("/", 1)[-1]
    )
