"""Inspections (督查、法治督察、依托政治巡察的督察、中央或自治区督察反馈): who organised them, which units were
inspected, and what was found; each finding goes to the rectification ledger."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization

from ..rules import inspections as rules


class Inspection(models.Model):
    """One inspection: its kind, date, the organising unit and those organising it jointly, the units inspected."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", "督查"
        RULE_OF_LAW = "rule_of_law", "法治督察"
        PATROL = "patrol", "依托政治巡察的督察"
        CENTRAL_FEEDBACK = "central_feedback", "中央督察反馈"
        REGIONAL_FEEDBACK = "regional_feedback", "省（自治区）督察反馈"

    kind = models.CharField("督察类别", max_length=20, choices=Kind.choices)
    title = models.CharField("督察名称", max_length=200)
    held_on = models.DateField("督察日期")
    organization = models.ForeignKey(
        Organization, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    co_organizers = models.ManyToManyField(
        Organization, verbose_name="联合组织单位", blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        Organization,
        verbose_name="被督察单位",
        through="InspectedUnit",
        related_name="inspections",
        blank=True,
    )
    summary = models.TextField("督察概况", blank=True)

    scope_field = "organization"
    # The units inspected see the inspection too (and its findings, below).
    participant_fields = ("units",)

    class Meta:
        verbose_name = "督察"
        verbose_name_plural = "督察"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "held_on"],
                name="oversight_inspection_title_date_unique",
                violation_error_message="同一日期已登记同名督察。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on:%Y-%m-%d}）" if self.held_on else self.title

    def clean(self) -> None:
        rules.validate_inspection(self)


class InspectedUnit(models.Model):
    """A unit inspected in an inspection (the figure of units inspected counts these)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name="督察", on_delete=models.CASCADE, related_name="inspected"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="被督察单位", on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "inspection__organization"

    class Meta:
        verbose_name = "被督察单位"
        verbose_name_plural = "被督察单位"
        ordering = ["inspection", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "organization"],
                name="oversight_inspected_unit_once",
                violation_error_message="该单位已列为本次督察的被督察单位。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.organization}"


class InspectionFinding(models.Model):
    """A problem an inspection found in a unit (督察发现问题); its rectification item attaches to it."""

    inspection = models.ForeignKey(
        Inspection, verbose_name="督察", on_delete=models.PROTECT, related_name="findings"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="问题单位", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField("问题序号")
    text = models.TextField("问题描述")

    scope_field = "organization"
    # The organisers' scope sees every finding; a unit inspected sees only its own (scope_field), never the
    # findings in the other units inspected with it.
    participant_fields = ("inspection__organization",)

    class Meta:
        verbose_name = "督察发现问题"
        verbose_name_plural = "督察发现问题"
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"],
                name="oversight_finding_number_unique",
                violation_error_message="本次督察已有该序号的问题。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspection.title}问题{self.number}"
