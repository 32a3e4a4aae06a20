"""Ledgers of the lists: the 证明事项清单, the 告知承诺制事项清单 and the 政务服务事项. Each row is one version of an
item, known by its code and 列入日期: a new row adds an item (or a new version of one), a 移出日期 filled in on an
existing row removes it from that day. The content of a version already in the list is never rewritten: a change is
a removal and a new version the same day, so the list of any past day stays as it was. Each row is checked by the
same rules as an entry on the page (rules/lists.py; the import's full_clean runs the model's)."""

from __future__ import annotations

import copy
from collections import defaultdict

from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Organization

from ..models import CATALOG_CONTENT, CatalogKind, HandlingMode, ListItem, ServiceItem
from ..rules import lists as rules

REMOVAL_FIELDS = ["removed_on", "removal_reason"]


def _code(header="事项编码"):
    return Column(
        "code",
        header,
        "清单内识别事项的编码；同一事项的各版本编码相同",
        required=True,
        max_length=40,
        as_text=True,
        example="ZM-001",
    )


def _dates():
    return [
        Column("added_on", "列入日期", "自该日起列入清单", required=True, kind="date", example="2024-03-01"),
        Column("removed_on", "移出日期", "自该日起不再列入清单；仍在清单内的留空", kind="date"),
        Column("removal_reason", "移出原因", "如 取消该证明事项、改为告知承诺制", max_length=200),
    ]


def _unit(header="实施单位代码"):
    return Column(
        "organization",
        header,
        "实施该事项的单位的单位代码",
        required=True,
        as_text=True,
        example="CH-SCJ",
        getter=lambda i: i.organization.code,
    )


class VersionedLedger(Ledger):
    """Rows are versions, matched by (code, 列入日期); versions of one code may not overlap, counting the rows of the
    file and the versions already recorded."""

    content_fields: tuple[str, ...] = ()
    catalog: str | None = None
    description = (
        "每行是事项的一个版本，以“事项编码”和“列入日期”识别。新的一行即列入（或列入变更后的新版本）；"
        "在已有的行填写“移出日期”和“移出原因”即自该日起移出。已列入的内容不能直接改写：变更须移出原版本，"
        "并以新的列入日期另起一行。同一事项的各版本在时间上不能重叠。"
    )

    def base(self):
        qs = self.model._default_manager.all()
        return qs.filter(catalog=self.catalog) if self.catalog else qs

    def queryset(self):
        return self.base().select_related("organization").order_by("code", "added_on")

    def prepare(self, rows):
        codes = {r["code"] for r in rows}
        existing = {(v.code, v.added_on): v for v in self.base().filter(code__in=codes)}
        versions: dict[str, dict] = defaultdict(dict)
        for (code, added), v in existing.items():
            versions[code][added] = v.removed_on
        for r in rows:
            versions[r["code"]][r["added_on"]] = r["removed_on"]
        orgs = {o.code: o for o in Organization.objects.filter(code__in={r["organization"] for r in rows})}
        return {
            "existing": existing,
            "versions": versions,
            "orgs": orgs,
            "key_of": lambda i: (i.code, i.added_on),
            "key_header": "事项编码",
        }

    def match(self, values, ctx):
        return ctx["existing"].get((values["code"], values["added_on"]))

    def build(self, values, existing, ctx):
        org = ctx["orgs"].get(values["organization"])
        if org is None:
            raise CellError(
                f"单位代码“{values['organization']}”不存在。", column=self.field_header("organization")
            )
        rules.validate_no_overlap(values["code"], ctx["versions"][values["code"]].items())
        content = {f: values[f] for f in self.content_fields if f != "organization"}
        extra = {"catalog": self.catalog} if self.catalog else {}
        item = self.model(
            pk=existing.pk if existing else None,
            code=values["code"],
            added_on=values["added_on"],
            removed_on=values["removed_on"],
            removal_reason=values["removal_reason"],
            organization=org,
            **content,
            **extra,
        )
        if existing is not None:
            if item.removed_on != existing.removed_on:
                rules.validate_not_removed(existing)
            labels = {f: self.field_header(f) for f in self.content_fields}
            compared = copy.copy(item)
            if "verification" in self.content_fields:
                # Stored in its standard order (the model's clean): the same methods in another order are no change.
                compared.verification = rules.normalized_verification(item.verification)
            rules.validate_content_kept(existing, compared, self.content_fields, labels)
        return item  # the import's full_clean runs the model's rules (dates, reason, commitment, time limit)

    def update_fields(self):
        return REMOVAL_FIELDS


@register
class CertificationLedger(VersionedLedger):
    code = "catalogs_certification"
    name = "证明事项清单"
    model = ListItem
    catalog = CatalogKind.CERTIFICATION
    content_fields = CATALOG_CONTENT[CatalogKind.CERTIFICATION]
    columns = [
        _code(),
        Column("name", "证明名称", "", required=True, max_length=200, example="无犯罪记录证明"),
        Column(
            "basis",
            "设定依据",
            "法律、法规或国务院决定的名称和条款",
            required=True,
            example="《中华人民共和国教师法》第十四条",
        ),
        _unit("索要单位代码"),
        Column("issuer", "开具单位", "证明由谁开具", max_length=120, example="户籍所在地公安派出所"),
        *_dates(),
    ]


@register
class CommitmentLedger(VersionedLedger):
    code = "catalogs_commitment"
    name = "告知承诺制事项清单"
    model = ListItem
    catalog = CatalogKind.COMMITMENT
    content_fields = CATALOG_CONTENT[CatalogKind.COMMITMENT]
    columns = [
        _code(),
        Column(
            "name", "事项名称", "", required=True, max_length=200, example="食品经营许可（仅销售预包装食品）"
        ),
        Column("basis", "设定依据", "", required=True, example="《中华人民共和国食品安全法》第三十五条"),
        _unit(),
        Column(
            "verification",
            "核查方式",
            "书面核查、网络核查、实地核查、公示核查，多种以“、”分隔（必填，由规则检查）",
            max_length=60,
            example="书面核查、网络核查",
        ),
        Column(
            "false_commitment",
            "不实承诺的处理",
            "申请人不实承诺的法律责任（必填，由规则检查）",
            example="撤销许可，纳入信用记录，三年内不适用告知承诺制",
        ),
        *_dates(),
    ]


@register
class ServiceItemLedger(VersionedLedger):
    code = "catalogs_service_items"
    name = "政务服务事项"
    model = ServiceItem
    content_fields = ServiceItem.CONTENT_FIELDS
    columns = [
        _code(),
        Column("name", "事项名称", "", required=True, max_length=200, example="个体工商户设立登记"),
        _unit(),
        Column(
            "mode",
            "办理方式",
            "",
            required=True,
            kind="choice",
            choices=HandlingMode.choices,
            example="即时办",
        ),
        Column("time_limit_days", "承诺办结时限（工作日）", "承诺办须填写", kind="int", example="3"),
        *_dates(),
    ]
