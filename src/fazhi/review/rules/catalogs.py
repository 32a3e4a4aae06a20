"""The rules of review catalogs (合法性审查目录清单) and the matters counted against them: which unit kinds must adopt
one (a setting), and the dates that must have happened."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import access, config
from fazhi.core.rules import validate_happened

CATALOG_REQUIRED_KINDS = config.define(
    "review.catalog_required_kinds",
    name="须制定合法性审查目录清单的单位类型",
    default=["district_government", "department", "township", "subdistrict"],
    help="单位类型代码的列表，用于计算目录清单制定率。",
)


def validate_catalog(catalog) -> None:
    """目录清单：制定日期已经发生。"""
    validate_happened(catalog, "adopted_on")


def validate_entries(entries: list) -> None:
    """目录清单至少列明一类事项。"""
    if not entries:
        raise ValidationError({"entries": "目录清单至少应列明一类须经合法性审查的事项。"})


def validate_matter(matter) -> None:
    """须审查事项：印发或签订日期已经发生。"""
    validate_happened(matter, "issued_on")


def may_delete_catalog(user, catalog) -> bool:
    """目录清单不得删除：the adoption rate counts catalogs adopted by a date; a catalog is superseded."""
    return False


def fixed_catalog_fields(catalog) -> list[str]:
    """目录清单的制定单位不能改变；事项随清单一并制定，修订的清单另行制定。"""
    return ["organization"]


def fixed_matter_fields(matter) -> list[str]:
    """须审查事项登记后，单位、类别和所经审查不能改变（登记时已核对审查的单位和类别）。"""
    return ["organization", "subject_kind", "legality_review"]


def validate_fixed(record, fixed: list[str], data: dict) -> None:
    """Fields a rule fixes are not changed."""
    changed = [n for n in fixed if n in data]
    if changed:
        labels = "、".join(str(type(record)._meta.get_field(n).verbose_name) for n in changed)
        raise ValidationError(f"{labels}不能修改。")


def may_delete_matter(user, matter) -> bool:
    """须审查事项登记有误的，登记单位可以删除。"""
    return access.can(user, matter, access.CHANGE)
