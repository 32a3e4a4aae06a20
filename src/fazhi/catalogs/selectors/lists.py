"""Reads of the lists: what was in force on a day (the database form of EffectiveDated.in_force_on), the public
lists without logging in, the staff's lists scoped through core.access, and the day a page or the API asks for."""

from __future__ import annotations

import datetime as dt

from django.db import connection, models
from django.db.models import F, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from fazhi.core import access, clock
from fazhi.core.models import User

from ..models import ListItem, ServiceItem

BAD_DATE = "日期“{}”无效：请按“年-月-日”填写，如 2025-12-31。"


def day_asked(raw: str | None) -> tuple[dt.date, str]:
    """The day asked for in ?on=, today when not given, and the Chinese error when it is not a date."""
    today = clock.today()
    if not raw:
        return today, ""
    try:
        return dt.date.fromisoformat(raw.strip()), ""
    except ValueError:
        return today, BAD_DATE.format(raw)


def in_force_on(queryset: QuerySet, day: dt.date) -> QuerySet:
    """The rows in force on `day`: added on or before it, not removed by it."""
    return queryset.filter(added_on__lte=day).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))


PUBLIC_ORDER = (
    "organization__path",
    "code",
)  # a public list's order; one version of a code is in force on a day


def public_items(catalog: str, day: dt.date) -> QuerySet[ListItem]:
    """The 证明事项清单 or 告知承诺制事项清单 as it stood on `day`, for the public."""
    qs = ListItem.objects.filter(catalog=catalog).select_related("organization")
    return in_force_on(qs, day).order_by(*PUBLIC_ORDER)


def public_service_items(day: dt.date) -> QuerySet[ServiceItem]:
    qs = ServiceItem.objects.select_related("organization")
    return in_force_on(qs, day).order_by(*PUBLIC_ORDER)


def _numbered(rows: QuerySet) -> tuple[str, tuple]:
    """SQL of (id, number) over a day's public list `rows`: each item's 序号, its place in the list's order from 1."""
    order = [F(f).asc() for f in PUBLIC_ORDER]
    numbered = (
        rows.order_by().annotate(number=Window(RowNumber(), order_by=order)).values_list("pk", "number")
    )
    return numbered.query.sql_with_params()


def numbers(rows: QuerySet, ids: list[int] | None = None) -> dict[int, int]:
    """The 序号 of the items `ids` (all of them for None) of a day's public list `rows`, numbered in the list's
    order over the whole list (not over a search or filter), in one statement."""
    if ids is not None and not ids:
        return {}
    sql, params = _numbered(rows)
    where, extra = "", ()
    if ids is not None:
        where, extra = f" WHERE numbered.pk IN ({', '.join(['%s'] * len(ids))})", tuple(ids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT numbered.pk, numbered.number FROM ({sql}) numbered{where}", (*params, *extra))  # noqa: S608  (Django's own SQL and placeholders)
        return dict(cursor.fetchall())


def numbered_containing(rows: QuerySet, digits: str) -> RawSQL:
    """The ids of the items of a day's public list `rows` whose 序号 contains `digits` (ASCII digits), as SQL for
    `pk__in`."""
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(digits)
    sql, params = _numbered(rows)
    return RawSQL(  # noqa: S611  (Django's own SQL of the list; the digits are a parameter)
        f"SELECT numbered.pk FROM ({sql}) numbered WHERE CAST(numbered.number AS VARCHAR(20)) LIKE %s",  # noqa: S608
        (*params, f"%{digits}%"),
    )


def items_for(user: User, catalog: str | None, action: str = access.VIEW) -> QuerySet[ListItem]:
    """The items of one list (or of both, catalog None) the user may see."""
    qs = ListItem.objects.select_related("organization")
    return access.scope(user, qs.filter(catalog=catalog) if catalog else qs, action)


def service_items_for(user: User, action: str = access.VIEW) -> QuerySet[ServiceItem]:
    return access.scope(user, ServiceItem.objects.select_related("organization"), action)


def versions_of(model, *, code: str, catalog: str | None = None) -> QuerySet:
    qs = model.objects.filter(code=code)
    if catalog is not None:
        qs = qs.filter(catalog=catalog)
    return qs.order_by("added_on")


def other_versions(instance: models.Model) -> QuerySet:
    """The other versions of the item `instance` is a version of (same code, same list); not scoped: the rule that
    versions never overlap holds across units."""
    qs = type(instance)._default_manager.filter(code=instance.code)
    if isinstance(instance, ListItem):
        qs = qs.filter(catalog=instance.catalog)
    return qs.exclude(pk=instance.pk) if instance.pk else qs
