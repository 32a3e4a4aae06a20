"""The registry of cross-workstream links: which records a rectification item may attach to, and what each says
about itself — its kind, the unit responsible for rectifying it, the finding's text and the page that shows it.

Oversight imports no other workstream. Each app that keeps findings registers its models in its own module
`<app>/rectification.py`, which oversight's ready() discovers (django.utils.module_loading.autodiscover_modules):

    from fazhi.oversight import links

    links.register("enforcement.CaseFileProblem", kind=links.SourceKind.CASE_FILE,
                   unit=lambda p: p.organization, description=lambda p: p.description,
                   url=lambda p: reverse("evaluation:file", args=[p.case_file_id]), related=("case_file",),
                   name=..., find=..., form="评查活动名称 案件编号 问题序号")

`name(record)` is how a clerk names the record (an inspection's name and the finding's number, a lawsuit's 案号 …):
ledgers export it and ledgers and the API take it back through `find(text)`, which returns the records the text
may denote (none when the text is not of that kind's form). The internal form app_label.model:pk stays for the
pages' links only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import autodiscover_modules

from .models.rectification import SourceKind

__all__ = [
    "SOURCES",
    "Source",
    "SourceKind",
    "describe",
    "discover",
    "name_of",
    "register",
    "resolve",
    "source_of",
]

# The internal form of a reference (pages' links): app_label.model:pk (anything that starts so is read as one).
REFERENCE = re.compile(r"^[A-Za-z_]+\.[A-Za-z_]+\s*(:|$)")


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
    # How a clerk names a record of this kind, the records a text may denote, and the form said in errors.
    name: Callable[[models.Model], str] | None = None
    find: Callable[[str], Iterable[models.Model]] | None = None
    form: str = ""
    # Why nothing was found when the text is of this kind's form ("" when it is not).
    missing: Callable[[str], str] | None = None

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
    name: Callable[[models.Model], str] | None = None,
    find: Callable[[str], Iterable[models.Model]] | None = None,
    form: str = "",
    missing: Callable[[str], str] | None = None,
) -> Source:
    """Let rectification items attach to records of `label` ("app_label.Model"); `refusal(record)` says why a
    particular record is not a finding to rectify ("" when it is); `related` names what `description` reads;
    `name`, `find`, `form` and `missing` name a record as a clerk knows it (see the module's docstring)."""
    if kind not in SourceKind.values:
        raise ValueError(f"未知的问题来源：{kind}")
    source = Source(
        label.lower(), kind, unit, description, url, refusal, tuple(related), name, find, form, missing
    )
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


def name_of(obj: models.Model) -> str:
    """The record as a clerk names it (its kind's `name`), else its internal reference."""
    source = SOURCES.get(obj._meta.label_lower)
    named = source.name(obj) if source is not None and source.name is not None else ""
    return named or reference(obj)


def forms() -> str:
    """How each kind of source is named, for messages and help texts."""
    return "；".join(
        f"{SourceKind(s.kind).label}填“{s.form}”" for s in SOURCES.values() if s.find is not None and s.form
    )


def resolve(ref: str) -> models.Model:
    """The record a 问题来源 names: by a clerk's name (each kind's `find`), or by the pages' internal
    `app_label.model:pk`; else ValidationError in Chinese."""
    text = (ref or "").strip()
    if text and not REFERENCE.match(text):
        found = [record for s in SOURCES.values() if s.find is not None for record in s.find(text)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValidationError(f"问题来源“{text}”对应{len(found)}条记录，无法区分。")
        said = [m for s in SOURCES.values() if s.missing is not None for m in [s.missing(text)] if m]
        if said:
            raise ValidationError(said)
        raise ValidationError(f"没有找到问题来源“{text}”。问题来源的写法：{forms()}。")
    label, _, pk = text.partition(":")
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
