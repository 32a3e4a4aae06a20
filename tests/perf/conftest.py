"""The generated district the list tests of tests/perf read: a twentieth of `fazhi synth --scale district`, on one
day (the clock frozen), so every page has rows of each kind, as the Justice Bureau and as a unit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from fazhi.core import clock

SYNTH_DAY = dt.date(2026, 11, 20)


@pytest.fixture
def synth_district(db):
    clock.freeze(SYNTH_DAY)
    call_command(
        "synth", "--scale", "district", "--factor", "0.05", stdout=io.StringIO(), stderr=io.StringIO()
    )
