"""Case-file evaluation (案卷评查): the standard as data, scoring within each item's maximum, veto items failing a
file whatever its points, grades by the campaign's thresholds, problems scoped to the evaluated unit, and who may
organize and score."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Setting
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import CaseFile, CaseFileProblem, EvaluationItem, ItemScore
from tests import factories

from ..conftest import issue

D = dt.date


@pytest.fixture
def campaign(users, district):
    return services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度行政执法案卷评查",
        domains=["food_drug", "natural_resources"],
        default_standard=True,
    )


@pytest.fixture
def case_file(users, campaign, body, certificate, officer):
    return services.draw_case_file(
        actor=users.justice,
        campaign=campaign,
        body=body,
        domain="food_drug",
        act_kind="penalty",
        case_number="测市监处罚〔2025〕12号",
        title="某超市经营超过保质期食品案",
        decided_on=D(2025, 4, 18),
        officers=[officer],
    )


def full_points(campaign, **overrides) -> dict:
    """Every scored item at its maximum, with `overrides` by title."""
    return {
        i.pk: overrides.get(i.title, i.max_points)
        for i in campaign.items.filter(kind=EvaluationItem.Kind.SCORED)
    }


def test_default_standard_has_eight_veto_items_and_presentation_20_plus_substance_80(campaign):
    items = list(selectors.standard_of(campaign))
    veto = [i for i in items if i.kind == EvaluationItem.Kind.VETO]
    scored = [i for i in items if i.kind == EvaluationItem.Kind.SCORED]
    assert len(veto) == 8
    assert veto[0].title == "执法主体不合法或超越职权"
    assert sum(i.max_points for i in scored if i.group == "卷面评查") == 20
    assert sum(i.max_points for i in scored if i.group == "实体评查") == 80
    assert (campaign.excellent_score, campaign.pass_score) == (Decimal(90), Decimal(60))


def test_default_thresholds_come_from_the_settings(users, district):
    Setting.objects.create(key="enforcement.evaluation_excellent_score", value=85)
    campaign = services.create_campaign(
        actor=users.justice, organization=district.sfj, year=2024, name="评查", domains=["market"]
    )
    assert campaign.excellent_score == Decimal(85)
    assert campaign.items.count() == 0


def test_scored_item_needs_points_and_veto_item_none(users, campaign):
    with pytest.raises(ValidationError, match="评分项须设定大于0的分值"):
        services.add_item(actor=users.justice, campaign=campaign, kind="scored", title="说理")
    with pytest.raises(ValidationError, match="否决项不设分值"):
        services.add_item(actor=users.justice, campaign=campaign, kind="veto", title="超期", max_points=5)


def test_score_is_total_of_items_and_grade_follows_the_thresholds(users, campaign, case_file):
    points = full_points(campaign, **{"执法文书制作规范": Decimal("6.5"), "裁量适当、说理充分": 10})
    services.score_case_file(
        actor=users.justice, case_file=case_file, points=points, scored_on=D(2025, 10, 9)
    )
    case_file.refresh_from_db()
    assert case_file.total_score == Decimal("91.5")
    assert case_file.grade == "excellent"
    assert not case_file.vetoed
    assert case_file.scored_on == D(2025, 10, 9)

    points = full_points(campaign, **{"事实清楚、证据确实充分": 10, "适用法律依据准确": 15})
    services.score_case_file(
        actor=users.justice, case_file=case_file, points=points, scored_on=D(2025, 10, 10)
    )
    case_file.refresh_from_db()
    assert case_file.total_score == Decimal(80)
    assert case_file.grade == "qualified"
    assert ItemScore.objects.filter(case_file=case_file).count() == 7  # rescoring replaces, not adds


def test_a_veto_hit_fails_the_file_whatever_its_points(users, campaign, case_file):
    veto = campaign.items.get(title="违反法定程序")
    services.score_case_file(
        actor=users.justice,
        case_file=case_file,
        points=full_points(campaign),
        vetoes=[veto],
        scored_on=D(2025, 10, 9),
    )
    case_file.refresh_from_db()
    assert case_file.total_score == Decimal(100)
    assert case_file.vetoed
    assert case_file.grade == "unqualified"


def test_points_above_an_items_maximum_are_refused_and_nothing_changes(users, campaign, case_file):
    points = full_points(campaign, 执法文书制作规范=11)
    with pytest.raises(ValidationError, match="执法文书制作规范”的得分应在0至10分之间"):
        services.score_case_file(
            actor=users.justice, case_file=case_file, points=points, scored_on=D(2025, 10, 9)
        )
    case_file.refresh_from_db()
    assert case_file.grade == "" and case_file.total_score is None
    assert not ItemScore.objects.exists()


def test_every_scored_item_needs_points_unless_a_veto_is_hit(users, campaign, case_file):
    points = full_points(campaign)
    missing = campaign.items.get(title="归档及时、目录清晰")
    del points[missing.pk]
    with pytest.raises(ValidationError, match="以下评分项未评分：归档及时、目录清晰"):
        services.score_case_file(
            actor=users.justice, case_file=case_file, points=points, scored_on=D(2025, 10, 9)
        )


def test_campaign_thresholds_are_data_and_changing_them_regrades_scored_files(users, campaign, case_file):
    points = full_points(campaign, **{"事实清楚、证据确实充分": 10})  # 85 points
    services.score_case_file(
        actor=users.justice, case_file=case_file, points=points, scored_on=D(2025, 10, 9)
    )
    case_file.refresh_from_db()
    assert case_file.grade == "qualified"
    services.update_campaign(actor=users.justice, campaign=campaign, excellent_score=Decimal(85))
    case_file.refresh_from_db()
    assert case_file.grade == "excellent"


def test_standard_is_fixed_once_a_file_is_scored(users, campaign, case_file):
    services.score_case_file(
        actor=users.justice, case_file=case_file, points=full_points(campaign), scored_on=D(2025, 10, 9)
    )
    with pytest.raises(ValidationError, match="不能再修改评查标准"):
        services.add_item(actor=users.justice, campaign=campaign, kind="veto", title="超期作出决定")


def test_file_domain_must_be_in_the_campaigns_scope(users, campaign, body, certificate, officer):
    with pytest.raises(ValidationError, match="不在评查活动“2025年度行政执法案卷评查”的评查范围"):
        services.draw_case_file(
            actor=users.justice,
            campaign=campaign,
            body=body,
            domain="transport",
            act_kind="penalty",
            case_number="X-1",
            title="案",
            decided_on=D(2025, 4, 18),
            officers=[officer],
        )


def test_problem_belongs_to_the_evaluated_unit_and_is_listed_by_campaign_and_body(
    users, district, campaign, case_file, body, team_clerk
):
    problem = services.record_problem(
        actor=users.justice, case_file=case_file, category="documents", description="询问笔录未载明起止时间"
    )
    assert problem.organization == district.team and problem.body == body
    assert list(selectors.problems_by_campaign(team_clerk, campaign)) == [problem]
    assert list(selectors.problems_by_body(users.justice, body)) == [problem]
    assert list(selectors.problems_by_campaign(users.jyj_clerk, campaign)) == []
    assert AuditEvent.objects.filter(
        model_label="enforcement.casefileproblem", object_id=str(problem.pk)
    ).exists()


def test_the_evaluated_unit_sees_its_files_but_cannot_score_them_or_record_problems(
    users, campaign, case_file, team_clerk
):
    assert list(selectors.campaigns_for(team_clerk)) == [campaign]
    assert list(selectors.case_files_for(team_clerk)) == [case_file]
    with pytest.raises(PermissionDenied, match="案卷评分由司法局"):
        services.score_case_file(
            actor=team_clerk, case_file=case_file, points=full_points(campaign), scored_on=D(2025, 10, 9)
        )
    with pytest.raises(PermissionDenied):
        services.record_problem(actor=team_clerk, case_file=case_file, category="other", description="x")
    assert not CaseFileProblem.objects.exists()


def test_reviewers_come_from_several_units_once_each(users, district, campaign):
    prosecutor = factories.person(district.court, name="检察官甲")
    services.add_reviewer(
        actor=users.justice, campaign=campaign, person=prosecutor, affiliation="procuratorate"
    )
    with pytest.raises(ValidationError, match="已是本次评查活动的评查人员"):
        services.add_reviewer(actor=users.justice, campaign=campaign, person=prosecutor, affiliation="other")
    assert [str(r) for r in selectors.reviewers_of(campaign)] == ["检察官甲（检察院）"]


def test_file_numbers_are_unique_within_a_campaign(users, campaign, case_file, body):
    second = factories.person(body.organization, name="李执法")
    issue(users.justice, second, body, "64030002")
    with pytest.raises(ValidationError, match="已抽取该案件编号"):
        services.draw_case_file(
            actor=users.justice,
            campaign=campaign,
            body=body,
            domain="food_drug",
            act_kind="penalty",
            case_number=case_file.case_number,
            title="另一案",
            decided_on=D(2025, 5, 1),
            officers=[second],
        )
    assert CaseFile.objects.count() == 1


def test_a_problem_keeps_its_files_campaign_when_an_unscored_file_moves(users, district, campaign, case_file):
    """The problem list sorts and filters by the campaign kept on the problem (issue 19): it is the file's, set when
    the problem is recorded and moved with a file not yet scored; a problem naming another campaign is refused."""
    problem = services.record_problem(
        actor=users.justice, case_file=case_file, category="documents", description="询问笔录未载明起止时间"
    )
    assert problem.campaign == campaign
    other = services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度食品安全执法案卷专项评查",
        domains=["food_drug"],
        default_standard=True,
    )
    services.update_case_file(actor=users.justice, case_file=case_file, campaign=other)
    problem.refresh_from_db()
    assert problem.campaign == other
    assert list(selectors.problems_by_campaign(users.justice, other)) == [problem]
    assert list(selectors.problems_by_campaign(users.justice, campaign)) == []
    problem.campaign = campaign
    with pytest.raises(ValidationError, match="问题的评查活动应与案卷所在的评查活动一致"):
        problem.full_clean()
