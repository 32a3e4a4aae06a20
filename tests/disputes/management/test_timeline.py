"""`fazhi disputes timeline FILE.json [--json]`: the calculator's documented input and output; exit status 1 when
an event is refused."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.core import clock

pytestmark = pytest.mark.django_db


def _write(tmp_path, data) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_timeline_json_output(tmp_path):
    clock.freeze(dt.date(2025, 1, 6))
    file = _write(
        tmp_path,
        {
            "procedure": "ordinary",
            "events": [{"event": "received", "on": "2024-09-27"}, {"event": "accepted", "on": "2024-10-28"}],
        },
    )
    out = StringIO()
    call_command("disputes", "timeline", file, "--json", stdout=out)
    result = json.loads(out.getvalue())
    decision = next(c for c in result["clocks"] if c["kind"] == "decision")
    assert (decision["start"], decision["due"], decision["provisional"]) == (
        "2024-10-10",
        "2024-12-09",
        False,
    )
    assert result["deemed_accepted_on"] == "2024-10-10"
    assert result["refused"] == []
    assert set(decision) >= {"kind", "start", "due", "provisional", "explanation"}


def test_timeline_refusal_exits_with_status_one(tmp_path):
    clock.freeze(dt.date(2025, 6, 1))
    file = _write(
        tmp_path,
        {
            "procedure": "ordinary",
            "events": [
                {"event": "received", "on": "2025-03-03"},
                {"event": "accepted", "on": "2025-03-03"},
                {"event": "copy_sent", "on": "2025-03-05"},
                {"event": "suspended", "on": "2025-05-07", "ground": 7},
            ],
        },
    )
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("disputes", "timeline", file, stdout=out)
    assert exit_.value.code == 1
    assert "不予登记：第4个事项（suspended）：审理期限已于2025年05月06日届满" in out.getvalue()


def test_timeline_bad_input_is_a_clear_error(tmp_path):
    file = _write(tmp_path, {"procedure": "ordinary", "events": [{"event": "received", "on": "27/09/2024"}]})
    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("disputes", "timeline", file)
