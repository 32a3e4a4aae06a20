"""The appeal clock on the 工作台 while it runs, and on the lawsuit page with its explanation."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock, workbench
from fazhi.litigation import services

from .conftest import judge

pytestmark = pytest.mark.django_db


def _titles(user, on):
    return [i.title for i in workbench.items_for(user, on) if i.category == "行政应诉"]


def test_the_appeal_clock_shows_while_it_runs(users, lawsuit, head, client):
    clock.freeze(dt.date(2024, 12, 10))
    actor = users.reconsideration
    judge(actor, lawsuit, head, "revoked")  # judged 2 December 2024
    assert not any("上诉期限" in t for t in _titles(actor, dt.date(2024, 12, 10)))  # service not yet recorded
    services.record_judgment_service(actor=actor, lawsuit=lawsuit, served_on=dt.date(2024, 12, 5))
    title = (
        "行政诉讼（2024）宁0303行初12号的上诉期限至2024年12月20日届满（判决撤销或部分撤销（含责令重新作出））"
    )
    assert title in _titles(actor, dt.date(2024, 12, 10))
    assert title in _titles(actor, dt.date(2024, 12, 20))
    assert not any("上诉期限" in t for t in _titles(actor, dt.date(2024, 12, 21)))
    client.force_login(actor)
    page = client.get(f"/litigation/{lawsuit.pk}/").content.decode()
    assert 'id="appeal-deadline"' in page and "上诉期限：2024年12月20日" in page
