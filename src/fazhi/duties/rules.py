"""The rules of the activity ledger and of demonstration creation: what each kind of activity must name, and that a
project's stages are dated in order. Each rule cites the document it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from fazhi.core.models import OrganizationKind

DUTY_RULES = "党政主要负责人履行推进法治建设第一责任人职责规定（中办发〔2016〕71号）"
OUTLINE = "法治政府建设实施纲要（2021—2025年）"
STUDY_OPINION = "关于完善国家工作人员学法用法制度的意见"


@dataclass(frozen=True)
class KindRule:
    """What an activity of one kind must record, and why."""

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
    OrganizationKind.OTHER,
)

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


def check_activity(*, kind: str, organization, topic: str, meeting: str, participants: list[dict]) -> None:
    """Raise ValidationError, in Chinese, when an activity lacks what its kind requires. `participants` are
    {"person": Person | None, "name": str} dicts."""
    from .models import ActivityKind

    if kind not in KIND_RULES:
        raise ValidationError({"kind": f"未知的活动类型：{kind}。"})
    rule = KIND_RULES[kind]
    label = ActivityKind(kind).label
    errors: dict[str, list[str]] = {}
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


STAGE_DATES = [
    ("applied_on", "申报日期"),
    ("shortlisted_on", "入围日期"),
    ("review_passed_on", "书面评审通过日期"),
    ("named_on", "命名日期"),
]


def check_stage_dates(project) -> None:
    """The stages happen in order: a later stage's date is not before an earlier one's."""
    previous = None
    for name, label in STAGE_DATES:
        value = getattr(project, name)
        if value is None:
            continue
        if previous is not None and value < previous[0]:
            raise ValidationError({name: f"{label}（{value}）不能早于{previous[1]}（{previous[0]}）。"})
        previous = (value, label)
