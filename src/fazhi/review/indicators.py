"""Figures of legality review, review catalogs, normative documents and their filing, and clean-up, each computed in
the database from records."""

from __future__ import annotations

import itertools

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from fazhi.core import access, config
from fazhi.core.models import Organization
from fazhi.indicators.registry import (
    RATE,
    Figure,
    Period,
    as_scope,
    both_years,
    in_scope,
    once,
    period_counts,
    register,
    scope_key,
)

from . import rules
from .models import (
    PASSING_OPINIONS,
    CleanupItem,
    Filing,
    LegalityReview,
    Matter,
    NormativeDocument,
    ReviewCatalog,
    ReviewCatalogEntry,
    SubjectKind,
)

BASIS_THREE_LEVELS = "国办发〔2018〕115号（全面推行行政规范性文件合法性审核机制）"
BASIS_37 = "国办发〔2018〕37号（加强行政规范性文件制定和监督管理工作）"
BASIS_FILING = "法规规章备案审查条例（国务院令第789号）；本省规范性文件备案规定"
BASIS_CLEANUP = "国务院关于开展涉及不平等对待企业法律法规政策清理工作的部署"

# Legality reviews -----------------------------------------------------------------------------------------


def final_reviews(period: Period, scope, subject_kind: str | None = None) -> QuerySet[LegalityReview]:
    """Reviews that received the Justice Bureau's final opinion in the period (whatever the opinion)."""
    reviews = LegalityReview.objects.filter(
        status=LegalityReview.Status.CONCLUDED, **period.range_filter("concluded_on")
    )
    if subject_kind is not None:
        reviews = reviews.filter(subject_kind=subject_kind)
    return in_scope(reviews, scope)


@register(
    code="review.reviews.final",
    name="合法性审查文件（终审）",
    unit="件",
    definition="本年度经“起草单位初审、法律顾问复审、司法局合法性终审”三级审核并由司法局出具终审意见的各类文件件数。",
    basis=BASIS_THREE_LEVELS,
)
def reviews_final(period: Period, scope):
    return Figure(value=sum(final_by_kind(period, scope).values()), records=final_reviews(period, scope))


def _final(period: Period) -> dict[str, Q]:
    return {"final": Q(status=LegalityReview.Status.CONCLUDED, **period.range_filter("concluded_on"))}


def final_by_kind(period: Period, scope) -> dict[str, int]:
    """{subject kind: reviews given their final opinion in the period}: one grouped statement for the period and
    the year before, shared by the total and the figures by kind (issue 19)."""
    counts = period_counts(
        lambda: in_scope(LegalityReview.objects.all(), scope),
        period,
        _final,
        group="subject_kind",
        key=("review.reviews", scope_key(scope)),
    )
    return {kind: c["final"] for kind, c in counts.items()}


def _register_final_by_kind(kind: SubjectKind) -> None:
    def compute(period: Period, scope):
        return Figure(
            value=final_by_kind(period, scope).get(kind.value, 0),
            records=final_reviews(period, scope, kind.value),
        )

    register(
        code=f"review.reviews.final.{kind.value}",
        name=f"合法性审查{kind.label}（终审）",
        unit="件",
        definition=f"本年度经三级审核并由司法局出具终审意见的{kind.label}件数。",
        basis=BASIS_THREE_LEVELS,
    )(compute)


for _kind in SubjectKind:
    _register_final_by_kind(_kind)


# Review catalogs ------------------------------------------------------------------------------------------


def units_required_to_adopt(scope) -> QuerySet[Organization]:
    """Active units of the kinds that must adopt a review catalog (setting review.catalog_required_kinds)."""
    key = rules.CATALOG_REQUIRED_KINDS.key
    kinds = once(("setting", key), lambda: config.get(key))  # one statement per evaluation
    units = Organization.objects.filter(is_active=True, kind__in=kinds)
    scope = as_scope(scope)
    if scope is None:
        return units
    if not scope.include_below:
        return units.filter(pk=scope.organization.pk)
    return access.in_subtree(units, scope.organization, "")


@register(
    code="review.catalog.adoption_rate",
    name="合法性审查目录清单制定率",
    unit="%",
    definition="须制定合法性审查目录清单的单位中，截至本年末已制定目录清单的比例。",
    basis=BASIS_THREE_LEVELS,
    kind=RATE,
)
def catalog_adoption_rate(period: Period, scope):
    units = units_required_to_adopt(scope)
    adopted, required = both_years(("review.catalog.adoption", scope_key(scope)), period, _adoption(scope))
    return Figure.rate_of(adopted, required, units.filter(_adopted_by(period.end)), units)


def _adopted_by(day) -> Q:
    return Q(Exists(ReviewCatalog.objects.filter(organization=OuterRef("pk"), adopted_on__lte=day)))


def _adoption(scope):
    """(adopted, required) at the end of the year before and of the period, in one statement (issue 19)."""

    def compute(before: Period, period: Period):
        row = units_required_to_adopt(scope).aggregate(
            required=Count("pk"),
            before=Count("pk", filter=_adopted_by(before.end)),
            now=Count("pk", filter=_adopted_by(period.end)),
        )
        return (row["before"], row["required"]), (row["now"], row["required"])

    return compute


def _listed(kind, date_field: str):
    """The record's kind is listed in a catalog its unit had adopted by the day the record was issued."""
    return Exists(
        ReviewCatalogEntry.objects.filter(
            catalog__organization=OuterRef("organization"),
            subject_kind=kind,
            catalog__adopted_on__lte=OuterRef(date_field),
        )
    )


def _passed_before(date_field: str) -> Q:
    """Went through a passing final opinion no later than the day it was issued or signed."""
    return Q(
        legality_review__status=LegalityReview.Status.CONCLUDED,
        legality_review__final_opinion__in=PASSING_OPINIONS,
        legality_review__concluded_on__lte=F(date_field),
    )


class Records:
    """Matters and normative documents listed as one set of records behind a figure: the drill-down scopes, counts
    and lists them like one queryset (both are scoped by their `organization`), each model read as itself, so
    every record opens as what it is. A union of the two cannot be filtered after it is made."""

    def __init__(self, *parts: QuerySet):
        self.parts = parts
        self.model = parts[0].model

    def _each(self, method: str, *args, **kwargs) -> Records:
        return Records(*(getattr(p, method)(*args, **kwargs) for p in self.parts))

    def filter(self, *args, **kwargs) -> Records:
        return self._each("filter", *args, **kwargs)

    def exclude(self, *args, **kwargs) -> Records:
        return self._each("exclude", *args, **kwargs)

    def none(self) -> Records:
        return self._each("none")

    def distinct(self) -> Records:
        return self._each("distinct")

    def all(self) -> Records:
        return self._each("all")

    def count(self) -> int:
        return sum(p.count() for p in self.parts)

    def exists(self) -> bool:
        return any(p.exists() for p in self.parts)

    def __iter__(self):
        return itertools.chain.from_iterable(self.parts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice) and not index.start and index.step is None and index.stop is not None:
            rows: list = []
            for part in self.parts:  # the first `stop` records, reading no more of each part than needed
                rows += list(part[: index.stop - len(rows)])
                if len(rows) >= index.stop:
                    break
            return rows
        if isinstance(index, slice):
            return list(itertools.islice(iter(self), index.start, index.stop, index.step))
        return next(itertools.islice(iter(self), index, None))


def catalog_subjects(period: Period, scope) -> tuple[QuerySet[Matter], QuerySet[NormativeDocument]]:
    """Matters and normative documents issued in the period whose kind their unit's catalog lists."""
    matters = in_scope(
        Matter.objects.filter(
            _listed(OuterRef("subject_kind"), "issued_on"), **period.range_filter("issued_on")
        ),
        scope,
    )
    documents = in_scope(
        NormativeDocument.objects.filter(
            _listed(SubjectKind.NORMATIVE_DOCUMENT, "published_on"),
            **period.range_filter("published_on"),
        ).exclude(status=NormativeDocument.Status.REGISTERED),
        scope,
    )
    return matters, documents


@register(
    code="review.catalog.execution_rate",
    name="合法性审查目录清单执行率",
    unit="%",
    definition="本年度各单位印发或签订的、属于其目录清单所列类别的事项（含行政规范性文件）中，"
    "在印发或签订前经合法性审查并通过的比例。",
    basis=BASIS_THREE_LEVELS,
    kind=RATE,
)
def catalog_execution_rate(period: Period, scope):
    matters, documents = catalog_subjects(period, scope)
    numerator = Records(
        matters.filter(_passed_before("issued_on")).order_by("issued_on", "pk"),
        documents.filter(_passed_before("published_on")).order_by("published_on", "pk"),
    )
    denominator = Records(matters.order_by("issued_on", "pk"), documents.order_by("published_on", "pk"))
    counts = [
        period_counts(
            lambda: in_scope(Matter.objects.all(), scope),
            period,
            _matters_listed,
            within=_matters_listed_in_either,
            key=("review.catalog.matters", scope_key(scope)),
        ),
        period_counts(
            lambda: in_scope(NormativeDocument.objects.all(), scope),
            period,
            _documents_listed,
            within=_documents_listed_in_either,
            key=("review.catalog.documents", scope_key(scope)),
        ),
    ]
    return Figure.rate_of(
        sum(c["passed"] for c in counts), sum(c["listed"] for c in counts), numerator, denominator
    )


def _passed_review_by(date_field: str) -> Q:
    """_passed_before as an EXISTS on the record's review (a condition inside COUNT(*) FILTER, where a join on the
    optional review would drop the records without one)."""
    return Q(
        Exists(
            LegalityReview.objects.filter(
                pk=OuterRef("legality_review_id"),
                status=LegalityReview.Status.CONCLUDED,
                final_opinion__in=PASSING_OPINIONS,
                concluded_on__lte=OuterRef(date_field),
            )
        )
    )


def _matters_listed(period: Period) -> dict[str, Q]:
    """catalog_subjects' matters of the period (the rows read are those listed: _matters_listed_in_either), and
    those of them that passed review before being issued."""
    issued = Q(**period.range_filter("issued_on"))
    return {"listed": issued, "passed": issued & _passed_review_by("issued_on")}


def _matters_listed_in_either(before: Period, period: Period) -> Q:
    """The matters issued in either year whose kind their unit's catalog listed by then (the listing depends on the
    record's own date, not the period: in WHERE, where the planner can make it a semi-join)."""
    return Q(
        _listed(OuterRef("subject_kind"), "issued_on"), issued_on__gte=before.start, issued_on__lte=period.end
    )


def _documents_listed(period: Period) -> dict[str, Q]:
    published = Q(**period.range_filter("published_on"))
    return {"listed": published, "passed": published & _passed_review_by("published_on")}


def _documents_listed_in_either(before: Period, period: Period) -> Q:
    return Q(
        _listed(SubjectKind.NORMATIVE_DOCUMENT, "published_on"),
        published_on__gte=before.start,
        published_on__lte=period.end,
    ) & ~Q(status=NormativeDocument.Status.REGISTERED)


# Normative documents and filing ---------------------------------------------------------------------------


def filed_in(period: Period, scope) -> QuerySet[Filing]:
    return in_scope(Filing.objects.filter(**period.range_filter("filed_on")), scope, "document__organization")


def issued_requiring_filing(period: Period, scope) -> QuerySet[NormativeDocument]:
    documents = NormativeDocument.objects.filter(
        requires_filing=True, **period.range_filter("published_on")
    ).exclude(status=NormativeDocument.Status.REGISTERED)
    return in_scope(documents, scope)


@register(
    code="review.documents.filed",
    name="报送备案行政规范性文件",
    unit="件",
    definition="本年度向上级人民政府报送备案的行政规范性文件件数。",
    basis=BASIS_FILING,
)
def documents_filed(period: Period, scope):
    return Figure(value=filings(period, scope)["filed"], records=filed_in(period, scope))


def _filings(period: Period) -> dict[str, Q]:
    filed = Q(**period.range_filter("filed_on"))
    return {
        "filed": filed,
        "timely": filed & Q(filed_on__lte=F("due_on")),
        "compliant": filed & Q(**{name: True for name in Filing.MATERIALS}),
    }


def filings(period: Period, scope) -> dict[str, int]:
    """The filings made in the period, those within the deadline and those with every material: one statement for
    the period and the year before (issue 19)."""
    return period_counts(
        lambda: in_scope(Filing.objects.all(), scope, "document__organization"),
        period,
        _filings,
        key=("review.filings", scope_key(scope)),
    )


@register(
    code="review.documents.filing_rate",
    name="行政规范性文件报备率",
    unit="%",
    definition="本年度公布的须报送备案的行政规范性文件中，已报送备案的比例。",
    basis=BASIS_FILING,
    kind=RATE,
)
def documents_filing_rate(period: Period, scope):
    required = issued_requiring_filing(period, scope)
    counts = period_counts(
        lambda: in_scope(NormativeDocument.objects.all(), scope),
        period,
        _requiring_filing,
        within=_published_in_either,
        key=("review.documents", scope_key(scope)),
    )
    return Figure.rate_of(counts["filed"], counts["required"], required.filter(_FILED), required)


_FILED = Q(Exists(Filing.objects.filter(document=OuterRef("pk"), body=Filing.Body.GOVERNMENT)))


def _requiring_filing(period: Period) -> dict[str, Q]:
    """issued_requiring_filing as a condition, and those of them filed with the government."""
    required = Q(requires_filing=True, **period.range_filter("published_on")) & ~Q(
        status=NormativeDocument.Status.REGISTERED
    )
    return {"required": required, "filed": required & _FILED}


def _published_in_either(before: Period, period: Period) -> Q:
    return Q(published_on__gte=before.start, published_on__lte=period.end)


@register(
    code="review.documents.timely_rate",
    name="行政规范性文件报备及时率",
    unit="%",
    definition="本年度报送备案的行政规范性文件中，在报送备案期限内报送的比例。",
    basis=BASIS_FILING,
    kind=RATE,
)
def documents_timely_rate(period: Period, scope):
    filed, counts = filed_in(period, scope), filings(period, scope)
    return Figure.rate_of(counts["timely"], counts["filed"], filed.filter(filed_on__lte=F("due_on")), filed)


@register(
    code="review.documents.compliant_rate",
    name="行政规范性文件报备规范率",
    unit="%",
    definition="本年度报送备案的行政规范性文件中，备案报告、正式文本、起草说明、合法性审查意见、制定依据"
    "五项材料齐全的比例。",
    basis=BASIS_FILING,
    kind=RATE,
)
def documents_compliant_rate(period: Period, scope):
    filed, counts = filed_in(period, scope), filings(period, scope)
    complete = filed.filter(**{name: True for name in Filing.MATERIALS})
    return Figure.rate_of(counts["compliant"], counts["filed"], complete, filed)


# Clean-up -------------------------------------------------------------------------------------------------


def cleaned_in(period: Period, scope) -> QuerySet[CleanupItem]:
    """Documents whose clean-up outcome was decided in the period, counted for the unit that issued them."""
    items = CleanupItem.objects.exclude(outcome="").filter(**period.range_filter("decided_on"))
    return in_scope(items, scope, "issuing_unit")


@register(
    code="review.cleanup.normative_cleaned",
    name="清理行政规范性文件",
    unit="件",
    definition="本年度文件清理中确定了清理结果（保留、修改、废止、宣布失效）的行政规范性文件件数。",
    basis=BASIS_37,
)
def cleanup_normative(period: Period, scope):
    return Figure(
        value=cleaned(period, scope)["normative"],
        records=cleaned_in(period, scope).filter(kind=CleanupItem.Kind.NORMATIVE),
    )


def _cleaned(period: Period) -> dict[str, Q]:
    decided = Q(**period.range_filter("decided_on")) & ~Q(outcome="")
    return {
        "normative": decided & Q(kind=CleanupItem.Kind.NORMATIVE),
        "enterprise_policy": decided & Q(kind=CleanupItem.Kind.POLICY, enterprise_related=True),
    }


def cleaned(period: Period, scope) -> dict[str, int]:
    """The clean-up outcomes decided in the period, by kind: one statement for the period and the year before."""
    return period_counts(
        lambda: in_scope(CleanupItem.objects.all(), scope, "issuing_unit"),
        period,
        _cleaned,
        key=("review.cleanup", scope_key(scope)),
    )


@register(
    code="review.cleanup.enterprise_policy_cleaned",
    name="清理涉企政策性文件",
    unit="件",
    definition="本年度文件清理中确定了清理结果的涉企政策性文件（行政规范性文件以外）件数。",
    basis=BASIS_CLEANUP,
)
def cleanup_enterprise_policy(period: Period, scope):
    return Figure(
        value=cleaned(period, scope)["enterprise_policy"],
        records=cleaned_in(period, scope).filter(kind=CleanupItem.Kind.POLICY, enterprise_related=True),
    )
