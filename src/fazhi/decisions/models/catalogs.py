"""The yearly catalog of major decisions (重大行政决策事项目录, 第三条) and its items."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core.models import Organization

from .. import rules


def _may_manage(catalog, user) -> bool:
    return rules.may_manage_catalogs(user)


class DecisionCatalog(FSMModelMixin, models.Model):
    """重大行政决策事项目录: compiled, approved and published each year by the decision body (第3条)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "编制中"
        APPROVED = "approved", "已审定"
        PUBLISHED = "published", "已公布"

    year = models.PositiveSmallIntegerField("年度")
    organization = models.ForeignKey(
        Organization, verbose_name="决策机关", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("目录名称", max_length=200)
    status = FSMField("状态", choices=Status.choices, default=Status.DRAFT, protected=True)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    approved_by_meeting = models.CharField("审定会议", max_length=120, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField(
        "公布渠道", max_length=200, blank=True, help_text="如 区政府门户网站"
    )

    scope_field = "organization"

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="one_catalog_per_body_year")
        ]

    def __str__(self) -> str:
        return self.title

    @transition(
        field=status,
        source=Status.DRAFT,
        target=Status.APPROVED,
        permission=_may_manage,
        conditions=[rules.catalog_has_items],
        custom={"label": "审定目录"},
    )
    def approve(self, *, approved_on, meeting: str = "") -> None:
        self.approved_on = approved_on
        self.approved_by_meeting = meeting

    @transition(
        field=status,
        source=Status.APPROVED,
        target=Status.PUBLISHED,
        permission=_may_manage,
        custom={"label": "公布目录"},
    )
    def publish(self, *, published_on, channel: str) -> None:
        self.published_on = published_on
        self.publication_channel = channel

    def clean(self) -> None:
        rules.validate_catalog(self)


class CatalogItem(models.Model):
    """One item of the catalog: title, lead unit, planned time."""

    catalog = models.ForeignKey(
        DecisionCatalog, verbose_name="目录", on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField("决策事项", max_length=200)
    lead_unit = models.ForeignKey(
        Organization, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    planned_time = models.CharField("计划完成时间", max_length=40, help_text="如 2024年第三季度")
    planned_by = models.DateField("计划完成日期", help_text="用于期限提醒，如第三季度填 9月30日")
    sort_order = models.PositiveIntegerField("序号", default=0)

    scope_field = "catalog__organization"

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "目录事项"
        ordering = ["catalog", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_catalog_item(self)
