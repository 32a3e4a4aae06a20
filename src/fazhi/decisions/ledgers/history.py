"""重大行政决策（已作出）: decisions taken before the platform, one row each with its procedures and the date of each
step. Each new row is made by services.record_decision_history — rehearsed and rolled back while the file is checked
(the dry run included), then run for real — so it passes exactly the rules of a live decision. A row already on the
platform (lead unit + title + year of registration) imports back unchanged and is never changed by a file."""

from __future__ import annotations

from fazhi.core.io.ledgers import Column, HistoryLedger, register
from fazhi.review import services as review_services

from .. import services
from ..models import CollectiveDiscussion, Decision, RiskAssessment
from .common import units_by_code

APPLICABLE = [("适用", "适用"), ("不适用", "不适用")]
APPLICABLE_KEYS = {f"{p}_applicable" for p in ("participation", "argumentation", "risk", "publication")}
DATE = "date"


def _applicable(prefix: str, label: str, reason_header: str) -> list[Column]:
    return [
        Column(
            f"{prefix}_applicable",
            label,
            f"依法不适用{label}的填“不适用”并写明理由及依据；留空即适用",
            kind="choice",
            choices=APPLICABLE,
            example="适用",
            getter=lambda d: _row(d)[f"{prefix}_applicable"],
        ),
        Column(
            f"{prefix}_not_applicable_reason",
            reason_header,
            f"{label}不适用时必填",
            getter=lambda d: _row(d)[f"{prefix}_not_applicable_reason"],
        ),
    ]


def _history_row(decision: Decision) -> dict:
    """The decision's history in the columns' terms (适用/不适用, units by code, its state)."""
    row = services.history_of(decision)
    for key in APPLICABLE_KEYS:
        row[key] = "适用" if row[key] else "不适用"
    row["status"] = decision.get_status_display()
    return row


def _row(decision: Decision) -> dict:
    """Read once per record (the columns of an exported row, the comparison of a re-imported one)."""
    if not hasattr(decision, "_history_row"):
        decision._history_row = _history_row(decision)
    return decision._history_row


def _col(key: str, header: str, help: str = "", **kwargs) -> Column:
    return Column(key, header, help, getter=lambda d: _row(d)[key], **kwargs)


COLUMNS = [
    _col(
        "title",
        "决策事项",
        "决策事项名称；与承办单位、立项年度一起识别一项决策",
        required=True,
        max_length=200,
    ),
    _col("organization", "承办单位代码", required=True, as_text=True, example="CH-JYJ"),
    _col(
        "decision_body",
        "决策机关代码",
        "通常为区人民政府的单位代码",
        required=True,
        as_text=True,
        example="CH",
    ),
    _col(
        "catalog_year",
        "目录年度",
        "列入决策事项目录的填目录年度（目录须已导入并审定，事项名称与决策事项一致）；目录外决策留空",
        kind="int",
        example="2024",
    ),
    _col("outside_catalog_reason", "目录外决策的理由", "未列入目录的决策必填"),
    _col("summary", "决策事项简介"),
    _col("registered_on", "立项日期", required=True, kind=DATE, example="2024-03-10"),
    *_applicable("participation", "公众参与", "公众参与不适用的理由及依据"),
    _col("participation_methods", "公众参与方式", "如 网上征求意见、座谈会、听证会", max_length=200),
    _col("participation_started_on", "征求意见开始日期", kind=DATE, example="2024-04-01"),
    _col("participation_period_days", "征求意见期限（日）", "一般不少于30日", kind="int", example="30"),
    _col("participation_shorter_reason", "期限少于30日的理由"),
    _col(
        "participation_completed_on",
        "公众参与完成日期",
        "不早于征求意见期满之日",
        kind=DATE,
        example="2024-05-06",
    ),
    *_applicable("argumentation", "专家论证", "专家论证不适用的理由及依据"),
    _col("argumentation_form", "论证方式", "如 论证会、书面咨询", max_length=60),
    _col("argumentation_started_on", "专家论证开始日期", kind=DATE, example="2024-05-10"),
    _col("argumentation_completed_on", "专家论证完成日期", kind=DATE, example="2024-05-10"),
    _col("expert_name", "论证专家", "适用专家论证的必填（多位专家的填主要一位或“专家组”）", max_length=60),
    _col("expert_opinion", "专家论证意见", "适用专家论证的必填"),
    *_applicable("risk", "风险评估", "风险评估不适用的理由及依据"),
    _col("risk_assessor", "评估主体", max_length=120, example="区委政法委"),
    _col("risk_level", "风险等级", kind="choice", choices=RiskAssessment.Level.choices, example="低风险"),
    _col("risk_started_on", "风险评估开始日期", kind=DATE, example="2024-05-12"),
    _col("risk_completed_on", "风险评估完成日期", kind=DATE, example="2024-05-20"),
    _col("review_submitted_on", "送合法性审查日期", required=True, kind=DATE, example="2024-05-21"),
    _col("review_advisor_name", "复审法律顾问", "出具复审意见的法律顾问（个人或律师事务所）", max_length=120),
    _col(
        "review_initial_on",
        "初审日期",
        "起草单位初审通过的日期",
        required=True,
        kind=DATE,
        example="2024-05-21",
    ),
    _col(
        "review_advisor_on",
        "复审日期",
        "法律顾问复审意见的日期",
        required=True,
        kind=DATE,
        example="2024-05-24",
    ),
    _col(
        "review_opinion",
        "终审意见",
        "司法局合法性终审意见；不合法的决策不得提交集体讨论",
        required=True,
        kind="choice",
        choices=review_services.OPINION_CHOICES,
        example="合法",
    ),
    _col(
        "review_concluded_on",
        "终审日期",
        "一般不早于复审后5个工作日，早于的须写明理由",
        required=True,
        kind=DATE,
        example="2024-06-03",
    ),
    _col("review_reasons", "审查意见及理由", "终审意见不是“合法”的必填"),
    _col(
        "discussion_meeting_kind",
        "会议类型",
        required=True,
        kind="choice",
        choices=CollectiveDiscussion.MeetingKind.choices,
        example="政府常务会议",
    ),
    _col(
        "discussion_meeting_name", "会议名称", required=True, max_length=120, example="区政府第12次常务会议"
    ),
    _col("discussion_held_on", "集体讨论日期", required=True, kind=DATE, example="2024-06-12"),
    _col(
        "discussion_result",
        "决定结果",
        required=True,
        kind="choice",
        choices=CollectiveDiscussion.Result.choices,
        example="通过",
    ),
    *_applicable("publication", "决策公布", "不公布的理由及依据"),
    _col("publication_channel", "公布渠道", max_length=200, example="区政府门户网站"),
    _col("published_on", "公布日期", "尚未公布的留空（决策为“待公布”）", kind=DATE, example="2024-06-20"),
    _col("status", "状态", "由平台按各环节确定，导入时不读取"),
]


@register
class DecisionHistoryLedger(HistoryLedger):
    code = "decisions_history"
    name = "重大行政决策（已作出）"
    model = Decision
    description = (
        "平台启用前已作出的重大行政决策，每行一项，写明各程序及其日期：立项，公众参与、专家论证、风险评估（依法不适用的"
        "写明理由），送合法性审查与三级审核（初审、复审、终审），集体讨论决定，公布。导入时按在平台中办理的顺序逐步办理，"
        "适用与平台中相同的规则（日期依次发生且不晚于今天、征求意见期满、须有专家意见、审查通过后方可讨论等），须由司法局"
        "导入（终审意见由司法局出具）。以“承办单位代码＋决策事项＋立项年度”识别，重复导入不会新增；已在平台中的决策不能通过"
        "导入修改。填了公布日期的决策为“执行中”，未填的为“待公布”。"
    )
    columns = COLUMNS
    history_keys = services.HISTORY_FIELDS
    unit_keys = ("organization", "decision_body")
    rehearsed_relations = ("legality_review",)
    what = "决策"

    def history_of(self, record):
        return _history_row(record)

    def make(self, *, actor, **history):
        history.update({key: history[key] != "不适用" for key in APPLICABLE_KEYS})
        return services.record_decision_history(actor=actor, **history)

    def given(self, values):
        given = super().given(values)
        given.update({key: values[key] or "适用" for key in APPLICABLE_KEYS})
        return given

    def queryset(self):
        return Decision.objects.select_related(
            "organization", "decision_body", "catalog_item__catalog", "legality_review"
        ).order_by("registered_on", "pk")

    def prepare(self, rows):
        titles = {r["title"] for r in rows}
        existing = {}
        for decision in Decision.objects.filter(title__in=titles).select_related("organization"):
            existing.setdefault(
                (decision.organization.code, decision.title, decision.registered_on.year), decision
            )
        return {
            "orgs": units_by_code(),
            "existing": existing,
            "key_of": lambda d: (d.organization_id, d.title, d.registered_on.year),
            "key_header": "决策事项",
        }

    def match(self, values, ctx):
        self.check_units(values, ctx)
        day = values["registered_on"]
        if day is None:
            return None
        return ctx["existing"].get((values["organization"], values["title"], day.year))
