"""The list pages that did not answer at province scale (issue 19), read without loading every row: the evaluation
campaigns count their files and reviewers per campaign, the register of normative documents sorts on its next
deadline in the database. Over a generated district, each value equal to the records counted one by one."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from fazhi.core import clock
from fazhi.enforcement.models import CaseFile
from fazhi.enforcement.selectors import campaigns_for, case_files_for
from fazhi.perf import bench
from fazhi.review.selectors import documents_for, register_for
from fazhi.review.selectors.documents import NO_DEADLINE
from fazhi.review.web.lists import next_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def district():
    clock.freeze(dt.date(2026, 11, 20))
    call_command(
        "synth", "--scale", "district", "--factor", "0.05", stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_campaigns_count_their_files_and_reviewers_without_joining_them():
    users = dict(bench.bench_users())
    for role in ("justice_bureau", "unit"):
        user = users[role]
        rows = campaigns_for(user)
        sql = str(rows.query)
        # one row per campaign: the counts are subqueries, not a join of files × reviewers
        assert "COUNT(DISTINCT" not in sql and 'JOIN "enforcement_casefile"' not in sql.split("FROM", 1)[0]
        assert rows.count() > 0
        seen = CaseFile.objects.filter(pk__in=case_files_for(user).values("pk"))
        for campaign in rows:
            assert campaign.file_count == seen.filter(campaign=campaign).count(), (role, campaign.pk)
            assert campaign.reviewer_count == campaign.reviewers.count(), (role, campaign.pk)


def test_the_register_sorts_on_the_next_deadline_computed_in_the_database():
    user = dict(bench.bench_users())["justice_bureau"]
    today = clock.today()
    documents = list(register_for(user))
    assert len(documents) == documents_for(user).count() > 10
    with_deadline = 0
    for d in documents:
        expected = next_due(d, today)[0]
        assert d.due_key == (expected or NO_DEADLINE), d.pk
        with_deadline += expected is not None
    assert with_deadline > 0
    # sorted by it in the database: the first page is the soonest deadlines, no row loaded to sort
    first = [d.due_key for d in register_for(user).order_by("due_key", "pk")[:10]]
    assert first == sorted(d.due_key for d in documents)[:10]
