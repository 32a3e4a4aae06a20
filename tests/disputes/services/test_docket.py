"""Docket numbers under concurrent registrations: unique and gapless (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from fazhi.disputes.models import DocketSequence, ReconsiderationCase
from tests import factories

from ..conftest import register

D = dt.date


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_take_unique_gapless_numbers(district):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database (PostgreSQL)")
    from types import SimpleNamespace

    from fazhi.core.models import Role

    staff = factories.user(Role.RECONSIDERATION_STAFF, district.sfj, username="fuyi-concurrent")
    users = SimpleNamespace(reconsideration=staff)
    errors = []

    def write(i):
        try:
            for _ in range(5):
                register(users, district, received_on=D(2025, 3, 3))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(ReconsiderationCase.objects.values_list("docket_seq", flat=True)) == list(range(1, 21))
    assert DocketSequence.objects.get(year=2025).last_seq == 20
