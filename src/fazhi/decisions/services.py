"""Every change to decisions, catalogs and legal advisors: keyword-only functions that check access and the
statutory rules, save, and write the audit trail in one transaction. Pages, admin, API, ledgers and CLI call these."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction

from fazhi.core import access, audit, calendar, workflow
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, Role, User
from fazhi.review import services as review_services
from fazhi.review.models import SubjectKind

from . import rules
from .models import (
    AdvisorAttendance,
    AdvisorReview,
    CatalogItem,
    CollectiveDiscussion,
    Decision,
    DecisionCatalog,
    DecisionDocument,
    ExpertArgumentation,
    ExpertOpinion,
    LegalAdvisor,
    PostEvaluation,
    Procedure,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)

PROCEDURE_MODELS = {
    Procedure.PUBLIC_PARTICIPATION: PublicParticipation,
    Procedure.EXPERT_ARGUMENTATION: ExpertArgumentation,
    Procedure.RISK_ASSESSMENT: RiskAssessment,
    Procedure.COLLECTIVE_DISCUSSION: CollectiveDiscussion,
    Procedure.PUBLICATION: Publication,
    Procedure.POST_EVALUATION: PostEvaluation,
}

# Catalog -----------------------------------------------------------------------------------------------------


def _require_justice_bureau(actor: User, what: str) -> None:
    if not access.has_role(actor, Role.JUSTICE_ADMIN):
        raise PermissionDenied(f"{what}由司法局（依法治区办）管理员办理。")


def catalog_title(organization: Organization, year: int) -> str:
    return f"{organization.name}{year}年度重大行政决策事项目录"


def create_catalog(*, actor: User, year: int, organization: Organization, title: str = "") -> DecisionCatalog:
    _require_justice_bureau(actor, "编制重大行政决策事项目录")
    catalog = DecisionCatalog(
        year=year, organization=organization, title=title or catalog_title(organization, year)
    )
    return core_services.create_record(actor=actor, instance=catalog)


def add_catalog_item(
    *,
    actor: User,
    catalog: DecisionCatalog,
    title: str,
    lead_unit: Organization,
    planned_time: str,
    planned_by: dt.date,
    sort_order: int | None = None,
) -> CatalogItem:
    """Items are added while the catalog is being compiled; once approved it changes only by a new decision."""
    _require_justice_bureau(actor, "增加目录事项")
    if catalog.status != DecisionCatalog.Status.DRAFT:
        raise ValidationError(f"“{catalog}”已{catalog.get_status_display()}，不能再增加事项。")
    item = CatalogItem(
        catalog=catalog,
        title=title,
        lead_unit=lead_unit,
        planned_time=planned_time,
        planned_by=planned_by,
        sort_order=sort_order if sort_order is not None else catalog.items.count() + 1,
    )
    return core_services.create_record(actor=actor, instance=item)


def approve_catalog(
    *, actor: User, catalog: DecisionCatalog, approved_on: dt.date, meeting: str = ""
) -> DecisionCatalog:
    return workflow.run_transition(
        actor=actor, instance=catalog, name="approve", approved_on=approved_on, meeting=meeting
    )


def publish_catalog(
    *, actor: User, catalog: DecisionCatalog, published_on: dt.date, channel: str
) -> DecisionCatalog:
    if not channel.strip():
        raise ValidationError({"publication_channel": "请填写公布渠道，如区政府门户网站。"})
    return workflow.run_transition(
        actor=actor, instance=catalog, name="publish", published_on=published_on, channel=channel
    )


# Decisions ---------------------------------------------------------------------------------------------------


def register_decision(
    *,
    actor: User,
    title: str,
    organization: Organization,
    decision_body: Organization,
    registered_on: dt.date,
    catalog_item: CatalogItem | None = None,
    outside_catalog_reason: str = "",
    summary: str = "",
) -> Decision:
    """Register a decision with an empty record for each procedure. One outside the catalog needs its reason."""
    with transaction.atomic():
        if catalog_item is not None:
            if catalog_item.catalog.status == DecisionCatalog.Status.DRAFT:
                raise ValidationError({"catalog_item": "目录尚未审定，不能据此立项。"})
            if Decision.objects.filter(catalog_item=catalog_item).exists():
                raise ValidationError({"catalog_item": f"目录事项“{catalog_item}”已立项。"})
            if catalog_item.lead_unit_id != organization.pk:
                raise ValidationError(
                    {"organization": f"目录事项“{catalog_item}”的承办单位是{catalog_item.lead_unit}。"}
                )
            if catalog_item.catalog.organization_id != decision_body.pk:
                raise ValidationError(
                    {"decision_body": f"该目录的决策机关是{catalog_item.catalog.organization}。"}
                )
        decision = core_services.create_record(
            actor=actor,
            instance=Decision(
                title=title,
                organization=organization,
                decision_body=decision_body,
                registered_on=registered_on,
                catalog_item=catalog_item,
                outside_catalog_reason=outside_catalog_reason,
                summary=summary,
            ),
        )
        records = [model.objects.create(decision=decision) for model in PROCEDURE_MODELS.values()]
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(AuditEvent.Action.CREATE, r, audit.diff({}, audit.snapshot(r))) for r in records
            ],
        )
    return decision


def advance(*, actor: User, decision: Decision, transition: str, note: str = "", **kwargs: Any) -> Decision:
    """Take a named transition (start, finish_public_participation, …, archive, terminate)."""
    return workflow.run_transition(actor=actor, instance=decision, name=transition, note=note, **kwargs)


def procedure_record(decision: Decision, procedure: str):
    try:
        model = PROCEDURE_MODELS[procedure]
    except KeyError as exc:
        raise ValidationError(f"程序“{procedure}”没有单独的记录。") from exc
    return model.objects.get(decision=decision)


def record_procedure(*, actor: User, decision: Decision, procedure: str, **fields: Any):
    """Fill in a procedure's record (dates, outcome, or not applicable with its reason). The comment period's end is
    computed by the statutory calendar, never typed."""
    record = procedure_record(decision, procedure)
    if decision.status in (Decision.Status.ARCHIVED, Decision.Status.TERMINATED):
        raise ValidationError(f"决策已{decision.get_status_display()}，不能再修改程序记录。")
    for name in fields:
        if name in ("period_ends_on", "period_explanation", "decision", "decision_id"):
            raise ValidationError({name: "该项由平台计算或确定，不能直接填写。"})
    if isinstance(record, CollectiveDiscussion) and (fields.get("started_on") or fields.get("completed_on")):
        if not rules.legality_review_passed(decision):
            raise ValidationError(rules.legality_review_passed.message)
        held = fields.get("completed_on") or fields.get("started_on")
        if held < decision.legality_review.concluded_on:
            raise ValidationError(
                {
                    "completed_on": f"集体讨论的日期不能早于合法性审查意见的出具日期（{decision.legality_review.concluded_on}）。"
                }
            )
    if isinstance(record, PublicParticipation):
        started = fields.get("started_on", record.started_on)
        days = fields.get("period_days", record.period_days)
        if started and days:
            deadline = calendar.add_calendar_days(
                started, days, rule="重大行政决策程序暂行条例第十五条（征求意见期限）"
            )
            fields["period_ends_on"] = deadline.due
            fields["period_explanation"] = deadline.explain()
        elif record.period_ends_on is not None:
            fields["period_ends_on"], fields["period_explanation"] = None, ""
    return core_services.update_record(actor=actor, instance=record, data=fields)


def _require_open(decision: Decision) -> None:
    if decision.status in (Decision.Status.ARCHIVED, Decision.Status.TERMINATED):
        raise ValidationError(f"决策已{decision.get_status_display()}，不能再修改其记录。")


def add_public_comment(
    *, actor: User, decision: Decision, received_on: dt.date, content: str, commenter: str = ""
) -> PublicComment:
    _require_open(decision)
    participation = procedure_record(decision, Procedure.PUBLIC_PARTICIPATION)
    if not participation.applicable:
        raise ValidationError("该决策的公众参与已标为不适用，不能登记公众意见。")
    comment = PublicComment(
        participation=participation, received_on=received_on, content=content, commenter=commenter
    )
    return core_services.create_record(actor=actor, instance=comment)


def answer_comment(
    *, actor: User, comment: PublicComment, response: str, adopted: bool | None, answered_on: dt.date
) -> PublicComment:
    _require_open(comment.participation.decision)
    if not response.strip():
        raise ValidationError({"response": "请写明采纳情况及理由。"})
    if answered_on < comment.received_on:
        raise ValidationError({"answered_on": "反馈日期不能早于收到日期。"})
    return core_services.update_record(
        actor=actor,
        instance=comment,
        data={"response": response, "adopted": adopted, "answered_on": answered_on},
    )


def add_expert_opinion(
    *,
    actor: User,
    decision: Decision,
    expert_name: str,
    opinion: str,
    expert_title: str = "",
    adopted: bool | None = None,
) -> ExpertOpinion:
    _require_open(decision)
    argumentation = procedure_record(decision, Procedure.EXPERT_ARGUMENTATION)
    return core_services.create_record(
        actor=actor,
        instance=ExpertOpinion(
            argumentation=argumentation,
            expert_name=expert_name,
            expert_title=expert_title,
            opinion=opinion,
            adopted=adopted,
        ),
    )


def request_legality_review(*, actor: User, decision: Decision, submitted_on: dt.date):
    """Send the draft to the legality review (the review workstream's record, not a copy of it)."""
    with transaction.atomic():
        access.check(actor, decision, access.CHANGE)
        if decision.status != Decision.Status.LEGALITY_REVIEW:
            raise ValidationError(
                "完成公众参与、专家论证和风险评估后，方可送合法性审查（决策处于“合法性审查”环节时）。"
            )
        if decision.legality_review_id and not decision.legality_review.status == "concluded":
            raise ValidationError("该决策已送合法性审查，尚未出具意见。")
        if decision.legality_review_id and decision.legality_review.passed:
            raise ValidationError("该决策已通过合法性审查。")
        review = review_services.submit_review(
            actor=actor,
            title=decision.title,
            subject_kind=SubjectKind.MAJOR_DECISION,
            organization=decision.organization,
            submitted_on=submitted_on,
            text=decision.summary or f"重大行政决策草案：{decision.title}（送审文本见决策文件）",
        )
        core_services.update_record(actor=actor, instance=decision, data={"legality_review": review})
    return review


def earliest_review_conclusion(review) -> calendar.Deadline:
    """第二十六条: the review is given at least 7 working days."""
    return calendar.add_working_days(
        review.submitted_on, rules.LEGALITY_REVIEW_MIN_WORKING_DAYS, rule="重大行政决策程序暂行条例第二十六条"
    )


def attach_document(
    *, actor: User, decision: Decision, procedure: str, title: str, file: File
) -> DecisionDocument:
    """Attach a document to a step; its SHA-256 is kept so the archive can show it is unchanged."""
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": "请选择文件所属的程序。"})
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    name = file.name.rsplit("/", 1)[-1]
    document = DecisionDocument(
        decision=decision,
        procedure=procedure,
        title=title or name,
        uploaded_by=actor,
        sha256=digest.hexdigest(),
        original_name=name,
    )
    with transaction.atomic():
        access.check(actor, decision, access.CHANGE)
        if decision.status in (Decision.Status.ARCHIVED, Decision.Status.TERMINATED):
            raise ValidationError(f"决策已{decision.get_status_display()}，决策档案不能再增加文件。")
        core_services.validate(document, exclude={"file"})
        document.file.save(name, file, save=False)
        document.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=document,
            changes={
                "title": [None, document.title],
                "procedure": [None, procedure],
                "sha256": [None, document.sha256],
                "original_name": [None, name],
            },
        )
    return document


# Legal advisors ------------------------------------------------------------------------------------------------


def create_advisor(*, actor: User, units_served: list[Organization] = (), **fields: Any) -> LegalAdvisor:
    with transaction.atomic():
        advisor = core_services.create_record(actor=actor, instance=LegalAdvisor(**fields))
        if units_served:
            advisor.units_served.set(units_served)
            audit.record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                instance=advisor,
                changes={"units_served": [[], sorted(o.code for o in units_served)]},
            )
    return advisor


def update_advisor(
    *, actor: User, advisor: LegalAdvisor, units_served: list[Organization] | None = None, **fields: Any
) -> LegalAdvisor:
    """Change an advisor; a new list of units served is audited with the codes before and after."""
    with transaction.atomic():
        advisor = core_services.update_record(actor=actor, instance=advisor, data=fields)
        if units_served is not None:
            before = sorted(advisor.units_served.values_list("code", flat=True))
            after = sorted(o.code for o in units_served)
            if before != after:
                advisor.units_served.set(units_served)
                audit.record(
                    actor=actor,
                    action=AuditEvent.Action.UPDATE,
                    instance=advisor,
                    changes={"units_served": [before, after]},
                )
    return advisor


def record_attendance(*, actor: User, **fields: Any) -> AdvisorAttendance:
    return core_services.create_record(actor=actor, instance=AdvisorAttendance(**fields))


def record_advisor_review(*, actor: User, **fields: Any) -> AdvisorReview:
    return core_services.create_record(actor=actor, instance=AdvisorReview(**fields))


def complete_advisor_review(
    *, actor: User, review: AdvisorReview, opinion: str, completed_on: dt.date, adopted: bool | None = None
) -> AdvisorReview:
    return core_services.update_record(
        actor=actor,
        instance=review,
        data={"opinion": opinion, "completed_on": completed_on, "adopted": adopted},
    )
