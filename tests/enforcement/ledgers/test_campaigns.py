"""The ledgers of evaluation campaigns and their reviewers: a district's past evaluations come in from files, checked by
the rules of the services (scope, thresholds, a reviewer in office), re-imported unchanged, and refused for a unit."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.core.io import ledgers
from fazhi.core.models import Setting
from fazhi.enforcement.models import EvaluationCampaign, EvaluationItem, EvaluationReviewer
from tests import factories

D = dt.date
CAMPAIGN_HEADER = "评查活动名称,年度,组织单位代码,评查领域,优秀分数线,合格分数线,说明,使用通用评查标准\n"
REVIEWER_HEADER = "评查活动,评查人员,身份证号,人员来源\n"
NAME = "2024年度行政执法案卷评查"


def run(code, text, actor, dry_run=False):
    return ledgers.run_import(code, content=text.encode(), filename="x.csv", actor=actor, dry_run=dry_run)


def errors(result):
    return [str(e) for e in result.errors]


def test_templates_have_the_chinese_headers():
    for code, header in [
        ("enforcement_campaigns", CAMPAIGN_HEADER),
        ("enforcement_reviewers", REVIEWER_HEADER),
    ]:
        sheet = load_workbook(io.BytesIO(ledgers.template_xlsx(code))).active
        assert ",".join(c.value for c in sheet[1]) + "\n" == header


def test_a_campaign_comes_in_with_its_standard_and_thresholds_and_again_changes_nothing(users, district):
    Setting.objects.create(key="enforcement.evaluation_pass_score", value=70)
    text = CAMPAIGN_HEADER + f"{NAME},2024,T-SFJ,食品药品、市场监管,92,,年度评查,是\n"

    first = run("enforcement_campaigns", text, users.justice)
    again = run("enforcement_campaigns", text, users.justice)

    assert first.created == 1, errors(first)
    campaign = EvaluationCampaign.objects.get()
    assert (campaign.year, campaign.organization, campaign.domains) == (
        2024,
        district.sfj,
        ["food_drug", "market"],
    )
    assert (str(campaign.excellent_score), str(campaign.pass_score)) == ("92.0", "70.0")
    assert EvaluationItem.objects.filter(campaign=campaign).count() > 0
    assert (again.total, again.unchanged, again.created) == (1, 1, 0), errors(again)


def test_bad_campaign_rows_are_all_reported_and_nothing_is_written(users, district):
    text = (
        CAMPAIGN_HEADER
        + f"{NAME},2024,T-SFJ,食品药品,50,60,,否\n"
        + "2024年度专项评查,2024,T-NONE,食品药品,,,,否\n"
        + "2024年度第二次评查,2024,T-SFJ,不存在的领域,,,,否\n"
    )

    result = run("enforcement_campaigns", text, users.justice)

    assert errors(result) == [
        "第2行“合格分数线”列：合格分数线应大于0且不高于优秀分数线。",
        "第3行“组织单位代码”列：单位代码“T-NONE”不存在。",
        "第4行“评查领域”列：未知的评查领域：不存在的领域（可选："
        + "食品药品、自然资源、市场监管、生态环境、交通运输、城市管理、住房城乡建设、农业农村、文化旅游、卫生健康、应急管理、其他）。",
    ]
    assert not EvaluationCampaign.objects.exists()


def test_reviewers_come_in_once_each_and_a_retired_person_is_refused(users, district):
    run("enforcement_campaigns", CAMPAIGN_HEADER + f"{NAME},2024,T-SFJ,食品药品,,,,否\n", users.justice)
    prosecutor = factories.person(district.sfj, name="检察官甲")
    retired = factories.person(district.sfj, name="退休乙", is_active=False)
    text = (
        REVIEWER_HEADER
        + f"{NAME},检察官甲,{prosecutor.id_number},检察院\n"
        + f"{NAME},退休乙,{retired.id_number},司法行政机关\n"
    )

    refused = run("enforcement_reviewers", text, users.justice)
    assert errors(refused) == ["第3行“评查人员”列：退休乙已不在职，不能担任评查人员。"]
    assert not EvaluationReviewer.objects.exists()

    ok = REVIEWER_HEADER + f"{NAME},检察官甲,{prosecutor.id_number},检察院\n"
    first = run("enforcement_reviewers", ok, users.justice)
    again = run("enforcement_reviewers", ok, users.justice)
    assert first.created == 1, errors(first)
    assert (again.unchanged, again.created) == (1, 0), errors(again)
    assert EvaluationReviewer.objects.get().affiliation == "procuratorate"

    content = ledgers.export_for(actor=users.justice, ledger="enforcement_reviewers")
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[-1]) for r in rows] == [(NAME, "检察官甲", "检察院")]
    again = ledgers.run_import(
        "enforcement_reviewers", content=content, filename="评查人员.xlsx", actor=users.justice
    )
    assert (again.unchanged, again.created, again.updated) == (1, 0, 0), errors(again)


def test_a_unit_clerk_imports_no_campaign(users, district):
    result = run(
        "enforcement_campaigns", CAMPAIGN_HEADER + f"{NAME},2024,T-SFJ,食品药品,,,,否\n", users.jyj_clerk
    )

    assert errors(result) == ["第2行：您无权为“测试区司法局”新建案卷评查活动。"]
    assert not EvaluationCampaign.objects.exists()


def test_the_export_reads_every_campaign_in_a_fixed_number_of_queries(
    users, district, django_assert_max_num_queries
):
    names = [f"{y}年度行政执法案卷评查" for y in (2022, 2023, 2024)]
    text = CAMPAIGN_HEADER + "".join(
        f"{n},{n[:4]},T-SFJ,食品药品,,,,{'是' if i else '否'}\n" for i, n in enumerate(names)
    )
    assert run("enforcement_campaigns", text, users.justice).created == 3

    with django_assert_max_num_queries(2):  # one per campaign would be 4
        content = ledgers.export_for(actor=users.justice, ledger="enforcement_campaigns")

    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[7]) for r in rows] == [(names[0], "否"), (names[1], "是"), (names[2], "是")]
