"""Reading an uploaded draft for the pre-check and the review pages: .txt (UTF-8 or GB18030) or .docx (paragraphs
and table cells in reading order)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph


class PrecheckFileError(ValueError):
    """A draft that cannot be read: an unsupported type or a damaged file (the message is Chinese, for the user)."""


def _decode_text(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise PrecheckFileError(
            "文本文件的编码无法识别：请另存为 UTF-8 或 GB18030（GBK）编码后重新上传。"
        ) from exc


def _docx_blocks(container) -> Iterator[str]:
    """The text of a document body or table cell: paragraphs and table cells in reading order."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            seen = (
                set()
            )  # holds the cell elements themselves: lxml keeps one proxy per element while it is referenced
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc in seen:  # a merged cell is returned once for each grid column it spans
                        continue
                    seen.add(cell._tc)
                    yield from _docx_blocks(cell)


def _decode_docx(content: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PrecheckFileError(
            "Word 文档已损坏或不是有效的 .docx 文件，无法读取，请检查后重新上传。"
        ) from exc
    except Exception as exc:  # lxml and zip errors of a broken package have no common base class
        raise PrecheckFileError(
            "Word 文档已损坏或不是有效的 .docx 文件，无法读取，请检查后重新上传。"
        ) from exc
    return "\n".join(_docx_blocks(document))


def read_document(name: str, content: bytes) -> str:
    """The text of an uploaded draft: .txt (UTF-8 or GB18030) or .docx (paragraphs and table cells)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        return _decode_text(content)
    if suffix == ".docx":
        return _decode_docx(content)
    if suffix in {".doc", ".wps"}:
        raise PrecheckFileError(
            f"暂不支持 {suffix} 格式：请在 Word 或 WPS 中另存为 .docx 后上传，或直接粘贴文本。"
        )
    shown = suffix or "（无扩展名）"
    raise PrecheckFileError(f"不支持的文件类型 {shown}：请上传 .docx 或 .txt 文件，或直接粘贴文本。")
