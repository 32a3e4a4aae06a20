"""The figures of 行政应诉 on test data: cases in the year and the change on the year before, the head-appearance
rate, the loss rate, the performance rate, cases by responsible department, liaison meetings; the 工作台 warnings
and the timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import workbench
from fazhi.indicators.registry import Period, Scope, evaluate
from fazhi.litigation import selectors, services
from tests import factories

from .conftest import judge, lawsuit_fields

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


def _sue(actor, district, number: str, served_on: dt.date, department=None):
    department = department or district.jyj
    return services.register_lawsuit(
        actor=actor,
        **lawsuit_fields(
            district,
            case_number=number,
            served_on=served_on,
            filed_on=None,
            defendant=department,
            responsible_department=department,
        ),
    )


@pytest.fixture
def cases(users, district, head):
    """2024: 5 cases; 2025: 2 cases (one lost and performed, one withdrawn) plus a 2025 judgment of a 2024 case."""
    actor = users.reconsideration
    old = [_sue(actor, district, f"（2024）行初{i}号", dt.date(2024, 3, i)) for i in range(1, 5)]
    _sue(actor, district, "（2024）行初9号", dt.date(2024, 12, 31), department=district.scj)
    lost = _sue(actor, district, "（2025）行初1号", dt.date(2025, 1, 2))
    judge(actor, lost, head, "revoked", hearing_on=dt.date(2025, 2, 10), judged_on=dt.date(2025, 3, 1))
    services.mark_effective(actor=actor, lawsuit=lost, effective_on=dt.date(2025, 3, 20))
    services.record_performance(
        actor=actor, lawsuit=lost, performed_on=dt.date(2025, 4, 1), note="已撤销原行为"
    )
    withdrawn = _sue(actor, district, "（2025）行初2号", dt.date(2025, 12, 31), department=district.scj)
    services.record_judgment(
        actor=actor, lawsuit=withdrawn, outcome="withdrawn", judged_on=dt.date(2026, 1, 5)
    )
    # a 2024 case judged in 2025: won after a hearing at which the head was absent, with the sealed explanation
    won = old[0]
    services.submit_defence(actor=actor, lawsuit=won, submitted_on=dt.date(2024, 3, 10))
    services.record_hearing(
        actor=actor,
        lawsuit=won,
        held_on=dt.date(2025, 1, 20),
        head_appeared=False,
        absence_reason="出差",
        explanation_sealed=True,
        staff="法规科科员",
    )
    services.record_judgment(actor=actor, lawsuit=won, outcome="dismissed", judged_on=dt.date(2025, 2, 1))
    return {"lost": lost, "won": won, "withdrawn": withdrawn, "old": old}


def test_cases_in_the_year_and_change_on_the_year_before(cases):
    result = evaluate("litigation.lawsuits.received", Y2025)
    assert (result.figure.value, result.previous.value) == (2, 5)
    assert result.change == Decimal("-60.0")
    assert sorted(result.figure.records.values_list("case_number", flat=True)) == [
        "（2025）行初1号",
        "（2025）行初2号",
    ]


def test_head_appearance_rate_counts_hearings(cases):
    result = evaluate("litigation.hearings.head_appearance_rate", Y2025)
    assert (result.figure.numerator, result.figure.denominator, result.figure.value) == (
        1,
        2,
        Decimal("50.0"),
    )


def test_loss_rate_is_lost_over_effective_by_the_day_the_outcome_took_effect(users, cases):
    # effective in 2025: the lost one (20 March); the won one was judged on 1 February but has not taken effect
    result = evaluate("litigation.lawsuits.loss_rate", Y2025)
    assert (result.figure.numerator, result.figure.denominator) == (1, 1)
    services.mark_effective(
        actor=users.reconsideration, lawsuit=cases["won"], effective_on=dt.date(2025, 2, 20)
    )
    result = evaluate("litigation.lawsuits.loss_rate", Y2025)
    # the withdrawal was ruled in 2026
    assert (result.figure.numerator, result.figure.denominator, result.figure.value) == (
        1,
        2,
        Decimal("50.0"),
    )
    assert list(result.figure.numerator_records.values_list("case_number", flat=True)) == ["（2025）行初1号"]
    # the withdrawal counts in 2026 once it has taken effect there, as not lost
    assert evaluate("litigation.lawsuits.loss_rate", Period.year(2026)).figure.value is None
    services.mark_effective(
        actor=users.reconsideration, lawsuit=cases["withdrawn"], effective_on=dt.date(2026, 1, 6)
    )
    assert evaluate("litigation.lawsuits.loss_rate", Period.year(2026)).figure.value == Decimal("0.0")


def test_performance_rate_of_effective_judgments(users, cases, head, district):
    assert evaluate("litigation.judgments.performance_rate", Y2025).figure.value == Decimal("100.0")
    unperformed = _sue(users.reconsideration, district, "（2025）行初3号", dt.date(2025, 5, 6))
    judge(
        users.reconsideration,
        unperformed,
        head,
        "perform",
        hearing_on=dt.date(2025, 6, 1),
        judged_on=dt.date(2025, 6, 20),
    )
    services.mark_effective(
        actor=users.reconsideration, lawsuit=unperformed, effective_on=dt.date(2025, 7, 8)
    )
    figure = evaluate("litigation.judgments.performance_rate", Y2025).figure
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, Decimal("50.0"))


def test_cases_by_responsible_department_and_scope(cases, district):
    rows = selectors.by_department(Period.year(2024))
    assert [(r["department"], r["count"]) for r in rows] == [("测试区教育局", 4), ("测试区市场监督管理局", 1)]
    scoped = evaluate(
        "litigation.lawsuits.received", Period.year(2024), Scope(district.scj, include_below=False)
    )
    assert scoped.figure.value == 1


def test_liaison_meetings_held_in_the_year(users, district):
    for day in (dt.date(2024, 4, 25), dt.date(2025, 4, 24), dt.date(2025, 11, 20)):
        services.record_meeting(
            actor=users.justice,
            held_on=day,
            kind="court",
            title=f"府院联席会议{day}",
            organization=district.sfj,
            participants="区政府、区法院",
            topics="行政争议化解",
        )
    result = evaluate("litigation.liaison.meetings", Y2025)
    assert (result.figure.value, result.previous.value) == (2, 1)


def test_workbench_warns_of_defence_deadlines_and_unperformed_judgments(users, district, head):
    actor = users.reconsideration
    due_soon = _sue(actor, district, "（2026）行初1号", dt.date(2026, 11, 13))  # due Monday 30 November
    overdue = _sue(actor, district, "（2026）行初2号", dt.date(2026, 10, 28))  # due Thursday 12 November
    _sue(actor, district, "（2026）行初3号", dt.date(2026, 11, 20))  # due 7 December: not yet
    effective = _sue(actor, district, "（2026）行初4号", dt.date(2026, 5, 11))
    judge(actor, effective, head, "perform", hearing_on=dt.date(2026, 6, 20), judged_on=dt.date(2026, 7, 1))
    services.mark_effective(
        actor=actor,
        lawsuit=effective,
        effective_on=dt.date(2026, 7, 20),
        performance_due=dt.date(2026, 10, 20),
    )
    items = [
        i for i in workbench.items_for(users.jyj_clerk, dt.date(2026, 11, 26)) if i.category == "行政应诉"
    ]
    assert [(i.title, i.level, i.due) for i in items] == [
        ("行政诉讼（2026）行初4号的生效裁判尚未履行（判决履行法定职责）", "overdue", dt.date(2026, 10, 20)),
        ("行政诉讼（2026）行初2号应于2026年11月12日前提交答辩状及证据", "overdue", dt.date(2026, 11, 12)),
        ("行政诉讼（2026）行初1号应于2026年11月30日前提交答辩状及证据", "due_soon", dt.date(2026, 11, 30)),
    ]
    assert [i.url for i in items] == [
        f"/litigation/{effective.pk}/#performance",
        f"/litigation/{overdue.pk}/#defence",
        f"/litigation/{due_soon.pk}/#defence",
    ]
    assert "截止日为2026年11月30日" in items[2].detail
    assert overdue.defence_due == dt.date(2026, 11, 12)
    # another department's clerk is not warned of the education bureau's cases
    assert not [
        i for i in workbench.items_for(users.scj_clerk, dt.date(2026, 11, 26)) if i.category == "行政应诉"
    ]


def test_timeline_explains_the_deadline_and_marks_the_overdue_defence(lawsuit, users, head):
    steps = selectors.timeline(lawsuit, dt.date(2024, 10, 9))
    assert [s.key for s in steps] == ["served", "defence", "hearings", "judgment", "effective", "performance"]
    defence = steps[1]
    assert (defence.state, defence.deadline) == ("overdue", dt.date(2024, 10, 8))
    assert "顺延" in defence.note
    actor = users.reconsideration
    services.submit_defence(actor=actor, lawsuit=lawsuit, submitted_on=dt.date(2024, 10, 9))
    services.record_hearing(
        actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 12), head_appeared=True, head=head
    )
    services.record_judgment(
        actor=actor, lawsuit=lawsuit, outcome="dismissed", judged_on=dt.date(2024, 12, 2)
    )
    lawsuit.refresh_from_db()
    steps = selectors.timeline(lawsuit, dt.date(2024, 12, 3))
    assert steps[1].details == [
        "逾期提交：被告无正当理由逾期提供证据的，视为没有相应证据（行政诉讼法第三十四条）"
    ]
    assert steps[2].details == ["2024年11月12日开庭：行政机关负责人许局长（局长）出庭应诉"]
    assert steps[3].details == ["判决驳回原告诉讼请求（胜诉；行政诉讼法第六十九条）"]
    assert steps[5].state == "not_applicable"


def test_a_unit_clerk_of_another_district_sees_nothing(users, lawsuit):
    assert not selectors.lawsuits_for(users.other_justice).exists()
    assert selectors.lawsuits_for(users.leader).count() == 1
    assert factories is not None


def test_head_appearance_rate_counts_cases_not_hearings(users, district, head):
    """A case where the head appeared at any hearing counts once; per hearing this would be 2 of 4 = 50%."""
    actor = users.reconsideration
    twice = _sue(actor, district, "（2025）行初7号", dt.date(2025, 3, 3))
    once = _sue(actor, district, "（2025）行初8号", dt.date(2025, 3, 4))
    for lawsuit, day, appeared in (
        (twice, dt.date(2025, 4, 1), False),
        (twice, dt.date(2025, 5, 6), True),
        (twice, dt.date(2025, 6, 3), True),
        (once, dt.date(2025, 4, 2), False),
    ):
        services.record_hearing(
            actor=actor,
            lawsuit=lawsuit,
            held_on=day,
            head_appeared=appeared,
            head=head if appeared else None,
            absence_reason="" if appeared else "出差",
            explanation_sealed=not appeared,
            staff="" if appeared else "法规科科员",
        )
    rate = evaluate("litigation.hearings.head_appearance_rate", Y2025).figure
    assert (rate.numerator, rate.denominator, rate.value) == (1, 2, Decimal("50.0"))
    assert list(rate.numerator_records.values_list("case_number", flat=True)) == ["（2025）行初7号"]
    # the parts are registered as figures of their own, equal to the rate's numerator and denominator
    assert evaluate("litigation.hearings.cases_head_appeared", Y2025).figure.value == 1
    assert evaluate("litigation.hearings.cases_heard", Y2025).figure.value == 2
    assert evaluate("litigation.hearings.head_appearance_rate", Period.year(2024)).figure.value is None


def test_the_rates_parts_are_registered_figures(cases):
    for rate, numerator, denominator in (
        ("litigation.lawsuits.loss_rate", "litigation.lawsuits.lost", "litigation.lawsuits.effective"),
        (
            "litigation.judgments.performance_rate",
            "litigation.judgments.performed",
            "litigation.judgments.to_perform",
        ),
        (
            "litigation.hearings.head_appearance_rate",
            "litigation.hearings.cases_head_appeared",
            "litigation.hearings.cases_heard",
        ),
    ):
        figure = evaluate(rate, Y2025).figure
        assert (figure.numerator, figure.denominator) == (
            evaluate(numerator, Y2025).figure.value,
            evaluate(denominator, Y2025).figure.value,
        ), rate
