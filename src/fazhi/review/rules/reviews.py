"""The rules of the three-level legality review (三级审核): each level's time limit (local settings), who may give
each level's opinion, the transition conditions, the dates that must have happened, and that a review is never
deleted. Pure functions on the review; the models, services, pages and admin all call these."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import access, config
from fazhi.core.rules import validate_date_happened, validate_happened
from fazhi.core.workflow import rule

from ._errors import collect

LEVEL_DAYS = {
    "initial": config.define(
        "review.initial_level_working_days",
        name="起草单位初审时限（工作日）",
        default=3,
        help="起草单位法制机构初审的时限。",
        basis="本地做法（未经核实），可按本地规定调整。",
    ),
    "advisor": config.define(
        "review.advisor_level_working_days",
        name="法律顾问复审时限（工作日）",
        default=5,
        help="法律顾问出具复审意见的时限。",
        basis="本地做法（未经核实），可按本地规定调整。",
    ),
    "final": config.define(
        "review.final_level_working_days",
        name="司法局合法性终审时限（工作日）",
        default=15,
        help="合法性审查时间一般不少于5个工作日、最长不超过15个工作日。",
        basis="国办发〔2018〕115号（期限未经核实）",
    ),
}

FINAL_LEVEL_MIN_WORKING_DAYS = 5
"""国办发〔2018〕115号：合法性审核时间一般不少于5个工作日（未经核实）。"""

LEVEL_OF_STATUS = {"initial_review": "initial", "advisor_review": "advisor", "final_review": "final"}


def _transition_permission(may):
    """django-fsm calls a transition's permission as (record, user); the rules read (user, record)."""

    def permission(instance, user) -> bool:
        return may(user, instance)

    permission.__name__ = may.__name__
    permission.__doc__ = may.__doc__
    return permission


# Who gives each level's opinion --------------------------------------------------------------------------------


def may_act_for_drafting_unit(user, review) -> bool:
    """起草单位初审、重新送审：送审单位一方。

    The drafting unit's side (its clerks, the Justice Bureau, a system administrator): whoever may change the review
    for its unit, not an advisor who reaches it only because it is assigned to them."""
    return access.can(user, review, access.CHANGE) and access.scope_kind(
        user, type(review), access.CHANGE
    ) not in (access.ASSIGNED, access.NONE)


CHANGE_REFUSED = "只有送审单位可以修改送审事项。"


def may_give_advisor_opinion(user, review) -> bool:
    """法律顾问复审意见的出具人。

    《重大行政决策程序暂行条例》第二十八条：“在合法性审查过程中，应当组织法律顾问、公职律师提出法律意见。”
    The opinion is the advisor's own: a review assigned to an advisor's account takes the advisor level's opinion
    from that advisor alone — not from the drafting unit, not from the Justice Bureau, not from a system
    administrator, who would otherwise sign in the advisor's name. A substitute gives it only once recorded
    (AdvisorSubstitution: who, when, why), which makes the substitute the assigned advisor. Only where no account is
    assigned does the drafting unit enter the advisor's written opinion, and the opinion names both (advisor_reviewer_name)."""
    if review.advisor_user_id is not None:
        return review.advisor_user_id == user.pk and access.can(user, review, access.CHANGE)
    return may_act_for_drafting_unit(user, review)


def may_give_final_opinion(user, review) -> bool:
    """司法局合法性终审：司法局（或系统管理员）。

    《重大行政决策程序暂行条例》第二十八条：“负责合法性审查的部门应当及时提出合法性审查意见，并对合法性审查意见负责。”"""
    return access.is_justice_bureau(review, user) and access.can(user, review, access.CHANGE)


def may_review_current_level(user, review) -> bool:
    """本级审查人：出具本级意见或退回修改。

    The drafting unit at the initial level, the advisor (see may_give_advisor_opinion) at the advisor level, the
    Justice Bureau at the final level."""
    if review.status == "final_review":
        return may_give_final_opinion(user, review)
    if review.status == "advisor_review":
        return may_give_advisor_opinion(user, review)
    return may_act_for_drafting_unit(user, review)


def may_delete_review(user, review) -> bool:
    """合法性审查记录不得删除。

    《重大行政决策程序暂行条例》第三十三条：“决策机关应当建立重大行政决策过程记录和材料归档制度……”
    A review is the record of what was reviewed: it is concluded, never deleted."""
    return False


def opinion_refused_message(level_label: str) -> str:
    return f"您不能出具{level_label}意见。"


def advisor_reviewer_name(review, actor_name: str) -> str:
    """复审意见的审查人：where the drafting unit enters an advisor's written opinion (no advisor account assigned), the
    advisor and who entered it — the page never names the advisor alone for what a clerk typed; otherwise the person
    who gave it."""
    if review.advisor_user_id is None and review.advisor_name:
        return f"{review.advisor_name}（书面意见，由{actor_name}录入）"
    return actor_name


def may_record_substitution(user, review) -> bool:
    """替代复审法律顾问的录入人：司法局（或系统管理员）。

    《重大行政决策程序暂行条例》第二十八条：“在合法性审查过程中，应当组织法律顾问、公职律师提出法律意见。”The Justice
    Bureau organises the advisors; the drafting unit does not choose who replaces the advisor assigned to review it."""
    return access.is_justice_bureau(review, user) and access.can(user, review, access.CHANGE)


SUBSTITUTION_REFUSED = "替代复审法律顾问由司法局录入。"


def validate_substitution(substitution) -> None:
    """替代复审法律顾问：只在法律顾问复审前或复审中，替代人须为其他法律顾问账号，写明理由，日期已经发生。"""
    errors: dict = {}
    review = substitution.review if substitution.review_id else None
    if review is not None and review.status not in ("initial_review", "advisor_review", "returned"):
        errors.setdefault("__all__", []).append(
            f"审查处于“{review.get_status_display()}”，法律顾问复审已结束，不能替代复审法律顾问。"
        )
    substitute = substitution.substitute if substitution.substitute_id else None
    if substitute is not None and substitute.role != "legal_advisor":
        errors.setdefault("substitute", []).append("替代法律顾问的账号须为“法律顾问”角色。")
    if substitute is not None and substitute.pk == substitution.replaced_user_id:
        errors.setdefault("substitute", []).append("替代法律顾问不能是原复审法律顾问本人。")
    if not substitution.reason.strip():
        errors.setdefault("reason", []).append("请写明替代理由（如回避、长期外出）。")
    collect(errors, validate_happened, substitution, "substituted_on")
    if errors:
        raise ValidationError(errors)


# Transition permissions (django-fsm's (record, user) order) ------------------------------------------------------

drafting_unit_permission = _transition_permission(may_act_for_drafting_unit)
advisor_permission = _transition_permission(may_give_advisor_opinion)
final_permission = _transition_permission(may_give_final_opinion)
current_level_permission = _transition_permission(may_review_current_level)


# Transition conditions -------------------------------------------------------------------------------------------


def _opinion(review, level):
    return review.opinions.filter(level=level, version__number=review.current_version).order_by("-pk").first()


@rule(
    "起草单位初审须先对当前稿次出具“合法”或“修改后合法”的意见（三级审核，不得跳过）；初审认为不合法的，应退回修改。"
)
def initial_opinion_passed(review) -> bool:
    opinion = _opinion(review, "initial")
    return opinion is not None and opinion.outcome in ("lawful", "lawful_after_revision")


@rule("法律顾问须先对当前稿次出具复审意见（三级审核，不得跳过）。")
def advisor_opinion_given(review) -> bool:
    opinion = _opinion(review, "advisor")
    return opinion is not None and opinion.outcome != "returned"


@rule("退回修改须由本级审查人写明退回理由。")
def return_reason_recorded(review) -> bool:
    level = LEVEL_OF_STATUS.get(review.status)
    opinion = _opinion(review, level) if level else None
    return opinion is not None and opinion.outcome == "returned"


@rule("重新送审须提交修改后的新稿次。")
def new_version_submitted(review) -> bool:
    return (
        review.versions.filter(number=review.current_version).exists()
        and not review.opinions.filter(version__number=review.current_version).exists()
    )


# Records as they must be -----------------------------------------------------------------------------------------


def validate_review(review) -> None:
    """合法性审查：送审、终审已经发生。

    An event that has happened is not dated after today (fazhi.core.rules.validate_happened); the final opinion is
    not dated before the draft was sent."""
    errors: dict = {}
    collect(errors, validate_happened, review, "submitted_on", "concluded_on")
    if review.concluded_on and review.submitted_on and review.concluded_on < review.submitted_on:
        errors.setdefault("concluded_on", []).append("终审日期不能早于送审日期。")
    if errors:
        raise ValidationError(errors)


def validate_version(version) -> None:
    """送审稿：须有文本或文件，送审日期已经发生。"""
    errors: dict = {}
    if not version.text.strip() and not version.file:
        errors.setdefault("__all__", []).append("请提供送审稿的文本或文件。")
    collect(errors, validate_happened, version, "submitted_on")
    if errors:
        raise ValidationError(errors)


def validate_opinion(opinion) -> None:
    """各级审查意见：不是“合法”的须写明理由；出具日期不早于本级开始、不晚于今天。"""
    errors: dict = {}
    if opinion.outcome != "lawful" and not opinion.reasons.strip():
        errors.setdefault("reasons", []).append("审查意见不是“合法”的，须写明理由。")
    if opinion.started_on and opinion.given_on and opinion.given_on < opinion.started_on:
        errors.setdefault("given_on", []).append("出具日期不能早于本级审查开始日期。")
    collect(errors, validate_happened, opinion, "given_on")
    if errors:
        raise ValidationError(errors)


def validate_given_on(given_on) -> None:
    """出具日期已经发生 (before anything is locked or looked up)."""
    validate_date_happened(given_on, "出具日期", "given_on")


# What may change after sending ------------------------------------------------------------------------------------

ADVISOR_ROLE_MESSAGE = "复审法律顾问的账号须为“法律顾问”角色。"


def validate_advisor_account(advisor_user) -> None:
    """复审法律顾问的账号须为法律顾问角色。"""
    if advisor_user is not None and advisor_user.role != "legal_advisor":
        raise ValidationError({"advisor_user": ADVISOR_ROLE_MESSAGE})


def fixed_review_fields(review) -> list[str]:
    """送审后不能修改的事项：审查单位、审查对象、送审日期决定由谁审查和各级期限；法律顾问复审开始后不能更换复审
    法律顾问（否则送审单位可撤下法律顾问而自行录入其复审意见）；审查结束后一概不能修改。"""
    fixed = ["subject_kind", "organization", "submitted_on"]
    if review.status == "concluded":
        return [*fixed, "title", "advisor_user", "advisor_name"]
    if review.status not in ("initial_review", "returned"):
        fixed += ["advisor_user", "advisor_name"]
    return fixed


def validate_review_change(review, data: dict) -> None:
    """修改送审事项：只能修改未固定的事项；已指定法律顾问账号的，只能换为其他法律顾问账号。"""
    fixed = [name for name in fixed_review_fields(review) if name in data]
    if fixed:
        labels = "、".join(str(type(review)._meta.get_field(n).verbose_name) for n in fixed)
        raise ValidationError(f"审查处于“{review.get_status_display()}”，{labels}不能修改。")
    if "advisor_user" in data:
        validate_advisor_account(data["advisor_user"])
        if review.advisor_user_id is not None and data["advisor_user"] is None:
            raise ValidationError(
                {
                    "advisor_user": "已指定复审法律顾问账号的，只能更换为其他法律顾问账号，"
                    "不能改由起草单位录入复审意见。"
                }
            )
