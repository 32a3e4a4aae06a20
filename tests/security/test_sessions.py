"""Idle sessions: the expiry is renewed once a minute, not written on every request; the signed-in user is read with
their person and unit in one query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.web import sessions

pytestmark = pytest.mark.django_db


def _expiry(client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_request_within_a_minute_does_not_write_the_session(client, users, monkeypatch):
    monkeypatch.setattr(sessions.time, "time", lambda: 1_000_000.0)
    client.force_login(users.jyj_clerk)
    client.get("/")  # the first request records when the expiry was renewed
    first = _expiry(client)
    monkeypatch.setattr(sessions.time, "time", lambda: 1_000_059.0)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [
        q for q in queries if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE")
    ]
    assert _expiry(client) == first


def test_a_request_a_minute_later_renews_the_idle_timeout(client, users, monkeypatch, settings):
    monkeypatch.setattr(sessions.time, "time", lambda: 1_000_000.0)
    client.force_login(users.jyj_clerk)
    client.get("/")
    first = _expiry(client)
    monkeypatch.setattr(sessions.time, "time", lambda: 1_000_060.0)
    before = timezone.now()
    assert client.get("/").status_code == 200
    renewed = _expiry(client)
    assert renewed > first
    assert renewed >= before + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_an_idle_session_ends(client, users):
    client.force_login(users.jyj_clerk)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_user_is_read_with_person_and_unit_in_one_query(client, users):
    client.force_login(users.jyj_clerk)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    reads = [q["sql"] for q in queries if 'FROM "core_user"' in q["sql"]]
    assert len(reads) == 1 and "core_organization" in reads[0]
    assert not [
        q
        for q in queries
        if q["sql"].startswith("SELECT")
        and 'FROM "core_person"' in q["sql"]
        and "core_user" not in q["sql"]
        and '"core_person"."id" = ' in q["sql"]
    ]
