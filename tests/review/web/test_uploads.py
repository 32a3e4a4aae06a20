"""Issue 15: filing materials are uploaded files on every way in (the page, the API), not check boxes; several filings
per document, the district people's congress standing committee's among them (监督法第三十九条); a document's
validity from its dates in the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import clock
from fazhi.review.models import FilingMaterial

from ..conftest import issued

D = dt.date


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2024, 9, 30))


@pytest.fixture
def government_document(users, district):
    """The district government's own document, published on 2 September 2024, in force from 2 October."""
    return issued(
        users.justice, users.justice, district.root, "测试区养犬管理规定", published_on=D(2024, 9, 2)
    )


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_the_page_files_with_uploaded_materials_and_adds_one_later(client, users, government_document):
    client.force_login(users.justice)
    response = client.post(
        f"/documents/{government_document.pk}/filing/",
        {
            "body": "government",
            "filed_on": "2024-09-20",
            "filed_with": "测试市人民政府",
            "has_report": upload("备案报告.txt", "关于报送《测试区养犬管理规定》备案的报告"),
            "has_text": upload("正式文本.txt", "测试区养犬管理规定（正式文本）"),
        },
    )
    assert response.status_code == 302
    filing = government_document.filings.get()
    assert filing.missing_materials == ["起草说明", "合法性审查意见", "制定依据"]
    response = client.post(
        f"/documents/{government_document.pk}/filing/materials/",
        {"filing": filing.pk, "kind": "has_basis", "file": upload("制定依据.txt", "《动物防疫法》第三十条")},
    )
    assert response.status_code == 302
    material = FilingMaterial.objects.get(filing=filing, kind="has_basis")
    assert material.original_name == "制定依据.txt" and len(material.sha256) == 64
    assert material.file.read().decode() == "《动物防疫法》第三十条"
    page = client.get(f"/documents/{government_document.pk}/").content.decode()
    assert (
        "制定依据.txt" in page and "备案报告.txt" in page and "材料不全：缺起草说明、合法性审查意见" in page
    )
    # a kind that is no material is refused in Chinese
    response = client.post(
        f"/documents/{government_document.pk}/filing/materials/",
        {"filing": filing.pk, "kind": "photo", "file": upload("照片.txt", "x")},
    )
    assert response.status_code == 400 and "没有“photo”这一项" not in response.content.decode()
    assert "选择一个有效的选项" in response.content.decode()
    assert FilingMaterial.objects.filter(filing=filing).count() == 3


def test_the_api_files_with_the_standing_committee_uploads_materials_and_shows_validity(
    client, users, government_document
):
    client.force_login(users.justice)
    response = client.post(
        f"/api/review/documents/{government_document.pk}/filings/",
        {"filed_on": "2024-09-20", "filed_with": "测试市人民政府", "has_report": upload("报告.txt", "报告")},
    )
    assert response.status_code == 201, response.content.decode()
    response = client.post(
        f"/api/review/documents/{government_document.pk}/filings/",
        {
            "body": "congress",
            "filed_on": "2024-09-25",
            "filed_with": "测试区人民代表大会常务委员会",
            "has_text": upload("正式文本.txt", "正式文本"),
        },
    )
    assert response.status_code == 201, response.content.decode()
    congress = response.json()
    assert (congress["body_label"], congress["due_on"]) == ("本级人民代表大会常务委员会", "2024-10-08")
    assert [m["original_name"] for m in congress["materials"]] == ["正式文本.txt"]
    response = client.post(
        f"/api/review/filings/{congress['id']}/materials/",
        {"kind": "has_report", "file": upload("报告.txt", "报人大常委会备案的报告")},
    )
    assert response.status_code == 201 and response.json()["kind_label"] == "备案报告"
    document = client.get(f"/api/review/documents/{government_document.pk}/").json()
    assert document["validity"] == "未生效"  # in force from 2 October
    assert [(f["body"], f["filed_with"]) for f in document["filings"]] == [  # latest first
        ("congress", "测试区人民代表大会常务委员会"),
        ("government", "测试市人民政府"),
    ]
    # the filings list filters by receiving body
    listed = client.get("/api/review/filings/?body=congress").json()
    assert [f["id"] for f in listed["results"]] == [congress["id"]]
