"""A case decided before the platform (历史案件) in the reconsideration ledger: the columns of its steps, and the check
that drives the same services a live case goes through (register → 受理 → 发送答复通知 → 听取意见 → 中止、恢复 → 延期 → 决定、调解、
终止、驳回申请，or 不予受理、撤回 → 结案归档) in a savepoint that is always rolled back. The record the import writes is
the one those services produced: the dates as the transitions stored them (an acceptance after the 第三十条 period is
deemed from the day it ended, as on the page), refusals as the services give them (an extension after the
第六十二条 period, a decision without the 第六十一条 approval, …), and the periods it overran said once imported."""

from __future__ import annotations

import copy

from fazhi.core import workflow
from fazhi.core.io.ledgers import CellError, Column, StepColumns, rehearse

from .. import services
from ..models import HearingOpinion, Outcome, ReconsiderationCase, Suspension
from ..rules.outcomes import APPROVALS
from ..services import hearings as hearing_services

DECISIONS = {
    Outcome.CHANGE,
    Outcome.REVOKE,
    Outcome.PARTIAL_REVOKE,
    Outcome.CONFIRM_ILLEGAL,
    Outcome.ORDER_PERFORMANCE,
    Outcome.CONFIRM_INVALID,
    Outcome.UPHOLD,
    Outcome.DISMISS,
}


def _first_opinion(case: ReconsiderationCase) -> HearingOpinion | None:
    opinions = list(case.opinions.all()) if case.pk else []
    return min(opinions, key=lambda o: (o.heard_on, o.pk)) if opinions else None


def _first_suspension(case: ReconsiderationCase) -> Suspension | None:
    if hasattr(case, "_history_suspension"):  # a case driven in the rolled-back savepoint
        return case._history_suspension
    suspensions = list(case.suspensions.all()) if case.pk else []
    return min(suspensions, key=lambda s: (s.suspended_on, s.pk)) if suspensions else None


def _suspension_getter(name: str):
    def get(case):
        suspension = _first_suspension(case)
        return getattr(suspension, name) if suspension else None

    return get


def _opinion_getter(name: str):
    def get(case):
        opinion = _first_opinion(case)
        return getattr(opinion, name) if opinion else None

    return get


COLUMNS = [
    Column(
        "accepted_on",
        "受理日期",
        "平台启用前已受理的案件填写；审查期限届满后才受理的，依第三十条第三款自期限届满之日起视为受理",
        kind="date",
        example="2025-03-05",
    ),
    Column("copy_sent_on", "发送答复通知日期", "向被申请人发送申请书副本、提出答复通知的日期", kind="date"),
    Column("copy_served_on", "被申请人收到副本日期", kind="date"),
    Column("answer_received_on", "收到答复日期", kind="date"),
    Column(
        "opinion_heard_on",
        "听取意见日期",
        "普通程序须听取当事人意见（第四十九条）；填写时须同时填写方式和对象",
        kind="date",
        getter=_opinion_getter("heard_on"),
    ),
    Column(
        "opinion_method",
        "听取意见方式",
        kind="choice",
        choices=HearingOpinion.Method.choices,
        getter=_opinion_getter("method"),
    ),
    Column("opinion_with", "听取意见对象", max_length=200, getter=_opinion_getter("with_whom")),
    Column("opinions_not_heard_reason", "未听取意见的理由", "因当事人原因不能听取意见、书面审理的，写明理由"),
    Column(
        "suspended_on",
        "中止日期",
        "审理中依第三十九条中止的日期（一案一次；中止期间不计入审理期限）",
        kind="date",
        getter=_suspension_getter("suspended_on"),
    ),
    Column(
        "suspension_ground",
        "中止情形",
        "行政复议法第三十九条第一款第几项（1至10）",
        kind="int",
        getter=_suspension_getter("ground"),
    ),
    Column("suspension_reason", "中止理由", max_length=300, getter=_suspension_getter("reason")),
    Column("resumed_on", "恢复审理日期", kind="date", getter=_suspension_getter("resumed_on")),
    Column(
        "extension_days", "延长审理天数", "经批准延长审理期限的天数（第六十二条，最多三十日）", kind="int"
    ),
    Column("extension_approved_by", "延期批准人", max_length=60),
    Column("extension_approved_on", "延期批准日期", kind="date"),
    Column("extension_reason", "延期理由", max_length=300),
    Column(
        "outcome",
        "结案方式",
        "已办结的案件填写；不予受理、撤回的无需受理日期",
        kind="choice",
        choices=Outcome.choices,
        example="维持",
    ),
    Column("concluded_on", "办结日期", "决定、调解、终止、不予受理或撤回的日期", kind="date"),
    Column("conclusion", "决定要旨或理由", "决定要旨，或不予受理、终止、驳回申请、撤回的理由"),
    Column("corrected_by_agreement", "调解和解中纠正了行政行为", kind="bool"),
    Column(
        "approval", "决定的审批方式", "行政复议法第六十一条", kind="choice", choices=list(APPROVALS.items())
    ),
    Column("approved_by", "同意的负责人或通过的会议", max_length=120),
    Column("approved_on", "同意或通过日期", kind="date"),
    Column("closed_on", "结案归档日期", kind="date"),
]
STEPS = StepColumns(COLUMNS, field_headers={"status": "结案方式"})
OPINION_KEYS = ("opinion_heard_on", "opinion_method", "opinion_with")
SUSPENSION_KEYS = ("suspended_on", "suspension_ground", "suspension_reason", "resumed_on")

CASE_FIELDS = [k for k in STEPS.keys if k not in OPINION_KEYS + SUSPENSION_KEYS]
"""The case's own fields a history row sets (through the services)."""


def values_of(case: ReconsiderationCase, opinion: HearingOpinion | None) -> dict:
    out = {k: getattr(case, k) for k in CASE_FIELDS}
    out["opinion_heard_on"] = opinion.heard_on if opinion else None
    out["opinion_method"] = opinion.method if opinion else ""
    out["opinion_with"] = opinion.with_whom if opinion else ""
    suspension = _first_suspension(case)
    out["suspended_on"] = suspension.suspended_on if suspension else None
    out["suspension_ground"] = suspension.ground if suspension else None
    out["suspension_reason"] = suspension.reason if suspension else ""
    out["resumed_on"] = suspension.resumed_on if suspension else None
    return out


def current(case: ReconsiderationCase) -> dict:
    """The history values of a stored case."""
    return values_of(case, _first_opinion(case))


def _steps(values: dict):
    """(column the step answers to, service call) in the order of the workflow."""
    outcome, on, reason = values["outcome"], values["concluded_on"], values["conclusion"]
    if outcome == Outcome.REFUSED:
        yield "结案方式", lambda a, c: services.refuse(actor=a, case=c, on=on, reason=reason)
        return
    if outcome == Outcome.WITHDRAWAL:
        yield "结案方式", lambda a, c: services.withdraw(actor=a, case=c, on=on, reason=reason)
        return
    if values["accepted_on"]:
        yield (
            "受理日期",
            lambda a, c: services.accept(
                actor=a, case=c, on=values["accepted_on"], procedure=values.get("procedure") or ""
            ),
        )
    if values["copy_sent_on"]:
        yield "发送答复通知日期", lambda a, c: services.send_copy(actor=a, case=c, on=values["copy_sent_on"])
    if values["copy_served_on"]:
        yield (
            "被申请人收到副本日期",
            lambda a, c: services.record_copy_service(actor=a, case=c, on=values["copy_served_on"]),
        )
    if values["answer_received_on"]:
        yield (
            "收到答复日期",
            lambda a, c: services.record_answer(actor=a, case=c, on=values["answer_received_on"]),
        )
    if values["opinion_heard_on"] or values["opinion_method"] or values["opinion_with"]:
        yield (
            "听取意见日期",
            lambda a, c: hearing_services.record_opinion(
                actor=a,
                case=c,
                heard_on=values["opinion_heard_on"],
                method=values["opinion_method"],
                with_whom=values["opinion_with"],
            ),
        )
    if values["opinions_not_heard_reason"]:
        yield (
            "未听取意见的理由",
            lambda a, c: services.update_case(
                actor=a, case=c, opinions_not_heard_reason=values["opinions_not_heard_reason"]
            ),
        )
    if values["suspended_on"] or values["suspension_ground"] or values["resumed_on"]:
        yield (
            "中止日期",
            lambda a, c: services.suspend(
                actor=a,
                case=c,
                on=values["suspended_on"],
                ground=values["suspension_ground"],
                reason=values["suspension_reason"] or "",
            ),
        )
    if values["resumed_on"]:
        yield "恢复审理日期", lambda a, c: services.resume(actor=a, case=c, on=values["resumed_on"])
    if values["extension_days"] or values["extension_approved_on"]:
        yield (
            "延长审理天数",
            lambda a, c: services.extend(
                actor=a,
                case=c,
                days=values["extension_days"] or 0,
                approved_by=values["extension_approved_by"],
                approved_on=values["extension_approved_on"],
                reason=values["extension_reason"],
            ),
        )
    approval = {
        "approval": values["approval"],
        "approved_by": values["approved_by"],
        "approved_on": values["approved_on"],
    }
    corrected = values["corrected_by_agreement"]
    endings = {
        Outcome.REJECTED_APPLICATION: lambda a, c: services.reject_application(
            actor=a, case=c, on=on, reason=reason, **approval
        ),
        Outcome.MEDIATION: lambda a, c: services.mediate(
            actor=a, case=c, on=on, summary=reason, corrected=corrected
        ),
        Outcome.SETTLEMENT: lambda a, c: services.terminate(
            actor=a, case=c, on=on, reason=reason, settled=True, corrected=corrected
        ),
        Outcome.TERMINATION: lambda a, c: services.terminate(
            actor=a, case=c, on=on, reason=reason, corrected=corrected
        ),
    }
    if outcome in DECISIONS:
        yield (
            "结案方式",
            lambda a, c: services.decide(actor=a, case=c, on=on, outcome=outcome, summary=reason, **approval),
        )
    elif outcome:
        yield "结案方式", endings[outcome]
    if values["closed_on"]:
        yield "结案归档日期", lambda a, c: services.close(actor=a, case=c, on=values["closed_on"])


TRANSITION_OF_OUTCOME = {
    **dict.fromkeys(DECISIONS, "decide"),
    Outcome.REJECTED_APPLICATION: "reject_application",
    Outcome.MEDIATION: "mediate",
    Outcome.SETTLEMENT: "terminate",
    Outcome.TERMINATION: "terminate",
}
EARLIER_STEPS = "受理日期、发送答复通知日期"


def _check_reachable(case: ReconsiderationCase, outcome: str) -> None:
    """An ending the workflow does not allow from where the recorded steps left the case: say which steps are
    missing rather than the bare state error."""
    name = TRANSITION_OF_OUTCOME.get(outcome)
    if name and workflow.transition_of(case, name) is None:
        raise CellError(
            f"结案方式为“{Outcome(outcome).label}”的，案件须先经过受理和审理，但按所填步骤案件处于"
            f"“{case.get_status_display()}”；请填写此前的步骤（{EARLIER_STEPS}）。",
            column="结案方式",
        )


def _check_shape(values: dict) -> None:
    """What a row must say for its steps to be read at all (the steps themselves are checked by the services)."""
    if values["concluded_on"] and not values["outcome"]:
        raise CellError("填写了办结日期的，须选择结案方式。", column="结案方式")
    if values["outcome"] and not values["concluded_on"]:
        raise CellError("已办结的案件须填写办结日期。", column="办结日期")
    if values["closed_on"] and not values["outcome"]:
        raise CellError("结案归档的案件须先办结：请选择结案方式并填写办结日期。", column="结案方式")
    if values["outcome"] in (Outcome.REFUSED, Outcome.WITHDRAWAL) and values["accepted_on"]:
        label = Outcome(values["outcome"]).label
        raise CellError(f"结案方式为“{label}”的案件未经受理，不应填写受理日期。", column="受理日期")


def drive(
    *, actor, particulars: dict, values: dict
) -> tuple[ReconsiderationCase, HearingOpinion | None, list[str]]:
    """Register the application and take each recorded step through the services, in a savepoint rolled back at the
    end: returns the case as the services left it (unsaved copy), its opinion heard and the periods it overran.
    A step the services refuse raises CellError under the step's column with the service's message."""
    _check_shape(values)

    def reach(column: str, case: ReconsiderationCase) -> None:
        if column == "结案方式":
            _check_reachable(case, values["outcome"])

    def run():
        case = services.register_case(actor=actor, **particulars)
        STEPS.take(actor, case, _steps(values), before=reach)
        opinion = _first_opinion(case)
        suspension = _first_suspension(case)
        warnings = [
            f"{c.get_kind_display()}已逾期：{c.due_on:%Y年%m月%d日}届满，{c.met_on:%Y年%m月%d日}完成（{c.rule}）"
            for c in case.clocks.all()
            if c.met_on and c.met_on > c.due_on
        ]
        if case.deemed_accepted:
            warnings.insert(
                0,
                f"审查期限届满未作出不予受理决定，依行政复议法第三十条第三款自{case.accepted_on:%Y年%m月%d日}起视为受理",
            )
        driven = copy.copy(case)
        driven._history_suspension = copy.copy(suspension) if suspension else None
        return driven, copy.copy(opinion) if opinion else None, warnings

    return rehearse(run)


def as_new(
    case: ReconsiderationCase, opinion: HearingOpinion | None, warnings: list[str]
) -> ReconsiderationCase:
    """The driven case as a record the ledger writes: no id, no number yet (save() numbers it in the locked
    sequence), its opinion kept for save() and its warnings for the import's report."""
    case.pk = case.id = None
    case.docket_number, case.docket_seq = "待编号", 0
    if opinion is not None:
        opinion.pk = opinion.id = None
    case._history_opinion = opinion
    case._history_warnings = warnings
    if case._history_suspension is not None:
        case._history_suspension.pk = case._history_suspension.id = None
    return case
