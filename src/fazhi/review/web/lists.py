"""The review app's list pages as core.web.lists declarations: the reviews (the current level's time limit first),
the register of normative documents (the next deadline first: filing, correction, end of validity). Each page and
its Excel export read the same declaration."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q

from fazhi.core.models import Organization
from fazhi.core.web import lists

from .. import selectors
from ..models import Filing, LegalityReview, NormativeDocument, SubjectKind

S = NormativeDocument.Status
R = LegalityReview.Status


def next_due(document: NormativeDocument, today) -> tuple[dt.date | None, str]:
    """The document's next open deadline and what it is: filing (not yet filed with the government above), a
    correction ordered and not made, or the end of validity of a document in force."""
    due: list[tuple[dt.date, str]] = []
    if document.status == S.VALID:
        filings = list(document.filings.all())
        if (
            document.requires_filing
            and document.filing_due_on
            and not any(f.body == Filing.Body.GOVERNMENT for f in filings)
        ):
            due.append((document.filing_due_on, "报送备案"))
        for f in filings:
            if f.correction_due_on and f.result == Filing.Result.CORRECTION and f.corrected_on is None:
                due.append((f.correction_due_on, "纠正后重新报送"))
        if document.expires_on:
            due.append((document.expires_on, "有效期届满"))
    return min(due) if due else (None, "")


def _year_filter(qs, year):
    return qs.filter(Q(number_year=int(year)) | Q(number_year__isnull=True, registered_on__year=int(year)))


def document_spec(user, today) -> lists.ListSpec:
    """The register as a list: search, filters, sortable columns (the next deadline first, overdue at the top)
    and the export's cells."""
    visible = selectors.documents_for(user)
    years = sorted(
        {n or r for n, r in visible.order_by().values_list("number_year", "registered_on__year").distinct()},
        reverse=True,
    )
    units = Organization.objects.filter(pk__in=visible.values("organization_id")).order_by("path")
    return lists.ListSpec(
        title="行政规范性文件登记簿",
        columns=[
            lists.Column("number", "文号", lambda d: d.number, order_by=("number_year", "number_seq")),
            lists.Column("title", "文件名称", lambda d: d.title, order_by=("title",)),
            lists.Column("unit", "制定机关", lambda d: d.organization.name, order_by=("organization__path",)),
            lists.Column(
                "validity",
                "状态",
                lambda d: d.validity_state(today),
                order_by=(selectors.validity_label(today),),
            ),
            lists.Column("registered", "登记日期", lambda d: d.registered_on, order_by=("registered_on",)),
            lists.Column("published", "公布日期", lambda d: d.published_on, order_by=("published_on",)),
            lists.Column("effective", "施行日期", lambda d: d.effective_on, order_by=("effective_on",)),
            lists.Column("expires", "有效期至", lambda d: d.expires_on, order_by=("expires_on",)),
            # sorted in the database on the deadline computed there (selectors.register_for): no deadline last in
            # both directions
            lists.Column("due", "下一期限", lambda d: next_due(d, today)[0], order_by=("due_order",)),
            lists.Column("due_kind", "期限事项", lambda d: next_due(d, today)[1], sortable=False),
            lists.Column("filing", "备案", _filing_text, sortable=False),
        ],
        filters=[
            lists.Filter(
                "status", "状态", lambda qs, v: qs.filter(status=v), choices=NormativeDocument.Status.choices
            ),
            lists.Filter("year", "年度", _year_filter, choices=[(str(y), f"{y}年") for y in years]),
            lists.Filter(
                "unit",
                "制定机关",
                lambda qs, v: qs.filter(organization_id=int(v)),
                choices=[(str(u.pk), u.name) for u in units],
            ),
            lists.Filter(
                "market", "涉及经营者经济活动", lambda qs, v: qs.filter(market_related=True), kind=lists.CHECK
            ),
            lists.Filter(
                "overdue",
                "只看逾期",
                lambda qs, v: qs.filter(due_key__lt=today),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("title", "number", "organization__name"),
        search_placeholder="文件名称、文号、制定机关",
        default_sort="due",
    )


def _filing_text(document: NormativeDocument) -> str:
    if not document.requires_filing:
        return "无须备案"
    filings = list(document.filings.all())
    if not filings:
        return "未报送" if document.published_on else ""
    return "；".join(f"{f.get_body_display()}：{f.get_result_display()}" for f in filings)


OPEN_STATUSES = selectors.reviews.OPEN_LEVELS


class _Kept:
    """An ordering that stays as it is whichever way its column is sorted (core.web.lists reverses the others)."""

    def __init__(self, ordering):
        self.ordering = ordering

    def asc(self, **kwargs):
        return self.ordering

    def desc(self, **kwargs):
        return self.ordering


# Reviews with the same time limit (and those without one, last either way) in the list's own order, newest
# submission first, as when the list was sorted in memory.
LIST_ORDER = (_Kept(F("submitted_on").desc()), _Kept(F("pk").desc()))


def level_due(review: LegalityReview):
    """The current level's time limit while a level is under way (none once returned or concluded)."""
    return review.level_due_on if review.status in OPEN_STATUSES else None


def review_spec(user, today) -> lists.ListSpec:
    """The reviews as a list: search, filters, sortable columns (the level's time limit first, overdue at the top)
    and the export's cells."""
    visible = selectors.reviews_for(user)
    units = Organization.objects.filter(pk__in=visible.values("organization_id")).order_by("path")
    return lists.ListSpec(
        title="合法性审查",
        columns=[
            lists.Column("title", "送审事项", lambda r: r.title, order_by=("title",)),
            lists.Column(
                "kind", "审查对象", lambda r: r.get_subject_kind_display(), order_by=("subject_kind",)
            ),
            lists.Column("unit", "起草单位", lambda r: r.organization.name, order_by=("organization__path",)),
            lists.Column("submitted", "送审日期", lambda r: r.submitted_on, order_by=("submitted_on",)),
            lists.Column("status", "当前环节", lambda r: r.get_status_display(), order_by=("status",)),
            lists.Column("version", "稿次", lambda r: r.current_version, order_by=("current_version",)),
            lists.Column("advisor", "复审法律顾问", lambda r: r.advisor_name, order_by=("advisor_name",)),
            lists.Column(
                "due", "本级审查期限", level_due, order_by=(selectors.level_due_open(), *LIST_ORDER)
            ),
            lists.Column(
                "opinion", "终审意见", lambda r: r.get_final_opinion_display(), order_by=("final_opinion",)
            ),
            lists.Column("concluded", "终审日期", lambda r: r.concluded_on, order_by=("concluded_on",)),
        ],
        filters=[
            lists.Filter(
                "status", "当前环节", lambda qs, v: qs.filter(status=v), choices=LegalityReview.Status.choices
            ),
            lists.Filter(
                "kind", "审查对象", lambda qs, v: qs.filter(subject_kind=v), choices=SubjectKind.choices
            ),
            lists.Filter(
                "unit",
                "起草单位",
                lambda qs, v: qs.filter(organization_id=int(v)),
                choices=[(str(u.pk), u.name) for u in units],
            ),
            lists.Filter(
                "overdue",
                "只看超期",
                lambda qs, v: qs.filter(status__in=OPEN_STATUSES, level_due_on__lt=today),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("title", "organization__name", "advisor_name"),
        search_placeholder="送审事项、起草单位、法律顾问",
        default_sort="due",
    )


def public_document_spec(rows) -> lists.ListSpec:
    """The documents in force, for the public: search, filters (the issuing body, the year published), sorting,
    pages and the export."""
    years = sorted({d.year for d in rows.order_by().dates("published_on", "year")}, reverse=True)
    return lists.ListSpec(
        title="现行有效的行政规范性文件",
        columns=[
            lists.Column("number", "文号", lambda d: d.number, order_by=("number_year", "number_seq")),
            lists.Column("title", "文件名称", lambda d: d.title, order_by=("title",)),
            lists.Column("unit", "制定机关", lambda d: d.organization.name, order_by=("organization__path",)),
            lists.Column("published", "公布日期", lambda d: d.published_on, order_by=("published_on",)),
            lists.Column("effective", "施行日期", lambda d: d.effective_on, order_by=("effective_on",)),
            lists.Column("expires", "有效期至", lambda d: d.expires_on, order_by=("expires_on",)),
        ],
        filters=[
            lists.unit_filter(rows, label="制定机关"),
            lists.Filter(
                "year",
                "公布年度",
                lambda qs, v: qs.filter(published_on__year=int(v)),
                choices=[(str(y), f"{y}年") for y in years],
            ),
        ],
        search_fields=("title", "number", "organization__name"),
        search_placeholder="文件名称、文号、制定机关",
        default_sort="-published",
    )
