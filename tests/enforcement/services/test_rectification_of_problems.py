"""A case-file evaluation problem goes to the rectification ledger of oversight/ by reference, never as a copy: the
problem's item is opened when the problem is recorded, appears once on the case file page and once in the ledger, a
second item for the same problem is refused, and the share of problems rectified is computed from the items' states."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.enforcement import services
from fazhi.indicators.registry import Period, evaluate
from fazhi.oversight import services as oversight
from fazhi.oversight.models import RectificationItem, SourceKind

from .test_evaluation import campaign, case_file  # noqa: F401  (fixtures)

D = dt.date
pytestmark = pytest.mark.django_db


def test_a_problem_goes_to_the_ledger_once_shown_in_both_places_and_counts_as_rectified(
    client,
    users,
    district,
    case_file,  # noqa: F811
    team_clerk,
):
    problem = services.record_problem(
        actor=users.justice,
        case_file=case_file,
        category="evidence",
        description="未附检验报告原件",
        found_on=D(2025, 6, 2),
    )
    other = services.record_problem(
        actor=users.justice, case_file=case_file, category="procedure", description="告知书未载明陈述申辩期限"
    )
    item = oversight.item_of(problem)
    assert (item.source, item.source_kind, item.organization) == (
        problem,
        SourceKind.CASE_FILE,
        district.team,
    )
    assert (item.opened_on, item.deadline) == (
        D(2025, 6, 2),
        D(2025, 9, 2),
    )  # three months, the default period
    with pytest.raises(ValidationError, match="不能重复建立"):
        oversight.open_item(actor=users.justice, source=problem, opened_on=D(2025, 6, 3))
    assert RectificationItem.objects.count() == 2  # one for each problem, none copied

    client.force_login(users.justice)
    file_page = client.get(f"/enforcement/evaluation/files/{case_file.pk}/").content.decode()
    assert file_page.count(f"/oversight/items/{item.pk}/") == 1
    assert "建立整改事项" not in file_page
    ledger = client.get("/oversight/").content.decode()
    assert ledger.count(f"/oversight/items/{item.pk}/") == 1
    assert "未附检验报告原件" in client.get(f"/oversight/items/{item.pk}/").content.decode()

    rate = evaluate("enforcement.evaluation.problems_rectified_rate", Period.year(2025)).figure
    assert (rate.numerator, rate.denominator) == (0, 2)
    evidence = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4", content_type="application/pdf")
    oversight.rectify(
        actor=team_clerk,
        item=item,
        rectification="补充检验报告原件",
        rectified_on=D(2025, 7, 1),
        files=[evidence],
    )
    rate = evaluate("enforcement.evaluation.problems_rectified_rate", Period.year(2025)).figure
    assert (rate.numerator, rate.denominator, str(rate.value)) == (1, 2, "50.0")
    assert list(rate.numerator_records) == [problem]
    assert other in rate.denominator_records
