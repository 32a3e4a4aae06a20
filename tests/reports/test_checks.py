"""Consistency checks before issuing, each with what it found; planted inconsistencies are caught and refuse
issuing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.reports.models import IssuedReport
from fazhi.reports.rules import checks
from fazhi.reports.selectors import draft as builder
from fazhi.reports.services import annual as services

TEXT = """{org}{year}年法治政府建设年度报告
# 一、主要举措和成效
全年测试审查文件{zz_test.reviewed}，收到{zz_test.received}。
"""


def _check(report, name):
    return next(c for c in report.checks if c.name == name)


def test_identity_holds_and_is_listed_with_its_figures(district, planted):
    report = builder.build(district.root, 2025, template=[])
    check = _check(report, "测试：办结 + 结转 = 收到")
    assert check.status == checks.OK
    assert check.found == "测试closed7件 + 测试carried_over3件 = 10；测试received10件 = 10。"


def test_planted_identity_break_is_caught(district, planted):
    planted["carried_over"] = 2
    report = builder.build(district.root, 2025, template=[])
    check = _check(report, "测试：办结 + 结转 = 收到")
    assert check.status == checks.ERROR
    assert "两边不相等" in check.found and "= 9；" in check.found


def test_identity_over_an_unregistered_code_is_an_error_not_skipped(district, planted):
    report = builder.build(district.root, 2025, template=[])
    check = _check(report, "测试：缺少的指标")
    assert check.status == checks.ERROR
    assert "zz_absent.closed" in check.found


def test_rates_are_listed_with_numerator_and_denominator(district, planted):
    report = builder.build(district.root, 2025, template=[])
    check = _check(report, "各项比率在0–100%之间")
    assert check.status == checks.OK
    assert "测试办结率：90%（分子9 / 分母10）" in check.items


def test_planted_rate_above_100_percent_is_caught(district, planted):
    planted["rate"] = (12, 10)
    report = builder.build(district.root, 2025, template=[])
    check = _check(report, "各项比率在0–100%之间")
    assert check.status == checks.ERROR
    assert "测试办结率：120%（分子12 / 分母10），超出0–100%" in check.items


def test_number_typed_in_the_narrative_that_contradicts_the_figure_is_caught(district, planted, users):
    text = TEXT + "司法局坚持三级审核机制，全年测试审查文件 12 件，审查质量进一步提升。\n"
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=text)
    report = builder.build(district.root, 2025)
    check = _check(report, "正文手写数字与计算值一致")
    assert check.status == checks.ERROR
    assert check.items == ["“测试审查文件 12 件”：正文写12，测试审查文件的计算值为15件（zz_test.reviewed）"]
    # the placeholder itself is filled with the computed figure
    assert "全年测试审查文件15件，收到10件。" in [b.text for b in report.blocks]


def test_a_typed_number_equal_to_the_figure_is_only_a_hint(district, planted, users):
    services.save_template(
        actor=users.justice, organization=district.root, year=2025, text=TEXT + "测试审查文件15件。\n"
    )
    check = _check(builder.build(district.root, 2025), "正文手写数字与计算值一致")
    assert check.status == checks.WARNING
    assert check.items[0].endswith("建议改为占位符")


def test_figure_with_incomplete_records_is_reported(district, planted, staff):
    report = builder.build(district.root, 2025, template=[])
    assert _check(report, "指标所依据的记录完整").status == checks.OK
    planted["incomplete"] = True
    report = builder.build(district.root, 2025, template=[])
    check = _check(report, "指标所依据的记录完整")
    assert check.status == checks.ERROR
    assert check.items[0].startswith("测试审查文件（zz_test.reviewed）：")
    assert "条记录缺少审查日期，如：" in check.items[0]


def test_unknown_placeholder_is_marked_and_listed(district, users):
    services.save_template(
        actor=users.justice,
        organization=district.root,
        year=2025,
        text="标题\n共{nosuch.code}，{nosuch.code.change}。\n",
    )
    report = builder.build(district.root, 2025)
    assert report.blocks[1].text == "共【未登记指标：nosuch.code】，【未登记指标：nosuch.code.change】。"
    check = _check(report, "正文占位符均为已登记指标")
    assert check.status == checks.ERROR
    assert check.items == ["{nosuch.code}", "{nosuch.code.change}"]


def test_issuing_is_refused_while_a_check_finds_an_inconsistency(district, planted, users):
    planted["closed"] = 5
    with pytest.raises(ValidationError) as exc:
        services.issue_report(
            actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 1)
        )
    assert "印发前检查未通过：测试：办结 + 结转 = 收到" in exc.value.messages[0]
    assert not IssuedReport.objects.exists()


def test_decisions_missing_a_step_date_are_found_by_the_declared_finder():
    from fazhi.indicators.registry import INCOMPLETE

    finder, note = INCOMPLETE["decisions.procedures.completion_rate"]
    assert note == "缺少程序步骤的开始或完成日期"
