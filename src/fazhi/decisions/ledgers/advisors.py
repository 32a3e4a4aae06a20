"""Ledgers of legal advisors' attendances at government meetings (法律顾问列席会议) and their reviews of documents and
contracts (法律顾问审查): each row built into the record and checked by decisions.rules through full_clean."""

from __future__ import annotations

import copy

from django.db import transaction

from fazhi.core import ids
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Person, User

from ..models import AdvisorAttendance, AdvisorReview, LegalAdvisor
from .common import ADOPTED, YES_NO_UNKNOWN, advisor_named, advisors_named, unit_named, units_by_code

# 法律顾问名录 ---------------------------------------------------------------------------------------------------


def _codes(advisor: LegalAdvisor) -> str:
    return "、".join(sorted(o.code for o in advisor.units_served.all()))


@register
class LegalAdvisorLedger(Ledger):
    """The legal-advisor directory (法律顾问名录): the parent of the attendance and review ledgers."""

    code = "legal_advisors"
    name = "法律顾问名录"
    model = LegalAdvisor
    description = (
        "以“聘请单位代码＋名称＋聘期开始”识别一份聘用，重复导入不会新增。服务单位填单位代码，多个以顿号或逗号分隔；"
        "只改服务单位的重新导入暂不生效，请在法律顾问页面修改。"
    )
    columns = [
        Column(
            "name",
            "名称",
            "个人填姓名，律师事务所填所名",
            required=True,
            example="宁夏某某律师事务所",
            max_length=120,
        ),
        Column(
            "kind",
            "类型",
            required=True,
            kind="choice",
            choices=LegalAdvisor.Kind.choices,
            example="律师事务所",
        ),
        Column(
            "organization",
            "聘请单位代码",
            required=True,
            example="QS",
            as_text=True,
            getter=lambda a: a.organization.code,
        ),
        Column("contract_start", "聘期开始", required=True, kind="date", example="2024-01-01"),
        Column("contract_end", "聘期结束", required=True, kind="date", example="2025-12-31"),
        Column(
            "units_served",
            "服务单位代码",
            "多个以顿号或逗号分隔，可留空",
            example="QS-JYJ、QS-SCJ",
            getter=_codes,
        ),
        Column(
            "person",
            "对应人员身份证号",
            "个人顾问已在人员台账中的，填其身份证号；可留空",
            as_text=True,
            getter=lambda a: a.person.masked_id_number if a.person_id else "",
        ),
        Column(
            "user",
            "登录账号",
            "法律顾问本人的用户名（须已在用户账号台账中），可留空",
            getter=lambda a: a.user.username if a.user_id else "",
        ),
        Column("contact", "联系方式", example="0951-1234567", max_length=60),
    ]

    def queryset(self):
        return (
            LegalAdvisor.objects.select_related("organization", "person", "user")
            .prefetch_related("units_served")
            .order_by("organization__path", "name", "contract_start")
        )

    def prepare(self, rows):
        numbers = [ids.normalize(r["person"]) for r in rows if r["person"] and "*" not in r["person"]]
        return {
            "orgs": units_by_code(),
            "existing": {
                (a.organization.code, a.name, a.contract_start): a
                for a in LegalAdvisor.objects.select_related("organization", "person", "user").filter(
                    name__in={r["name"] for r in rows}
                )
            },
            "people": {p.id_number: p for p in Person.objects.with_id_numbers(numbers)},
            "users": {u.username: u for u in User.objects.filter(username__in={r["user"] for r in rows})},
            "key_of": lambda a: (a.organization.code, a.name, a.contract_start),
            "key_header": "名称",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((values["organization"], values["name"], values["contract_start"]))

    def build(self, values, existing, ctx):
        advisor = copy.copy(existing) if existing else LegalAdvisor()
        advisor.organization = unit_named(ctx, values["organization"], "聘请单位代码")
        served = [
            c for c in values["units_served"].replace(",", "、").replace("，", "、").split("、") if c.strip()
        ]
        advisor._units_served = [unit_named(ctx, code.strip(), "服务单位代码") for code in served]
        person = None
        if values["person"]:
            if (
                existing is not None
                and existing.person_id
                and values["person"] == existing.person.masked_id_number
            ):
                person = existing.person
            else:
                person = ctx["people"].get(ids.normalize(values["person"]))
                if person is None:
                    raise CellError("该身份证号的人员不存在，请先导入“人员”台账。", column="对应人员身份证号")
        user = None
        if values["user"]:
            user = ctx["users"].get(values["user"])
            if user is None:
                raise CellError(
                    f"用户名“{values['user']}”不存在，请先导入“用户账号”台账。", column="登录账号"
                )
        advisor.person, advisor.user = person, user
        for key in ("name", "kind", "contract_start", "contract_end", "contact"):
            setattr(advisor, key, values[key])
        return advisor

    def save(self, *, creates, updates, fields, actor=None):
        with transaction.atomic():
            super().save(creates=creates, updates=updates, fields=fields, actor=actor)
            for advisor in creates:
                advisor.units_served.set(advisor._units_served)


# 法律顾问列席会议 -----------------------------------------------------------------------------------------------


@register
class AdvisorAttendanceLedger(Ledger):
    code = "advisor_attendances"
    name = "法律顾问列席会议"
    model = AdvisorAttendance
    description = (
        "以“法律顾问＋会议名称＋会议日期”识别一次列席。法律顾问须已在名录中登记，会议日期须在其聘期内；"
        "同名的法律顾问有多份聘用合同的，按会议日期所在的聘期对应。"
    )
    columns = [
        Column(
            "advisor",
            "法律顾问",
            "法律顾问名录中的名称（个人姓名或律师事务所名称）",
            required=True,
            example="宁夏某某律师事务所",
            getter=lambda a: a.advisor.name,
        ),
        Column(
            "organization",
            "召集单位代码",
            "召集会议的单位的单位代码",
            required=True,
            example="QS",
            as_text=True,
            getter=lambda a: a.organization.code,
        ),
        Column(
            "meeting_kind",
            "会议类型",
            required=True,
            kind="choice",
            choices=AdvisorAttendance.MeetingKind.choices,
            example="政府常务会议",
        ),
        Column("meeting_name", "会议名称", required=True, example="区政府第12次常务会议", max_length=120),
        Column("held_on", "会议日期", required=True, kind="date", example="2024-06-12"),
    ]

    def queryset(self):
        return AdvisorAttendance.objects.select_related("advisor", "organization").order_by("held_on", "pk")

    def prepare(self, rows):
        advisors = advisors_named({r["advisor"] for r in rows})
        ids = [a.pk for group in advisors.values() for a in group]
        days = [r["held_on"] for r in rows]
        existing = {}
        if ids and days:
            for a in AdvisorAttendance.objects.filter(
                advisor__in=ids, held_on__range=(min(days), max(days))
            ).select_related("advisor__organization", "organization"):
                existing[(a.advisor_id, a.meeting_name, a.held_on)] = a
        return {
            "orgs": units_by_code(),
            "advisors": advisors,
            "existing": existing,
            "key_of": lambda a: (a.advisor_id, a.meeting_name, a.held_on),
            "key_header": "会议名称",
        }

    def _advisor(self, values, ctx):
        unit = unit_named(ctx, values["organization"], "召集单位代码")
        return unit, advisor_named(ctx, values["advisor"], unit, values["held_on"], date_header="会议日期")

    def match(self, values, ctx):
        _, advisor = self._advisor(values, ctx)
        return ctx["existing"].get((advisor.pk, values["meeting_name"], values["held_on"]))

    def build(self, values, existing, ctx):
        unit, advisor = self._advisor(values, ctx)
        attendance = copy.copy(existing) if existing else AdvisorAttendance()
        attendance.advisor = advisor
        attendance.organization = unit
        attendance.meeting_kind = values["meeting_kind"]
        attendance.meeting_name = values["meeting_name"]
        attendance.held_on = values["held_on"]
        return attendance


# 法律顾问审查 -----------------------------------------------------------------------------------------------------


@register
class AdvisorReviewLedger(Ledger):
    code = "advisor_reviews"
    name = "法律顾问审查"
    model = AdvisorReview
    description = (
        "新增记录时“记录编号”留空；导出后修改再导入时以记录编号识别记录。记录编号留空而法律顾问、委托单位、"
        "审查事项和收到日期都与已有记录相同的，视为同一条记录，重复导入不会重复计数。"
    )
    columns = [
        Column(
            "pk",
            "记录编号",
            "平台生成的编号，新增记录留空；导出后修改再导入时用于识别记录",
            kind="int",
            getter=lambda r: r.pk,
        ),
        Column(
            "advisor",
            "法律顾问",
            "法律顾问名录中的名称（个人姓名或律师事务所名称）",
            required=True,
            example="宁夏某某律师事务所",
            getter=lambda r: r.advisor.name,
        ),
        Column(
            "organization",
            "委托单位代码",
            "委托审查的单位的单位代码",
            required=True,
            example="QS-JYJ",
            as_text=True,
            getter=lambda r: r.organization.code,
        ),
        Column(
            "subject",
            "审查事项",
            "合同或文件的名称",
            required=True,
            example="校舍维修工程施工合同",
            max_length=200,
        ),
        Column(
            "subject_kind",
            "事项类型",
            required=True,
            kind="choice",
            choices=AdvisorReview.SubjectKind.choices,
            example="合同",
        ),
        Column("received_on", "收到日期", required=True, kind="date", example="2024-03-04"),
        Column("completed_on", "出具意见日期", "尚未出具意见的留空", kind="date", example="2024-03-08"),
        Column("opinion", "审查意见", "出具意见的须填写", example="建议补充违约责任条款"),
        Column(
            "adopted",
            "是否采纳",
            "意见是否被采纳；尚不清楚的留空",
            kind="choice",
            choices=YES_NO_UNKNOWN,
            example="是",
            getter=lambda r: {True: "是", False: "否"}.get(r.adopted, ""),
        ),
    ]

    def queryset(self):
        return AdvisorReview.objects.select_related("advisor", "organization").order_by("received_on", "pk")

    def prepare(self, rows):
        advisors = advisors_named({r["advisor"] for r in rows})
        reviews = AdvisorReview.objects.select_related("advisor__organization", "organization")
        pks = [r["pk"] for r in rows if r["pk"]]
        by_pk = {}
        for start in range(0, len(pks), 900):
            by_pk.update({r.pk: r for r in reviews.filter(pk__in=pks[start : start + 900])})
        ids = [a.pk for group in advisors.values() for a in group]
        days = [r["received_on"] for r in rows]
        by_key = {}
        if ids and days:
            for r in reviews.filter(advisor__in=ids, received_on__range=(min(days), max(days))):
                by_key[(r.advisor_id, r.organization_id, r.subject, r.received_on)] = r
        return {
            "orgs": units_by_code(),
            "advisors": advisors,
            "by_pk": by_pk,
            "by_key": by_key,
            "key_of": lambda r: (r.advisor_id, r.organization_id, r.subject, r.received_on),
            "key_header": "审查事项",
            "record_header": "记录编号",
        }

    def _advisor(self, values, ctx):
        unit = unit_named(ctx, values["organization"], "委托单位代码")
        return unit, advisor_named(
            ctx, values["advisor"], unit, values["received_on"], date_header="收到日期"
        )

    def match(self, values, ctx):
        if values["pk"]:
            review = ctx["by_pk"].get(values["pk"])
            if review is None:
                raise CellError(
                    f"记录编号{values['pk']}不存在；新增记录请将记录编号留空。", column="记录编号"
                )
            return review
        unit, advisor = self._advisor(values, ctx)
        return ctx["by_key"].get((advisor.pk, unit.pk, values["subject"], values["received_on"]))

    def build(self, values, existing, ctx):
        unit, advisor = self._advisor(values, ctx)
        review = copy.copy(existing) if existing else AdvisorReview()
        review.advisor = advisor
        review.organization = unit
        review.subject = values["subject"]
        review.subject_kind = values["subject_kind"]
        review.received_on = values["received_on"]
        review.completed_on = values["completed_on"]
        review.opinion = values["opinion"]
        review.adopted = ADOPTED[values["adopted"]]
        return review
