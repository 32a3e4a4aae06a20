"""Issuing freezes a report (text and figures, with their SHA-256); it cannot be issued twice or edited; re-running
it on today's data shows what changed since."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.reports.models import IssuedReport
from fazhi.reports.selectors import draft as builder
from fazhi.reports.services import annual as services
from fazhi.reports.services import rendering
from tests import factories

TEXT = """{org}{year}年法治政府建设年度报告
# 一、主要举措和成效
全区具有法律职业资格人员{core.people.legal_qualified}。
"""


@pytest.fixture
def issued(district, users, staff, stated):
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    return services.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 28)
    )


def test_issuing_freezes_text_and_figures_with_their_hash(issued):
    assert issued.content["blocks"][2] == {"kind": "p", "text": "全区具有法律职业资格人员5人。"}
    assert issued.content["figures"]["core.people.legal_qualified"]["value"] == 5
    assert issued.sha256 == builder.content_hash(issued.content) and len(issued.sha256) == 64
    assert services.verify(issued)
    event = AuditEvent.objects.get(model_label="reports.issuedreport")
    assert event.changes["sha256"] == [None, issued.sha256]


def test_a_tampered_issued_report_fails_its_hash(issued):
    content = dict(issued.content, title="改过的标题")
    IssuedReport.objects.filter(pk=issued.pk).update(content=content)
    issued.refresh_from_db()
    assert not services.verify(issued)


def test_issued_report_is_not_issued_twice_nor_its_text_edited(issued, district, users):
    with pytest.raises(ValidationError, match="已印发，不能重复印发"):
        services.issue_report(
            actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 29)
        )
    with pytest.raises(ValidationError, match="已印发，不能再修改文本"):
        services.save_template(
            actor=users.justice, organization=district.root, year=2025, text=TEXT + "再加一段。\n"
        )


def test_nothing_changed_right_after_issuing(issued):
    assert services.changes_since(issued) == {"figures": [], "text": [], "unchanged": True, "hash_ok": True}


def test_changes_since_issuing_show_figures_and_text(issued, district):
    factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2025)
    changes = services.changes_since(issued)
    moved = {c["code"]: (c["issued"], c["now"]) for c in changes["figures"]}
    assert moved["core.people.legal_qualified"] == (5, 6)
    assert "-全区具有法律职业资格人员5人。" in changes["text"]
    assert "+全区具有法律职业资格人员6人。" in changes["text"]


def test_the_issued_report_renders_as_issued_not_on_todays_data(issued, district):
    factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2025)
    content, name = rendering.render_report(district.root, 2025, "html")
    assert "全区具有法律职业资格人员5人。" in content.decode()
    assert name == "测试区人民政府2025年法治政府建设年度报告.html"


def test_a_leader_may_not_issue(district, users, staff):
    with pytest.raises(PermissionDenied):
        services.issue_report(
            actor=users.leader, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 1)
        )


def test_a_report_is_issued_only_after_its_year(district, users):
    with pytest.raises(ValidationError, match="应在该年度结束后印发"):
        services.issue_report(
            actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2025, 12, 1)
        )
