"""403, 404 and 500 pages in Chinese and in the platform's look, with DEBUG off; /public/ is the index of the
public lists and issued reports, and each public page links to the others."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from fazhi.core import views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_an_unknown_address_answers_a_chinese_404_in_the_platforms_look(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在" in text
    assert 'class="top"' in text and "fazhi/fazhi.css" in text
    assert "Not Found" not in text and "The requested resource" not in text


def test_a_404_of_a_record_says_the_platforms_own_reason(client, users):
    client.force_login(users.justice)
    response = client.get("/ledgers/jobs/999999/")
    assert response.status_code == 404
    assert "没有这个导入任务。" in response.content.decode()


def test_a_refusal_is_a_chinese_403_with_its_reason(rf, users):
    request = rf.get("/")
    request.user = users.leader
    response = views.permission_denied(request, PermissionDenied("领导只能查看，不能导入台账。"))
    assert response.status_code == 403
    text = response.content.decode()
    assert "您无权访问此页面" in text and "领导只能查看，不能导入台账。" in text


def test_an_english_reason_is_not_shown(rf, users):
    request = rf.get("/")
    request.user = users.leader
    text = views.page_not_found(request, Exception("No Matter matches the given query.")).content.decode()
    assert "matches" not in text and "您访问的页面或记录不存在" in text


def test_a_server_error_answers_a_chinese_500_in_the_platforms_look(users, monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.workbench, "Board", lambda user, on: broken(None))
    client = Client(raise_request_exception=False)
    client.force_login(users.justice)
    response = client.get("/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统出错了" in text and "没有保存" in text
    assert 'class="top"' in text and "Server Error" not in text and "boom" not in text


def test_public_index_lists_the_public_lists_and_reports_without_login(client):
    response = client.get("/public/")
    assert response.status_code == 200
    text = response.content.decode()
    for title, name in [
        ("法治政府建设年度报告", "reports_public:list"),
        ("重大行政决策事项目录", "decisions_public:catalogs"),
        ("现行有效的行政规范性文件", "public_normative_documents"),
        ("行政执法主体及事项清单", "public_enforcement_powers"),
        ("行政执法人员", "public_enforcement_officers"),
        ("证明事项清单", "catalogs_public_certification_items"),
        ("告知承诺制事项清单", "catalogs_public_commitment_items"),
        ("政务服务事项清单", "catalogs_public_service_items"),
    ]:
        assert f'<a href="{reverse(name)}">{title}</a>' in text


@pytest.mark.parametrize(
    "path",
    [
        "/public/annual-reports/",
        "/public/decision-catalogs/",
        "/public/normative-documents/",
        "/public/enforcement-powers/",
        "/public/enforcement-officers/",
        "/public/service-items/",
    ],
)
def test_each_public_page_links_to_the_index_and_the_others(client, district, path):
    response = client.get(path)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'href="/public/">公开信息首页</a>' in text
    assert 'href="/public/annual-reports/"' in text and 'href="/public/service-items/"' in text
    assert 'aria-current="page"' in text
