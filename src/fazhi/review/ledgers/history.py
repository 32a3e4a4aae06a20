"""Finished history as ledgers: legality reviews concluded before the platform (合法性审查（已办结）) and normative
documents issued with their numbers (规范性文件（已印发）). A new row is made by the history services (rehearsed
and rolled back while the file is checked, the dry run included, then run for real), which drive the live services
and transitions; a row already on the platform imports back unchanged and is never changed by a file."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.io.ledgers import CellError, HistoryLedger, register

from .. import rules, services
from ..models import LegalityReview, NormativeDocument, SubjectKind
from .base import BOOL_HELP, organizations

DATE = "date"
FINAL_HELP = "司法局合法性终审意见"


# 合法性审查（已办结） -------------------------------------------------------------------------------------------

REVIEW_KINDS = [(k, label) for k, label in SubjectKind.choices if k not in services.OWN_HISTORY_KINDS]


@register
class ConcludedReviewLedger(HistoryLedger):
    code = "concluded_reviews"
    name = "合法性审查（已办结）"
    model = LegalityReview
    description = (
        "平台启用前已出具终审意见的合法性审查（合同、其他政策文件、重大执法决定），每行一件：送审日期、起草单位初审、"
        "法律顾问复审和司法局终审的日期与终审意见。导入时按三级审核依次办理，适用与平台中相同的规则（不得跳级、日期"
        "依次发生且不晚于今天、终审一般不少于5个工作日、非“合法”的写明理由），须由司法局导入。行政规范性文件和重大行政"
        "决策的审查随文件、决策导入。以“送审单位代码＋送审事项＋送审日期”识别，重复导入不会新增。"
    )
    what = "审查"

    def make(self, *, actor, **history):
        return services.record_concluded_review(actor=actor, **history)

    def history_of(self, record):
        return services.review_history_of(record)

    history_keys = [
        "title",
        "subject_kind",
        "organization",
        "submitted_on",
        "advisor_name",
        "initial_on",
        "advisor_on",
        "opinion",
        "concluded_on",
        "reasons",
    ]

    def history_columns(self):
        c = self.column
        return [
            c(
                "title",
                "送审事项",
                "合同或文件的名称",
                required=True,
                max_length=200,
                example="校舍维修工程施工合同",
            ),
            c("subject_kind", "审查对象", required=True, kind="choice", choices=REVIEW_KINDS, example="合同"),
            c("organization", "送审单位代码", required=True, as_text=True, example="CH-JYJ"),
            c("submitted_on", "送审日期", required=True, kind=DATE, example="2024-03-04"),
            c("advisor_name", "复审法律顾问", "出具复审意见的法律顾问（个人或律师事务所）", max_length=120),
            c(
                "initial_on",
                "初审日期",
                "起草单位初审通过的日期",
                required=True,
                kind=DATE,
                example="2024-03-04",
            ),
            c(
                "advisor_on",
                "复审日期",
                "法律顾问复审意见的日期",
                required=True,
                kind=DATE,
                example="2024-03-06",
            ),
            c(
                "opinion",
                "终审意见",
                FINAL_HELP,
                required=True,
                kind="choice",
                choices=services.OPINION_CHOICES,
                example="合法",
            ),
            c(
                "concluded_on",
                "终审日期",
                "一般不早于复审后5个工作日",
                required=True,
                kind=DATE,
                example="2024-03-14",
            ),
            c("reasons", "审查意见及理由", "终审意见不是“合法”的必填"),
        ]

    def queryset(self):
        return (
            LegalityReview.objects.filter(status=LegalityReview.Status.CONCLUDED)
            .exclude(subject_kind__in=services.OWN_HISTORY_KINDS)
            .select_related("organization")
            .prefetch_related("opinions")
            .order_by("concluded_on", "pk")
        )

    def prepare(self, rows):
        existing = {}
        for review in LegalityReview.objects.filter(title__in={r["title"] for r in rows}).select_related(
            "organization"
        ):
            existing.setdefault((review.organization.code, review.title, review.submitted_on), review)
        return {
            "orgs": organizations(r["organization"] for r in rows),
            "existing": existing,
            "key_of": lambda r: (r.organization_id, r.title, r.submitted_on),
            "key_header": "送审事项",
        }

    def match(self, values, ctx):
        self.check_units(values, ctx)
        return ctx["existing"].get((values["organization"], values["title"], values["submitted_on"]))


# 规范性文件（已印发） --------------------------------------------------------------------------------------------


@register
class IssuedDocumentLedger(HistoryLedger):
    code = "issued_documents"
    name = "规范性文件（已印发）"
    model = NormativeDocument
    description = (
        "平台启用前已统一编号印发的行政规范性文件，每行一件，文号按印发时原样填写，并占用其在编号序列中的位置：平台此后"
        "统一编号的文件从该年度已用的最大序号之后接续。每行写明登记、合法性审查（送审、初审、复审、终审）、征求意见、"
        "集体审议（涉及经营者经济活动的还有公平竞争审查）和签发、公布、施行日期；导入时按在平台中办理的顺序逐步办理，"
        "适用与平台中印发时相同的规则（审查通过后方可印发、征求意见和集体审议在签发之前、日期依次发生、文号年度为签发"
        "年度），须由司法局导入。以文号识别，重复导入不会新增；已在平台中的文件不能通过导入修改。报送备案另用“备案登记”"
        "台账导入。"
    )
    what = "文件"
    rehearsed_relations = ("legality_review",)

    def make(self, *, actor, **history):
        return services.record_issued_document(actor=actor, **history)

    def history_of(self, record):
        return services.document_history_of(record)

    history_keys = [
        "number",
        "title",
        "organization",
        "registered_on",
        "review_submitted_on",
        "review_advisor_name",
        "review_initial_on",
        "review_advisor_on",
        "review_opinion",
        "review_concluded_on",
        "review_reasons",
        "consultation_started_on",
        "consultation_ended_on",
        "consulted",
        "consultation_summary",
        "deliberated_on",
        "deliberation_body",
        "deliberation_summary",
        "fair_reviewer_name",
        "fair_reviewed_on",
        "fair_conclusion",
        "fair_explanation",
        "regulator_name",
        "regulator_opinion",
        "regulator_opinion_on",
        "signed_on",
        "published_on",
        "effective_on",
        "validity_years",
        "requires_filing",
        "enterprise_related",
        "market_related",
    ]

    def history_columns(self):
        c = self.column
        fair = "涉及经营者经济活动的填写"
        return [
            c(
                "number",
                "文号",
                "印发时的文号，原样填写",
                required=True,
                max_length=60,
                example="澄政规发〔2024〕3号",
            ),
            c("title", "文件名称", required=True, max_length=200, example="澄湖区农贸市场管理办法"),
            c("organization", "制定机关代码", required=True, as_text=True, example="CH"),
            c("registered_on", "登记日期", required=True, kind=DATE, example="2024-02-01"),
            c("review_submitted_on", "送审日期", required=True, kind=DATE, example="2024-02-05"),
            c("review_advisor_name", "复审法律顾问", max_length=120),
            c("review_initial_on", "初审日期", required=True, kind=DATE, example="2024-02-05"),
            c("review_advisor_on", "复审日期", required=True, kind=DATE, example="2024-02-07"),
            c(
                "review_opinion",
                "终审意见",
                FINAL_HELP,
                required=True,
                kind="choice",
                choices=services.OPINION_CHOICES,
                example="合法",
            ),
            c("review_concluded_on", "终审日期", required=True, kind=DATE, example="2024-02-20"),
            c("review_reasons", "审查意见及理由", "终审意见不是“合法”的必填"),
            c("consultation_started_on", "征求意见开始日期", kind=DATE, example="2024-02-21"),
            c("consultation_ended_on", "征求意见截止日期", kind=DATE, example="2024-03-21"),
            c("consulted", "征求意见对象", max_length=200, example="社会公众"),
            c("consultation_summary", "意见采纳情况", example="收到意见3条，采纳2条"),
            c(
                "deliberated_on",
                "集体审议日期",
                "不早于终审日期、不晚于签发日期",
                kind=DATE,
                example="2024-03-25",
            ),
            c("deliberation_body", "审议会议", max_length=200, example="区人民政府第5次常务会议"),
            c("deliberation_summary", "审议结论", example="原则通过"),
            c("fair_reviewer_name", "公平竞争审查人", fair, max_length=120),
            c("fair_reviewed_on", "公平竞争审查日期", fair, kind=DATE),
            c(
                "fair_conclusion",
                "公平竞争审查结论",
                fair,
                kind="choice",
                choices=services.FAIR_COMPETITION_CONCLUSIONS,
            ),
            c("fair_explanation", "公平竞争审查结论说明", fair),
            c("regulator_name", "市场监督管理部门", "区人民政府的文件须有其意见", max_length=120),
            c("regulator_opinion", "市场监督管理部门审查意见"),
            c("regulator_opinion_on", "市场监督管理部门意见日期", kind=DATE),
            c("signed_on", "签发日期", "文号年度为签发年度", required=True, kind=DATE, example="2024-03-28"),
            c("published_on", "公布日期", required=True, kind=DATE, example="2024-03-29"),
            c("effective_on", "施行日期", required=True, kind=DATE, example="2024-05-01"),
            c("validity_years", "有效期（年）", "未规定的留空，按默认有效期计算", kind="int", example="5"),
            c("requires_filing", "须报送备案", BOOL_HELP, kind="bool", example="是"),
            c("enterprise_related", "涉企", BOOL_HELP, kind="bool", example="否"),
            c("market_related", "涉及经营者经济活动", BOOL_HELP, kind="bool", example="否"),
        ]

    def queryset(self):
        return (
            NormativeDocument.objects.exclude(number="")
            .select_related("organization", "legality_review")
            .order_by("number_prefix", "number_year", "number_seq", "pk")
        )

    def prepare(self, rows):
        numbers = {r["number"] for r in rows if r["number"]}
        return {
            "orgs": organizations(r["organization"] for r in rows),
            "existing": {
                d.number: d
                for d in NormativeDocument.objects.filter(number__in=numbers).select_related("organization")
            },
            "key_of": lambda d: d.number,
            "key_header": "文号",
        }

    def match(self, values, ctx):
        self.check_units(values, ctx)
        if values["number"]:
            try:
                rules.parse_number(values["number"])
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="文号") from exc
        return ctx["existing"].get(values["number"])

    def given(self, values):
        given = super().given(values)
        if "requires_filing" not in values["_present"]:
            given["requires_filing"] = True  # as the register's import and the page default
        return given

    def build(self, values, existing, ctx):
        if existing is not None and values["validity_years"] is None:  # left to the default when issued
            values = {**values, "validity_years": existing.validity_years}
        return super().build(values, existing, ctx)
