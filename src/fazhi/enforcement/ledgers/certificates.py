"""Ledgers of officers' certificates (执法证件), the application exams (资格考试) and the yearly reviews (审验), with the
rules of services.issue_certificate, record_exam and record_review. A certificate's state and cancellation (注销) are
shown but changed only by the cancel transition (the certificate's page or the admin)."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from fazhi.core.io.ledgers import CellError, Column, register

from ..models import Certificate, CertificateExam, CertificateReview
from ..rules import certificates as rules
from . import common

STATE_MESSAGE = "证件的状态和注销须在证件页面或管理后台办理（注销），导入不能变更。"
STATE_FIELDS = ("status", "cancel_reason", "cancelled_on", "cancel_note")


def _score(values: dict) -> Decimal:
    try:
        score = Decimal(str(values["score"])).quantize(Decimal("0.1"))  # as stored: 85 and 85.0 are the same
    except InvalidOperation as exc:
        raise CellError(f"“{values['score']}”不是有效的分数。", column="成绩") from exc
    return score


@register
class CertificateLedger(common.AuthorityLedger):
    code = "enforcement_certificates"
    name = "执法证件"
    model = Certificate
    authority_what = "核发和变更执法证件"
    description = (
        "每行一件证件，以“证件编号”识别。新证件按核发规则检查：执法主体在用、持证人在职，行政执法证的持证人须为"
        "执法主体所在单位人员并在核发日前考试合格（先导入资格考试）。已有证件导入时只能修改执法区域和有效期；"
        "状态和注销只能在证件页面或管理后台办理。平台启用前核发的历史证件（“平台启用前核发”填“是”）不需资格考试记录，"
        "已注销的可连同注销原因和日期导入。导出的身份证号已脱敏，原样导回时保留原人员。"
    )
    columns = [
        Column("number", "证件编号", required=True, example="CH20240001", max_length=40, as_text=True),
        Column(
            "kind",
            "证件类别",
            required=True,
            kind="choice",
            choices=Certificate.Kind.choices,
            example="行政执法证",
        ),
        *common.person_columns(name_header="持证人"),
        *common.body_columns(),
        Column("areas", "执法区域和执法类别", example="澄湖区；市场监管综合执法"),
        Column("issued_on", "发证日期", required=True, kind="date", example="2024-03-01"),
        Column("valid_until", "有效期至", required=True, kind="date", example="2029-02-28"),
        Column(
            "status",
            "状态",
            "已有证件由平台根据注销情况填写，导入时不能修改；平台启用前核发的历史证件可填“注销”",
            kind="choice",
            choices=Certificate.Status.choices,
            example="有效",
        ),
        Column(
            "cancel_reason",
            "注销原因",
            "已有证件由平台填写，导入时不能修改；历史证件注销的须填写",
            kind="choice",
            choices=Certificate.CancelReason.choices,
        ),
        Column("cancelled_on", "注销日期", "已有证件由平台填写；历史证件注销的须填写", kind="date"),
        Column("cancel_note", "注销说明", "注销原因为“其他”时写明具体情况", max_length=200),
        Column(
            "legacy",
            "平台启用前核发",
            "历史证件填“是”：发证日期早于设置“本平台启用日期（执法证件）”的，不需资格考试记录，"
            "已注销的可连同注销原因和日期导入",
            kind="bool",
            example="否",
            getter=lambda c: False,
        ),
    ]

    def queryset(self):
        return Certificate.objects.select_related("person", "body__organization").order_by(
            "body__organization__path", "number"
        )

    def prepare(self, rows):
        existing = {}
        numbers = [r["number"] for r in rows]
        for start in range(0, len(numbers), 900):
            existing.update(
                {c.number: c for c in self.queryset().filter(number__in=numbers[start : start + 900])}
            )
        return {
            "bodies": common.bodies_named(rows),
            "people": common.people_numbered(rows),
            "existing": existing,
            "person_header": "持证人",
            "key_of": lambda c: c.number,
            "key_header": "证件编号",
        }

    def match(self, values, ctx):
        return ctx["existing"].get(values["number"])

    def build(self, values, existing, ctx):
        body = common.body(ctx, values)
        person = common.person(ctx, values, existing.person if existing else None)
        if existing is not None:
            for column in self.columns:
                if column.key in STATE_FIELDS:
                    common.keep(values, existing, column, STATE_MESSAGE)
            fixed = {
                "证件类别": values["kind"] != existing.kind,
                "持证人": person.pk != existing.person_id,
                "执法主体": body.pk != existing.body_id,
                "发证日期": values["issued_on"] != existing.issued_on,
            }
            for header, changed in fixed.items():
                if changed:
                    raise CellError(
                        f"已核发证件的{header}不能修改；只能修改执法区域和有效期。", column=header
                    )
            certificate = copy.copy(existing)
        else:
            self._check_issue(values, body, person)
            history = {}
            if values["status"] == Certificate.Status.CANCELLED:
                # a legacy certificate cancelled before the platform: rules.validate_certificate (the model's clean)
                # checks the reason, the note and the dates, as for a cancellation on the page
                history = {
                    "status": Certificate.Status.CANCELLED,
                    "cancel_reason": values["cancel_reason"],
                    "cancelled_on": values["cancelled_on"],
                    "cancel_note": values["cancel_note"],
                }
            certificate = Certificate(
                number=values["number"],
                kind=values["kind"],
                person=person,
                body=body,
                issued_on=values["issued_on"],
                **history,
            )
        certificate.areas = values["areas"]
        certificate.valid_until = values["valid_until"]
        return certificate

    @staticmethod
    def _check_issue(values, body, person) -> None:
        """A new certificate: rules.validate_issue, the rule services.issue_certificate calls (a certificate issued
        before the platform, 平台启用前核发, with rules.validate_legacy_issue)."""
        cancelled = values["status"] == Certificate.Status.CANCELLED
        if not cancelled and (values["cancel_reason"] or values["cancelled_on"]):
            raise CellError("未注销的证件不应填写注销原因或日期。", column="注销日期")
        rules.validate_issue(
            body=body,
            person=person,
            kind=values["kind"],
            issued_on=values["issued_on"],
            legacy=bool(values["legacy"]),
            cancelled=cancelled,
        )

    def update_fields(self):
        return ["areas", "valid_until"]

    def field_header(self, field_name: str) -> str:
        return "持证人" if field_name == "person" else super().field_header(field_name)


@register
class CertificateExamLedger(common.AuthorityLedger):
    code = "enforcement_exams"
    name = "行政执法资格考试"
    model = CertificateExam
    authority_what = "录入行政执法资格考试成绩"
    description = (
        "每行一名考生的一次考试，以“考生＋执法主体＋考试日期”识别；是否合格由平台按合格分数线判定。"
        "成绩录入后不能通过导入修改，原样导回的行不受影响。"
    )
    columns = [
        *common.person_columns(name_header="考生"),
        *common.body_columns(),
        Column("exam_on", "考试日期", required=True, kind="date", example="2024-01-20"),
        Column(
            "score",
            "成绩",
            "0至100分，可有一位小数",
            required=True,
            example="85",
            getter=lambda e: int(e.score) if e.score == e.score.to_integral_value() else float(e.score),
        ),
        Column("passed", "合格", "由平台按合格分数线判定，导入时不读取", kind="bool", example="是"),
    ]

    def queryset(self):
        return CertificateExam.objects.select_related("person", "body__organization").order_by(
            "exam_on", "body__organization__path", "person__name", "pk"
        )

    def prepare(self, rows):
        bodies = common.bodies_named(rows)
        days = [r["exam_on"] for r in rows]
        existing = []
        if days:
            existing = list(
                self.queryset().filter(
                    body__in=[b.pk for b in bodies.values()], exam_on__range=(min(days), max(days))
                )
            )
        return {
            "bodies": bodies,
            "people": common.people_numbered(rows),
            "exams": existing,
            "person_header": "考生",
            "key_of": lambda e: (e.person_id, e.body_id, e.exam_on),
            "key_header": "考试日期",
        }

    def match(self, values, ctx):
        body = common.body(ctx, values)
        same = [e for e in ctx["exams"] if e.body_id == body.pk and e.exam_on == values["exam_on"]]
        if "*" in values["id_number"]:
            mine = [
                e
                for e in same
                if e.person.masked_id_number == values["id_number"] and e.person.name == values["person_name"]
            ]
            if len(mine) == 1:
                return mine[0]
            common.person(ctx, values)  # raises: a masked number only returns an existing exam
        person = common.person(ctx, values)
        return next((e for e in same if e.person_id == person.pk), None)

    def build(self, values, existing, ctx):
        score = _score(values)
        if existing is not None:
            if score != existing.score:
                raise CellError("考试成绩录入后不能通过导入修改。", column="成绩")
            return copy.copy(existing)
        return CertificateExam(
            person=common.person(ctx, values),
            body=common.body(ctx, values),
            exam_on=values["exam_on"],
            score=score,
            passed=rules.exam_passed(score),
        )

    def update_fields(self):
        return []


@register
class CertificateReviewLedger(common.AuthorityLedger):
    code = "enforcement_reviews"
    name = "证件审验"
    model = CertificateReview
    authority_what = "证件审验"
    description = (
        "每行一次审验，以“证件编号＋审验日期”识别。审验不合格的须写明原因，该证件至再次审验合格前不得据此执法；"
        "审验结果录入后不能通过导入修改。已注销的证件不能再审验。"
    )
    columns = [
        Column(
            "certificate",
            "证件编号",
            required=True,
            example="CH20240001",
            as_text=True,
            getter=lambda r: r.certificate.number,
        ),
        Column("year", "审验年度", required=True, kind="int", example="2024"),
        Column("reviewed_on", "审验日期", required=True, kind="date", example="2025-03-10"),
        Column("passed", "审验合格", common.BOOL_HELP, required=True, kind="bool", example="是"),
        Column("reason", "不合格原因", "审验不合格的须填写", example="", max_length=300),
    ]

    def queryset(self):
        return CertificateReview.objects.select_related("certificate__body__organization").order_by(
            "certificate__number", "reviewed_on", "pk"
        )

    def prepare(self, rows):
        numbers = [r["certificate"] for r in rows]
        certificates = {}
        for start in range(0, len(numbers), 900):
            certificates.update(
                {
                    c.number: c
                    for c in Certificate.objects.filter(
                        number__in=numbers[start : start + 900]
                    ).select_related("body__organization")
                }
            )
        existing = {
            (r.certificate_id, r.reviewed_on): r
            for r in self.queryset().filter(certificate__in=[c.pk for c in certificates.values()])
        }
        return {
            "certificates": certificates,
            "existing": existing,
            "key_of": lambda r: (r.certificate_id, r.reviewed_on),
            "key_header": "审验日期",
        }

    def _certificate(self, values, ctx) -> Certificate:
        certificate = ctx["certificates"].get(values["certificate"])
        if certificate is None:
            raise CellError(f"证件编号“{values['certificate']}”不存在。", column="证件编号")
        return certificate

    def match(self, values, ctx):
        return ctx["existing"].get((self._certificate(values, ctx).pk, values["reviewed_on"]))

    def build(self, values, existing, ctx):
        certificate = self._certificate(values, ctx)
        if existing is not None:
            if (values["year"], values["passed"], values["reason"]) != (
                existing.year,
                existing.passed,
                existing.reason,
            ):
                raise CellError(
                    "审验结果录入后不能修改；审验不合格的，由之后合格的再次审验解除。", column="审验合格"
                )
            return copy.copy(existing)
        # Checked by the model's clean: rules.validate_review, as in services.record_review.
        return CertificateReview(
            certificate=certificate,
            year=values["year"],
            reviewed_on=values["reviewed_on"],
            passed=values["passed"],
            reason=values["reason"],
        )

    def update_fields(self):
        return []
