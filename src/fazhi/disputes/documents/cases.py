"""The formal documents of a reconsideration case as .docx, filled in from the record: 受理通知书, 不予受理决定书,
补正通知书, 提出答复通知书, 延期审理通知书, 中止/恢复审理通知书, 行政复议决定书 (with every reasoning section),
驳回行政复议申请决定书 (第三十三条), 行政复议调解书 (第七十三条), 终止行政复议决定书 (第四十一条) and 行政复议意见书
(第七十六条). Every one is issued in the name of the 行政复议机关 (setting disputes.authority_name, 第四条、第六十一条、
第七十五条) with the office that handled it as 承办; a document whose record lacks a section is refused, never
written with a placeholder. Producing one is written to the audit trail as an export; whoever may see the case may
produce it. Laid out by core.io.officialdoc (A4, GB/T 9704 margins, fonts and page numbers)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from fazhi.core import access, audit
from fazhi.core.io.officialdoc import OfficialDocument, chinese_date
from fazhi.core.models import AuditEvent, User

from ..models import ReconsiderationCase
from ..rules import cases as rules
from ..rules import outcomes


@dataclass(frozen=True)
class Kind:
    code: str
    title: str
    ready: Callable[[ReconsiderationCase], bool]
    not_ready: str
    body: Callable[[ReconsiderationCase], list[str]]
    addressee: Callable[[ReconsiderationCase], str]
    missing: Callable[[ReconsiderationCase], list[str]] = lambda c: []


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
        f"你（单位）不服{case.contested}，于{_d(case.received_on)}"
        f"向本机关提出的行政复议申请收悉。{how}，受理日期为{_d(case.accepted_on)}，"
        f"案号为{case.docket_number}，适用{case.get_procedure_display()}审理。",
        f"依照{rules.LAW}第三十条的规定，特此通知。",
    ]


def _refusal(case: ReconsiderationCase) -> list[str]:
    return [
        f"申请人：{case.applicant_name}。",
        f"被申请人：{_respondent(case)}。",
        f"申请人不服被申请人作出的{case.act}，于{_d(case.received_on)}向本机关申请行政复议。",
        f"经审查，{case.refusal_reason}",
        f"根据{rules.LAW}第三十条的规定，本机关决定：不予受理。",
        outcomes.suit_notice(case.outcome),
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
        f"{case.applicant_name}不服你单位作出的{case.act}，向本机关申请行政复议，本机关已于"
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


DECISION_TEXT = {
    "change": "变更被申请人作出的{act}",
    "revoke": "撤销被申请人作出的{act}",
    "partial_revoke": "部分撤销被申请人作出的{act}",
    "confirm_illegal": "确认被申请人作出的{act}违法",
    "order_performance": "责令被申请人在法定期限内履行法定职责",
    "confirm_invalid": "确认被申请人作出的{act}无效",
    "uphold": "维持被申请人作出的{act}",
    "dismiss": "驳回申请人的行政复议请求",
}
"""The operative words of each decision (第六十三至六十九条)."""


def _parties(case: ReconsiderationCase) -> list[str]:
    contact = f"，{case.applicant_contact}" if case.applicant_contact else ""
    lines = [f"申请人：{case.applicant_name}（证件号码：{case.masked_id_code}{contact}）。"]
    if case.agent:
        lines.append(f"委托代理人：{case.agent}。")
    lines.append(f"被申请人：{_respondent(case)}。")
    lines += [f"第三人：{name.strip()}。" for name in case.third_parties.splitlines() if name.strip()]
    return lines


def _procedure(case: ReconsiderationCase) -> str:
    heard = "、".join(
        f"{_d(o.heard_on)}{o.get_method_display()}听取{o.with_whom}意见" for o in case.opinions.all()
    )
    held = "、".join(f"{_d(h.held_on)}举行听证" for h in case.hearings.all() if h.held_on)
    text = (
        f"申请人不服被申请人于{_d(case.act_date)}作出的{case.act}，于{_d(case.received_on)}向本机关申请"
        f"行政复议，本机关于{_d(case.accepted_on)}依法受理，适用{case.get_procedure_display()}审理。"
    )
    if heard or held:
        text += f"本案{'，'.join(x for x in (heard, held) if x)}。"
    if case.committee_consulted_on:
        text += f"本案经行政复议委员会于{_d(case.committee_consulted_on)}提出咨询意见。"
    return text


def _decision_missing(case: ReconsiderationCase) -> list[str]:
    sections = [
        ("facts", "申请人称（事实和理由）"),
        ("respondent_statement", "被申请人称（答复意见）"),
        ("findings", "经审理查明"),
        ("conclusion", "本机关认为"),
        ("legal_basis", "依据"),
        ("approved_by", "负责人同意或者集体讨论通过的记录（第六十一条）"),
    ]
    return [label for field, label in sections if not getattr(case, field).strip()]


def _decision(case: ReconsiderationCase) -> list[str]:
    article = rules.OUTCOME_ARTICLES[case.outcome]
    operative = DECISION_TEXT[case.outcome].format(act=case.act)
    return [
        *_parties(case),
        _procedure(case),
        f"申请人请求：{case.request}",
        f"申请人称：{case.facts}",
        f"被申请人称：{case.respondent_statement}",
        f"经审理查明：{case.findings}",
        f"本机关认为：{case.conclusion}",
        f"依据{case.legal_basis}和{rules.LAW}{article}的规定，"
        f"经本机关{outcomes.APPROVALS[case.approval].removeprefix('行政复议机关')}，本机关决定：{operative}。",
        outcomes.suit_notice(case.outcome),
    ]


def _rejection(case: ReconsiderationCase) -> list[str]:
    return [
        *_parties(case),
        _procedure(case),
        f"申请人请求：{case.request}",
        f"经审查，{case.conclusion}",
        f"依照{rules.LAW}第三十三条的规定，经本机关{outcomes.APPROVALS[case.approval].removeprefix('行政复议机关')}，"
        "本机关决定：驳回申请人的行政复议申请。",
        outcomes.suit_notice(case.outcome),
    ]


def _mediation(case: ReconsiderationCase) -> list[str]:
    return [
        *_parties(case),
        _procedure(case),
        f"申请人请求：{case.request}",
        f"经本机关主持调解，各方当事人自愿达成如下协议：{case.conclusion}",
        f"本调解书经各方当事人签字或者签章，并加盖{outcomes.authority_name()}印章，即具有法律效力"
        f"（{rules.LAW}第七十三条）。",
        "申请人（签字或者签章）：",
        "被申请人（签章）：",
    ]


def _termination(case: ReconsiderationCase) -> list[str]:
    settled = (
        "申请人与被申请人经和解达成协议，申请人撤回行政复议申请，经本机关准予撤回。"
        if case.outcome == "settlement"
        else ""
    )
    return [
        *_parties(case),
        _procedure(case),
        f"{settled}{case.conclusion}",
        f"依照{rules.LAW}第四十一条的规定，本机关决定：终止行政复议。",
    ]


def _last_letter(case: ReconsiderationCase):
    return case.opinion_letters.select_related("addressee").order_by("-issued_on", "-pk").first()


def _opinion_letter(case: ReconsiderationCase) -> list[str]:
    letter = _last_letter(case)
    return [
        f"本机关在办理{case.applicant_name}不服{case.contested}行政复议案件"
        f"（{case.docket_number}）过程中，发现{letter.content}",
        f"请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关"
        f"（{rules.LAW}第七十六条）。",
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
            _decision_missing,
        ),
        Kind(
            "reject_application",
            "驳回行政复议申请决定书",
            lambda c: c.outcome == "reject_application",
            "案件未决定驳回申请。",
            _rejection,
            lambda c: "",
        ),
        Kind(
            "mediation",
            "行政复议调解书",
            lambda c: c.outcome == "mediation",
            "案件未经调解结案。",
            _mediation,
            lambda c: "",
        ),
        Kind(
            "termination",
            "终止行政复议决定书",
            lambda c: c.outcome in ("termination", "settlement"),
            "案件未终止行政复议。",
            _termination,
            lambda c: "",
        ),
        Kind(
            "opinion_letter",
            "行政复议意见书",
            lambda c: c.opinion_letters.exists(),
            "案件未制发行政复议意见书。",
            _opinion_letter,
            lambda c: _last_letter(c).addressee.name,
        ),
    ]
}

COPY_REPORTED = ("decision", "reject_application", "opinion_letter")
"""Documents copied to the respondent's superior department when one is recorded (抄告, 第七十九条第二款)."""


def available(case: ReconsiderationCase) -> list[Kind]:
    return [k for k in KINDS.values() if k.ready(case)]


def _issued_on(case: ReconsiderationCase, kind: Kind):
    if kind.code in ("suspension", "resumption"):
        s = _last_suspension(case)
        return s.suspended_on if kind.code == "suspension" else s.resumed_on
    if kind.code == "opinion_letter":
        return _last_letter(case).issued_on
    return {
        "acceptance": case.accepted_on,
        "refusal": case.refused_on,
        "supplement": case.supplement_requested_on,
        "answer_notice": case.copy_sent_on or case.accepted_on,
        "extension": case.extension_approved_on,
    }.get(kind.code, case.concluded_on)


def _render(case: ReconsiderationCase, kind: Kind) -> bytes:
    """版头 the authority's name and the title, the docket number, the addressee, the body; 署名 the authority (its
    seal, 第七十五条) and 成文日期; 附注 the office that handled the case; 抄告 where recorded."""
    authority = outcomes.authority_name()
    doc = OfficialDocument()
    doc.title(authority)
    doc.title(kind.title)
    doc.paragraph(case.docket_number, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    addressee = kind.addressee(case)
    if addressee:
        doc.paragraph(f"{addressee}：", indent=False)
    for text in kind.body(case):
        if text:
            doc.paragraph(text)
    doc.paragraph()
    for text in (f"{authority}（印章）", chinese_date(_issued_on(case, kind))):
        doc.paragraph(text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=Pt(64))
    doc.paragraph(f"（行政复议机构：{_office(case)}承办）")
    if kind.code in COPY_REPORTED and outcomes.copy_report_to(case):
        doc.paragraph(f"抄告：{outcomes.copy_report_to(case)}。", indent=False)
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
        missing = spec.missing(case)
        if missing:
            raise ValidationError(f"不能生成{spec.title}：尚未记录{'、'.join(missing)}。")
        content = _render(case, spec)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            instance=case,
            changes={"document_sha256": [None, hashlib.sha256(content).hexdigest()]},
            note=f"生成{spec.title}",
        )
    return f"{case.docket_number}{spec.title}.docx", content
