"""Who may see and change what. Every read and every write of a unit's records goes through here.

Every model declares its scope, or it is refused to everyone (fails closed; a system check, fazhi.E001, names a
model that declares neither):
- `scope_field`: the path to its unit ("" for Organization itself);
- or `scope_shared = True`: installation-wide data (calendar, settings, number sequences) every user may read;
- optionally `assignee_field`: the path to the users it is assigned to (legal advisors see those);
- optionally `participant_fields`: paths to further units that take part in the record (co-units of a task, the
  inspected units of an inspection, the units a district campaign covers); users of those units see it too.
The table below is the one place that says what each role sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models

from .models import Organization, Role, User

ALL = "all"  # every record on the installation
DISTRICT = "district"  # every unit under the user's top-level unit
SUBTREE = "subtree"  # the user's unit and those below it
UNIT = "unit"  # the user's own unit
ASSIGNED = "assigned"  # only records assigned to the user
NONE = "none"

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class RolePolicy:
    scope: str
    writes: bool = True
    # A wider scope in the named apps (e.g. the reconsideration office sees every unit's disputes).
    app_scopes: dict[str, str] = field(default_factory=dict)
    # Apps whose master data this role may change beyond its own records ("core" = units and people).
    manages_core: bool = False


POLICIES: dict[str, RolePolicy] = {
    Role.SYSTEM_ADMIN: RolePolicy(scope=ALL, manages_core=True),
    Role.JUSTICE_ADMIN: RolePolicy(scope=DISTRICT, manages_core=True),
    Role.UNIT_CLERK: RolePolicy(scope=UNIT),
    Role.LEGAL_ADVISOR: RolePolicy(scope=ASSIGNED),
    Role.RECONSIDERATION_STAFF: RolePolicy(
        scope=UNIT, app_scopes={"disputes": DISTRICT, "litigation": DISTRICT}
    ),
    Role.ENFORCEMENT_SUPERVISOR: RolePolicy(scope=UNIT, app_scopes={"enforcement": DISTRICT}),
    Role.LEADER: RolePolicy(scope=SUBTREE, writes=False),
}

# Units themselves are master data: only roles that manage core may change them.
CORE_MASTER_MODELS = {
    "core.organization",
    "core.calendarday",
    "core.calendaryear",
    "core.setting",
    "core.user",
}
READ_ONLY_MODELS = {"core.auditevent", "core.auditchainhead"}
# Logins, roles and passwords: changed by system administrators only (a Justice Bureau administrator may see its
# district's users but never grant a role or reset a password, its own included).
SYSTEM_ADMIN_ONLY_MODELS = {"core.user", "core.apitoken"}

# The roles that administer the platform and so are staff and reach /admin/ (数据管理): the system administrator,
# and the Justice Bureau's administrator, who keeps the district's master data (units, people, the holiday calendar)
# and is held to the second factor (core.web.otp). Every other role works on the pages only; managing logins, roles
# and passwords stays with the system administrator (SYSTEM_ADMIN_ONLY_MODELS).
PLATFORM_ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.JUSTICE_ADMIN})


def administers_platform(user: User) -> bool:
    """Whether `user` may reach the admin site: an active system or Justice Bureau administrator."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role in PLATFORM_ADMIN_ROLES


def is_staff_role(role: str) -> bool:
    """Whether a login of `role` is staff (core.services keeps is_staff in step with the role)."""
    return role in PLATFORM_ADMIN_ROLES


def is_system_admin(user: User) -> bool:
    """Whether `user` is an active system administrator (the only one who manages logins and roles)."""
    policy = policy_for(user)
    return policy is not None and policy.scope == ALL


def policy_for(user: User) -> RolePolicy | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return POLICIES[Role.SYSTEM_ADMIN]
    return POLICIES.get(user.role)


def writes(user: User) -> bool:
    """Whether `user`'s role records anything: a leader only reads (the pages leave out its forms and tools)."""
    policy = policy_for(user)
    return policy is not None and policy.writes


def scope_kind(user: User, model: type[models.Model], action: str = VIEW) -> str:
    policy = policy_for(user)
    if policy is None:
        return NONE
    label = model._meta.label_lower
    if action == CHANGE:
        if not policy.writes or label in READ_ONLY_MODELS:
            return NONE
        if label in CORE_MASTER_MODELS and not policy.manages_core:
            return NONE
        if label in SYSTEM_ADMIN_ONLY_MODELS and policy.scope != ALL:
            return NONE
        if not is_unit_scoped(model) and policy.scope != ALL:
            return (
                NONE  # installation-wide data (calendar, settings) is changed by system administrators only
            )
    kind = policy.app_scopes.get(model._meta.app_label, policy.scope)
    if not is_unit_scoped(model):
        # Shared data (calendar, settings): everyone reads it. A model that declares no scope at all: nobody.
        return ALL if is_shared(model) else NONE
    if kind != ALL and user.organization is None and kind != ASSIGNED:
        return NONE
    return kind


def is_unit_scoped(model: type[models.Model]) -> bool:
    return getattr(model, "scope_field", None) is not None


def is_shared(model: type[models.Model]) -> bool:
    """Installation-wide data that declares itself so (`scope_shared = True`)."""
    return getattr(model, "scope_shared", False) is True and not is_unit_scoped(model)


def undeclared_models() -> list[type[models.Model]]:
    """The project's models that declare neither a scope_field nor scope_shared (core.checks refuses them)."""
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("fazhi.") and not is_unit_scoped(m) and not is_shared(m)
    ]


def _prefix(model: type[models.Model]) -> str:
    scope_field = getattr(model, "scope_field", None)
    if scope_field is None:
        raise TypeError(f"{model._meta.label} 未声明 scope_field，不能按单位过滤。")
    return f"{scope_field}__" if scope_field else ""


def scope(user: User, queryset: models.QuerySet, action: str = VIEW) -> models.QuerySet:
    """The part of `queryset` that `user` may see (action=view) or change (action=change)."""
    model = queryset.model
    kind = scope_kind(user, model, action)
    if kind == ALL:
        return queryset
    if kind == NONE:
        return queryset.none()
    if kind == ASSIGNED:
        assignee = getattr(model, "assignee_field", None)
        return queryset.filter(**{assignee: user}).distinct() if assignee else queryset.none()
    condition = _units_condition(_prefix(model), user.organization, kind)
    participants = getattr(model, "participant_fields", ())
    if participants and action == VIEW:
        for path in participants:
            condition |= _units_condition(f"{path}__", user.organization, kind)
        return queryset.filter(pk__in=queryset.filter(condition).values("pk"))
    return queryset.filter(condition)


def _units_condition(prefix: str, org: Organization, kind: str) -> models.Q:
    """Records whose unit (reached by `prefix`) lies in what `kind` lets the user of `org` see."""
    if kind == UNIT:
        return models.Q(**{f"{prefix}pk" if prefix else "pk": org.pk})
    if kind == SUBTREE:
        return models.Q(**{f"{prefix}path__startswith": org.path})
    if kind == DISTRICT:
        return models.Q(**{f"{prefix}path__startswith": f"/{org.root_code}/"})
    raise ValueError(kind)


def district_units(user: User) -> models.QuerySet[Organization]:
    """Every unit of the user's district (the tree under its top-level unit); all units for a system administrator."""
    policy = policy_for(user)
    if policy is None:
        return Organization.objects.none()
    if policy.scope == ALL:
        return Organization.objects.all()
    if user.organization is None:
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=f"/{user.organization.root_code}/")


def in_district(user: User, queryset: models.QuerySet, field: str = "organization") -> models.QuerySet:
    """The records of `queryset` whose unit (reached by `field`, "" for units themselves) is in the user's district.

    For choices and lookups that reach beyond what the user may change (a respondent, a court, a co-unit)."""
    policy = policy_for(user)
    if policy is None:
        return queryset.none()
    if policy.scope == ALL:
        return queryset
    if user.organization is None:
        return queryset.none()
    prefix = f"{field}__" if field else ""
    return queryset.filter(**{f"{prefix}path__startswith": f"/{user.organization.root_code}/"})


def in_same_district(user: User, organization: Organization | None) -> bool:
    """Whether `organization` belongs to the user's district (always, for a system administrator)."""
    if organization is None:
        return False
    return district_units(user).filter(pk=organization.pk).exists()


def organizations(user: User, action: str = VIEW) -> models.QuerySet[Organization]:
    """The units whose records `user` may see or change (used to offer choices in forms)."""
    policy = policy_for(user)
    if policy is None or (action == CHANGE and not policy.writes):
        return Organization.objects.none()
    kind = policy.scope
    if kind == ALL:
        return Organization.objects.all()
    org = user.organization
    if org is None or kind in (NONE, ASSIGNED):
        return Organization.objects.none()
    if kind == UNIT:
        return Organization.objects.filter(pk=org.pk)
    if kind == SUBTREE:
        return Organization.objects.filter(path__startswith=org.path)
    return Organization.objects.filter(path__startswith=f"/{org.root_code}/")


def can(user: User, obj: models.Model, action: str = VIEW) -> bool:
    if obj.pk is None:
        return False
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk), action).exists()


def check(user: User, obj: models.Model, action: str = CHANGE) -> None:
    """Raise PermissionDenied, in Chinese, unless `user` may `action` the record."""
    if not can(user, obj, action):
        verb = "查看" if action == VIEW else "修改"
        raise PermissionDenied(f"您无权{verb}该{type(obj)._meta.verbose_name}：{obj}。")


def check_create(user: User, model: type[models.Model], organization: Organization | None) -> None:
    """Raise PermissionDenied unless `user` may create a `model` record belonging to `organization`."""
    kind = scope_kind(user, model, CHANGE)
    name = model._meta.verbose_name
    if kind == NONE:
        raise PermissionDenied(f"您无权新建{name}。")
    if kind == ALL:
        return
    if organization is None:
        if model._meta.label_lower == "core.organization" and kind == DISTRICT:
            raise PermissionDenied("只有系统管理员可以新建顶级单位。")
        raise PermissionDenied(f"新建{name}须指明所属单位。")
    if kind == ASSIGNED:
        raise PermissionDenied(f"您无权新建{name}。")
    allowed = {
        UNIT: lambda o: o.pk == user.organization.pk,
        SUBTREE: lambda o: o.path.startswith(user.organization.path),
        DISTRICT: lambda o: o.root_code == user.organization.root_code,
    }[kind]
    if not allowed(organization):
        raise PermissionDenied(f"您无权为“{organization}”新建{name}。")


def organization_of(obj: models.Model) -> Organization | None:
    """The unit a record belongs to, following its scope_field."""
    scope_field = getattr(type(obj), "scope_field", None)
    if scope_field is None:
        return None
    if scope_field == "":
        return obj  # type: ignore[return-value]
    target = obj
    for part in scope_field.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def has_role(user: User, *roles: str) -> bool:
    """Whether `user` holds one of `roles` (system administrators hold every role)."""
    policy = policy_for(user)
    if policy is None:
        return False
    return user.is_superuser or user.role == Role.SYSTEM_ADMIN or user.role in roles


def is_justice_bureau(instance, user: User) -> bool:
    """Transition permission: the Justice Bureau's administrators (司法局管理员) or a system administrator."""
    return has_role(user, Role.JUSTICE_ADMIN)


def may_change(instance, user: User) -> bool:
    """Transition permission: whoever may change the record (its unit's clerks, the Justice Bureau, not leaders)."""
    return can(user, instance, CHANGE)


# Unit trees without a user: for rules and figures that compare two units or scope by a unit, never by hand.


def subtree_units(organization: Organization) -> models.QuerySet[Organization]:
    """The unit and every unit below it."""
    return Organization.objects.filter(path__startswith=organization.path)


def district_units_of(organization: Organization) -> models.QuerySet[Organization]:
    """Every unit of the district the unit belongs to (the tree under its top-level unit)."""
    return Organization.objects.filter(path__startswith=f"/{organization.root_code}/")


def same_district(first: Organization | None, second: Organization | None) -> bool:
    """Whether two units belong to one district."""
    return first is not None and second is not None and first.root_code == second.root_code


def in_subtree(
    queryset: models.QuerySet, organization: Organization, field: str = "organization"
) -> models.QuerySet:
    """The records of `queryset` whose unit (reached by `field`, "" for units themselves) is `organization` or below."""
    prefix = f"{field}__" if field else ""
    return queryset.filter(**{f"{prefix}path__startswith": organization.path})
