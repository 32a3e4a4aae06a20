"""Ledgers of training (执法培训) and attendance (参训记录), and of supervision clues of every source (执法监督线索),
with the rules of training.record_session / record_attendance and clues.register_clue; a clue's handling (state,
result) is shown but changed only on its page."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from . import ledgers_common as common
from .clues import handling_deadline
from .models import SupervisionClue, TrainingAttendance, TrainingSession


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


HANDLING_MESSAGE = "线索的办理状态、办理结果和办结日期须在线索页面办理，导入不能变更。"


@register
class SupervisionClueLedger(Ledger):
    code = "enforcement_clues"
    name = "执法监督线索"
    model = SupervisionClue
    description = (
        "每行一条执法监督线索（各来源）。新增线索“记录编号”留空，有来源编号（如12345工单编号）的以“线索来源＋来源编号”"
        "识别，不重复登记；导出后修改再导入时以记录编号识别。办理期限由平台按受理日期计算；办理状态、结果和"
        "办结日期只在线索页面办理。"
    )
    columns = [
        Column(
            "pk",
            "记录编号",
            "平台生成的编号，新增线索留空；导出后修改再导入时用于识别记录",
            kind="int",
            getter=lambda c: c.pk,
        ),
        Column(
            "source",
            "线索来源",
            required=True,
            kind="choice",
            choices=SupervisionClue.Source.choices,
            example="投诉举报",
        ),
        Column(
            "external_number", "来源编号", "如12345工单编号；同一来源内不重复", max_length=60, as_text=True
        ),
        Column("received_on", "受理日期", required=True, kind="date", example="2025-05-10"),
        Column(
            "organization",
            "承办单位代码",
            "承办该线索的单位的单位代码",
            required=True,
            example="CH-SCJ",
            as_text=True,
            getter=lambda c: c.organization.code,
        ),
        Column(
            "body_unit",
            "执法主体单位代码",
            "涉及的执法主体所在单位的单位代码；不涉及具体主体的留空",
            as_text=True,
            getter=lambda c: c.body.organization.code if c.body else "",
        ),
        Column(
            "body",
            "执法主体",
            "涉及的执法主体名称；不涉及具体主体的留空",
            getter=lambda c: c.body.name if c.body else "",
        ),
        Column("enterprise_related", "涉企", common.BOOL_HELP, kind="bool", example="否"),
        Column("category", "诉求分类", "如 市场监管、城市管理", max_length=100, example="市场监管"),
        Column("content", "线索内容", required=True, example="执法人员检查时未出示执法证件"),
        Column("due_on", "办理期限", "由平台按受理日期计算，导入时不读取", kind="date"),
        Column(
            "status",
            "状态",
            "由平台填写，导入时不能修改",
            kind="choice",
            choices=SupervisionClue.Status.choices,
        ),
        Column("result", "办理结果", "由平台填写，导入时不能修改"),
        Column("handled_on", "办结日期", "由平台填写，导入时不能修改", kind="date"),
    ]

    def queryset(self):
        return SupervisionClue.objects.select_related("organization", "body__organization").order_by(
            "received_on", "pk"
        )

    def prepare(self, rows):
        pks = [r["pk"] for r in rows if r["pk"]]
        by_pk = {}
        for start in range(0, len(pks), 900):
            by_pk.update({c.pk: c for c in self.queryset().filter(pk__in=pks[start : start + 900])})
        numbers = {r["external_number"] for r in rows if r["external_number"]}
        by_number = {
            (c.source, c.external_number): c for c in self.queryset().filter(external_number__in=numbers)
        }
        return {
            "orgs": common.organizations({r["organization"] for r in rows}),
            "bodies": common.bodies_named([r for r in rows if r["body_unit"]]),
            "by_pk": by_pk,
            "by_number": by_number,
            "deadlines": {},
            "key_of": lambda c: (c.source, c.external_number) if c.external_number else None,
            "key_header": "来源编号",
            "record_header": "记录编号",
        }

    def match(self, values, ctx):
        if values["pk"]:
            clue = ctx["by_pk"].get(values["pk"])
            if clue is None:
                raise CellError(
                    f"记录编号{values['pk']}不存在；新增线索请将记录编号留空。", column="记录编号"
                )
            return clue
        if values["external_number"]:
            return ctx["by_number"].get((values["source"], values["external_number"]))
        return None

    def build(self, values, existing, ctx):
        by_header = {c.header: c for c in self.columns}
        for header in ("状态", "办理结果", "办结日期"):
            common.keep(values, existing, by_header[header], HANDLING_MESSAGE)
        common.keep(values, existing, by_header["线索来源"], "已登记线索的来源不能修改。")
        if existing is None and (
            values["status"] not in ("", SupervisionClue.Status.REGISTERED)
            or values["result"]
            or values["handled_on"]
        ):
            raise CellError("新登记的线索状态为“已登记”，办理和办结须在线索页面办理。", column="状态")
        clue = copy.copy(existing) if existing else SupervisionClue(source=values["source"])
        clue.external_number = values["external_number"]
        clue.organization = common.unit(ctx, values["organization"], "承办单位代码")
        if values["body_unit"] or values["body"]:
            clue.body = common.body(ctx, values)
        else:
            clue.body = None
        clue.enterprise_related = values["enterprise_related"]
        clue.category = values["category"]
        clue.content = values["content"]
        if existing is None or existing.received_on != values["received_on"]:
            received = values["received_on"]
            if received not in ctx["deadlines"]:
                ctx["deadlines"][received] = handling_deadline(received)
            clue.received_on = received
            clue.due_on = ctx["deadlines"][received].due
            clue.due_explanation = ctx["deadlines"][received].explain()
        return clue

    def update_fields(self):
        return [
            "external_number",
            "received_on",
            "organization",
            "body",
            "enterprise_related",
            "category",
            "content",
            "due_on",
            "due_explanation",
        ]
