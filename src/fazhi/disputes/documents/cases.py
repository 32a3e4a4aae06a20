"""The formal documents of a reconsideration case as .docx, filled in from the record: 受理通知书, 不予受理决定书,
补正通知书, 提出答复通知书, 延期审理通知书, 中止/恢复审理通知书 and the skeleton of the 行政复议决定书. Producing one is
written to the audit trail as an export; whoever may see the case may produce it. Laid out by core.io.officialdoc
(A4, GB/T 9704 margins, fonts and page numbers)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core import access, audit
from fazhi.core.io.officialdoc import OfficialDocument, chinese_date
from fazhi.core.models import AuditEvent, User

from ..models import ReconsiderationCase
from ..rules import cases as rules


@dataclass(frozen=True)
class Kind:
    code: str
    title: str
    ready: Callable[[ReconsiderationCase], bool]
    not_ready: str
    body: Callable[[ReconsiderationCase], list[str]]
    addressee: Callable[[ReconsiderationCase], str]


def _d(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _applicant(case: ReconsiderationCase) -> str:
    return case.applicant_name


def _respondent(case: ReconsiderationCase) -> str:
    return case.respondent.name


def _office(case: ReconsiderationCase) -> str:
    return case.organization.name


def _acceptance(case: ReconsiderationCase) -> list[str]:
    how = (
        "审查期限届满未作出不予受理决定，依法视为受理"
        if case.deemed_accepted
        else "经审查，符合法定受理条件，决定予以受理"
    )
    return [
        f"你（单位）不服{_respondent(case)}作出的{case.contested_act}，于{_d(case.received_on)}"
        f"向本机关提出的行政复议申请收悉。{how}，受理日期为{_d(case.accepted_on)}，"
        f"案号为{case.docket_number}，适用{case.get_procedure_display()}审理。",
        f"依照{rules.LAW}第三十条的规定，特此通知。",
    ]


def _refusal(case: ReconsiderationCase) -> list[str]:
    return [
        f"申请人：{case.applicant_name}。",
        f"被申请人：{_respondent(case)}。",
        f"申请人不服被申请人作出的{case.contested_act}，于{_d(case.received_on)}向本机关申请行政复议。",
        f"经审查，{case.refusal_reason}",
        f"根据{rules.LAW}第三十条的规定，本机关决定：不予受理。",
        "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。",
    ]


def _supplement(case: ReconsiderationCase) -> list[str]:
    clock = case.clocks.filter(kind="supplement").first()
    due = f"（即{_d(clock.due_on)}前）" if clock else ""
    return [
        f"你（单位）于{_d(case.received_on)}提出的行政复议申请（{case.docket_number}）材料不齐全、表述不清楚，"
        f"请补正以下材料：{case.supplement_items}",
        f"请自收到本通知之日起十个工作日内{due}补正。无正当理由逾期不补正的，视为放弃行政复议申请（{rules.LAW}第三十一条）。",
    ]


def _answer_notice(case: ReconsiderationCase) -> list[str]:
    days = "五" if case.procedure == ReconsiderationCase.Procedure.SIMPLIFIED else "十"
    article = "第五十四条" if case.procedure == ReconsiderationCase.Procedure.SIMPLIFIED else "第四十八条"
    return [
        f"{case.applicant_name}不服你单位作出的{case.contested_act}，向本机关申请行政复议，本机关已于"
        f"{_d(case.accepted_on)}依法受理（{case.docket_number}）。现将行政复议申请书副本发送你单位。",
        f"请你单位自收到申请书副本之日起{days}日内，提出书面答复，并提交作出该行政行为的证据、依据和其他有关材料"
        f"（{rules.LAW}{article}）。",
    ]


def _extension(case: ReconsiderationCase) -> list[str]:
    return [
        f"本机关受理的{case.docket_number}行政复议案件，因{case.extension_reason}，"
        f"经行政复议机构负责人{case.extension_approved_by}于{_d(case.extension_approved_on)}批准，"
        f"审理期限延长{case.extension_days}日。",
        f"依照{rules.LAW}第六十二条的规定，特此通知。",
    ]


def _last_suspension(case: ReconsiderationCase):
    return case.suspensions.order_by("-suspended_on", "-pk").first()


def _suspension(case: ReconsiderationCase) -> list[str]:
    s = _last_suspension(case)
    return [
        f"本机关受理的{case.docket_number}行政复议案件，因{s.reason}，自{_d(s.suspended_on)}起中止审理。"
        "中止的原因消除后，本机关将及时恢复审理，中止期间不计入审理期限。",
        f"依照{rules.LAW}第三十九条的规定，特此通知。",
    ]


def _resumption(case: ReconsiderationCase) -> list[str]:
    s = _last_suspension(case)
    return [
        f"本机关受理的{case.docket_number}行政复议案件，于{_d(s.suspended_on)}中止审理，中止原因已消除，"
        f"自{_d(s.resumed_on)}起恢复审理。中止期间{s.days}日不计入审理期限。",
        f"依照{rules.LAW}第三十九条的规定，特此通知。",
    ]


def _decision(case: ReconsiderationCase) -> list[str]:
    agent = f"委托代理人：{case.agent}。" if case.agent else ""
    heard = "、".join(
        f"{_d(o.heard_on)}{o.get_method_display()}听取{o.with_whom}意见" for o in case.opinions.all()
    )
    return [
        f"申请人：{case.applicant_name}（证件号码：{case.masked_id_code}）。{agent}",
        f"被申请人：{_respondent(case)}。",
        f"申请人不服被申请人于{_d(case.act_date)}作出的{case.contested_act}，于{_d(case.received_on)}向本机关申请行政复议，"
        f"本机关于{_d(case.accepted_on)}依法受理，适用{case.get_procedure_display()}审理。"
        + (f"本案{heard}。" if heard else ""),
        f"申请人请求：{case.request}",
        f"申请人称：{case.facts or '【待填写】'}",
        "被申请人称：【待填写：被申请人答复意见】",
        "经审理查明：【待填写：查明的事实和证据】",
        f"本机关认为：{case.conclusion or '【待填写】'}",
        f"根据{rules.LAW}{rules.OUTCOME_ARTICLES.get(case.outcome, '')}的规定，本机关决定：{case.get_outcome_display()}。",
        "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。",
    ]


KINDS = {
    k.code: k
    for k in [
        Kind(
            "acceptance",
            "行政复议受理通知书",
            lambda c: bool(c.accepted_on),
            "案件尚未受理。",
            _acceptance,
            _applicant,
        ),
        Kind(
            "refusal",
            "不予受理行政复议申请决定书",
            lambda c: bool(c.refused_on),
            "案件未作出不予受理决定。",
            _refusal,
            _applicant,
        ),
        Kind(
            "supplement",
            "行政复议申请补正通知书",
            lambda c: bool(c.supplement_requested_on),
            "案件未通知补正。",
            _supplement,
            _applicant,
        ),
        Kind(
            "answer_notice",
            "提出答复通知书",
            lambda c: bool(c.accepted_on),
            "案件尚未受理。",
            _answer_notice,
            _respondent,
        ),
        Kind(
            "extension",
            "延期审理通知书",
            lambda c: bool(c.extension_days),
            "案件未批准延期。",
            _extension,
            _applicant,
        ),
        Kind(
            "suspension",
            "中止行政复议审理通知书",
            lambda c: c.suspensions.exists(),
            "案件未中止审理。",
            _suspension,
            _applicant,
        ),
        Kind(
            "resumption",
            "恢复行政复议审理通知书",
            lambda c: c.suspensions.filter(resumed_on__isnull=False).exists(),
            "案件未恢复审理。",
            _resumption,
            _applicant,
        ),
        Kind(
            "decision",
            "行政复议决定书",
            lambda c: c.outcome in rules.DECISIONS,
            "案件尚未作出复议决定。",
            _decision,
            lambda c: "",
        ),
    ]
}


def available(case: ReconsiderationCase) -> list[Kind]:
    return [k for k in KINDS.values() if k.ready(case)]


def _render(case: ReconsiderationCase, kind: Kind) -> bytes:
    doc = OfficialDocument()
    doc.title(_office(case))
    doc.title(kind.title)
    doc.paragraph(case.docket_number, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    addressee = kind.addressee(case)
    if addressee:
        doc.paragraph(f"{addressee}：", indent=False)
    for text in kind.body(case):
        if text:
            doc.paragraph(text)
    on = {
        "acceptance": case.accepted_on,
        "refusal": case.refused_on,
        "supplement": case.supplement_requested_on,
        "answer_notice": case.copy_sent_on or case.accepted_on,
        "extension": case.extension_approved_on,
        "decision": case.concluded_on,
    }.get(kind.code)
    if kind.code in ("suspension", "resumption"):
        s = _last_suspension(case)
        on = s.suspended_on if kind.code == "suspension" else s.resumed_on
    for text in (_office(case), chinese_date(on) if on else "【日期】"):
        doc.paragraph(text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return doc.save()


def generate(*, actor: User, case: ReconsiderationCase, kind: str) -> tuple[str, bytes]:
    """The document `kind` of the case as (file name, .docx bytes), or ValidationError if the record lacks it."""
    spec = KINDS.get(kind)
    if spec is None:
        raise ValidationError(f"没有名为“{kind}”的文书。可用：{'、'.join(KINDS)}。")
    access.check(actor, case, access.VIEW)
    with transaction.atomic():
        case = ReconsiderationCase.objects.select_related("organization", "respondent").get(pk=case.pk)
        if not spec.ready(case):
            raise ValidationError(f"不能生成{spec.title}：{spec.not_ready}")
        content = _render(case, spec)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            instance=case,
            changes={"document_sha256": [None, hashlib.sha256(content).hexdigest()]},
            note=f"生成{spec.title}",
        )
    return f"{case.docket_number}{spec.title}.docx", content
