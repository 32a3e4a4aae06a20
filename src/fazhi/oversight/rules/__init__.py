"""The rules of 督察整改与任务台账, by area: inspections, rectification, task_plans, circulars. Pure functions and
constants; every way in (services, ledgers, transitions, forms, admin, API) calls these, never a copy."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import access


def validate_units_in_district(user, units, field: str) -> None:
    """督察、任务涉及的单位须为本区单位

    《法治政府建设与责任落实督察工作规定》（具体条文待与公布文本核对）：地方党委、政府负责本地区的法治政府建设督察；
    组织单位、联合组织单位、被督察单位、牵头单位和配合单位都须是用户所在区的单位（系统管理员不限）。"""
    district = set(
        access.district_units(user).filter(pk__in=[u.pk for u in units if u]).values_list("pk", flat=True)
    )
    outside = [u for u in units if u and u.pk not in district]
    if outside:
        names = "、".join(f"“{u}”" for u in outside)
        raise ValidationError({field: f"{names}不是本区的单位。"})
