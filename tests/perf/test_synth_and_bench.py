"""fazhi synth and fazhi bench: a small synthetic district satisfies the rules, is reproducible from its seed, and
the benchmark runs over it and reports in the shape of issue 19 (no timing is asserted)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import clock, ids
from fazhi.core.models import Organization, Person
from fazhi.disputes.models import ReconsiderationCase
from fazhi.enforcement.models import CaseFile, ItemScore, SupervisionClue
from fazhi.enforcement.rules.evaluation import evaluation_grade
from fazhi.oversight.models import RectificationItem
from fazhi.perf import bench, synth

pytestmark = pytest.mark.django_db(transaction=False)

FACTOR = "0.05"  # 44 units, 71 people, 200 case files…: the district's tree with a twentieth of its records


def run_synth(*args) -> str:
    out = io.StringIO()
    call_command("synth", "--scale", "district", "--factor", FACTOR, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(autouse=True)
def today():
    clock.freeze(dt.date(2026, 11, 20))


def test_synth_district_writes_every_workstream_within_the_rules():
    out = run_synth("--seed", "3")

    assert "已生成" in out
    assert Organization.objects.filter(path__startswith="/SY/").count() == 44
    assert Person.objects.count() == 44 + 3 + 24
    assert CaseFile.objects.count() == 200
    assert SupervisionClue.objects.count() == 75
    assert ReconsiderationCase.objects.count() == 30
    # every generated model has rows, and a sample of each passes its model's rules (full_clean)
    for label in synth.GENERATED:
        assert apps.get_model(label).objects.exists(), label
    assert synth.validation_errors(sample=15) == {}
    # grades follow the evaluation rule from the stored item scores
    for cf in CaseFile.objects.exclude(grade="")[:20]:
        scores = list(ItemScore.objects.filter(case_file=cf))
        total = sum(s.points or 0 for s in scores)
        vetoed = any(s.veto_hit for s in scores)
        assert (cf.total_score, cf.vetoed) == (total, vetoed)
        assert cf.grade == evaluation_grade(
            total=total,
            vetoed=vetoed,
            excellent_score=cf.campaign.excellent_score,
            pass_score=cf.campaign.pass_score,
        )
    # nothing happened after today, and rectification items point at their unit's findings
    assert not SupervisionClue.objects.filter(received_on__gt="2026-11-20").exists()
    assert not RectificationItem.objects.filter(rectified_on__gt="2026-11-20").exists()
    for item in RectificationItem.objects.filter(source_kind="clue")[:10]:
        assert SupervisionClue.objects.get(pk=item.source_id).organization_id == item.organization_id
    assert all(ids.validate_id_number(n) for n in Person.objects.values_list("id_number", flat=True))


def test_synth_refuses_a_database_it_has_filled():
    run_synth("--seed", "5")

    with pytest.raises(CommandError, match="已有生成的数据"):
        run_synth("--seed", "5")


def test_synth_is_reproducible_from_its_seed():
    def draw(seed):
        gen = synth.Synth(synth.SCALES["district"], seed=seed)
        return [gen.name() for _ in range(50)], [gen.day_in(2025) for _ in range(50)]

    assert draw(4) == draw(4)
    assert draw(4) != draw(5)


def test_bench_quick_reports_in_the_issue_shape(tmp_path):
    run_synth()
    target = tmp_path / "bench.json"
    out = io.StringIO()
    call_command(
        "bench", "--quick", "--client", "--pages", "/oversight/", "--json", str(target),
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip

    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) >= {"database", "scale", "indicators", "pages", "report", "import", "precheck"}
    ind = data["indicators"]
    assert set(ind["all"]) >= {"seconds", "queries", "first_seconds"}
    assert set(ind["county"]) >= {"seconds", "queries", "first_seconds"}
    assert ind["all"]["queries"] > 0 and ind["year"] == 2025
    assert isinstance(ind["per"], list)
    assert data["pages"] and {p["role"] for p in data["pages"]} == {"justice_bureau", "unit"}
    for page in data["pages"]:
        assert set(page) >= {"url", "role", "p50_ms", "p95_ms", "queries"}
        assert page["url"].startswith("/oversight/") and page["status"] == 200
    assert set(data["report"]) >= {"seconds"}
    # the report's second rendering reads the figures its first one stored: fewer statements
    assert data["report"]["queries"] < data["report"]["first_queries"]
    stored = ind["stored"]
    assert stored["all"]["stale"] is False and 0 < stored["county"]["queries"] <= 3
    assert data["import"]["rows"] == 200 and "seconds" in data["import"]
    assert data["precheck"]["characters"] == 30_000 and "ms" in data["precheck"]
    assert "全部指标（2025年）" in out.getvalue()
    # the import was rolled back
    assert not Person.objects.filter(name__startswith="测试人员").exists()


def test_per_indicator_timings_carry_their_floor_and_the_floor_counts_the_same_records():
    run_synth("--seed", "9")
    result = bench.indicators(2025)

    per = {p["code"]: p for p in result["per"]}
    assert per["enforcement.clues.received"]["floor_seconds"] is not None
    checked = [p for p in per.values() if "floor_value" in p]
    assert len(checked) >= 20
    for p in checked:
        assert p["floor_value"] == p["value"], p["code"]
    # every indicator has its family's statement as a floor (issue 19), and a ratio to it
    assert all(p["floor_seconds"] is not None and p["ratio"] is not None for p in per.values())
    assert per["core.people.legal_qualified"]["floor_value"] == per["core.people.legal_qualified"]["value"]


def test_the_filing_rate_floor_computes_the_rate_s_numerator_and_denominator():
    run_synth("--seed", "9")
    from fazhi.indicators.registry import Period, evaluate
    from fazhi.perf import floors

    _seconds, row = floors.run(floors.family_of("review.documents.filing_rate"), Period.year(2025), None)
    figure = evaluate("review.documents.filing_rate", Period.year(2025)).figure

    assert (row["filed_1"], row["required_1"]) == (figure.numerator, figure.denominator)
    assert figure.denominator > 0


def test_the_procedure_completion_floor_computes_the_rate_s_numerator_and_denominator():
    from fazhi.indicators.registry import Period, evaluate
    from fazhi.perf import floors

    run_synth("--seed", "9")
    year = Period.year(2025)
    _seconds, row = floors.run(floors.family_of("decisions.procedures.completion_rate"), year, None)
    figure = evaluate("decisions.procedures.completion_rate", year).figure

    assert (row["complete_1"], row["decided_1"]) == (figure.numerator, figure.denominator)
    assert figure.denominator > 0


def test_import_section_imports_generated_people_and_rolls_back():
    # on a freshly migrated database (no unit, no user) it creates what it needs
    result = bench.run_import(20, seed=7)

    assert result["ok"] and result["rows"] == 20
    assert "共20行：已新增20条" in result["summary"]
    assert not Person.objects.exists()


def test_import_section_keeps_what_it_imports_when_asked():
    result = bench.run_import(30, seed=7, keep=True)

    assert result["ok"]
    assert Person.objects.filter(organization__code="BENCH").count() == 30
    assert all(ids.validate_id_number(n) for n in Person.objects.values_list("id_number", flat=True))


def test_bench_only_runs_the_parts_it_names_and_leaves_the_others_null(tmp_path):
    run_synth()
    target = tmp_path / "bench.json"
    out = io.StringIO()
    call_command(
        "bench", "--only", "import, precheck", "--rows", "20", "--json", str(target),
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip

    data = json.loads(target.read_text(encoding="utf-8"))
    # the issue's keys are all there; the parts not run are null
    assert list(data)[3:] == ["indicators", "pages", "report", "import", "precheck"]
    assert data["indicators"] is None and data["pages"] is None and data["report"] is None
    assert "pages_via" not in data
    assert data["import"]["rows"] == 20 and data["import"]["ok"]
    assert data["precheck"]["characters"] == 30_000
    assert "导入20行" in out.getvalue() and "未测：指标、页面、县级报告（--only）" in out.getvalue()
    assert "全部指标" not in out.getvalue()
    assert not Person.objects.filter(name__startswith="测试人员").exists()


def test_bench_only_pages_measures_the_pages_alone(tmp_path):
    run_synth()
    target = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "pages", "--client", "--repeat", "1", "--pages", "/oversight/", "--json", str(target),
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip

    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["pages"] and all(p["url"].startswith("/oversight/") for p in data["pages"])
    assert data["pages_via"] == "test client"
    assert [k for k in ("indicators", "report", "import", "precheck") if data[k] is not None] == []


@pytest.mark.parametrize(
    ("only", "message"),
    [
        ("pages,charts", "--only 中有未知的部分“charts”"),
        ("Import", "--only 中有未知的部分“Import”"),
        (" , ", "--only 未指定要测量的部分"),
    ],
)
def test_bench_only_refuses_an_unknown_part_in_chinese_and_measures_nothing(tmp_path, only, message):
    target = tmp_path / "bench.json"
    with pytest.raises(CommandError, match=message) as refused:
        call_command(
            "bench", "--only", only, "--json", str(target), stdout=io.StringIO(), stderr=io.StringIO()
        )

    assert (
        "可选：indicators（指标）、pages（页面）、report（县级报告）、import（导入）、precheck（合法性预审）"
        in str(refused.value)
    )
    assert not target.exists()
