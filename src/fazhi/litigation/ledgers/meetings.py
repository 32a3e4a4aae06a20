"""The ledger of meetings with the court and the procuratorate (府院府检联动会议), known by date and title; rows are
checked by the model's full_clean (rules.validate_meeting), as the service's are."""

from __future__ import annotations

import copy

from fazhi.core.io.ledgers import Column, Ledger, register

from ..models import LiaisonMeeting
from ..services import meetings as services
from .common import organizations, unit


@register
class LiaisonMeetingLedger(Ledger):
    code = "litigation_meetings"
    name = "府院府检联动会议"
    model = LiaisonMeeting
    description = "每行一次会议，以“会议日期＋会议名称”识别：再次导入同一会议时更新其内容。"
    columns = [
        Column("held_on", "会议日期", required=True, kind="date", example="2025-06-18"),
        Column(
            "kind",
            "类型",
            required=True,
            kind="choice",
            choices=LiaisonMeeting.Kind.choices,
            example="府院联动",
        ),
        Column("title", "会议名称", required=True, example="2025年行政争议化解府院联席会议", max_length=200),
        Column(
            "organization",
            "召集单位代码",
            "召集会议的单位的单位代码",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda m: m.organization.code,
        ),
        Column("participants", "参会单位及人员", required=True, example="区政府、区人民法院、区司法局"),
        Column("topics", "议题", required=True, example="通报行政诉讼案件情况，研究败诉案件成因"),
        Column("outcomes", "会议成果", example="形成会议纪要，建立案件信息共享机制"),
    ]

    def queryset(self):
        return LiaisonMeeting.objects.select_related("organization").order_by("held_on", "pk")

    def prepare(self, rows):
        days = [r["held_on"] for r in rows]
        existing = {}
        if days:
            for m in self.queryset().filter(held_on__range=(min(days), max(days))):
                existing[(m.held_on, m.title)] = m
        return {
            "orgs": organizations({r["organization"] for r in rows}),
            "existing": existing,
            "key_of": lambda m: (m.held_on, m.title),
            "key_header": "会议名称",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((values["held_on"], values["title"]))

    def build(self, values, existing, ctx):
        meeting = copy.copy(existing) if existing else LiaisonMeeting()
        fields = {name: values[name] for name in services.MEETING_FIELDS}
        fields["organization"] = unit(ctx, values["organization"], "召集单位代码")
        for name, value in fields.items():
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
        return meeting
