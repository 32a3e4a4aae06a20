"""Enforcement's records that open rectification items in oversight's ledger: supervision clues and case-file
evaluation problems (registered in fazhi.oversight.links, discovered by oversight's ready())."""

from django.urls import reverse

from fazhi.oversight import links

links.register(
    "enforcement.SupervisionClue",
    kind=links.SourceKind.CLUE,
    unit=lambda c: c.organization,
    description=lambda c: f"{c}：{c.content}",
    url=lambda c: reverse("enforcement:clue", args=[c.pk]),
)
links.register(
    "enforcement.CaseFileProblem",
    kind=links.SourceKind.CASE_FILE,
    unit=lambda p: p.organization,
    description=lambda p: f"案卷评查问题（{p.case_file}）：{p.description}",
    url=lambda p: reverse("evaluation:file", args=[p.case_file_id]),
    related=("case_file",),
)
