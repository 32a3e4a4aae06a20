"""A lawsuit judged before the platform (历史案件) in the lawsuit ledger: the columns of its steps, and the check that
drives the same services a live lawsuit goes through (收案 → 提交答辩 → 法院建议负责人出庭 → 开庭 → 裁判 → 裁判文书送达 →
上诉 → 生效 → 履行) in a savepoint that is always rolled back. The record the import writes is the one those services
produced: its effective result and duty to perform as rules/lawsuits.py derives them (驳回上诉、维持原判 carries the
first instance's), so 败诉率, 出庭率 and 履行率 count it like a lawsuit handled on the platform."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import ids
from fazhi.core.io.ledgers import Column, StepColumns, rehearse

from ..models import Hearing, Lawsuit
from ..rules import lawsuits as rules
from ..services import lawsuits as services


def chosen_hearing(lawsuit: Lawsuit) -> Hearing | None:
    """The session the ledger shows: one at which the head appeared, else the first."""
    hearings = sorted(lawsuit.hearings.all(), key=lambda h: (h.held_on, h.pk)) if lawsuit.pk else []
    return next((h for h in hearings if h.head_appeared), hearings[0] if hearings else None)


def _hearing(name: str):
    def get(lawsuit):
        hearing = chosen_hearing(lawsuit)
        return getattr(hearing, name) if hearing else None

    return get


def _head_id(lawsuit):
    hearing = chosen_hearing(lawsuit)
    return ids.mask_id_number(hearing.head.id_number) if hearing and hearing.head_id else ""


COLUMNS = [
    Column("defence_submitted_on", "提交答辩日期", kind="date", example="2025-03-12"),
    Column("head_requested_on", "法院书面建议负责人出庭日期", kind="date"),
    Column(
        "held_on",
        "开庭日期",
        "平台启用前已开庭的填写；多次开庭的，填负责人出庭的那次（无负责人出庭的填第一次）",
        kind="date",
        getter=_hearing("held_on"),
        example="2025-04-10",
    ),
    Column("head_appeared", "负责人出庭", kind="bool", getter=_hearing("head_appeared"), example="是"),
    Column(
        "head",
        "出庭负责人证件号码",
        "出庭的被告行政机关负责人的居民身份证号（须已在人员台账中）；导出时脱敏，原样导回不改变",
        as_text=True,
        getter=_head_id,
    ),
    Column("absence_reason", "负责人未出庭原因", getter=_hearing("absence_reason")),
    Column(
        "explanation_sealed",
        "已提交加盖印章的书面说明",
        kind="bool",
        getter=_hearing("explanation_sealed"),
    ),
    Column("staff", "出庭工作人员", max_length=200, getter=_hearing("staff")),
    Column("lawyer", "委托律师", max_length=200, getter=_hearing("lawyer")),
    Column(
        "outcome", "裁判结果", kind="choice", choices=rules.OUTCOME_CHOICES, example="判决驳回原告诉讼请求"
    ),
    Column("judged_on", "裁判日期", kind="date", example="2025-05-10"),
    Column("judgment_summary", "裁判要旨"),
    Column("judgment_served_on", "裁判文书送达日期", kind="date"),
    Column("appealed_on", "上诉日期", kind="date"),
    Column("appellant", "上诉人", max_length=120),
    Column("effective_on", "生效日期", "裁判发生法律效力之日；上诉的一审留空，由二审登记", kind="date"),
    Column("performance_due", "履行期限", kind="date"),
    Column("performed_on", "履行日期", kind="date"),
    Column("performance_note", "履行情况"),
]
STEPS = StepColumns(COLUMNS)
HEARING_KEYS = ("held_on", "head_appeared", "head", "absence_reason", "explanation_sealed", "staff", "lawyer")


def values_of(lawsuit: Lawsuit, hearing: Hearing | None) -> dict:
    """The step values of a lawsuit and its hearing, as a row gives them (the head as a person id)."""
    out = {k: getattr(lawsuit, k) for k in STEPS.keys if k not in HEARING_KEYS}
    for col in COLUMNS:
        if col.key in HEARING_KEYS:
            out[col.key] = getattr(hearing, col.key) if hearing else col.empty()
    out["head"] = hearing.head_id if hearing else None
    return out


def current(lawsuit: Lawsuit) -> dict:
    return values_of(lawsuit, chosen_hearing(lawsuit))


def comparable(values: dict) -> dict:
    """The row's step values with the head as a person id (as `values_of` gives it)."""
    out = {k: values[k] for k in STEPS.keys}
    out["head"] = values["head"].pk if values.get("head") is not None else None
    return out


def _steps(v: dict):
    """(column the step answers to, service call) in the order of the workflow."""
    if v["defence_submitted_on"]:
        yield (
            "提交答辩日期",
            lambda a, s: services.submit_defence(actor=a, lawsuit=s, submitted_on=v["defence_submitted_on"]),
        )
    if v["head_requested_on"]:
        yield (
            "法院书面建议负责人出庭日期",
            lambda a, s: services.record_head_request(
                actor=a, lawsuit=s, requested_on=v["head_requested_on"]
            ),
        )
    if v["held_on"] or v["head_appeared"] or v["head"] is not None:
        yield (
            "开庭日期",
            lambda a, s: services.record_hearing(
                actor=a,
                lawsuit=s,
                held_on=v["held_on"],
                head_appeared=v["head_appeared"],
                head=v["head"],
                absence_reason=v["absence_reason"],
                explanation_sealed=v["explanation_sealed"],
                staff=v["staff"],
                lawyer=v["lawyer"],
            ),
        )
    if v["outcome"] or v["judged_on"]:
        yield (
            "裁判结果",
            lambda a, s: services.record_judgment(
                actor=a,
                lawsuit=s,
                outcome=v["outcome"],
                judged_on=v["judged_on"],
                summary=v["judgment_summary"],
            ),
        )
    if v["judgment_served_on"]:
        yield (
            "裁判文书送达日期",
            lambda a, s: services.record_judgment_service(
                actor=a, lawsuit=s, served_on=v["judgment_served_on"]
            ),
        )
    if v["appealed_on"] or v["appellant"]:
        yield (
            "上诉日期",
            lambda a, s: services.record_appeal(
                actor=a, lawsuit=s, appealed_on=v["appealed_on"], appellant=v["appellant"]
            ),
        )
    if v["effective_on"] or v["performance_due"]:
        yield (
            "生效日期",
            lambda a, s: services.mark_effective(
                actor=a, lawsuit=s, effective_on=v["effective_on"], performance_due=v["performance_due"]
            ),
        )
    if v["performed_on"] or v["performance_note"]:
        yield (
            "履行日期",
            lambda a, s: services.record_performance(
                actor=a, lawsuit=s, performed_on=v["performed_on"], note=v["performance_note"]
            ),
        )


def drive(*, actor, fields: dict, values: dict) -> tuple[Lawsuit, Hearing | None]:
    """Register the lawsuit and take each recorded step through the services, in a savepoint rolled back at the
    end: returns the lawsuit and its hearing as the services left them (unsaved copies). A first instance from
    the same file (not yet written) is written inside the savepoint first, as the services need it stored."""

    def run():
        registration = dict(fields)
        first = registration.get("first_instance")
        if first is not None and (first.pk or 0) < 0:
            stored = copy.copy(first)
            stored.pk = stored.id = None
            stored.save(force_insert=True)
            registration["first_instance"] = stored
        try:
            lawsuit = services.register_lawsuit(actor=actor, **registration)
        except (ValidationError, PermissionDenied) as exc:
            raise STEPS.cell_error(exc, "案号") from exc
        STEPS.take(actor, lawsuit, _steps(values))
        hearing = chosen_hearing(lawsuit)
        return copy.copy(lawsuit), copy.copy(hearing) if hearing else None

    return rehearse(run)
