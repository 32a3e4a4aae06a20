"""This app's own records that open rectification items: inspection findings (registered in links like every
other workstream's, discovered by ready()), named as a clerk knows them: “检查名称 问题序号”."""

import re

from django.urls import reverse

from . import links
from .models import InspectionFinding

# “2025年度法治督察 问题3”: the inspection's title and the finding's number.
FINDING_NAMED = re.compile(r"^(?P<title>.+?)\s*问题\s*(?P<number>\d+)$")


def find_findings(text: str):
    named = FINDING_NAMED.match(text)
    if not named:
        return []
    return InspectionFinding.objects.select_related("inspection").filter(
        inspection__title=named["title"], number=int(named["number"])
    )


def missing_finding(text: str) -> str:
    named = FINDING_NAMED.match(text)
    if not named:
        return ""
    return f"没有名为“{named['title']}”的检查，或该检查没有问题{named['number']}。"


links.register(
    "oversight.InspectionFinding",
    kind=links.SourceKind.INSPECTION,
    unit=lambda f: f.organization,
    description=lambda f: f"{f.inspection.get_kind_display()}“{f.inspection.title}”问题{f.number}：{f.text}",
    url=lambda f: reverse("oversight:inspection", args=[f.inspection_id]),
    related=("inspection",),
    name=lambda f: f"{f.inspection.title} 问题{f.number}",
    find=find_findings,
    form="检查名称 问题序号（如 2025年度法治督察 问题3）",
    missing=missing_finding,
)
