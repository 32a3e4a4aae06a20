"""Issue 15: several filings per document (the government above and, for the district government's own documents,
the district people's congress standing committee, 监督法第三十九条、第四十条), materials uploaded as files, each
filing's own deadline, and the correction period a local setting (not 法规规章备案审查条例第九条)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Setting
from fazhi.review import rules, services
from fazhi.review.models import Filing, FilingMaterial

from ..conftest import issued, materials

D = dt.date


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2024, 12, 20))


@pytest.fixture
def government_document(users, district):
    """The district government's own document, published on Monday 2 September 2024."""
    return issued(
        users.justice, users.justice, district.root, "测试区养犬管理规定", published_on=D(2024, 9, 2)
    )


def test_validate_body_a_government_document_is_filed_with_the_government_and_the_standing_committee(
    users, government_document
):
    upper = services.file_document(
        actor=users.justice,
        document=government_document,
        filed_on=D(2024, 9, 20),
        filed_with="测试市人民政府",
        materials=materials(),
    )
    congress = services.file_document(
        actor=users.justice,
        document=government_document,
        filed_on=D(2024, 9, 25),
        filed_with="测试区人民代表大会常务委员会",
        body="congress",
        materials=materials("has_report", "has_text"),
    )
    assert list(government_document.filings.order_by("filed_on").values_list("body", "filed_with")) == [
        ("government", "测试市人民政府"),
        ("congress", "测试区人民代表大会常务委员会"),
    ]
    # each with its own deadline: 30 days from publication (2 October 2024) for both by default
    assert (upper.due_on, congress.due_on) == (D(2024, 10, 8), D(2024, 10, 8))
    assert "报送区人大常委会备案期限（30日，本地设置，需本地核对）" in congress.due_explanation
    assert congress.in_time and congress.missing_materials == ["起草说明", "合法性审查意见", "制定依据"]
    # the same body twice is refused
    with pytest.raises(ValidationError) as refused:
        services.file_document(
            actor=users.justice,
            document=government_document,
            filed_on=D(2024, 9, 26),
            filed_with="测试区人大常委会",
            body="congress",
        )
    assert refused.value.messages == [f"“{government_document}”已向本级人民代表大会常务委员会报送备案。"]
    assert government_document.filings.count() == 2


def test_validate_body_a_department_document_is_not_filed_with_the_standing_committee(users, district):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "校外培训管理办法", published_on=D(2024, 9, 2)
    )
    before = (Filing.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.file_document(
            actor=users.jyj_clerk,
            document=document,
            filed_on=D(2024, 9, 20),
            filed_with="测试区人大常委会",
            body="congress",
        )
    assert refused.value.message_dict == {
        "body": [
            "只有区人民政府制定的规范性文件报送区人大常委会备案（监督法第三十九条：本级人民政府制定的规范性文件）。"
        ]
    }
    assert (Filing.objects.count(), AuditEvent.objects.count()) == before


def test_filing_materials_are_uploaded_files_kept_with_their_hash(users, government_document):
    filing = services.file_document(
        actor=users.justice,
        document=government_document,
        filed_on=D(2024, 9, 20),
        filed_with="测试市人民政府",
        materials=materials("has_report"),
    )
    assert filing.missing_materials == ["正式文本", "起草说明", "合法性审查意见", "制定依据"]
    added = services.add_filing_material(
        actor=users.justice, filing=filing, kind="has_basis", file=materials("has_basis")["has_basis"]
    )
    filing.refresh_from_db()
    assert filing.has_basis and added.original_name == "has_basis.txt" and len(added.sha256) == 64
    assert added.file.read() == "has_basis材料".encode()
    assert sorted(FilingMaterial.objects.filter(filing=filing).values_list("kind", flat=True)) == [
        "has_basis",
        "has_report",
    ]
    with pytest.raises(ValidationError, match="备案材料应为"):
        services.add_filing_material(actor=users.justice, filing=filing, kind="photo", file=None)


def test_correction_deadline_is_a_local_setting_not_article_nine(users, government_document):
    filing = services.file_document(
        actor=users.justice,
        document=government_document,
        filed_on=D(2024, 9, 20),
        filed_with="测试市人民政府",
    )
    filing = services.record_filing_result(
        actor=users.justice,
        filing=filing,
        result="correction",
        result_on=D(2024, 11, 1),
        correction_required="第九条设定扣押犬只的行政强制措施，超越设定权限。",
    )
    deadline = rules.correction_deadline(filing)
    assert deadline.due == D(2024, 11, 18) and "第九条" not in deadline.explain()
    assert "需本地核对" in rules.CORRECTION_PERIOD.basis and "第二十一条" in rules.CORRECTION_PERIOD.basis
    # the local rule fixes it: a district whose rule says 30 days sets it
    core_services.create_record(
        actor=users.admin, instance=Setting(key="review.correction_refiling_days", value=30)
    )
    assert rules.correction_deadline(filing).due == D(2024, 12, 2)
