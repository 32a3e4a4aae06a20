"""清理 as a ledger: the clean-up campaigns themselves (name, scope, organizing unit, dates), so that the documents
examined in them (清理文件) can be imported. A campaign is known by its organizing unit and name; importing the same
file again changes nothing. Rows are checked by rules.cleanup (the model's clean), as services.create_campaign."""

from __future__ import annotations

import copy

from fazhi.core.io.ledgers import Column, Ledger, register

from ..models import CleanupCampaign
from .base import organizations, unit_of


@register
class CleanupCampaignLedger(Ledger):
    code = "cleanup_campaigns"
    name = "文件清理"
    model = CleanupCampaign
    description = (
        "每行一项文件清理，以“组织单位代码＋清理名称”识别，再次导入时更新清理范围和结束日期；组织单位不能改变。"
        "清理中审查的文件另用“清理文件”台账导入（在本台账之后）。"
    )
    columns = [
        Column(
            "name",
            "清理名称",
            "同一组织单位的清理名称不重复",
            required=True,
            example="2026年妨碍统一市场和公平竞争的政策措施清理",
            max_length=200,
        ),
        Column(
            "scope",
            "清理范围",
            required=True,
            example="含有地方保护、指定交易等妨碍统一市场和公平竞争内容的文件",
        ),
        Column(
            "organization",
            "组织单位代码",
            "组织清理的单位（通常为司法局或区人民政府）的单位代码",
            required=True,
            example="CH-SFJ",
            as_text=True,
            getter=lambda c: c.organization.code,
        ),
        Column("started_on", "开始日期", required=True, kind="date", example="2026-03-01"),
        Column("ended_on", "结束日期", "尚未结束的可留空或填计划结束日期", kind="date", example="2026-06-30"),
    ]

    def queryset(self):
        return CleanupCampaign.objects.select_related("organization").order_by("started_on", "pk")

    def prepare(self, rows):
        existing = {}
        for campaign in self.queryset().filter(name__in={r["name"] for r in rows}):
            existing.setdefault((campaign.organization.code, campaign.name), campaign)
        return {
            "orgs": organizations(r["organization"] for r in rows),
            "existing": existing,
            "key_of": lambda c: (c.organization_id, c.name),
            "key_header": "清理名称",
        }

    def match(self, values, ctx):
        unit_of(ctx, values["organization"], "组织单位代码")
        return ctx["existing"].get((values["organization"], values["name"].strip()))

    def build(self, values, existing, ctx):
        unit = unit_of(ctx, values["organization"], "组织单位代码")
        # The organizing unit is part of the key, so a file never moves a campaign (rules.fixed_campaign_fields).
        campaign = copy.copy(existing) if existing else CleanupCampaign(organization=unit)
        campaign.name = values["name"].strip()
        campaign.scope = values["scope"].strip()
        campaign.started_on = values["started_on"]
        campaign.ended_on = values["ended_on"]
        return campaign

    def update_fields(self):
        return ["scope", "started_on", "ended_on"]
