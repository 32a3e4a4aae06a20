"""A search field in Chromium (core.web.choices, static/fazhi/autocomplete.js): typing part of a name offers the
matching people from the platform's own endpoint, the keyboard picks one, and the form records exactly that person."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from fazhi.enforcement import services
from fazhi.enforcement.models import TrainingAttendance

from .. import factories

pytestmark = pytest.mark.browser


def test_typing_a_name_offers_people_and_the_chosen_one_is_recorded(
    page, login, users, district, request_log
):
    session = services.record_session(
        actor=users.scj_clerk,
        organization=district.scj,
        topic="执法培训",
        held_on=dt.date(2025, 4, 18),
        hours=4,
    )
    factories.person(district.scj, name="张三")
    zhang_team = factories.person(district.team, name="张三")
    login(users.scj_clerk)
    page.goto(f"/enforcement/training/{session.pk}/")
    field = page.get_by_role("combobox", name="参训人员")
    field.press_sequentially("张")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(1)).to_have_text("张三（测试区市场监管执法大队）")
    field.press("ArrowDown")
    field.press("ArrowDown")
    field.press("Enter")
    expect(field).to_have_value("张三（测试区市场监管执法大队）、")
    with page.expect_navigation():
        page.get_by_role("button", name="登记参训").click()
    assert list(TrainingAttendance.objects.values_list("person", flat=True)) == [zhang_team.pk]
    assert "/choices/district-people/" in " ".join(request_log.paths("/choices/"))
