"""This app's own records that open rectification items: inspection findings (registered in links like every
other workstream's, discovered by ready())."""

from django.urls import reverse

from . import links

links.register(
    "oversight.InspectionFinding",
    kind=links.SourceKind.INSPECTION,
    unit=lambda f: f.organization,
    description=lambda f: f"{f.inspection.get_kind_display()}“{f.inspection.title}”问题{f.number}：{f.text}",
    url=lambda f: reverse("oversight:inspection", args=[f.inspection_id]),
    related=("inspection",),
)
