"""The registry of the records a supervision clue (执法监督线索) may be opened from in other workstreams — a
reconsideration case that corrected the respondent, a lost lawsuit — and what each says about itself: the clue's
source (a SupervisionClue.Source value), the unit the clue concerns, the text naming the record and its page.

Enforcement imports no other workstream. A clue keeps its origin as a generic key (SupervisionClue.origin); each app
whose records open clues registers its models in its own module `<app>/clue_origins.py`, which enforcement's ready()
discovers (django.utils.module_loading.autodiscover_modules):

    from fazhi.enforcement import origins

    origins.register("disputes.ReconsiderationCase", kind=origins.Source.RECONSIDERATION,
                     unit=lambda c: c.respondent, description=lambda c: f"行政复议案件{c.docket_number}",
                     url=lambda c: reverse("disputes:case", args=[c.pk]))

Other apps write a clue through `services.register_clue(..., origin=record)` and ask `selectors.clue_for(record)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import autodiscover_modules

from .models import SupervisionClue

Source = SupervisionClue.Source

__all__ = [
    "ORIGINS",
    "Origin",
    "Source",
    "describe",
    "discover",
    "is_registered",
    "origin_of",
    "register",
    "registration_of",
    "url_of",
]


@dataclass(frozen=True)
class Origin:
    label: str  # app_label.modelname, lower case
    kind: str  # a SupervisionClue.Source value
    unit: Callable[[models.Model], models.Model]
    description: Callable[[models.Model], str]
    url: Callable[[models.Model], str] | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def kind_label(self) -> str:
        return Source(self.kind).label


ORIGINS: dict[str, Origin] = {}


def register(
    label: str,
    *,
    kind: str,
    unit: Callable[[models.Model], models.Model],
    description: Callable[[models.Model], str],
    url: Callable[[models.Model], str] | None = None,
) -> Origin:
    """Let supervision clues be opened from records of `label` ("app_label.Model"): the clue's source is `kind`,
    `unit(record)` is the unit the clue concerns, `description(record)` names the record on the clue's page and
    `url(record)` is the record's page."""
    if kind not in Source.values:
        raise ValueError(f"未知的线索来源：{kind}")
    origin = Origin(label.lower(), kind, unit, description, url)
    ORIGINS[origin.label] = origin
    return origin


def registration_of(obj: models.Model) -> Origin | None:
    """The registration of `obj`'s model, or None when its records do not open clues."""
    return ORIGINS.get(obj._meta.label_lower)


def is_registered(obj: models.Model) -> bool:
    return registration_of(obj) is not None


def origin_of(obj: models.Model) -> Origin:
    """The registration of `obj`'s model, or ValidationError in Chinese."""
    origin = registration_of(obj)
    if origin is None:
        raise ValidationError(f"“{obj._meta.verbose_name}”不是可移送执法监督线索的来源记录。")
    return origin


def describe(obj: models.Model | None) -> str:
    """The text naming a clue's origin record on the clue's page."""
    if obj is None:
        return "（来源记录已不存在）"
    origin = registration_of(obj)
    return origin.description(obj) if origin else str(obj)


def url_of(obj: models.Model | None) -> str:
    """The page of a clue's origin record, or "" when there is none."""
    origin = registration_of(obj) if obj is not None else None
    if origin is None or origin.url is None:
        return ""
    try:
        return origin.url(obj)
    except Exception:  # a page not wired yet must not break the clue's page
        return ""


def discover() -> None:
    """Import every installed app's `clue_origins` module: each registers its own records here."""
    autodiscover_modules("clue_origins")
