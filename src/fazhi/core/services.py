"""Every change to units, people and users: keyword-only functions that check access, validate, save and write
the audit trail in one transaction. Admin, pages, API, import and CLI all call these."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from . import access, audit, clock, config, crypto, rules
from .models import ApiToken, AuditEvent, Organization, Person, Role, Setting, User


def _apply(instance: models.Model, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(instance, name, value)


def validate(
    instance: models.Model, *, exclude: set[str] | None = None, validate_unique: bool = True
) -> None:
    """full_clean, leaving out workflow state fields: only transitions set those (django-fsm-2 protects them).
    Without validate_unique (bulk imports check keys per file) the model's constraints are not queried row by row
    either; the database still enforces them on write."""
    from django_fsm import FSMFieldMixin

    states = {f.name for f in instance._meta.concrete_fields if isinstance(f, FSMFieldMixin)}
    instance.full_clean(
        exclude=states | set(exclude or ()),
        validate_unique=validate_unique,
        validate_constraints=validate_unique,
    )


def create_record(*, actor: User, instance: models.Model, note: str = "") -> models.Model:
    """Create any unit-scoped record: access on its unit, full_clean, save, audit."""
    with transaction.atomic():
        access.check_create(actor, type(instance), access.organization_of(instance))
        validate(instance)
        instance.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=instance,
            changes=audit.diff({}, audit.snapshot(instance)),
            note=note,
        )
    return instance


def update_record(
    *, actor: User, instance: models.Model, data: dict[str, Any], note: str = ""
) -> models.Model:
    """Change fields of any unit-scoped record; moving it to another unit needs access to both."""
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        access.check(actor, current, access.CHANGE)
        before = audit.snapshot(current)
        _apply(instance, data)
        new_org = access.organization_of(instance)
        if new_org != access.organization_of(current) and not isinstance(instance, Organization):
            access.check_create(actor, type(instance), new_org)
        validate(instance)
        changes = audit.diff(before, audit.snapshot(instance))
        if changes:
            instance.save()
            audit.record(
                actor=actor, action=AuditEvent.Action.UPDATE, instance=instance, changes=changes, note=note
            )
    return instance


def delete_record(*, actor: User, instance: models.Model, note: str = "") -> None:
    """Delete a record; the audit event keeps every value it had (personal ones masked, audit.stored_changes), so a
    mistaken delete can be restored."""
    with transaction.atomic():
        access.check(actor, instance, access.CHANGE)
        before = audit.snapshot(instance)
        try:
            audit.record(
                actor=actor,
                action=AuditEvent.Action.DELETE,
                instance=instance,
                changes={k: [v, None] for k, v in before.items()},
                note=note,
            )
            instance.delete()
        except models.ProtectedError as exc:
            names = "、".join(sorted({str(o._meta.verbose_name) for o in exc.protected_objects}))
            raise ValidationError(f"“{instance}”仍有关联的{names}，不能删除。") from exc


def reveal(*, actor: User, instance: models.Model, field: str) -> str:
    """The full value of an encrypted personal field (ID number, phone, address) for one record, to a user who may
    change it (rules.may_reveal); every reveal is an audit event (查看完整个人信息)."""
    if field not in {f.name for f in crypto.encrypted_fields(type(instance))}:
        raise ValidationError("该字段不是加密存储的个人信息。")
    if not rules.may_reveal(actor, instance):
        raise PermissionDenied(rules.REVEAL_REFUSED)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.UNMASK,
        instance=instance,
        note=f"查看完整的{instance._meta.get_field(field).verbose_name}",
    )
    return getattr(instance, field)


# Settings ------------------------------------------------------------------------------------------------


def set_setting(*, actor: User, key: str, value: Any) -> Setting:
    """Give a local rule (core.config) a value of its own: system administrators only (installation-wide data,
    access.scope_kind), the value of the default's type (config.validate via Setting.clean), an audit event."""
    config.validate(key, value)
    current = Setting.objects.filter(key=key).first()
    if current is None:
        return create_record(actor=actor, instance=Setting(key=key, value=value))
    return update_record(actor=actor, instance=current, data={"value": value})


def restore_setting_default(*, actor: User, key: str) -> None:
    """Drop a setting's own value so the default in code applies again (audited as a delete of the value)."""
    if key not in config.SPECS:
        raise ValidationError(f"未定义的配置项：{key}")
    current = Setting.objects.filter(key=key).first()
    if current is None:
        if access.scope_kind(actor, Setting, access.CHANGE) == access.NONE:
            raise PermissionDenied("您无权修改配置。")
        return
    delete_record(actor=actor, instance=current, note="恢复默认值")


# Organizations -------------------------------------------------------------------------------------------


def organization_path(*, code: str, parent: Organization | None) -> str:
    return f"{parent.path if parent else '/'}{code}/"


def create_organization(*, actor: User, **fields: Any) -> Organization:
    org = Organization(**fields)
    org.path = organization_path(code=org.code, parent=org.parent)
    with transaction.atomic():
        access.check_create(actor, Organization, org.parent)
        return create_record(actor=actor, instance=org)


def update_organization(*, actor: User, organization: Organization, **fields: Any) -> Organization:
    """Change a unit; a new code or parent rewrites the paths of the whole subtree."""
    with transaction.atomic():
        old = Organization.objects.get(pk=organization.pk)
        _apply(organization, fields)
        if organization.parent_id != old.parent_id:
            access.check(actor, old, access.CHANGE)
            access.check_create(actor, Organization, organization.parent)
        organization.path = organization_path(code=organization.code, parent=organization.parent)
        update_record(actor=actor, instance=organization, data={})
        if organization.path != old.path:
            for child in Organization.objects.filter(path__startswith=old.path).exclude(pk=organization.pk):
                child.path = organization.path + child.path[len(old.path) :]
                child.save(update_fields=["path"])
    return organization


# People ---------------------------------------------------------------------------------------------------


def create_person(*, actor: User, **fields: Any) -> Person:
    return create_record(actor=actor, instance=Person(**fields))


def update_person(*, actor: User, person: Person, **fields: Any) -> Person:
    return update_record(actor=actor, instance=person, data=fields)


# Users ----------------------------------------------------------------------------------------------------


def check_user(*, actor: User | None, role: str, person: Person | None) -> None:
    """Who may make a login and what it needs: a system administrator (or the system itself), a known role and,
    except for a system administrator, a person (through whom the login has its unit). Shared by create_user and
    the user-account ledger."""
    if actor is not None and access.scope_kind(actor, User, access.CHANGE) != access.ALL:
        raise PermissionDenied("只有系统管理员可以新建用户。")
    if role not in Role.values:
        raise ValidationError({"role": f"未知角色：{role}"})
    if role != Role.SYSTEM_ADMIN and person is None:
        raise ValidationError({"person": "除系统管理员外，用户须关联到人员（以确定所在单位）。"})


def create_user(
    *, actor: User | None, username: str, password: str, role: str, person: Person | None = None
) -> User:
    """Create a login. Only a system administrator may (actor None: the system itself, e.g. the demo command)."""
    check_user(actor=actor, role=role, person=person)
    user = User(username=username, role=role, person=person)
    set_role_flags(user)
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=user,
            changes={"username": [None, username], "role": [None, role], "person_id": [None, user.person_id]},
        )
    return user


def set_role_flags(user: User) -> None:
    """Staff (the admin site) only for the platform's administrators; superuser only for system administrators."""
    user.is_superuser = user.role == Role.SYSTEM_ADMIN
    user.is_staff = access.is_staff_role(user.role)


def _check_manages_users(actor: User | None) -> None:
    if actor is not None and not access.is_system_admin(actor):
        raise PermissionDenied("只有系统管理员可以分配角色、修改用户或重置密码。")


def update_user(*, actor: User | None, user: User, note: str = "", **fields: Any) -> User:
    """Change a login's role, person, active flag or name: system administrators only, an audit event each time.

    The staff and superuser flags follow the role; they are never set by hand."""
    _check_manages_users(actor)
    allowed = {"role", "person", "is_active", "username", "first_name", "last_name", "email"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"不能在此修改用户的：{'、'.join(sorted(unknown))}。")
    if "role" in fields and fields["role"] not in Role.values:
        raise ValidationError({"role": f"未知角色：{fields['role']}"})
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        before = audit.snapshot(current)
        _apply(user, fields)
        if user.role != Role.SYSTEM_ADMIN and user.person_id is None:
            raise ValidationError({"person": "除系统管理员外，用户须关联到人员（以确定所在单位）。"})
        set_role_flags(user)
        user.full_clean(exclude={"password"})
        changes = audit.diff(before, audit.snapshot(user))
        if changes:
            user.save()
            audit.record(
                actor=actor, action=AuditEvent.Action.UPDATE, instance=user, changes=changes, note=note
            )
    return user


def assign_role(*, actor: User | None, user: User, role: str) -> User:
    """Give `user` a role: system administrators only; the audit event records the old and the new role."""
    return update_user(actor=actor, user=user, role=role, note="分配角色")


def reset_password(*, actor: User | None, user: User, password: str | None) -> User:
    """Set a new password (None: disable password login): system administrators only, audited without the
    password itself. A user changes its own password through the password page (Django checks the old one)."""
    _check_manages_users(actor)
    if password is not None:
        validate_password(password, user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if password is None:
            locked.set_unusable_password()
        else:
            locked.set_password(password)
        locked.save(update_fields=["password"])
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            instance=locked,
            changes={"password": ["******", "******"]},
            note="重置密码" if password is not None else "停用密码登录",
        )
    user.password = locked.password
    return user


def issue_token(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """签发接口令牌: system administrators only, to a login with a unit and a role (core.rules.validate_token_user).
    Returns the record and the token itself, which is shown this once and never stored (only its SHA-256)."""
    _check_manages_users(actor)
    rules.validate_token_user(user)
    if not name.strip():
        raise ValidationError({"name": "请填写令牌用途。"})
    raw = secrets.token_urlsafe(32)
    while raw.startswith("-"):  # `fazhi token revoke <prefix>` would read such a prefix as an option
        raw = secrets.token_urlsafe(32)
    token = ApiToken(
        name=name.strip(),
        user=user,
        key_hash=token_digest(raw),
        prefix=raw[:8],
        created_by=actor,
    )
    with transaction.atomic():
        token.full_clean()
        token.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=token,
            changes={"name": [None, token.name], "user_id": [None, user.pk], "prefix": [None, token.prefix]},
            note="签发接口令牌",
        )
    return token, raw


def revoke_token(*, actor: User | None, token: ApiToken) -> ApiToken:
    """吊销接口令牌: system administrators only; the token stops working at once and the record stays."""
    _check_manages_users(actor)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ValidationError("该令牌已吊销。")
        locked.revoked_at = clock.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            instance=locked,
            changes={"revoked_at": [None, locked.revoked_at.isoformat()]},
            note="吊销接口令牌",
        )
    return locked


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
