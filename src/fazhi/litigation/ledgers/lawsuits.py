"""The lawsuit ledger (行政应诉案件台账, known by its case number). An import registers and corrects lawsuits with the
service's field list, deadline and rules (model.clean → rules.validate_lawsuit, rules.validate_reconsideration_case).

A new row may bring the lawsuit's later steps (答辩, 开庭 and whether the head appeared, 裁判, 上诉, 生效, 履行): a lawsuit
judged before the platform, checked by driving the same services (ledgers/history.py) and counted by the figures
like any other. A lawsuit already on the platform takes its steps on its page or through the API: an import leaves
them alone and refuses a row that says otherwise."""

from __future__ import annotations

import copy

from fazhi.core import access, ids
from fazhi.core import services as core_services
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Person
from fazhi.disputes import selectors as disputes_selectors

from ..models import Lawsuit
from ..rules import lawsuits as rules
from ..services import lawsuits as services
from . import history
from .common import READ_ONLY, organizations, unit


def _date(value) -> str:
    return value.isoformat() if value else ""


@register
class LawsuitLedger(Ledger):
    code = "litigation_lawsuits"
    name = "行政应诉案件"
    model = Lawsuit
    description = (
        "每行一件行政诉讼案件（一审、二审、再审各一行），以“案号”识别：同一案号再次导入时更新登记信息，不重复登记。"
        "答辩期限按送达日期自动计算（行政诉讼法第六十七条）。二审、再审案件须填写一审案号，一审案件须已登记或在同一文件中位于其前。"
        "原告证件号码导出时脱敏，原样导回不改变原号码。平台启用前已办理的案件，新登记时可一并填写答辩、开庭（负责人是否出庭）、"
        "裁判结果、上诉、生效、履行等步骤及日期，按与平台中办理相同的规则逐步检查；二审“驳回上诉、维持原判”的，生效结果即一审的结果。"
        "已在平台上的案件，其答辩、开庭、裁判、履行由办理流程登记，导入不改变。"
    )
    columns = [
        Column(
            "case_number",
            "案号",
            "法院立案案号，不重复",
            required=True,
            example="（2025）宁0303行初12号",
            max_length=60,
        ),
        Column("court", "受理法院", required=True, example="澄湖区人民法院", max_length=100),
        Column(
            "instance",
            "审级",
            required=True,
            kind="choice",
            choices=Lawsuit.Instance.choices,
            example="一审",
        ),
        Column(
            "first_instance",
            "一审案号",
            "二审、再审案件填写原一审案号；一审留空",
            example="（2024）宁0303行初7号",
            getter=lambda s: s.first_instance.case_number if s.first_instance_id else "",
        ),
        Column(
            "plaintiff_kind",
            "原告类型",
            required=True,
            kind="choice",
            choices=Lawsuit.PlaintiffKind.choices,
            example="自然人",
        ),
        Column("plaintiff_name", "原告", required=True, example="张某某", max_length=120),
        Column(
            "plaintiff_id_number",
            "原告证件号码",
            "自然人填居民身份证号，法人或其他组织填统一社会信用代码；导出时脱敏",
            required=True,
            as_text=True,
            getter=lambda s: s.masked_plaintiff_id,
        ),
        Column(
            "defendant",
            "被告单位代码",
            "被告行政机关的单位代码",
            required=True,
            as_text=True,
            example="CH-ZRZY",
            getter=lambda s: s.defendant.code,
        ),
        Column(
            "responsible_department",
            "主管部门代码",
            "负责应诉的主管（原承办或牵头）部门的单位代码",
            required=True,
            as_text=True,
            example="CH-ZRZY",
            getter=lambda s: s.responsible_department.code,
        ),
        Column(
            "reconsideration",
            "复议案号",
            "经行政复议后起诉的，所经复议案件的案号；未经复议的留空",
            as_text=True,
            example="",
            getter=lambda s: s.reconsideration.docket_number if s.reconsideration_id else "",
        ),
        Column("cause", "案由", required=True, example="土地行政征收", max_length=200),
        Column("contested_act", "被诉行政行为", example="澄自然资征〔2025〕3号征收补偿决定"),
        Column("filed_on", "立案日期", kind="date", example="2025-03-03"),
        Column(
            "served_on",
            "送达日期",
            "起诉状副本送达被告之日",
            required=True,
            kind="date",
            example="2025-03-06",
        ),
        Column("defence_due", "答辩期限", READ_ONLY, getter=lambda s: _date(s.defence_due)),
        Column("status_label", "状态", READ_ONLY, getter=lambda s: s.get_status_display()),
        *history.COLUMNS,
    ]

    def queryset(self):
        return (
            Lawsuit.objects.select_related(
                "defendant", "responsible_department", "first_instance", "reconsideration"
            )
            .prefetch_related("hearings__head")
            .order_by("served_on", "pk")
        )

    def prepare(self, rows):
        numbers = {r["case_number"] for r in rows} | {
            r["first_instance"] for r in rows if r["first_instance"]
        }
        codes = {r["defendant"] for r in rows} | {r["responsible_department"] for r in rows}
        return {
            "orgs": organizations(codes),
            "lawsuits": {s.case_number: s for s in self.queryset().filter(case_number__in=numbers)},
            "dockets": {r["reconsideration"] for r in rows if r["reconsideration"]},
            "heads": {ids.normalize(r["head"]) for r in rows if r["head"] and "*" not in r["head"]},
            "new": {},
            "deadlines": {},
            "key_of": lambda s: s.case_number,
            "key_header": "案号",
        }

    def match(self, values, ctx):
        return ctx["lawsuits"].get(values["case_number"])

    def unchanged(self, values, existing):
        head = values["head"]
        if head and "*" in head:
            hearing = history.chosen_hearing(existing)
            if hearing is None or not hearing.head_id or ids.mask_id_number(hearing.head.id_number) != head:
                raise CellError(
                    "脱敏号码与该案出庭负责人的证件号码不符；请填写完整号码。", column="出庭负责人证件号码"
                )
            values = {**values, "head": hearing.head}
        number = values["plaintiff_id_number"]
        if number == existing.masked_plaintiff_id:
            return {**values, "plaintiff_id_number": existing.plaintiff_id_number}
        if "*" in number:
            raise CellError("脱敏号码与该案原告的证件号码不符；要更正请填写完整号码。", column="原告证件号码")
        return values

    def _reconsideration(self, values, ctx):
        """The case by docket number among those the importer may see, checked by the service's rule."""
        number = values["reconsideration"]
        if not number:
            return None
        if "reconsiderations" not in ctx:
            visible = disputes_selectors.cases_for(ctx["actor"]).filter(docket_number__in=ctx["dockets"])
            ctx["reconsiderations"] = {c.docket_number: c for c in visible}
        case = ctx["reconsiderations"].get(number)
        if case is None:
            raise CellError(rules.unknown_reconsideration(number), column="复议案号")
        rules.validate_reconsideration_case(ctx["actor"], case)
        return case

    def _first_instance(self, values, ctx):
        number = values["first_instance"]
        if not number:
            return None
        first = ctx["lawsuits"].get(number) or ctx["new"].get(number)
        if first is None:
            raise CellError(rules.unknown_first_instance(number), column="一审案号")
        return first

    def build(self, values, existing, ctx):
        lawsuit = copy.copy(existing) if existing else Lawsuit()
        fields = {name: values[name] for name in services.LAWSUIT_FIELDS}
        fields["first_instance"] = self._first_instance(values, ctx)
        fields["defendant"] = unit(ctx, values["defendant"], "被告单位代码")
        fields["responsible_department"] = unit(ctx, values["responsible_department"], "主管部门代码")
        rules.validate_parties(
            ctx["actor"],
            defendant=fields["defendant"]
            if existing is None or existing.defendant != fields["defendant"]
            else None,
            first_instance=fields["first_instance"]
            if existing is None or existing.first_instance_id != getattr(fields["first_instance"], "pk", None)
            else None,
            responsible_department=fields["responsible_department"]
            if existing is None or existing.responsible_department != fields["responsible_department"]
            else None,
        )
        old_case = existing.reconsideration if existing else None
        if existing is None or values["reconsideration"] != (old_case.docket_number if old_case else ""):
            fields["reconsideration"] = self._reconsideration(values, ctx)
        else:
            fields["reconsideration"] = old_case
        if existing is None or existing.served_on != values["served_on"]:
            served = values["served_on"]
            if served not in ctx["deadlines"]:
                ctx["deadlines"][served] = services.deadline_fields(served)
            fields.update(ctx["deadlines"][served])
        for name, value in fields.items():
            setattr(lawsuit, name, value.strip() if isinstance(value, str) else value)
        if history.STEPS.given(values):
            values = {**values, "head": self._head(values, ctx)}
            if existing is None:
                lawsuit = self._history(lawsuit, fields, values, ctx)
            else:
                self._check_steps_unchanged(lawsuit, fields, values, existing, ctx)
        if existing is None:
            # A placeholder id until save(): a second instance in the same file may name this one as its first.
            lawsuit.pk = -(len(ctx["new"]) + 1)
            ctx["new"][lawsuit.case_number] = lawsuit
        return lawsuit

    def _head(self, values, ctx):
        """The head who appeared, by ID number, among the people the importer may see."""
        head = values["head"]
        if head is None or isinstance(head, Person) or not head:
            return head or None
        if "people" not in ctx:
            people = access.scope(ctx["actor"], Person.objects.with_id_numbers(ctx["heads"]))
            ctx["people"] = {p.id_number: p for p in people.select_related("organization")}
        person = ctx["people"].get(ids.normalize(head))
        if person is None:
            raise CellError(
                f"证件号码为{ids.mask_id_number(head)}的人员不存在或您无权查看。", column="出庭负责人证件号码"
            )
        return person

    def _fields(self, lawsuit, fields):
        return {name: fields.get(name, getattr(lawsuit, name)) for name in services.LAWSUIT_FIELDS}

    def _history(self, lawsuit, fields, values, ctx):
        """A lawsuit judged before the platform: the record the services make of its steps."""
        driven, hearing = history.drive(
            actor=ctx["actor"], fields=self._fields(lawsuit, fields), values=values
        )
        for name in ("defendant", "responsible_department", "first_instance", "reconsideration"):
            setattr(driven, name, fields[name])
        driven.pk = driven.id = None
        if hearing is not None:
            hearing.pk = hearing.id = None
        driven._history_hearing = hearing
        return driven

    def _check_steps_unchanged(self, lawsuit, fields, values, existing, ctx):
        """A lawsuit on the platform keeps its steps: the row's must be what it records (as exported), or what the
        services make of them (the original history file again)."""
        if not history.STEPS.given(values):
            return  # the row registers only (the district's first file again): the steps taken since are kept
        have, row = history.current(existing), history.comparable(values)
        if history.STEPS.same(
            history.STEPS.kept(row, have), have
        ):  # empty cells keep what the lawsuit records
            return
        try:
            driven, hearing = history.drive(
                actor=ctx["actor"], fields=self._fields(lawsuit, fields), values=values
            )
            made = history.values_of(driven, hearing)
        except CellError:
            made = row
        if not history.STEPS.same(made, have):
            raise CellError(
                f"该案件已在平台上（{existing.get_status_display()}），办理步骤只能在案件页面或通过接口办理，"
                "导入不改变；请按导出的台账填写。",
                column=history.STEPS.first_difference(made, have),
            )

    def update_fields(self):
        return [*services.LAWSUIT_FIELDS, *services.DEADLINE_FIELDS]

    def save(self, *, creates, updates, fields, actor=None):
        # One at a time in file order, so a second instance takes its first instance's real id.
        for lawsuit in creates:
            lawsuit.pk = None
            lawsuit.first_instance = lawsuit.first_instance
            lawsuit.save(force_insert=True)
            hearing = getattr(lawsuit, "_history_hearing", None)
            if hearing is not None:
                hearing.lawsuit = lawsuit
                core_services.create_record(
                    actor=actor, instance=hearing, note="台账导入：平台启用前的开庭记录"
                )
        for lawsuit in updates:
            lawsuit.first_instance = lawsuit.first_instance
        super().save(creates=[], updates=updates, fields=fields)
