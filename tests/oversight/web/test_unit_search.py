"""The inspection form with its units as search fields (core.web.units, FAZHI_UNIT_SELECT_MAX under the user's
units): typed labels register the inspection of exactly those units."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.oversight.models import Inspection

pytestmark = pytest.mark.django_db


def test_an_inspection_registered_through_the_search_fields(client, settings, users, district):
    settings.FAZHI_UNIT_SELECT_MAX = 0
    client.force_login(users.justice)
    page = client.get(reverse("oversight:inspections")).content.decode()
    assert page.count('data-autocomplete="/choices/district-units/"') == 2
    response = client.post(
        reverse("oversight:inspections"),
        {
            "kind": "patrol",
            "title": "依托巡察督察",
            "held_on": "2024-08-10",
            "organization": "测试区司法局",
            "units": "测试区教育局（测试区人民政府）、测试区莲花镇",
        },
    )
    inspection = Inspection.objects.get()
    assert response.url == reverse("oversight:inspection", args=[inspection.pk])
    assert inspection.organization == district.sfj
    assert set(inspection.inspected.values_list("organization", flat=True)) == {
        district.jyj.pk,
        district.town.pk,
    }
