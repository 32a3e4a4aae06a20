"""Limits on what a user may upload: the size of each kind of file, and the rows, columns and cells of a
spreadsheet, checked before a sheet is loaded so that a small file declaring a huge sheet cannot exhaust memory.

Settings (local values, check them on deployment): FAZHI_UPLOAD_MAX_BYTES = {"ledger": ..., "attachment": ...},
FAZHI_IMPORT_MAX_ROWS, FAZHI_IMPORT_MAX_COLUMNS. A cell holds at most 32,767 characters (Excel's own limit) and no
NUL byte (PostgreSQL text cannot hold it): both are refused in the same words on the dry run and the real run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

MAX_CELL_CHARS = 32767
DEFAULT_UPLOAD_MAX_BYTES = {"ledger": 10 * 1024 * 1024, "attachment": 50 * 1024 * 1024}


class SheetTooLarge(ValueError):
    """A spreadsheet beyond the limits, or with a cell that cannot be stored; the message is for the user."""


def upload_max_bytes(kind: str) -> int:
    limits = {**DEFAULT_UPLOAD_MAX_BYTES, **(getattr(settings, "FAZHI_UPLOAD_MAX_BYTES", {}) or {})}
    return int(limits[kind])


def check_upload_size(size: int | None, kind: str) -> None:
    """Refuse a file larger than the limit for its kind ("ledger", "attachment")."""
    limit = upload_max_bytes(kind)
    if size is not None and size > limit:
        raise ValidationError({"file": f"文件不能超过{_size_text(limit)}（本文件{_size_text(size)}）。"})


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)}KB"


def max_rows() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_ROWS", 100_000))


def max_columns() -> int:
    return int(getattr(settings, "FAZHI_IMPORT_MAX_COLUMNS", 200))


def check_declared(rows: int | None, columns: int | None) -> None:
    """The sheet's declared dimension, read before any row is loaded."""
    if rows is not None and rows > max_rows() + 1:
        raise SheetTooLarge(f"表格声明有{rows}行，超过每次导入{max_rows()}行的上限，请分批导入。")
    if columns is not None and columns > max_columns():
        raise SheetTooLarge(f"表格声明有{columns}列，超过{max_columns()}列的上限，请删除多余的列。")


def checked_rows(rows: Iterable[Iterable[Any]]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of the rows (header first), each checked as it is read: row and column counts, cell length, NUL bytes.

    Empty rows are not kept, so a sheet with gaps never grows in memory beyond its real rows."""
    limit_rows, limit_columns = max_rows() + 1, max_columns()
    for number, row in enumerate(rows, start=1):
        values = list(row)
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        if number > limit_rows and values:
            raise SheetTooLarge(f"表格超过每次导入{max_rows()}行的上限，请分批导入。")
        if len(values) > limit_columns:
            raise SheetTooLarge(f"第{number}行超过{limit_columns}列的上限，请删除多余的列。")
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                if "\x00" in value:
                    raise SheetTooLarge(f"第{number}行第{column}列含有空字符（NUL），请删除后重新导入。")
                if len(value) > MAX_CELL_CHARS:
                    raise SheetTooLarge(
                        f"第{number}行第{column}列有{len(value)}个字符，超过单元格{MAX_CELL_CHARS}个字符的上限。"
                    )
        if number == 1 or values:
            yield number, values
