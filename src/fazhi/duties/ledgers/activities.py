"""The activity ledger (述法学法活动台账): one row per activity with its people as names. A row is built and checked
by the same rules as an entry on the page (rules/activities.py): what its kind requires, a date not after today,
typed names linked to the unit's only namesake."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent, Organization

from ..models import Activity, ActivityKind, ActivityParticipant
from ..rules import activities as rules
from ..selectors.activities import namesakes_by_unit

ACTIVITY_FIELDS = ["kind", "held_on", "organization", "topic", "meeting", "note", "people_names"]


@register
class ActivityLedger(Ledger):
    code = "duties_activities"
    name = "述法学法活动"
    model = Activity
    description = (
        "每行一项活动。有“记录编号”的行更新该记录；没有的，按类型、日期、单位、主题和会议名称识别，已有则更新，"
        "没有则新增。“人员”填姓名，多人以“、”分隔；与本单位在职人员同名的自动关联到该人员。"
    )
    columns = [
        Column("pk", "记录编号", "导出的记录编号，新增时留空", kind="int"),
        Column(
            "kind",
            "类型",
            "活动类型",
            required=True,
            kind="choice",
            choices=ActivityKind.choices,
            example=ActivityKind.LECTURE.label,
        ),
        Column("held_on", "日期", "活动日期", required=True, kind="date", example="2024-04-18"),
        Column(
            "organization",
            "单位代码",
            "开展活动的单位（述法为述法人所在单位）的单位代码",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda a: a.organization.code,
        ),
        Column("topic", "主题", "讲法、学法、培训的主题", max_length=200, example="学习贯彻习近平法治思想"),
        Column(
            "meeting", "会议名称", "会议类活动的会议名称", max_length=200, example="区政府2024年第5次常务会议"
        ),
        Column("people_names", "人员", "讲法、述法的人员姓名，多人以“、”分隔", example="陈守正"),
        Column("note", "说明", ""),
    ]

    def queryset(self):
        return Activity.objects.select_related("organization").order_by("held_on", "pk")

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
        names = {n for r in rows for n in rules.split_names(r["people_names"])}
        people = namesakes_by_unit(orgs.values(), names)
        ids = [r["pk"] for r in rows if r["pk"]]
        existing = {a.pk: a for a in Activity.objects.filter(pk__in=ids).select_related("organization")}
        natural = {}
        for a in Activity.objects.filter(
            held_on__in={r["held_on"] for r in rows}, organization__in=orgs.values()
        ):
            natural[(a.kind, a.held_on, a.organization_id, a.topic, a.meeting)] = a
        return {
            "orgs": orgs,
            "people": people,
            "existing": existing,
            "natural": natural,
            "key_header": "记录编号",
            "record_header": "记录编号",
        }

    def _org(self, values, ctx) -> Organization:
        org = ctx["orgs"].get(values["organization"])
        if org is None:
            raise CellError(f"单位代码“{values['organization']}”不存在。", column="单位代码")
        return org

    def match(self, values, ctx):
        if values["pk"]:
            found = ctx["existing"].get(values["pk"])
            if found is None:
                raise CellError(f"没有编号为{values['pk']}的活动记录。")
            return found
        org = self._org(values, ctx)
        key = (values["kind"], values["held_on"], org.pk, values["topic"], values["meeting"])
        return ctx["natural"].get(key)

    def unchanged(self, values, existing):
        values["pk"] = existing.pk
        return values

    def build(self, values, existing, ctx):
        org = self._org(values, ctx)
        names = rules.split_names(values["people_names"])
        found = {n: ctx["people"].get((org.pk, n), []) for n in names}
        participants = rules.resolve_participants((), names, found)
        try:
            rules.validate_activity(
                kind=values["kind"],
                held_on=values["held_on"],
                organization=org,
                topic=values["topic"],
                meeting=values["meeting"],
                participants=participants,
            )
        except ValidationError as exc:
            raise ValidationError(
                {"people_names" if k == "people" else k: v for k, v in exc.message_dict.items()}
            ) from exc
        activity = Activity(
            pk=existing.pk if existing else None,
            kind=values["kind"],
            held_on=values["held_on"],
            organization=org,
            topic=values["topic"],
            meeting=values["meeting"],
            note=values["note"],
            people_names=rules.names_line(participants),
        )
        activity._participants = participants
        return activity

    def update_fields(self):
        return ACTIVITY_FIELDS

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        changed = list(updates)
        old = list(ActivityParticipant.objects.filter(activity__in=changed))
        rows = [
            ActivityParticipant(activity=a, person=p["person"], name=p["name"][:60], position=p["position"])
            for a in [*creates, *changed]
            for p in a._participants
        ]
        entries = [
            audit.Entry(AuditEvent.Action.DELETE, p, {k: [v, None] for k, v in audit.snapshot(p).items()})
            for p in old
        ]
        ActivityParticipant.objects.filter(pk__in=[p.pk for p in old]).delete()
        ActivityParticipant.objects.bulk_create(rows, batch_size=1000)
        entries += [audit.Entry(AuditEvent.Action.CREATE, r, audit.diff({}, audit.snapshot(r))) for r in rows]
        audit.append(actor=actor, entries=entries)
