"""The annual reports of the units a user may see, as a core.web.lists declaration: one row a unit for the year
chosen, with its draft (edited text), issuing, submissions and publication; search, filters, sorting, pages and
the export read the same declaration."""

from __future__ import annotations

from dataclasses import dataclass, field

from fazhi.core.models import Organization
from fazhi.core.web import lists

from ..models import IssuedReport, ReportTemplate, Submission
from ..selectors import annual as selectors_annual
from ..selectors import dashboard as selectors
from ..selectors import duties as selectors_duties

YEARS_OFFERED = 5
PUBLICATION = Submission.Kind.PUBLICATION


@dataclass
class ReportRow:
    organization: Organization
    year: int
    template: ReportTemplate | None = None
    issued: IssuedReport | None = None
    submissions: dict[str, Submission] = field(default_factory=dict)

    @property
    def draft_state(self) -> str:
        if self.issued is not None:
            return "已印发"
        return "已编辑未印发" if self.template is not None else "未编辑"

    @property
    def submitted(self) -> str:
        """The submissions made (publication apart), in the order of the kinds."""
        return "；".join(
            f"{s.get_kind_display()}{s.done_on:%Y-%m-%d}"
            for kind, s in sorted(
                self.submissions.items(), key=lambda kv: list(Submission.Kind.values).index(kv[0])
            )
            if kind != PUBLICATION
        )

    @property
    def published_on(self):
        s = self.submissions.get(PUBLICATION)
        return s.done_on if s else None


def report_rows(user, year: int) -> list[ReportRow]:
    """A row for each unit the user may see, with what was done for its report of `year` (four queries)."""
    rows = {o.pk: ReportRow(o, year) for o in selectors.organizations_for(user)}
    for t in selectors_annual.templates_for(user).filter(year=year, organization_id__in=rows):
        rows[t.organization_id].template = t
    for r in selectors_annual.issued_for(user).filter(year=year, organization_id__in=rows):
        rows[r.organization_id].issued = r
    for s in selectors_duties.submissions_for(user).filter(year=year, organization_id__in=rows):
        rows[s.organization_id].submissions[s.kind] = s
    return list(rows.values())


STATES = [("issued", "已印发"), ("edited", "已编辑未印发"), ("untouched", "未编辑")]
STATE_LABELS = dict(STATES)


def report_spec(years: list[int]) -> lists.ListSpec:
    return lists.ListSpec(
        title="法治政府建设年度报告",
        columns=[
            lists.Column("unit", "单位", lambda r: r.organization.name),
            lists.Column("year", "年度", lambda r: r.year, sortable=False),
            lists.Column("state", "报告状态", lambda r: r.draft_state),
            lists.Column(
                "edited", "编辑时间", lambda r: r.template.updated_at.date() if r.template else None
            ),
            lists.Column("issued", "印发日期", lambda r: r.issued.issued_on if r.issued else None),
            lists.Column("submitted", "报送情况", lambda r: r.submitted, sortable=False),
            lists.Column("published", "向社会公开日期", lambda r: r.published_on),
        ],
        filters=[
            # the rows are built for the year asked (report_rows); the filter only offers and checks it
            lists.Filter("year", "年度", lambda rows, v: rows, choices=[(str(y), f"{y}年度") for y in years]),
            lists.Filter(
                "status",
                "报告状态",
                lambda rows, v: [r for r in rows if r.draft_state == STATE_LABELS[v]],
                STATES,
            ),
            lists.Filter(
                "unpublished",
                "只看未向社会公开",
                lambda rows, v: [r for r in rows if r.published_on is None],
                kind=lists.CHECK,
            ),
        ],
        search_text=lambda r: f"{r.organization.name} {r.organization.code}",
        search_placeholder="单位名称",
    )
