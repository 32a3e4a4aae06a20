"""The rules of the task ledger (任务分工台账): a plan that is registered has been issued, progress is reported by the
task's lead or co-operating units on a day that has come, and the lead unit's 100% report completes the task.
Tasks follow the year's 法治政府建设 work plan (年度工作要点、专项行动任务分工方案): a local document, not a statute."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access
from fazhi.core.models import OrganizationKind
from fazhi.core.rules import validate_happened

from . import validate_units_in_district

BASIS = "《法治政府建设实施纲要（2021－2025年）》及本地年度工作要点、专项行动任务分工方案（本地文件）"


def validate_plan(plan) -> None:
    """计划印发日期不能晚于今天

    本地年度工作要点、任务分工方案：登记的是已印发的计划；已发生的事项不能晚于今天（core.rules）。"""
    validate_happened(plan, "issued_on")


def validate_milestone(milestone) -> None:
    """节点完成日期不能晚于今天

    本地任务分工方案；已发生的事项不能晚于今天（core.rules）。"""
    validate_happened(milestone, "reached_on")


def validate_report(report, task) -> None:
    """进展报送：写明进展，报送日期不晚于今天、不早于计划印发日期，已完成的任务不再报送

    本地任务分工方案：牵头单位、配合单位按期报送进展；已发生的事项不能晚于今天（core.rules）。"""
    if task.completed_on is not None and (report.pk is None or report.reported_on > task.completed_on):
        raise ValidationError(f"任务已于{task.completed_on:%Y年%m月%d日}完成，不再报送进展。")
    if not (report.text or "").strip():
        raise ValidationError({"text": "须写明进展情况。"})
    validate_happened(report, "reported_on")
    if report.reported_on and report.reported_on < task.plan.issued_on:
        raise ValidationError({"reported_on": "报送日期不能早于计划印发日期。"})


def is_task_unit(task, unit_id: int, co_unit_ids) -> bool:
    """报送单位须为任务的牵头单位或配合单位

    本地任务分工方案：任务由牵头单位负责、配合单位协同。"""
    return unit_id == task.lead_unit_id or unit_id in set(co_unit_ids)


def not_a_task_unit_message(unit) -> str:
    return f"“{unit}”不是该任务的牵头单位或配合单位。"


def reporting_unit(user, task):
    """报送进展的单位：牵头单位、配合单位或督办机构（代牵头单位报送）

    本地任务分工方案：牵头单位、配合单位报送进展。Raises PermissionDenied for anyone else."""
    org = user.organization
    co_units = set(task.co_units.values_list("pk", flat=True))
    mine = org is not None and is_task_unit(task, org.pk, co_units)
    if access.can(user, task, access.CHANGE):
        return org if mine else task.lead_unit
    policy = access.policy_for(user)
    if mine and policy is not None and policy.writes:
        return org
    raise PermissionDenied(f"只有任务“{task.number}”的牵头单位、配合单位或督办机构可以报送进展。")


def may_report(user, task) -> bool:
    """Whether `user` may report progress on `task` (reporting_unit does not refuse): the task page offers its form
    only then."""
    try:
        reporting_unit(user, task)
    except PermissionDenied:
        return False
    return True


def completes_task(report, task) -> bool:
    """牵头单位报送完成进度100%的，任务于报送之日完成

    本地任务分工方案：任务完成以牵头单位报送为准。The one rule the service and the ledger import both call."""
    return report.percent == 100 and report.organization_id == task.lead_unit_id


def completion_date(reports, task) -> dt.date | None:
    """The day a task is completed, from a set of reports: the earliest report that completes it (None if none)."""
    days = [r.reported_on for r in reports if completes_task(r, task)]
    return min(days) if days else None


def is_late(task, on: dt.date) -> bool:
    """逾期

    本地任务分工方案：按完成时限完成。Done after its deadline, or not done and the deadline has passed on `on`."""
    if task.completed_on is not None and task.completed_on <= on:
        return task.completed_on > task.deadline
    return task.deadline < on


def validate_task_correction(user, task, *, deadline: dt.date | None = None) -> None:
    """任务由印发计划的单位更正；已完成的任务不改完成时限

    本地任务分工方案：印发计划的单位分解任务、确定牵头单位和完成时限，牵头单位、配合单位报送进展——任务的编号、内容、
    牵头单位和完成时限由能更改计划的单位更正（与分解任务 add_task 同）；任务完成后，完成时限是判断是否逾期的依据，不再更改。"""
    check_task_organizer(user, task, "任务的编号、内容、牵头单位和完成时限")
    if task.completed_on is not None and deadline is not None and deadline != task.deadline:
        raise ValidationError(
            {"deadline": f"任务已于{task.completed_on:%Y年%m月%d日}完成，完成时限不能再更改。"}
        )


def check_task_organizer(user, task, what: str) -> None:
    """任务分工由印发计划的单位确定和更正

    本地任务分工方案：印发计划的单位分解任务，确定牵头单位、配合单位和完成时限（与分解任务 add_task 同：能更改计划的单位）。
    `what` names what is being changed, for the refusal."""
    if not access.can(user, task.plan, access.CHANGE):
        raise PermissionDenied(f"{what}由印发计划的单位更正。")


CO_UNIT_KINDS = (
    OrganizationKind.DEPARTMENT,
    OrganizationKind.TOWNSHIP,
    OrganizationKind.SUBDISTRICT,
    OrganizationKind.ENFORCEMENT_BODY,
    OrganizationKind.PUBLIC_SECURITY,
    OrganizationKind.PARTY_OFFICE,
    OrganizationKind.POLITICAL_LEGAL,
)
"""能作为配合单位的单位类型：承担任务分工的机关——政府工作部门、乡镇街道、行政执法机构、公安机关、党委工作机关，以及依法治区
工作要点中承担配合任务的政法单位。区政府、区委是印发、部署任务的机关，律师事务所等其他单位不是机关，都不承担任务分工。"""

CO_UNIT_KINDS_TEXT = "政府工作部门、乡镇街道、行政执法机构、公安机关、党委工作机关或政法单位"


def validate_co_units(user, units, field: str = "co_units") -> None:
    """配合单位须为本区承担任务分工的机关

    本地任务分工方案：牵头单位负责、配合单位协同，配合单位是本区承担任务的机关（CO_UNIT_KINDS）；本区单位
    （validate_units_in_district）。The choice lists offer only these units (selectors.co_unit_choices)."""
    validate_units_in_district(user, units, field)
    wrong = [u for u in units if u and u.kind not in CO_UNIT_KINDS]
    if wrong:
        names = "、".join(f"“{u}”" for u in wrong)
        raise ValidationError({field: f"{names}不能作为配合单位：配合单位应为{CO_UNIT_KINDS_TEXT}。"})
