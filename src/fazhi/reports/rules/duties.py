"""The duties of a unit's annual report: to whom it is submitted and by when, and when it is published; the rules
for recording a submission and a statement on a workstream without records.

《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）is not among the shared law texts; the articles below are
quoted from its published text and their numbers need a local check against the official copy:
- 第二十二条：“每年3月1日之前，县级以上政府部门应当向本级党委和政府、上一级政府有关部门报告上一年度法治政府
  建设情况……”
- 第二十三条：“每年4月1日之前，地方各级政府应当向同级党委、人大常委会报告上一年度法治政府建设情况；省级以下地方
  各级党委和政府应当向上一级党委和政府报告上一年度法治政府建设情况……”
- 第二十四条：“每年4月1日之前，地方各级政府和县级以上政府部门的法治政府建设年度报告，除涉及党和国家秘密的，应当
  通过报刊、网站等新闻媒体向社会公开，接受人民群众监督。”
The dates are settings (reports.deadline.*) because provinces fix earlier ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from fazhi.core import config
from fazhi.core.models import Organization, OrganizationKind
from fazhi.core.rules import validate_date_happened

from ..models import Submission, WorkstreamStatement
from .annual import DEPARTMENT_DEADLINE, DISTRICT_DEADLINE, is_city

REGULATION = "《法治政府建设与责任落实督察工作规定》"
GOVERNMENT_ARTICLE = f"{REGULATION}第二十三条：每年4月1日之前，地方各级政府应当向同级党委、人大常委会报告上一年度法治政府建设情况；省级以下地方各级党委和政府应当向上一级党委和政府报告"
DEPARTMENT_ARTICLE = f"{REGULATION}第二十二条：每年3月1日之前，县级以上政府部门应当向本级党委和政府、上一级政府有关部门报告上一年度法治政府建设情况"
PUBLICATION_ARTICLE = f"{REGULATION}第二十四条：每年4月1日之前，法治政府建设年度报告除涉及党和国家秘密的，应当通过报刊、网站等新闻媒体向社会公开"

PUBLICATION_DEADLINE = config.define(
    "reports.deadline.publication",
    name="年度报告向社会公开期限（月-日）",
    default="04-01",
    help="各级政府和政府部门向社会公开上一年度法治政府建设年度报告的截止日，格式 MM-DD（“4月1日之前”按当日计）。",
    basis=PUBLICATION_ARTICLE,
)

K = Submission.Kind


@dataclass(frozen=True)
class Duty:
    kind: str
    label: str
    due: dt.date
    basis: str


def _date(setting, year: int) -> dt.date:
    month, day = (int(x) for x in str(config.get(setting.key)).split("-"))
    return dt.date(year + 1, month, day)


def duties_for(organization: Organization, year: int) -> list[Duty]:
    """年度报告报送和公开义务

    What a unit owes for its report of `year`: a district government reports to the Party committee and the people's
    congress standing committee of its level and to the Party committee and government above (第二十三条); a
    township (no standing committee) to those above; a government department to its own Party committee and
    government and to the department above (第二十二条); each of them publishes it (第二十四条). Other units
    (political-legal units, enforcement bodies, party organs) owe none here."""
    kind = organization.kind
    if kind == OrganizationKind.DISTRICT_GOVERNMENT or is_city(organization):
        due = _date(DISTRICT_DEADLINE, year)
        owed = [(K.PARTY_COMMITTEE, GOVERNMENT_ARTICLE), (K.PEOPLES_CONGRESS, GOVERNMENT_ARTICLE)]
        owed.append((K.GOVERNMENT_ABOVE, GOVERNMENT_ARTICLE))
    elif kind in (OrganizationKind.TOWNSHIP, OrganizationKind.SUBDISTRICT):
        due = _date(DISTRICT_DEADLINE, year)
        owed = [(K.GOVERNMENT_ABOVE, GOVERNMENT_ARTICLE)]
    elif kind == OrganizationKind.DEPARTMENT:
        due = _date(DEPARTMENT_DEADLINE, year)
        owed = [(K.SAME_LEVEL, DEPARTMENT_ARTICLE), (K.DEPARTMENT_ABOVE, DEPARTMENT_ARTICLE)]
    else:
        return []
    duties = [Duty(k, K(k).label, due, basis) for k, basis in owed]
    duties.append(
        Duty(K.PUBLICATION, K.PUBLICATION.label, _date(PUBLICATION_DEADLINE, year), PUBLICATION_ARTICLE)
    )
    return duties


def submissions_sentence(organization: Organization, year: int) -> str:
    """The sentence of part five saying where the report goes, from the unit's duties."""
    duties = duties_for(organization, year)
    sent = [d.label.removeprefix("报送") for d in duties if d.kind != K.PUBLICATION]
    parts = []
    if sent:
        parts.append(f"按规定报送{'、'.join(sent)}")
    if any(d.kind == K.PUBLICATION for d in duties):
        parts.append("并通过政府网站向社会公开，接受人民群众监督")
    return ("，".join(parts) or "按规定报送") + "。"


def validate_submission(
    *, organization: Organization, year: int, kind: str, done_on: dt.date, issued_on
) -> None:
    """报送和公开登记

    A submission is recorded for a duty the unit has (第二十二至二十四条), of a report already issued, on a day that
    has happened and not before the report was issued, once per duty."""
    if kind not in {d.kind for d in duties_for(organization, year)}:
        label = K(kind).label if kind in K.values else kind
        raise ValidationError({"kind": f"{organization}不负有“{label}”的义务。"})
    if issued_on is None:
        raise ValidationError(f"{organization}{year}年度报告尚未印发，不能登记报送或公开。")
    validate_date_happened(done_on, "报送（公开）日期", "done_on")
    if done_on < issued_on:
        raise ValidationError({"done_on": f"报送（公开）日期不能早于印发日期{issued_on:%Y-%m-%d}。"})
    if Submission.objects.filter(organization=organization, year=year, kind=kind).exists():
        raise ValidationError({"kind": f"{organization}{year}年度报告已登记“{K(kind).label}”。"})


def validate_statement(kind: str, workstream: str, workstreams: set[str]) -> None:
    """无记录条线说明

    A statement is about a workstream the registry knows and says one of the two things (a platform rule: the
    report may not print zeros for a workstream nobody has said is really zero)."""
    if workstream not in workstreams:
        raise ValidationError({"workstream": f"未知的工作条线：{workstream}。"})
    if kind not in WorkstreamStatement.Kind.values:
        raise ValidationError({"kind": "说明应为“确无此项工作”或“未在平台登记”。"})
