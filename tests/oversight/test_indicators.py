"""The oversight figures on test data: joint inspections, units inspected through political patrols, findings,
rectified, signed off, consolidated, overdue, the rectification rate, by source kind and by unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.indicators.registry import Period, Scope, evaluate
from fazhi.oversight import selectors, services
from fazhi.oversight.models import Inspection
from fazhi.oversight.services import inspections

from .conftest import upload

D = dt.date
Y2024 = Period.year(2024)


def value(code, period=Y2024, scope=None):
    return evaluate(code, period, scope).figure.value


def test_joint_inspections_and_patrol_units(users, district, inspection):
    # the fixture is joint (co-organised by the government); a patrol inspects two units, another patrol one again
    inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.PATROL,
        title="巡察一",
        held_on=D(2024, 9, 1),
        organization=district.sfj,
        units=[district.jyj, district.town],
    )
    inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.PATROL,
        title="巡察二",
        held_on=D(2024, 10, 1),
        organization=district.sfj,
        units=[district.town, district.court],
    )
    inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.PATROL,
        title="巡察三",
        held_on=D(2025, 1, 2),
        organization=district.sfj,
        units=[district.scj],
    )
    assert value("oversight.inspections.held") == 3
    assert value("oversight.inspections.joint") == 1
    assert value("oversight.inspections.patrol_units") == 3  # 教育局、莲花镇、法院; 2025 not counted
    assert value("oversight.inspections.patrol_units", Period.year(2025)) == 1


def _three_items(users, district, inspection, clue):
    a = services.item_of(
        inspections.add_finding(
            actor=users.justice, inspection=inspection, organization=district.scj, text="问题一"
        )
    )
    b = services.item_of(
        inspections.add_finding(
            actor=users.justice, inspection=inspection, organization=district.jyj, text="问题二"
        )
    )
    c = services.open_item(
        actor=users.justice, source=clue, opened_on=D(2024, 6, 20), deadline=D(2024, 7, 20)
    )
    # a: rectified late (deadline 2024-08-06), signed off and consolidated; b: still open, overdue; c: rectified on time
    services.rectify(
        actor=users.scj_clerk, item=a, rectification="已整改", rectified_on=D(2024, 8, 20), files=[upload()]
    )
    services.sign_off(actor=users.justice, item=a, signed_off_on=D(2024, 8, 25))
    services.consolidate(actor=users.justice, item=a, checked_on=D(2024, 12, 1), note="巩固")
    services.rectify(
        actor=users.scj_clerk, item=c, rectification="已整改", rectified_on=D(2024, 7, 10), files=[upload()]
    )
    return a, b, c


def test_rectification_figures(users, district, inspection, clue):
    a, b, c = _three_items(users, district, inspection, clue)
    assert value("oversight.inspections.findings") == 2
    assert value("oversight.rectification.items") == 3
    assert value("oversight.rectification.rectified") == 2
    assert value("oversight.rectification.signed_off") == 1
    assert value("oversight.rectification.consolidated") == 1
    overdue = evaluate("oversight.rectification.overdue", Y2024).figure
    assert overdue.value == 2
    assert set(overdue.records.values_list("pk", flat=True)) == {a.pk, b.pk}
    rate = evaluate("oversight.rectification.rate", Y2024).figure
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("66.7"), 2, 3)
    assert value("oversight.rectification.by_source.inspection.items") == 2
    assert value("oversight.rectification.by_source.inspection.rate") == 50
    assert value("oversight.rectification.by_source.clue.rate") == 100
    assert value("oversight.rectification.items", Period.year(2025)) == 0
    # by unit: the scope of the market bureau holds its two items
    assert value("oversight.rectification.items", scope=Scope(district.scj)) == 2
    assert value("oversight.rectification.rate", scope=Scope(district.jyj)) == 0


def test_summary_by_unit_and_by_source(users, district, inspection, clue):
    _three_items(users, district, inspection, clue)
    items = selectors.items_for(users.justice)
    by_unit = {
        r["label"]: (r["total"], r["rectified"], r["signed_off"], r["consolidated"], r["overdue"], r["rate"])
        for r in selectors.summary(items, D(2024, 9, 1), "organization__name")
    }
    assert by_unit == {"测试区市场监督管理局": (2, 2, 1, 1, 0, 100.0), "测试区教育局": (1, 0, 0, 0, 1, 0.0)}
    by_kind = {r["label"]: r["total"] for r in selectors.summary(items, D(2024, 9, 1), "source_kind")}
    assert by_kind == {"执法监督线索": 1, "督察发现问题": 2}


def test_the_summaries_of_one_statement_equal_the_two_grouped_ones(users, district, inspection, clue):
    """selectors.summaries (one grouped statement, issue 19) gives exactly summary()'s rows in its order, by source
    kind and by unit name, two units of the same name in one row; within one statement."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.oversight.models import RectificationItem
    from tests import factories

    a, b, c = _three_items(users, district, inspection, clue)
    # more items: another unit named like the education bureau (merged by name, as before), other kinds and states
    namesake = factories.org(parent=district.root, name=district.jyj.name)
    other = factories.org(parent=district.root, name="测试区甲单位")
    S = RectificationItem.Status
    for n, (org, kind, status, deadline) in enumerate(
        [
            (namesake, "other", S.PENDING, D(2024, 8, 1)),
            (namesake, "other", S.SIGNED_OFF, D(2024, 8, 1)),
            (other, "inspection", S.IN_PROGRESS, D(2024, 9, 30)),
            (other, "litigation", S.CONSOLIDATED, D(2024, 1, 1)),
            (district.scj, "litigation", S.PENDING, D(2024, 8, 31)),
        ]
    ):
        RectificationItem.objects.create(
            source_type=b.source_type,
            source_id=10_000 + n,
            source_kind=kind,
            organization=org,
            opened_on=D(2024, 6, 1),
            deadline=deadline,
            status=status,
        )
    items = selectors.items_for(users.justice)
    on = D(2024, 9, 1)
    with CaptureQueriesContext(connection) as ctx:
        by_kind, by_unit = selectors.summaries(items, on)
    assert len(ctx.captured_queries) == 2  # the grouped counts, the units' names
    assert by_kind == selectors.summary(items, on, "source_kind")
    assert by_unit == selectors.summary(items, on, "organization__name")
    rows = {
        r["label"]: (r["total"], r["rectified"], r["signed_off"], r["consolidated"], r["overdue"], r["rate"])
        for r in by_unit
    }
    assert rows == {
        "测试区市场监督管理局": (3, 2, 1, 1, 1, 66.7),
        "测试区教育局": (3, 1, 1, 0, 2, 33.3),
        "测试区甲单位": (2, 1, 1, 1, 0, 50.0),
    }
    assert [r["label"] for r in by_unit] == sorted(rows)
    assert [(r["label"], r["total"]) for r in by_kind] == [
        ("执法监督线索", 1),
        ("督察发现问题", 3),
        ("行政诉讼败诉", 2),
        ("其他", 2),
    ]
    assert selectors.summaries(items.none(), on) == ([], [])
