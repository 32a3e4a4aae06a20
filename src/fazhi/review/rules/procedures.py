"""What must precede the issue of a normative document besides a passing legality review: the fair-competition review
of a measure that involves market activity, the consultation and the collective deliberation, and the revised text
where the review found the draft lawful only after revision. Conditions of the `issue` transition (so the service,
the page, admin and the documents ledger all refuse with the same message) and the checks of each record.

国办发〔2018〕37号 is not among domain/laws/; its text is quoted from the copy found with the search tool at
https://www.shdbkk.com/html_3/falu/24901/list/1.html (国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core.rules import validate_happened
from fazhi.core.workflow import rule

from ._errors import collect

GOVERNMENT_KINDS = ("district_government",)
"""Organization kinds that are a people's government (县级以上人民政府, 条例第十四条)."""


def _latest(queryset):
    return queryset.order_by("-pk").first()


def latest_fair_competition_review(document):
    return _latest(document.fair_competition_reviews.all()) if document.pk else None


def needs_regulator_opinion(document) -> bool:
    """市场监督管理部门会同审查（公平竞争审查条例第十四条）。

    《公平竞争审查条例》第十四条：“拟由县级以上人民政府出台或者提请本级人民代表大会及其常务委员会审议的政策措施，
    由本级人民政府市场监督管理部门会同起草单位在起草阶段开展公平竞争审查。起草单位应当开展初审，并将政策措施草案
    和初审意见送市场监督管理部门审查。” A measure the district government itself issues needs the market
    regulator's opinion; a department's own measure is reviewed by the department (第十三条)."""
    return document.organization.kind in GOVERNMENT_KINDS


@rule(
    "涉及经营者经济活动的规范性文件，未经公平竞争审查，或者经审查认为违反公平竞争审查条例第八条至第十一条规定且"
    "不符合第十二条规定情形的，不得出台（公平竞争审查条例第十八条）。"
)
def fair_competition_reviewed(document) -> bool:
    """公平竞争审查后方可出台。

    《公平竞争审查条例》第二条：“起草涉及经营者经济活动的……规范性文件以及具体政策措施（以下统称政策措施），行政机关
    和法律、法规授权的具有管理公共事务职能的组织（以下统称起草单位）应当依照本条例规定开展公平竞争审查。”
    第十八条：“政策措施未经公平竞争审查，或者经公平竞争审查认为违反本条例第八条至第十一条规定且不符合第十二条规定
    情形的，不得出台。” A document flagged 涉及经营者经济活动 needs its latest review to allow issue, with the
    market regulator's opinion where 第十四条 requires it."""
    if not document.market_related:
        return True
    review = latest_fair_competition_review(document)
    if review is None or review.conclusion == "violates":
        return False
    return not needs_regulator_opinion(document) or bool(review.regulator_opinion.strip())


@rule("规范性文件印发前须公开征求意见，并记录征求意见的起止日期、对象和意见采纳情况（国办发〔2018〕37号）。")
def consultation_recorded(document) -> bool:
    """印发前征求意见。

    国办发〔2018〕37号 二（三）：“重要的行政规范性文件要严格执行评估论证、公开征求意见、合法性审核、集体审议决定、
    向社会公开发布等程序。” The platform requires the record for every normative document it issues (stricter than
    “重要的”, local practice)."""
    return bool(document.pk) and document.consultations.exists()


@rule(
    "规范性文件印发前须经制定机关集体审议，并记录审议会议、日期和结论；未经合法性审核或者经审核不合法的，不得提交"
    "集体审议（国办发〔2018〕37号）。"
)
def deliberation_recorded(document) -> bool:
    """印发前集体审议，审议在合法性审核之后。

    国办发〔2018〕37号 二（三）：“……合法性审核、集体审议决定、向社会公开发布等程序。”二（六）：“未经合法性审核或者
    经审核不合法的，不得提交集体审议。” A deliberation counts only if held on or after the day the legality review
    concluded."""
    if not document.pk:
        return False
    review = document.legality_review
    deliberations = document.deliberations.all()
    if review is not None and review.concluded_on:
        deliberations = deliberations.filter(held_on__gte=review.concluded_on)
    return deliberations.exists()


@rule("合法性审查意见为“修改后合法”的，须先上传按审查意见修改后的文本，方可印发。")
def revised_text_given(document) -> bool:
    """修改后合法：印发修改后的文本。

    国办发〔2018〕37号 二（六）：“制定机关负责合法性审核的部门要对文件的制定主体、程序、有关内容等是否符合法律、法规
    和规章的规定，及时进行合法性审核。”The review clears a text: an opinion that the draft is lawful only after
    revision clears the revised text alone, so that text is uploaded (on or after the final opinion) before the
    document is issued."""
    review = document.legality_review
    if review is None or review.final_opinion != "lawful_after_revision":
        return True
    return document.revised_texts.filter(submitted_on__gte=review.concluded_on).exists()


def validate_procedures_before_issue(document, signed_on: dt.date) -> None:
    """征求意见、集体审议、公平竞争审查在签发之前。

    The records that allow issue must be dated on or before the day the document is signed: the consultation ended,
    the deliberation held, the fair-competition review (and the regulator's opinion) given."""
    errors: list[str] = []
    first = document.consultations.order_by("ended_on").first()
    if first is not None and first.ended_on > signed_on:
        errors.append(f"征求意见截止日期（{first.ended_on}）不能晚于签发日期。")
    first = document.deliberations.order_by("held_on").first()
    if first is not None and first.held_on > signed_on:
        errors.append(f"集体审议日期（{first.held_on}）不能晚于签发日期。")
    if document.market_related:
        review = latest_fair_competition_review(document)
        if review is not None and review.reviewed_on > signed_on:
            errors.append(f"公平竞争审查日期（{review.reviewed_on}）不能晚于签发日期。")
        if review is not None and review.regulator_opinion_on and review.regulator_opinion_on > signed_on:
            errors.append(f"市场监督管理部门意见日期（{review.regulator_opinion_on}）不能晚于签发日期。")
    if errors:
        raise ValidationError({"signed_on": errors})


def _not_issued(document, what: str) -> None:
    if document is not None and document.status != "registered":
        raise ValidationError(f"文件已{document.get_status_display()}，不能再登记{what}。")


def validate_fair_competition_review(review) -> None:
    """公平竞争审查记录：审查人、日期已经发生；适用第十二条的须详细说明（第十七条）；第十四条的须有市场监督管理部门
    意见。

    《公平竞争审查条例》第十七条：“适用本条例第十二条规定的，应当在审查结论中详细说明。”"""
    errors: dict = {}
    if not review.reviewer_name.strip():
        errors.setdefault("reviewer_name", []).append("请填写公平竞争审查的审查人。")
    if review.conclusion == "exception" and not review.explanation.strip():
        errors.setdefault("explanation", []).append(
            "适用公平竞争审查条例第十二条的，应当在审查结论中详细说明（第十七条）。"
        )
    document = review.document if review.document_id else None
    if document is not None and needs_regulator_opinion(document):
        if not review.regulator_opinion.strip() or not review.regulator_opinion_on:
            errors.setdefault("regulator_opinion", []).append(
                "拟由区人民政府出台的政策措施，由市场监督管理部门会同起草单位开展公平竞争审查，"
                "须记录市场监督管理部门的审查意见及日期（公平竞争审查条例第十四条）。"
            )
    if (
        review.regulator_opinion_on
        and review.reviewed_on
        and review.regulator_opinion_on < review.reviewed_on
    ):
        errors.setdefault("regulator_opinion_on", []).append(
            "市场监督管理部门意见日期不能早于起草单位初审日期。"
        )
    collect(errors, validate_happened, review, "reviewed_on", "regulator_opinion_on")
    if errors:
        raise ValidationError(errors)


def validate_consultation(consultation) -> None:
    """征求意见记录：起止日期已经发生且依次，写明对象和采纳情况。"""
    errors: dict = {}
    if consultation.started_on and consultation.ended_on and consultation.ended_on < consultation.started_on:
        errors.setdefault("ended_on", []).append("征求意见截止日期不能早于开始日期。")
    if not consultation.consulted.strip():
        errors.setdefault("consulted", []).append("请填写征求意见的对象和方式。")
    if not consultation.summary.strip():
        errors.setdefault("summary", []).append("请填写意见采纳情况。")
    collect(errors, validate_happened, consultation, "started_on", "ended_on")
    if errors:
        raise ValidationError(errors)


def validate_deliberation(deliberation) -> None:
    """集体审议记录：审议日期已经发生，写明会议和结论；不早于合法性审查终审（国办发〔2018〕37号 二（六））。"""
    errors: dict = {}
    if not deliberation.body.strip():
        errors.setdefault("body", []).append("请填写审议会议，如 区人民政府第12次常务会议。")
    if not deliberation.summary.strip():
        errors.setdefault("summary", []).append("请填写审议结论。")
    document = deliberation.document if deliberation.document_id else None
    review = document.legality_review if document is not None else None
    if review is None or not review.passed:
        errors.setdefault("__all__", []).append(
            "未经合法性审核或者经审核不合法的，不得提交集体审议（国办发〔2018〕37号）。"
        )
    elif deliberation.held_on and deliberation.held_on < review.concluded_on:
        errors.setdefault("held_on", []).append(
            f"集体审议日期不能早于合法性审查终审意见的出具日期（{review.concluded_on}）。"
        )
    collect(errors, validate_happened, deliberation, "held_on")
    if errors:
        raise ValidationError(errors)


def validate_revised_text(text) -> None:
    """修改后文本：审查意见为修改后合法的才上传，修改完成日期不早于终审意见、已经发生。"""
    errors: dict = {}
    review = text.document.legality_review if text.document_id else None
    if review is None or review.final_opinion != "lawful_after_revision":
        errors.setdefault("__all__", []).append("合法性审查意见不是“修改后合法”，无须上传修改后文本。")
    elif text.submitted_on and text.submitted_on < review.concluded_on:
        errors.setdefault("submitted_on", []).append(
            f"修改完成日期不能早于合法性审查终审意见的出具日期（{review.concluded_on}）。"
        )
    collect(errors, validate_happened, text, "submitted_on")
    if errors:
        raise ValidationError(errors)


def validate_open_for_procedures(document, what: str) -> None:
    """印发前的程序记录只在印发前登记。"""
    _not_issued(document, what)
