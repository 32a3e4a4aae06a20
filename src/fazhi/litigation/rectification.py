"""Lost lawsuits, and the 司法建议 and 检察建议 received about them, open rectification items in oversight's ledger
(registered in fazhi.oversight.links, discovered by oversight's ready())."""

from django.urls import reverse

from fazhi.oversight import links

from .models import Lawsuit, Recommendation

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

# 司法建议 and 检察建议 name problems in the agency's work that it must put right: they open rectification items of the
# kind 其他 (not a lost case, an inspection, an evaluation, a clue or a reconsideration correction).
links.register(
    "litigation.Recommendation",
    kind=links.SourceKind.OTHER,
    unit=lambda r: r.lawsuit.responsible_department,
    description=lambda r: f"{r.kind_label}：{r.issuer}{r.number or ''}（{r.lawsuit.case_number}）",
    url=lambda r: reverse("litigation:detail", args=[r.lawsuit_id]),
    related=("lawsuit", "lawsuit__responsible_department"),
    name=lambda r: r.number,
    find=lambda text: Recommendation.objects.filter(number=text) if text else Recommendation.objects.none(),
    form="司法建议书、检察建议书的文号（如 澄法司建〔2025〕3号）",
)
