"""A major administrative decision moving through the statutory procedures (国务院令第713号), each procedure's own
record, and the public comments and expert opinions gathered on the way."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import clock
from fazhi.core.models import Organization

from ... import rules
from ..catalogs import CatalogItem


def _may_advance(decision, user) -> bool:
    return rules.may_advance_decision(user, decision)


class Procedure(models.TextChoices):
    PUBLIC_PARTICIPATION = "public_participation", "公众参与"
    EXPERT_ARGUMENTATION = "expert_argumentation", "专家论证"
    RISK_ASSESSMENT = "risk_assessment", "风险评估"
    LEGALITY_REVIEW = "legality_review", "合法性审查"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论决定"
    PUBLICATION = "publication", "决策公布"
    POST_EVALUATION = "post_evaluation", "决策后评估"


class Decision(FSMModelMixin, models.Model):
    """A major administrative decision, moving through the statutory procedures in order."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "已立项"
        PUBLIC_PARTICIPATION = "public_participation", "公众参与"
        EXPERT_ARGUMENTATION = "expert_argumentation", "专家论证"
        RISK_ASSESSMENT = "risk_assessment", "风险评估"
        LEGALITY_REVIEW = "legality_review", "合法性审查"
        COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论决定"
        PUBLICATION = "publication", "待公布"
        IMPLEMENTATION = "implementation", "执行中"
        ARCHIVED = "archived", "已归档"
        TERMINATED = "terminated", "已终止"

    S = Status
    title = models.CharField("决策事项", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    decision_body = models.ForeignKey(
        Organization,
        verbose_name="决策机关",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="通常为区人民政府",
    )
    catalog_item = models.OneToOneField(
        CatalogItem,
        verbose_name="目录事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    outside_catalog_reason = models.TextField("目录外决策的理由", blank=True)
    summary = models.TextField("决策事项简介", blank=True)
    registered_on = models.DateField("立项日期")
    status = FSMField("状态", choices=Status.choices, default=Status.REGISTERED, protected=True)
    legality_review = models.OneToOneField(
        "review.LegalityReview",
        verbose_name="合法性审查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    termination_reason = models.TextField("终止理由", blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-registered_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_decision(self)

    # Transitions: each procedure is completed or, where the law allows, marked not applicable with its reason.
    @transition(
        field=status,
        source=S.REGISTERED,
        target=S.PUBLIC_PARTICIPATION,
        permission=_may_advance,
        custom={"label": "启动决策程序"},
    )
    def start(self) -> None:
        pass

    @transition(
        field=status,
        source=S.PUBLIC_PARTICIPATION,
        target=S.EXPERT_ARGUMENTATION,
        permission=_may_advance,
        conditions=[rules.public_participation_settled],
        custom={"label": "完成公众参与"},
    )
    def finish_public_participation(self) -> None:
        pass

    @transition(
        field=status,
        source=S.EXPERT_ARGUMENTATION,
        target=S.RISK_ASSESSMENT,
        permission=_may_advance,
        conditions=[rules.expert_argumentation_settled],
        custom={"label": "完成专家论证"},
    )
    def finish_expert_argumentation(self) -> None:
        pass

    @transition(
        field=status,
        source=S.RISK_ASSESSMENT,
        target=S.LEGALITY_REVIEW,
        permission=_may_advance,
        conditions=[rules.risk_assessment_settled],
        custom={"label": "完成风险评估，送合法性审查"},
    )
    def finish_risk_assessment(self) -> None:
        pass

    @transition(
        field=status,
        source=S.LEGALITY_REVIEW,
        target=S.COLLECTIVE_DISCUSSION,
        permission=_may_advance,
        conditions=[rules.legality_review_passed],
        custom={"label": "提请集体讨论"},
    )
    def submit_for_discussion(self) -> None:
        pass

    @transition(
        field=status,
        source=S.COLLECTIVE_DISCUSSION,
        target=S.PUBLICATION,
        permission=_may_advance,
        conditions=[rules.legality_review_passed, rules.collective_discussion_recorded],
        custom={"label": "作出决定"},
    )
    def decide(self) -> None:
        pass

    @transition(
        field=status,
        source=S.PUBLICATION,
        target=S.IMPLEMENTATION,
        permission=_may_advance,
        conditions=[rules.publication_settled],
        custom={"label": "完成公布，进入执行"},
    )
    def finish_publication(self) -> None:
        pass

    @transition(
        field=status,
        source=S.IMPLEMENTATION,
        target=S.ARCHIVED,
        permission=_may_advance,
        conditions=[rules.documents_attached],
        custom={"label": "归档"},
    )
    def archive(self, *, archived_on=None) -> None:
        self.archived_on = archived_on or clock.today()

    @transition(
        field=status,
        source=[
            S.REGISTERED,
            S.PUBLIC_PARTICIPATION,
            S.EXPERT_ARGUMENTATION,
            S.RISK_ASSESSMENT,
            S.LEGALITY_REVIEW,
            S.COLLECTIVE_DISCUSSION,
        ],
        target=S.TERMINATED,
        permission=_may_advance,
        custom={"label": "终止决策"},
    )
    def terminate(self, *, reason: str = "") -> None:
        rules.validate_termination_reason(reason)
        self.termination_reason = reason
