"""Which records a rectification item may attach to, and what each says about itself: its kind, the unit responsible
for rectifying it, the finding's text and the page that shows it. A workstream registers its model once:

    register_source("enforcement.CaseFileProblem", kind=SourceKind.CASE_FILE,
                    unit=lambda p: p.evaluation.organization, description=lambda p: p.text,
                    url=lambda p: reverse("evaluation:problem", args=[p.pk]))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from .models import SourceKind


@dataclass(frozen=True)
class Source:
    label: str  # app_label.modelname, lower case
    kind: str
    unit: Callable[[models.Model], models.Model]
    description: Callable[[models.Model], str]
    url: Callable[[models.Model], str] | None = None
    # Why this record cannot be a finding (e.g. a reconsideration decision that corrected nothing), or "" if it can.
    refusal: Callable[[models.Model], str] | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


SOURCES: dict[str, Source] = {}


def register_source(
    label: str,
    *,
    kind: str,
    unit: Callable[[models.Model], models.Model],
    description: Callable[[models.Model], str],
    url: Callable[[models.Model], str] | None = None,
    refusal: Callable[[models.Model], str] | None = None,
) -> Source:
    """Let rectification items attach to records of `label` ("app_label.Model"); `refusal(record)` says why a
    particular record is not a finding to rectify ("" when it is)."""
    if kind not in SourceKind.values:
        raise ValueError(f"未知的问题来源：{kind}")
    source = Source(label.lower(), kind, unit, description, url, refusal)
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


def _inspection_url(finding) -> str:
    from django.urls import reverse

    return reverse("oversight:inspection", args=[finding.inspection_id])


def _reverse(name: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(name, args=[pk])


def register_builtin_sources() -> None:
    """Every workstream record a rectification item can attach to: this app's inspection findings, enforcement's
    supervision clues and case-file evaluation problems, reconsideration corrections and lost lawsuits."""
    register_source(
        "oversight.InspectionFinding",
        kind=SourceKind.INSPECTION,
        unit=lambda f: f.organization,
        description=lambda f: (
            f"{f.inspection.get_kind_display()}“{f.inspection.title}”问题{f.number}：{f.text}"
        ),
        url=_inspection_url,
    )
    register_source(
        "enforcement.SupervisionClue",
        kind=SourceKind.CLUE,
        unit=lambda c: c.organization,
        description=lambda c: f"{c}：{c.content}",
        url=lambda c: _reverse("enforcement:clue", c.pk),
    )
    register_source(
        "enforcement.CaseFileProblem",
        kind=SourceKind.CASE_FILE,
        unit=lambda p: p.organization,
        description=lambda p: f"案卷评查问题（{p.case_file}）：{p.description}",
        url=lambda p: _reverse("evaluation:file", p.case_file_id),
    )
    register_source(
        "disputes.ReconsiderationCase",
        kind=SourceKind.RECONSIDERATION,
        unit=lambda c: c.respondent,
        description=lambda c: f"行政复议纠错：{c}",
        url=lambda c: _reverse("disputes:case", c.pk),
        refusal=lambda c: (
            ""
            if c.is_correction
            else "只有被纠错（变更、撤销、确认违法、责令履行、确认无效）的复议案件才建立整改事项。"
        ),
    )
    register_source(
        "litigation.Lawsuit",
        kind=SourceKind.LITIGATION,
        unit=lambda s: s.responsible_department,
        description=lambda s: f"行政诉讼败诉：{s.case_number}（{s.cause}）",
        url=lambda s: _reverse("litigation:detail", s.pk),
        refusal=lambda s: "" if s.lost else "只有败诉的行政诉讼案件才建立整改事项。",
    )
