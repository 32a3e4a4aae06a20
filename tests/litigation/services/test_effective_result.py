"""The appeal's result carried through: 驳回上诉、维持原判 keeps the first instance's result and its duty to perform, 改判
decides as the new judgment says (行政诉讼法第八十九条); 败诉率 and 履行率 count the effective result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.indicators.registry import Period, evaluate
from fazhi.litigation import selectors, services
from fazhi.litigation.models import Lawsuit

from ..conftest import judge, lawsuit_fields

pytestmark = pytest.mark.django_db
S = Lawsuit.Status


def _first_lost_and_appealed(users, district, head) -> Lawsuit:
    actor = users.reconsideration
    first = services.register_lawsuit(actor=actor, **lawsuit_fields(district))
    judge(actor, first, head, "revoked")  # judged 2 December 2024
    services.record_judgment_service(actor=actor, lawsuit=first, served_on=dt.date(2024, 12, 5))
    services.record_appeal(
        actor=actor, lawsuit=first, appealed_on=dt.date(2024, 12, 18), appellant=district.jyj.name
    )
    return Lawsuit.objects.get(pk=first.pk)


def _second(users, district, head, first, outcome: str) -> Lawsuit:
    actor = users.reconsideration
    second = services.register_lawsuit(
        actor=actor,
        **lawsuit_fields(
            district,
            court="测试市中级人民法院",
            case_number="（2025）宁03行终5号",
            instance="second",
            first_instance=first,
            filed_on=dt.date(2025, 1, 6),
            served_on=dt.date(2025, 1, 10),
        ),
    )
    services.record_judgment(actor=actor, lawsuit=second, outcome=outcome, judged_on=dt.date(2025, 3, 20))
    return Lawsuit.objects.get(pk=second.pk)


def test_a_loss_upheld_on_appeal_is_lost_and_must_be_performed(users, district, head):
    first = _first_lost_and_appealed(users, district, head)
    second = _second(users, district, head, first, "upheld")
    assert (second.result, second.must_perform, second.result_label, second.lost) == (
        "lost",
        True,
        "败诉",
        True,
    )
    services.mark_effective(actor=users.reconsideration, lawsuit=second, effective_on=dt.date(2025, 3, 28))
    second.refresh_from_db()
    assert second.status == S.EFFECTIVE  # to be performed, not closed
    year = Period.year(2025)
    loss = evaluate("litigation.lawsuits.loss_rate", year).figure
    assert (loss.numerator, loss.denominator) == (1, 1)
    performance = evaluate("litigation.judgments.performance_rate", year).figure
    assert (performance.numerator, performance.denominator, performance.value) == (0, 1, Decimal("0.0"))
    assert evaluate("litigation.judgments.to_perform", year).figure.value == 1
    assert evaluate("litigation.lawsuits.lost", year).figure.value == 1


def test_a_reversal_in_the_agencys_favour_is_won_and_closes(users, district, head):
    first = _first_lost_and_appealed(users, district, head)
    second = _second(users, district, head, first, "reversed_won")
    assert (second.result, second.must_perform) == ("won", False)
    services.mark_effective(actor=users.reconsideration, lawsuit=second, effective_on=dt.date(2025, 3, 28))
    second.refresh_from_db()
    assert second.status == S.CLOSED
    loss = evaluate("litigation.lawsuits.loss_rate", Period.year(2025)).figure
    assert (loss.numerator, loss.denominator) == (0, 1)


def test_a_won_first_instance_upheld_stays_won(users, district, head):
    actor = users.reconsideration
    first = services.register_lawsuit(actor=actor, **lawsuit_fields(district))
    judge(actor, first, head, "dismissed")
    services.record_appeal(actor=actor, lawsuit=first, appealed_on=dt.date(2024, 12, 10), appellant="张三")
    second = _second(users, district, head, Lawsuit.objects.get(pk=first.pk), "upheld")
    assert (second.result, second.must_perform) == ("won", False)


def test_appellate_outcomes_only_in_a_second_instance_and_upheld_needs_the_first_result(
    users, district, head
):
    actor = users.reconsideration
    first = services.register_lawsuit(actor=actor, **lawsuit_fields(district))
    with pytest.raises(ValidationError) as raised:
        judge(actor, first, head, "upheld")
    assert "只适用于二审、再审案件" in str(raised.value)
    unjudged = services.register_lawsuit(
        actor=actor, **lawsuit_fields(district, case_number="（2024）宁0303行初13号")
    )
    second = services.register_lawsuit(
        actor=actor,
        **lawsuit_fields(
            district, case_number="（2025）宁03行终6号", instance="second", first_instance=unjudged
        ),
    )
    with pytest.raises(ValidationError) as raised:
        services.record_judgment(
            actor=actor, lawsuit=second, outcome="upheld", judged_on=dt.date(2024, 12, 20)
        )
    assert "须先登记原一审案件的裁判结果" in str(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_judgment(
            actor=actor, lawsuit=second, outcome="dismissed", judged_on=dt.date(2024, 12, 20)
        )
    assert "不是二审、再审的裁判结果" in str(raised.value)
    assert Lawsuit.objects.get(pk=second.pk).status == S.SERVED


def test_judgment_service_date_starts_the_appeal_clock_and_is_checked(users, district, head):
    actor = users.reconsideration
    lawsuit = services.register_lawsuit(actor=actor, **lawsuit_fields(district))
    judge(actor, lawsuit, head, "dismissed")  # judged 2 December 2024
    with pytest.raises(ValidationError) as raised:
        services.record_judgment_service(actor=actor, lawsuit=lawsuit, served_on=dt.date(2024, 12, 1))
    assert "裁判文书送达日期不能早于裁判日期" in str(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_judgment_service(actor=actor, lawsuit=lawsuit, served_on=dt.date(2099, 1, 1))
    assert "不能晚于今天" in str(raised.value)
    services.record_judgment_service(actor=actor, lawsuit=lawsuit, served_on=dt.date(2024, 12, 5))

    appeal = selectors.lawsuit_clocks(Lawsuit.objects.get(pk=lawsuit.pk)).clock("appeal")
    assert (appeal.start, appeal.due) == (dt.date(2024, 12, 5), dt.date(2024, 12, 20))


def test_a_loss_upheld_on_appeal_in_the_same_year_counts_once(users, district, head):
    # given a first-instance loss judged 10 March 2025, appealed, and upheld on 20 June 2025 (effective 28 June)
    actor = users.reconsideration
    first = services.register_lawsuit(
        actor=actor,
        **lawsuit_fields(
            district,
            case_number="（2025）宁0303行初3号",
            filed_on=dt.date(2025, 1, 6),
            served_on=dt.date(2025, 1, 8),
        ),
    )
    judge(actor, first, head, "revoked", hearing_on=dt.date(2025, 2, 20), judged_on=dt.date(2025, 3, 10))
    services.record_appeal(
        actor=actor, lawsuit=first, appealed_on=dt.date(2025, 3, 20), appellant=district.jyj.name
    )
    second = services.register_lawsuit(
        actor=actor,
        **lawsuit_fields(
            district,
            court="测试市中级人民法院",
            case_number="（2025）宁03行终9号",
            instance="second",
            first_instance=Lawsuit.objects.get(pk=first.pk),
            filed_on=dt.date(2025, 4, 1),
            served_on=dt.date(2025, 4, 3),
        ),
    )
    services.record_judgment(actor=actor, lawsuit=second, outcome="upheld", judged_on=dt.date(2025, 6, 20))
    services.mark_effective(actor=actor, lawsuit=second, effective_on=dt.date(2025, 6, 28))
    year = Period.year(2025)
    # then the lawsuit counts once, lost, by the appeal's effective result (not twice: one loss per instance)
    loss = evaluate("litigation.lawsuits.loss_rate", year).figure
    assert (loss.numerator, loss.denominator, loss.value) == (1, 1, Decimal("100.0"))
    assert list(loss.numerator_records.values_list("case_number", flat=True)) == ["（2025）宁03行终9号"]
    assert evaluate("litigation.lawsuits.effective", year).figure.value == 1
    # and its duty to perform is counted once, from the effective result
    performance = evaluate("litigation.judgments.performance_rate", year).figure
    assert (performance.numerator, performance.denominator) == (0, 1)
