"""Review test data: helpers that pass a legality review through its three levels, and register, review and issue
normative documents of the test district's units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from fazhi.review import services
from fazhi.review.models import LegalityReview, NormativeDocument
from tests import factories

PREFIX = "测政规发"
KINDS = ("has_report", "has_text", "has_drafting_explanation", "has_review_opinion", "has_basis")


def materials(*kinds: str) -> dict:
    """Filing materials as uploaded files (all five when none is named), for services.file_document."""
    return {kind: ContentFile(f"{kind}材料".encode(), name=f"{kind}.txt") for kind in (kinds or KINDS)}


def pass_lower_levels(review: LegalityReview, on: dt.date | None = None) -> LegalityReview:
    """The drafting unit's initial review and the advisor's review, both passing, on the day it was sent."""
    actor = factories.system_actor()
    day = on or review.submitted_on
    services.give_opinion(actor=actor, review=review, outcome="lawful", given_on=day)
    services.give_opinion(actor=actor, review=review, outcome="lawful", given_on=day)
    review.refresh_from_db()
    return review


def pass_review(
    review: LegalityReview, *, justice, concluded_on: dt.date | None = None, opinion: str = "lawful"
) -> LegalityReview:
    """All three levels: the lower two passing on the day it was sent, then the Justice Bureau's final opinion."""
    pass_lower_levels(review)
    return services.conclude_review(
        actor=justice,
        review=review,
        opinion=opinion,
        reasons="符合上位法规定，未发现违反“七个不得”的内容。",
        concluded_on=concluded_on or review.submitted_on + dt.timedelta(days=14),
    )


def register(clerk, organization, title: str, *, prefix: str = PREFIX, **fields) -> NormativeDocument:
    fields.setdefault("registered_on", dt.date(2024, 8, 1))
    return services.register_document(
        actor=clerk, title=title, organization=organization, number_prefix=prefix, **fields
    )


def review_passed(document: NormativeDocument, *, clerk, justice, submitted_on=dt.date(2024, 8, 5)):
    review = services.submit_document_for_review(
        actor=clerk, document=document, submitted_on=submitted_on, text=f"{document.title}（送审稿）"
    )
    review = pass_review(review, justice=justice)
    document.refresh_from_db()
    if review.passed:
        procedures_done(document, clerk=clerk, on=review.concluded_on)
    return document


def procedures_done(document: NormativeDocument, *, clerk, on: dt.date) -> NormativeDocument:
    """征求意见 ending and 集体审议 held on `on` (the day of signing), as every document needs before issue."""
    services.record_consultation(
        actor=clerk,
        document=document,
        started_on=document.registered_on,
        ended_on=on,
        consulted="通过区政府网站向社会公开征求意见",
        summary="收到意见2条，采纳1条。",
    )
    services.record_deliberation(
        actor=clerk, document=document, held_on=on, body="制定机关办公会议", summary="审议通过。"
    )
    return document


def issue(document: NormativeDocument, *, clerk, published_on: dt.date, effective_on: dt.date | None = None):
    review = document.legality_review
    if review is not None and review.passed and not document.deliberations.exists():
        procedures_done(document, clerk=clerk, on=published_on)
    return services.issue_document(
        actor=clerk,
        document=document,
        signed_on=published_on,
        published_on=published_on,
        effective_on=effective_on or published_on + dt.timedelta(days=30),
    )


def issued(clerk, justice, organization, title: str, *, published_on: dt.date, **fields) -> NormativeDocument:
    """A document registered a month before `published_on`, reviewed (passing, two weeks later) and issued."""
    fields.setdefault("registered_on", published_on - dt.timedelta(days=30))
    document = register(clerk, organization, title, **fields)
    review_passed(
        document, clerk=clerk, justice=justice, submitted_on=fields["registered_on"] + dt.timedelta(days=1)
    )
    return issue(document, clerk=clerk, published_on=published_on)


@pytest.fixture
def campaign(users, district):
    """The Justice Bureau's campaign of the district, opened on 8 October 2024."""
    return services.create_campaign(
        actor=users.justice,
        name="2024年涉及不平等对待企业政策文件清理",
        scope="含有地方保护、指定交易等妨碍统一市场和公平竞争内容的文件",
        organization=district.sfj,
        started_on=dt.date(2024, 10, 8),
    )


@pytest.fixture
def reviewed(users, district):
    """An education bureau document registered on 2024-08-01 whose legality review passed on 2024-08-19."""
    document = register(users.jyj_clerk, district.jyj, "关于规范校外培训机构收费行为的通知")
    return review_passed(document, clerk=users.jyj_clerk, justice=users.justice)
