"""工作台 items of the annual report: in the first quarter, the last year's report that is still to be issued."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import OrganizationKind, Role, User
from fazhi.core.workbench import WorkItem, level_for, provider

from .models import IssuedReport
from .rules.annual import DEPARTMENT_DEADLINE, DISTRICT_DEADLINE, deadline_for


@provider
def annual_report_deadline(user: User, on: dt.date) -> list[WorkItem]:
    """In January to March: the last year's report of the district (for the Justice Bureau) and of the user's own
    unit, until it is issued."""
    if (
        on.month > 3
        or not access.has_role(user, Role.JUSTICE_ADMIN, Role.UNIT_CLERK)
        or user.organization is None
    ):
        return []
    year = on.year - 1
    units = [user.organization]
    if access.has_role(user, Role.JUSTICE_ADMIN):
        root = access.district_units(user).filter(code=user.organization.root_code).first()
        if root is not None and root != user.organization:
            units.insert(0, root)
    issued = set(
        IssuedReport.objects.filter(year=year, organization__in=units).values_list(
            "organization_id", flat=True
        )
    )
    items = []
    for org in units:
        if org.pk in issued:
            continue
        due = deadline_for(org, year)
        district = org.kind == OrganizationKind.DISTRICT_GOVERNMENT
        items.append(
            WorkItem(
                title=f"{'公开' if district else '报送'}{org.name}{year}年法治政府建设年度报告",
                category="年度报告",
                level=level_for(due, on, warn_days=15),
                due=due,
                url=reverse("reports:report", args=[org.code, year]),
                unit=org.name,
                detail=(DISTRICT_DEADLINE if district else DEPARTMENT_DEADLINE).basis,
            )
        )
    return items
