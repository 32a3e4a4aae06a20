"""Rules of the annual report: which years a report may be about, when a report may be dated as issued, and the
local deadlines of publication (settings an administrator edits)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import clock, config
from fazhi.core.models import Organization, OrganizationKind
from fazhi.core.rules import validate_date_happened

FIRST_YEAR = 2000

BASIS = (
    "《法治政府建设与责任落实督察工作规定》：年度法治政府建设情况报告于每年第一季度报告，4月1日之前向社会公开"
)

DISTRICT_DEADLINE = config.define(
    "reports.deadline.district",
    name="区（县）政府年度报告公开期限（月-日）",
    default="04-01",
    help="区（县）人民政府向社会公开上一年度法治政府建设情况报告的截止日，格式 MM-DD。",
    basis=BASIS,
)
DEPARTMENT_DEADLINE = config.define(
    "reports.deadline.department",
    name="政府部门年度报告报送期限（月-日）",
    default="03-01",
    help="政府部门向本级党委和政府报告上一年度法治政府建设情况的截止日，格式 MM-DD。",
    basis="部门先于本级政府报告，以便政府汇总（本地做法，可按当地要求调整）",
)


def validate_year(year: int) -> None:
    """报告年度

    A report is about a year that has begun: its figures are counted from that year's records (no statutory
    article; the platform keeps records from 2000 on)."""
    if not FIRST_YEAR <= year <= clock.today().year:
        raise ValidationError({"year": f"年度应在{FIRST_YEAR}年至今年之间，收到：{year}。"})


def validate_issued_on(issued_on: dt.date, year: int) -> None:
    """印发日期

    A year's report is issued after that year has ended (《法治政府建设与责任落实督察工作规定》：年度法治政府建设情况
    报告于每年第一季度报告), and issuing is an event that has happened: it is not dated after today."""
    if issued_on.year <= year:
        raise ValidationError({"issued_on": f"{year}年度报告应在该年度结束后印发。"})
    validate_date_happened(issued_on, "印发日期", "issued_on")


def is_city(organization: Organization) -> bool:
    """市级单位

    A unit with district governments directly below it is the government of a city (an installation holding
    several districts): it is one of the 地方各级政府 of 第二十三条 and its report covers all of its districts."""
    return Organization.objects.filter(
        parent=organization, kind=OrganizationKind.DISTRICT_GOVERNMENT
    ).exists()


def deadline_for(organization: Organization, report_year: int) -> dt.date:
    """年度报告期限

    The day by which the unit's report of `report_year` is due: the district government publishes it, a
    department reports it (settings DISTRICT_DEADLINE and DEPARTMENT_DEADLINE, 《法治政府建设与责任落实督察工作规定》)."""
    district = organization.kind == OrganizationKind.DISTRICT_GOVERNMENT or is_city(organization)
    month, day = (
        int(x)
        for x in str(config.get((DISTRICT_DEADLINE if district else DEPARTMENT_DEADLINE).key)).split("-")
    )
    return dt.date(report_year + 1, month, day)
