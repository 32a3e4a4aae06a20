"""Rules of the activity ledger (述法学法活动台账): what each kind of activity must name, that it has happened, who may
be named in it and how typed names become people. Pure functions; the services, the ledger, the pages, admin and
API call them. The documents cited (中办发〔2016〕71号, the 纲要) are not in domain/laws: check their wording there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access, clock
from fazhi.core import rules as core_rules
from fazhi.core.models import OrganizationKind, Person, User

from ..models.activities import ActivityKind

DUTY_RULES = "党政主要负责人履行推进法治建设第一责任人职责规定（中办发〔2016〕71号）"
"""第一责任人职责的依据（中办发〔2016〕71号）。"""
OUTLINE = "法治政府建设实施纲要（2021—2025年）"
"""法治政府建设实施纲要。"""
STUDY_OPINION = "关于完善国家工作人员学法用法制度的意见"
"""学法用法制度的依据。"""


@dataclass(frozen=True)
class KindRule:
    """各类活动的登记要件

    What an activity of one kind must record, and why (its basis)."""

    needs_people: bool = False
    needs_principal: bool = False  # the people named must be principal leaders (when entered as Persons)
    needs_topic: bool = False
    needs_meeting: bool = False
    unit_kinds: tuple[str, ...] = ()  # the unit must be of one of these kinds ("" = any)
    basis: str = ""


UNITS_BELOW_GOVERNMENT = (
    OrganizationKind.DEPARTMENT,
    OrganizationKind.TOWNSHIP,
    OrganizationKind.SUBDISTRICT,
    OrganizationKind.ENFORCEMENT_BODY,
    OrganizationKind.PARTY_OFFICE,
    OrganizationKind.POLITICAL_LEGAL,
    OrganizationKind.PUBLIC_SECURITY,
    OrganizationKind.OTHER,
)
"""区政府以下的单位（部门、乡镇街道、执法机构、党委工作机关等）。"""

KIND_RULES: dict[str, KindRule] = {
    "lecture": KindRule(
        needs_people=True,
        needs_principal=True,
        needs_topic=True,
        basis=f"{DUTY_RULES}：党政主要负责人带头学法、讲法",
    ),
    "meeting_report": KindRule(
        needs_people=True,
        needs_meeting=True,
        unit_kinds=UNITS_BELOW_GOVERNMENT,
        basis=f"{DUTY_RULES}：将履行推进法治建设第一责任人职责情况列入述职内容；党政部门主要负责人在依法治区委员会办公室会议上述法",
    ),
    "written_report": KindRule(needs_people=True, basis=f"{DUTY_RULES}：领导干部述法"),
    "pre_meeting_study": KindRule(
        needs_topic=True,
        needs_meeting=True,
        unit_kinds=(OrganizationKind.DISTRICT_GOVERNMENT,),
        basis=f"{STUDY_OPINION}；{OUTLINE}：健全政府常务会议会前学法制度",
    ),
    "training": KindRule(
        needs_topic=True, basis=f"{OUTLINE}：每年举办领导干部法治专题培训，学习贯彻习近平法治思想"
    ),
    "party_deployment": KindRule(
        needs_meeting=True,
        unit_kinds=(OrganizationKind.PARTY_COMMITTEE, OrganizationKind.PARTY_OFFICE),
        basis=f"{DUTY_RULES}：党委定期听取法治建设工作汇报，研究部署法治建设",
    ),
    "executive_report": KindRule(
        needs_meeting=True,
        unit_kinds=(OrganizationKind.DISTRICT_GOVERNMENT,),
        basis=f"{OUTLINE}：政府常务会议定期听取法治政府建设工作汇报",
    ),
    "government_study": KindRule(
        needs_meeting=True,
        unit_kinds=(OrganizationKind.DISTRICT_GOVERNMENT,),
        basis=f"{OUTLINE}：政府研究解决法治政府建设重大问题",
    ),
    "unit_deployment": KindRule(
        needs_meeting=True,
        unit_kinds=UNITS_BELOW_GOVERNMENT,
        basis=f"{OUTLINE}：各部门、乡镇（街道）研究部署法治政府建设工作",
    ),
}
"""各类活动的登记要件及其依据。"""


HELD_ON_LABEL = "活动日期"
"""活动日期（已发生，不晚于今天）。"""


def validate_activity(
    *,
    kind: str,
    held_on: dt.date | None,
    organization,
    topic: str,
    meeting: str,
    participants: Sequence[Mapping],
) -> None:
    """述法学法活动登记要件

    Each kind names what its document requires (KIND_RULES: the leader of a 讲法 — 《党政主要负责人履行推进法治建设
    第一责任人职责规定》：党政主要负责人“带头学法、讲法”; the meeting of a deployment; the unit kind of a 会前学法…),
    and the activity has happened: its date is not after today (core.rules: “尚未发生的事项不能登记”). Raises one
    ValidationError naming every field that is wrong. `participants` are {"person": Person | None, "name": str}."""
    if kind not in KIND_RULES:
        raise ValidationError({"kind": f"未知的活动类型：{kind}。"})
    rule = KIND_RULES[kind]
    label = ActivityKind(kind).label
    errors: dict[str, list[str]] = {}
    if held_on is not None and held_on > clock.today():
        errors["held_on"] = [core_rules.happened_message(HELD_ON_LABEL)]
    if rule.needs_people and not participants:
        who = "讲法的主要负责人" if kind == "lecture" else "述法人"
        errors.setdefault("people", []).append(f"{label}须写明{who}（依据：{rule.basis}）。")
    if rule.needs_principal:
        for p in participants:
            person = p.get("person")
            if person is not None and not person.is_principal_leader:
                errors.setdefault("people", []).append(
                    f"{person.name}不是单位主要负责人：{label}由党政主要负责人进行（依据：{rule.basis}）。"
                )
    if rule.needs_topic and not (topic or "").strip():
        errors.setdefault("topic", []).append(f"{label}须写明主题。")
    if rule.needs_meeting and not (meeting or "").strip():
        errors.setdefault("meeting", []).append(f"{label}须写明会议名称。")
    if rule.unit_kinds and organization is not None and organization.kind not in rule.unit_kinds:
        allowed = "、".join(OrganizationKind(k).label for k in rule.unit_kinds)
        errors.setdefault("organization", []).append(
            f"{label}的单位应为{allowed}，“{organization}”是{organization.get_kind_display()}。"
        )
    for p in participants:
        if not (p.get("name") or "").strip() and p.get("person") is None:
            errors.setdefault("people", []).append("人员须填写姓名。")
            break
    if errors:
        raise ValidationError(errors)


def may_name_person(user: User, person: Person) -> bool:
    """可登记的人员

    An activity names only people the user may see (core.access), so an entry cannot reveal or attach another
    district's cadres."""
    return access.can(user, person)


def check_people_visible(user: User, people: Iterable[Person]) -> None:
    """可登记的人员（逐一核对）

    Raise PermissionDenied naming the people `user` may not see (may_name_person)."""
    hidden = [str(p.pk) for p in people if not may_name_person(user, p)]
    if hidden:
        raise PermissionDenied(f"您无权查看编号为{'、'.join(hidden)}的人员。")


def may_delete_activity(user: User, activity) -> bool:
    """活动记录的删除

    An activity entered by mistake may be deleted by whoever may change it; the audit trail keeps what it held."""
    return access.can(user, activity, access.CHANGE)


def may_change_attachments(user: User, activity) -> bool:
    """活动附件的上传和删除

    An activity's files (讲稿, 述法报告, 会议纪要…) are part of its record: uploaded, or deleted when uploaded by mistake,
    by whoever may change the activity (the same rule as correcting it); the audit trail keeps what a deleted one held."""
    return access.can(user, activity, access.CHANGE)


def split_names(text: str) -> list[str]:
    """人员姓名的分隔

    Names typed in one box, separated by 、，, ; spaces or new lines."""
    for sep in ("，", ",", "；", ";", "\n", "\r", " ", "　"):
        text = text.replace(sep, "、")
    return [n.strip() for n in text.split("、") if n.strip()]


def resolve_participants(
    people: Iterable[Person], names: Iterable[str], namesakes: Mapping[str, Sequence[Person]]
) -> list[dict]:
    """活动人员的识别

    Persons first, then names typed as text that are not already one of them. A typed name that is the name of
    exactly one active person of the activity's unit (`namesakes`: name -> those persons) is that person, so the
    figures count them once; every name appears once."""
    people = list(people)
    names = [n.strip() for n in names if n and n.strip()]
    known = {p.name for p in people}
    for name in names:
        if name not in known and len(namesakes.get(name, ())) == 1:
            people.append(namesakes[name][0])
            known.add(name)
    out = [{"person": p, "name": p.name, "position": p.position} for p in people]
    seen = {p["name"] for p in out}
    for name in names:
        if name not in seen:
            out.append({"person": None, "name": name, "position": ""})
            seen.add(name)
    return out


def names_line(participants: Sequence[Mapping]) -> str:
    """人员名单

    The people's names as one line (lists, exports and the audit trail show it)."""
    return "、".join(p["name"] for p in participants)
