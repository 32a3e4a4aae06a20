"""Ledgers of enforcement bodies (行政执法主体) and their item lists (行政执法事项清单), with the rules of
services.register_body, update_body and add_power."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied

from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from ..models import EnforcementBody, EnforcementPower
from ..rules import bodies as rules
from . import common


@register
class EnforcementBodyLedger(Ledger):
    code = "enforcement_bodies"
    name = "行政执法主体"
    model = EnforcementBody
    description = (
        "每行一个行政执法主体，以“所在单位代码＋执法主体名称”识别：已登记的主体再次导入时更新其职权依据、"
        "执法监督机关和状态。执法主体由司法局（执法监督机构）审核确认后登记。"
    )
    columns = [
        Column(
            "organization",
            "所在单位代码",
            "执法主体所在单位的单位代码",
            required=True,
            example="CH-SCJ-ZD",
            as_text=True,
            getter=lambda b: b.organization.code,
        ),
        Column(
            "name", "执法主体名称", required=True, example="澄湖区市场监管综合行政执法大队", max_length=200
        ),
        Column(
            "legal_basis",
            "执法职权依据",
            "法律、法规、规章的名称和条款",
            required=True,
            example="《市场监督管理行政处罚程序规定》第四条",
        ),
        Column(
            "supervision_organ",
            "执法监督机关代码",
            "对该主体实施执法监督的机关的单位代码；尚未明确的留空",
            example="CH-SFJ",
            as_text=True,
            getter=lambda b: b.supervision_organ.code if b.supervision_organ else "",
        ),
        Column(
            "status",
            "状态",
            "新登记的主体为“在用”；撤销由司法局办理",
            kind="choice",
            choices=EnforcementBody.Status.choices,
            example="在用",
        ),
    ]

    def queryset(self):
        return EnforcementBody.objects.select_related("organization", "supervision_organ").order_by(
            "organization__path", "name", "pk"
        )

    def prepare(self, rows):
        codes = {r["organization"] for r in rows} | {r["supervision_organ"] for r in rows}
        existing = {
            (b.organization.code, b.name): b
            for b in self.queryset().filter(organization__code__in={r["organization"] for r in rows})
        }
        return {
            "orgs": common.organizations(codes),
            "existing": existing,
            "key_of": lambda b: (b.organization_id, b.name),
            "key_header": "执法主体名称",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((values["organization"], values["name"]))

    def build(self, values, existing, ctx):
        body = copy.copy(existing) if existing else EnforcementBody()
        body.organization = common.unit(ctx, values["organization"], "所在单位代码")
        body.name = values["name"]
        body.legal_basis = values["legal_basis"]
        organ = values["supervision_organ"]
        body.supervision_organ = common.unit(ctx, organ, "执法监督机关代码") if organ else None
        status = values["status"] or (existing.status if existing else EnforcementBody.Status.ACTIVE)
        if existing is None and status != EnforcementBody.Status.ACTIVE:
            raise CellError("新登记的执法主体状态应为“在用”。", column="状态")
        body.status = status
        return body

    def update_fields(self):
        return ["legal_basis", "supervision_organ", "status"]

    def permit(self, action, instance, before, ctx):
        # As update_body: the body's own unit may update its basis and supervision organ; registering a body or
        # changing its status is the Justice Bureau's (checked with the row, in the dry run too).
        status_changed = action == "update" and before.get("status") != instance.status
        if (action == "create" or status_changed) and not rules.may_confirm_bodies(ctx["actor"]):
            raise PermissionDenied("登记行政执法主体或变更其状态由司法局（执法监督机构）办理，您无权导入。")


@register
class EnforcementPowerLedger(Ledger):
    code = "enforcement_powers"
    name = "行政执法事项清单"
    model = EnforcementPower
    description = (
        "每行一个行政执法事项，以“执法主体＋事项名称”识别：已有事项再次导入时更新其类别和实施依据。"
        "执法主体须已登记且在用；执法主体所在单位或司法局可以导入。"
    )
    columns = [
        *common.body_columns(),
        Column(
            "kind",
            "事项类别",
            required=True,
            kind="choice",
            choices=EnforcementPower.Kind.choices,
            example="行政处罚",
        ),
        Column("name", "事项名称", required=True, example="对经营超过保质期食品的处罚", max_length=300),
        Column(
            "legal_basis",
            "实施依据",
            "法律、法规、规章的名称和条款",
            required=True,
            example="《中华人民共和国食品安全法》第一百二十四条",
        ),
    ]

    def queryset(self):
        return EnforcementPower.objects.select_related("body__organization").order_by(
            "body__organization__path", "body__name", "kind", "name", "pk"
        )

    def prepare(self, rows):
        bodies = common.bodies_named(rows)
        existing = {
            (p.body_id, p.name): p for p in self.queryset().filter(body__in=[b.pk for b in bodies.values()])
        }
        return {
            "bodies": bodies,
            "existing": existing,
            "key_of": lambda p: (p.body_id, p.name),
            "key_header": "事项名称",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((common.body(ctx, values).pk, values["name"]))

    def build(self, values, existing, ctx):
        body = common.body(ctx, values)
        if existing is None:
            rules.validate_body_active(body, "增加执法事项", "body")
        power = copy.copy(existing) if existing else EnforcementPower(body=body)
        power.kind = values["kind"]
        power.name = values["name"]
        power.legal_basis = values["legal_basis"]
        return power

    def update_fields(self):
        return ["kind", "legal_basis"]
