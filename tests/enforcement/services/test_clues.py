"""Supervision clues: the handling deadline over the calendar, register → handle → close with a result, steps,
12345 work orders imported by order number, access by role, the 工作台 warning and the figures."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import workbench
from fazhi.core.io.ledgers import export_for, run_import
from fazhi.core.models import Setting
from fazhi.enforcement import origins, selectors, services
from fazhi.enforcement.models import SupervisionClue
from fazhi.enforcement.rules import clues as clue_rules
from fazhi.indicators.registry import Period, evaluate

D = dt.date
HOTLINE = SupervisionClue.Source.HOTLINE
RECEIVED = D(2024, 9, 25)  # a Wednesday before the 2024 National Day holiday


def register(actor, organization, *, received_on=RECEIVED, **fields):
    fields.setdefault("source", SupervisionClue.Source.COMPLAINT)
    return services.register_clue(
        actor=actor,
        organization=organization,
        received_on=received_on,
        content="执法人员未出示证件",
        **fields,
    )


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["工单编号", "受理时间", "诉求内容", "诉求分类", "承办单位代码", "涉企"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def import_orders(actor, rows):
    return run_import(
        "hotline_orders", content=csv_file(rows), filename="12345.csv", actor=actor, dry_run=False
    )


ORDERS = [
    ["2024092500017", "2024-09-25", "某餐馆无证经营", "市场监管", "T-SCJ", "否"],
    ["2024092600003", "2024-09-26", "某企业反映重复检查", "市场监管", "T-SCJ", "是"],
]


def test_due_date_is_fifteen_working_days_skipping_national_day_and_counting_makeup_days(users, district):
    clue = register(users.supervisor, district.scj)
    # 2024-09-25 + 15 working days: 国庆节 10-01..10-07 skipped, 调休上班 09-29 and 10-12 counted.
    assert clue.due_on == D(2024, 10, 21)
    assert "国庆节" in clue.due_explanation
    assert "截止日为2024年10月21日" in clue.due_explanation


def test_handling_period_is_a_setting(users, district):
    Setting.objects.create(key=clue_rules.HANDLING_DAYS.key, value=5)
    assert register(users.supervisor, district.scj).due_on == D(2024, 10, 8)


def test_clue_moves_from_registered_to_handling_to_closed_with_its_result(users, district):
    clue = register(users.scj_clerk, district.scj)
    assert clue.status == SupervisionClue.Status.REGISTERED
    services.start_handling(actor=users.scj_clerk, clue=clue)
    step = services.add_step(actor=users.scj_clerk, clue=clue, on=D(2024, 9, 27), text="约谈执法人员")
    services.close_clue(
        actor=users.scj_clerk, clue=clue, result="已批评教育并整改", handled_on=D(2024, 10, 9)
    )
    assert clue.status == SupervisionClue.Status.CLOSED
    assert (clue.result, clue.handled_on) == ("已批评教育并整改", D(2024, 10, 9))
    assert list(selectors.steps_for(users.supervisor, clue)) == [step]


def test_closing_needs_a_result_and_a_date(users, district):
    clue = register(users.supervisor, district.scj)
    services.start_handling(actor=users.supervisor, clue=clue)
    with pytest.raises(ValidationError, match="须写明办理结果"):
        services.close_clue(actor=users.supervisor, clue=clue, result="  ", handled_on=D(2024, 10, 9))
    with pytest.raises(ValidationError, match="须写明办结日期"):
        services.close_clue(actor=users.supervisor, clue=clue, result="已查实", handled_on=None)
    with pytest.raises(ValidationError, match="不能早于受理日期"):
        services.close_clue(actor=users.supervisor, clue=clue, result="已查实", handled_on=D(2024, 9, 1))
    clue.refresh_from_db()
    assert clue.status == SupervisionClue.Status.HANDLING


def test_a_registered_clue_cannot_be_closed_or_given_steps_before_handling(users, district):
    clue = register(users.supervisor, district.scj)
    with pytest.raises(ValidationError, match="不能执行此操作"):
        services.close_clue(actor=users.supervisor, clue=clue, result="已查实", handled_on=D(2024, 10, 9))
    with pytest.raises(ValidationError, match="只有办理中的线索"):
        services.add_step(actor=users.supervisor, clue=clue, on=D(2024, 9, 26), text="核查")


def test_external_number_is_unique_per_source(users, district):
    register(users.supervisor, district.scj, source=HOTLINE, external_number="2024092500017")
    register(
        users.supervisor, district.scj, source=SupervisionClue.Source.OTHER, external_number="2024092500017"
    )
    register(users.supervisor, district.scj)  # no number: any number of clues
    register(users.supervisor, district.scj)
    with pytest.raises(ValidationError, match="同一来源的线索编号已登记"):
        register(users.supervisor, district.scj, source=HOTLINE, external_number="2024092500017")


def test_reimporting_the_same_hotline_file_creates_nothing_and_a_changed_row_updates(users, district):
    first = import_orders(users.supervisor, ORDERS)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0), first.errors
    clue = SupervisionClue.objects.get(external_number="2024092500017")
    assert (clue.source, clue.organization, clue.due_on) == (HOTLINE, district.scj, D(2024, 10, 21))
    assert SupervisionClue.objects.get(external_number="2024092600003").enterprise_related

    again = import_orders(users.supervisor, ORDERS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    changed = [ORDERS[0], [*ORDERS[1][:2], "某企业反映一周内重复检查三次", *ORDERS[1][3:]]]
    third = import_orders(users.supervisor, changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert SupervisionClue.objects.count() == 2
    assert (
        SupervisionClue.objects.get(external_number="2024092600003").content == "某企业反映一周内重复检查三次"
    )


def test_reimport_keeps_the_handling_state_of_a_clue(users, district):
    import_orders(users.supervisor, ORDERS)
    clue = SupervisionClue.objects.get(external_number="2024092500017")
    services.start_handling(actor=users.scj_clerk, clue=clue)
    assert import_orders(users.supervisor, ORDERS).unchanged == 2
    clue.refresh_from_db()
    assert clue.status == SupervisionClue.Status.HANDLING


def test_unit_clerk_imports_only_orders_of_own_unit(users, district):
    result = import_orders(users.jyj_clerk, ORDERS)
    assert not result.imported
    assert {e.row for e in result.errors} == {2, 3}
    assert not SupervisionClue.objects.exists()


def test_unit_clerk_sees_own_units_clues_supervisor_the_district_and_leader_only_reads(users, district):
    scj = register(users.scj_clerk, district.scj)
    jyj = register(users.supervisor, district.jyj)
    assert list(selectors.clues_for(users.scj_clerk)) == [scj]
    assert list(selectors.clues_for(users.jyj_clerk)) == [jyj]
    assert set(selectors.clues_for(users.supervisor)) == {scj, jyj}
    assert not selectors.clues_for(users.other_justice).exists()
    assert set(selectors.clues_for(users.leader)) == {scj, jyj}
    with pytest.raises(PermissionDenied):
        register(users.scj_clerk, district.jyj)
    with pytest.raises(PermissionDenied):
        services.start_handling(actor=users.jyj_clerk, clue=scj)
    with pytest.raises(PermissionDenied):
        services.start_handling(actor=users.leader, clue=scj)
    with pytest.raises(PermissionDenied):
        register(users.leader, district.scj)


def test_clues_near_or_past_due_are_on_the_workbench_of_the_unit_and_supervisors(users, district):
    clue = register(users.supervisor, district.scj)  # due 2024-10-21

    def due_dates(user, on):
        return [(i.due, i.level) for i in workbench.items_for(user, on) if i.category == "执法监督线索"]

    assert due_dates(users.supervisor, D(2024, 10, 15)) == []
    assert due_dates(users.supervisor, D(2024, 10, 16)) == [(D(2024, 10, 21), workbench.DUE_SOON)]
    assert due_dates(users.scj_clerk, D(2024, 10, 22)) == [(D(2024, 10, 21), workbench.OVERDUE)]
    for other in (users.jyj_clerk, users.leader, users.other_justice):
        assert due_dates(other, D(2024, 10, 22)) == []
    services.start_handling(actor=users.scj_clerk, clue=clue)
    services.close_clue(actor=users.scj_clerk, clue=clue, result="已查实整改", handled_on=D(2024, 10, 18))
    assert due_dates(users.supervisor, D(2024, 10, 22)) == []


def test_clue_figures_count_received_by_source_handled_and_enterprise_related(users, district):
    s = users.supervisor
    import_orders(s, ORDERS)  # two hotline clues received 2024-09, one enterprise-related
    contact = register(s, district.scj, source=SupervisionClue.Source.CONTACT_POINT, enterprise_related=True)
    register(s, district.jyj, received_on=D(2023, 12, 20))
    late = register(s, district.jyj, received_on=D(2024, 12, 20))
    for clue, handled_on in ((contact, D(2024, 10, 10)), (late, D(2025, 1, 6))):
        services.start_handling(actor=s, clue=clue)
        services.close_clue(actor=s, clue=clue, result="已办结", handled_on=handled_on)
    enterprise_order = SupervisionClue.objects.get(external_number="2024092600003")
    services.start_handling(actor=s, clue=enterprise_order)
    services.close_clue(actor=s, clue=enterprise_order, result="已协调", handled_on=D(2024, 10, 30))

    def value(code, year=2024, scope=None):
        return evaluate(code, Period.year(year), scope).figure.value

    assert value("enforcement.clues.received") == 4
    assert value("enforcement.clues.received.hotline") == 2
    assert value("enforcement.clues.received.contact_point") == 1
    assert value("enforcement.clues.received.complaint") == 1
    assert value("enforcement.clues.received.inspection") == 0
    assert value("enforcement.clues.handled") == 2
    assert value("enforcement.clues.handled", 2025) == 1
    assert value("enforcement.clues.enterprise_handled") == 2
    assert value("enforcement.clues.received", scope=district.jyj) == 1
    assert value("enforcement.clues.received", 2023) == 1


def test_exported_hotline_orders_import_back_unchanged(users, district):
    import_orders(users.supervisor, ORDERS)
    register(users.supervisor, district.scj)  # not a hotline clue: not in the 12345 ledger
    content = export_for(actor=users.scj_clerk, ledger="hotline_orders")
    result = run_import(
        "hotline_orders", content=content, filename="export.xlsx", actor=users.scj_clerk, dry_run=False
    )
    assert (result.total, result.created, result.updated, result.unchanged) == (2, 0, 0, 2), result.errors


# Clues opened from another workstream's record (enforcement.origins) ---------------------------------------------


@pytest.fixture
def inspection_origin(monkeypatch):
    """For these tests only: an enforcement body's record opens clues of source 督察检查 (the real origins are the
    reconsideration case and the lawsuit, registered by disputes and litigation)."""
    monkeypatch.setattr(origins, "ORIGINS", dict(origins.ORIGINS))
    return origins.register(
        "enforcement.EnforcementBody",
        kind=SupervisionClue.Source.INSPECTION,
        unit=lambda b: b.organization,
        description=lambda b: f"执法检查：{b.name}",
        url=lambda b: f"/inspections/{b.pk}/",
    )


def test_the_registry_refuses_a_kind_that_is_not_a_clue_source(monkeypatch):
    monkeypatch.setattr(origins, "ORIGINS", dict(origins.ORIGINS))
    with pytest.raises(ValueError, match="未知的线索来源：rumour"):
        origins.register("enforcement.EnforcementBody", kind="rumour", unit=lambda b: b, description=str)


def test_the_cases_and_lawsuits_of_other_workstreams_are_registered_origins():
    assert origins.ORIGINS["disputes.reconsiderationcase"].kind == SupervisionClue.Source.RECONSIDERATION
    assert origins.ORIGINS["litigation.lawsuit"].kind == SupervisionClue.Source.LITIGATION


def test_a_clue_keeps_its_origin_and_is_found_from_it(users, district, body, inspection_origin):
    clue = register(users.justice, district.scj, source=SupervisionClue.Source.INSPECTION, origin=body)
    assert SupervisionClue.objects.get(pk=clue.pk).origin == body
    assert selectors.clue_for(body) == clue
    assert selectors.clue_for(body, user=users.justice) == clue
    assert selectors.clue_for(body, user=users.other_justice) is None  # scoped when a user is given
    assert origins.describe(body) == "执法检查：测试区市场监管执法大队"
    assert selectors.with_clue_id(type(body).objects.filter(pk=body.pk)).get().supervision_clue_id == clue.pk


def test_an_origin_registered_for_another_source_is_refused_in_chinese(
    users, district, body, inspection_origin
):
    with pytest.raises(ValidationError) as exc:
        register(users.justice, district.scj, source=HOTLINE, origin=body)
    assert exc.value.messages == ["由行政执法主体移送的线索，线索来源应为“督察检查”，不能登记为“12345热线”。"]
    assert not SupervisionClue.objects.exists()


def test_a_record_that_is_not_registered_is_not_an_origin(users, district):
    with pytest.raises(ValidationError) as exc:
        register(users.justice, district.scj, origin=district.scj)
    assert exc.value.messages == [f"“{district.scj._meta.verbose_name}”不是可移送执法监督线索的来源记录。"]
    assert not SupervisionClue.objects.exists()


def test_a_record_opens_one_clue(users, district, body, inspection_origin):
    register(users.justice, district.scj, source=SupervisionClue.Source.INSPECTION, origin=body)
    with pytest.raises(ValidationError) as exc:
        register(users.justice, district.scj, source=SupervisionClue.Source.INSPECTION, origin=body)
    assert "该记录已移送执法监督线索，每条记录只移送一次。" in exc.value.messages
    assert SupervisionClue.objects.count() == 1


def test_an_origin_names_both_its_type_and_its_record(users, district, body, inspection_origin):
    clue = register(users.justice, district.scj, source=SupervisionClue.Source.INSPECTION, origin=body)
    clue.origin_id = None
    with pytest.raises(ValidationError) as exc:
        clue.full_clean(exclude=["status"])
    assert "线索的来源记录须同时写明类型和编号。" in exc.value.messages
