"""The lists admin never deletes and removes through the service."""

from __future__ import annotations

import pytest

from ..conftest import D, certification

pytestmark = pytest.mark.django_db


def test_the_admin_never_deletes_and_removes_through_the_service(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1")
    client.force_login(users.justice)
    assert client.post(f"/admin/catalogs/listitem/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        f"/admin/catalogs/listitem/{item.pk}/change/", {"removed_on": "2025-01-01", "removal_reason": "取消"}
    )
    item.refresh_from_db()
    assert (item.removed_on, item.removal_reason, item.name) == (D(2025, 1, 1), "取消", "证明ZM-1")
