"""The rules of legality review and normative documents: the review levels' time limits, the filing period and the
number format (local rules, as settings with the defaults of domain/statutes.md), and the transition conditions."""

from __future__ import annotations

from fazhi.core import access, config
from fazhi.core.workflow import rule

LEVEL_DAYS = {
    "initial": config.define(
        "review.initial_level_working_days",
        name="起草单位初审时限（工作日）",
        default=3,
        help="起草单位法制机构初审的时限。",
        basis="本地做法（未经核实），可按本地规定调整。",
    ),
    "advisor": config.define(
        "review.advisor_level_working_days",
        name="法律顾问复审时限（工作日）",
        default=5,
        help="法律顾问出具复审意见的时限。",
        basis="本地做法（未经核实），可按本地规定调整。",
    ),
    "final": config.define(
        "review.final_level_working_days",
        name="司法局合法性终审时限（工作日）",
        default=15,
        help="合法性审查时间一般不少于5个工作日、最长不超过15个工作日。",
        basis="国办发〔2018〕115号（期限未经核实）",
    ),
}
CORRECTION_PERIOD_DAYS = 15
"""法规规章备案审查条例（国务院令第789号）第九条：纠正后十五日内重新报送（期限未经核实，见 domain/statutes.md）。"""

FINAL_LEVEL_MIN_WORKING_DAYS = 5
"""国办发〔2018〕115号：合法性审核时间一般不少于5个工作日（未经核实）。"""

FILING_PERIOD = config.define(
    "review.filing_period_days",
    name="规范性文件报送备案期限（日）",
    default=30,
    help="自公布之日起计算的报送备案期限。",
    basis="各省规定（宁夏：自治区政府令第89号、宁政办发〔2019〕26号，期限未经核实）；默认参照法规规章备案审查条例第四条的30日。",
)
NUMBER_FORMAT = config.define(
    "review.document_number_format",
    name="规范性文件编号格式",
    default="{prefix}〔{year}〕{seq}号",
    help="可用 {prefix}（发文字号前缀，如 红政规发）、{year}、{seq}。",
    basis="三统一（统一登记、统一编号、统一印发）",
)
VALIDITY_YEARS = config.define(
    "review.default_validity_years",
    name="规范性文件默认有效期（年）",
    default=5,
    help="未规定有效期的，按此计算失效日期。",
    basis="本地做法（未经核实）",
)
CATALOG_REQUIRED_KINDS = config.define(
    "review.catalog_required_kinds",
    name="须制定合法性审查目录清单的单位类型",
    default=["district_government", "department", "township", "subdistrict"],
    help="单位类型代码的列表，用于计算目录清单制定率。",
)


def may_act_for_drafting_unit(review, user) -> bool:
    """The drafting unit's side (its clerks, the Justice Bureau, a system administrator): whoever may change the
    review for its unit, not an advisor who reaches it only because it is assigned to them."""
    return access.can(user, review, access.CHANGE) and access.scope_kind(
        user, type(review), access.CHANGE
    ) not in (access.ASSIGNED, access.NONE)


def may_give_advisor_opinion(review, user) -> bool:
    """The assigned advisor, or the drafting unit's side (it records an advisor's written opinion)."""
    assigned = review.advisor_user_id is not None and review.advisor_user_id == user.pk
    return (assigned and access.can(user, review, access.CHANGE)) or may_act_for_drafting_unit(review, user)


def may_give_final_opinion(review, user) -> bool:
    """司法局合法性终审: the Justice Bureau of the review's district (or a system administrator)."""
    return access.is_justice_bureau(review, user) and access.can(user, review, access.CHANGE)


def may_review_current_level(review, user) -> bool:
    """Whoever reviews the current level gives its opinion and may send the draft back: the drafting unit at the
    initial level, the advisor (or the unit for them) at the advisor level, the Justice Bureau at the final level."""
    if review.status == "final_review":
        return may_give_final_opinion(review, user)
    if review.status == "advisor_review":
        return may_give_advisor_opinion(review, user)
    return may_act_for_drafting_unit(review, user)


def _opinion(review, level):
    return review.opinions.filter(level=level, version__number=review.current_version).order_by("-pk").first()


@rule(
    "起草单位初审须先对当前稿次出具“合法”或“修改后合法”的意见（三级审核，不得跳过）；初审认为不合法的，应退回修改。"
)
def initial_opinion_passed(review) -> bool:
    opinion = _opinion(review, "initial")
    return opinion is not None and opinion.outcome in ("lawful", "lawful_after_revision")


@rule("法律顾问须先对当前稿次出具复审意见（三级审核，不得跳过）。")
def advisor_opinion_given(review) -> bool:
    opinion = _opinion(review, "advisor")
    return opinion is not None and opinion.outcome != "returned"


@rule("退回修改须由本级审查人写明退回理由。")
def return_reason_recorded(review) -> bool:
    level = {"initial_review": "initial", "advisor_review": "advisor", "final_review": "final"}.get(
        review.status
    )
    opinion = _opinion(review, level) if level else None
    return opinion is not None and opinion.outcome == "returned"


@rule("重新送审须提交修改后的新稿次。")
def new_version_submitted(review) -> bool:
    return (
        review.versions.filter(number=review.current_version).exists()
        and not review.opinions.filter(version__number=review.current_version).exists()
    )


@rule("未经合法性审查或经审查不合法的规范性文件，不得印发（国办发〔2018〕37号）。")
def document_review_passed(document) -> bool:
    return document.legality_review is not None and document.legality_review.passed
