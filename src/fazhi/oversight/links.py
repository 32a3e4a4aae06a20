"""The registry of cross-workstream links: which records a rectification item may attach to, and what each says
about itself — its kind, the unit responsible for rectifying it, the finding's text and the page that shows it.

Oversight imports no other workstream. Each app that keeps findings registers its models in its own module
`<app>/rectification.py`, which oversight's ready() discovers (django.utils.module_loading.autodiscover_modules):

    from fazhi.oversight import links

    links.register("enforcement.CaseFileProblem", kind=links.SourceKind.CASE_FILE,
                   unit=lambda p: p.organization, description=lambda p: p.description,
                   url=lambda p: reverse("evaluation:file", args=[p.case_file_id]), related=("case_file",))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import autodiscover_modules

from .models.rectification import SourceKind

__all__ = ["SOURCES", "Source", "SourceKind", "describe", "discover", "register", "resolve", "source_of"]


@dataclass(frozen=True)
class Source:
    label: str  # app_label.modelname, lower case
    kind: str
    unit: Callable[[models.Model], models.Model]
    description: Callable[[models.Model], str]
    url: Callable[[models.Model], str] | None = None
    # Why this record cannot be a finding (e.g. a reconsideration decision that corrected nothing), or "" if it can.
    refusal: Callable[[models.Model], str] | None = None
    # Relations the description reads, loaded together with the records (no query per row).
    related: tuple[str, ...] = ()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


SOURCES: dict[str, Source] = {}


def register(
    label: str,
    *,
    kind: str,
    unit: Callable[[models.Model], models.Model],
    description: Callable[[models.Model], str],
    url: Callable[[models.Model], str] | None = None,
    refusal: Callable[[models.Model], str] | None = None,
    related: tuple[str, ...] = (),
) -> Source:
    """Let rectification items attach to records of `label` ("app_label.Model"); `refusal(record)` says why a
    particular record is not a finding to rectify ("" when it is); `related` names what `description` reads."""
    if kind not in SourceKind.values:
        raise ValueError(f"未知的问题来源：{kind}")
    source = Source(label.lower(), kind, unit, description, url, refusal, tuple(related))
    SOURCES[source.label] = source
    return source


def source_of(obj: models.Model) -> Source:
    source = SOURCES.get(obj._meta.label_lower)
    if source is None:
        raise ValidationError(f"“{obj._meta.verbose_name}”不是可建立整改事项的问题来源。")
    return source


def refusal_of(obj: models.Model) -> str:
    """Why `obj` cannot open a rectification item, or "" when it can."""
    source = SOURCES.get(obj._meta.label_lower)
    if source is None:
        return f"“{obj._meta.verbose_name}”不是可建立整改事项的问题来源。"
    return source.refusal(obj) if source.refusal else ""


def reference(obj: models.Model) -> str:
    """The text form of a source record used in addresses and ledgers: app_label.model:pk."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve(ref: str) -> models.Model:
    """The record named by `app_label.model:pk`, or ValidationError in Chinese."""
    label, _, pk = (ref or "").strip().partition(":")
    source = SOURCES.get(label.lower())
    if source is None or not pk.isdigit():
        raise ValidationError(f"“{ref}”不是可建立整改事项的问题来源（格式：应用.模型:编号）。")
    obj = source.model._default_manager.filter(pk=int(pk)).first()
    if obj is None:
        raise ValidationError(f"问题来源“{ref}”不存在。")
    return obj


def describe(obj: models.Model | None) -> str:
    if obj is None:
        return "（来源记录已不存在）"
    try:
        return source_of(obj).description(obj)
    except ValidationError:
        return str(obj)


def url_of(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    source = SOURCES.get(obj._meta.label_lower)
    if source is None or source.url is None:
        return ""
    try:
        return source.url(obj)
    except Exception:  # a page not wired yet must not break the item's page
        return ""


def is_registered(obj: models.Model) -> bool:
    return obj._meta.label_lower in SOURCES


def prefetch_querysets() -> list[models.QuerySet]:
    """One queryset per registered model with the relations its description reads (for GenericPrefetch)."""
    out = []
    for source in SOURCES.values():
        try:
            model = source.model
        except LookupError:
            continue
        qs = model._default_manager.all()
        out.append(qs.select_related(*source.related) if source.related else qs)
    return out


def prefetch_sources(field: str = "source") -> GenericPrefetch:
    """Prefetch the source records of many items: one query per kind, with what each description reads."""
    return GenericPrefetch(field, prefetch_querysets())


def discover() -> None:
    """Import every installed app's `rectification` module: each registers its own records here."""
    autodiscover_modules("rectification")
