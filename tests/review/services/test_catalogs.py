"""Review catalogs (合法性审查目录清单) and the matters each unit issued or signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.review import selectors, services
from fazhi.review.models import ReviewCatalog

from ..conftest import pass_review


def test_a_unit_adopts_its_catalog_with_its_entries(users, district):
    catalog = services.adopt_catalog(
        actor=users.jyj_clerk,
        organization=district.jyj,
        title="测试区教育局合法性审查目录清单",
        adopted_on=dt.date(2024, 3, 1),
        entries=[
            ("normative_document", "以本单位名义制发的行政规范性文件"),
            ("contract", "以本单位名义签订的政府投资项目合同"),
        ],
    )
    assert [(e.subject_kind, e.description) for e in catalog.entries.order_by("pk")] == [
        ("normative_document", "以本单位名义制发的行政规范性文件"),
        ("contract", "以本单位名义签订的政府投资项目合同"),
    ]
    assert list(selectors.catalogs_for(users.jyj_clerk)) == [catalog]
    assert list(selectors.catalogs_for(users.scj_clerk)) == []
    assert list(selectors.catalogs_for(users.justice)) == [catalog]


def test_a_catalog_needs_entries_of_known_kinds_and_only_its_unit_adopts_it(users, district):
    with pytest.raises(ValidationError, match="至少应列明一类"):
        services.adopt_catalog(
            actor=users.jyj_clerk,
            organization=district.jyj,
            title="空清单",
            adopted_on=dt.date(2024, 3, 1),
            entries=[],
        )
    with pytest.raises(ValidationError) as unknown:
        services.adopt_catalog(
            actor=users.jyj_clerk,
            organization=district.jyj,
            title="清单",
            adopted_on=dt.date(2024, 3, 1),
            entries=[("speech", "领导讲话")],
        )
    assert "subject_kind" in unknown.value.message_dict
    assert not ReviewCatalog.objects.exists()  # nothing half-made
    with pytest.raises(PermissionDenied):
        services.adopt_catalog(
            actor=users.scj_clerk,
            organization=district.jyj,
            title="清单",
            adopted_on=dt.date(2024, 3, 1),
            entries=[("contract", "合同")],
        )


def test_a_matter_records_the_review_it_went_through(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 5, 6),
        text="合同文本",
    )
    pass_review(review, justice=users.justice)
    matter = services.register_matter(
        actor=users.jyj_clerk,
        organization=district.jyj,
        subject_kind="contract",
        title="校舍维修合同",
        issued_on=dt.date(2024, 5, 28),
        legality_review=review,
    )
    assert matter.legality_review == review
    unreviewed = services.register_matter(
        actor=users.jyj_clerk,
        organization=district.jyj,
        subject_kind="contract",
        title="食堂承包合同",
        issued_on=dt.date(2024, 6, 3),
    )
    assert unreviewed.legality_review is None
    assert set(selectors.matters_for(users.jyj_clerk)) == {matter, unreviewed}
    assert list(selectors.matters_for(users.scj_clerk)) == []


def test_a_matter_refuses_a_review_of_another_kind_or_unit_and_normative_documents(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 5, 6),
        text="合同文本",
    )
    with pytest.raises(ValidationError, match="与事项类别不一致"):
        services.register_matter(
            actor=users.jyj_clerk,
            organization=district.jyj,
            subject_kind="major_enforcement_decision",
            title="x",
            issued_on=dt.date(2024, 6, 1),
            legality_review=review,
        )
    with pytest.raises(ValidationError, match="不是本单位"):
        services.register_matter(
            actor=users.justice,
            organization=district.scj,
            subject_kind="contract",
            title="x",
            issued_on=dt.date(2024, 6, 1),
            legality_review=review,
        )
    with pytest.raises(PermissionDenied):
        services.register_matter(
            actor=users.scj_clerk,
            organization=district.scj,
            subject_kind="contract",
            title="x",
            issued_on=dt.date(2024, 6, 1),
            legality_review=review,
        )
    with pytest.raises(ValidationError, match="规范性文件登记簿"):
        services.register_matter(
            actor=users.jyj_clerk,
            organization=district.jyj,
            subject_kind="normative_document",
            title="x",
            issued_on=dt.date(2024, 6, 1),
        )
