"""The one way a workflow moves: `run_transition` locks the record, checks access, the role's permission and the
transition's legal conditions (each a `rule` with its Chinese reason and article), calls the django-fsm-2
transition, validates, saves and writes the audit event with the state before and after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django_fsm import FSMFieldMixin

from . import access, audit
from . import services as core_services
from .models import AuditEvent, User


def rule(message: str) -> Callable[[Callable[[Any], bool]], Callable[[Any], bool]]:
    """Mark a transition condition with the reason, in Chinese and citing its article, shown when it fails."""

    def wrap(fn: Callable[[Any], bool]) -> Callable[[Any], bool]:
        fn.message = message  # type: ignore[attr-defined]
        return fn

    return wrap


def _state_field(instance: models.Model) -> FSMFieldMixin:
    for f in instance._meta.concrete_fields:
        if isinstance(f, FSMFieldMixin):
            return f
    raise TypeError(f"{type(instance).__name__} 没有流程状态字段。")


def transition_of(instance: models.Model, name: str):
    """The django-fsm-2 Transition `name` from the record's current state, or None."""
    method = getattr(type(instance), name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise ValidationError(f"{instance._meta.verbose_name}没有名为“{name}”的操作。")
    return meta.get_transition(getattr(instance, _state_field(instance).attname))


def failed_conditions(instance: models.Model, name: str) -> list[str]:
    t = transition_of(instance, name)
    if t is None:
        return []
    return [getattr(c, "message", c.__name__) for c in t.conditions if not c(instance)]


def available(instance: models.Model, user: User) -> list[dict]:
    """The transitions `user` may take now, each with whether its conditions hold and why not."""
    field = _state_field(instance)
    out = []
    if not access.can(user, instance, access.CHANGE):
        return out
    for t in getattr(instance, f"get_all_{field.name}_transitions")():
        if t.source not in (getattr(instance, field.attname), "*") or not t.has_perm(instance, user):
            continue
        out.append(
            {
                "name": t.name,
                "label": t.custom.get("label", t.name),
                "target": t.target,
                "blocked_by": [getattr(c, "message", c.__name__) for c in t.conditions if not c(instance)],
            }
        )
    return out


def run_transition(
    *, actor: User, instance: models.Model, name: str, note: str = "", **kwargs: Any
) -> models.Model:
    """Take transition `name` on `instance` for `actor`, in one transaction, or raise with a Chinese reason."""
    model = type(instance)
    field = _state_field(instance)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=instance.pk)
        access.check(actor, locked, access.CHANGE)
        before = getattr(locked, field.attname)
        t = transition_of(locked, name)
        label = model._meta.get_field(field.name).flatchoices
        state_names = dict(label)
        if t is None:
            raise ValidationError(f"当前状态“{state_names.get(before, before)}”下不能执行此操作。")
        if not t.has_perm(locked, actor):
            raise PermissionDenied(f"您的角色不能执行“{t.custom.get('label', name)}”。")
        reasons = [getattr(c, "message", c.__name__) for c in t.conditions if not c(locked)]
        if reasons:
            raise ValidationError(reasons)
        snapshot = audit.snapshot(locked)
        getattr(locked, name)(**kwargs)
        core_services.validate(locked)
        locked.save()
        after = getattr(locked, field.attname)
        changes = audit.diff(snapshot, audit.snapshot(locked))
        changes[field.attname] = [before, after]
        audit.record(
            actor=actor,
            action=AuditEvent.Action.TRANSITION,
            instance=locked,
            changes=changes,
            transition=t.custom.get("label", name),
            note=note,
        )
    instance.refresh_from_db()
    return instance
