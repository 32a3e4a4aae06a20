"""Attachments preview in the page (core.web.files, templates/_attachment.html): a PDF and an image are served inline
with their own content type by the same access-checked view as the download, a .docx is rendered to escaped HTML,
another unit's file is a 404, and a file of another kind is only downloaded."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from fazhi.duties import services
from tests.duties.conftest import D, record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("会议纪要", level=1)
    document.add_paragraph("一、会议学习了《中华人民共和国行政复议法》。")
    document.add_paragraph("<script>alert('x')</script>")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "参会人员"
    table.rows[0].cells[1].text = "张三、李四"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def activity(users, district):
    return record(users.justice, "training", D(2024, 6, 1), district.sfj)


def attach(users, activity, name, content):
    a = services.attach_file(
        actor=users.justice, activity=activity, title="", file=ContentFile(content, name=name)
    )
    return reverse("duties:attachment", args=[activity.pk, a.pk])


def test_pdf_and_images_are_served_inline_with_their_type_and_may_be_framed_by_the_platform_only(
    client, users, activity
):
    client.force_login(users.justice)
    for name, content, kind in (("通知.pdf", PDF, "application/pdf"), ("现场照片.PNG", PNG, "image/png")):
        url = attach(users, activity, name, content)
        response = client.get(url, {"preview": "1"})
        assert response.status_code == 200 and response["Content-Type"] == kind
        assert response["Content-Disposition"].startswith("inline")
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == content
        download = client.get(url)
        assert download["Content-Disposition"].startswith("attachment")


def test_a_docx_is_rendered_to_escaped_html_with_its_paragraphs_and_tables(client, users, activity):
    client.force_login(users.justice)
    url = attach(users, activity, "会议纪要.docx", docx_bytes())
    response = client.get(url, {"preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "<h2>会议纪要</h2>" in html
    assert "<p>一、会议学习了《中华人民共和国行政复议法》。</p>" in html
    assert "<td>参会人员</td><td>张三、李四</td>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_broken_docx_and_other_kinds_are_refused_in_chinese_and_still_downloaded(client, users, activity):
    client.force_login(users.justice)
    broken = attach(users, activity, "坏文件.docx", b"not a zip")
    response = client.get(broken, {"preview": "1"})
    assert response.status_code == 400 and "无法作为Word文档（.docx）打开" in response.content.decode()
    for name in ("签到表.txt", "图.svg"):
        url = attach(users, activity, name, b"<svg onload=alert(1)>")
        response = client.get(url, {"preview": "1"})
        assert response.status_code == 400 and "不能在页面中预览" in response.content.decode()
        assert client.get(url)["Content-Disposition"].startswith("attachment")


def test_another_units_file_is_not_previewed(client, users, activity):
    url = attach(users, activity, "通知.pdf", PDF)
    client.force_login(users.jyj_clerk)
    assert client.get(url, {"preview": "1"}).status_code == 404
    assert client.get(url).status_code == 404


def test_the_activity_page_shows_a_preview_panel_for_previewable_files_only(client, users, activity):
    pdf = attach(users, activity, "通知.pdf", PDF)
    word = attach(users, activity, "纪要.docx", docx_bytes())
    text = attach(users, activity, "签到表.txt", b"x")
    client.force_login(users.justice)
    html = client.get(reverse("duties:activity", args=[activity.pk])).content.decode()
    assert f'<iframe src="{pdf}?preview=1"' in html and f'<iframe src="{word}?preview=1"' in html
    assert f'href="{text}"' in html and f"{text}?preview=1" not in html
