"""The lawsuit list as a core.web.lists declaration: search, filters (state, year served, department, instance,
deadline), sortable columns with the next deadline first (the defence while it is due, then the performance of an
effective judgment; overdue at the top) and the export's cells. The page and its Excel export read one declaration.
The liaison meetings likewise: search, filters (kind, year, convening unit), sorting, pages and export."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core.web import lists

from ..models import Lawsuit, LiaisonMeeting, lawsuits

S = Lawsuit.Status


def with_next_due(rows: QuerySet[Lawsuit]) -> QuerySet[Lawsuit]:
    """The lawsuits with their next open deadline (`next_due`); `due_blank` orders those without one last (the
    expressions of the list's index, models.lawsuits.lawsuit_list_order_idx)."""
    return rows.annotate(next_due=lawsuits.next_due(), due_blank=lawsuits.due_blank())


def due_kind(lawsuit: Lawsuit) -> str:
    if lawsuit.next_due is None:
        return ""
    return "提交答辩状" if lawsuit.status == S.SERVED else "履行生效裁判"


def lawsuit_spec(rows: QuerySet[Lawsuit], today) -> lists.ListSpec:
    """`rows`: the lawsuits the user may see, annotated by with_next_due. The year (of service) also chooses the
    year of the figures above the list, so the recent years are offered even without a lawsuit."""
    years = {d.year for d in rows.order_by().dates("served_on", "year")}
    recent = range(today.year, today.year - 4, -1)
    return lists.ListSpec(
        title="行政应诉案件",
        columns=[
            lists.Column("number", "案号", lambda s: s.case_number, order_by=("case_number",)),
            lists.Column("court", "受理法院", lambda s: s.court, order_by=("court",)),
            lists.Column("instance", "审级", lambda s: s.get_instance_display(), order_by=("instance",)),
            lists.Column("plaintiff", "原告", lambda s: s.plaintiff_name, order_by=("plaintiff_name",)),
            lists.Column("defendant", "被告", lambda s: s.defendant.name, order_by=("defendant__path",)),
            lists.Column(
                "department",
                "主管部门",
                lambda s: s.responsible_department.name,
                order_by=("responsible_department__path",),
            ),
            lists.Column("cause", "案由", lambda s: s.cause, order_by=("cause",)),
            lists.Column("served", "送达日期", lambda s: s.served_on, order_by=("served_on",)),
            lists.Column("due", "下一期限", lambda s: s.next_due, order_by=("due_blank", "next_due")),
            lists.Column("due_kind", "期限事项", due_kind, sortable=False),
            lists.Column("status", "状态", lambda s: s.get_status_display(), order_by=("status",)),
            lists.Column("outcome", "裁判结果", lambda s: s.get_outcome_display(), sortable=False),
        ],
        filters=[
            lists.status_filter(S.choices),
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(served_on__year=int(v)),
                choices=[(str(y), f"{y}年") for y in sorted({*years, *recent}, reverse=True)],
            ),
            lists.unit_filter(rows, field="responsible_department", label="主管部门"),
            lists.Filter(
                "instance", "审级", lambda qs, v: qs.filter(instance=v), choices=Lawsuit.Instance.choices
            ),
            lists.Filter(
                "due_before", "期限早于", lambda qs, day: qs.filter(next_due__lt=day), kind=lists.DATE
            ),
            lists.Filter(
                "overdue", "只看逾期", lambda qs, v: qs.filter(next_due__lt=today), kind=lists.CHECK
            ),
        ],
        search_fields=(
            "case_number",
            "court",
            "plaintiff_name",
            "defendant__name",
            "responsible_department__name",
            "cause",
        ),
        search_placeholder="案号、法院、原告、被告、案由",
        default_sort="due",
    )


def meeting_spec(rows: QuerySet[LiaisonMeeting], today) -> lists.ListSpec:
    """`rows`: the liaison meetings the user may see. The year (held) also chooses the year of the figure above the
    list, so the recent years are offered even without a meeting."""
    years = {d.year for d in rows.order_by().dates("held_on", "year")}
    recent = range(today.year, today.year - 4, -1)
    return lists.ListSpec(
        title="府院、府检联动会议",
        columns=[
            lists.Column("held", "会议日期", lambda m: m.held_on, order_by=("held_on", "pk")),
            lists.Column("kind", "类型", lambda m: m.get_kind_display(), order_by=("kind", "held_on")),
            lists.Column("title", "会议名称", lambda m: m.title, order_by=("title",)),
            lists.Column(
                "unit", "召集单位", lambda m: m.organization.name, order_by=("organization__path", "held_on")
            ),
            lists.Column("participants", "参会单位及人员", lambda m: m.participants, sortable=False),
            lists.Column("topics", "议题", lambda m: m.topics, sortable=False),
            lists.Column("outcomes", "会议成果", lambda m: m.outcomes, sortable=False),
        ],
        filters=[
            lists.Filter(
                "kind", "类型", lambda qs, v: qs.filter(kind=v), choices=LiaisonMeeting.Kind.choices
            ),
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(held_on__year=int(v)),
                choices=[(str(y), f"{y}年") for y in sorted({*years, *recent}, reverse=True)],
            ),
            lists.unit_filter(rows, label="召集单位"),
        ],
        search_fields=("title", "participants", "topics", "outcomes", "organization__name"),
        search_placeholder="会议名称、参会单位、议题",
        default_sort="-held",
    )
