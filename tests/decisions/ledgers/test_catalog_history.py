"""A catalog that was approved and published before the platform comes in from files: its items through
决策事项目录, then its approval and publication through 决策事项目录审定公布, by the rules of the page's
transitions (items present, dates happened and in order, a channel), so the consecutive-years figure counts it."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.decisions.models import DecisionCatalog
from fazhi.indicators.registry import Period, evaluate

D = dt.date
ITEMS = "年度,决策机关代码,决策事项,承办单位代码,计划完成时间,计划完成日期,序号\n"
CATALOGS = "年度,决策机关代码,目录名称,审定日期,审定会议,公布日期,公布渠道\n"


def run(code, text, actor):
    return ledgers.run_import(code, content=text.encode(), filename="x.csv", actor=actor, dry_run=False)


def errors(result):
    return [str(e) for e in result.errors]


def items(*years):
    return ITEMS + "".join(f"{y},T,中小学布局调整{y},T-JYJ,{y}年第三季度,{y}-09-30,1\n" for y in years)


def test_published_history_counts_and_imports_back_unchanged(district, users):
    clock.freeze(D(2026, 3, 1))
    assert run("decision_catalog_items", items(2024, 2025), users.justice).created == 2
    text = (
        CATALOGS
        + ",".join(["2024", "T", "", "2024-02-20", "区政府第3次常务会议", "2024-02-28", "区政府门户网站"])
        + "\n"
        + ",".join(["2025", "T", "", "2025-02-18", "区政府第41次常务会议", "2025-02-26", "区政府门户网站"])
        + "\n"
    )

    first = run("decision_catalogs", text, users.justice)
    again = run("decision_catalogs", text, users.justice)

    assert (first.updated, first.unchanged) == (2, 0), errors(first)
    assert (again.updated, again.unchanged) == (0, 2), errors(again)
    catalog = DecisionCatalog.objects.get(year=2024)
    assert (catalog.status, catalog.approved_on, catalog.published_on, catalog.publication_channel) == (
        "published",
        D(2024, 2, 20),
        D(2024, 2, 28),
        "区政府门户网站",
    )
    assert evaluate("decisions.catalog.consecutive_years", Period.year(2025)).figure.value == 2


def test_history_is_checked_by_the_rules_of_the_transitions(district, users):
    clock.freeze(D(2026, 3, 1))
    run("decision_catalog_items", items(2024, 2025, 2026), users.justice)
    text = (
        CATALOGS
        + "2024,T,,2024-02-20,,2024-02-10,区政府门户网站\n"
        + "2025,T,,2025-02-18,,2025-02-26,\n"
        + "2023,T,,2023-02-18,,2023-02-26,区政府门户网站\n"
        + "2026,T,,,,2026-02-26,区政府门户网站\n"
    )

    result = run("decision_catalogs", text, users.justice)

    assert errors(result) == [
        "第2行“公布日期”列：公布日期不能早于审定日期。",
        "第3行“公布渠道”列：请填写公布渠道，如区政府门户网站。",
        "第4行“决策机关代码”列：单位“T”没有2023年的决策事项目录，请先导入该目录的事项。",
        "第5行“审定日期”列：目录须先审定后公布：请填写审定日期。",
    ]
    assert set(DecisionCatalog.objects.values_list("status", flat=True)) == {"draft"}


def test_a_published_catalog_is_not_changed_by_import_and_a_clerk_cannot_publish(district, users):
    clock.freeze(D(2026, 3, 1))
    run("decision_catalog_items", items(2024), users.justice)
    run("decision_catalogs", CATALOGS + "2024,T,,2024-02-20,,2024-02-28,区政府门户网站\n", users.justice)

    moved = run(
        "decision_catalogs", CATALOGS + "2024,T,,2024-02-20,,2024-03-05,区政府门户网站\n", users.justice
    )
    assert errors(moved) == [
        "第2行“审定日期”列：目录“测试区人民政府2024年度重大行政决策事项目录”已公布，审定和公布的记录不能通过导入修改。"
    ]
    run("decision_catalog_items", items(2025), users.justice)
    clerk = run("decision_catalogs", CATALOGS + "2025,T,,2025-02-18,,,\n", users.jyj_clerk)
    assert not clerk.imported
    assert DecisionCatalog.objects.get(year=2025).status == "draft"
