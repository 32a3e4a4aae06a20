"""印发前程序 as ledgers: the fair-competition reviews (公平竞争审查), consultations (征求意见) and deliberations (集体审议)
a unit kept on paper for documents registered but not yet issued, imported so that the issue checks find them.
Each row adds one record, checked by the same rules as the services (rules.procedures: before issue, dates that
happened and in order, the market regulator's opinion where 条例第十四条 requires it, the deliberation after the
legality review); a record already imported is matched and left as it is — it is never changed by an import."""

from __future__ import annotations

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from .. import rules
from ..models import Consultation, Deliberation, FairCompetitionReview, NormativeDocument
from .base import checked

DOCUMENT_HEADER = "文件记录编号"
FIXED_MESSAGE = "已登记的{what}记录不能通过导入修改；如有错误，请另行登记一条新记录。"


def _document_column() -> Column:
    return Column(
        "document",
        DOCUMENT_HEADER,
        "规范性文件在平台中的记录编号（文件页面和“规范性文件登记”台账中可见）；须为已登记、尚未印发的文件",
        required=True,
        kind="int",
        example="12",
        getter=lambda r: r.document_id,
    )


def _title_column() -> Column:
    return Column(
        "title", "文件名称", "仅供导出查看，导入时不读取", getter=lambda r: r.document.title, max_length=200
    )


class ProcedureLedger(Ledger):
    """Rows add records to registered documents; `what` names the record in messages, `natural` the fields that
    identify a record already imported."""

    what = ""
    natural: tuple[str, ...] = ()

    def queryset(self):
        return self.model.objects.select_related("document__organization").order_by("document", "pk")

    def prepare(self, rows):
        pks = list({r["document"] for r in rows if r["document"]})
        documents = {
            d.pk: d
            for d in NormativeDocument.objects.filter(pk__in=pks).select_related(
                "organization", "legality_review"
            )
        }
        existing = {}
        for record in self.model.objects.filter(document_id__in=pks):
            existing[(record.document_id, *(getattr(record, n) for n in self.natural))] = record
        return {"documents": documents, "existing": existing, "key_header": DOCUMENT_HEADER}

    def match(self, values, ctx):
        document = ctx["documents"].get(values["document"])
        if document is None:
            raise CellError(f"记录编号为{values['document']}的规范性文件不存在。", column=DOCUMENT_HEADER)
        return ctx["existing"].get((document.pk, *(values[n] for n in self.natural)))

    def build(self, values, existing, ctx):
        if existing is not None:
            for col in self.columns:
                if col.key in ("document", "title") or col.key not in values["_present"]:
                    continue
                if values[col.key] != getattr(existing, col.key):
                    raise CellError(FIXED_MESSAGE.format(what=self.what), column=col.header)
            return existing
        document = ctx["documents"][values["document"]]
        checked(rules.validate_open_for_procedures, document, self.what, column=DOCUMENT_HEADER)
        record = self.model(
            document=document,
            recorded_by=ctx["actor"],
            **{c.key: values[c.key] for c in self.columns if c.key not in ("document", "title")},
        )
        return record


@register
class FairCompetitionReviewLedger(ProcedureLedger):
    code = "fair_competition_reviews"
    name = "公平竞争审查登记"
    model = FairCompetitionReview
    what = "公平竞争审查"
    natural = ("reviewed_on", "reviewer_name")
    description = (
        "每行一次公平竞争审查，登记到已登记、尚未印发的规范性文件（涉及经营者经济活动的，印发前须经公平竞争审查，"
        "公平竞争审查条例第十八条）。拟由区人民政府出台的，须填写市场监督管理部门的审查意见及日期（第十四条）；"
        "适用第十二条的须填写审查结论说明（第十七条）。已导入的记录不会被修改。"
    )
    columns = [
        _document_column(),
        _title_column(),
        Column("reviewer_name", "审查人（起草单位）", required=True, example="法规科 李明", max_length=120),
        Column("reviewed_on", "审查日期", required=True, kind="date", example="2025-03-01"),
        Column(
            "conclusion",
            "审查结论",
            required=True,
            kind="choice",
            choices=FairCompetitionReview.Conclusion.choices,
            example=FairCompetitionReview.Conclusion.COMPLIANT.label,
        ),
        Column("explanation", "审查结论说明", "适用条例第十二条的须填写"),
        Column("regulator_name", "市场监督管理部门", example="澄湖区市场监督管理局", max_length=120),
        Column("regulator_opinion", "市场监督管理部门审查意见", "拟由区人民政府出台的须填写"),
        Column("regulator_opinion_on", "市场监督管理部门意见日期", kind="date"),
    ]


@register
class ConsultationLedger(ProcedureLedger):
    code = "consultations"
    name = "征求意见登记"
    model = Consultation
    what = "征求意见"
    natural = ("started_on", "ended_on")
    description = (
        "每行一次征求意见，登记到已登记、尚未印发的规范性文件；截止日期不能晚于签发日期"
        "（印发时核对，国办发〔2018〕37号）。已导入的记录不会被修改。"
    )
    columns = [
        _document_column(),
        _title_column(),
        Column("started_on", "征求意见开始日期", required=True, kind="date", example="2025-02-01"),
        Column("ended_on", "征求意见截止日期", required=True, kind="date", example="2025-03-01"),
        Column(
            "consulted",
            "征求意见对象和方式",
            required=True,
            example="通过区政府网站向社会公开征求意见",
            max_length=200,
        ),
        Column("summary", "意见采纳情况", required=True, example="收到意见3条，采纳2条。"),
    ]


@register
class DeliberationLedger(ProcedureLedger):
    code = "deliberations"
    name = "集体审议登记"
    model = Deliberation
    what = "集体审议"
    natural = ("held_on", "body")
    description = (
        "每行一次集体审议，登记到已登记、尚未印发且合法性审查已通过的规范性文件；审议日期不早于合法性审查终审、"
        "不晚于签发日期（国办发〔2018〕37号）。已导入的记录不会被修改。"
    )
    columns = [
        _document_column(),
        _title_column(),
        Column("held_on", "审议日期", required=True, kind="date", example="2025-03-10"),
        Column("body", "审议会议", required=True, example="区人民政府第12次常务会议", max_length=200),
        Column("summary", "审议结论", required=True, example="审议通过。"),
    ]
