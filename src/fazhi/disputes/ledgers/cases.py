"""The reconsideration docket as a ledger (行政复议案件台账): export, template and import of applications. A row with a
known 案号 updates that case's particulars; a row without one registers a new application, numbered in the year it
was received from the same locked sequence as the pages. Each row is checked by the same rules as the service
(rules/cases.py, through the model's full_clean: the applicant's ID, the order of the dates, no date after today).

A new row may bring a case's later steps (受理, 答复通知, 听取意见, 延期, 结案方式 and its dates, 归档): it is a case
decided before the platform, checked by driving the same services (ledgers/history.py). A case already on the
platform takes its steps on its page or through the API: an import leaves its state, clocks and outcome alone and
refuses a row that says otherwise."""

from __future__ import annotations

import copy

from fazhi.core import crypto, ids
from fazhi.core import services as core_services
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Organization

from .. import services
from ..models import ReconsiderationCase
from ..rules import cases as rules
from ..rules import outcomes as outcome_rules
from . import history


def _masked(case: ReconsiderationCase) -> str:
    return case.masked_id_code


def _application_key(case: ReconsiderationCase) -> tuple:
    """What makes two rows the same application: the day received, the applicant, the respondent, the act."""
    return (case.received_on, case.applicant_id_code, case.respondent.code, case.contested_act.strip())


@register
class ReconsiderationCaseLedger(Ledger):
    code = "disputes_cases"
    name = "行政复议案件"
    model = ReconsiderationCase
    description = (
        "每行一件行政复议申请。填写“案号”的，更新该案件的申请信息；案号留空的，登记为新收到的申请并按收到年度自动编号"
        "（收到日期、申请人证件号码、被申请人和被申请复议的行政行为都相同的，视为已登记的同一申请，不重复登记）。"
        "身份证号导出时脱敏，原样导回不会改变；要更正请填写完整号码。"
        "平台启用前已办理的案件，新登记时可一并填写受理、答复通知、听取意见、延期、结案方式、审批、归档等步骤及日期，"
        "按与平台中办理相同的规则逐步检查（审查期限届满后受理的视为受理，延期须在审理期限内批准，决定须经负责人同意或"
        "集体讨论通过等）。已在平台上的案件，其状态、期限和结案结果在平台中办理，导入不改变。"
    )
    columns = [
        Column(
            "docket_number", "案号", "已有案件的案号；新申请留空", example="", max_length=40, as_text=True
        ),
        Column("received_on", "收到申请日期", required=True, kind="date", example="2025-03-03"),
        Column(
            "channel",
            "申请渠道",
            required=True,
            kind="choice",
            choices=ReconsiderationCase.Channel.choices,
            example="当面申请",
        ),
        Column(
            "applicant_kind",
            "申请人类型",
            required=True,
            kind="choice",
            choices=ReconsiderationCase.ApplicantKind.choices,
            example="自然人",
        ),
        Column("applicant_name", "申请人", required=True, example="张某", max_length=120),
        Column(
            "applicant_id_code",
            "证件号码",
            "身份证号或统一社会信用代码",
            required=True,
            as_text=True,
            example="990102198506150011",
            getter=_masked,
        ),
        Column("applicant_contact", "住址及联系方式", max_length=200),
        Column("agent", "委托代理人", max_length=200),
        Column(
            "respondent",
            "被申请人单位代码",
            required=True,
            as_text=True,
            example="CH-SCJ",
            getter=lambda c: c.respondent.code,
        ),
        Column(
            "contested_act",
            "被申请复议的行政行为",
            required=True,
            max_length=300,
            example="澄市监罚〔2025〕7号行政处罚决定",
        ),
        Column("act_date", "行政行为作出日期", required=True, kind="date", example="2025-02-10"),
        Column("request", "复议请求", required=True, example="撤销该行政处罚决定"),
        Column(
            "organization",
            "复议机构单位代码",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda c: c.organization.code,
        ),
        Column(
            "known_on",
            "知道或者应当知道行政行为之日",
            "申请期限自该日起六十日（行政复议法第二十条）；不填以作出日期计",
            kind="date",
            example="2025-02-12",
        ),
        Column(
            "nonperformance",
            "认为被申请人不履行法定职责",
            "是/否；只有此类案件可以驳回行政复议请求（行政复议法第六十九条）",
            kind="bool",
            example="否",
        ),
        Column(
            "procedure",
            "审理程序",
            "不填为普通程序",
            kind="choice",
            choices=ReconsiderationCase.Procedure.choices,
            example="普通程序",
        ),
        *history.COLUMNS,
    ]

    def queryset(self):
        return (
            ReconsiderationCase.objects.select_related("organization", "respondent")
            .prefetch_related("opinions")
            .order_by("docket_year", "docket_seq")
        )

    def prepare(self, rows):
        codes = {r["respondent"] for r in rows} | {r["organization"] for r in rows}
        numbers = {r["docket_number"] for r in rows if r["docket_number"]}
        unnumbered = [r for r in rows if not r["docket_number"]]
        same_application = {}
        if unnumbered:
            candidates = self.queryset().filter(
                received_on__in={r["received_on"] for r in unnumbered},
                applicant_id_code_hash__in=crypto.blind_indexes(r["applicant_id_code"] for r in unnumbered),
            )
            same_application = {_application_key(c): c for c in candidates}
        return {
            "orgs": {o.code: o for o in Organization.objects.filter(code__in=codes)},
            "cases": {c.docket_number: c for c in self.queryset().filter(docket_number__in=numbers)},
            "same_application": same_application,
            "key_of": lambda c: c.docket_number if c.pk or c.docket_seq else _application_key(c),
            "key_header": "案号",
        }

    def match(self, values, ctx):
        number = values["docket_number"]
        if not number:
            # A row without 案号 is the same application as a case received the same day from the same applicant
            # against the same act of the same respondent: importing the original file again changes nothing.
            key = (
                values["received_on"],
                ids.normalize(values["applicant_id_code"]),
                values["respondent"],
                values["contested_act"].strip(),
            )
            return ctx["same_application"].get(key)
        case = ctx["cases"].get(number)
        if case is None and not history.STEPS.given(values):
            raise CellError(
                f"案号“{number}”不存在；新申请请将案号留空（平台启用前已办理的案件可保留原案号，并填写其办理步骤）。",
                column="案号",
            )
        return case

    def unchanged(self, values, existing):
        if values["applicant_id_code"] == existing.masked_id_code:
            return {**values, "applicant_id_code": existing.applicant_id_code}
        if "*" in values["applicant_id_code"]:
            raise CellError("脱敏号码与该案件的证件号码不符；要更正请填写完整号码。", column="证件号码")
        return values

    def build(self, values, existing, ctx):
        actor = ctx["actor"]
        services.require_office(actor)
        case = copy.copy(existing) if existing else ReconsiderationCase()
        for key, header in (("respondent", "被申请人单位代码"), ("organization", "复议机构单位代码")):
            unit = ctx["orgs"].get(values[key])
            if unit is None:
                raise CellError(f"单位代码“{values[key]}”不存在。", column=header)
            setattr(case, key, unit)
        rules.validate_respondent(actor, case.respondent)
        if "*" in values["applicant_id_code"]:
            raise CellError("新申请须填写完整的证件号码（不能是脱敏号码）。", column="证件号码")
        for name in self.update_fields():
            if name not in ("respondent", "organization"):
                setattr(case, name, values[name])
        case.procedure = values["procedure"] or (
            existing.procedure if existing else ReconsiderationCase.Procedure.ORDINARY
        )
        case.applicant_id_code = ids.normalize(case.applicant_id_code)
        if existing is None:
            case.docket_number, case.docket_year, case.docket_seq = "待编号", values["received_on"].year, 0
            if history.STEPS.given(values):
                return self._numbered(self._history(case, values, actor), values["docket_number"])
        else:
            rules.validate_received_in_docket_year(values["received_on"], existing.docket_year)
            if history.STEPS.given(values):
                self._check_steps_unchanged(case, values, existing, actor)
        return case

    def _numbered(self, case, number):
        """A decided case keeps the 案号 it was given before the platform (save() reserves its place)."""
        if number:
            seq = rules.docket_seq_of(number, case.docket_year)
            if seq is None:
                raise CellError(rules.bad_historic_docket(number, case.docket_year), column="案号")
            case.docket_number, case.docket_seq = number, seq
        return case

    def _particulars(self, case):
        return {name: getattr(case, name) for name in services.REGISTRATION_FIELDS}

    def _history(self, case, values, actor):
        """A case decided before the platform: the record the services make of its steps."""
        driven, opinion, warnings = history.drive(
            actor=actor, particulars=self._particulars(case), values=values
        )
        driven.organization, driven.respondent = case.organization, case.respondent
        return history.as_new(driven, opinion, warnings)

    def _check_steps_unchanged(self, case, values, existing, actor):
        """A case on the platform keeps its steps: the row's must be what the case records (as exported), or what
        the services make of them (the original history file again, e.g. an acceptance deemed under 第三十条)."""
        if not history.STEPS.given(values):
            return  # the row registers only (the district's first file again): the steps taken since are kept
        have = history.current(existing)
        if history.STEPS.same(
            history.STEPS.kept(values, have), have
        ):  # empty cells keep what the case records
            return
        try:
            driven, opinion, _ = history.drive(
                actor=actor, particulars=self._particulars(case), values=values
            )
            made = history.values_of(driven, opinion)
        except CellError:
            made = values  # steps the services refuse are not what the case records either
        if not history.STEPS.same(made, have):
            raise CellError(
                f"该案件已在平台上（{existing.get_status_display()}），办理步骤只能在案件页面或通过接口办理，"
                "导入不改变；请按导出的台账填写。",
                column=history.STEPS.first_difference(made, have),
            )

    def update_fields(self):
        """The registration particulars (services.REGISTRATION_FIELDS) that the ledger has columns for."""
        keys = {c.key for c in self.columns}
        return [name for name in services.REGISTRATION_FIELDS if name in keys]

    def save(self, *, creates, updates, fields, actor=None):
        for case in creates:
            if case.docket_seq:
                services.reserve_docket(case)
        for case in sorted(creates, key=lambda c: c.received_on):
            if not case.docket_seq:
                services.assign_docket(case)
        super().save(creates=creates, updates=updates, fields=fields)
        for case in creates:
            opinion = getattr(case, "_history_opinion", None)
            if opinion is not None:
                opinion.case = case
                core_services.create_record(
                    actor=actor, instance=opinion, note="台账导入：平台启用前听取的意见"
                )
            suspension = getattr(case, "_history_suspension", None)
            if suspension is not None:
                suspension.case = case
                core_services.create_record(
                    actor=actor, instance=suspension, note="台账导入：平台启用前的中止审理"
                )
        for case in list(creates) + list(updates):
            services.refresh_clocks(case)

    def warnings(self, instance):
        """For a new case, what its page flags: an application received after the 第二十条/第二十一条 period, and the
        periods a case decided before the platform overran. Said by the dry run as by the import."""
        if instance.pk is not None:
            return []
        late = outcome_rules.late_application(instance)
        return ([late] if late else []) + list(getattr(instance, "_history_warnings", ()))
