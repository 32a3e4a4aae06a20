"""Lost lawsuits open rectification items in oversight's ledger (registered in fazhi.oversight.links, discovered by
oversight's ready())."""

from django.urls import reverse

from fazhi.oversight import links

from .models import Lawsuit

links.register(
    "litigation.Lawsuit",
    kind=links.SourceKind.LITIGATION,
    unit=lambda s: s.responsible_department,
    description=lambda s: f"行政诉讼败诉：{s.case_number}（{s.cause}）",
    url=lambda s: reverse("litigation:detail", args=[s.pk]),
    refusal=lambda s: "" if s.lost else "只有败诉的行政诉讼案件才建立整改事项。",
    name=lambda s: s.case_number,
    find=lambda text: Lawsuit.objects.filter(case_number=text),
    form="案号（如（2025）宁0303行初12号）",
)
