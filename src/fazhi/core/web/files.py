"""Serving an attachment from an app's access-checked download view: the download itself, or with ?preview=1 its
preview in the page — a PDF or an image inline with its own content type, a .docx rendered to HTML on the server
with python-docx (every text escaped by the template). One implementation for every app's download view; the page
lists the file with the shared include `_attachment.html`."""

from __future__ import annotations

import posixpath
import zipfile

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

INLINE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}  # never .svg: a picture that can carry script is only downloaded
DOCX = ".docx"
MAX_BLOCKS = 5000  # paragraphs and tables shown in a .docx preview


def extension(name: str) -> str:
    return posixpath.splitext((name or "").lower())[1]


def preview_kind(name: str) -> str:
    """ "pdf", "image" or "docx" for a file shown in the page; "" for one that is only downloaded."""
    ext = extension(name)
    if ext == ".pdf":
        return "pdf"
    if ext in INLINE_TYPES:
        return "image"
    return "docx" if ext == DOCX else ""


def serve(request, field_file, name: str) -> HttpResponse:
    """The file as a download, or its preview when the request asks ?preview=1. The caller has found the record
    through its selectors (a file the user may not see is a 404 before this)."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("文件已不在存储中，请联系系统管理员。") from exc
    if request.GET.get("preview") != "1":
        return FileResponse(handle, as_attachment=True, filename=name)
    kind = preview_kind(name)
    if kind == "docx":
        try:
            blocks = docx_blocks(handle)
        finally:
            handle.close()
        if blocks is None:
            return _preview_page(
                request, name, [], "该文件无法作为Word文档（.docx）打开，请下载后查看。", 400
            )
        return _preview_page(request, name, blocks)
    if not kind:
        handle.close()
        return _preview_page(
            request,
            name,
            [],
            "该类型的文件不能在页面中预览（可预览PDF、图片和Word .docx文件），请下载后查看。",
            400,
        )
    response = FileResponse(
        handle, as_attachment=False, filename=name, content_type=INLINE_TYPES[extension(name)]
    )
    return _framable(response)


def _framable(response: HttpResponse) -> HttpResponse:
    """A preview is shown in a frame of the platform's own page, never of another site's."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return response


def _preview_page(request, name: str, blocks: list, error: str = "", status: int = 200) -> HttpResponse:
    response = render(
        request, "attachment_preview.html", {"name": name, "blocks": blocks, "error": error}, status=status
    )
    return _framable(response)


def docx_blocks(handle) -> list[dict] | None:
    """The document's paragraphs (with their heading level) and tables in order, as plain text; None when the file
    is not a .docx python-docx can open."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(handle)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    blocks: list[dict] = []
    for item in document.iter_inner_content():
        if len(blocks) >= MAX_BLOCKS:
            blocks.append({"kind": "p", "text": "……（文档较长，其余内容请下载后查看）"})
            break
        if isinstance(item, Paragraph):
            text = item.text
            style = (item.style.name if item.style is not None else "") or ""
            level = _heading_level(style)
            if level:
                blocks.append({"kind": "h", "level": level, "text": text})
            elif text.strip():
                blocks.append({"kind": "p", "text": text})
        elif isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            blocks.append({"kind": "table", "rows": rows})
    return blocks


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    if style.startswith("Heading "):
        number = style.removeprefix("Heading ")
        return min(int(number) + 1, 4) if number.isdigit() else 0
    return 0
