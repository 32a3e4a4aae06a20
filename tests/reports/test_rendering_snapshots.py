"""The report as a file reads the figures computed once and kept fresh (indicators.snapshots), as the dashboard and
the draft page do: the same values as computing them now, no figure computed again once stored, the time of
computation in the file, and a record changed through a service shown as being updated until the task recomputes."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import docx
import pytest

from fazhi.core import clock, jobs
from fazhi.core.models import Job
from fazhi.indicators import registry, snapshots
from fazhi.indicators.registry import REGISTRY, Period, Scope
from fazhi.reports.services import annual
from fazhi.reports.services.rendering import render_report
from tests import factories
from tests.reports.test_issue import TEXT as ISSUED_TEXT

CODE = "core.people.legal_qualified"


@pytest.fixture
def no_commit(monkeypatch):
    """The queue as in production while no worker runs: enqueued jobs wait."""
    monkeypatch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: None)


def rendered(organization, fmt="json"):
    content, _name = render_report(organization, 2025, fmt)
    return json.loads(content) if fmt == "json" else content


def refuse_to_compute(monkeypatch):
    def refuse(period, scope):
        raise AssertionError("a figure was computed again while rendering")

    for code, indicator in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, code, registry.Indicator(**{**indicator.__dict__, "compute": refuse}))


def test_the_files_figures_are_the_computed_ones_and_once_stored_none_is_computed_again(
    district, users, staff, monkeypatch, no_commit
):
    rendered(
        district.root, "docx"
    )  # the first rendering stores the figures, its trend chart's years included
    data = rendered(district.root)

    # every figure of the file is the one computing it now gives, for the year and the year before
    period, scope = Period.year(2025), Scope(district.root, include_below=True)
    assert set(data["figures"]) == set(REGISTRY)
    for code, shown in data["figures"].items():
        now = registry.evaluate(code, period, scope)
        assert (shown["value"], shown["previous"]) == (now.figure.value, now.previous.value), code
    figure = data["figures"][CODE]
    assert (figure["value"], figure["previous"], figure["change"]) == (5, 2, 150.0)
    assert data["figures_updating"] is False and data["computed_at"]

    # once stored, the next rendering (any format) computes no figure: it reads them
    refuse_to_compute(monkeypatch)
    assert rendered(district.root)["figures"][CODE]["value"] == 5
    document = docx.Document(io.BytesIO(rendered(district.root, "docx")))
    notes = [p.text for p in document.paragraphs if p.text.startswith("数据计算于")]
    assert len(notes) == 1 and re.fullmatch(r"数据计算于\d{4}年\d{1,2}月\d{1,2}日\d\d:\d\d。", notes[0])
    html = rendered(district.root, "html").decode()
    assert re.search(
        r'<p class="note" id="computed-at">数据计算于\d{4}年\d{1,2}月\d{1,2}日\d\d:\d\d。</p>', html
    )


def test_a_record_changed_through_a_service_shows_as_updating_until_the_task_recomputes(
    district, users, staff, no_commit
):
    assert rendered(district.root)["figures"][CODE]["value"] == 5

    # a sixth qualified person through the service: the stored figures are stale, the file says so and keeps 5
    factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2025)
    data = rendered(district.root)
    assert (data["figures"][CODE]["value"], data["figures_updating"]) == (5, True)
    document = docx.Document(io.BytesIO(rendered(district.root, "docx")))
    assert any(p.text.endswith("其后记录有变化，数据正在更新。") for p in document.paragraphs)

    # the recompute the rendering left queued brings the figure up to date
    snapshots.refresh_figures.call(Job.objects.get(name=snapshots.REFRESH).pk)
    data = rendered(district.root)
    assert (data["figures"][CODE]["value"], data["figures"][CODE]["previous"]) == (6, 2)
    assert data["figures_updating"] is False


def test_an_issued_report_keeps_the_figures_as_issued_without_a_computation_time(
    district, users, staff, stated, no_commit
):
    clock.freeze(dt.date(2026, 3, 10))
    annual.save_template(actor=users.justice, organization=district.root, year=2025, text=ISSUED_TEXT)
    annual.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 5)
    )
    factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2025)

    data = rendered(district.root)
    assert data["figures"][CODE]["value"] == 5  # as issued, not the 6 of today's records
    assert data["computed_at"] is None and data["figures_updating"] is False
    html = rendered(district.root, "html").decode()
    assert "数据计算于" not in html
