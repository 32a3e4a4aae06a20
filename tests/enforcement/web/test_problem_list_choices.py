"""The problem list's 评查活动 filter offers the campaigns in which the user's problems were found, newest first
(issue 19: found by probing each campaign for a first problem instead of looking up the campaign of every problem)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.core import clock
from fazhi.enforcement import selectors
from fazhi.enforcement.models import CaseFileProblem, EvaluationCampaign
from fazhi.perf import bench

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def generated():
    clock.freeze(dt.date(2026, 11, 20))
    call_command(
        "synth", "--scale", "district", "--factor", "0.02", stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_the_campaign_choices_are_the_campaigns_of_the_users_problems_newest_first(
    django_assert_max_num_queries,
):
    users = dict(bench.bench_users())
    # a campaign without any problem is not offered
    empty = EvaluationCampaign.objects.create(
        organization=EvaluationCampaign.objects.first().organization,
        year=2026,
        name="无问题的评查",
        excellent_score=90,
        pass_score=60,
    )
    for role, user in users.items():
        problems = selectors.problems_for(user)
        ids = set(problems.values_list("case_file__campaign_id", flat=True))
        expected = list(EvaluationCampaign.objects.filter(pk__in=ids).order_by("-year", "name"))
        assert expected or role == "unit", role  # the small district: the unit may have none
        with django_assert_max_num_queries(1):
            offered = list(selectors.campaigns_of(problems))
        assert offered == expected and empty not in offered, role
        client = Client()
        client.force_login(user)
        html = client.get("/enforcement/evaluation/problems/").content.decode()
        select = html.split('name="campaign"')[1].split("</select>")[0]
        assert re.findall(r'<option value="(\d+)"', select) == [str(c.pk) for c in expected], role
    assert CaseFileProblem.objects.exists()
