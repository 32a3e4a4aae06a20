"""清理文件 as a ledger: documents examined in a campaign and their outcome, checked by rules.cleanup; an outcome that
repeals, declares invalid or amends a registered document runs the document's own transition."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from fazhi.core import workflow
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Organization

from .. import rules
from ..models import CleanupCampaign, CleanupItem, NormativeDocument
from .base import BOOL_HELP, checked, organizations, unit_of


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
            "orgs": organizations(r["issuing_unit"] for r in rows),
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
        unit = unit_of(ctx, values["issuing_unit"], "制定单位代码")
        # A campaign of the unit's district: another district may run one of the same name.
        named = [
            c for c in ctx["campaigns"].get(values["campaign"], []) if rules.in_campaign_district(unit, c)
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
            # Title, number and unit as in the register; only a valid document is examined (rules.cleanup).
            if values["title"] != document.title:
                raise CellError(f"与登记簿不一致：该文号的文件名称为“{document.title}”。", column="文件名称")
            if unit.pk != document.organization_id:
                raise CellError(
                    f"与登记簿不一致：该文号的制定机关为“{document.organization}”（{document.organization.code}）。",
                    column="制定单位代码",
                )
            if existing is None:
                checked(rules.validate_examinable, document, column="文号")
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
            if decision != (existing.outcome, existing.reason, existing.decided_on):
                checked(rules.validate_undecided, existing, column="清理结果")
            return item
        if not values["outcome"]:
            if values["decided_on"] is not None:
                raise CellError("未填写清理结果的，不填确定日期。", column="确定日期")
            item.reason = values["reason"]
            return item
        item.campaign = campaign
        if values["decided_on"] is not None:
            checked(rules.validate_decision_dates, item, values["decided_on"], column="确定日期")
        if document is not None:
            checked(rules.validate_document_still_valid, document, column="清理结果")
            if values["outcome"] in rules.DOCUMENT_TRANSITION:
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
            name = rules.DOCUMENT_TRANSITION.get(item.outcome)
            if item.document_id is None or name is None:
                continue
            # The document is repealed, declared invalid or marked amended by its own transition (the one the
            # service runs), audited, in this import's transaction.
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
