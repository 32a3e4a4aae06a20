"""The report drafted from the indicators: figures at their placeholders with the year-on-year phrase, the unit's
edited text used instead of the default, problems drafted from the data, the four parts of the seed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.reports.models import ReportTemplate
from fazhi.reports.rules import spec
from fazhi.reports.selectors import draft as builder
from fazhi.reports.services import annual as services

TEXT = """{org}{year}年法治政府建设年度报告
# 一、主要举措和成效
## （一）法治工作队伍
全区具有法律职业资格人员{core.people.legal_qualified}，{core.people.legal_qualified.change}，上年为{core.people.legal_qualified.previous}。
# 三、存在的问题
{problems}
"""


def test_default_template_has_the_five_parts_of_the_regulation(district):
    headings = [b.text for b in spec.default_blocks() if b.kind == spec.H1]
    assert headings == [
        "一、{year}年推进法治政府建设的主要举措和成效",
        "二、{year}年党政主要负责人履行推进法治建设第一责任人职责情况",
        "三、{year}年推进法治政府建设存在的不足和原因",
        "四、{next_year}年推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ]


def test_default_template_uses_only_registered_codes(district, staff):
    report = builder.build(district.root, 2025)
    assert report.unknown_placeholders == set()
    assert report.title == "测试区人民政府2025年法治政府建设年度报告"
    texts = [b.text for b in report.blocks]
    assert "四、2026年推进法治政府建设的主要安排" in texts
    assert (
        "本报告按规定报送同级党委、同级人大常委会、上一级党委和政府，并通过政府网站向社会公开，接受人民群众监督。"
        in texts
    )
    assert not any("{" in t for t in texts)


def test_figures_and_year_on_year_phrase_are_placed_in_the_text(district, users, staff):
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    report = builder.build(district.root, 2025)
    assert report.title == "测试区人民政府2025年法治政府建设年度报告"
    paragraph = [b.text for b in report.blocks if b.kind == spec.P][0]
    assert paragraph == "全区具有法律职业资格人员5人，同比上升150%，上年为2人。"
    assert [b.kind for b in report.blocks] == [spec.TITLE, spec.H1, spec.H2, spec.P, spec.H1, spec.P]


def test_problems_are_drafted_from_the_data(district, users, staff):
    # 2 of the 5 qualified people work outside the court: 40% is not below 30%, no problem drafted
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    report = builder.build(district.root, 2025)
    assert "core.people.legal_qualified_outside_share" not in [p.code for p in report.problems]
    # a third court member makes it 2 of 6 = 33.3%; a fourth 2 of 7 = 28.6% < 30%
    from tests import factories

    for _ in range(2):
        factories.person(district.court, has_legal_qualification=True, legal_qualification_year=2025)
    report = builder.build(district.root, 2025)
    problem = next(p for p in report.problems if p.code == "core.people.legal_qualified_outside_share")
    assert (
        problem.text == "基层法治工作人员短缺，具有法律职业资格的人员中政法单位以外的仅2人，占28.6%（2/7人）"
    )
    # the cause: the rule's reason and the units below whose own figure fails the same rule, from their records
    assert problem.units == ["测试区人民法院（0%（0/5））"]
    assert report.blocks[-1].text == (
        "一是基层法治工作人员短缺，具有法律职业资格的人员中政法单位以外的仅2人，占28.6%（2/7人）。"
        "原因是法律职业资格人员主要集中在政法单位，党政机关引进和培养不足，主要是测试区人民法院（0%（0/5））。"
    )
    assert problem.plan == "鼓励党政机关工作人员参加法律职业资格考试，充实基层法治工作力量"


def test_a_rule_over_an_unregistered_code_is_skipped(district, staff):
    codes = [r["code"] for r in spec.rules()["problems"]]
    assert "oversight.rectification.overdue" in codes
    report = builder.build(district.root, 2025)
    from fazhi.indicators.registry import REGISTRY

    assert all(p.code in REGISTRY for p in report.problems)


def test_a_department_reports_on_its_own_records(district, users, staff):
    report = builder.build(district.sfj, 2025)
    assert report.results["core.people.legal_qualified"].figure.value == 1
    assert report.title == "测试区司法局2025年法治政府建设年度报告"
    assert any("我单位" in b.text for b in report.blocks)


def test_edited_text_is_audited_and_replaces_the_default(district, users):
    template = services.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    event = AuditEvent.objects.filter(model_label="reports.reporttemplate", object_id=str(template.pk)).get()
    assert event.action == AuditEvent.Action.CREATE
    services.save_template(
        actor=users.justice, organization=district.root, year=2025, text=TEXT + "补充一段。\n"
    )
    assert ReportTemplate.objects.get().text.endswith("补充一段。\n")
    assert AuditEvent.objects.filter(model_label="reports.reporttemplate").count() == 2
    _, source = builder.template_for(district.root, 2025)
    assert source == "测试区人民政府2025年度编辑文本"


def test_a_clerk_may_not_edit_another_units_text_and_a_leader_none(district, users):
    with pytest.raises(PermissionDenied):
        services.save_template(actor=users.jyj_clerk, organization=district.root, year=2025, text=TEXT)
    with pytest.raises(PermissionDenied):
        services.save_template(actor=users.leader, organization=district.root, year=2025, text=TEXT)
    assert not ReportTemplate.objects.exists()


def test_text_without_a_paragraph_is_refused(district, users):
    with pytest.raises(ValidationError, match="至少应有标题和一段正文"):
        services.save_template(
            actor=users.justice, organization=district.root, year=2025, text="标题\n# 一、\n"
        )


def test_text_round_trips_through_the_editable_form():
    blocks = spec.default_blocks()
    again = spec.text_to_blocks(spec.blocks_to_text(blocks))
    assert [(b.kind, b.text) for b in again] == [(b.kind, b.text) for b in blocks]
