"""The lists have no state machine: an item is listed (列入) and later removed (移出), never deleted. Who may take each
step on an item of the education bureau, for every role of core.models.Role, asserted from one table."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.catalogs import services
from fazhi.catalogs.models import ListItem
from fazhi.catalogs.rules.lists import may_delete_item
from fazhi.core.models import Role

from ..conftest import D, certification

pytestmark = pytest.mark.django_db

# user (tests/conftest.py `users`) -> (role, may list and remove an item of the education bureau)
MAY_CHANGE = {
    "admin": (Role.SYSTEM_ADMIN, True),
    "justice": (Role.JUSTICE_ADMIN, True),
    "other_justice": (Role.JUSTICE_ADMIN, False),  # another district
    "jyj_clerk": (Role.UNIT_CLERK, True),  # the item's own unit
    "scj_clerk": (Role.UNIT_CLERK, False),
    "advisor": (Role.LEGAL_ADVISOR, False),
    "reconsideration": (Role.RECONSIDERATION_STAFF, False),
    "supervisor": (Role.ENFORCEMENT_SUPERVISOR, False),
    "leader": (Role.LEADER, False),  # leaders read
    "scj_leader": (Role.LEADER, False),
}


def test_the_table_covers_every_role():
    assert {role for role, _ in MAY_CHANGE.values()} == set(Role.values)


def test_who_may_list_an_item(users, district):
    for n, (who, (_, may)) in enumerate(MAY_CHANGE.items()):
        code = f"ZM-{n}"
        if may:
            certification(getattr(users, who), district.jyj, code)
        else:
            with pytest.raises(PermissionDenied):
                certification(getattr(users, who), district.jyj, code)
        assert (who, ListItem.objects.filter(code=code).exists()) == (who, may)


def test_who_may_remove_an_item_and_that_nobody_deletes_one(users, district):
    for n, (who, (_, may)) in enumerate(MAY_CHANGE.items()):
        item = certification(users.justice, district.jyj, f"ZM-{n}")
        user = getattr(users, who)
        if may:
            services.remove(actor=user, item=item, removed_on=D(2025, 6, 30), reason="取消")
        else:
            with pytest.raises(PermissionDenied):
                services.remove(actor=user, item=item, removed_on=D(2025, 6, 30), reason="取消")
        item.refresh_from_db()
        assert (who, item.removed_on, may_delete_item(user, item)) == (
            who,
            D(2025, 6, 30) if may else None,
            False,
        )
