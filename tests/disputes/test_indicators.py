"""The reconsideration figures on test data, and the year-end identity received = closed + carried over as a property
of generated cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core.models import Setting
from fazhi.disputes import indicators, rules, services
from fazhi.disputes.models import ReconsiderationCase
from fazhi.indicators.registry import Period, evaluate

from .conftest import accepted, register

D = dt.date
Y2025 = Period.year(2025)


def figure(code: str, period: Period = Y2025):
    return evaluate(f"disputes.reconsideration.{code}", period).figure


def reviewed(users, district, received_on, *, heard=True, **fields):
    case = accepted(
        users, district, received_on=received_on, accepted_on=received_on + dt.timedelta(days=1), **fields
    )
    services.send_copy(actor=users.reconsideration, case=case, on=received_on + dt.timedelta(days=2))
    if heard:
        services.record_opinion(
            actor=users.reconsideration,
            case=case,
            heard_on=received_on + dt.timedelta(days=10),
            method="phone",
            with_whom="申请人",
        )
    else:
        services.update_case(actor=users.reconsideration, case=case, opinions_not_heard_reason="申请人拒绝")
    return case


def test_reconsideration_figures_on_test_data(users, district):
    a = users.reconsideration
    # carried in from 2024: received 16 December 2024, decided in January 2025
    old = reviewed(users, district, D(2024, 12, 16))
    services.decide(
        actor=a,
        case=old,
        on=D(2025, 1, 20),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 1, 20),
    )
    # 2025: revoked in 30 days, upheld after 70 days (late), mediated with correction, refused, one still open
    revoked = reviewed(users, district, D(2025, 3, 3), channel="mail")
    services.decide(
        actor=a,
        case=revoked,
        on=D(2025, 4, 2),
        outcome="revoke",
        summary="事实不清",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 2),
    )
    late = reviewed(users, district, D(2025, 4, 1), heard=False, channel="online", respondent=district.jyj)
    services.decide(
        actor=a,
        case=late,
        on=D(2025, 6, 10),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 6, 10),
    )
    mediated = reviewed(users, district, D(2025, 5, 6))
    services.mediate(actor=a, case=mediated, on=D(2025, 6, 5), summary="调解", corrected=True)
    refused = register(users, district, received_on=D(2025, 7, 1))
    services.refuse(actor=a, case=refused, on=D(2025, 7, 3), reason="不属于复议范围")
    open_case = reviewed(users, district, D(2025, 12, 15))
    hearing = services.schedule_hearing(
        actor=a,
        case=open_case,
        notified_on=D(2025, 12, 16),
        scheduled_on=D(2025, 12, 23),
        presiding="甲",
        officers="乙、丙",
        clerk="丁",
    )
    services.hold_hearing(actor=a, hearing=hearing, held_on=D(2025, 12, 23), attendees="双方", record="质证")

    assert figure("received").value == 5
    assert figure("accepted").value == 4  # the 2024 case was accepted on 17 December 2024
    assert figure("closed").value == 4
    assert figure("carried_over").value == 1
    assert figure("carried_in").value == 1
    assert (
        figure("received_in_person").value,
        figure("received_mail").value,
        figure("received_online").value,
    ) == (3, 1, 1)
    assert figure("hearings").value == 1
    # 听取意见率: accepted cases concluded in 2025 = old, revoked, late, mediated; late was decided on the papers
    rate = figure("opinion_rate")
    assert (rate.numerator, rate.denominator, rate.value) == (3, 4, Decimal("75.0"))
    # 纠错率: decisions old (uphold), revoked, late (uphold) → 1/3; mediation not counted by default
    rate = figure("correction_rate")
    assert (rate.numerator, rate.denominator) == (1, 3)
    Setting.objects.create(key=rules.MEDIATION_COUNTS_AS_CORRECTION.key, value=True)
    rate = figure("correction_rate")
    assert (rate.numerator, rate.denominator, rate.value) == (2, 4, Decimal("50.0"))
    # decided within the period: late was accepted 2 April, due 2 June, decided 10 June
    rate = figure("within_period_rate")
    assert (rate.numerator, rate.denominator) == (3, 4)
    # average days from receipt to conclusion, over cases concluded in 2025: (35 + 30 + 70 + 30 + 2) / 5
    assert figure("average_days").value == Decimal("33.4")
    assert indicators.by_respondent(Y2025, None)[0] == {
        "respondent_id": district.scj.pk,
        "name": "测试区市场监督管理局",
        "count": 4,
    }
    assert figure("platform_entry_rate").value == Decimal("0.0")
    services.record_platform_entry(actor=a, case=refused, on=D(2025, 7, 2), number="QG1")
    assert figure("platform_entry_rate").numerator == 1


_counter = iter(range(1, 10**9))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cases=st.lists(
        st.tuples(
            st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31)),
            st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
        ),
        max_size=25,
    ),
    year=st.integers(min_value=2023, max_value=2026),
)
def test_received_equals_closed_plus_carried_over_for_any_year(district, cases, year):
    ReconsiderationCase.objects.all().delete()
    rows = []
    for received, days in cases:
        n = next(_counter)
        rows.append(
            ReconsiderationCase(
                docket_year=received.year,
                docket_seq=n,
                docket_number=f"测复〔{received.year}〕{n}号",
                organization=district.sfj,
                channel="mail",
                received_on=received,
                applicant_kind="person",
                applicant_name="甲",
                applicant_id_code="x",
                respondent=district.scj,
                contested_act="x",
                act_date=received,
                request="x",
                concluded_on=None if days is None else received + dt.timedelta(days=days),
            )
        )
    ReconsiderationCase.objects.bulk_create(rows)
    period = Period.year(year)
    received_n = figure("received", period).value
    assert received_n == figure("closed", period).value + figure("carried_over", period).value
    assert received_n == sum(1 for r, _ in cases if r.year == year)
    # carried in this year = carried over from every earlier year still open on 1 January
    assert figure("carried_in", period).value == sum(
        1 for r, d in cases if r.year < year and (d is None or r + dt.timedelta(days=d) >= period.start)
    )


def test_opinion_rate_counts_ordinary_cases_only_and_ended_cases_are_split(users, district):
    # an ordinary case decided after hearing the applicant, a simplified one decided without (第四十九条 binds only
    # the ordinary procedure), and an application withdrawn before acceptance
    heard = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.send_copy(actor=users.reconsideration, case=heard, on=D(2025, 3, 5))
    services.record_opinion(
        actor=users.reconsideration, case=heard, heard_on=D(2025, 3, 10), method="phone", with_whom="申请人"
    )
    services.decide(
        actor=users.reconsideration,
        case=heard,
        on=D(2025, 4, 1),
        outcome="revoke",
        summary="撤销",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    quick = accepted(
        users,
        district,
        received_on=D(2025, 3, 3),
        accepted_on=D(2025, 3, 4),
        procedure=ReconsiderationCase.Procedure.SIMPLIFIED,
    )
    services.send_copy(actor=users.reconsideration, case=quick, on=D(2025, 3, 5))
    services.decide(
        actor=users.reconsideration,
        case=quick,
        on=D(2025, 3, 20),
        outcome="uphold",
        summary="维持",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 3, 20),
    )
    gone = register(users, district, received_on=D(2025, 3, 3))
    services.withdraw(actor=users.reconsideration, case=gone, on=D(2025, 3, 5), reason="申请人撤回")
    rate = figure("opinion_rate")
    assert (rate.numerator, rate.denominator, rate.value) == (1, 1, Decimal("100.0"))
    correction = figure("correction_rate")
    assert (correction.numerator, correction.denominator) == (1, 2)
    assert figure("decided").value == 2
    assert figure("concluded_without_decision").value == 1
