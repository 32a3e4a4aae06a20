"""Rules of the yearly decision catalog (重大行政决策事项目录): who compiles it, when items may change, its dates."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access
from fazhi.core.models import Role, User
from fazhi.core.rules import validate_happened
from fazhi.core.workflow import rule

__all__ = [
    "catalog_has_items",
    "may_change_catalog",
    "may_change_catalog_item",
    "check_may_manage_catalogs",
    "may_manage_catalogs",
    "validate_catalog",
    "validate_catalog_draft",
    "validate_catalog_item",
    "validate_publication_channel",
]


def may_manage_catalogs(user: User) -> bool:
    """编制、审定、公布决策事项目录的权限：司法局（依法治区办）管理员。

    《重大行政决策程序暂行条例》第三条：“决策机关可以根据本条第一款的规定，结合职责权限和本地实际，确定决策事项目录、
    标准，经同级党委同意后向社会公布，并根据实际情况调整。”"""
    return access.has_role(user, Role.JUSTICE_ADMIN)


def check_may_manage_catalogs(user: User, what: str) -> None:
    """目录由司法局管理：不是其管理员的，拒绝并说明由谁办理。

    《重大行政决策程序暂行条例》第三条（同上）。"""
    if not may_manage_catalogs(user):
        raise PermissionDenied(f"{what}由司法局（依法治区办）管理员办理。")


@rule("决策事项目录至少应有一个事项。")
def catalog_has_items(catalog) -> bool:
    """目录审定的条件：至少有一个事项。

    《重大行政决策程序暂行条例》第三条：“……确定决策事项目录、标准，经同级党委同意后向社会公布……”"""
    return catalog.items.exists()


def validate_catalog_draft(catalog) -> None:
    """只有编制中的目录可以增加或修改事项。

    《重大行政决策程序暂行条例》第三条：“……经同级党委同意后向社会公布，并根据实际情况调整。”（审定后的调整须重新
    履行审定程序，不能直接修改。）"""
    if catalog.status != type(catalog).Status.DRAFT:
        raise ValidationError(
            f"目录“{catalog}”{catalog.get_status_display()}，只有编制中的目录可以增加或修改事项，不能再增加事项。"
        )


def validate_catalog(catalog) -> None:
    """目录的审定、公布日期：已发生，且公布不早于审定。

    《重大行政决策程序暂行条例》第三条：“……确定决策事项目录、标准，经同级党委同意后向社会公布……”"""
    validate_happened(catalog, "approved_on", "published_on")
    if catalog.approved_on and catalog.published_on and catalog.published_on < catalog.approved_on:
        raise ValidationError({"published_on": "公布日期不能早于审定日期。"})


def validate_publication_channel(channel: str) -> None:
    """目录须写明公布渠道。

    《重大行政决策程序暂行条例》第三条：“……经同级党委同意后向社会公布……”"""
    if not (channel or "").strip():
        raise ValidationError({"publication_channel": "请填写公布渠道，如区政府门户网站。"})


def validate_catalog_item(item) -> None:
    """目录事项的计划完成日期在目录年度内。

    《重大行政决策程序暂行条例》第三条：决策事项目录按年度编制并公布（计划完成时间用于期限提醒）。"""
    if item.catalog_id and item.planned_by and item.planned_by.year != item.catalog.year:
        raise ValidationError({"planned_by": f"计划完成日期应在目录年度（{item.catalog.year}年）内。"})


def may_change_catalog_item(user: User, item) -> bool:
    """目录事项只在目录编制中时可以修改，且由司法局管理员修改。

    《重大行政决策程序暂行条例》第三条（同上）。"""
    return may_manage_catalogs(user) and item.catalog.status == type(item.catalog).Status.DRAFT


def may_change_catalog(user: User, catalog) -> bool:
    """目录的年度、决策机关和名称只在编制中时可以修改；审定、公布是流转，不是修改。

    《重大行政决策程序暂行条例》第三条（同上）。"""
    return may_manage_catalogs(user) and catalog.status == type(catalog).Status.DRAFT
