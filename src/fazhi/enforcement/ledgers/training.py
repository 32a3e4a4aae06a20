"""Ledgers of training (执法培训) and attendance (参训记录): each row is built and then checked by the same rules as
services/training.py (the model's clean calls rules/training.py)."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from ..models import TrainingAttendance, TrainingSession
from . import common


def session_columns(getter=lambda s: s) -> list[Column]:
    return [
        Column(
            "organization",
            "组织单位代码",
            "组织培训的单位的单位代码",
            required=True,
            example="CH-SFJ",
            as_text=True,
            getter=lambda r: getter(r).organization.code,
        ),
        Column(
            "topic",
            "培训主题",
            required=True,
            example="新修订行政处罚法专题培训",
            max_length=200,
            getter=lambda r: getter(r).topic,
        ),
        Column(
            "held_on",
            "培训日期",
            required=True,
            kind="date",
            example="2025-04-18",
            getter=lambda r: getter(r).held_on,
        ),
    ]


@register
class TrainingSessionLedger(Ledger):
    code = "enforcement_training_sessions"
    name = "执法培训"
    model = TrainingSession
    description = (
        "每行一次培训，以“组织单位＋培训主题＋培训日期”识别：已有培训再次导入时更新其学时和培训形式。"
    )
    columns = [
        *session_columns(),
        Column(
            "hours",
            "学时",
            "大于0，可有一位小数",
            required=True,
            example="4",
            getter=lambda s: int(s.hours) if s.hours == s.hours.to_integral_value() else float(s.hours),
        ),
        Column(
            "kind",
            "培训形式",
            required=True,
            kind="choice",
            choices=TrainingSession.Kind.choices,
            example="轮训",
        ),
    ]

    def queryset(self):
        return TrainingSession.objects.select_related("organization").order_by(
            "held_on", "organization__path", "topic"
        )

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        return {
            "orgs": common.organizations(codes),
            "existing": {
                (s.organization.code, s.topic, s.held_on): s
                for s in self.queryset().filter(organization__code__in=codes)
            },
            "key_of": lambda s: (s.organization_id, s.topic, s.held_on),
            "key_header": "培训主题",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((values["organization"], values["topic"], values["held_on"]))

    def build(self, values, existing, ctx):
        try:
            hours = Decimal(str(values["hours"])).quantize(
                Decimal("0.1")
            )  # as stored: 8 and 8.0 are the same
        except InvalidOperation as exc:
            raise CellError(f"“{values['hours']}”不是有效的学时。", column="学时") from exc
        session = copy.copy(existing) if existing else TrainingSession()
        session.organization = common.unit(ctx, values["organization"], "组织单位代码")
        session.topic = values["topic"]
        session.held_on = values["held_on"]
        session.hours = hours
        session.kind = values["kind"]
        return session

    def update_fields(self):
        return ["hours", "kind"]


@register
class TrainingAttendanceLedger(Ledger):
    code = "enforcement_training_attendance"
    name = "参训记录"
    model = TrainingAttendance
    description = (
        "每行一人参加一次培训：培训以“组织单位＋培训主题＋培训日期”指明，须已在执法培训台账中登记；"
        "同一人在同一次培训中只登记一次。导出的身份证号已脱敏，原样导回时按脱敏号码和姓名识别原记录。"
    )
    columns = [*session_columns(lambda a: a.session), *common.person_columns(name_header="参训人员")]

    def queryset(self):
        return TrainingAttendance.objects.select_related("session__organization", "person").order_by(
            "session__held_on", "session__organization__path", "session__topic", "person__name", "pk"
        )

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        sessions = {
            (s.organization.code, s.topic, s.held_on): s
            for s in TrainingSession.objects.filter(organization__code__in=codes).select_related(
                "organization"
            )
        }
        attendances: dict[int, list[TrainingAttendance]] = {}
        for a in self.queryset().filter(session__in=[s.pk for s in sessions.values()]):
            attendances.setdefault(a.session_id, []).append(a)
        return {
            "sessions": sessions,
            "attendances": attendances,
            "people": common.people_numbered(rows),
            "person_header": "参训人员",
            "key_of": lambda a: (a.session_id, a.person_id),
            "key_header": "参训人员",
        }

    def _session(self, values, ctx) -> TrainingSession:
        session = ctx["sessions"].get((values["organization"], values["topic"], values["held_on"]))
        if session is None:
            raise CellError(
                f"没有{values['held_on']}由“{values['organization']}”组织的“{values['topic']}”培训，"
                "请先在执法培训台账中登记。",
                column="培训主题",
            )
        return session

    def match(self, values, ctx):
        attended = ctx["attendances"].get(self._session(values, ctx).pk, [])
        if "*" in values["id_number"]:
            for a in attended:
                if (
                    a.person.masked_id_number == values["id_number"]
                    and a.person.name == values["person_name"]
                ):
                    return a
        person = common.person(ctx, values)
        return next((a for a in attended if a.person_id == person.pk), None)

    def build(self, values, existing, ctx):
        if existing is not None:
            return copy.copy(existing)
        return TrainingAttendance(session=self._session(values, ctx), person=common.person(ctx, values))

    def update_fields(self):
        return []
