"""The source registry: registering a model is enough for rectification items to attach to its records (here a
stand-in for the case-file problems, corrections and lawsuits the lead registers), addressed as app.model:pk."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from fazhi.oversight import links as sources
from fazhi.oversight import services
from fazhi.oversight.models import SourceKind
from tests import factories

D = dt.date


@pytest.fixture
def person_source(monkeypatch):
    """What a workstream writes to register its records (here core.Person stands in for enforcement.CaseFileProblem)."""
    monkeypatch.setitem(sources.SOURCES, "core.person", None)
    return sources.register(
        "core.Person",
        kind=SourceKind.CASE_FILE,
        unit=lambda p: p.organization,
        description=lambda p: f"{p.name}的问题",
    )


def test_builtin_sources_are_findings_and_clues():
    assert {"oversight.inspectionfinding", "enforcement.supervisionclue"} <= set(sources.SOURCES)
    assert sources.SOURCES["enforcement.supervisionclue"].kind == SourceKind.CLUE


def test_a_registered_model_opens_items_once_and_shows_them_on_its_snippet(users, district, person_source):
    record = factories.person(district.jyj, name="张三")
    assert sources.resolve(sources.reference(record)) == record
    item = services.open_item(actor=users.justice, source=record, opened_on=D(2025, 3, 3))
    assert (item.source_kind, item.organization, sources.describe(item.source)) == (
        SourceKind.CASE_FILE,
        district.jyj,
        "张三的问题",
    )
    with pytest.raises(ValidationError):
        services.open_item(actor=users.justice, source=record)
    request = RequestFactory().get("/")
    request.user = users.jyj_clerk
    html = Template("{% load oversight %}{% rectification_items record %}").render(
        Context({"request": request, "record": record})
    )
    assert html.count('class="rectification-item') == 1


def test_unknown_kinds_and_addresses_are_refused():
    with pytest.raises(ValueError):  # noqa: PT011
        sources.register("core.person", kind="nonsense", unit=lambda p: p, description=str)
    for ref in ("", "core.person", "nosuch.model:1", "oversight.inspectionfinding:x"):
        with pytest.raises(ValidationError):
            sources.resolve(ref)
