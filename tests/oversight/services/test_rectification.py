"""The rectification ledger: one item per source record (a finding, a supervision clue), the deadline computed from
the configured period, 待整改 → 整改中 → 已整改 (with evidence) → 已销号 (the supervising office, never the unit itself)
→ 已巩固, 回头看 reopening, 挂牌督办 past the threshold, the audit trail and the 工作台."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import audit, workbench
from fazhi.core.models import Role, Setting
from fazhi.oversight import services
from fazhi.oversight.models import RectificationItem, SourceKind
from tests import factories

from ..conftest import upload

D = dt.date
S = RectificationItem.Status


def rectified(item, actor, on=None):
    return services.rectify(
        actor=actor,
        item=item,
        rectification="已整理归档案卷86卷",
        rectified_on=on or D(2024, 7, 1),
        files=[upload()],
    )


def test_finding_opens_one_item_for_its_unit_with_deadline_three_months_after_the_inspection(item, district):
    assert item.organization == district.scj
    assert item.source_kind == SourceKind.INSPECTION
    assert item.status == S.PENDING
    assert item.opened_on == D(2024, 5, 6)
    # 2024-05-06 + 3 months = 2024-08-06, a Tuesday
    assert item.deadline == D(2024, 8, 6)
    assert "3个月" in item.deadline_explanation
    assert item.measures == "开展案卷归档专项整理"


def test_deadline_follows_the_configured_period_in_working_days(users, district, clue):
    Setting.objects.create(key="oversight.rectification_period_amount", value=10)
    Setting.objects.create(key="oversight.rectification_period_unit", value="working")
    item = services.open_item(actor=users.justice, source=clue, opened_on=D(2024, 9, 25))
    # 10 working days after 2024-09-25: 国庆节 10-01..10-07 skipped, 调休 09-29 and 10-12 counted → 2024-10-14
    assert item.deadline == D(2024, 10, 14)
    assert "国庆节" in item.deadline_explanation


def test_a_source_record_cannot_get_a_second_item(users, item, finding):
    with pytest.raises(ValidationError, match="已建立整改事项"):
        services.open_item(actor=users.justice, source=finding)
    assert RectificationItem.objects.count() == 1


def test_clue_opens_item_for_its_unit(users, district, clue):
    item = services.open_item(
        actor=users.justice, source=clue, opened_on=D(2024, 6, 20), deadline=D(2024, 7, 31), measures="约谈"
    )
    assert item.source == clue
    assert item.source_kind == SourceKind.CLUE
    assert item.organization == district.scj
    assert item.deadline == D(2024, 7, 31)
    assert services.item_of(clue) == item


def test_unregistered_record_cannot_open_an_item(users, district):
    with pytest.raises(ValidationError, match="不是可建立整改事项的问题来源"):
        services.open_item(actor=users.justice, source=district.scj)


def test_other_unit_clerk_cannot_open_item_for_a_clue_it_cannot_see(users, clue):
    with pytest.raises(PermissionDenied):
        services.open_item(actor=users.jyj_clerk, source=clue)
    assert RectificationItem.objects.count() == 0


def test_full_cycle_unit_rectifies_with_evidence_supervisor_signs_off_and_consolidates(users, item):
    services.start(actor=users.scj_clerk, item=item)
    item = rectified(item, users.scj_clerk)
    assert item.status == S.RECTIFIED
    assert item.rectified_on == D(2024, 7, 1)
    assert item.evidence.count() == 1
    assert item.evidence.get().file.read() == b"%PDF-1.4 evidence"
    item = services.sign_off(actor=users.justice, item=item, signed_off_on=D(2024, 7, 5))
    assert item.status == S.SIGNED_OFF
    assert item.signed_off_by == users.justice
    item = services.consolidate(
        actor=users.justice, item=item, checked_on=D(2024, 12, 10), note="抽查20卷，均已归档"
    )
    assert item.status == S.CONSOLIDATED
    transitions = [e.transition for e in audit.history(item) if e.transition]
    assert transitions == ["开始整改", "提交整改完成", "销号", "核查巩固"]


def test_the_unit_cannot_sign_off_its_own_rectification(users, item):
    item = rectified(item, users.scj_clerk)
    with pytest.raises(PermissionDenied, match="销号"):
        services.sign_off(actor=users.scj_clerk, item=item, signed_off_on=D(2024, 7, 5))
    item.refresh_from_db()
    assert item.status == S.RECTIFIED
    assert item.signed_off_on is None


def test_the_justice_bureau_cannot_sign_off_an_item_of_its_own(users, district, inspection):
    inspection.inspected.create(organization=district.sfj)
    from fazhi.oversight.services import inspections

    finding = inspections.add_finding(
        actor=users.justice, inspection=inspection, organization=district.sfj, text="x"
    )
    item = rectified(services.item_of(finding), users.justice)
    with pytest.raises(PermissionDenied):
        services.sign_off(actor=users.justice, item=item, signed_off_on=D(2024, 7, 5))
    # a system administrator may
    services.sign_off(actor=users.admin, item=item, signed_off_on=D(2024, 7, 5))


def test_rectified_needs_text_and_evidence(users, item):
    services.start(actor=users.scj_clerk, item=item)
    with pytest.raises(ValidationError, match="佐证材料"):
        services.rectify(actor=users.scj_clerk, item=item, rectification="已整改", rectified_on=D(2024, 7, 1))
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS
    assert item.rectification == ""


def test_other_unit_and_leader_cannot_rectify(users, item):
    for actor in (users.jyj_clerk, users.scj_leader):
        with pytest.raises(PermissionDenied):
            services.start(actor=actor, item=item)


def test_send_back_returns_to_in_progress_with_a_reason(users, item):
    item = rectified(item, users.scj_clerk)
    with pytest.raises(ValidationError):
        services.send_back(actor=users.justice, item=item, note=" ")
    item = services.send_back(actor=users.justice, item=item, note="佐证材料不全")
    assert item.status == S.IN_PROGRESS
    assert item.rectified_on is None


def test_failed_check_reopens_with_a_new_deadline(users, item):
    item = rectified(item, users.scj_clerk)
    item = services.sign_off(actor=users.justice, item=item, signed_off_on=D(2024, 7, 5))
    item = services.reopen(
        actor=users.justice, item=item, checked_on=D(2024, 11, 4), note="回头看发现仍有12卷未归档"
    )
    assert item.status == S.IN_PROGRESS
    assert item.reopen_count == 1
    assert item.signed_off_on is None and item.rectified_on is None
    # 2024-11-04 + 3 months = 2025-02-04, the last day of the Spring Festival holiday → 2025-02-05
    assert item.deadline == D(2025, 2, 5)
    assert "春节" in item.deadline_explanation
    assert item.deadline_explanation.startswith("回头看未通过")


def test_escalation_only_past_the_threshold_and_only_by_the_supervising_office(users, item):
    # deadline 2024-08-06; threshold 30 days → 2024-09-05 is the first day it may be escalated
    with pytest.raises(ValidationError, match="29日"):
        services.escalate(actor=users.justice, item=item, on=D(2024, 9, 4))
    with pytest.raises(PermissionDenied):
        services.escalate(actor=users.scj_clerk, item=item, on=D(2024, 9, 5))
    item = services.escalate(actor=users.justice, item=item, on=D(2024, 9, 5))
    assert item.escalated_on == D(2024, 9, 5)
    with pytest.raises(ValidationError, match="已于"):
        services.escalate(actor=users.justice, item=item, on=D(2024, 9, 6))


def test_escalate_overdue_escalates_all_past_the_threshold(users, item, clue):
    other = services.open_item(
        actor=users.justice, source=clue, opened_on=D(2024, 8, 1), deadline=D(2024, 8, 30)
    )
    escalated = services.escalate_overdue(actor=users.justice, on=D(2024, 9, 10))
    assert [i.pk for i in escalated] == [item.pk]
    other.refresh_from_db()
    assert other.escalated_on is None


def test_overdue_item_stands_out_on_the_workbench_of_unit_and_supervisor(users, item, monkeypatch):
    on = D(2024, 8, 20)
    unit = [w for w in workbench.items_for(users.scj_clerk, on) if w.category == "督察整改"]
    supervisor = [w for w in workbench.items_for(users.justice, on) if w.category == "督察整改"]
    other = [w for w in workbench.items_for(users.jyj_clerk, on) if w.category == "督察整改"]
    assert [(w.level, w.title) for w in unit] == [("overdue", f"{item}已逾期14日")]
    assert [w.level for w in supervisor] == ["overdue"]
    assert other == []


def test_rectified_item_waits_for_sign_off_on_the_supervisor_workbench_only(users, item):
    rectified(item, users.scj_clerk)
    titles = [w.title for w in workbench.items_for(users.justice, D(2024, 7, 2)) if w.category == "督察整改"]
    assert titles == [f"{item}已整改，待审核销号"]
    assert [w for w in workbench.items_for(users.scj_clerk, D(2024, 7, 2)) if w.category == "督察整改"] == []


def test_every_transition_for_every_role(users, item):
    """Only the unit (and the office) moves the item forward; only the office signs off, consolidates, reopens."""
    refused = {
        "start": [users.jyj_clerk, users.leader, users.advisor],
    }
    for actor in refused["start"]:
        with pytest.raises(PermissionDenied):
            services.start(actor=actor, item=item)
    item = rectified(item, users.scj_clerk)
    for actor in (users.scj_clerk, users.jyj_clerk, users.supervisor, users.leader, users.other_justice):
        with pytest.raises(PermissionDenied):
            services.sign_off(actor=actor, item=item, signed_off_on=D(2024, 7, 5))
    item = services.sign_off(actor=users.justice, item=item, signed_off_on=D(2024, 7, 5))
    for actor in (users.scj_clerk, users.supervisor):
        with pytest.raises(PermissionDenied):
            services.consolidate(actor=actor, item=item, checked_on=D(2024, 9, 1), note="ok")
    clerk2 = factories.user(Role.UNIT_CLERK, item.organization, username="scj-clerk-2")
    with pytest.raises(PermissionDenied):
        services.reopen(actor=clerk2, item=item, checked_on=D(2024, 9, 1), note="x")


def test_the_workbench_lists_items_by_deadline_and_those_to_sign_off_after_them(users, item, clue):
    later = services.open_item(
        actor=users.justice, source=clue, opened_on=D(2024, 8, 1), deadline=D(2024, 8, 30)
    )
    titles = [w.title for w in workbench.items_for(users.justice, D(2024, 8, 25)) if w.category == "督察整改"]
    assert titles == [f"{item}已逾期19日", f"{later}应于2024年08月30日前整改完成"]
    rectified(item, users.scj_clerk)
    titles = [w.title for w in workbench.items_for(users.justice, D(2024, 8, 25)) if w.category == "督察整改"]
    assert titles == [f"{later}应于2024年08月30日前整改完成", f"{item}已整改，待审核销号"]
