"""Local rules as settings: each key has a default in code (from domain/statutes.md) and an administrator may
override it in the database. Workstreams declare their keys with `define`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    name: str
    default: Any
    help: str = ""
    basis: str = ""


SPECS: dict[str, SettingSpec] = {}


def define(key: str, *, name: str, default: Any, help: str = "", basis: str = "") -> SettingSpec:
    spec = SettingSpec(key=key, name=name, default=default, help=help, basis=basis)
    SPECS[key] = spec
    return spec


def get(key: str) -> Any:
    Setting = apps.get_model("core", "Setting")  # core.models imports this module for Setting.clean
    if key not in SPECS:
        raise KeyError(f"未定义的配置项：{key}")
    row = Setting.objects.filter(key=key).values_list("value", flat=True).first()
    return SPECS[key].default if row is None else row


def validate(key: str, value: Any) -> Any:
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError(f"未定义的配置项：{key}")
    # bool is an int in Python: compare exact types so "false" or 0 never pass for a yes/no setting.
    if type(value) is not type(spec.default):
        raise ValidationError(f"配置项“{spec.name}”的值类型应与默认值（{spec.default!r}）一致。")
    return value


define(
    "calendar.region",
    name="本地区节假日地区",
    default="",
    help="地区性休息日（如宁夏的开斋节、古尔邦节）录入时所用的地区名；留空表示只用全国安排。",
)
define(
    "calendar.regional_days_extend_periods",
    name="地区性休息日是否顺延法定期限",
    default=False,
    help="为真时，期限届满日为地区性休息日的，顺延至其后的第一个工作日；工作日期间也跳过地区性休息日。",
    basis="民事诉讼法第八十五条“法定休假日”的地方理解，各地做法不一，故作配置。",
)
