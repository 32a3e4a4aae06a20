"""The statutory rules of major administrative decisions (重大行政决策程序暂行条例, 国务院令第713号), each a
condition of a transition with its reason and article."""

from __future__ import annotations

from fazhi.core.workflow import rule

PUBLIC_COMMENT_MIN_DAYS = 30
"""第十五条：征求意见期限一般不少于30日；因情况紧急等原因需要缩短期限的，应当予以说明。"""

LEGALITY_REVIEW_MIN_WORKING_DAYS = 7
"""第二十六条：送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。"""


@rule("决策事项目录至少应有一个事项。")
def catalog_has_items(catalog) -> bool:
    return catalog.items.exists()


def _settled(decision, name: str) -> bool:
    record = getattr(decision, name, None)
    return record is not None and record.settled


@rule(
    "公众参与尚未完成：须在征求意见期满后记录完成日期并逐条反馈意见，或写明不适用的理由及法律依据（第十四至十八条）。"
)
def public_participation_settled(decision) -> bool:
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
    record = getattr(decision, "expert_argumentation", None)
    if record is None or not record.settled:
        return False
    return not record.applicable or record.opinions.exists()


@rule(
    "风险评估尚未完成：须记录评估主体、风险等级和完成日期，或写明不适用的理由及法律依据（第二十二至二十四条）。"
)
def risk_assessment_settled(decision) -> bool:
    return _settled(decision, "risk_assessment")


@rule("未经合法性审查或者经审查不合法的，不得提交集体讨论（重大行政决策程序暂行条例第二十五条）。")
def legality_review_passed(decision) -> bool:
    return decision.legality_review is not None and decision.legality_review.passed


@rule("须记录集体讨论的会议（政府常务会议或全体会议）及通过的决定（第二十九、三十条）。")
def collective_discussion_recorded(decision) -> bool:
    record = getattr(decision, "collective_discussion", None)
    return (
        record is not None
        and record.completed_on is not None
        and record.result in ("approved", "approved_in_principle")
    )


@rule("决策公布尚未完成：须记录公布日期和渠道，或写明不公开的理由及法律依据（第三十二条）。")
def publication_settled(decision) -> bool:
    return _settled(decision, "publication")


@rule("归档前须上传集体讨论的会议纪要和合法性审查意见书（第三十三条：决策全过程记录归档）。")
def documents_attached(decision) -> bool:
    kinds = set(decision.documents.values_list("procedure", flat=True))
    return {"collective_discussion", "legality_review"} <= kinds
