"""The advisor form with its units as search fields (core.web.units, FAZHI_UNIT_SELECT_MAX under the user's units):
typed labels register the advisor with exactly those units; an ambiguous name records nothing."""

from __future__ import annotations

import pytest

from fazhi.decisions.models import LegalAdvisor

pytestmark = pytest.mark.django_db


def test_an_advisor_registered_through_the_search_fields(client, settings, users, district):
    settings.FAZHI_UNIT_SELECT_MAX = 1
    client.force_login(users.justice)
    page = client.get("/decisions/advisors/").content.decode()
    assert (
        'data-autocomplete="/choices/units/"' in page
        and 'data-autocomplete="/choices/district-units/"' in page
    )
    data = {
        "name": "张律师",
        "kind": "person",
        "organization": "测试区市场监督管理局（测试区人民政府）",
        "units_served": "测试区教育局、测试区市场监管执法大队（测试区人民政府 / 测试区市场监督管理局）",
        "contract_start": "2024-06-01",
        "contract_end": "2025-05-31",
    }
    response = client.post("/decisions/advisors/new/", data)
    advisor = LegalAdvisor.objects.get(name="张律师")
    assert response.status_code == 302 and advisor.organization == district.scj
    assert sorted(advisor.units_served.values_list("code", flat=True)) == ["T-JYJ", "T-SCJ-ZD"]
    response = client.post(
        "/decisions/advisors/new/", {**data, "name": "李律师", "organization": "邻区司法局"}
    )
    assert (
        response.status_code == 400
        and "没有找到“邻区司法局”，请输入后从搜索结果中选择。" in response.content.decode()
    )
    assert not LegalAdvisor.objects.filter(name="李律师").exists()
