"""Reads of the dashboard (驾驶舱), scoped through core.access: which units a user may look at, the figures by group
with the year before, the warnings, the charts, and the records behind a figure. Figures come from the snapshots
computed once and kept fresh (indicators.snapshots), never recomputed per view; a figure's records are computed when
its drill-down is opened."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.urls import reverse

from fazhi.core import access, workbench
from fazhi.core.models import Organization, OrganizationKind, User
from fazhi.indicators import snapshots
from fazhi.indicators.registry import REGISTRY, Period, Result, Scope, compute

from ..rules import figures, spec
from . import draft

PROVENANCE_LIMIT = 500


def organizations_for(user: User) -> QuerySet[Organization]:
    return access.organizations(user).order_by("path")


def organization_for(user: User, code: str | None) -> Organization:
    """The unit a user asks about: the named one if they may see it, else the top of what they see."""
    visible = organizations_for(user)
    org = visible.filter(code=code).first() if code else visible.first()
    if org is None:
        raise PermissionDenied(
            f"您无权查看单位“{code}”的统计数据。" if code else "您没有可查看统计数据的单位。"
        )
    return org


def scope_for(user: User, org: Organization) -> Scope:
    """The unit with the units below it, when the user sees those; else the unit alone."""
    kind = access.policy_for(user).scope if access.policy_for(user) else access.NONE
    return Scope(org, include_below=kind in (access.ALL, access.DISTRICT, access.SUBTREE))


def figures_of(year: int, scope: Scope) -> snapshots.Snapshot:
    """Every registered figure of the scope for the year, with the year before, from the snapshots."""
    return snapshots.results(scope, year)


def dashboard_groups(year: int, scope: Scope, snapshot: snapshots.Snapshot | None = None) -> list[dict]:
    """The year's figures by group, each with last year and the change."""
    snapshot = snapshot or figures_of(year, scope)
    by_group: dict[str, list[dict]] = defaultdict(list)
    for code, r in snapshot.results.items():
        by_group[spec.group_of(r.indicator)].append(row_of(code, r))
    return [{"key": k, "name": n, "rows": by_group[k]} for k, n in spec.groups() if by_group.get(k)]


def row_of(code: str, r: Result) -> dict:
    incomplete = r.figure.incomplete.count() if r.figure.incomplete is not None else 0
    return {
        "result": r,
        "code": code,
        "value": figures.with_unit(r.figure.value, r.indicator.unit),
        "previous": figures.with_unit(r.previous.value, r.indicator.unit),
        "change": figures.change_phrase(r) or "—",
        "incomplete": incomplete,
    }


def key_rows(snapshot: snapshots.Snapshot) -> list[dict]:
    """The key figures of the top of the dashboard (rules.toml [dashboard] key), in their order."""
    codes = spec.rules().get("dashboard", {}).get("key", [])
    return [row_of(c, snapshot.results[c]) for c in codes if c in snapshot.results]


def below_target(snapshot: snapshots.Snapshot) -> list[dict]:
    """The figures that fail a target of the report's problem rules (rules.toml [[problems]]): what the report
    would name as a problem, each with the figure its drill-down opens."""
    return [
        {"code": p.code, "name": snapshot.results[p.code].indicator.name, "text": p.text}
        for p in draft.draft_problems(snapshot.results)
    ]


def _trend_axes(year: int) -> tuple[list[int], list[str]]:
    conf = spec.rules().get("dashboard", {})
    years = list(range(year - conf.get("years", 5) + 1, year + 1))
    return years, [c for c in conf.get("trend", []) if c in REGISTRY]


def _trend_wanted(year: int, scope: Scope) -> list:
    years, codes = _trend_axes(year)
    return [(scope, y, c) for c in codes for y in years]


def trend(year: int, scope: Scope, table: snapshots.Table | None = None) -> dict:
    """Values of the dashboard's trend figures over the last years (from `table` when read with the others)."""
    years, codes = _trend_axes(year)
    table = table or snapshots.read(_trend_wanted(year, scope))
    series = [
        {
            "code": code,
            "name": REGISTRY[code].name,
            "unit": REGISTRY[code].unit,
            "values": [_plain(table.get(scope, y, code).value) for y in years],
        }
        for code in codes
    ]
    return {"years": [str(y) for y in years], "series": series, "org": scope.organization.code}


def dashboard(year: int, scope: Scope, unit_code: str, user: User) -> tuple[snapshots.Snapshot, dict]:
    """The dashboard's figures (with the year before), its trend and its by-unit chart of `unit_code` (None when
    that is no figure), read from the snapshots in one query."""
    wanted = snapshots.wanted_of(scope, year) + _trend_wanted(year, scope)
    units = _unit_scopes(scope, user) if unit_code in REGISTRY else []
    wanted += [(s, year, unit_code) for _, s in units]
    table = snapshots.read(wanted)
    charts = {
        "trend": trend(year, scope, table),
        "units": by_unit(unit_code, year, scope, user, table, units) if units else None,
    }
    return snapshots.results(scope, year, table=table), charts


def default_unit_code() -> str:
    """The figure the by-unit chart opens with: the first trend figure, else the first count."""
    counts = [c for c in sorted(REGISTRY) if REGISTRY[c].kind == "count"]
    return next(
        (c for c in spec.rules().get("dashboard", {}).get("trend", []) if c in REGISTRY),
        counts[0] if counts else "",
    )


def prepare(user: User, year: int) -> None:
    """Compute and keep the figures the user's dashboard opens with (the top unit they see, the year and the year
    before, the trend, the default by-unit chart), so that its first view reads snapshots instead of computing a
    few hundred figures (the demo runs it for its accounts)."""
    org = organizations_for(user).first()
    if org is None:
        return
    scope = scope_for(user, org)
    figures_of(year, scope)
    trend(year, scope)
    if default_unit_code():
        by_unit(default_unit_code(), year, scope, user)


# Units outside the government — a court, a procuratorate (公安机关 is a government department), a party organ, another
# unit such as a law firm — do most figures' work only exceptionally: the by-unit chart shows them only where their
# figure is not zero, rather than a row of zeros beside the departments.
OUTSIDE_GOVERNMENT = {
    OrganizationKind.POLITICAL_LEGAL,
    OrganizationKind.PARTY_COMMITTEE,
    OrganizationKind.PARTY_OFFICE,
    OrganizationKind.OTHER,
}


def _unit_scopes(scope: Scope, user: User) -> list[tuple[str, Scope]]:
    org = scope.organization
    units = [("本单位", Scope(org, include_below=False))]
    if scope.include_below:
        children = access.scope(user, Organization.objects.filter(parent=org, is_active=True)).order_by(
            "sort_order", "path"
        )
        units += [(c.short_name or c.name, Scope(c, include_below=True)) for c in children]
    return units


def by_unit(
    code: str,
    year: int,
    scope: Scope,
    user: User,
    table: snapshots.Table | None = None,
    units: list[tuple[str, Scope]] | None = None,
) -> dict:
    """An indicator's value for each unit directly below the scope's unit (and the unit's own records)."""
    units = units if units is not None else _unit_scopes(scope, user)
    table = table or snapshots.read([(s, year, code) for _, s in units])
    values = [_plain(table.get(s, year, code).value) for _, s in units]
    shown = [
        (name, s, value)
        for (name, s), value in zip(units, values, strict=True)
        if value or s.organization.kind not in OUTSIDE_GOVERNMENT or s.organization == scope.organization
    ]
    return {
        "code": code,
        "name": REGISTRY[code].name,
        "unit": REGISTRY[code].unit,
        "year": year,
        "units": [name for name, _, _ in shown],
        "orgs": [s.organization.code for _, s, _ in shown],
        "values": [value for _, _, value in shown],
    }


def deadlines(user: User, on: dt.date) -> dict:
    """工作台 items of the user by category: how many are overdue, due soon, pending; `overdue`: the categories
    with overdue work and how many (the dashboard's warnings)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for (category, level), n in workbench.Board(user, on).by_category_and_level().items():
        counts[category][level] += n  # counted in the database (one statement), not built item by item
    categories = sorted(counts)
    return {
        "categories": categories,
        "levels": [
            {"level": level, "name": label, "values": [counts[c][level] for c in categories]}
            for level, label in workbench.LEVEL_LABELS.items()
        ],
        "overdue": [(c, counts[c][workbench.OVERDUE]) for c in categories if counts[c][workbench.OVERDUE]],
    }


def _plain(value):
    return None if value is None else float(value)


def provenance(user: User, code: str, year: int, scope: Scope) -> tuple[snapshots.Snapshot, list[dict]]:
    """The figure (from its snapshot, with the year before, like the dashboard shows it) and the records behind it,
    in parts (records; numerator, denominator; incomplete), each read through core.access as well. Only the records
    listed are queried: the figure is not computed again here, and a part's total is counted only when it has more
    records than are listed."""
    if code not in REGISTRY:
        raise PermissionDenied(f"没有指标“{code}”。")
    snapshot = snapshots.results(scope, year, [code])
    f = compute(code, Period.year(year), scope)  # for its records (querysets); its value is the snapshot's
    parts = []
    for label, qs in (
        ("计数记录", f.records),
        ("分子记录", f.numerator_records),
        ("分母记录", f.denominator_records),
        (f"数据不完整的记录（{f.incomplete_note or '缺少数据'}）", f.incomplete),
    ):
        if qs is None:
            continue
        if access.is_unit_scoped(qs.model):
            qs = access.scope(user, qs)
        rows = _rows(qs)
        parts.append(
            {
                "label": label,
                "model": str(qs.model._meta.verbose_name),
                "rows": rows,
                "total": len(rows) if len(rows) < PROVENANCE_LIMIT else qs.count(),
            }
        )
    return snapshot, parts


def _rows(qs, limit: int = PROVENANCE_LIMIT) -> list[dict]:
    """The first rows of a part, each with its unit and the address of its page (content/record_pages.toml; none
    for a kind of record without a page). The unit comes with the rows (select_related), not a query per row. A
    set of records of several kinds (its `parts`, e.g. review's matters and documents) lists each kind as itself."""
    parts = getattr(qs, "parts", None)
    if parts is not None:
        rows: list[dict] = []
        for part in parts:
            if len(rows) < limit:
                rows += _rows(part, limit - len(rows))
        return rows
    scope_field = getattr(qs.model, "scope_field", "")
    if scope_field:
        qs = qs.select_related(scope_field)
    named = spec.record_names().get(qs.model._meta.label_lower)
    if named:
        qs = qs.select_related(*named)
    page = spec.record_pages().get(qs.model._meta.label_lower)
    fields = _page_fields(page)
    aliases = {f"_page_{i}": field for i, field in enumerate(fields) if field != "pk"}
    if aliases:
        qs = qs.annotate(**{alias: F(field) for alias, field in aliases.items()})
    rows = []
    for obj in qs[:limit]:
        org = access.organization_of(obj)
        values = [obj.pk if field == "pk" else getattr(obj, f"_page_{i}") for i, field in enumerate(fields)]
        rows.append(
            {
                "id": obj.pk,
                "record": str(obj),
                "unit": str(org) if org else "",
                "url": _page_url(page, values) if page else "",
            }
        )
    return rows


def _page_fields(page: dict | None) -> list[str]:
    """The fields a record's page address is made of: its arguments (`field`, or `args` after the fixed `prefix`),
    then the values of its query (`query`: a list page searched for the record, for a kind without a page of its
    own)."""
    if not page:
        return []
    args = [page["field"]] if "field" in page else list(page.get("args", []))
    return args + list(page.get("query", {}).values())


def _page_url(page: dict, values: list) -> str:
    if any(v is None or v == "" for v in values):
        return ""
    query = page.get("query", {})
    args = [*page.get("prefix", []), *values[: len(values) - len(query)]]
    url = reverse(page["url"], args=args)
    if query:
        url += "?" + urlencode(dict(zip(query, values[len(values) - len(query) :], strict=True)))
    return url
