"""Builders for test data: units, people and users, created through the services like every other path."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core import ids, services
from fazhi.core.models import Organization, OrganizationKind, Person, Role, User

PASSWORD = "Test-passw0rd-fazhi"
_seq = itertools.count(1)


def system_actor() -> User:
    user = User.objects.filter(username="system-admin").first()
    return user or services.create_user(
        actor=None, username="system-admin", password=PASSWORD, role=Role.SYSTEM_ADMIN
    )


def id_number(n: int | None = None, birth: dt.date = dt.date(1985, 6, 15)) -> str:
    n = next(_seq) if n is None else n
    # The day wraps every 10,000 numbers, so a long run never makes a birth date after today.
    return ids.make_id_number("640303", birth + dt.timedelta(days=n % 10000), n % 1000)


def org(
    code: str | None = None,
    *,
    parent: Organization | None = None,
    kind: str = OrganizationKind.DEPARTMENT,
    name: str | None = None,
    **fields,
) -> Organization:
    code = code or f"U{next(_seq)}"
    return services.create_organization(
        actor=system_actor(), code=code, name=name or f"单位{code}", kind=kind, parent=parent, **fields
    )


def person(organization: Organization, *, name: str | None = None, **fields) -> Person:
    fields.setdefault("id_number", id_number())
    return services.create_person(
        actor=system_actor(), name=name or f"人员{next(_seq)}", organization=organization, **fields
    )


def user(role: str, organization: Organization | None = None, *, username: str | None = None) -> User:
    username = username or f"{role}-{next(_seq)}"
    p = person(organization) if organization is not None else None
    return services.create_user(
        actor=system_actor(), username=username, password=PASSWORD, role=role, person=p
    )
