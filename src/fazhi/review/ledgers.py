"""Ledgers of the review workstream: the units' review catalogs (合法性审查目录清单), the normative-document register
(规范性文件登记), filing (备案登记) and the documents examined in clean-up campaigns (清理文件).

An import never numbers, issues, repeals or otherwise moves a document: numbers come only from issue_document, and
a clean-up outcome that repeals, declares invalid or amends a registered document runs the document's own transition.
"""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from fazhi.core import access, audit, workflow
from fazhi.core.io.ledgers import CellError, Column, Ledger, LedgerFileError, register
from fazhi.core.models import AuditEvent, Organization

from . import services
from .models import (
    CleanupCampaign,
    CleanupItem,
    Filing,
    NormativeDocument,
    ReviewCatalog,
    ReviewCatalogEntry,
    SubjectKind,
)
from .services.cleanup import DOCUMENT_TRANSITION

BOOL_HELP = "填“是”或“否”"
REGISTERED = NormativeDocument.Status.REGISTERED


def _organizations(codes) -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.filter(code__in=set(codes))}


def _unit(ctx: dict, code: str, header: str) -> Organization:
    unit = ctx["orgs"].get(code)
    if unit is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return unit


# 合法性审查目录清单 ---------------------------------------------------------------------------------------------


@register
class ReviewCatalogEntryLedger(Ledger):
    code = "review_catalog_entries"
    name = "合法性审查目录清单"
    model = ReviewCatalogEntry
    description = (
        "每行一类须经合法性审查的事项，按“单位代码＋清单名称”归入该单位的一份目录清单。清单尚不存在的，导入时"
        "连同其各行事项一并制定；已制定的清单不能通过导入追加或修改事项，修订后的目录清单请以新的清单名称"
        "（如注明年版）导入。同一份清单各行的制定日期应一致。"
    )
    columns = [
        Column(
            "organization",
            "单位代码",
            "制定目录清单的单位的单位代码",
            required=True,
            example="CH-JYJ",
            as_text=True,
            getter=lambda e: e.catalog.organization.code,
        ),
        Column(
            "catalog",
            "清单名称",
            "同一单位以清单名称区分各份目录清单",
            required=True,
            example="澄湖区教育局合法性审查目录清单（2025年版）",
            max_length=200,
            getter=lambda e: e.catalog.title,
        ),
        Column(
            "adopted_on",
            "制定日期",
            "目录清单印发（制定）的日期",
            required=True,
            kind="date",
            example="2025-03-01",
            getter=lambda e: e.catalog.adopted_on,
        ),
        Column(
            "subject_kind",
            "事项类别",
            required=True,
            kind="choice",
            choices=SubjectKind.choices,
            example="合同",
        ),
        Column(
            "description",
            "事项",
            "须经合法性审查的事项",
            required=True,
            example="以本单位名义签订的政府投资项目合同",
            max_length=200,
        ),
    ]

    def queryset(self):
        return ReviewCatalogEntry.objects.select_related("catalog__organization").order_by(
            "catalog__organization__path", "catalog__adopted_on", "catalog__title", "pk"
        )

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        catalogs = {
            (c.organization.code, c.title): c
            for c in ReviewCatalog.objects.filter(organization__code__in=codes).select_related("organization")
        }
        entries = {
            (e.catalog.organization.code, e.catalog.title, e.subject_kind, e.description): e
            for e in ReviewCatalogEntry.objects.filter(catalog__in=list(catalogs.values())).select_related(
                "catalog__organization"
            )
        }
        return {
            "orgs": _organizations(codes),
            "catalogs": catalogs,
            "entries": entries,
            "new_catalogs": [],
            "key_of": lambda e: (
                e.catalog.organization.code,
                e.catalog.title,
                e.subject_kind,
                e.description,
            ),
            "key_header": "事项",
        }

    def match(self, values, ctx):
        key = (values["organization"], values["catalog"], values["subject_kind"], values["description"])
        return ctx["entries"].get(key)

    def _catalog(self, values: dict, existing, ctx: dict) -> ReviewCatalog:
        key = (values["organization"], values["catalog"])
        catalog = ctx["catalogs"].get(key)
        if catalog is None:
            # adopt_catalog's semantics: a new catalog is adopted with its entries, here the file's rows.
            unit = _unit(ctx, values["organization"], "单位代码")
            catalog = ReviewCatalog(
                organization=unit, title=values["catalog"], adopted_on=values["adopted_on"]
            )
            try:
                catalog.clean_fields(exclude=["organization"])
            except ValidationError as exc:
                raise CellError("；".join(exc.messages), column="清单名称") from exc
            # A placeholder id below zero until save() creates the catalog just before its entries.
            catalog.pk = -(len(ctx["new_catalogs"]) + 1)
            ctx["new_catalogs"].append(catalog)
            ctx["catalogs"][key] = catalog
        elif catalog.pk < 0:
            if values["adopted_on"] != catalog.adopted_on:
                raise CellError(
                    f"同一份目录清单各行的制定日期应一致（该清单前面的行为{catalog.adopted_on}）。",
                    column="制定日期",
                )
        else:
            if values["adopted_on"] != catalog.adopted_on:
                raise CellError(
                    f"目录清单“{catalog}”已于{catalog.adopted_on}制定，制定日期不能通过导入修改。",
                    column="制定日期",
                )
            if existing is None:
                raise CellError(
                    f"目录清单“{catalog}”已制定，不能通过导入追加事项；修订后的目录清单请以新的清单名称导入。",
                    column="事项",
                )
        return catalog

    def build(self, values, existing, ctx):
        catalog = self._catalog(values, existing, ctx)
        entry = copy.copy(existing) if existing else ReviewCatalogEntry()
        entry.catalog = catalog
        entry.subject_kind = values["subject_kind"]
        entry.description = values["description"]
        return entry

    def save(self, *, creates, updates, fields, actor=None):
        pending = list({id(e.catalog): e.catalog for e in creates if e.catalog.pk < 0}.values())
        for catalog in pending:
            catalog.pk = None
            catalog.save(force_insert=True)
        for entry in creates:
            entry.catalog = entry.catalog  # takes the new catalog's real id
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(
                    AuditEvent.Action.CREATE,
                    c,
                    audit.diff({}, audit.snapshot(c)),
                    note=f"台账导入：{self.name}（制定目录清单）",
                )
                for c in pending
            ],
        )
        super().save(creates=creates, updates=updates, fields=fields)


# 规范性文件登记 ---------------------------------------------------------------------------------------------------

ISSUE_DATES = [
    ("signed_on", "签发日期"),
    ("published_on", "公布日期"),
    ("effective_on", "施行日期"),
    ("expires_on", "有效期至"),
]
REGISTER_FIELDS = [
    ("title", "文件名称"),
    ("organization", "制定机关代码"),
    ("number_prefix", "发文字号前缀"),
    ("registered_on", "登记日期"),
    ("validity_years", "有效期（年）"),
    ("requires_filing", "须报送备案"),
]


@register
class NormativeDocumentLedger(Ledger):
    code = "normative_documents"
    name = "规范性文件登记"
    model = NormativeDocument
    description = (
        "导入只做两件事：登记新文件（状态为“已登记（待印发）”），以及修改已登记、尚未印发的文件的登记事项。"
        "导入不编号、不印发：文号只在平台中办理“统一编号并印发”时由平台按序生成，签发、公布、施行日期和有效期至"
        "也在印发时确定；这些列和“状态”列仅供导出查看，导入时留空或原样保留，填写或改动的行会被拒绝。"
        "已印发的文件只能通过导入修改“涉企”。新登记的文件“记录编号”和“文号”留空；"
        "记录编号留空而制定机关、文件名称和登记日期都与已有文件相同的，视为同一文件，重复导入不会重复登记。"
    )
    columns = [
        Column(
            "pk",
            "记录编号",
            "平台生成的编号，新登记的文件留空；导出后修改再导入时用于识别记录",
            kind="int",
            getter=lambda d: d.pk,
        ),
        Column("title", "文件名称", required=True, example="澄湖区农贸市场管理办法", max_length=200),
        Column(
            "organization",
            "制定机关代码",
            "制定机关的单位代码",
            required=True,
            example="CH",
            as_text=True,
            getter=lambda d: d.organization.code,
        ),
        Column(
            "number_prefix", "发文字号前缀", "如 澄政规发", required=True, example="澄政规发", max_length=20
        ),
        Column(
            "number",
            "文号",
            "印发时由平台统一编号；导入不能填写或修改，导出的文号原样保留即可，新登记的文件留空",
            example="澄政规发〔2025〕1号",
            max_length=60,
        ),
        Column("registered_on", "登记日期", required=True, kind="date", example="2025-02-10"),
        Column("signed_on", "签发日期", "印发时确定，导入时留空或原样保留", kind="date"),
        Column("published_on", "公布日期", "印发时确定，导入时留空或原样保留", kind="date"),
        Column("effective_on", "施行日期", "印发时确定，导入时留空或原样保留", kind="date"),
        Column(
            "validity_years",
            "有效期（年）",
            "文件规定的有效期；未规定的留空，印发时按默认有效期计算",
            kind="int",
            example="5",
        ),
        Column("expires_on", "有效期至", "印发时按有效期计算，导入时留空或原样保留", kind="date"),
        Column(
            "status",
            "状态",
            "由平台办理，导入时留空或原样保留",
            kind="choice",
            choices=NormativeDocument.Status.choices,
        ),
        Column(
            "requires_filing", "须报送备案", BOOL_HELP + "；未填此列的按“是”登记", kind="bool", example="是"
        ),
        Column("enterprise_related", "涉企", BOOL_HELP, kind="bool", example="否"),
    ]

    def queryset(self):
        return NormativeDocument.objects.select_related("organization").order_by(
            "organization__path", "number_year", "number_seq", "registered_on", "pk"
        )

    def prepare(self, rows):
        documents = NormativeDocument.objects.select_related("organization")
        pks = [r["pk"] for r in rows if r["pk"]]
        numbers = [r["number"] for r in rows if r["number"] and not r["pk"]]
        by_pk, by_number = {}, {}
        for start in range(0, max(len(pks), len(numbers)), 900):
            by_pk.update({d.pk: d for d in documents.filter(pk__in=pks[start : start + 900])})
            by_number.update({d.number: d for d in documents.filter(number__in=numbers[start : start + 900])})
        # Rows without a record number or 文号 are new documents, or ones registered by an earlier import.
        titles = sorted({r["title"] for r in rows if not r["pk"] and not r["number"]})
        by_key = {}
        for start in range(0, len(titles), 900):
            for d in documents.filter(title__in=titles[start : start + 900]):
                by_key[(d.organization.code, d.title, d.registered_on)] = d
        return {
            "orgs": _organizations(r["organization"] for r in rows),
            "by_pk": by_pk,
            "by_number": by_number,
            "by_key": by_key,
            "key_of": lambda d: d.pk or (d.organization_id, d.title, d.registered_on),
            "key_header": "文件名称",
            "record_header": "记录编号",
        }

    def match(self, values, ctx):
        if values["pk"]:
            document = ctx["by_pk"].get(values["pk"])
            if document is None:
                raise CellError(
                    f"记录编号{values['pk']}不存在；新登记的文件请将记录编号留空。", column="记录编号"
                )
            return document
        if values["number"]:
            document = ctx["by_number"].get(values["number"])
            if document is None:
                raise CellError(
                    f"文号“{values['number']}”不存在。文号只在印发时由平台统一编号，导入不能编号；"
                    "新登记的文件请将文号留空。",
                    column="文号",
                )
            return document
        return ctx["by_key"].get((values["organization"], values["title"], values["registered_on"]))

    def build(self, values, existing, ctx):
        organization = _unit(ctx, values["organization"], "制定机关代码")
        current_number = existing.number if existing else ""
        if values["number"] and values["number"] != current_number:
            raise CellError(
                "文号只在印发时由平台统一编号，导入不能填写或修改"
                + (f"（该文件的文号为“{current_number}”）。" if current_number else "；新登记的文件请留空。"),
                column="文号",
            )
        current_status = existing.status if existing else REGISTERED
        if values["status"] and values["status"] != current_status:
            raise CellError(
                f"状态只能在平台中办理（统一编号并印发、修改、废止、宣布失效），导入不能改变；"
                f"该文件当前为“{NormativeDocument.Status(current_status).label}”。",
                column="状态",
            )
        issued = current_status != REGISTERED
        # Export-only columns: an empty cell leaves them as they are; a value must be the one the platform set.
        for key, header in ISSUE_DATES:
            current = getattr(existing, key) if existing else None
            if values[key] is not None and values[key] != current:
                raise CellError(
                    f"已印发文件的{header}不能通过导入修改。"
                    if issued
                    else f"{header}在统一编号并印发时确定（在平台中办理），导入时请留空。",
                    column=header,
                )
        document = copy.copy(existing) if existing else NormativeDocument()
        if issued:
            wanted = {**values, "organization": organization}
            for key, header in REGISTER_FIELDS:
                if key == "validity_years" and wanted[key] is None:
                    continue
                if wanted[key] != getattr(existing, key):
                    raise CellError(
                        f"文件已{existing.get_status_display()}，导入只能修改“涉企”；{header}不能修改。",
                        column=header,
                    )
            document.enterprise_related = values["enterprise_related"]
            return document
        # register_document's semantics.
        if (
            existing is not None
            and existing.legality_review_id
            and organization.pk != existing.organization_id
        ):
            raise CellError(
                "该文件已以原制定机关的名义送合法性审查，不能改变制定机关。", column="制定机关代码"
            )
        if values["validity_years"] is not None and values["validity_years"] < 1:
            raise CellError("有效期至少为1年；未规定的请留空，按默认有效期计算。", column="有效期（年）")
        document.title = values["title"]
        document.organization = organization
        document.number_prefix = values["number_prefix"]
        document.registered_on = values["registered_on"]
        document.validity_years = values["validity_years"]
        document.requires_filing = (
            values["requires_filing"]
            if "requires_filing" in values["_present"]
            else (existing.requires_filing if existing else True)
        )
        document.enterprise_related = values["enterprise_related"]
        return document

    def update_fields(self):
        # Never the number, the state or the dates of issue: those belong to issue_document and the transitions.
        return [key for key, _ in REGISTER_FIELDS] + ["enterprise_related"]


# 备案登记 ---------------------------------------------------------------------------------------------------------

MATERIAL_COLUMNS = [
    Column(
        name,
        str(Filing._meta.get_field(name).verbose_name),
        "报送的备案材料中有无此项，" + BOOL_HELP,
        kind="bool",
    )
    for name in Filing.MATERIALS
]
FILED = [("filed_on", "报送备案日期"), ("filed_with", "备案机关")] + [
    (c.key, c.header) for c in MATERIAL_COLUMNS
]
RESULT = [("result", "审查结果"), ("result_on", "结果日期"), ("correction_required", "纠正意见")]


@register
class FilingLedger(Ledger):
    code = "filings"
    name = "备案登记"
    model = Filing
    description = (
        "每行一件规范性文件的报送备案，以文号识别（须为已统一编号印发、须报送备案的文件）。审查结果由“审查中”"
        "改为“通过”或“纠正”时须填结果日期，纠正的须填纠正意见，平台计算纠正后重新报送的期限；审查结果确定后，"
        "报送信息和审查结果不能再通过导入修改。纠正完成的填写纠正完成日期。"
    )
    columns = [
        Column(
            "document",
            "文号",
            "已印发的规范性文件的文号",
            required=True,
            example="澄政规发〔2025〕1号",
            max_length=60,
            getter=lambda f: f.document.number,
        ),
        Column("filed_on", "报送备案日期", required=True, kind="date", example="2025-04-10"),
        Column("filed_with", "备案机关", required=True, example="澄州市人民政府", max_length=120),
        *MATERIAL_COLUMNS,
        Column(
            "result",
            "审查结果",
            "上级机关备案审查的结果；尚未反馈的填“审查中”或留空",
            kind="choice",
            choices=Filing.Result.choices,
            example="通过",
        ),
        Column("result_on", "结果日期", "审查结果为通过或纠正的须填写", kind="date", example="2025-05-06"),
        Column("correction_required", "纠正意见", "审查结果为纠正的须填写"),
        Column("corrected_on", "纠正完成日期", "纠正后重新报送的日期", kind="date"),
    ]

    def queryset(self):
        return Filing.objects.select_related("document__organization").order_by("filed_on", "pk")

    def prepare(self, rows):
        numbers = list({r["document"] for r in rows})
        documents, filings = {}, {}
        for start in range(0, len(numbers), 900):
            chunk = numbers[start : start + 900]
            documents.update(
                {
                    d.number: d
                    for d in NormativeDocument.objects.filter(number__in=chunk).select_related("organization")
                }
            )
            filings.update(
                {
                    f.document.number: f
                    for f in Filing.objects.filter(document__number__in=chunk).select_related(
                        "document__organization"
                    )
                }
            )
        return {
            "documents": documents,
            "filings": filings,
            "key_of": lambda f: f.document_id,
            "key_header": "文号",
        }

    def match(self, values, ctx):
        if values["document"] not in ctx["documents"]:
            raise CellError(
                f"文号“{values['document']}”不存在（须为已统一编号印发的规范性文件）。", column="文号"
            )
        return ctx["filings"].get(values["document"])

    def build(self, values, existing, ctx):
        document = ctx["documents"][values["document"]]
        if existing is None:
            # file_document's semantics.
            if document.published_on is None:
                raise CellError("文件尚未统一编号印发，不能报送备案。", column="文号")
            if not document.requires_filing:
                raise CellError(f"“{document}”登记为无须报送备案的文件。", column="文号")
        filing = copy.copy(existing) if existing else Filing(document=document)
        result = values["result"] or (existing.result if existing else Filing.Result.PENDING)
        if existing is not None and existing.result != Filing.Result.PENDING:
            # record_filing_result's semantics: a result is recorded once, on the filing as it was made.
            for key, header in FILED:
                if values[key] != getattr(existing, key):
                    raise CellError("备案审查结果已确定，报送备案的信息不能再修改。", column=header)
            wanted = {**values, "result": result}
            for key, header in RESULT:
                if wanted[key] != getattr(existing, key):
                    raise CellError(
                        f"该备案已有审查结果（{existing.get_result_display()}），不能通过导入修改。",
                        column=header,
                    )
        for key, _ in FILED:
            setattr(filing, key, values[key])
        newly_settled = result != filing.result
        if result == Filing.Result.PENDING and (values["result_on"] or values["correction_required"]):
            raise CellError("审查结果为“审查中”的，不填结果日期和纠正意见。", column="审查结果")
        if newly_settled:
            if values["result_on"] and values["result_on"] < values["filed_on"]:
                raise CellError("结果日期不能早于报送备案日期。", column="结果日期")
            filing.result = result
            filing.result_on = values["result_on"]
            filing.correction_required = (
                values["correction_required"] if result == Filing.Result.CORRECTION else ""
            )
            deadline = services.correction_deadline(filing) if values["result_on"] else None
            filing.correction_due_on = deadline.due if deadline else None
            filing.correction_due_explanation = deadline.explain() if deadline else ""
        # record_correction's semantics.
        corrected = values["corrected_on"]
        if existing is not None and existing.corrected_on is not None:
            if corrected != existing.corrected_on:
                raise CellError(f"已于{existing.corrected_on}记录纠正完成，不能修改。", column="纠正完成日期")
        elif corrected is not None:
            if filing.result != Filing.Result.CORRECTION:
                raise CellError("审查结果不是“纠正”，无须填写纠正完成日期。", column="纠正完成日期")
            if filing.result_on and corrected < filing.result_on:
                raise CellError("纠正完成日期不能早于审查结果日期。", column="纠正完成日期")
            filing.corrected_on = corrected
        return filing

    def update_fields(self):
        return [key for key, _ in FILED + RESULT] + [
            "correction_due_on",
            "correction_due_explanation",
            "corrected_on",
        ]

    def save(self, *, creates, updates, fields, actor=None):
        # record_filing_result's rule: the upper level's result is entered by the Justice Bureau. The framework
        # gives the actor only here, so the file is refused as a whole (nothing written) rather than row by row.
        pending = set(
            Filing.objects.filter(pk__in=[f.pk for f in updates], result=Filing.Result.PENDING).values_list(
                "pk", flat=True
            )
        )
        settled = [f for f in creates if f.result != Filing.Result.PENDING] + [
            f for f in updates if f.pk in pending and f.result != Filing.Result.PENDING
        ]
        refused = [f for f in settled if not access.is_justice_bureau(f, actor)]
        if refused:
            names = "、".join(f"“{f.document.number}”" for f in refused[:5])
            raise LedgerFileError(
                f"文件为{names}等{len(refused)}件备案填写了审查结果；备案审查结果由司法局录入，"
                "本次未导入任何数据。请将这些行的审查结果留空或填“审查中”后重新导入。"
            )
        super().save(creates=creates, updates=updates, fields=fields)


# 清理文件 ---------------------------------------------------------------------------------------------------------


@register
class CleanupItemLedger(Ledger):
    code = "cleanup_items"
    name = "清理文件"
    model = CleanupItem
    description = (
        "每行一件列入清理的文件。清理须已在平台中建立（按清理名称识别）。行政规范性文件须填写登记簿中的文号，"
        "文件名称和制定单位须与登记簿一致，只能列入有效的文件；其他政策文件以“清理名称＋制定单位＋文件名称”识别。"
        "清理结果只能确定一次：规范性文件确定为修改、废止或宣布失效的，导入时登记簿中该文件的状态随之改变；"
        "已确定的清理结果不能通过导入修改。"
    )
    columns = [
        Column(
            "campaign",
            "清理名称",
            "须已在平台中建立的清理",
            required=True,
            example="2026年妨碍统一市场和公平竞争的政策措施清理",
            max_length=200,
            getter=lambda i: i.campaign.name,
        ),
        Column(
            "kind",
            "文件类别",
            required=True,
            kind="choice",
            choices=CleanupItem.Kind.choices,
            example="其他政策文件",
        ),
        Column(
            "document_number",
            "文号",
            "行政规范性文件须填写登记簿中的文号；其他政策文件有文号的填写",
            example="澄政办发〔2023〕12号",
            max_length=60,
        ),
        Column(
            "title", "文件名称", required=True, example="关于支持本地企业参与政府采购的通知", max_length=200
        ),
        Column(
            "issuing_unit",
            "制定单位代码",
            "制定文件的单位的单位代码",
            required=True,
            example="CH-ZFB",
            as_text=True,
            getter=lambda i: i.issuing_unit.code,
        ),
        Column("enterprise_related", "涉企", BOOL_HELP, kind="bool", example="是"),
        Column(
            "outcome",
            "清理结果",
            "尚未确定的留空",
            kind="choice",
            choices=CleanupItem.Outcome.choices,
            example="废止",
        ),
        Column("reason", "理由", "修改、废止或宣布失效的须写明理由", example="含有限定本地企业参与的内容"),
        Column("decided_on", "确定日期", "填写清理结果时须填写", kind="date", example="2026-06-30"),
    ]

    def queryset(self):
        return CleanupItem.objects.select_related("campaign", "document", "issuing_unit").order_by(
            "campaign__started_on", "campaign__pk", "pk"
        )

    def prepare(self, rows):
        campaigns: dict[str, list[CleanupCampaign]] = {}
        for c in CleanupCampaign.objects.filter(name__in={r["campaign"] for r in rows}).select_related(
            "organization"
        ):
            campaigns.setdefault(c.name, []).append(c)
        numbers = [r["document_number"] for r in rows if r["document_number"]]
        documents = {}
        for start in range(0, len(numbers), 900):
            documents.update(
                {
                    d.number: d
                    for d in NormativeDocument.objects.filter(
                        number__in=numbers[start : start + 900]
                    ).select_related("organization")
                }
            )
        items = {}
        for i in CleanupItem.objects.filter(campaign__in=[c for cs in campaigns.values() for c in cs]):
            items[self._key(i)] = i
        return {
            "orgs": _organizations(r["issuing_unit"] for r in rows),
            "campaigns": campaigns,
            "documents": documents,
            "items": items,
            "deciding": set(),
            "key_of": self._key,
            "key_header": "文件名称",
        }

    @staticmethod
    def _key(item: CleanupItem) -> tuple:
        if item.document_id:
            return (item.campaign_id, "document", item.document_id)
        return (item.campaign_id, "policy", item.issuing_unit_id, item.title)

    def _context(self, values, ctx) -> tuple[Organization, CleanupCampaign, NormativeDocument | None]:
        unit = _unit(ctx, values["issuing_unit"], "制定单位代码")
        # A campaign of the unit's district: another district may run one of the same name.
        named = [
            c
            for c in ctx["campaigns"].get(values["campaign"], [])
            if c.organization.root_code == unit.root_code
        ]
        if not named:
            raise CellError(f"没有名为“{values['campaign']}”的清理，请先在平台中建立。", column="清理名称")
        if len(named) > 1:
            raise CellError(
                f"有{len(named)}项名为“{values['campaign']}”的清理，无法区分。", column="清理名称"
            )
        document = None
        if values["kind"] == CleanupItem.Kind.NORMATIVE:
            if not values["document_number"]:
                raise CellError("行政规范性文件须填写登记簿中的文号。", column="文号")
            document = ctx["documents"].get(values["document_number"])
            if document is None:
                raise CellError(f"文号“{values['document_number']}”不在规范性文件登记簿中。", column="文号")
        return unit, named[0], document

    def match(self, values, ctx):
        unit, campaign, document = self._context(values, ctx)
        if document is not None:
            return ctx["items"].get((campaign.pk, "document", document.pk))
        return ctx["items"].get((campaign.pk, "policy", unit.pk, values["title"]))

    def build(self, values, existing, ctx):
        unit, campaign, document = self._context(values, ctx)
        item = copy.copy(existing) if existing else CleanupItem(campaign=campaign, kind=values["kind"])
        if document is not None:
            # add_item's semantics: title, number and unit as in the register; only a valid document is examined.
            if values["title"] != document.title:
                raise CellError(f"与登记簿不一致：该文号的文件名称为“{document.title}”。", column="文件名称")
            if unit.pk != document.organization_id:
                raise CellError(
                    f"与登记簿不一致：该文号的制定机关为“{document.organization}”（{document.organization.code}）。",
                    column="制定单位代码",
                )
            if existing is None and document.status != NormativeDocument.Status.VALID:
                raise CellError(
                    f"“{document}”{document.get_status_display()}，只能清理有效的规范性文件。", column="文号"
                )
            item.document = document
            item.title, item.document_number, item.issuing_unit = document.title, document.number, unit
        else:
            item.title, item.document_number, item.issuing_unit = (
                values["title"],
                values["document_number"],
                unit,
            )
        item.enterprise_related = values["enterprise_related"]
        decision = (values["outcome"], values["reason"], values["decided_on"])
        if existing is not None and existing.outcome:
            # decide_item's semantics: an outcome is decided once.
            if decision != (existing.outcome, existing.reason, existing.decided_on):
                raise CellError(
                    f"已确定清理结果（{existing.get_outcome_display()}），不能通过导入修改。",
                    column="清理结果",
                )
            return item
        if not values["outcome"]:
            if values["decided_on"] is not None:
                raise CellError("未填写清理结果的，不填确定日期。", column="确定日期")
            item.reason = values["reason"]
            return item
        day = values["decided_on"]
        if day is not None and day < campaign.started_on:
            raise CellError(f"确定日期不能早于清理开始日期（{campaign.started_on}）。", column="确定日期")
        if document is not None:
            if document.status != NormativeDocument.Status.VALID:
                raise CellError(
                    f"“{document}”已{document.get_status_display()}，不能再确定清理结果。", column="清理结果"
                )
            if day is not None and day < document.published_on:
                raise CellError("确定日期不能早于文件公布日期。", column="确定日期")
            if values["outcome"] in DOCUMENT_TRANSITION:
                if document.pk in ctx["deciding"]:
                    raise CellError(
                        "本文件中已有另一行将该规范性文件确定为修改、废止或宣布失效。", column="清理结果"
                    )
                ctx["deciding"].add(document.pk)
        item.outcome, item.reason, item.decided_on = decision
        return item

    def update_fields(self):
        return ["title", "document_number", "enterprise_related", "outcome", "reason", "decided_on"]

    def save(self, *, creates, updates, fields, actor=None):
        undecided = set(
            CleanupItem.objects.filter(pk__in=[i.pk for i in updates], outcome="").values_list(
                "pk", flat=True
            )
        )
        super().save(creates=creates, updates=updates, fields=fields)
        decided = [i for i in creates if i.outcome] + [i for i in updates if i.outcome and i.pk in undecided]
        for item in decided:
            name = DOCUMENT_TRANSITION.get(item.outcome)
            if item.document_id is None or name is None:
                continue
            # As decide_item does: the document is repealed, declared invalid or marked amended by its own
            # transition, audited, in this import's transaction.
            try:
                workflow.run_transition(
                    actor=actor,
                    instance=item.document,
                    name=name,
                    note=f"{item.campaign}：{item.get_outcome_display()}。{item.reason}",
                )
            except (ValidationError, PermissionDenied) as exc:
                # The document changed since the file was checked: nothing of this import is written.
                raise IntegrityError(str(exc)) from exc
