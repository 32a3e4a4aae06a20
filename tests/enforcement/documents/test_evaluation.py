"""The evaluation results notice (评查结果通知书): `fazhi evaluation_notice` writes a .docx listing the unit's files with
score, grade, veto hits and problems, and closes with the request to rectify; the page serves the same file."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.documents.evaluation import evaluation_notice
from fazhi.enforcement.models import EvaluationItem
from tests import factories

D = dt.date


@pytest.fixture
def evaluated(users, district, body, certificate, officer):
    """Two files of the team in a campaign with two reviewers: one 91.5 (优秀) with a problem, one vetoed with two."""
    campaign = services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度行政执法案卷评查",
        domains=["food_drug"],
        default_standard=True,
    )
    for name in ("检察官甲", "律师乙"):
        services.add_reviewer(
            actor=users.justice,
            campaign=campaign,
            person=factories.person(district.court, name=name),
            affiliation="procuratorate",
        )
    scored = {i.title: i for i in campaign.items.all()}

    def draw(number, title):
        return services.draw_case_file(
            actor=users.justice,
            campaign=campaign,
            body=body,
            domain="food_drug",
            act_kind="penalty",
            case_number=number,
            title=title,
            decided_on=D(2025, 4, 18),
            officers=[officer],
        )

    first = draw("测市监处罚〔2025〕12号", "某超市经营超过保质期食品案")
    second = draw("测市监处罚〔2025〕3号", "某餐馆未取得许可经营案")
    points = {i.pk: i.max_points for i in campaign.items.filter(kind=EvaluationItem.Kind.SCORED)}
    services.score_case_file(
        actor=users.justice,
        case_file=first,
        points={**points, scored["执法文书制作规范"].pk: Decimal("6.5"), scored["裁量适当、说理充分"].pk: 10},
        scored_on=D(2025, 10, 9),
    )
    services.score_case_file(
        actor=users.justice,
        case_file=second,
        points={**points, scored["事实清楚、证据确实充分"].pk: 15},
        vetoes=[scored["违反法定程序"], scored["执法人员少于两人"]],
        scored_on=D(2025, 10, 9),
    )
    services.record_problem(
        actor=users.justice, case_file=first, category="documents", description="询问笔录未载明询问起止时间"
    )
    services.record_problem(
        actor=users.justice, case_file=second, category="procedure", description="未告知当事人陈述申辩权利"
    )
    services.record_problem(
        actor=users.justice, case_file=second, category="officers", description="现场检查仅一名执法人员"
    )
    return campaign


EXPECTED_PARAGRAPHS = [
    "行政执法案卷评查结果通知书",
    "",
    "测试区市场监管执法大队：",
    "根据“2025年度行政执法案卷评查”工作安排，测试区司法局组织评查人员2名，对你单位2份已办结的行政执法案卷进行了评查。"
    "现将评查结果通知如下：",
    "一、评查结果",
    "其中优秀1卷，合格0卷，不合格1卷。等次按本次评查设定的分数线确定：90分及以上为优秀，60分及以上为合格；"
    "触及否决项的案卷不论得分均为不合格。",
    "二、发现的问题",
    "（一）测市监处罚〔2025〕12号（某超市经营超过保质期食品案）",
    "1. 执法文书制作不规范：询问笔录未载明询问起止时间",
    "（二）测市监处罚〔2025〕3号（某餐馆未取得许可经营案）",
    "1. 执法程序不合法：未告知当事人陈述申辩权利",
    "2. 执法人员资格或人数不符合规定：现场检查仅一名执法人员",
    "三、整改要求",
    "请你单位对照上述3条问题逐项整改，举一反三、完善制度，并将整改情况报测试区司法局。"
    "评查发现的问题已纳入整改台账，逾期未整改的将予以督办。",
    "特此通知。",
    "",
    "测试区司法局",
    "二〇二五年十一月三日",
]
EXPECTED_TABLE = [
    ["序号", "案件编号", "案件名称", "得分", "等次", "触及的否决项"],
    ["1", "测市监处罚〔2025〕12号", "某超市经营超过保质期食品案", "91.5", "优秀", "无"],
    [
        "2",
        "测市监处罚〔2025〕3号",
        "某餐馆未取得许可经营案",
        "90",
        "不合格",
        "执法人员少于两人、违反法定程序",
    ],
]


def read(path_or_bytes):
    doc = Document(io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes)
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paragraphs, tables


def test_command_writes_the_notice_with_each_file_its_score_grade_vetoes_and_problems(
    users, district, evaluated, tmp_path
):
    out = tmp_path / "notice.docx"
    call_command(
        "evaluation_notice",
        campaign=str(evaluated.pk),
        org="T-SCJ-ZD",
        out=str(out),
        date="2025-11-03",
        user="justice",
        stdout=io.StringIO(),
    )
    paragraphs, tables = read(str(out))
    assert paragraphs == EXPECTED_PARAGRAPHS
    assert tables == [EXPECTED_TABLE]
    event = AuditEvent.objects.filter(action="export", model_label="enforcement.evaluationcampaign").get()
    assert event.note == "生成评查结果通知书：测试区市场监管执法大队"


def test_command_refuses_a_unit_without_files_and_unknown_codes(users, district, evaluated, tmp_path):
    out = tmp_path / "n.docx"
    with pytest.raises(CommandError, match="测试区教育局在“2025年度行政执法案卷评查”中没有被抽取评查的案卷"):
        call_command("evaluation_notice", campaign=str(evaluated.pk), org="T-JYJ", out=str(out))
    with pytest.raises(CommandError, match="单位代码“NOPE”不存在"):
        call_command("evaluation_notice", campaign=str(evaluated.pk), org="NOPE", out=str(out))
    assert not out.exists()


def test_notice_waits_until_every_file_of_the_unit_is_scored(users, district, evaluated, body, officer):
    services.draw_case_file(
        actor=users.justice,
        campaign=evaluated,
        body=body,
        domain="food_drug",
        act_kind="licensing",
        case_number="测市监许可〔2025〕7号",
        title="食品经营许可",
        decided_on=D(2025, 6, 2),
        officers=[officer],
    )
    with pytest.raises(Exception, match="尚有案卷未完成评分（测市监许可〔2025〕7号）"):
        evaluation_notice(actor=users.justice, campaign=evaluated, organization=district.team)


def test_another_units_clerk_may_not_produce_the_notice(users, district, evaluated):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="您无权查看测试区市场监管执法大队的评查案卷"):
        evaluation_notice(actor=users.jyj_clerk, campaign=evaluated, organization=district.team)


def test_the_notice_says_problems_are_in_the_rectification_ledger_only_when_they_are(
    users, district, evaluated
):
    from fazhi.oversight.models import RectificationItem

    def closing():
        paragraphs, _ = read(
            evaluation_notice(actor=users.justice, campaign=evaluated, organization=district.team)
        )
        return paragraphs[paragraphs.index("三、整改要求") + 1]

    assert closing().endswith("评查发现的问题已纳入整改台账，逾期未整改的将予以督办。")
    RectificationItem.objects.filter(
        pk__in=list(RectificationItem.objects.order_by("pk").values_list("pk", flat=True)[:1])
    ).delete()
    assert closing().endswith("其中2条问题已纳入整改台账，逾期未整改的将予以督办。")
    RectificationItem.objects.all().delete()
    assert closing() == "请你单位对照上述3条问题逐项整改，举一反三、完善制度，并将整改情况报测试区司法局。"


def test_each_problem_on_its_case_file_page_shows_the_item_the_notice_counts(
    client, users, district, evaluated, team_clerk
):
    from django.urls import reverse

    from fazhi.enforcement.models import CaseFileProblem
    from fazhi.oversight.models import RectificationItem

    def page_statuses(user, case_number):
        client.force_login(user)
        case_file = evaluated.files.get(case_number=case_number)
        html = client.get(reverse("evaluation:file", args=[case_file.pk])).content.decode()
        return [
            "整改"
            if "整改：" in li
            else "尚未"
            if "尚未建立整改事项" in li
            else "建立"
            if "建立整改事项" in li
            else li
            for li in html.split('<li class="problem">')[1:]
        ]

    # every problem the notice says is in the ledger shows its item on the case file page, to the bureau and the unit
    for user in (users.justice, team_clerk):
        assert page_statuses(user, "测市监处罚〔2025〕12号") == ["整改"]
        assert page_statuses(user, "测市监处罚〔2025〕3号") == ["整改", "整改"]
    # without an item, neither says it is: the notice counts the others, the page offers to open one
    first = CaseFileProblem.objects.get(description="询问笔录未载明询问起止时间")
    RectificationItem.objects.filter(source_id=first.pk, source_type__model="casefileproblem").delete()
    paragraphs, _ = read(
        evaluation_notice(actor=users.justice, campaign=evaluated, organization=district.team)
    )
    assert paragraphs[paragraphs.index("三、整改要求") + 1].endswith(
        "其中2条问题已纳入整改台账，逾期未整改的将予以督办。"
    )
    assert page_statuses(users.justice, "测市监处罚〔2025〕12号") == ["建立"]
