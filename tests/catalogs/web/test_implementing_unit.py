"""An item's implementing unit is a government or one of its departments (优化营商环境条例第三十五条、第三十六条、
第四十四条): the add form offers no court, and a court sent anyway is refused with the rule's message, through the
page and through the service, leaving nothing recorded."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.catalogs import services
from fazhi.catalogs.models import ListItem, ServiceItem

from ..conftest import D

pytestmark = pytest.mark.django_db

MESSAGE = "“测试区人民法院”不是人民政府或其有关部门，不能作为清单事项的实施单位"


def test_the_add_form_offers_the_government_and_its_departments_and_no_court(client, users, district):
    client.force_login(users.justice)
    html = client.get(reverse("catalogs:list", args=["service"])).content.decode()
    select = re.search(r'<select name="organization"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert "测试区教育局" in select and "测试区莲花镇" in select and "测试区人民政府" in select
    assert "测试区人民法院" not in select


def test_a_court_sent_to_the_page_is_refused_with_the_rules_message(client, users, district):
    client.force_login(users.justice)
    response = client.post(
        reverse("catalogs:add", args=["service"]),
        {
            "code": "FW-1",
            "name": "出具证明",
            "organization": district.court.pk,
            "mode": "on_the_spot",
            "added_on": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not ServiceItem.objects.exists()


def test_the_service_refuses_a_court_as_the_implementing_unit(users, district):
    with pytest.raises(ValidationError) as refused:
        services.add_item(
            actor=users.justice,
            catalog="certification",
            code="ZM-1",
            name="无犯罪记录证明",
            basis="依据",
            organization=district.court,
            issuer="公安机关",
            added_on=D(2025, 1, 1),
        )
    assert MESSAGE in refused.value.messages[0]
    assert not ListItem.objects.exists()
