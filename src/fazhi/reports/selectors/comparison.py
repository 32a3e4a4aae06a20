"""The annex of a city's report that compares its districts figure by figure: each district's value and rank, the
median, the outliers (rules.comparison) and each district's values over the three years before as a trend."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.core.models import Organization, OrganizationKind
from fazhi.indicators.registry import REGISTRY, Period, Scope, compute

from ..rules import comparison as rules

TREND_YEARS = 3


@dataclass
class Row:
    """One figure across the districts of a city."""

    code: str
    name: str
    unit: str
    values: dict[str, Decimal | int | None]  # district name -> value of the year
    ranks: dict[str, int]
    median: Decimal | None
    fences: rules.Fences | None
    outliers: dict[str, str]
    trend: dict[str, list] = field(default_factory=dict)  # district name -> values from year-3 to year


@dataclass
class Comparison:
    city: Organization
    year: int
    districts: list[Organization]
    rows: list[Row]

    @property
    def years(self) -> list[int]:
        return list(range(self.year - TREND_YEARS, self.year + 1))

    def as_dict(self) -> dict:
        def num(value):
            return None if value is None else float(value)

        return {
            "city": self.city.code,
            "year": self.year,
            "years": self.years,
            "districts": [d.name for d in self.districts],
            "rows": [
                {
                    "code": r.code,
                    "name": r.name,
                    "unit": r.unit,
                    "values": {k: num(v) for k, v in r.values.items()},
                    "ranks": r.ranks,
                    "median": num(r.median),
                    "fences": None
                    if r.fences is None
                    else {k: num(getattr(r.fences, k)) for k in ("q1", "q3", "low", "high")},
                    "outliers": r.outliers,
                    "trend": {k: [num(v) for v in series] for k, series in r.trend.items()},
                }
                for r in self.rows
            ],
        }


def districts_of(city: Organization) -> list[Organization]:
    return list(
        Organization.objects.filter(parent=city, kind=OrganizationKind.DISTRICT_GOVERNMENT).order_by("path")
    )


def compare(city: Organization, year: int, codes: list[str] | None = None) -> Comparison:
    """Every registered figure (or `codes`) for each district below `city`, in `year` and the three years before."""
    districts = districts_of(city)
    years = list(range(year - TREND_YEARS, year + 1))
    rows = []
    for code in codes if codes is not None else sorted(REGISTRY):
        indicator = REGISTRY[code]
        trend = {
            d.name: [compute(code, Period.year(y), Scope(d, include_below=True)).value for y in years]
            for d in districts
        }
        values = {name: series[-1] for name, series in trend.items()}
        rows.append(
            Row(
                code=code,
                name=indicator.name,
                unit=indicator.unit,
                values=values,
                ranks=rules.ranks(values),
                median=rules.median(list(values.values())),
                fences=rules.fences(list(values.values())),
                outliers=rules.outliers(values),
                trend=trend,
            )
        )
    return Comparison(city, year, districts, rows)
