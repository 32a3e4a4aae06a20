"""Issue 15: a document's validity computed from its dates (未生效 before its effective date, 有效, 失效 after its
validity ends), and the scheduled task that turns expired documents 失效 (audited) and tells the unit."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock, tasks
from fazhi.core.models import AuditEvent
from fazhi.core.workbench import items_for
from fazhi.review.models import NormativeDocument

from ..conftest import issued

D = dt.date


@pytest.fixture
def document(users, district):
    """Published 2019-09-02, in force from 2019-10-02 for five years: valid to 2024-10-01."""
    clock.freeze(D(2019, 9, 10))
    return issued(
        users.jyj_clerk, users.justice, district.jyj, "校外培训管理办法", published_on=D(2019, 9, 2)
    )


def test_validity_state_from_the_dates(document):
    assert (document.effective_on, document.expires_on) == (D(2019, 10, 2), D(2024, 10, 1))
    assert document.validity_state(D(2019, 10, 1)) == "未生效"
    assert document.validity_state(D(2019, 10, 2)) == "有效"
    assert document.validity_state(D(2024, 10, 1)) == "有效"
    assert document.validity_state(D(2024, 10, 2)) == "失效"


def test_the_page_shows_not_yet_in_force_before_the_effective_date(client, users, document):
    client.force_login(users.jyj_clerk)
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert 'id="document-status">未生效</span>' in page


def test_expire_documents_scheduled_task_turns_expired_documents_invalid_and_tells_the_unit(users, document):
    job = tasks.discover()["review.expire"]
    # the day the validity ends it is still in force
    assert job.func(actor=users.admin, today=D(2024, 10, 1)) == "宣布失效0件：无"
    # the day after, it is turned 失效, audited
    assert job.func(actor=users.admin, today=D(2024, 10, 2)) == "宣布失效1件：测政规发〔2019〕1号"
    document.refresh_from_db()
    assert document.status == NormativeDocument.Status.EXPIRED
    event = AuditEvent.objects.filter(object_id=str(document.pk)).exclude(transition="").latest("pk")
    assert "有效期至2024年10月01日届满" in event.note
    # and the unit sees it on its 工作台 for a month
    clock.freeze(D(2024, 10, 3))
    titles = [i.title for i in items_for(users.jyj_clerk, D(2024, 10, 3))]
    assert "规范性文件“校外培训管理办法（测政规发〔2019〕1号）”有效期至2024年10月01日，已届满失效" in titles
    assert not any("已届满失效" in i.title for i in items_for(users.jyj_clerk, D(2024, 11, 2)))
