"""Every change to the lists: add an item on a date, remove it on a date, or change it (the old version removed and a
new one added on the same day). Rows are never deleted or rewritten, so any past day's list can be shown. Each
function checks access and the rules (rules/lists.py, partly through the model's clean()), saves and writes the
audit trail in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from fazhi.core import access, audit
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, User

from ..models import CatalogKind, ListItem, ServiceItem
from ..rules import lists as rules
from ..selectors.lists import other_versions


def _add(actor: User, instance: models.Model) -> models.Model:
    with transaction.atomic():
        access.check_create(actor, type(instance), instance.organization)
        core_services.validate(instance)
        versions = [(v.added_on, v.removed_on) for v in other_versions(instance)]
        rules.validate_no_overlap(instance.code, [*versions, (instance.added_on, instance.removed_on)])
        return core_services.create_record(actor=actor, instance=instance)


def add_item(
    *,
    actor: User,
    catalog: str,
    code: str,
    name: str,
    basis: str,
    organization: Organization,
    added_on: dt.date,
    issuer: str = "",
    verification: str = "",
    false_commitment: str = "",
) -> ListItem:
    """列入: an item of the 证明事项清单 or 告知承诺制事项清单, in force from `added_on`."""
    if catalog not in CatalogKind.values:
        raise ValidationError({"catalog": f"未知的清单：{catalog}。"})
    item = ListItem(
        catalog=catalog,
        code=code.strip(),
        name=name,
        basis=basis,
        organization=organization,
        added_on=added_on,
        issuer=issuer,
        verification=verification,
        false_commitment=false_commitment,
    )
    return _add(actor, item)


def add_service_item(
    *,
    actor: User,
    code: str,
    name: str,
    organization: Organization,
    mode: str,
    added_on: dt.date,
    time_limit_days: int | None = None,
) -> ServiceItem:
    """列入: a 政务服务事项 with its handling mode, in force from `added_on`."""
    item = ServiceItem(
        code=code.strip(),
        name=name,
        organization=organization,
        mode=mode,
        time_limit_days=time_limit_days,
        added_on=added_on,
    )
    return _add(actor, item)


def remove(
    *, actor: User, item: ListItem | ServiceItem, removed_on: dt.date | None, reason: str = ""
) -> models.Model:
    """移出: the item is no longer in the list from `removed_on`; the row stays for the lists of earlier days."""
    with transaction.atomic():
        current = type(item)._default_manager.select_for_update().get(pk=item.pk)
        access.check(actor, current, access.CHANGE)
        rules.validate_removal(current, removed_on)
        return core_services.update_record(
            actor=actor,
            instance=current,
            data={"removed_on": removed_on, "removal_reason": (reason or "").strip()},
        )


def revise(
    *, actor: User, item: ListItem | ServiceItem, on: dt.date, reason: str = "", **changes: Any
) -> models.Model:
    """变更: the current version is removed on `on` and a new version with `changes` is added on the same day."""
    model = type(item)
    unknown = set(changes) - set(model.CONTENT_FIELDS)
    if unknown:
        raise ValidationError(f"不能变更的字段：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        old = remove(actor=actor, item=item, removed_on=on, reason=reason or "事项内容变更")
        values = {f: getattr(old, f) for f in model.CONTENT_FIELDS} | changes
        if model is ListItem:
            values["catalog"] = old.catalog
        new = model(code=old.code, added_on=on, **values)
        _add(actor, new)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            instance=new,
            changes={},
            note=f"变更事项：{old.added_on}列入的版本于{on}移出，同日列入新版本。",
        )
    return new
