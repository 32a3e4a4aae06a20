"""工作台 items of the annual report: last year's report until it is issued (overdue after its deadline, not gone on
1 April), then each submission and the publication it owes until recorded with its date."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import OrganizationKind, Role, User
from fazhi.core.workbench import WorkItem, level_for, provider

from .models import IssuedReport, Submission
from .rules.annual import DEPARTMENT_DEADLINE, DISTRICT_DEADLINE, deadline_for
from .rules.duties import duties_for


@provider
def annual_report_deadline(user: User, on: dt.date) -> list[WorkItem]:
    """The last year's report of the district (for the Justice Bureau) and of the user's own unit: until it is
    issued, one item (overdue once its deadline has passed); once issued, one item for each submission and the
    publication still to be recorded, each by its own date (rules.duties). All done: nothing."""
    if not access.has_role(user, Role.JUSTICE_ADMIN, Role.UNIT_CLERK) or user.organization is None:
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
    done = set(
        Submission.objects.filter(year=year, organization__in=units).values_list("organization_id", "kind")
    )
    items = []
    for org in units:
        if org.pk in issued:
            for duty in duties_for(org, year):
                if (org.pk, duty.kind) in done:
                    continue
                items.append(
                    WorkItem(
                        title=f"{duty.label}：{org.name}{year}年法治政府建设年度报告",
                        category="年度报告",
                        level=level_for(duty.due, on, warn_days=15),
                        due=duty.due,
                        url=reverse("reports:report", args=[org.code, year]) + "#duties",
                        unit=org.name,
                        detail=duty.basis,
                    )
                )
            continue
        due = deadline_for(org, year)
        district = org.kind == OrganizationKind.DISTRICT_GOVERNMENT
        items.append(
            WorkItem(
                title=f"{'公开' if district else '报送'}{org.name}{year}年法治政府建设年度报告",
                category="年度报告",
                level=level_for(due, on, warn_days=15),
                due=due,
                url=reverse("reports:report", args=[org.code, year]) + "#issue",
                unit=org.name,
                detail=(DISTRICT_DEADLINE if district else DEPARTMENT_DEADLINE).basis,
            )
        )
    return items
