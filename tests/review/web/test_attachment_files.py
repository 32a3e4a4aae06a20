"""A normative document's filing materials are downloaded and previewed through the document the user may see
(they used to link to the unserved media folder)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import clock

from ..conftest import issued

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def test_filing_materials_download_and_preview_for_their_unit_only(client, users, district):
    clock.freeze(dt.date(2024, 9, 30))
    document = issued(
        users.justice, users.justice, district.root, "测试区养犬管理规定", published_on=dt.date(2024, 9, 2)
    )
    client.force_login(users.justice)
    response = client.post(
        f"/documents/{document.pk}/filing/",
        {
            "body": "government",
            "filed_on": "2024-09-20",
            "filed_with": "测试市人民政府",
            "has_report": SimpleUploadedFile("备案报告.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/documents/{document.pk}/").content.decode()
    url = re.search(
        r'<a href="(/documents/\d+/filing/materials/\d+/)" class="attachment-download">备案报告.pdf</a>', page
    )[1]
    assert f'<iframe src="{url}?preview=1"' in page
    assert b"".join(client.get(url).streaming_content) == PDF
    preview = client.get(url, {"preview": "1"})
    assert preview["Content-Type"] == "application/pdf" and preview["Content-Disposition"].startswith(
        "inline"
    )
    client.force_login(users.jyj_clerk)
    assert client.get(url, {"preview": "1"}).status_code == 404
