"""The activity admin saves through the service."""

from __future__ import annotations

import pytest

from fazhi.duties.models import Activity

pytestmark = pytest.mark.django_db


def test_the_admin_saves_through_the_service(client, users, district, leaders):
    client.force_login(users.justice)
    response = client.post(
        "/admin/duties/activity/add/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": district.jyj.pk,
            "topic": "宪法",
            "names": "",
        },
    )
    assert response.status_code == 400 and not Activity.objects.exists()
    response = client.post(
        "/admin/duties/activity/add/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": district.jyj.pk,
            "topic": "宪法",
            "people_list": [leaders["jyj"].pk],
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().people_names == "许志诚"
