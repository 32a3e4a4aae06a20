"""The ledger of the files drawn with their handling officers (by certificate number); an officer without a valid
行政执法证 on the decision date is refused, as on every other path."""

from __future__ import annotations

import copy
import threading

from django.core.exceptions import ValidationError

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import AuditEvent

from ...models import (
    CaseFile,
    CaseFileOfficer,
    Certificate,
    Domain,
    EnforcementBody,
    EnforcementPower,
)
from ...rules import certificates as certificate_rules
from .common import (
    CAMPAIGN,
    CASE_NUMBER,
    _campaign,
    _campaigns,
    _files,
    _officer_numbers,
    _refuse_unless_evaluator,
    _split,
)


@register
class CaseFileLedger(Ledger):
    code = "enforcement_case_files"
    name = "评查案卷"
    model = CaseFile
    description = (
        "每行一份抽取评查的已办结案卷，以“评查活动＋案件编号”识别：再次导入同一案卷时更新其信息。"
        "承办人以行政执法证号填写，多人用“、”分隔；承办人在决定日期须持有效行政执法证。"
        "“总分”“等次”由评分计算，导入时不读取。"
    )
    columns = [
        CAMPAIGN,
        Column(
            "body",
            "执法主体",
            "执法主体名称，与平台登记的一致",
            required=True,
            example="澄湖区市场监管综合行政执法大队",
            getter=lambda f: f.body.name,
        ),
        Column(
            "domain",
            "执法领域",
            "须在评查活动的评查范围内",
            required=True,
            kind="choice",
            choices=Domain.choices,
        ),
        Column(
            "act_kind", "行为类别", "", required=True, kind="choice", choices=EnforcementPower.Kind.choices
        ),
        CASE_NUMBER,
        Column("title", "案件名称", "", required=True, example="某超市经营超过保质期食品案", max_length=200),
        Column(
            "decided_on",
            "决定日期",
            "作出行政执法决定的日期",
            required=True,
            kind="date",
            example="2025-04-18",
        ),
        Column(
            "officers",
            "承办人执法证号",
            "承办执法人员的行政执法证号，多人用“、”分隔",
            example="CH20240002、CH20220003",
            as_text=True,
            getter=lambda f: _officer_numbers(f),
        ),
        Column("total_score", "总分", "由评分计算，导入时不读取", getter=lambda f: f.total_score or ""),
        Column("grade", "等次", "由评分计算，导入时不读取", getter=lambda f: f.get_grade_display()),
    ]

    def __init__(self):
        self._local = threading.local()

    def queryset(self):
        return CaseFile.objects.select_related("campaign", "body").order_by("campaign__name", "case_number")

    def prepare(self, rows):
        numbers = {n for r in rows for n in _split(r["officers"])}
        certificates = Certificate.objects.filter(number__in=numbers).select_related("person")
        self._local.officers = {}
        return {
            "campaigns": _campaigns(rows),
            "files": _files(rows),
            "bodies": {b.name: b for b in EnforcementBody.objects.filter(name__in={r["body"] for r in rows})},
            "holders": {c.number: c.person for c in certificates},
            "key_of": lambda f: (f.campaign_id, f.case_number),
            "key_header": "案件编号",
        }

    def match(self, values, ctx):
        _campaign(ctx, values["campaign"])
        return ctx["files"].get((values["campaign"], values["case_number"]))

    def build(self, values, existing, ctx):
        campaign = _campaign(ctx, values["campaign"])
        body = ctx["bodies"].get(values["body"])
        if body is None:
            raise CellError(f"没有名为“{values['body']}”的执法主体。", column="执法主体")
        case_file = copy.copy(existing) if existing else CaseFile()
        case_file.campaign = campaign
        case_file.body = body
        case_file.domain = values["domain"]
        case_file.act_kind = values["act_kind"]
        case_file.case_number = values["case_number"]
        case_file.title = values["title"]
        case_file.decided_on = values["decided_on"]
        people = []
        for number in _split(values["officers"]):
            person = ctx["holders"].get(number)
            if person is None:
                raise CellError(f"没有证号为“{number}”的执法证件。", column="承办人执法证号")
            people.append(person)
        try:
            certificate_rules.validate_officers_certified(people, case_file.decided_on)
        except ValidationError as exc:
            raise CellError("；".join(exc.messages), column="承办人执法证号") from exc
        self._local.officers[(campaign.pk, case_file.case_number)] = (existing, list(dict.fromkeys(people)))
        return case_file

    def organization_of(self, instance):
        return instance.campaign.organization  # drawing files is the organizer's, not the evaluated unit's

    def update_fields(self):
        return ["campaign", "body", "domain", "act_kind", "case_number", "title", "decided_on"]

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "评查案卷")
        super().save(creates=creates, updates=updates, fields=fields)
        saved = {(f.campaign_id, f.case_number): f for f in [*creates, *updates]}
        entries = []
        for key, (existing, people) in self._local.officers.items():
            case_file = saved.get(key, existing)
            if case_file is None or case_file.pk is None:
                continue
            have = {link.person_id: link for link in CaseFileOfficer.objects.filter(case_file=case_file)}
            for person_id, link in have.items():
                if person_id not in {p.pk for p in people}:
                    entries.append(
                        audit.Entry(
                            AuditEvent.Action.DELETE, link, {"person_id": [person_id, None]}, note="台账导入"
                        )
                    )
                    link.delete()
            for person in people:
                if person.pk not in have:
                    link = CaseFileOfficer.objects.create(case_file=case_file, person=person)
                    entries.append(
                        audit.Entry(
                            AuditEvent.Action.CREATE,
                            link,
                            audit.diff({}, audit.snapshot(link)),
                            note="台账导入",
                        )
                    )
        audit.append(actor=actor, entries=entries)
