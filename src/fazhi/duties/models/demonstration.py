"""The projects entered for demonstration status (法治政府建设示范创建) and their stages: 申报 → 入围 → 书面评审通过 →
命名. Who may move a project and which dates must hold are rules in rules/demonstration.py."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core.models import Organization

from ..rules import demonstration as rules


def _may_advance(project, user) -> bool:
    """django-fsm-2 asks (record, user); the rule is (user, record)."""
    return rules.may_advance_project(user, project)


class DemonstrationProject(FSMModelMixin, models.Model):
    """A project entered for regional or national demonstration status (法治政府建设示范创建): 申报 → 入围 →
    书面评审通过 → 命名, forward only, each stage with its date."""

    class Level(models.TextChoices):
        REGIONAL = "regional", "自治区（省）级"
        NATIONAL = "national", "全国"

    class Stage(models.TextChoices):
        APPLIED = "applied", "申报"
        SHORTLISTED = "shortlisted", "入围"
        REVIEW_PASSED = "review_passed", "书面评审通过"
        NAMED = "named", "命名"

    name = models.CharField("项目名称", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="申报单位", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("级别", max_length=16, choices=Level.choices)
    batch = models.CharField("批次", max_length=60, blank=True, help_text="如 第三批")
    stage = FSMField("阶段", choices=Stage.choices, default=Stage.APPLIED, protected=True)
    applied_on = models.DateField("申报日期")
    shortlisted_on = models.DateField("入围日期", null=True, blank=True)
    review_passed_on = models.DateField("书面评审通过日期", null=True, blank=True)
    named_on = models.DateField("命名日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "示范创建项目"
        verbose_name_plural = "示范创建项目"
        ordering = ["-applied_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["name", "level", "batch"], name="duties_demonstration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_level_display()}{self.batch}）"

    @transition(
        field=stage,
        source=Stage.APPLIED,
        target=Stage.SHORTLISTED,
        permission=_may_advance,
        custom={"label": "入围"},
    )
    def shortlist(self, *, on) -> None:
        self.shortlisted_on = on

    @transition(
        field=stage,
        source=Stage.SHORTLISTED,
        target=Stage.REVIEW_PASSED,
        permission=_may_advance,
        custom={"label": "通过书面评审"},
    )
    def pass_review(self, *, on) -> None:
        self.review_passed_on = on

    @transition(
        field=stage,
        source=[Stage.SHORTLISTED, Stage.REVIEW_PASSED],
        target=Stage.NAMED,
        permission=_may_advance,
        custom={"label": "命名"},
    )
    def name_project(self, *, on) -> None:
        self.named_on = on

    def clean(self) -> None:
        rules.validate_stage_dates(self)
