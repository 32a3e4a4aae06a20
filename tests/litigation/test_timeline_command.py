"""`fazhi litigation timeline FILE.json [--json]`: the clocks as JSON, the refused events, exit status 1 when any event
is refused; and the calculator equals the lawsuit page's clocks on every demo lawsuit."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import User
from fazhi.demo import registry as core_demo
from fazhi.demo.litigation import litigation_demo
from fazhi.litigation.models import Lawsuit

pytestmark = pytest.mark.django_db


def _run(tmp_path, data, *args) -> str:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("litigation", "timeline", str(path), *args, stdout=out)
    return out.getvalue()


def test_json_output_of_the_clocks(tmp_path):
    data = {
        "events": [
            {"event": "complaint_served", "on": "2024-09-20"},
            {"event": "judgment_served", "kind": "judgment", "on": "2024-12-05"},
            {"event": "appealed", "on": "2024-12-18"},
        ]
    }
    output = json.loads(_run(tmp_path, data, "--json"))
    assert [(c["kind"], c["start"], c["due"], c["provisional"]) for c in output["clocks"]] == [
        ("defence", "2024-09-20", "2024-10-08", False),
        ("appeal", "2024-12-05", "2024-12-20", False),
    ]
    assert output["refused"] == []
    assert "截止日为2024年12月20日" in output["clocks"][1]["explanation"]


def test_a_refused_event_gives_exit_status_one_with_the_reason(tmp_path):
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"events": [{"event": "appealed", "on": "2024-12-18"}]}), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("litigation", "timeline", str(path), "--json", stdout=out)
    assert raised.value.returncode == 1
    assert json.loads(out.getvalue())["refused"][0]["event"] == "appealed"


def test_a_file_that_is_not_events_is_refused(tmp_path):
    path = tmp_path / "events.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="events"):
        call_command("litigation", "timeline", str(path), stdout=io.StringIO())


def _events_of(lawsuit: Lawsuit) -> list[dict]:
    """The calculator's input written from the lawsuit's recorded dates, as a clerk would type them."""
    events = [{"event": "complaint_served", "on": lawsuit.served_on.isoformat()}]
    if lawsuit.judgment_served_on:
        on = lawsuit.judgment_served_on.isoformat()
        if lawsuit.instance == "second":
            events.append({"event": "appeal_judgment_served", "on": on})
        elif lawsuit.outcome in ("dismissed", "revoked", "perform", "payment", "illegal", "void", "varied"):
            events.append({"event": "judgment_served", "kind": "judgment", "on": on})
        elif lawsuit.outcome == "suit_rejected":
            events.append({"event": "judgment_served", "kind": "ruling", "on": on})
        if lawsuit.appealed_on and lawsuit.instance == "first":
            events.append({"event": "appealed", "on": lawsuit.appealed_on.isoformat()})
    return events


def test_the_calculator_equals_the_lawsuit_page_on_every_demo_lawsuit(monkeypatch, client, tmp_path):
    monkeypatch.setattr(core_demo, "STEPS", [litigation_demo])
    call_command("demo", stdout=io.StringIO())
    client.force_login(User.objects.get(username="fuyi"))
    lawsuits = list(Lawsuit.objects.order_by("pk"))
    assert len(lawsuits) == 26 and any(s.judgment_served_on for s in lawsuits)
    appeals = 0
    for lawsuit in lawsuits:
        calculated = json.loads(_run(tmp_path, {"events": _events_of(lawsuit)}, "--json"))
        response = client.get(f"/litigation/{lawsuit.pk}/")
        assert response.status_code == 200
        page = response.context["clocks"].as_dict()
        assert page == calculated, lawsuit.case_number
        html = response.content.decode()
        for c in calculated["clocks"]:
            assert f'data-kind="{c["kind"]}" data-start="{c["start"]}" data-due="{c["due"]}"' in html
        appeals += any(c["kind"] == "appeal" for c in calculated["clocks"])
    assert appeals >= 15
