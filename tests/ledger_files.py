"""What the ledger tests share: a sheet of rows given by header, its import, what an import says (for comparing a
dry run with the import of the same file), and the same file and its export imported again."""

from __future__ import annotations

import io

from openpyxl import Workbook

from fazhi.core.io import ledgers

# What a dry run and the import of the same file may differ in: whether it was written, and the verb saying so.
RUN_ONLY = ("dry_run", "imported", "summary", "notices")


def sheet(headers: list[str], rows: list[dict]) -> bytes:
    """An xlsx with `headers` and one row per dict (header → value; a header not given is an empty cell)."""
    wb = Workbook()
    wb.active.append(headers)
    for row in rows:
        wb.active.append([row.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(code: str, content: bytes, *, actor, filename: str = "台账.xlsx", dry_run: bool = False):
    return ledgers.run_import(code, content=content, filename=filename, actor=actor, dry_run=dry_run)


def said(result) -> dict:
    """What an import says, but for whether it wrote."""
    return {k: v for k, v in result.as_dict().items() if k not in RUN_ONLY}


def imported_again(code: str, content: bytes, *, actor) -> list[tuple[int, int, int]]:
    """(created, updated, unchanged) of importing the same file again, then the export of what is now there."""
    counts = []
    for again in (content, ledgers.export_for(actor=actor, ledger=code)):
        repeat = run(code, again, actor=actor)
        assert repeat.ok, repeat.errors
        counts.append((repeat.created, repeat.updated, repeat.unchanged))
    return counts
