"""The ledgers of case-file evaluation campaigns (案卷评查活动) and their reviewers (评查人员): the parents the case-file,
score and problem ledgers need, so that a district's past evaluations can come in from files. A campaign is known by
its name and a reviewer by campaign + ID number: importing the same file again changes nothing. Rows are checked by
rules/evaluation.py (validate_campaign, validate_reviewer), the rules the services apply; only the Justice Bureau or
enforcement supervisors may import."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from django.db.models import Exists, OuterRef

from fazhi.core import config
from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from ... import services
from ...models import Domain, EvaluationCampaign, EvaluationItem, EvaluationReviewer
from ...rules import evaluation as rules
from .. import common as enforcement_common
from .common import CAMPAIGN, _campaign, _campaigns, _refuse_unless_evaluator, _split

DOMAIN_BY_LABEL = {label: value for value, label in Domain.choices}


def _domains(text: str) -> list[str]:
    names = _split(text or "")
    unknown = [n for n in names if n not in DOMAIN_BY_LABEL and n not in Domain.values]
    if unknown:
        raise CellError(
            f"未知的评查领域：{'、'.join(unknown)}（可选：{'、'.join(Domain.labels)}）。", column="评查领域"
        )
    return [DOMAIN_BY_LABEL.get(n, n) for n in names]


def _score(raw, setting, header: str) -> Decimal:
    if raw in ("", None):
        raw = config.get(setting.key)
    try:
        return Decimal(str(raw)).quantize(Decimal("0.1"))
    except InvalidOperation as exc:
        raise CellError(f"“{raw}”不是有效的分数。", column=header) from exc


@register
class EvaluationCampaignLedger(Ledger):
    code = "enforcement_campaigns"
    name = "案卷评查活动"
    model = EvaluationCampaign
    description = (
        "每行一次案卷评查活动，以“评查活动名称”识别：再次导入时更新其信息。分数线留空时取本地设置。"
        "“使用通用评查标准”填“是”的，新建时一并加入通用评查标准（评分项和否决项）。"
        "评查活动须先于评查案卷、案卷评分和评查问题导入。"
    )
    columns = [
        Column("name", "评查活动名称", required=True, example="2024年度行政执法案卷评查", max_length=200),
        Column("year", "年度", required=True, kind="int", example="2024"),
        Column(
            "organization",
            "组织单位代码",
            "组织评查的单位（通常为司法局）的单位代码",
            required=True,
            example="CH-SFJ",
            as_text=True,
            getter=lambda c: c.organization.code,
        ),
        Column(
            "domains",
            "评查领域",
            f"多个用“、”分隔，可选：{'、'.join(Domain.labels)}",
            required=True,
            example="市场监管、生态环境",
            getter=lambda c: "、".join(c.domain_labels),
        ),
        Column("excellent_score", "优秀分数线", "留空取本地设置", example="90", as_text=True),
        Column("pass_score", "合格分数线", "留空取本地设置", example="60", as_text=True),
        Column("note", "说明", example=""),
        Column(
            "default_standard",
            "使用通用评查标准",
            "新建时是否加入通用评查标准",
            kind="bool",
            example="是",
            getter=lambda c: c.has_standard,
        ),
    ]

    def queryset(self):
        # whether each campaign has a standard, in the same query (the export's 使用通用评查标准 column)
        standard = EvaluationItem.objects.filter(campaign=OuterRef("pk"))
        return (
            EvaluationCampaign.objects.select_related("organization")
            .annotate(has_standard=Exists(standard))
            .order_by("year", "name")
        )

    def prepare(self, rows):
        return {
            "existing": {c.name: c for c in self.queryset().filter(name__in={r["name"] for r in rows})},
            "orgs": enforcement_common.organizations(r["organization"] for r in rows),
            "key_of": lambda c: c.name,
            "key_header": "评查活动名称",
        }

    def match(self, values, ctx):
        return ctx["existing"].get(values["name"].strip())

    def build(self, values, existing, ctx):
        campaign = copy.copy(existing) if existing else EvaluationCampaign(name=values["name"].strip())
        campaign.year = values["year"]
        campaign.organization = enforcement_common.unit(ctx, values["organization"], "组织单位代码")
        campaign.domains = _domains(values["domains"])
        campaign.excellent_score = _score(
            values["excellent_score"], rules.EVALUATION_EXCELLENT_SCORE, "优秀分数线"
        )
        campaign.pass_score = _score(values["pass_score"], rules.EVALUATION_PASS_SCORE, "合格分数线")
        campaign.note = values["note"]
        if existing is not None and campaign.domains != existing.domains:
            outside = existing.files.exclude(domain__in=campaign.domains).first()
            if outside is not None:
                raise CellError(
                    f"已抽取的案卷{outside.case_number}的执法领域不在新的评查范围内。", column="评查领域"
                )
        if existing is not None and (
            campaign.excellent_score != existing.excellent_score or campaign.pass_score != existing.pass_score
        ):
            if existing.files.filter(scored_on__isnull=False).exists():
                raise CellError(
                    "本次评查已有案卷评分，分数线须在评查活动页面修改（将重新评定等次）。",
                    column="优秀分数线",
                )
        campaign._default_standard = bool(values["default_standard"]) and existing is None
        return campaign

    def update_fields(self):
        return ["year", "organization", "domains", "excellent_score", "pass_score", "note"]

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "案卷评查活动")
        super().save(creates=creates, updates=updates, fields=fields)
        for campaign in creates:
            if getattr(campaign, "_default_standard", False):
                services.add_default_standard(actor=actor, campaign=campaign)  # as on the page


@register
class EvaluationReviewerLedger(Ledger):
    code = "enforcement_reviewers"
    name = "评查人员"
    model = EvaluationReviewer
    description = (
        "每行一名评查人员，以“评查活动＋身份证号”识别，不重复登记。人员须已在人员台账中登记且在职。"
        "评查活动须先在案卷评查活动台账或页面中新建。"
    )
    columns = [
        CAMPAIGN,
        *enforcement_common.person_columns(name_header="评查人员"),
        Column(
            "affiliation",
            "人员来源",
            required=True,
            kind="choice",
            choices=EvaluationReviewer.Affiliation.choices,
            example="检察院",
        ),
    ]

    def queryset(self):
        return EvaluationReviewer.objects.select_related("campaign", "person").order_by(
            "campaign__name", "pk"
        )

    def prepare(self, rows):
        campaigns = _campaigns(rows)
        people = enforcement_common.people_numbered(rows)
        # Every reviewer of the file's campaigns: a row exported earlier names its person by the masked number.
        existing = {
            (r.campaign_id, r.person_id): r for r in self.queryset().filter(campaign__in=campaigns.values())
        }
        return {
            "campaigns": campaigns,
            "people": people,
            "existing": existing,
            "person_header": "评查人员",
            "key_of": lambda r: (r.campaign_id, r.person_id),
            "key_header": "身份证号",
        }

    def match(self, values, ctx):
        campaign = _campaign(ctx, values["campaign"])
        known = None
        if (
            "*" in values["id_number"]
        ):  # exported earlier: the campaign's reviewer with that masked number and name
            known = next(
                (
                    r.person
                    for (campaign_id, _), r in ctx["existing"].items()
                    if campaign_id == campaign.pk
                    and r.person.masked_id_number == values["id_number"]
                    and r.person.name == values["person_name"]
                ),
                None,
            )
        person = enforcement_common.person(ctx, values, known=known)
        values["_resolved"] = (campaign, person)
        return ctx["existing"].get((campaign.pk, person.pk))

    def build(self, values, existing, ctx):
        campaign, person = values["_resolved"]
        rules.validate_reviewer(person)
        reviewer = copy.copy(existing) if existing else EvaluationReviewer(campaign=campaign, person=person)
        reviewer.affiliation = values["affiliation"]
        return reviewer

    def update_fields(self):
        return ["affiliation"]

    def field_header(self, field_name: str) -> str:
        return "评查人员" if field_name == "person" else super().field_header(field_name)

    def save(self, *, creates, updates, fields, actor=None):
        _refuse_unless_evaluator(actor, "评查人员")
        super().save(creates=creates, updates=updates, fields=fields)
