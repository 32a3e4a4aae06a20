"""Wording of the drafted report: zeros said plainly, no 上年为0, 办结 not 审结, rates with their parts, a sum of
categories above its total flagged with both numbers, a workstream without records asks for a statement."""

from __future__ import annotations

from fazhi.reports.models import WorkstreamStatement
from fazhi.reports.rules import checks
from fazhi.reports.selectors import draft as builder
from fazhi.reports.services import annual as services
from fazhi.reports.services import duties


def _check(report, name):
    return next(c for c in report.checks if c.name == name)


def _draft(district, users, text):
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=text)
    return builder.build(district.root, 2025)


def test_a_sentence_of_zeros_is_said_plainly_without_praise(district, users, planted):
    planted.update(received=0, closed=0)
    report = _draft(
        district,
        users,
        "标题\n收到{zz_test.received}，办结{zz_test.closed}，成效显著。审查{zz_test.reviewed}。\n",
    )
    assert report.blocks[1].text == "全年测试received、测试closed均为0。审查15件。"
    assert _check(report, "零值不作褒扬表述").status == checks.OK


def test_typed_praise_after_zero_is_an_error(district, users, planted):
    report = _draft(district, users, "标题\n清理文件0件，法治化营商环境持续优化。\n")
    check = _check(report, "零值不作褒扬表述")
    assert check.status == checks.ERROR
    assert check.items == ["“清理文件0件，法治化营商环境持续优化。”：0之后有褒扬表述“持续优化”"]


def test_sheng_jie_next_to_closed_reconsideration_cases_is_an_error(district, users, staff):
    report = _draft(district, users, "标题\n审结{disputes.reconsideration.closed}。\n")
    check = _check(report, "禁用表述")
    assert check.status == checks.ERROR
    assert "“审结”用于办结行政复议案件（disputes.reconsideration.closed），应为“办结”" in check.items[0]


def test_a_typed_rate_without_parts_is_an_error_and_placeholders_print_parts(district, users, planted):
    report = _draft(district, users, "标题\n办结率{zz_test.rate}，考试合格率90%。\n")
    assert report.blocks[1].text == "办结率90%（9/10），考试合格率90%。"
    check = _check(report, "比率列明分子分母")
    assert check.status == checks.ERROR
    assert check.items == ["“结率§，考试合格率90%”：比率90%未列分子、分母"]


def test_categories_summing_above_the_total_are_flagged_with_both_numbers(district, users, planted):
    report = _draft(district, users, "标题\n收到{zz_test.received}，其中当面申请6件、邮寄申请7件。\n")
    check = _check(report, "分项之和不超过总数")
    assert check.status == checks.ERROR
    assert check.items[0].endswith("总数10件，分项之和13件")


def test_a_workstream_without_records_is_an_error_until_the_office_states_it(district, users, staff):
    report = builder.build(district.root, 2025)
    check = _check(report, "无记录条线须说明")
    assert check.status == checks.ERROR
    assert "行政复议：本年度全部指标为0，尚未说明" in check.items
    assert "core" not in report.empty_workstreams  # the legal staff exist
    for workstream in report.empty_workstreams:
        duties.state_workstream(
            actor=users.justice,
            organization=district.root,
            year=2025,
            workstream=workstream,
            kind=WorkstreamStatement.Kind.NO_RECORDS if workstream == "disputes" else "really_zero",
        )
    report = builder.build(district.root, 2025)
    assert _check(report, "无记录条线须说明").status == checks.OK
    text = "".join(b.text for b in report.blocks)
    assert "收到行政复议申请0件" not in text
    assert "全年收到行政复议申请（本年度无平台记录）" in text


def test_no_shang_nian_wei_ling_phrase_in_a_first_year_figure(district, users, staff):
    report = _draft(
        district,
        users,
        "标题\n具有法律职业资格人员{core.people.legal_qualified}，{core.people.legal_qualified.change}。\n",
    )
    assert report.blocks[1].text == "具有法律职业资格人员5人，同比上升150%。"
    assert _check(report, "禁用表述").status == checks.OK


def test_the_loss_rate_is_checked_against_the_judgments_in_force_not_every_judgment_given(district, users):
    # given a lawsuit lost in first instance in 2025 whose judgment is not yet in force (审结 1, 生效 0)
    import datetime as dt

    from fazhi.litigation import services as litigation

    from ...factories import person
    from ...litigation.conftest import judge, lawsuit_fields

    lawsuit = litigation.register_lawsuit(
        actor=users.reconsideration,
        **lawsuit_fields(district, filed_on=dt.date(2025, 2, 24), served_on=dt.date(2025, 3, 3)),
    )
    head = person(district.jyj, name="许局长", position="局长", is_principal_leader=True)
    judge(
        users.reconsideration,
        lawsuit,
        head,
        "perform",
        hearing_on=dt.date(2025, 5, 12),
        judged_on=dt.date(2025, 6, 2),
    )

    # then the rate's parts agree with the figures it is made of: its denominator is the judgments in force
    check = _check(builder.build(district.root, 2025), "比率与其分子分母指标一致")
    assert check.status == checks.OK, check.items
    assert "行政诉讼败诉率的分母0，裁判生效的行政应诉案件0" in check.items
