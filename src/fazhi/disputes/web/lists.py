"""The reconsideration docket as a core.web.lists declaration: search, filters (state, year, respondent, channel,
deadline), sortable columns with the next statutory deadline first (overdue at the top) and the export's cells. The
page and its Excel export read the same declaration."""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from fazhi.core.models import Organization
from fazhi.core.web import lists

from ..models import CaseClock, ReconsiderationCase

C = ReconsiderationCase


def with_next_due(cases: QuerySet[ReconsiderationCase]) -> QuerySet[ReconsiderationCase]:
    """The cases with the next running clock of an open case (`next_due`, `next_due_kind`): the decision clock of a
    suspended case does not run (第三十九条), a closed case has none; `due_blank` orders cases without one last.
    The clocks are looked up for open cases only (a few thousand of a province's 100,000 cases): the status decides
    first, in the case's own row."""

    def running(suspended: bool) -> QuerySet[CaseClock]:
        clocks = CaseClock.objects.filter(case=OuterRef("pk"), met_on__isnull=True)
        if suspended:
            clocks = clocks.exclude(kind=CaseClock.Kind.DECISION)
        return clocks.order_by("due_on", "pk")

    def next_(field: str, output) -> Case:
        return Case(
            When(status=C.Status.SUSPENDED, then=Subquery(running(True).values(field)[:1])),
            When(status__in=C.OPEN, then=Subquery(running(False).values(field)[:1])),
            default=None,
            output_field=output,
        )

    return cases.annotate(
        next_due=next_("due_on", DateField()),
        next_due_kind=next_("kind", CharField()),
    ).annotate(
        due_blank=Case(
            When(next_due__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


def overdue(cases: QuerySet[ReconsiderationCase], today) -> QuerySet[ReconsiderationCase]:
    """The cases (annotated by with_next_due) whose next deadline has passed. Only an open case has one: the status
    narrows first, so the deadline is compared for the open cases alone."""
    return cases.filter(status__in=C.OPEN, next_due__lt=today)


def page_rows(listing: lists.Listing) -> list[ReconsiderationCase]:
    """The cases of the page shown, in the list's order: the page's ids first, on narrow rows (the order's columns
    and the id, without the two units joined to every case), then those cases alone read whole. In the default
    order (下一期限) the ids come from its two parts, each served by an index (_due_page_ids)."""
    page = listing.page
    if listing.sort.lstrip("-") == "due":
        size = page.paginator.per_page
        ids = _due_page_ids(
            listing.rows,
            listing.total,
            (page.number - 1) * size,
            size,
            descending=listing.sort.startswith("-"),
        )
    else:
        ids = list(page.object_list.values_list("pk", flat=True))
    by_id = {case.pk: case for case in listing.rows.order_by().filter(pk__in=ids)} if ids else {}
    # the page holds these rows: its links (`if page`, its length) no longer read the wide rows again
    page.object_list = [by_id[pk] for pk in ids]
    return page.object_list


def _due_page_ids(rows, total: int, offset: int, size: int, *, descending: bool) -> list[int]:
    """The ids of rows[offset:offset + size] in the order (due_blank, next_due, id), or its reverse, without sorting
    every case: the cases with a next deadline are open ones (a few thousand, the open cases' index), sorted on it;
    all the others have none and follow in id order (the primary key's index), or come first when reversed."""
    if offset >= total:
        return []
    dated = rows.filter(status__in=C.OPEN, next_due__isnull=False)
    blank = rows.exclude(status__in=C.OPEN) | rows.filter(status__in=C.OPEN, next_due__isnull=True)
    if descending:
        dated, blank = dated.order_by("-next_due", "-pk"), blank.order_by("-pk")
    else:
        dated, blank = dated.order_by("next_due", "pk"), blank.order_by("pk")
    n_dated = dated.count()
    first, second = (blank, dated) if descending else (dated, blank)
    n_first = total - n_dated if descending else n_dated
    ids = list(first.values_list("pk", flat=True)[offset : offset + size]) if offset < n_first else []
    if len(ids) < size:
        start = max(0, offset - n_first)
        ids += list(second.values_list("pk", flat=True)[start : start + size - len(ids)])
    return ids


def respondent_filter(cases: QuerySet[ReconsiderationCase]) -> lists.Filter:
    """被申请人: a choice among the units that are the respondent of a case in `cases`, in the order of the unit tree
    (a select while they are few, else a search field: lists.unit_filter). Each unit is probed for one such case,
    the probe in the select list (an index lookup per unit, ~3 ms for the province's 1,037): in the WHERE clause
    PostgreSQL turned it into a join reading every case (35–40 ms)."""
    probe = Exists(cases.filter(respondent=OuterRef("pk")).values("pk"))
    probed = Organization.objects.annotate(is_respondent=probe).values_list("pk", "is_respondent")
    offered = Organization.objects.filter(pk__in=[pk for pk, yes in probed if yes]).order_by("path")
    return lists.Filter(
        "unit",
        "被申请人",
        lambda qs, v: qs.filter(respondent_id=int(v)),
        kind=lists.UNIT,
        units=offered,
    )


KINDS = dict(CaseClock.Kind.choices)


def due_kind(case) -> str:
    return KINDS.get(getattr(case, "next_due_kind", None) or "", "")


def docket_spec(cases: QuerySet[ReconsiderationCase], today) -> lists.ListSpec:
    """`cases`: the cases the user may see, annotated by with_next_due."""
    return lists.ListSpec(
        title="行政复议案件",
        columns=[
            lists.Column("number", "案号", lambda c: c.docket_number, order_by=("docket_year", "docket_seq")),
            lists.Column("applicant", "申请人", lambda c: c.applicant_name, order_by=("applicant_name",)),
            lists.Column("id_code", "证件号码", lambda c: c.masked_id_code, sortable=False),
            lists.Column(
                "respondent", "被申请人", lambda c: c.respondent.name, order_by=("respondent__path",)
            ),
            lists.Column("act", "被申请复议的行政行为", lambda c: c.contested_act, sortable=False),
            lists.Column("channel", "渠道", lambda c: c.get_channel_display(), order_by=("channel",)),
            lists.Column("received", "收到日期", lambda c: c.received_on, order_by=("received_on",)),
            lists.Column("due", "下一期限", lambda c: c.next_due, order_by=("due_blank", "next_due")),
            lists.Column("due_kind", "期限事项", due_kind, sortable=False),
            lists.Column("status", "状态", lambda c: c.get_status_display(), order_by=("status",)),
        ],
        filters=[
            lists.status_filter(C.Status.choices),
            lists.Filter(
                "year",
                "案号年度",
                lambda qs, v: qs.filter(docket_year=int(v)),
                choices=[
                    (str(y), f"{y}年")
                    for y in cases.order_by("-docket_year").values_list("docket_year", flat=True).distinct()
                ],
            ),
            respondent_filter(cases),
            lists.Filter(
                "channel", "申请渠道", lambda qs, v: qs.filter(channel=v), choices=C.Channel.choices
            ),
            lists.Filter(
                "due_before", "期限早于", lambda qs, day: qs.filter(next_due__lt=day), kind=lists.DATE
            ),
            lists.Filter("overdue", "只看逾期", lambda qs, v: overdue(qs, today), kind=lists.CHECK),
        ],
        search_fields=("docket_number", "applicant_name", "respondent__name", "contested_act", "agent"),
        search_placeholder="案号、申请人、被申请人、行政行为",
        default_sort="due",
    )
