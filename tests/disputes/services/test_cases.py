"""The reconsideration workflow: docket numbers, the applicant's ID, each transition with its statutory rule, and who
may take it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import ids
from fazhi.core.models import AuditEvent, Setting
from fazhi.disputes import rules, services
from fazhi.disputes.models import CaseClock, DocketSequence, ReconsiderationCase

from ..conftest import accepted, clock, register

S = ReconsiderationCase.Status
K = CaseClock.Kind
D = dt.date


def test_docket_numbers_follow_the_office_format_and_run_per_year_without_gaps(users, district):
    first = register(users, district, received_on=D(2025, 1, 6))
    second = register(users, district, received_on=D(2025, 2, 3))
    other_year = register(users, district, received_on=D(2026, 1, 5))
    assert [first.docket_number, second.docket_number] == ["澄复〔2025〕1号", "澄复〔2025〕2号"]
    assert other_year.docket_number == "澄复〔2026〕1号"


def test_a_refused_registration_takes_no_number(users, district):
    register(users, district, received_on=D(2025, 1, 6))
    with pytest.raises(ValidationError) as exc:
        register(users, district, received_on=D(2025, 1, 7), applicant_id_code="640303198506150010")
    assert "身份证号校验码错误" in str(exc.value)
    assert DocketSequence.objects.get(year=2025).last_seq == 1
    assert register(users, district, received_on=D(2025, 1, 8)).docket_number == "澄复〔2025〕2号"


def test_docket_format_is_a_setting(users, district):
    Setting.objects.create(key=rules.DOCKET_FORMAT.key, value="测复字〔{year}〕第{seq}号")
    assert register(users, district, received_on=D(2025, 5, 6)).docket_number == "测复字〔2025〕第1号"


def test_organization_applicant_needs_a_valid_credit_code(users, district):
    with pytest.raises(ValidationError) as exc:
        register(
            users,
            district,
            applicant_kind=ReconsiderationCase.ApplicantKind.ORGANIZATION,
            applicant_id_code="91640303MA000000X1",
        )
    assert "统一社会信用代码" in str(exc.value)
    code = ids.make_credit_code("91640303MA7000001")
    case = register(
        users, district, applicant_kind=ReconsiderationCase.ApplicantKind.ORGANIZATION, applicant_id_code=code
    )
    assert case.masked_id_code == code


def test_person_id_number_is_masked(users, district):
    number = ids.make_id_number("640303", D(1985, 6, 15), 7)
    case = register(users, district, applicant_id_code=number)
    assert case.masked_id_code == "640303********" + number[-4:]
    assert number[6:14] not in case.masked_id_code


def test_only_the_reconsideration_office_registers_and_handles_cases(users, district):
    with pytest.raises(PermissionDenied):
        services.register_case(
            actor=users.jyj_clerk,
            organization=district.jyj,
            channel="mail",
            received_on=D(2025, 3, 3),
            applicant_kind="person",
            applicant_name="甲",
            applicant_id_code="x",
            respondent=district.scj,
            contested_act="x",
            act_date=D(2025, 3, 1),
            request="x",
        )
    case = register(users, district)
    for user in (users.jyj_clerk, users.leader, users.other_justice):
        with pytest.raises(PermissionDenied):
            services.accept(actor=user, case=case, on=D(2025, 3, 4))
    services.accept(actor=users.justice, case=case, on=D(2025, 3, 4))
    assert case.status == S.ACCEPTED


def test_supplement_restarts_the_examination_period(users, district):
    case = register(users, district, received_on=D(2025, 3, 3))
    assert clock(case, K.EXAMINATION).due_on == D(2025, 3, 10)
    services.request_supplement(
        actor=users.reconsideration, case=case, on=D(2025, 3, 4), items="处罚决定书复印件"
    )
    assert case.status == S.SUPPLEMENTING
    # the applicant has ten working days: 5–18 March 2025
    assert clock(case, K.SUPPLEMENT).due_on == D(2025, 3, 18)
    services.receive_supplement(actor=users.reconsideration, case=case, on=D(2025, 3, 14))
    exam = clock(case, K.EXAMINATION)
    assert (case.status, exam.start, exam.due_on) == (S.RECEIVED, D(2025, 3, 14), D(2025, 3, 21))
    assert exam.explanation.startswith("收到补正材料后重新起算")


def test_case_counts_as_accepted_when_the_examination_period_passes_without_refusal(users, district):
    case = register(users, district, received_on=D(2025, 9, 29))
    with pytest.raises(ValidationError):
        services.deem_accepted(actor=users.reconsideration, case=case, on=D(2025, 10, 13))
    # a refusal after the period is no longer possible
    with pytest.raises(ValidationError) as exc:
        services.refuse(actor=users.reconsideration, case=case, on=D(2025, 10, 14), reason="不属于复议范围")
    assert "视为受理" in str(exc.value)
    done = services.deem_overdue_acceptances(actor=users.reconsideration, on=D(2025, 10, 14))
    case.refresh_from_db()
    assert done == [case]
    assert (case.status, case.accepted_on, case.deemed_accepted) == (S.ACCEPTED, D(2025, 10, 13), True)
    # the decision clock runs from the deemed acceptance: 60 days → 12 December 2025
    assert clock(case, K.DECISION).due_on == D(2025, 12, 12)


def test_refusal_within_the_period_concludes_the_case(users, district):
    case = register(users, district, received_on=D(2025, 3, 3))
    services.refuse(actor=users.reconsideration, case=case, on=D(2025, 3, 7), reason="超过申请期限")
    assert (case.status, case.outcome, case.concluded_on) == (S.REJECTED, "refused", D(2025, 3, 7))
    services.close(actor=users.reconsideration, case=case, on=D(2025, 3, 20))
    assert case.status == S.CLOSED


def test_ordinary_procedure_cannot_be_decided_without_opinions_or_a_reason(users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    with pytest.raises(ValidationError) as exc:
        services.decide(
            actor=users.reconsideration,
            case=case,
            on=D(2025, 4, 1),
            outcome="uphold",
            summary="合法",
            approval="head",
            approved_by="分管副区长",
            approved_on=D(2025, 4, 1),
        )
    assert "第四十九条" in str(exc.value)
    services.record_opinion(
        actor=users.reconsideration,
        case=case,
        heard_on=D(2025, 3, 20),
        method="phone",
        with_whom="申请人张某",
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="revoke",
        summary="认定事实不清",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    assert (case.status, case.outcome) == (S.DECIDED, "revoke")
    assert clock(case, K.DECISION).met_on == D(2025, 4, 1)


def test_a_recorded_reason_lets_the_case_be_decided_on_the_papers(users, district):
    case = accepted(users, district)
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    services.update_case(
        actor=users.reconsideration, case=case, opinions_not_heard_reason="申请人拒绝接听电话、未到场"
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    assert case.status == S.DECIDED


def test_simplified_procedure_needs_no_opinions_and_has_shorter_clocks(users, district):
    case = accepted(
        users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4), procedure="simplified"
    )
    assert clock(case, K.COPY).due_on == D(2025, 3, 7)  # 3 working days
    assert clock(case, K.DECISION).due_on == D(2025, 4, 3)  # 30 days
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    assert clock(case, K.ANSWER).due_on == D(2025, 3, 12)  # 5 working days
    services.convert_to_ordinary(
        actor=users.reconsideration, case=case, on=D(2025, 3, 10), reason="案情复杂，经负责人卫某批准"
    )
    assert clock(case, K.DECISION).due_on == D(2025, 5, 6)
    assert "转为普通程序" in clock(case, K.DECISION).explanation


def test_extension_only_once_at_most_thirty_days_and_approved(users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 3))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    with pytest.raises(ValidationError):
        services.extend(
            actor=users.reconsideration,
            case=case,
            days=31,
            approved_by="卫主任",
            approved_on=D(2025, 4, 28),
            reason="复杂",
        )
    with pytest.raises(ValidationError):
        services.extend(
            actor=users.reconsideration,
            case=case,
            days=10,
            approved_by="",
            approved_on=D(2025, 4, 28),
            reason="复杂",
        )
    services.extend(
        actor=users.reconsideration,
        case=case,
        days=30,
        approved_by="卫主任",
        approved_on=D(2025, 4, 28),
        reason="案情复杂",
    )
    # 90 days from 3 March end on Sunday 1 June; 2 June is the Dragon Boat holiday → Tuesday 3 June 2025
    decision = clock(case, K.DECISION)
    assert decision.due_on == D(2025, 6, 3)
    assert "批准延期30日" in decision.explanation
    with pytest.raises(ValidationError) as exc:
        services.extend(
            actor=users.reconsideration,
            case=case,
            days=5,
            approved_by="卫主任",
            approved_on=D(2025, 5, 1),
            reason="再延",
        )
    assert "只能延长一次" in str(exc.value)


def test_hearing_needs_five_working_days_notice_and_two_officers(users, district):
    case = accepted(users, district, received_on=D(2025, 9, 22), accepted_on=D(2025, 9, 23))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 9, 24))
    # notice on 26 September: working days 28, 29, 30 September, 9 and 10 October → no earlier than 10 October
    with pytest.raises(ValidationError) as exc:
        services.schedule_hearing(
            actor=users.reconsideration,
            case=case,
            notified_on=D(2025, 9, 26),
            scheduled_on=D(2025, 10, 9),
            presiding="甲",
            officers="乙、丙",
            clerk="丁",
        )
    assert "2025年10月10日" in str(exc.value)
    with pytest.raises(ValidationError):
        services.schedule_hearing(
            actor=users.reconsideration,
            case=case,
            notified_on=D(2025, 9, 26),
            scheduled_on=D(2025, 10, 10),
            presiding="甲",
            officers="乙",
            clerk="丁",
        )
    hearing = services.schedule_hearing(
        actor=users.reconsideration,
        case=case,
        notified_on=D(2025, 9, 26),
        scheduled_on=D(2025, 10, 10),
        presiding="甲",
        officers="乙、丙",
        clerk="丁",
    )
    assert clock(case, K.HEARING_NOTICE).due_on == D(2025, 10, 10)
    services.hold_hearing(
        actor=users.reconsideration,
        hearing=hearing,
        held_on=D(2025, 10, 10),
        attendees="申请人、被申请人",
        record="质证",
    )
    # a held hearing satisfies the ordinary-procedure rule
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 10, 20),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 10, 20),
    )
    assert case.status == S.DECIDED


def test_withdrawal_mediation_and_termination_conclude_the_case(users, district):
    a = register(users, district)
    services.withdraw(actor=users.reconsideration, case=a, on=D(2025, 3, 4), reason="主动撤回")
    assert (a.status, a.outcome) == (S.WITHDRAWN, "withdrawal")
    b = accepted(users, district)
    services.send_copy(actor=users.reconsideration, case=b, on=D(2025, 3, 5))
    services.mediate(
        actor=users.reconsideration, case=b, on=D(2025, 4, 1), summary="达成调解", corrected=True
    )
    assert (b.status, b.outcome, b.corrected_by_agreement) == (S.MEDIATED, "mediation", True)
    c = accepted(users, district)
    services.terminate(
        actor=users.reconsideration, case=c, on=D(2025, 3, 20), reason="和解后撤回", settled=True
    )
    assert (c.status, c.outcome) == (S.TERMINATED, "settlement")


def test_every_transition_is_in_the_audit_trail(users, district):
    case = accepted(users, district)
    events = AuditEvent.objects.filter(model_label="disputes.reconsiderationcase", object_id=str(case.pk))
    assert list(events.order_by("seq").values_list("action", flat=True)) == ["create", "transition"]
    assert events.order_by("seq").last().transition == "受理"


STEPS = [
    ("request_supplement", dict(on=D(2025, 3, 4), items="材料")),
    ("receive_supplement", dict(on=D(2025, 3, 6))),
    ("accept", dict(on=D(2025, 3, 7))),
    ("send_copy", dict(on=D(2025, 3, 10))),
    ("suspend", dict(on=D(2025, 3, 12), ground=10, reason="等待")),
    ("resume", dict(on=D(2025, 3, 20))),
    ("extend", dict(days=15, approved_by="卫主任", approved_on=D(2025, 4, 1), reason="复杂")),
    ("mediate", dict(on=D(2025, 4, 10), summary="调解")),
    ("close", dict(on=D(2025, 4, 20))),
]


def test_every_transition_is_refused_to_other_roles_and_taken_by_the_office(users, district):
    case = register(users, district, received_on=D(2025, 3, 3))
    for name, kwargs in STEPS:
        service = services.TRANSITION_SERVICES[name]
        for user in (
            users.jyj_clerk,
            users.scj_clerk,
            users.leader,
            users.advisor,
            users.supervisor,
            users.other_justice,
        ):
            with pytest.raises(PermissionDenied):
                service(actor=user, case=case, **kwargs)
        before = case.status
        service(actor=users.reconsideration, case=case, **kwargs)
        assert case.status != before or name == "extend", name
    assert case.status == S.CLOSED
    assert case.suspensions.get().days == 8
