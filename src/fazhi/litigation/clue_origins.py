"""Lost lawsuits open supervision clues in enforcement (registered in fazhi.enforcement.origins, discovered by
enforcement's ready()): the clue concerns the responsible department and leads back to the lawsuit's page."""

from django.urls import reverse

from fazhi.enforcement import origins

origins.register(
    "litigation.Lawsuit",
    kind=origins.Source.LITIGATION,
    unit=lambda s: s.responsible_department,
    description=lambda s: f"行政诉讼案件{s.court}{s.case_number}（{s.cause}）",
    url=lambda s: reverse("litigation:detail", args=[s.pk]),
)
