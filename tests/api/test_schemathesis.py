"""schemathesis over the whole OpenAPI schema (drf-spectacular's): every operation gets a few generated requests
as a Justice Bureau administrator (by an API token), on a small district with a reconsideration case and a lawsuit,
and none may be answered with a server error. Bounded: FAZHI_SCHEMATHESIS_EXAMPLES examples per operation
(default 3) and FAZHI_SCHEMATHESIS_SECONDS in all (default 150); every 5xx found is listed with its endpoint."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings

from fazhi.core import clock
from fazhi.core import services as core_services
from fazhi.disputes import services as disputes_services
from fazhi.disputes.models import ReconsiderationCase
from fazhi.litigation import services as litigation_services
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.schemathesis]

EXAMPLES = int(os.environ.get("FAZHI_SCHEMATHESIS_EXAMPLES", "3"))
BUDGET = float(os.environ.get("FAZHI_SCHEMATHESIS_SECONDS", "150"))
D = dt.date


def _records(users, district) -> None:
    """A record for the detail endpoints of the workstreams this test was written for to find."""
    disputes_services.register_case(
        actor=users.reconsideration,
        organization=district.sfj,
        channel=ReconsiderationCase.Channel.IN_PERSON,
        received_on=D(2025, 3, 3),
        applicant_kind=ReconsiderationCase.ApplicantKind.PERSON,
        applicant_name="张某",
        applicant_id_code=factories.id_number(),
        respondent=district.scj,
        contested_act="澄市监罚〔2025〕7号行政处罚决定",
        act_date=D(2025, 2, 10),
        request="撤销该行政处罚决定",
    )
    litigation_services.register_lawsuit(
        actor=users.justice,
        court="测试区人民法院",
        case_number="（2025）宁0303行初1号",
        instance="first",
        plaintiff_kind="person",
        plaintiff_name="李某",
        plaintiff_id_number=factories.id_number(),
        defendant=district.jyj,
        responsible_department=district.jyj,
        cause="政府信息公开",
        served_on=D(2025, 3, 10),
    )


def _server_errors(operation, auth: dict) -> list[str]:
    """The first server error among the operation's generated requests (one is enough to name the endpoint)."""
    found: list[str] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=auth)
        if response.status_code >= 500 and not found:
            found.append(
                f"{operation.method.upper()} {operation.path} → {response.status_code}："
                f"path={case.path_parameters} query={case.query} body={str(case.body)[:200]}"
            )

    run()
    return found


def test_no_generated_request_gets_a_server_error(users, district):
    clock.freeze(D(2025, 12, 1))
    _records(users, district)
    _, raw = core_services.issue_token(actor=users.admin, user=users.justice, name="schemathesis")
    auth = {"Authorization": f"Token {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), headers=auth)
    failures: list[str] = []
    operations, untested = 0, []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        if time.monotonic() - started > BUDGET:
            untested.append(f"{operation.method.upper()} {operation.path}")
            continue
        failures.extend(_server_errors(operation, auth))
    assert operations > 100  # the whole schema was read
    assert not untested, f"时间预算（{BUDGET:.0f}秒）用完，未测试的接口：" + "、".join(untested)
    assert not failures, "服务器错误（500）：\n" + "\n".join(failures)
