"""The training-session form with its unit as a search field (core.web.units, FAZHI_UNIT_SELECT_MAX under the user's
units): the typed label records the session for that unit; a unit the user may not act for is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.enforcement.models import SelfAssessment, TrainingSession

pytestmark = pytest.mark.django_db


def test_a_session_recorded_through_the_search_field(client, settings, users, district):
    settings.FAZHI_UNIT_SELECT_MAX = 0
    client.force_login(users.justice)
    data = {"topic": "执法规范化轮训", "held_on": "2025-06-18", "hours": "8", "kind": "rotation"}
    page = client.get(reverse("enforcement:training")).content.decode()
    assert 'value="测试区司法局（测试区人民政府）"' in page  # the user's own unit, filled in by its label
    refused = client.post(
        reverse("enforcement:training"), {**data, "organization": "邻区司法局（邻区人民政府）"}
    )
    assert refused.status_code == 400 and not TrainingSession.objects.exists()
    response = client.post(
        reverse("enforcement:training"), {**data, "organization": "测试区市场监督管理局（测试区人民政府）"}
    )
    assert response.status_code == 302 and TrainingSession.objects.get().organization == district.scj


def test_a_self_assessment_names_its_body_through_the_search_field(client, settings, body, team_clerk):
    settings.FAZHI_UNIT_SELECT_MAX = 0
    client.force_login(team_clerk)
    url = reverse("evaluation:record_self_assessment")
    page = client.get(url).content.decode()
    assert 'data-autocomplete="/choices/changeable-bodies/"' in page
    data = {
        "year": "2025",
        "system": "recording",
        "assessed_on": "2025-05-30",
        "findings": "执法记录仪配备不足",
    }
    response = client.post(url, {**data, "body": "测试区市场监管执法大队（测试区市场监管执法大队）"})
    assert response.status_code == 302 and SelfAssessment.objects.get().body == body
    found = client.get(reverse("core:choices", args=["changeable-bodies"]), {"q": "执法大队"}).json()
    assert found == {
        "results": [{"id": body.pk, "label": "测试区市场监管执法大队（测试区市场监管执法大队）"}]
    }
