"""The review workstream's 工作台 items: review levels near or past their time limit, documents to file, corrections to
refile — each read through the selectors."""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse

from fazhi.core import access, calendar
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider

from . import rules
from .selectors import corrections_pending, recently_expired, reviews_to_act_on, unfiled_documents

FILING_WARN_DAYS = 10  # a filing period is a month: warn in its last ten days
LEVEL_WARN_DAYS = 3  # a review level lasts days: warn in its last three
EXPIRED_NOTICE_DAYS = 30  # a document turned 失效 stays on its organ's 工作台 for a month


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _light(documents):
    """Documents with their unit only: an item shows the title, number and unit, not the review or the filings."""
    return documents.select_related(None).prefetch_related(None).select_related("organization")


@provider
def review_work(user: User, on: dt.date) -> list[WorkItem]:
    """Review levels near or past their time limit; documents to file; corrections to refile."""
    items: list[WorkItem] = []
    due_soon = on + dt.timedelta(days=LEVEL_WARN_DAYS)
    for review in reviews_to_act_on(user).filter(level_due_on__lte=due_soon):
        items.append(
            WorkItem(
                title=f"“{review.title}”{review.get_status_display()}应于{review.level_due_on:%Y年%m月%d日}前出具意见",
                category="合法性审查",
                level=level_for(review.level_due_on, on, warn_days=LEVEL_WARN_DAYS),
                due=review.level_due_on,
                url=_url("review:detail", review.pk),
                unit=review.organization.name,
                detail=review.level_due_explanation,
            )
        )
    for document in _light(unfiled_documents(user, access.CHANGE)):
        due = document.filing_due_on
        items.append(
            WorkItem(
                title=(
                    f"规范性文件“{document}”应于{due:%Y年%m月%d日}前报送备案"
                    if due
                    else f"规范性文件“{document}”尚未报送备案"
                ),
                category="规范性文件备案",
                level=level_for(due, on, warn_days=FILING_WARN_DAYS) if due else PENDING,
                due=due,
                url=_url("documents:detail", document.pk),
                unit=document.organization.name,
                detail=document.filing_due_explanation,
            )
        )
    for filing in corrections_pending(user, access.CHANGE):
        deadline: calendar.Deadline = rules.correction_deadline(filing)
        items.append(
            WorkItem(
                title=f"“{filing.document}”备案审查要求纠正，应于{deadline.due:%Y年%m月%d日}前纠正后重新报送",
                category="规范性文件备案",
                level=level_for(deadline.due, on, warn_days=FILING_WARN_DAYS),
                due=deadline.due,
                url=_url("documents:detail", filing.document_id),
                unit=filing.document.organization.name,
                detail=f"纠正意见：{filing.correction_required}。{deadline.explain()}",
            )
        )
    for document in _light(recently_expired(user, on, EXPIRED_NOTICE_DAYS, access.CHANGE)):
        items.append(
            WorkItem(
                title=f"规范性文件“{document}”有效期至{document.expires_on:%Y年%m月%d日}，已届满失效",
                category="规范性文件",
                level=PENDING,
                due=None,
                url=_url("documents:detail", document.pk),
                unit=document.organization.name,
                detail="有效期届满，平台已自动宣布失效；仍需继续施行的，请重新制定。",
            )
        )
    return items
