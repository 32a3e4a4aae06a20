"""The rules of case-file evaluation (案卷评查): the grade thresholds (local settings), how a file is graded, who
evaluates, and what a campaign, an item of its standard, a file drawn, a score and a problem must be. There is no
national standard: the scheme is the common one of domain/statutes.md."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.exceptions import ValidationError

from fazhi.core import config
from fazhi.core.rules import validate_date_happened, validate_happened

from .certificates import is_certificate_authority

EVALUATION_EXCELLENT_SCORE = config.define(
    "enforcement.evaluation_excellent_score",
    name="案卷评查“优秀”等次分数线",
    default=90,
    help="新建评查活动时“优秀”等次的默认分数线（总分达到此分且未触及否决项为优秀），各活动可另行设定。",
    basis="案卷评查无全国统一标准，等次分数线为本地做法，可按本地区评查办法调整（需本地核对）。",
)
EVALUATION_PASS_SCORE = config.define(
    "enforcement.evaluation_pass_score",
    name="案卷评查“合格”等次分数线",
    default=60,
    help="新建评查活动时“合格”等次的默认分数线（总分达到此分且未触及否决项为合格），各活动可另行设定。",
    basis="案卷评查无全国统一标准，等次分数线为本地做法，可按本地区评查办法调整（需本地核对）。",
)

BASIS_EVALUATION = (
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）；案卷评查标准为本地做法"
)

GRADE_EXCELLENT = "excellent"
GRADE_QUALIFIED = "qualified"
GRADE_UNQUALIFIED = "unqualified"
VETO = "veto"  # EvaluationItem.Kind.VETO
SCORED = "scored"  # EvaluationItem.Kind.SCORED


def _number(value) -> str:
    """10.0 → 10, 6.5 → 6.5."""
    return f"{value.normalize():f}"


def may_evaluate(user) -> bool:
    """组织评查、抽取案卷、评分和登记问题由司法局（执法监督机构）办理，被评查单位不能自评。

    《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）：
    “司法行政部门要加强对三项制度推行情况的监督检查。”"""
    return is_certificate_authority(None, user)


def evaluation_grade(*, total, vetoed: bool, excellent_score, pass_score) -> str:
    """案卷评查等次：触及任一否决项的不合格；否则按活动的优秀、合格分数线定等次。

    案卷评查无全国统一标准（domain/statutes.md）；分数线为本地做法，由各评查活动设定。"""
    if vetoed:
        return GRADE_UNQUALIFIED
    if total >= excellent_score:
        return GRADE_EXCELLENT
    if total >= pass_score:
        return GRADE_QUALIFIED
    return GRADE_UNQUALIFIED


def validate_campaign(campaign, domain_values, domain_labels) -> None:
    """评查活动：至少一个评查领域且不重复、四位年份、0 < 合格分数线 ≤ 优秀分数线。

    案卷评查无全国统一标准（domain/statutes.md），分数线为本地做法。"""
    errors = {}
    domains = campaign.domains if isinstance(campaign.domains, list) else None
    if not domains:
        errors["domains"] = "评查活动须至少选择一个评查领域。"
    else:
        unknown = [str(d) for d in domains if d not in domain_values]
        if unknown:
            errors["domains"] = f"未知的评查领域：{'、'.join(unknown)}。"
        elif len(set(domains)) != len(domains):
            errors["domains"] = "评查领域重复。"
    if campaign.year is not None and not (2000 <= campaign.year <= 2100):
        errors["year"] = "年度应为四位年份。"
    if campaign.pass_score is not None and campaign.excellent_score is not None:
        if not (0 < campaign.pass_score <= campaign.excellent_score):
            errors["pass_score"] = "合格分数线应大于0且不高于优秀分数线。"  # noqa: S105  (a score threshold, not a password)
    if errors:
        raise ValidationError(errors)


def validate_reviewer(person) -> None:
    """评查人员须在职：已不在职的人员不能担任评查人员。

    案卷评查无全国统一规定（domain/statutes.md），评查人员的条件为本地做法。"""
    if not person.is_active:
        raise ValidationError({"person": f"{person}已不在职，不能担任评查人员。"})


def validate_item(item) -> None:
    """评查标准项目：评分项须有大于0的分值；否决项不设分值，触及即不合格。

    案卷评查无全国统一标准（domain/statutes.md）。"""
    if item.kind == SCORED and (item.max_points is None or item.max_points <= 0):
        raise ValidationError({"max_points": "评分项须设定大于0的分值。"})
    if item.kind == VETO and item.max_points is not None:
        raise ValidationError({"max_points": "否决项不设分值：触及即判定案卷不合格。"})


def validate_standard_open(campaign) -> None:
    """评查标准在首个案卷评分后固定：已有案卷评分的，不能再增加、修改或删除评查项目（否则已评的总分和等次与标准不符）。

    案卷评查无全国统一标准（domain/statutes.md）；标准在评分开始后不变为本地做法。"""
    if campaign.files.filter(scored_on__isnull=False).exists():
        raise ValidationError("本次评查已有案卷评分，不能再修改评查标准。")


def validate_item_removable(item) -> None:
    """已用于案卷评分的评查项目不能删除：评分记录引用该项目，删除将使案卷的总分和等次失去依据。

    案卷评查无全国统一标准（domain/statutes.md）；评分须有据可查（国办发〔2018〕118号：执法全过程记录）。"""
    scores = apps.get_model("enforcement", "ItemScore").objects
    if scores.filter(item_id=item.pk).exists():
        raise ValidationError(f"评查项目“{item.title}”已用于案卷评分，不能删除。")
    validate_standard_open(item.campaign)


def validate_case_file_change(case_file, fields) -> None:
    """更正评查案卷：已评分的案卷不能改到其他评查活动；已登记问题的案卷不能改换执法主体（问题已归入原执法主体所在单位，
    validate_problem）。

    案卷评查为本地做法（domain/statutes.md）。"""
    if "campaign" in fields and fields["campaign"] != case_file.campaign and case_file.scores.exists():
        raise ValidationError({"campaign": "已评分的案卷不能改到其他评查活动。"})
    if "body" in fields and fields["body"] != case_file.body and case_file.problems.exists():
        raise ValidationError(
            {"body": "已登记问题的案卷不能改换执法主体：问题已归入原执法主体所在单位，请先更正或删除问题。"}
        )


def validate_case_file(case_file) -> None:
    """抽取评查的案卷：执法领域在活动的评查范围内；已办结（决定日期不晚于评查年度、不晚于今天）；评分日期不晚于今天。

    《中华人民共和国行政处罚法》第四十二条：“行政处罚应当由具有行政执法资格的执法人员实施。”评查范围为本地做法。"""
    errors = {}
    campaign = case_file.campaign if case_file.campaign_id else None
    if campaign is not None:
        if case_file.domain and case_file.domain not in (campaign.domains or []):
            errors["domain"] = (
                f"执法领域“{case_file.get_domain_display()}”不在评查活动“{campaign}”的评查范围"
                f"（{'、'.join(campaign.domain_labels)}）内。"
            )
        if case_file.decided_on and case_file.decided_on.year > campaign.year:
            errors["decided_on"] = f"抽取评查的应为已办结案卷：决定日期不能晚于{campaign.year}年。"
    if errors:
        raise ValidationError(errors)
    validate_happened(case_file, "decided_on", "scored_on")


def validate_scored_on(scored_on: dt.date | None) -> None:
    """评分日期须填写，且不晚于今天（评分是已发生的事项）。

    案卷评查为本地做法（domain/statutes.md）；评分日期不能晚于今天（core.rules）。"""
    if scored_on is None:
        raise ValidationError({"scored_on": "须填写评分日期。"})
    validate_date_happened(scored_on, "评分日期", "scored_on")


def validate_score(score) -> None:
    """案卷评分：评查项目属于本活动；评分项填分（0至分值），否决项只填是否触及。

    案卷评查无全国统一标准（domain/statutes.md）。"""
    if not (score.item_id and score.case_file_id):
        return
    item = score.item
    if item.campaign_id != score.case_file.campaign_id:
        raise ValidationError({"item": f"评查项目“{item.title}”不属于该案卷所在的评查活动。"})
    if item.kind == SCORED:
        if score.veto_hit:
            raise ValidationError({"veto_hit": f"“{item.title}”是评分项，不能作为否决项。"})
        if score.points is None:
            raise ValidationError({"points": f"评分项“{item.title}”须填写得分。"})
        if not (0 <= score.points <= item.max_points):
            raise ValidationError(
                {
                    "points": f"“{item.title}”的得分应在0至{_number(item.max_points)}分之间，"
                    f"填写的是{_number(score.points)}分。"
                }
            )
    elif score.points is not None:
        raise ValidationError({"points": f"“{item.title}”是否决项，不计分，只填写是否触及。"})


def validate_problem(problem) -> None:
    """评查发现的问题：写明问题；评查活动、执法主体与案卷一致，责任单位为该执法主体所在单位。

    案卷评查为本地做法（domain/statutes.md）；整改在整改台账中办理。"""
    if not (problem.description or "").strip():
        raise ValidationError({"description": "须写明发现的问题。"})
    if problem.case_file_id and problem.campaign_id and problem.campaign_id != problem.case_file.campaign_id:
        raise ValidationError({"campaign": "问题的评查活动应与案卷所在的评查活动一致。"})
    if problem.case_file_id and problem.body_id and problem.body_id != problem.case_file.body_id:
        raise ValidationError({"body": "问题的执法主体应与案卷的执法主体一致。"})
    if (
        problem.body_id
        and problem.organization_id
        and problem.organization_id != problem.body.organization_id
    ):
        raise ValidationError({"organization": "问题的责任单位应为该执法主体所在单位。"})
