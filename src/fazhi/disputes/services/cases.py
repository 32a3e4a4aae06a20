"""Every change to a reconsideration case: registration, correction and each step of its workflow. Keyword-only
functions, actor first, one transaction each: they call the rules of rules/cases.py, save, recompute the clocks and
write the audit trail. Pages, admin, API, ledgers and the CLI call these."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, clock, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User
from fazhi.core.rules import validate_date_happened

from ..models import DocketSequence, OpinionLetter, ReconsiderationCase, Suspension
from ..rules import cases as rules
from ..rules import clocks as periods
from ..rules import events as timeline_events
from ..rules import outcomes
from ..rules.timeline import Event
from . import clocks

REGISTRATION_FIELDS = (
    "organization",
    "channel",
    "received_on",
    "applicant_kind",
    "applicant_name",
    "applicant_id_code",
    "applicant_contact",
    "agent",
    "respondent",
    "contested_act",
    "act_date",
    "request",
    "facts",
    "procedure",
    "known_on",
    "real_property",
    "nonperformance",
    "third_parties",
)
"""The particulars of an application (收到申请): what registration takes and a correction may change. The page,
the API, admin and the ledger all use this list."""


def require_office(actor: User) -> None:
    """Refuse, in Chinese, anyone who is not of the reconsideration office (rules.may_handle_cases)."""
    if not rules.may_handle_cases(actor):
        raise PermissionDenied(rules.OFFICE_ONLY)


def next_docket_seq(year: int) -> int:
    """Take the next number of the year under a row lock: concurrent registrations wait, none shares a number,
    and a registration that fails rolls the counter back with its transaction, so numbers stay gapless."""
    DocketSequence.objects.get_or_create(year=year)
    sequence = DocketSequence.objects.select_for_update().get(year=year)
    sequence.last_seq += 1
    sequence.save(update_fields=["last_seq"])
    return sequence.last_seq


def assign_docket(case: ReconsiderationCase) -> ReconsiderationCase:
    case.docket_year = case.received_on.year
    case.docket_seq = next_docket_seq(case.docket_year)
    case.docket_number = rules.docket_number(case.docket_year, case.docket_seq)
    return case


def reserve_docket(case: ReconsiderationCase) -> ReconsiderationCase:
    """A 案号 given before the platform (a decided case imported with its number) keeps its place: the year's
    sequence continues after it, under the same row lock as numbering."""
    DocketSequence.objects.get_or_create(year=case.docket_year)
    sequence = DocketSequence.objects.select_for_update().get(year=case.docket_year)
    if case.docket_seq > sequence.last_seq:
        sequence.last_seq = case.docket_seq
        sequence.save(update_fields=["last_seq"])
    return case


def register_case(*, actor: User, organization: Organization, **fields) -> ReconsiderationCase:
    """收到: register an application with the next docket number of its year; the examination clock starts."""
    require_office(actor)
    unknown = set(fields) - set(REGISTRATION_FIELDS)
    if unknown:
        raise ValidationError(f"未知的字段：{'、'.join(sorted(unknown))}")
    rules.validate_respondent(actor, fields.get("respondent"))
    case = ReconsiderationCase(organization=organization, **fields)
    with transaction.atomic():
        access.check_create(actor, ReconsiderationCase, organization)
        if not case.received_on:
            raise ValidationError({"received_on": "请填写收到申请日期。"})
        # Validate before numbering, and number before the audit chain is locked (no deadlock with other writers).
        case.docket_number, case.docket_year, case.docket_seq = "待编号", case.received_on.year, 0
        core_services.validate(case, validate_unique=False)
        assign_docket(case)
        core_services.create_record(
            actor=actor, instance=case, note=f"收到行政复议申请，编为{case.docket_number}"
        )
        clocks.refresh(case)
    return case


def update_case(*, actor: User, case: ReconsiderationCase, **fields) -> ReconsiderationCase:
    """Correct the application's particulars; the docket number and the year it belongs to stay as given."""
    require_office(actor)
    unknown = set(fields) - set(REGISTRATION_FIELDS) - {"opinions_not_heard_reason"}
    if unknown:
        raise ValidationError(f"以下字段不能在此修改：{'、'.join(sorted(unknown))}")
    rules.validate_received_in_docket_year(fields.get("received_on"), case.docket_year)
    if "respondent" in fields:
        rules.validate_respondent(actor, fields["respondent"])
    with transaction.atomic():
        core_services.update_record(actor=actor, instance=case, data=fields)
        clocks.refresh(case)
    return case


def _transition(
    actor: User, case: ReconsiderationCase, name: str, note: str = "", **kwargs
) -> ReconsiderationCase:
    with transaction.atomic():
        workflow.run_transition(actor=actor, instance=case, name=name, note=note, **kwargs)
        clocks.refresh(case)
    return case


def check_event(case: ReconsiderationCase, event: Event, field: str | None = None) -> None:
    """Refuse, with the timeline's reason (rules/timeline.py), a step the law does not allow on this case."""
    reason = timeline_events.refusal_of(case, event)
    if reason:
        raise ValidationError({field: reason} if field else reason)


def _due(case: ReconsiderationCase, kind: str) -> dt.date | None:
    row = case.clocks.filter(kind=kind).first()
    return row.due_on if row else None


def update_case_fields(*, actor: User, case: ReconsiderationCase, data: dict) -> ReconsiderationCase:
    """Write fields a step of this app has checked (answer, conversion, platform entry); the clocks follow."""
    with transaction.atomic():
        core_services.update_record(actor=actor, instance=case, data=data)
        clocks.refresh(case)
    return case


def request_supplement(
    *, actor: User, case: ReconsiderationCase, on: dt.date, items: str, note: str = ""
) -> ReconsiderationCase:
    """补正通知 (第三十一条): within the five-day examination period; the applicant then has ten working days."""
    rules.validate_event_on(case, "supplement_requested_on", on)
    rules.validate_supplement_request(on=on, items=items, examination_due=_due(case, periods.EXAMINATION))
    return _transition(actor, case, "request_supplement", note, on=on, items=items.strip())


def receive_supplement(
    *, actor: User, case: ReconsiderationCase, on: dt.date, note: str = ""
) -> ReconsiderationCase:
    """Supplemented materials received: the examination period starts again from that day."""
    rules.validate_event_on(case, "supplement_received_on", on)
    return _transition(actor, case, "receive_supplement", note, on=on)


def accept(
    *, actor: User, case: ReconsiderationCase, on: dt.date, procedure: str = "", note: str = ""
) -> ReconsiderationCase:
    """受理: the copy and decision clocks start from the acceptance date."""
    rules.validate_event_on(case, "accepted_on", on)
    rules.validate_procedure(procedure)
    exam = _due(case, periods.EXAMINATION)
    if exam and on > exam:
        # 第三十条第三款: the examination period ran out; the case is accepted from the day it ended
        note = (note + "；" if note else "") + (
            f"{on:%Y年%m月%d日}登记受理，审查期限已于{exam:%Y年%m月%d日}届满，依行政复议法第三十条第三款"
            "自届满之日起视为受理"
        )
        with transaction.atomic():
            _transition(actor, case, "deem_accepted", note, on=exam)
            if procedure:
                update_case_fields(actor=actor, case=case, data={"procedure": procedure})
        return case
    return _transition(actor, case, "accept", note, on=on, procedure=procedure)


def deem_accepted(
    *, actor: User, case: ReconsiderationCase, on: dt.date | None = None
) -> ReconsiderationCase:
    """视为受理 (第三十条第三款): the examination period ended with no refusal; accepted from the day it ended."""
    on = on or clock.today()
    exam = _due(case, periods.EXAMINATION)
    rules.validate_deemed_acceptance(case, examination_due=exam, on=on)
    return _transition(actor, case, "deem_accepted", "审查期限届满未作出不予受理决定，视为受理", on=exam)


def deem_overdue_acceptances(*, actor: User, on: dt.date | None = None) -> list[ReconsiderationCase]:
    """Apply 第三十条 to every case of `actor`'s scope whose examination period has ended with no decision.

    `fazhi disputes deem` and any scheduled task call this; `on` (default today) may not lie after today."""
    on = on or clock.today()
    validate_date_happened(on, "视为受理的审查日期")
    due = access.scope(
        actor, ReconsiderationCase.objects.filter(status=ReconsiderationCase.Status.RECEIVED), access.CHANGE
    ).filter(clocks__kind=periods.EXAMINATION, clocks__due_on__lt=on)
    return [deem_accepted(actor=actor, case=c, on=on) for c in due]


def refuse(
    *, actor: User, case: ReconsiderationCase, on: dt.date, reason: str, note: str = ""
) -> ReconsiderationCase:
    """不予受理 (第三十条): with reasons, within the examination period; after it the case counts as accepted."""
    rules.validate_event_on(case, "refused_on", on)
    rules.validate_refusal(on=on, reason=reason, examination_due=_due(case, periods.EXAMINATION))
    return _transition(actor, case, "refuse", note, on=on, reason=reason.strip())


def send_copy(*, actor: User, case: ReconsiderationCase, on: dt.date, note: str = "") -> ReconsiderationCase:
    """提出答复通知: the copy sent to the respondent; the answer clock starts."""
    rules.validate_event_on(case, "copy_sent_on", on)
    return _transition(actor, case, "send_copy", note, on=on)


def record_answer(*, actor: User, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    """The respondent's written answer with its evidence and basis (第四十八条)."""
    require_office(actor)
    rules.validate_event_on(case, "answer_received_on", on)
    rules.validate_answer(case)
    return update_case_fields(actor=actor, case=case, data={"answer_received_on": on})


def convert_to_ordinary(
    *, actor: User, case: ReconsiderationCase, on: dt.date, reason: str
) -> ReconsiderationCase:
    """简易程序转普通程序 (第五十五条), with approval; the ordinary periods apply from acceptance."""
    require_office(actor)
    rules.validate_event_on(case, "converted_on", on)
    rules.validate_conversion(case, reason=reason)
    check_event(case, Event("converted", on), "converted_on")
    data = {
        "procedure": ReconsiderationCase.Procedure.ORDINARY,
        "converted_on": on,
        "conversion_reason": reason.strip(),
    }
    return update_case_fields(actor=actor, case=case, data=data)


def suspend(
    *, actor: User, case: ReconsiderationCase, on: dt.date, ground: int | None = None, reason: str = ""
) -> ReconsiderationCase:
    """中止 (第三十九条): on one of the grounds of 第三十九条第一款 (1–10), before the decision deadline has
    passed; the decision clock stops from `on`."""
    validate_date_happened(on, "中止日期", "suspended_on")
    rules.validate_suspension(case, on=on, ground=ground)
    check_event(case, Event("suspended", on, ground=ground), "suspended_on")
    with transaction.atomic():
        workflow.run_transition(actor=actor, instance=case, name="suspend", note=reason)
        core_services.create_record(
            actor=actor,
            instance=Suspension(case=case, suspended_on=on, ground=ground, reason=reason.strip()),
        )
        clocks.refresh(case)
    return case


def resume(*, actor: User, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    """恢复审理: the suspended days are added to the decision period."""
    validate_date_happened(on, "恢复审理日期", "resumed_on")
    with transaction.atomic():
        open_suspension = case.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()
        workflow.run_transition(actor=actor, instance=case, name="resume")
        if open_suspension is not None:
            core_services.update_record(actor=actor, instance=open_suspension, data={"resumed_on": on})
        clocks.refresh(case)
    return case


def extend(
    *,
    actor: User,
    case: ReconsiderationCase,
    days: int,
    approved_by: str,
    approved_on: dt.date,
    reason: str,
) -> ReconsiderationCase:
    """延期 (第六十二条): once, approved by the head of the office, at most 30 days, before the period ends."""
    rules.validate_event_on(case, "extension_approved_on", approved_on)
    rules.validate_extension(
        days=days,
        approved_by=approved_by,
        approved_on=approved_on,
        reason=reason,
        decision_due=_due(case, periods.DECISION),
    )
    check_event(case, Event("extended", approved_on, days=days), "extension_approved_on")
    return _transition(
        actor,
        case,
        "extend",
        reason,
        days=days,
        approved_by=approved_by.strip(),
        approved_on=approved_on,
        reason=reason.strip(),
    )


def decide(
    *,
    actor: User,
    case: ReconsiderationCase,
    on: dt.date,
    outcome: str,
    summary: str,
    approval: str = "",
    approved_by: str = "",
    approved_on: dt.date | None = None,
    note: str = "",
) -> ReconsiderationCase:
    """行政复议决定 (第六十三至六十九条), in the authority's name once its head agreed or it was passed collectively
    (第六十一条); 驳回复议请求 only on a non-performance claim (第六十九条); the committee heard first where
    第五十二条 applies."""
    rules.validate_event_on(case, "concluded_on", on)
    rules.validate_decision(outcome=outcome)
    outcomes.validate_dismissal(case, outcome=outcome)
    _validate_approval(case, on, approval, approved_by, approved_on)
    return _transition(
        actor,
        case,
        "decide",
        note,
        on=on,
        outcome=outcome,
        summary=summary,
        approval=approval,
        approved_by=approved_by,
        approved_on=approved_on,
    )


def _validate_approval(case, on, approval, approved_by, approved_on) -> None:
    if approved_on is not None:
        rules.validate_event_on(case, "approved_on", approved_on)
    outcomes.validate_approval(approval=approval, approved_by=approved_by, approved_on=approved_on, on=on)
    outcomes.validate_committee_consulted(case)


def reject_application(
    *,
    actor: User,
    case: ReconsiderationCase,
    on: dt.date,
    reason: str,
    approval: str = "",
    approved_by: str = "",
    approved_on: dt.date | None = None,
) -> ReconsiderationCase:
    """驳回申请 (第三十三条): after acceptance the application turns out not to meet 第三十条第一款; with reasons,
    approved as a decision (第六十一条)."""
    rules.validate_event_on(case, "concluded_on", on)
    outcomes.validate_rejection(case, reason=reason)
    _validate_approval(case, on, approval, approved_by, approved_on)
    return _transition(
        actor,
        case,
        "reject_application",
        reason,
        on=on,
        reason=reason,
        approval=approval,
        approved_by=approved_by,
        approved_on=approved_on,
    )


def record_committee_opinion(
    *, actor: User, case: ReconsiderationCase, ground: int | None, on: dt.date | None, opinion: str
) -> ReconsiderationCase:
    """行政复议委员会的咨询意见 (第五十二条): the ground of 第二款 that sent the case to the committee, the day and
    the opinion, recorded before the decision."""
    require_office(actor)
    if on is not None:
        rules.validate_event_on(case, "committee_consulted_on", on)
    rules.validate_in_review(case, "记录行政复议委员会的咨询意见")
    outcomes.validate_committee_record(ground=ground, on=on, opinion=opinion)
    data = {"committee_ground": ground, "committee_consulted_on": on, "committee_opinion": opinion.strip()}
    return update_case_fields(actor=actor, case=case, data=data)


def record_review(
    *,
    actor: User,
    case: ReconsiderationCase,
    respondent_statement: str = "",
    findings: str = "",
    legal_basis: str = "",
    third_parties: str = "",
    copy_report_to: str = "",
) -> ReconsiderationCase:
    """The record the decision document is written from: 被申请人称, 经审理查明, 依据, 第三人 (第十六条) and the
    unit the decision and opinion letters are copied to (抄告, 第七十九条第二款)."""
    require_office(actor)
    data = {
        "respondent_statement": respondent_statement.strip(),
        "findings": findings.strip(),
        "legal_basis": legal_basis.strip(),
        "third_parties": third_parties.strip(),
        "copy_report_to": copy_report_to.strip(),
    }
    return update_case_fields(actor=actor, case=case, data=data)


def issue_opinion_letter(
    *, actor: User, case: ReconsiderationCase, issued_on: dt.date, addressee: Organization, content: str
) -> OpinionLetter:
    """行政复议意见书 (第七十六条) to the respondent or another lower agency; its 60-day reply clock starts when
    the agency receives it (until then from the day it was issued, provisionally)."""
    require_office(actor)
    validate_date_happened(issued_on, "制发日期", "issued_on")
    outcomes.validate_opinion_letter(issued_on=issued_on, content=content, addressee=addressee)
    if not access.in_same_district(actor, addressee):
        raise ValidationError({"addressee": "意见书应制发给本区（县）的行政机关（行政复议法第七十六条）。"})
    letter = OpinionLetter(case=case, addressee=addressee, issued_on=issued_on, content=content.strip())
    with transaction.atomic():
        access.check(actor, case, access.CHANGE)
        core_services.create_record(actor=actor, instance=letter, note="制发行政复议意见书")
    return letter


def record_letter_progress(
    *,
    actor: User,
    letter: OpinionLetter,
    served_on: dt.date | None = None,
    replied_on: dt.date | None = None,
    reply: str = "",
) -> OpinionLetter:
    """意见书送达 (the 60 days run from receipt) and the agency's report of its correction (第七十六条)."""
    require_office(actor)
    data: dict = {}
    if served_on is not None:
        data["served_on"] = served_on
    if replied_on is not None:
        data["replied_on"], data["reply"] = replied_on, reply.strip()
    with transaction.atomic():
        core_services.update_record(actor=actor, instance=letter, data=data)
    return letter


def mediate(
    *, actor: User, case: ReconsiderationCase, on: dt.date, summary: str, corrected: bool = False
) -> ReconsiderationCase:
    """调解书 (第七十三条)."""
    rules.validate_event_on(case, "concluded_on", on)
    return _transition(actor, case, "mediate", on=on, summary=summary, corrected=corrected)


def terminate(
    *,
    actor: User,
    case: ReconsiderationCase,
    on: dt.date,
    reason: str,
    settled: bool = False,
    corrected: bool = False,
) -> ReconsiderationCase:
    """终止 (第四十一条), including withdrawal after settlement (和解, 第七十四条)."""
    rules.validate_event_on(case, "concluded_on", on)
    rules.validate_termination(reason=reason)
    return _transition(
        actor, case, "terminate", reason, on=on, reason=reason, settled=settled, corrected=corrected
    )


def withdraw(
    *, actor: User, case: ReconsiderationCase, on: dt.date, reason: str = "", deemed: bool = False
) -> ReconsiderationCase:
    """撤回 before acceptance; `deemed`: 视为放弃 (第三十一条), only once the supplement period has run out."""
    rules.validate_event_on(case, "concluded_on", on)
    check_event(case, Event("withdrawn", on, deemed=deemed), "concluded_on")
    if deemed:
        reason = reason.strip() or "申请人无正当理由逾期不补正，视为放弃行政复议申请（行政复议法第三十一条）"
    return _transition(actor, case, "withdraw", reason, on=on, reason=reason)


def record_supplement_service(*, actor: User, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    """补正通知送达: the applicant received the notice on `on`; the ten working days run from that day (第三十一条)."""
    require_office(actor)
    rules.validate_event_on(case, "supplement_served_on", on)
    check_event(case, Event("supplement_served", on), "supplement_served_on")
    data = {"supplement_served_on": on, "supplement_served_provisional": False}
    return update_case_fields(actor=actor, case=case, data=data)


def extend_supplement(
    *, actor: User, case: ReconsiderationCase, on: dt.date, days: int, reason: str
) -> ReconsiderationCase:
    """延长补正期限 (第三十一条第二款): for a stated good reason, before the period has run out."""
    require_office(actor)
    rules.validate_event_on(case, "supplement_extended_on", on)
    check_event(case, Event("extended", on, days=days, reason=reason), "supplement_extension_reason")
    data = {
        "supplement_extension_days": case.supplement_extension_days + days,
        "supplement_extension_reason": reason.strip(),
        "supplement_extended_on": on,
    }
    return update_case_fields(actor=actor, case=case, data=data)


def record_copy_service(*, actor: User, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    """副本送达: the respondent received the copy on `on`; its answer period runs from that day (第四十八条)."""
    require_office(actor)
    rules.validate_event_on(case, "copy_served_on", on)
    check_event(case, Event("copy_served", on), "copy_served_on")
    return update_case_fields(
        actor=actor, case=case, data={"copy_served_on": on, "copy_served_provisional": False}
    )


def close(*, actor: User, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    """结案归档."""
    rules.validate_event_on(case, "closed_on", on)
    return _transition(actor, case, "close", on=on)


TRANSITION_SERVICES = {
    "request_supplement": request_supplement,
    "receive_supplement": receive_supplement,
    "accept": accept,
    "deem_accepted": deem_accepted,
    "refuse": refuse,
    "send_copy": send_copy,
    "suspend": suspend,
    "resume": resume,
    "extend": extend,
    "decide": decide,
    "reject_application": reject_application,
    "mediate": mediate,
    "terminate": terminate,
    "withdraw": withdraw,
    "close": close,
}
"""The service that takes each transition of ReconsiderationCase (the pages, the API and the tests use it)."""
