"""The reconsideration docket as a core.web.lists declaration: search, filters (state, year, respondent, channel,
deadline), sortable columns with the next statutory deadline first (overdue at the top) and the export's cells. The
page and its Excel export read the same declaration."""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    DateField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

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
            lists.unit_filter(cases, field="respondent", label="被申请人", name="unit"),
            lists.Filter(
                "channel", "申请渠道", lambda qs, v: qs.filter(channel=v), choices=C.Channel.choices
            ),
            lists.Filter(
                "due_before", "期限早于", lambda qs, day: qs.filter(next_due__lt=day), kind=lists.DATE
            ),
            lists.Filter(
                "overdue", "只看逾期", lambda qs, v: qs.filter(next_due__lt=today), kind=lists.CHECK
            ),
        ],
        search_fields=("docket_number", "applicant_name", "respondent__name", "contested_act", "agent"),
        search_placeholder="案号、申请人、被申请人、行政行为",
        default_sort="due",
    )
