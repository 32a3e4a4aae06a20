"""The demonstration projects ledger (示范创建项目): one row per project with the date of each stage reached. The
stage follows from the dates; a row is checked by the same rules as a step on the page (rules/demonstration.py:
stages in order, none after today, 入围 before a later stage, a recorded stage never undone)."""

from __future__ import annotations

from fazhi.core.io.ledgers import CellError, Column, Ledger, register
from fazhi.core.models import Organization

from ..models import DemonstrationProject
from ..rules import demonstration as rules

STAGE_FIELDS = ["shortlisted_on", "review_passed_on", "named_on"]


@register
class DemonstrationLedger(Ledger):
    code = "duties_demonstrations"
    name = "示范创建项目"
    model = DemonstrationProject
    description = (
        "每行一个示范创建项目，以项目名称、级别和批次识别。阶段按已填写的最后一个日期确定（申报→入围→书面评审通过"
        "→命名）；已有项目只能补填后续阶段的日期，不能倒退或改动已记录的日期。"
    )
    columns = [
        Column("name", "项目名称", "", required=True, max_length=200, example="乡镇（街道）一支队伍管执法"),
        Column(
            "organization",
            "申报单位代码",
            "",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda p: p.organization.code,
        ),
        Column(
            "level",
            "级别",
            "",
            required=True,
            kind="choice",
            choices=DemonstrationProject.Level.choices,
            example="全国",
        ),
        Column("batch", "批次", "如 第三批", max_length=60, example="第三批"),
        Column("applied_on", "申报日期", "", required=True, kind="date", example="2024-03-20"),
        Column("shortlisted_on", "入围日期", "", kind="date"),
        Column("review_passed_on", "书面评审通过日期", "", kind="date"),
        Column("named_on", "命名日期", "", kind="date"),
    ]

    def queryset(self):
        return DemonstrationProject.objects.select_related("organization").order_by("applied_on", "pk")

    def prepare(self, rows):
        codes = {r["organization"] for r in rows}
        return {
            "orgs": {o.code: o for o in Organization.objects.filter(code__in=codes)},
            "projects": {(p.name, p.level, p.batch): p for p in DemonstrationProject.objects.all()},
            "key_of": lambda p: (p.name, p.level, p.batch),
            "key_header": "项目名称",
        }

    def match(self, values, ctx):
        return ctx["projects"].get((values["name"], values["level"], values["batch"]))

    def build(self, values, existing, ctx):
        org = ctx["orgs"].get(values["organization"])
        if org is None:
            raise CellError(f"单位代码“{values['organization']}”不存在。", column="申报单位代码")
        fields = {f: values[f] for f in ["name", "level", "batch", "applied_on", *STAGE_FIELDS]}
        project = DemonstrationProject(
            pk=existing.pk if existing else None,
            organization=org,
            stage=rules.stage_from_dates(fields),
            **fields,
        )
        if existing is not None:
            rules.validate_stages_kept(existing, project)
        rules.validate_stage_path(project)
        return project  # the import's full_clean runs rules.validate_stage_dates (order, not after today)

    def update_fields(self):
        return ["organization", "stage", *STAGE_FIELDS]
