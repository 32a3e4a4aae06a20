"""备案登记 as a ledger: filings, the upper level's result and the correction, checked by rules.filings (the same rules
as file_document, record_filing_result and record_correction)."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from .. import rules
from ..models import Filing, NormativeDocument
from .base import BOOL_HELP, checked

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
        Column(
            "body",
            "备案机关类别",
            "向上一级人民政府备案的留空；区人民政府的文件向区人大常委会备案的另起一行填本级人民代表大会常务委员会",
            kind="choice",
            choices=Filing.Body.choices,
            example="上一级人民政府（或本级人民政府）",
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
                    (f.document.number, f.body): f
                    for f in Filing.objects.filter(document__number__in=chunk).select_related(
                        "document__organization"
                    )
                }
            )
        return {
            "documents": documents,
            "filings": filings,
            "key_of": lambda f: (f.document_id, f.body),
            "key_header": "文号",
        }

    def match(self, values, ctx):
        if values["document"] not in ctx["documents"]:
            raise CellError(
                f"文号“{values['document']}”不存在（须为已统一编号印发的规范性文件）。", column="文号"
            )
        return ctx["filings"].get((values["document"], values["body"] or Filing.Body.GOVERNMENT))

    def build(self, values, existing, ctx):
        document = ctx["documents"][values["document"]]
        body = values["body"] or Filing.Body.GOVERNMENT
        filing = copy.copy(existing) if existing else Filing(document=document, body=body)
        if existing is None:
            checked(rules.validate_fileable, document, column="文号")
            checked(rules.validate_body, document, body, values["filed_with"], column="备案机关类别")
            deadline = rules.filing_deadline_for(body, document.published_on)
            filing.due_on, filing.due_explanation = deadline.due, deadline.explain()
        result = values["result"] or (existing.result if existing else Filing.Result.PENDING)
        if existing is not None and existing.result != Filing.Result.PENDING:
            # A result is recorded once, on the filing as it was made.
            for key, header in FILED:
                if values[key] != getattr(existing, key):
                    raise CellError(rules.FILED_FIXED_MESSAGE, column=header)
            wanted = {**values, "result": result}
            for key, header in RESULT:
                if wanted[key] != getattr(existing, key):
                    checked(rules.validate_result_open, existing, column=header)
        for key, _ in FILED:
            setattr(filing, key, values[key])
        newly_settled = result != filing.result
        if result == Filing.Result.PENDING and (values["result_on"] or values["correction_required"]):
            raise CellError("审查结果为“审查中”的，不填结果日期和纠正意见。", column="审查结果")
        if newly_settled:
            # Dates in order and already happened: rules.validate_filing, through the model's full_clean.
            filing.result = result
            filing.result_on = values["result_on"]
            filing.correction_required = (
                values["correction_required"] if result == Filing.Result.CORRECTION else ""
            )
            deadline = rules.correction_deadline(filing) if values["result_on"] else None
            filing.correction_due_on = deadline.due if deadline else None
            filing.correction_due_explanation = deadline.explain() if deadline else ""
        corrected = values["corrected_on"]
        if corrected != (existing.corrected_on if existing is not None else None):
            checked(rules.validate_correction_open, filing, column="纠正完成日期")
            filing.corrected_on = corrected
        return filing

    def update_fields(self):
        return [key for key, _ in FILED + RESULT] + [
            "correction_due_on",
            "correction_due_explanation",
            "corrected_on",
        ]

    def permit(self, action, instance, before, ctx):
        # record_filing_result's rule: the upper level's result is entered by the Justice Bureau. Checked with the
        # row (in the dry run too): a result given in a new row, or to a filing still pending, is refused.
        settles = instance.result != Filing.Result.PENDING and (
            action == "create" or (action == "update" and before.get("result") == Filing.Result.PENDING)
        )
        if settles and not rules.may_record_filing_result(ctx["actor"], instance):
            raise PermissionDenied(
                f"{rules.FILING_RESULT_REFUSED[:-1]}，请将本行的审查结果留空或填“审查中”。"
            )
