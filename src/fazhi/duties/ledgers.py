"""Ledgers of leaders' duties and study: the activity ledger (述法学法活动台账), one row per activity with its people
as names, and the demonstration projects (示范创建项目) with the date of each stage reached."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent, Organization, Person

from . import rules
from .models import Activity, ActivityKind, ActivityParticipant, DemonstrationProject
from .services import names_line, split_names

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
        names = {n for r in rows for n in split_names(r["people_names"])}
        people: dict[tuple[int, str], list[Person]] = {}
        for p in Person.objects.filter(organization__in=orgs.values(), name__in=names, is_active=True):
            people.setdefault((p.organization_id, p.name), []).append(p)
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
        participants = []
        for name in split_names(values["people_names"]):
            found = ctx["people"].get((org.pk, name), [])
            person = found[0] if len(found) == 1 else None
            participants.append(
                {"person": person, "name": name, "position": person.position if person else ""}
            )
        try:
            rules.check_activity(
                kind=values["kind"],
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
            people_names=names_line(participants),
        )
        activity._participants = participants
        return activity

    def update_fields(self):
        return ACTIVITY_FIELDS

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        changed = [a for a in updates]
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


STAGE_BY_DATE = [
    ("named_on", DemonstrationProject.Stage.NAMED),
    ("review_passed_on", DemonstrationProject.Stage.REVIEW_PASSED),
    ("shortlisted_on", DemonstrationProject.Stage.SHORTLISTED),
]
STAGE_FIELDS = ["shortlisted_on", "review_passed_on", "named_on"]


@register
class DemonstrationLedger(Ledger):
    code = "duties_demonstrations"
    name = "示范创建项目"
    model = DemonstrationProject
    description = (
        "每行一个示范创建项目，以项目名称、级别和批次识别。阶段按已填写的最后一个日期确定（申报→入围→书面评审通过"
        "→命名）；已有项目只能补填后续阶段的日期，不能倒退或改动已记录的日期。"
    )
    columns = [
        Column("name", "项目名称", "", required=True, max_length=200, example="乡镇（街道）一支队伍管执法"),
        Column(
            "organization",
            "申报单位代码",
            "",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda p: p.organization.code,
        ),
        Column(
            "level",
            "级别",
            "",
            required=True,
            kind="choice",
            choices=DemonstrationProject.Level.choices,
            example="全国",
        ),
        Column("batch", "批次", "如 第三批", max_length=60, example="第三批"),
        Column("applied_on", "申报日期", "", required=True, kind="date", example="2024-03-20"),
        Column("shortlisted_on", "入围日期", "", kind="date"),
        Column("review_passed_on", "书面评审通过日期", "", kind="date"),
        Column("named_on", "命名日期", "", kind="date"),
    ]

    def queryset(self):
        return DemonstrationProject.objects.select_related("organization").order_by("applied_on", "pk")

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        return {
            "orgs": {o.code: o for o in Organization.objects.filter(code__in=codes)},
            "projects": {(p.name, p.level, p.batch): p for p in DemonstrationProject.objects.all()},
            "key_of": lambda p: (p.name, p.level, p.batch),
            "key_header": "项目名称",
        }

    def match(self, values, ctx):
        return ctx["projects"].get((values["name"], values["level"], values["batch"]))

    def build(self, values, existing, ctx):
        org = ctx["orgs"].get(values["organization"])
        if org is None:
            raise CellError(f"单位代码“{values['organization']}”不存在。", column="申报单位代码")
        if existing is not None:
            for f in ["applied_on", *STAGE_FIELDS]:
                before = getattr(existing, f)
                if before is not None and values[f] != before:
                    header = self.field_header(f)
                    raise CellError(
                        f"已记录的{header}（{before}）不能改动或清空：阶段只能向前。", column=header
                    )
        stage = DemonstrationProject.Stage.APPLIED
        for f, s in STAGE_BY_DATE:
            if values[f]:
                stage = s
                break
        if values["review_passed_on"] and not values["shortlisted_on"]:
            raise CellError("通过书面评审的项目须先填写入围日期。", column="入围日期")
        if values["named_on"] and not values["shortlisted_on"] and values["level"] == "national":
            raise CellError("全国示范命名须先入围，请填写入围日期。", column="入围日期")
        return DemonstrationProject(
            pk=existing.pk if existing else None,
            name=values["name"],
            organization=org,
            level=values["level"],
            batch=values["batch"],
            applied_on=values["applied_on"],
            shortlisted_on=values["shortlisted_on"],
            review_passed_on=values["review_passed_on"],
            named_on=values["named_on"],
            stage=stage,
        )

    def update_fields(self):
        return ["organization", "stage", *STAGE_FIELDS]
