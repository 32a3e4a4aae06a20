"""`fazhi disputes`: the national-platform export and deemed acceptance (第三十条)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command

from fazhi.core import clock
from fazhi.disputes.models import ReconsiderationCase

from ..conftest import register

D = dt.date


def test_command_exports_and_deems_acceptance(users, district, tmp_path, monkeypatch):
    case = register(users, district, received_on=D(2025, 9, 29))
    out = tmp_path / "cases.json"
    call_command(
        "disputes", "export", "2025", str(out), "--format", "json", "--user", "fuyi", stdout=StringIO()
    )
    assert json.loads(out.read_text())["cases"][0]["docket_number"] == case.docket_number
    clock.freeze(D(2025, 10, 14))
    stdout = StringIO()
    call_command("disputes", "deem", "--user", "fuyi", stdout=stdout)
    assert case.docket_number in stdout.getvalue()
    case.refresh_from_db()
    assert (case.status, case.accepted_on) == (ReconsiderationCase.Status.ACCEPTED, D(2025, 10, 13))
