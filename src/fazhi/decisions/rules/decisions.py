"""The statutory procedure of a major administrative decision (重大行政决策程序暂行条例, 国务院令第713号): who names
the decision body, the periods, what each procedure's record must hold, and the conditions of each transition."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from fazhi.core import access, calendar
from fazhi.core.models import Organization, User
from fazhi.core.rules import validate_date_happened, validate_happened
from fazhi.core.workflow import rule

__all__ = [
    "CLOSED_STATES",
    "COMPUTED_FIELDS",
    "LEGALITY_REVIEW_MIN_WORKING_DAYS",
    "PUBLIC_COMMENT_MIN_DAYS",
    "collective_discussion_recorded",
    "comment_period_end",
    "decision_body_choices",
    "earliest_review_conclusion",
    "expert_argumentation_settled",
    "legality_review_passed",
    "may_advance_decision",
    "may_edit_decision",
    "may_name_decision_body",
    "public_participation_settled",
    "publication_settled",
    "risk_assessment_settled",
    "validate_answer_to_correct",
    "validate_catalog_item_for_registration",
    "validate_collective_discussion_date",
    "validate_decision",
    "validate_decision_body",
    "validate_decision_open",
    "validate_procedure_fields",
    "validate_procedure_record",
    "validate_public_comment",
    "validate_review_request",
    "validate_steps_in_order",
    "validate_termination_reason",
]

PUBLIC_COMMENT_MIN_DAYS = 30
"""《重大行政决策程序暂行条例》第十五条：“公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时
应当予以说明。”"""

LEGALITY_REVIEW_MIN_WORKING_DAYS = 7
"""《重大行政决策程序暂行条例》第二十六条：“送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。”"""

CLOSED_STATES = ("archived", "terminated")
# Fields of a procedure record the platform computes or fixes; nobody types them.
COMPUTED_FIELDS = ("period_ends_on", "period_explanation", "decision", "decision_id")


# Periods ---------------------------------------------------------------------------------------------------------


def comment_period_end(started_on: dt.date, days: int) -> calendar.Deadline:
    """公开征求意见的截止日。

    《重大行政决策程序暂行条例》第十五条：“……公布决策草案及其说明等材料，明确提出意见的方式和期限。公开征求意见的期限
    一般不少于30日……”"""
    return calendar.add_calendar_days(
        started_on, days, rule="重大行政决策程序暂行条例第十五条（征求意见期限）"
    )


def earliest_review_conclusion(review) -> calendar.Deadline:
    """合法性审查的最短审查时间：送审之日起不少于7个工作日。

    《重大行政决策程序暂行条例》第二十六条：“送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。”"""
    return calendar.add_working_days(
        review.submitted_on, LEGALITY_REVIEW_MIN_WORKING_DAYS, rule="重大行政决策程序暂行条例第二十六条"
    )


# Who -------------------------------------------------------------------------------------------------------------


def decision_body_choices(user: User) -> models.QuerySet[Organization]:
    """可作为决策机关的单位：用户所在区的人民政府（顶级单位），以及用户可以办理其事务的单位。

    《重大行政决策程序暂行条例》第二条：“……县级以上地方人民政府（以下统称决策机关）重大行政决策的作出和调整程序，
    适用本条例。”"""
    roots = access.district_units(user).filter(parent__isnull=True)
    return Organization.objects.filter(
        models.Q(pk__in=roots.values("pk"))
        | models.Q(pk__in=access.organizations(user, access.CHANGE).values("pk"))
    ).order_by("path")


def may_name_decision_body(user: User, body: Organization) -> bool:
    """用户可以将该单位登记为决策机关。

    《重大行政决策程序暂行条例》第二条（同上）。"""
    return body is not None and decision_body_choices(user).filter(pk=body.pk).exists()


def validate_decision_body(user: User, body: Organization) -> None:
    """决策机关须为本区人民政府或用户可以办理其事务的单位。

    《重大行政决策程序暂行条例》第二条（同上）。"""
    if not may_name_decision_body(user, body):
        raise ValidationError(
            {"decision_body": f"“{body}”不能作为您登记的决策的决策机关：应为本区人民政府或您所在的单位。"}
        )


def may_advance_decision(user: User, decision) -> bool:
    """办理决策程序流转的权限：可以修改该决策的人（承办单位经办人、司法局），领导和法律顾问只能查看。

    《重大行政决策程序暂行条例》第四条：“……重大行政决策的作出和调整……”由决策承办单位依照本条例履行程序。"""
    return access.can(user, decision, access.CHANGE)


# Registering and the decision itself -----------------------------------------------------------------------------


def validate_catalog_item_for_registration(
    item, *, organization: Organization, decision_body: Organization
) -> None:
    """依目录立项：目录已审定，事项未立项，承办单位和决策机关与目录一致。

    《重大行政决策程序暂行条例》第三条：“决策机关可以……确定决策事项目录、标准，经同级党委同意后向社会公布……”"""
    if item.catalog.status == type(item.catalog).Status.DRAFT:
        raise ValidationError({"catalog_item": "目录尚未审定，不能据此立项。"})
    try:
        item.decision  # noqa: B018  (the reverse one-to-one: raises when no decision was registered)
    except ObjectDoesNotExist:
        pass
    else:
        raise ValidationError({"catalog_item": f"目录事项“{item}”已立项。"})
    if item.lead_unit_id != organization.pk:
        raise ValidationError({"organization": f"目录事项“{item}”的承办单位是{item.lead_unit}。"})
    if item.catalog.organization_id != decision_body.pk:
        raise ValidationError({"decision_body": f"该目录的决策机关是{item.catalog.organization}。"})


def validate_decision(decision) -> None:
    """决策记录：目录外决策须说明理由；立项、归档日期已发生，归档不早于立项。

    《重大行政决策程序暂行条例》第三条（决策事项目录）与第三十三条：“决策机关应当建立重大行政决策过程记录和材料归档
    制度，由有关单位将履行决策程序形成的记录、材料及时完整归档。”"""
    if not decision.catalog_item_id and not decision.outside_catalog_reason.strip():
        raise ValidationError({"outside_catalog_reason": "未列入决策事项目录的决策，须说明列入决策的理由。"})
    validate_happened(decision, "registered_on", "archived_on")
    if decision.archived_on and decision.registered_on and decision.archived_on < decision.registered_on:
        raise ValidationError({"archived_on": "归档日期不能早于立项日期。"})


def validate_decision_open(decision, what: str = "修改其记录") -> None:
    """已归档或已终止的决策，其记录不再改变。

    《重大行政决策程序暂行条例》第三十三条：“……将履行决策程序形成的记录、材料及时完整归档。”"""
    if decision.status in CLOSED_STATES:
        raise ValidationError(f"决策{decision.get_status_display()}，不能再{what}。")


def validate_termination_reason(reason: str) -> None:
    """终止决策须说明理由。

    《重大行政决策程序暂行条例》第三十三条：决策过程如实记录归档（终止亦须载明理由）。"""
    if not (reason or "").strip():
        raise ValidationError("终止决策须说明理由。")


# Procedure records -----------------------------------------------------------------------------------------------


def validate_procedure_fields(fields) -> None:
    """征求意见截止日等由平台计算，不能直接填写。

    《重大行政决策程序暂行条例》第十五条：“……明确提出意见的方式和期限……”（截止日按期限计算）。"""
    for name in fields:
        if name in COMPUTED_FIELDS:
            raise ValidationError({name: "该项由平台计算或确定，不能直接填写。"})


def validate_procedure_record(record) -> None:
    """程序记录：不适用须写明理由及法律依据（集体讨论决定为必经程序），日期已发生且完成不早于开始，并符合各程序自身的要求。

    《重大行政决策程序暂行条例》第十四、十九、二十二条（公众参与、专家论证、风险评估可依法不适用），第三十条：“决策草案应当
    经决策机关常务会议或者全体会议讨论。”"""
    label = record._meta.verbose_name
    errors = {}
    if not record.applicable:
        if not record.may_be_inapplicable:
            errors["applicable"] = f"{label}是法定必经程序，不能标为不适用。"
        elif not record.not_applicable_reason.strip():
            errors["not_applicable_reason"] = "标为不适用须写明理由及法律依据。"
    if record.started_on and record.completed_on and record.completed_on < record.started_on:
        errors["completed_on"] = "完成日期不能早于开始日期。"
    if errors:
        raise ValidationError(errors)
    validate_happened(record, "started_on", "completed_on")
    specific = {
        "public_participation": _validate_public_participation,
        "risk_assessment": _validate_risk_assessment,
        "collective_discussion": _validate_collective_discussion,
        "post_evaluation": _validate_post_evaluation,
    }.get(record.procedure)
    if specific is not None:
        specific(record)


def _validate_public_participation(record) -> None:
    """第十五条：征求意见期限少于30日的，须说明理由。"""
    if record.applicable and record.period_days is not None:
        if record.period_days < PUBLIC_COMMENT_MIN_DAYS and not record.shorter_period_reason.strip():
            raise ValidationError(
                {
                    "shorter_period_reason": f"征求意见期限少于{PUBLIC_COMMENT_MIN_DAYS}日的，须说明理由（重大行政决策程序暂行条例第十五条）。"
                }
            )


def _validate_risk_assessment(record) -> None:
    """第二十二条：完成风险评估须有评估主体和风险等级。"""
    if record.applicable and record.completed_on and not (record.level and record.assessor):
        raise ValidationError("完成风险评估须填写评估主体和风险等级。")


def _validate_collective_discussion(record) -> None:
    """第三十条：集体讨论须记录会议类型、名称和决定结果。"""
    if record.completed_on and not (record.meeting_kind and record.meeting_name and record.result):
        raise ValidationError("记录集体讨论决定须填写会议类型、会议名称和决定结果。")


def _validate_post_evaluation(record) -> None:
    """第三十六条：后评估不由决策作出前承担主要论证评估工作的单位承担。"""
    risk = getattr(record.decision, "risk_assessment", None) if record.decision_id else None
    if record.evaluator and risk and risk.assessor and record.evaluator.strip() == risk.assessor.strip():
        raise ValidationError(
            {"evaluator": "后评估不得由原风险评估主体承担（重大行政决策程序暂行条例第三十六条）。"}
        )


def validate_collective_discussion_date(decision, held_on: dt.date | None) -> None:
    """集体讨论在合法性审查通过之后：未通过审查的不得讨论，会议日期不早于审查意见的出具日期。

    《重大行政决策程序暂行条例》第二十五条：“决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论。”"""
    if held_on is None:
        return
    if not legality_review_passed(decision):
        raise ValidationError(legality_review_passed.message)
    concluded = decision.legality_review.concluded_on
    if held_on < concluded:
        raise ValidationError(
            {"completed_on": f"集体讨论的日期不能早于合法性审查意见的出具日期（{concluded}）。"}
        )


def validate_steps_in_order(steps) -> None:
    """已办结决策的各环节日期依次发生：立项在前，公众参与、专家论证、风险评估依次完成，再送合法性审查、出具终审意见，
    其后集体讨论决定，最后公布。`steps`: (key, label, date) in the statutory order; a step without a date is skipped.

    《重大行政决策程序暂行条例》第二十五条：“决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查。”
    第三十条：“决策草案应当经决策机关常务会议或者全体会议讨论。”第三十二条：决策机关应当及时公布重大行政决策（在作出
    决定之后）。A decision taken on the platform walks these steps in time; one taken before it states their dates."""
    errors: dict = {}
    latest = None
    for key, label, day in steps:
        if day is None:
            continue
        if latest is not None and day < latest[2]:
            errors.setdefault(key, []).append(f"{label}（{day}）不能早于{latest[1]}（{latest[2]}）。")
        else:
            latest = (key, label, day)
    if errors:
        raise ValidationError(errors)


def validate_public_comment(comment) -> None:
    """公众意见：收到、反馈日期已发生；反馈须写明采纳情况及理由，且不早于收到日期。

    《重大行政决策程序暂行条例》第十五条、第十八条：“……决策承办单位应当对社会各方面提出的意见进行归纳整理、研究论证，
    充分采纳合理意见，完善决策草案。”"""
    validate_happened(comment, "received_on", "answered_on")
    if comment.answered_on and not comment.response.strip():
        raise ValidationError({"response": "请写明采纳情况及理由。"})
    if comment.answered_on and comment.received_on and comment.answered_on < comment.received_on:
        raise ValidationError({"answered_on": "反馈日期不能早于收到日期。"})


def validate_answer_to_correct(comment) -> None:
    """更正反馈只对已反馈的公众意见：尚未反馈的，在决策页面填写采纳情况及理由。

    《重大行政决策程序暂行条例》第十五条、第三十三条：对公众意见的采纳情况及理由如实记录（更正后，原反馈留在记录的历史中）。"""
    if not comment.answered:
        raise ValidationError("该意见尚未反馈，请先在决策页面填写采纳情况及理由。")


def validate_review_request(decision, submitted_on: dt.date) -> None:
    """送合法性审查：在“合法性审查”环节，尚未送审或前次审查不合法；送审日期已发生。

    《重大行政决策程序暂行条例》第二十五条：“决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查。”"""
    if decision.status != "legality_review":
        raise ValidationError(
            "完成公众参与、专家论证和风险评估后，方可送合法性审查（决策处于“合法性审查”环节时）。"
        )
    review = decision.legality_review
    if review is not None and review.status != "concluded":
        raise ValidationError("该决策已送合法性审查，尚未出具意见。")
    if review is not None and review.passed:
        raise ValidationError("该决策已通过合法性审查。")
    validate_date_happened(submitted_on, "送审日期", "submitted_on")


# Transition conditions -------------------------------------------------------------------------------------------


def _settled(decision, name: str) -> bool:
    record = getattr(decision, name, None)
    return record is not None and record.settled


@rule(
    "公众参与尚未完成：须在征求意见期满后记录完成日期并逐条反馈意见，或写明不适用的理由及法律依据（第十四至十八条）。"
)
def public_participation_settled(decision) -> bool:
    """完成公众参与：期满后完成并逐条反馈，或依法不适用。

    《重大行政决策程序暂行条例》第十四条：“决策承办单位应当采取便于社会公众参与的方式充分听取意见，依法不予公开的决策事项除外。”"""
    record = getattr(decision, "public_participation", None)
    if record is None or not record.settled:
        return False
    if not record.applicable:
        return True
    if record.period_ends_on and record.completed_on < record.period_ends_on:
        return False
    return not any(not c.answered for c in record.comments.all())


@rule("专家论证尚未完成：须记录论证意见和完成日期，或写明不适用的理由及法律依据（第十九至二十一条）。")
def expert_argumentation_settled(decision) -> bool:
    """完成专家论证：有论证意见并完成，或依法不适用。

    《重大行政决策程序暂行条例》第十九条：“对专业性、技术性较强的决策事项，决策承办单位应当组织专家、专业机构论证其必要性、
    可行性、科学性等……”"""
    record = getattr(decision, "expert_argumentation", None)
    if record is None or not record.settled:
        return False
    return not record.applicable or record.opinions.exists()


@rule(
    "风险评估尚未完成：须记录评估主体、风险等级和完成日期，或写明不适用的理由及法律依据（第二十二至二十四条）。"
)
def risk_assessment_settled(decision) -> bool:
    """完成风险评估，或依法不适用。

    《重大行政决策程序暂行条例》第二十二条：“重大行政决策的实施可能对社会稳定、公共安全等方面造成不利影响的，决策承办单位
    或者负责风险评估工作的其他单位应当组织评估决策草案的风险可控性。”"""
    return _settled(decision, "risk_assessment")


@rule("未经合法性审查或者经审查不合法的，不得提交集体讨论（重大行政决策程序暂行条例第二十五条）。")
def legality_review_passed(decision) -> bool:
    """合法性审查已通过。

    《重大行政决策程序暂行条例》第二十五条：“决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论。”"""
    return decision.legality_review is not None and decision.legality_review.passed


@rule("须记录集体讨论的会议（政府常务会议或全体会议）及通过的决定（第二十九、三十条）。")
def collective_discussion_recorded(decision) -> bool:
    """作出决定：集体讨论的会议已记录且决定通过。

    《重大行政决策程序暂行条例》第三十条：“决策草案应当经决策机关常务会议或者全体会议讨论。决策机关行政首长在集体讨论的
    基础上作出决定。”"""
    record = getattr(decision, "collective_discussion", None)
    return (
        record is not None
        and record.completed_on is not None
        and record.result in ("approved", "approved_in_principle")
    )


@rule("决策公布尚未完成：须记录公布日期和渠道，或写明不公开的理由及法律依据（第三十二条）。")
def publication_settled(decision) -> bool:
    """完成决策公布，或依法不予公开。

    《重大行政决策程序暂行条例》第三十二条：“决策机关应当通过本级人民政府公报和政府网站以及在本行政区域内发行的报纸等途径
    及时公布重大行政决策。”"""
    return _settled(decision, "publication")


def may_edit_decision(user: User, decision) -> bool:
    """决策的登记信息和程序记录只在决策未归档、未终止时可以修改，且由可以修改该决策的人修改。

    《重大行政决策程序暂行条例》第三十三条：“……将履行决策程序形成的记录、材料及时完整归档。”"""
    return decision.status not in CLOSED_STATES and access.can(user, decision, access.CHANGE)
