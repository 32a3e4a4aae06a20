"""The dry run says what the import of the same file says — the same counts, preview, errors and warnings (a
ledger's `warnings`, known when a row is checked) — and writes nothing; only what exists after the write (notices
such as a new account's link) is the import's alone."""

from __future__ import annotations

from fazhi.core.io.ledgers import run_import
from fazhi.core.ledgers import PersonLedger

from .. import factories
from .test_ledgers import PEOPLE_HEADERS, counts, person_row, xlsx

# What a dry run and the import of the same file may differ in: whether it was written, and the verb saying so.
RUN_ONLY = ("dry_run", "imported", "summary", "notices")


def said(result) -> dict:
    return {k: v for k, v in result.as_dict().items() if k not in RUN_ONLY}


class WarningPeople(PersonLedger):
    """People, warned of a person without a position."""

    def warnings(self, instance):
        return [] if instance.position else [f"{instance.name}未填写职务。"]


def test_the_dry_run_gives_the_imports_warnings_row_by_row(users, district):
    same = factories.person(district.jyj, name="赵六", position="")
    rows = [
        person_row("钱七", factories.id_number(), "T-JYJ", position=""),
        person_row("孙八", factories.id_number(), "T-JYJ", position="科长"),
        person_row("赵六", same.id_number, "T-JYJ", position="", pk=same.pk),
    ]
    content = xlsx(PEOPLE_HEADERS, rows)
    before = counts()

    trial = run_import(WarningPeople(), content=content, filename="p.xlsx", actor=users.admin)

    assert trial.ok and counts() == before
    assert [str(w) for w in trial.warnings] == ["第2行：钱七未填写职务。", "第4行：赵六未填写职务。"]
    assert (trial.created, trial.updated, trial.unchanged) == (2, 0, 1)
    result = run_import(WarningPeople(), content=content, filename="p.xlsx", actor=users.admin, dry_run=False)
    assert result.imported and said(result) == said(trial)
    assert result.as_dict()["warnings"][0] == {
        "row": 2,
        "message": "钱七未填写职务。",
        "text": "第2行：钱七未填写职务。",
    }
