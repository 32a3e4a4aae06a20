"""The example district (示例区) moves in from files and API calls alone, starting from an empty database.

The folder tests/migration/district holds one ledger file per step (imported by `fazhi import_dir`) and
api_calls.json (records no ledger carries yet, replayed through the API as the users the users ledger made). Every
registered indicator for 2025 and 2024 must equal the committed expected figures, and must be non-zero except the
codes listed in expected_zero.json, each with its reason."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from fazhi.core.models import Role, User
from fazhi.indicators.registry import REGISTRY, Period, evaluate_all

DISTRICT = Path(__file__).parent / "district"
PASSWORD = "Shili-2025-migration"


def load(name: str):
    return json.loads((DISTRICT / name).read_text(encoding="utf-8"))


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        raise AssertionError(f"{exc}\n{err.getvalue()}") from exc
    return out.getvalue()


def resolve(client: Client, ids: dict) -> dict:
    """Each id by a list endpoint's filters: exactly one record must match; a third element is the path in that
    record to the id wanted (e.g. hearings.0.id, the case's first hearing), else the record's own id."""
    found = {}
    for name, (path, params, *within) in ids.items():
        response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.content.decode())
        data = response.json()
        rows = data["results"] if isinstance(data, dict) else data
        assert len(rows) == 1, (path, params, rows)
        value = rows[0]
        for key in (within[0] if within else "id").split("."):
            value = value[int(key)] if isinstance(value, list) else value[key]
        found[name] = value
    return found


def fill(value, ids: dict):
    if isinstance(value, str):
        return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), value)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


def replay(calls: list[dict]) -> None:
    clients: dict[str, Client] = {}
    for number, call in enumerate(calls, start=1):
        username = call["as"]
        if username not in clients:
            # A machine client: a token issued by the command to the account the users ledger made.
            raw = run("token", "issue", username, "--name", "示例区迁移").splitlines()[-1].strip()
            clients[username] = Client(HTTP_AUTHORIZATION=f"Token {raw}")
        client = clients[username]
        ids = resolve(client, call.get("ids", {}))
        path, body = fill(call["path"], ids), fill(call.get("body", {}), ids)
        if call.get("files"):  # multipart: the body's fields with the files named relative to the folder
            uploads = {field: (DISTRICT / name).open("rb") for field, name in call["files"].items()}
            try:
                response = client.post(path, {**body, **uploads})
            finally:
                for upload in uploads.values():
                    upload.close()
        else:
            response = client.generic(
                call["method"], path, json.dumps(body, ensure_ascii=False), content_type="application/json"
            )
        assert response.status_code in (200, 201), (number, call["path"], response.content.decode())


def migrate_district() -> list[str]:
    """Import the folder up to the API step, replay the API calls, import the rest; the commands' outputs."""
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD, role=Role.SYSTEM_ADMIN)
    api = load("api_calls.json")
    first = run("import_dir", str(DISTRICT), "--before", api["before_step"])
    replay(api["calls"])
    rest = run("import_dir", str(DISTRICT), "--from", api["before_step"])
    return [first, rest]


def figures(year: int) -> dict:
    return {r.indicator.code: r.as_dict()["value"] for r in evaluate_all(Period.year(year), None, "")}


@pytest.mark.django_db(transaction=False)
def test_the_example_district_yields_every_stated_figure_from_files_and_api_calls():
    migrate_district()

    zero = load("expected_zero.json")
    for year in (2025, 2024):
        actual = figures(year)
        expected = load(f"expected_{year}.json")
        assert set(actual) == set(REGISTRY), "every registered indicator is computed"
        assert actual == expected, year
        if year == 2025:
            nonzero_expected = {code for code in actual if code not in zero}
            zeros = sorted(code for code in nonzero_expected if not actual[code])
            assert zeros == [], f"zero or empty without a stated reason: {zeros}"
    assert set(zero) <= set(REGISTRY)
    assert all(reason.strip() for reason in zero.values())


@pytest.mark.django_db(transaction=False)
def test_importing_the_example_district_again_changes_nothing():
    migrate_district()

    again = run("import_dir", str(DISTRICT))

    lines = [line for line in again.splitlines() if line.endswith("条无变化。")]
    files = sorted(p for p in DISTRICT.iterdir() if p.suffix == ".csv")
    assert len(lines) == len(files)
    for line in lines:
        assert re.search(r"已新增0条，已更新0条，\d+条无变化。$", line), line


def stated_figures() -> dict[str, tuple[str, str]]:
    """The key-figure table of docs/migrating.md's example-district section: code → (2025, 2024) as written.
    A code written `.name` replaces the last part of the full code before it in the same row."""
    guide = (Path(__file__).parents[2] / "docs" / "migrating.md").read_text(encoding="utf-8")
    section = guide.split("## The example district (示例区)", 1)[1]
    stated = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or "(`" not in cells[0]:
            continue
        codes, full = [], ""
        for code in re.findall(r"`([\w.]+)`", cells[0]):
            full = full.rsplit(".", 1)[0] + code if code.startswith(".") else code
            codes.append(full)
        values = [[v.strip() for v in cell.split("/")] for cell in cells[1:]]
        for index, code in enumerate(codes):
            stated[code] = (values[0][index], values[1][index])
    return stated


def test_the_guide_states_the_figures_the_test_checks():
    stated = stated_figures()
    expected = {year: load(f"expected_{year}.json") for year in (2025, 2024)}

    assert len(stated) >= 25
    for code, (v2025, v2024) in stated.items():
        assert (v2025, v2024) == (str(expected[2025][code]), str(expected[2024][code])), code
