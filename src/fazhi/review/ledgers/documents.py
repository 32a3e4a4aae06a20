"""规范性文件登记 as a ledger: an import registers documents or corrects a registration, checked by rules.documents; it
never numbers or issues (numbers come only from issue_document)."""

from __future__ import annotations

import copy

from fazhi.core import workflow
from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from .. import rules
from ..models import NormativeDocument
from .base import BOOL_HELP, checked, organizations, unit_of

REGISTERED = NormativeDocument.Status.REGISTERED

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
            "orgs": organizations(r["organization"] for r in rows),
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
        organization = unit_of(ctx, values["organization"], "制定机关代码")
        current_number = existing.number if existing else ""
        if values["number"] and values["number"] != current_number:
            raise CellError(
                "文号只在印发时由平台统一编号，导入不能填写或修改"
                + (f"（该文件的文号为“{current_number}”）。" if current_number else "；新登记的文件请留空。"),
                column="文号",
            )
        current_status = existing.status if existing else REGISTERED
        if values["status"] and values["status"] != current_status:
            refused = (
                workflow.failed_conditions(existing, "issue")
                if existing is not None and values["status"] == NormativeDocument.Status.VALID
                else []
            )
            if refused:
                # The issue transition's own conditions first: the same message as the service and the page.
                raise CellError("".join(refused), column="状态")
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
                    checked(rules.validate_document_change, existing, {key: wanted[key]}, column=header)
            document.enterprise_related = values["enterprise_related"]
            return document
        if existing is not None and organization.pk != existing.organization_id:
            checked(
                rules.validate_document_change,
                existing,
                {"organization": organization},
                column="制定机关代码",
            )
        checked(
            rules.validate_register,
            number_prefix=values["number_prefix"],
            validity_years=values["validity_years"],
            column="有效期（年）",
        )
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
