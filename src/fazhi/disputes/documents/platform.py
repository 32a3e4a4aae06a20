"""Export of reconsideration cases for entry on the national reconsideration platform (全国行政复议工作平台).

Layout (the same fields, in this order, in every format; the CSV is UTF-8 with a BOM so Excel opens it and the xlsx
one sheet, both with the header row in Chinese and written through core.io.sheets, so no cell carries a live
formula; the JSON is {"exported_at", "year", "count", "cases": [ {key: value} ]} with the English keys):

    key                 header              value
    docket_number       案号                 e.g. 澄复〔2025〕12号
    received_on         收到申请日期          YYYY-MM-DD
    channel             申请方式              当面申请 / 邮寄申请 / 网上/系统申请
    applicant_kind      申请人类型            自然人 / 法人或其他组织
    applicant_name      申请人
    applicant_id_code   申请人证件号码         full 身份证号 or 统一社会信用代码 for the reconsideration office (the
                                             platform needs it; rules.may_export_full_id), masked for anyone else;
                                             every export is written to the audit trail, saying which
    agent               委托代理人
    respondent          被申请人
    contested_act       被申请行政行为
    act_date            行政行为作出日期       YYYY-MM-DD
    request             复议请求
    status              案件状态              the platform's state label (收到申请, 已受理, 审理中, 已决定 …)
    procedure           审理程序              普通程序 / 简易程序
    accepted_on         受理日期              YYYY-MM-DD or empty
    deemed_accepted     视为受理              是 / 否
    decision_due_on     审理期限届满日         YYYY-MM-DD or empty (with extension, without suspension)
    extension_days      延长天数              integer
    suspended_days      中止天数              integer
    outcome             结案方式              变更, 撤销, … 调解, 和解, 终止, 撤回, 不予受理, or empty
    concluded_on        办结日期              YYYY-MM-DD or empty
    opinions_heard      听取意见次数           integer
    hearings_held       听证次数              integer
    platform_entered_on 录入平台日期           YYYY-MM-DD or empty
    platform_number     平台案件编号

Rows are the cases received in the year, in docket order.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.db.models import Count, Q

from fazhi.core import access, audit, clock
from fazhi.core.io import sheets
from fazhi.core.models import AuditEvent, User

from ..models import CaseClock, ReconsiderationCase
from ..rules import cases as case_rules

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": sheets.XLSX,
    "json": "application/json; charset=utf-8",
}
FIELDS = [
    ("docket_number", "案号"),
    ("received_on", "收到申请日期"),
    ("channel", "申请方式"),
    ("applicant_kind", "申请人类型"),
    ("applicant_name", "申请人"),
    ("applicant_id_code", "申请人证件号码"),
    ("agent", "委托代理人"),
    ("respondent", "被申请人"),
    ("contested_act", "被申请行政行为"),
    ("act_date", "行政行为作出日期"),
    ("request", "复议请求"),
    ("status", "案件状态"),
    ("procedure", "审理程序"),
    ("accepted_on", "受理日期"),
    ("deemed_accepted", "视为受理"),
    ("decision_due_on", "审理期限届满日"),
    ("extension_days", "延长天数"),
    ("suspended_days", "中止天数"),
    ("outcome", "结案方式"),
    ("concluded_on", "办结日期"),
    ("opinions_heard", "听取意见次数"),
    ("hearings_held", "听证次数"),
    ("platform_entered_on", "录入平台日期"),
    ("platform_number", "平台案件编号"),
]


def _date(value) -> str:
    return value.isoformat() if value else ""


def rows(*, actor: User, year: int) -> list[dict]:
    full_id = case_rules.may_export_full_id(actor)  # else masked: only the office needs the full number
    cases = (
        access.scope(actor, ReconsiderationCase.objects.filter(received_on__year=year))
        .select_related("respondent")
        .prefetch_related("suspensions")
        .annotate(
            n_opinions=Count("opinions", distinct=True),
            n_hearings=Count("hearings", filter=Q(hearings__held_on__isnull=False), distinct=True),
        )
        .order_by("docket_year", "docket_seq")
    )
    dues = dict(
        CaseClock.objects.filter(case__in=cases, kind=CaseClock.Kind.DECISION).values_list(
            "case_id", "due_on"
        )
    )
    out = []
    for c in cases:
        out.append(
            {
                "docket_number": c.docket_number,
                "received_on": _date(c.received_on),
                "channel": c.get_channel_display(),
                "applicant_kind": c.get_applicant_kind_display(),
                "applicant_name": c.applicant_name,
                "applicant_id_code": c.applicant_id_code if full_id else c.masked_id_code,
                "agent": c.agent,
                "respondent": c.respondent.name,
                "contested_act": c.contested_act,
                "act_date": _date(c.act_date),
                "request": c.request,
                "status": c.get_status_display(),
                "procedure": c.get_procedure_display(),
                "accepted_on": _date(c.accepted_on),
                "deemed_accepted": "是" if c.deemed_accepted else "否",
                "decision_due_on": _date(dues.get(c.pk)),
                "extension_days": c.extension_days,
                "suspended_days": sum(s.days for s in c.suspensions.all()),
                "outcome": c.get_outcome_display() if c.outcome else "",
                "concluded_on": _date(c.concluded_on),
                "opinions_heard": c.n_opinions,
                "hearings_held": c.n_hearings,
                "platform_entered_on": _date(c.platform_entered_on),
                "platform_number": c.platform_number,
            }
        )
    return out


def export(*, actor: User, year: int, fmt: str = "csv") -> tuple[str, bytes]:
    """The year's cases as CSV, xlsx or JSON (layout in this module's docstring); written to the audit trail."""
    if fmt not in FORMATS:
        raise ValueError("导出格式应为 csv、xlsx 或 json。")
    data = rows(actor=actor, year=year)
    header = [h for _, h in FIELDS]
    table = [[row[key] for key, _ in FIELDS] for row in data]
    if fmt == "csv":
        content = sheets.csv_text(header, table).encode("utf-8-sig")
    elif fmt == "xlsx":
        content = sheets.xlsx_bytes(sheets.workbook(f"行政复议案件{year}年", header, table))
    else:
        payload = {"exported_at": clock.now().isoformat(), "year": year, "count": len(data), "cases": data}
        content = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    with transaction.atomic():
        # With full ID numbers the export is an unmasking (查看完整个人信息), recorded as such.
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UNMASK
            if case_rules.may_export_full_id(actor)
            else AuditEvent.Action.EXPORT,
            instance=actor,
            changes={"platform_export_sha256": [None, hashlib.sha256(content).hexdigest()]},
            note=f"导出{year}年行政复议案件（全国行政复议工作平台，{fmt.upper()}，{len(data)}件，"
            + ("含完整证件号码）" if case_rules.may_export_full_id(actor) else "证件号码已脱敏）"),
        )
    return f"行政复议案件{year}年（全国平台）.{fmt}", content
