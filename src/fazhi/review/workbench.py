"""The review workstream's 工作台 items: review levels near or past their time limit, documents to file, corrections to
refile — each read through the selectors."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Concat
from django.urls import NoReverseMatch, reverse

from fazhi.core import access, calendar, workbench
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, Source, Work, WorkItem, level_for, provider

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
def review_work(user: User, on: dt.date) -> Work:
    """Review levels near or past their time limit; documents to file (sources, read a page at a time); corrections
    to refile and documents recently expired (short lists: a correction's deadline is rules.correction_deadline,
    computed in Python from the current setting; the expired are those of the last month)."""
    items: list[WorkItem] = []
    due_soon = on + dt.timedelta(days=LEVEL_WARN_DAYS)
    reviews = workbench.annotate(
        reviews_to_act_on(user).filter(level_due_on__lte=due_soon).select_related("organization"),
        on=on,
        due="level_due_on",
        warn_days=LEVEL_WARN_DAYS,
        title=workbench.text("“", F("title"), "”"),
        unit="organization__name",
        category="合法性审查",
    )
    documents = workbench.annotate(
        _light(unfiled_documents(user, access.CHANGE)),
        on=on,
        due="filing_due_on",
        warn_days=FILING_WARN_DAYS,
        title=workbench.text("规范性文件“", F("title"), _number()),
        unit="organization__name",
        category="规范性文件备案",
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
    return Work(
        items=items,
        sources=[
            Source("合法性审查", reviews, lambda review: _review_item(review, on), search=("title",)),
            Source("规范性文件备案", documents, lambda d: _document_item(d, on), search=("title", "number")),
        ],
    )


def _number():
    """A document's “（number）” after its title, as its str() writes it (none without a number)."""
    return Case(
        When(number="", then=Value("")),
        default=Concat(Value("（"), F("number"), Value("）")),
        output_field=CharField(),
    )


def _review_item(review, on: dt.date) -> WorkItem:
    return WorkItem(
        title=f"“{review.title}”{review.get_status_display()}应于{review.level_due_on:%Y年%m月%d日}前出具意见",
        category="合法性审查",
        level=level_for(review.level_due_on, on, warn_days=LEVEL_WARN_DAYS),
        due=review.level_due_on,
        url=_url("review:detail", review.pk),
        unit=review.organization.name,
        detail=review.level_due_explanation,
    )


def _document_item(document, on: dt.date) -> WorkItem:
    due = document.filing_due_on
    return WorkItem(
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
