"""Every change to reconsideration cases: keyword-only functions that check access and the statutory rules, save,
recompute the clocks and write the audit trail in one transaction. Pages, admin, API, ledgers and CLI call these."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, clock, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Role, User

from . import clocks, rules
from .models import (
    CORRECTIONS,
    DocketSequence,
    Hearing,
    HearingOpinion,
    ReconsiderationCase,
    Suspension,
)

Case = ReconsiderationCase
REGISTRATION_FIELDS = [
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
]


def _require_office(actor: User) -> None:
    if not access.has_role(actor, Role.RECONSIDERATION_STAFF, Role.JUSTICE_ADMIN):
        raise PermissionDenied("行政复议案件由行政复议机构（复议工作人员）办理。")


def next_docket_seq(year: int) -> int:
    """Take the next number of the year under a row lock: concurrent registrations wait, none shares a number,
    and a registration that fails rolls the counter back with its transaction, so numbers stay gapless."""
    DocketSequence.objects.get_or_create(year=year)
    sequence = DocketSequence.objects.select_for_update().get(year=year)
    sequence.last_seq += 1
    sequence.save(update_fields=["last_seq"])
    return sequence.last_seq


def assign_docket(case: Case) -> Case:
    case.docket_year = case.received_on.year
    case.docket_seq = next_docket_seq(case.docket_year)
    case.docket_number = rules.docket_number(case.docket_year, case.docket_seq)
    return case


def register_case(*, actor: User, organization: Organization, **fields) -> Case:
    """收到: register an application with the next docket number of its year; the examination clock starts."""
    _require_office(actor)
    unknown = set(fields) - set(REGISTRATION_FIELDS)
    if unknown:
        raise ValidationError(f"未知的字段：{'、'.join(sorted(unknown))}")
    case = Case(organization=organization, **fields)
    with transaction.atomic():
        access.check_create(actor, Case, organization)
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


def update_case(*, actor: User, case: Case, **fields) -> Case:
    """Correct the application's particulars; the docket number and the year it belongs to stay as given."""
    _require_office(actor)
    unknown = set(fields) - set(REGISTRATION_FIELDS) - {"opinions_not_heard_reason"}
    if unknown:
        raise ValidationError(f"以下字段不能在此修改：{'、'.join(sorted(unknown))}")
    received = fields.get("received_on")
    if received and received.year != case.docket_year:
        raise ValidationError({"received_on": f"案号属于{case.docket_year}年，收到日期不能改到其他年度。"})
    with transaction.atomic():
        core_services.update_record(actor=actor, instance=case, data=fields)
        clocks.refresh(case)
    return case


def _transition(actor: User, case: Case, name: str, note: str = "", **kwargs) -> Case:
    with transaction.atomic():
        workflow.run_transition(actor=actor, instance=case, name=name, note=note, **kwargs)
        clocks.refresh(case)
    return case


def _clock(case: Case, kind: str):
    return case.clocks.filter(kind=kind).first()


def request_supplement(*, actor: User, case: Case, on: dt.date, items: str, note: str = "") -> Case:
    """补正通知 (第三十一条): within the five-day examination period; the applicant then has ten working days."""
    exam = _clock(case, clocks.K.EXAMINATION)
    if exam and on > exam.due_on:
        raise ValidationError(
            {
                "supplement_requested_on": f"补正通知应在受理审查期限（{exam.due_on:%Y年%m月%d日}）内发出（行政复议法第三十一条）。"
            }
        )
    return _transition(actor, case, "request_supplement", note, on=on, items=items)


def receive_supplement(*, actor: User, case: Case, on: dt.date, note: str = "") -> Case:
    """Supplemented materials received: the examination period starts again from that day."""
    return _transition(actor, case, "receive_supplement", note, on=on)


def accept(*, actor: User, case: Case, on: dt.date, procedure: str = "", note: str = "") -> Case:
    """受理: the copy and decision clocks start from the acceptance date."""
    if procedure and procedure not in Case.Procedure.values:
        raise ValidationError({"procedure": "审理程序应为普通程序或简易程序。"})
    return _transition(actor, case, "accept", note, on=on, procedure=procedure)


def deem_accepted(*, actor: User, case: Case, on: dt.date | None = None) -> Case:
    """视为受理 (第三十条第三款): the examination period ended with no refusal; accepted from the day it ended."""
    on = on or clock.today()
    exam = _clock(case, clocks.K.EXAMINATION)
    if case.status != Case.Status.RECEIVED or exam is None or exam.due_on >= on:
        raise ValidationError("受理审查期限尚未届满，不能视为受理（行政复议法第三十条）。")
    return _transition(
        actor, case, "deem_accepted", "审查期限届满未作出不予受理决定，视为受理", on=exam.due_on
    )


def deem_overdue_acceptances(*, actor: User, on: dt.date | None = None) -> list[Case]:
    """Apply 第三十条 to every case of `actor`'s scope whose examination period has ended with no decision."""
    on = on or clock.today()
    due = access.scope(actor, Case.objects.filter(status=Case.Status.RECEIVED), access.CHANGE).filter(
        clocks__kind=clocks.K.EXAMINATION, clocks__due_on__lt=on
    )
    return [deem_accepted(actor=actor, case=c, on=on) for c in due]


def refuse(*, actor: User, case: Case, on: dt.date, reason: str, note: str = "") -> Case:
    """不予受理 (第三十条): with reasons, within the examination period; after it the case counts as accepted."""
    exam = _clock(case, clocks.K.EXAMINATION)
    if exam and on > exam.due_on:
        raise ValidationError(
            {
                "refused_on": f"受理审查期限已于{exam.due_on:%Y年%m月%d日}届满，依行政复议法第三十条视为受理，不能再作出不予受理决定。"
            }
        )
    return _transition(actor, case, "refuse", note, on=on, reason=reason)


def send_copy(*, actor: User, case: Case, on: dt.date, note: str = "") -> Case:
    """提出答复通知: the copy sent to the respondent; the answer clock starts."""
    return _transition(actor, case, "send_copy", note, on=on)


def record_answer(*, actor: User, case: Case, on: dt.date) -> Case:
    """The respondent's written answer with its evidence and basis (第四十八条)."""
    _require_office(actor)
    if case.status not in (Case.Status.REVIEWING, Case.Status.SUSPENDED):
        raise ValidationError("只有审理中的案件可以登记被申请人答复。")
    return update_case_field(actor=actor, case=case, data={"answer_received_on": on})


def update_case_field(*, actor: User, case: Case, data: dict) -> Case:
    with transaction.atomic():
        core_services.update_record(actor=actor, instance=case, data=data)
        clocks.refresh(case)
    return case


def convert_to_ordinary(*, actor: User, case: Case, on: dt.date, reason: str) -> Case:
    """简易程序转普通程序 (第五十五条), with approval; the ordinary periods apply from acceptance."""
    _require_office(actor)
    if case.procedure != Case.Procedure.SIMPLIFIED:
        raise ValidationError("该案件不是简易程序，无需转换。")
    if case.status not in Case.IN_REVIEW:
        raise ValidationError("只有受理后、办结前的案件可以转换审理程序。")
    if not reason.strip():
        raise ValidationError(
            {"conversion_reason": "请写明转为普通程序的理由及批准人（行政复议法第五十五条）。"}
        )
    data = {"procedure": Case.Procedure.ORDINARY, "converted_on": on, "conversion_reason": reason.strip()}
    return update_case_field(actor=actor, case=case, data=data)


def suspend(*, actor: User, case: Case, on: dt.date, reason: str) -> Case:
    """中止 (第三十九条): the decision clock stops from `on`."""
    if not reason.strip():
        raise ValidationError({"reason": "请写明中止审理的理由（行政复议法第三十九条）。"})
    if case.accepted_on and on < case.accepted_on:
        raise ValidationError({"suspended_on": "中止日期不能早于受理日期。"})
    with transaction.atomic():
        workflow.run_transition(actor=actor, instance=case, name="suspend", note=reason)
        core_services.create_record(
            actor=actor, instance=Suspension(case=case, suspended_on=on, reason=reason.strip())
        )
        clocks.refresh(case)
    return case


def resume(*, actor: User, case: Case, on: dt.date) -> Case:
    """恢复审理: the suspended days are added to the decision period."""
    with transaction.atomic():
        open_suspension = case.suspensions.filter(resumed_on__isnull=True).order_by("-pk").first()
        workflow.run_transition(actor=actor, instance=case, name="resume")
        if open_suspension is not None:
            core_services.update_record(actor=actor, instance=open_suspension, data={"resumed_on": on})
        clocks.refresh(case)
    return case


def extend(
    *, actor: User, case: Case, days: int, approved_by: str, approved_on: dt.date, reason: str
) -> Case:
    """延期 (第六十二条): once, approved by the head of the office, at most 30 days, before the period ends."""
    decision = _clock(case, clocks.K.DECISION)
    if decision and approved_on > decision.due_on:
        raise ValidationError(
            {"extension_approved_on": f"审理期限已于{decision.due_on:%Y年%m月%d日}届满，不能再批准延期。"}
        )
    return _transition(
        actor,
        case,
        "extend",
        reason,
        days=days,
        approved_by=approved_by,
        approved_on=approved_on,
        reason=reason,
    )


def record_opinion(
    *, actor: User, case: Case, heard_on: dt.date, method: str, with_whom: str, summary: str = ""
) -> HearingOpinion:
    """听取意见 (第四十九条)."""
    _require_office(actor)
    if case.status not in Case.IN_REVIEW:
        raise ValidationError("只有受理后、办结前的案件可以记录听取意见。")
    if case.accepted_on and heard_on < case.accepted_on:
        raise ValidationError({"heard_on": "听取意见日期不能早于受理日期。"})
    opinion = HearingOpinion(
        case=case, heard_on=heard_on, method=method, with_whom=with_whom.strip(), summary=summary
    )
    return core_services.create_record(actor=actor, instance=opinion)


def schedule_hearing(
    *,
    actor: User,
    case: Case,
    notified_on: dt.date,
    scheduled_on: dt.date,
    presiding: str,
    officers: str,
    clerk: str,
) -> Hearing:
    """听证通知 (第五十一条): the hearing no earlier than five working days after the notice."""
    _require_office(actor)
    if case.status not in Case.IN_REVIEW:
        raise ValidationError("只有受理后、办结前的案件可以安排听证。")
    hearing = Hearing(
        case=case,
        notified_on=notified_on,
        scheduled_on=scheduled_on,
        presiding=presiding,
        officers=officers,
        clerk=clerk,
    )
    clock = clocks.hearing_notice_clock(hearing)
    if scheduled_on < clock.due:
        raise ValidationError(
            {
                "scheduled_on": f"听证应于通知五个工作日后举行，最早为{clock.due:%Y年%m月%d日}（行政复议法第五十一条）。"
            }
        )
    hearing.notice_explanation = clock.explanation
    with transaction.atomic():
        core_services.create_record(actor=actor, instance=hearing)
        clocks.refresh(case)
    return hearing


def hold_hearing(*, actor: User, hearing: Hearing, held_on: dt.date, attendees: str, record: str) -> Hearing:
    """The hearing took place: who attended and the record."""
    _require_office(actor)
    if held_on < hearing.scheduled_on:
        raise ValidationError({"held_on": "听证举行日期不能早于通知的听证日期。"})
    if not record.strip():
        raise ValidationError({"record": "请填写听证笔录要点。"})
    with transaction.atomic():
        core_services.update_record(
            actor=actor, instance=hearing, data={"held_on": held_on, "attendees": attendees, "record": record}
        )
        clocks.refresh(hearing.case)
    return hearing


def decide(*, actor: User, case: Case, on: dt.date, outcome: str, summary: str, note: str = "") -> Case:
    """行政复议决定 (第六十三至六十九条)."""
    return _transition(actor, case, "decide", note, on=on, outcome=outcome, summary=summary)


def mediate(*, actor: User, case: Case, on: dt.date, summary: str, corrected: bool = False) -> Case:
    """调解书 (第七十三条)."""
    return _transition(actor, case, "mediate", on=on, summary=summary, corrected=corrected)


def terminate(
    *, actor: User, case: Case, on: dt.date, reason: str, settled: bool = False, corrected: bool = False
) -> Case:
    """终止 (第四十一条), including withdrawal after settlement (和解, 第七十四条)."""
    return _transition(
        actor, case, "terminate", reason, on=on, reason=reason, settled=settled, corrected=corrected
    )


def withdraw(*, actor: User, case: Case, on: dt.date, reason: str = "") -> Case:
    """撤回 before acceptance; an applicant who misses the supplement period without reason is deemed to withdraw."""
    return _transition(actor, case, "withdraw", reason, on=on, reason=reason)


def close(*, actor: User, case: Case, on: dt.date) -> Case:
    """结案归档."""
    return _transition(actor, case, "close", on=on)


def record_platform_entry(*, actor: User, case: Case, on: dt.date, number: str = "") -> Case:
    """The day the case was entered on the national reconsideration platform (全国行政复议工作平台)."""
    _require_office(actor)
    if on < case.received_on:
        raise ValidationError({"platform_entered_on": "录入平台日期不能早于收到申请日期。"})
    return update_case_field(
        actor=actor, case=case, data={"platform_entered_on": on, "platform_number": number.strip()}
    )


def open_supervision_clue(*, actor: User, case: Case, on: dt.date | None = None):
    """一键移送: a correction decision opens a supervision clue (source 行政复议结果) about the respondent, for the
    office's own unit (the Justice Bureau supervises enforcement), linked both ways (case.supervision_clue,
    clue.reconsideration_case)."""
    from fazhi.enforcement.models import EnforcementBody, SupervisionClue
    from fazhi.enforcement.services import register_clue

    _require_office(actor)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        access.check(actor, locked, access.CHANGE)
        if locked.supervision_clue_id:
            raise ValidationError(f"该案件已移送执法监督线索（{locked.supervision_clue}）。")
        if locked.outcome not in CORRECTIONS:
            raise ValidationError(rules.outcome_is_correction.message)
        clue = register_clue(
            actor=actor,
            source=SupervisionClue.Source.RECONSIDERATION,
            received_on=on or locked.concluded_on or clock.today(),
            # handled by the office's own unit (司法局执法监督), naming the respondent's enforcement body if it is one
            organization=locked.organization,
            body=EnforcementBody.objects.filter(organization=locked.respondent).first(),
            content=(
                f"行政复议案件{locked.docket_number}：{locked.respondent.name}作出的“{locked.contested_act}”"
                f"经行政复议决定{locked.get_outcome_display()}。{locked.conclusion}"
            ),
            external_number=locked.docket_number,
            category="行政复议纠错",
        )
        core_services.update_record(
            actor=actor, instance=locked, data={"supervision_clue": clue}, note="复议纠错移送执法监督线索"
        )
    case.refresh_from_db()
    return clue


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
    "mediate": mediate,
    "terminate": terminate,
    "withdraw": withdraw,
    "close": close,
}
