"""A major decision taken before the platform, brought in with its procedures and the date of each step (ledger
`decisions_history`, API `POST /api/decisions/decisions/history/`): registered and walked through the same services
and transitions as a live decision, in the statutory order, so every rule of the live workflow applies. Errors come
keyed by the names of HISTORY_FIELDS (the ledger's columns, the API's fields)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from fazhi.core.models import Organization, User
from fazhi.review import services as review_services

from .. import rules
from ..models import CatalogItem, Decision
from .decisions import (
    add_expert_opinion,
    add_public_comment,
    advance,
    answer_comment,
    record_procedure,
    register_decision,
    request_legality_review,
)

errors_as = review_services.errors_as

# The fields of a decision's history, in the order of its steps (the ledger's columns, the API's fields).
HISTORY_FIELDS = [
    "title",
    "organization",
    "decision_body",
    "catalog_year",
    "outside_catalog_reason",
    "summary",
    "registered_on",
    "participation_applicable",
    "participation_not_applicable_reason",
    "participation_methods",
    "participation_started_on",
    "participation_period_days",
    "participation_shorter_reason",
    "participation_completed_on",
    "argumentation_applicable",
    "argumentation_not_applicable_reason",
    "argumentation_form",
    "argumentation_started_on",
    "argumentation_completed_on",
    "expert_name",
    "expert_opinion",
    "risk_applicable",
    "risk_not_applicable_reason",
    "risk_assessor",
    "risk_level",
    "risk_started_on",
    "risk_completed_on",
    "review_submitted_on",
    "review_advisor_name",
    "review_initial_on",
    "review_advisor_on",
    "review_opinion",
    "review_concluded_on",
    "review_reasons",
    "discussion_meeting_kind",
    "discussion_meeting_name",
    "discussion_held_on",
    "discussion_result",
    "publication_applicable",
    "publication_not_applicable_reason",
    "publication_channel",
    "published_on",
]

# Procedure record → (prefix of its history fields, its fields taken from the history).
PROCEDURES = {
    "public_participation": (
        "participation",
        {"methods": "methods", "period_days": "period_days", "shorter_period_reason": "shorter_reason"},
    ),
    "expert_argumentation": ("argumentation", {"form": "form"}),
    "risk_assessment": ("risk", {"assessor": "assessor", "level": "level"}),
}
TRANSITION_AFTER = {
    "public_participation": "finish_public_participation",
    "expert_argumentation": "finish_expert_argumentation",
    "risk_assessment": "finish_risk_assessment",
}


def find_history(*, organization: Organization, title: str, year: int) -> Decision | None:
    """The decision a history names: its lead unit, its title and the year it was registered (its natural key)."""
    return (
        Decision.objects.filter(organization=organization, title=title.strip(), registered_on__year=year)
        .order_by("pk")
        .first()
    )


def _steps(v: dict) -> list[tuple[str, str, dt.date | None]]:
    """The history's dates in the statutory order (rules.validate_steps_in_order)."""
    return [
        ("registered_on", "立项日期", v["registered_on"]),
        ("participation_started_on", "公众参与开始日期", v.get("participation_started_on")),
        ("participation_completed_on", "公众参与完成日期", v.get("participation_completed_on")),
        ("argumentation_completed_on", "专家论证完成日期", v.get("argumentation_completed_on")),
        ("risk_completed_on", "风险评估完成日期", v.get("risk_completed_on")),
        ("review_submitted_on", "送合法性审查日期", v.get("review_submitted_on")),
        ("review_initial_on", "初审日期", v.get("review_initial_on")),
        ("review_advisor_on", "复审日期", v.get("review_advisor_on")),
        ("review_concluded_on", "终审日期", v.get("review_concluded_on")),
        ("discussion_held_on", "集体讨论日期", v.get("discussion_held_on")),
        ("published_on", "公布日期", v.get("published_on")),
    ]


# A public comment of a decision's history (API only: a decision has many; the ledger's one row per decision has none).
COMMENT_FIELDS = ["received_on", "commenter", "content", "response", "adopted", "answered_on"]


def _comments(actor: User, decision: Decision, comments: list[dict]) -> None:
    """The public comments received during the participation, each through add_public_comment and, when it was
    answered, answer_comment (validate_public_comment: dates happened, answered with reasons, not before received).
    Errors name the comment: public_comments[i].field."""
    started = decision.public_participation.started_on
    completed = decision.public_participation.completed_on
    for i, comment in enumerate(comments):
        unknown = set(comment) - set(COMMENT_FIELDS)
        if unknown:
            raise ValidationError(
                {"public_comments": f"第{i + 1}条意见有未知的字段：{'、'.join(sorted(unknown))}。"}
            )
        received = comment.get("received_on")
        if received and ((started and received < started) or (completed and received > completed)):
            raise ValidationError(
                {
                    f"public_comments[{i}].received_on": (
                        f"第{i + 1}条意见的收到日期（{received}）不在公众参与期间（{started}至{completed}）内。"
                    )
                }
            )
        mapping = {name: f"public_comments[{i}].{name}" for name in COMMENT_FIELDS}
        with errors_as(mapping, f"public_comments[{i}].received_on"):
            made = add_public_comment(
                actor=actor,
                decision=decision,
                received_on=received,
                content=comment.get("content", ""),
                commenter=comment.get("commenter", ""),
            )
            if comment.get("answered_on") or comment.get("response"):
                answer_comment(
                    actor=actor,
                    comment=made,
                    response=comment.get("response", ""),
                    adopted=comment.get("adopted"),
                    answered_on=comment.get("answered_on"),
                )


def comments_of(decision: Decision) -> list[dict]:
    """A decision's public comments as the history gives them (what a repeated API call is compared with)."""
    participation = _record(decision, "public_participation")
    if participation is None:
        return []
    return [
        {name: getattr(c, name) for name in COMMENT_FIELDS} for c in participation.comments.order_by("pk")
    ]


def _procedure(actor: User, decision: Decision, procedure: str, v: dict, comments: list[dict]) -> None:
    """One of public participation, expert argumentation, risk assessment: its record, then the transition out."""
    prefix, own = PROCEDURES[procedure]
    applicable = v.get(f"{prefix}_applicable", True)
    fields: dict = {"applicable": applicable}
    if applicable:
        fields.update(
            started_on=v.get(f"{prefix}_started_on"),
            completed_on=v.get(f"{prefix}_completed_on"),
            **{name: v.get(f"{prefix}_{key}") or _empty(name) for name, key in own.items()},
        )
    else:
        fields["not_applicable_reason"] = v.get(f"{prefix}_not_applicable_reason", "")
    mapping = {
        "applicable": f"{prefix}_applicable",
        "not_applicable_reason": f"{prefix}_not_applicable_reason",
        "started_on": f"{prefix}_started_on",
        "completed_on": f"{prefix}_completed_on",
        **{name: f"{prefix}_{key}" for name, key in own.items()},
    }
    default = f"{prefix}_completed_on" if applicable else f"{prefix}_not_applicable_reason"
    if (
        procedure == "expert_argumentation"
        and applicable
        and (v.get("expert_name") or v.get("expert_opinion"))
    ):
        with errors_as({"expert_name": "expert_name", "opinion": "expert_opinion"}, "expert_opinion"):
            add_expert_opinion(
                actor=actor,
                decision=decision,
                expert_name=v.get("expert_name", ""),
                opinion=v.get("expert_opinion", ""),
            )
    with errors_as(mapping, default):
        record_procedure(actor=actor, decision=decision, procedure=procedure, **fields)
    if procedure == "public_participation" and comments:
        if not applicable:
            raise ValidationError({"public_comments": "公众参与不适用的决策不能有公众意见。"})
        decision.public_participation.refresh_from_db()
        _comments(actor, decision, comments)
    with errors_as(mapping, default):
        advance(actor=actor, decision=decision, transition=TRANSITION_AFTER[procedure])


def _empty(name: str):
    return None if name == "period_days" else ""


def record_decision_history(*, actor: User, public_comments: list[dict] | None = None, **v) -> Decision:
    """A decision already taken (待公布) or taken and published (执行中), with the dates of each step, made through
    register_decision, record_procedure, request_legality_review, the review's three levels and the transitions.
    `v` holds HISTORY_FIELDS (units as Organization records); `public_comments` the comments received during the
    public participation (COMMENT_FIELDS each), recorded and answered before the participation ends."""
    unknown = set(v) - set(HISTORY_FIELDS)
    if unknown:
        raise ValidationError(f"未知的字段：{'、'.join(sorted(unknown))}。")
    rules.validate_steps_in_order(_steps(v))
    title = (v.get("title") or "").strip()
    with transaction.atomic():
        item = None
        if v.get("catalog_year"):
            item = CatalogItem.objects.filter(
                catalog__organization=v["decision_body"], catalog__year=v["catalog_year"], title=title
            ).first()
            if item is None:
                raise ValidationError(
                    {
                        "catalog_year": f"{v['decision_body']}{v['catalog_year']}年的决策事项目录中没有“{title}”。"
                    }
                )
        registration = {"catalog_item": "catalog_year", "organization": "organization"}
        registration.update(
            {k: k for k in ("title", "decision_body", "registered_on", "outside_catalog_reason")}
        )
        with errors_as(registration, "registered_on"):
            decision = register_decision(
                actor=actor,
                title=title,
                organization=v["organization"],
                decision_body=v["decision_body"],
                registered_on=v["registered_on"],
                catalog_item=item,
                outside_catalog_reason=v.get("outside_catalog_reason", ""),
                summary=v.get("summary", ""),
            )
            advance(actor=actor, decision=decision, transition="start")
        for procedure in PROCEDURES:
            _procedure(actor, decision, procedure, v, public_comments or [])
        with errors_as({"submitted_on": "review_submitted_on"}, "review_submitted_on"):
            review = request_legality_review(
                actor=actor, decision=decision, submitted_on=v.get("review_submitted_on")
            )
            if v.get("review_advisor_name"):
                review_services.change_review(
                    actor=actor, review=review, advisor_name=v["review_advisor_name"]
                )
        review_keys = ("initial_on", "advisor_on", "concluded_on", "reasons", "opinion")
        with errors_as({k: f"review_{k}" for k in review_keys}, "review_concluded_on"):
            review_services.conclude_history(
                actor=actor,
                review=review,
                initial_on=v.get("review_initial_on"),
                advisor_on=v.get("review_advisor_on"),
                opinion=v.get("review_opinion", ""),
                concluded_on=v.get("review_concluded_on"),
                reasons=v.get("review_reasons", ""),
            )
            decision.refresh_from_db()
            advance(actor=actor, decision=decision, transition="submit_for_discussion")
        held = v.get("discussion_held_on")
        discussion = {f: f"discussion_{f}" for f in ("meeting_kind", "meeting_name", "result")}
        with errors_as({**discussion, "completed_on": "discussion_held_on"}, "discussion_held_on"):
            record_procedure(
                actor=actor,
                decision=decision,
                procedure="collective_discussion",
                started_on=held,
                completed_on=held,
                **{f: v.get(key) or "" for f, key in discussion.items()},
            )
        with errors_as({}, "discussion_result"):
            advance(actor=actor, decision=decision, transition="decide")
        _publication(actor, decision, v)
    decision.refresh_from_db()
    return decision


def _publication(actor: User, decision: Decision, v: dict) -> None:
    """Published (or lawfully not published) → 执行中; neither said → the decision waits for publication (待公布)."""
    applicable = v.get("publication_applicable", True)
    mapping = {
        "applicable": "publication_applicable",
        "not_applicable_reason": "publication_not_applicable_reason",
        "channel": "publication_channel",
        "completed_on": "published_on",
        "started_on": "published_on",
    }
    if applicable and v.get("published_on") is None:
        if v.get("publication_channel"):
            raise ValidationError({"published_on": "填写了公布渠道的，须填写公布日期。"})
        return
    fields = (
        {
            "channel": v.get("publication_channel", ""),
            "completed_on": v["published_on"],
        }
        if applicable
        else {"applicable": False, "not_applicable_reason": v.get("publication_not_applicable_reason", "")}
    )
    with errors_as(mapping, "published_on" if applicable else "publication_not_applicable_reason"):
        record_procedure(actor=actor, decision=decision, procedure="publication", **fields)
        advance(actor=actor, decision=decision, transition="finish_publication")


def _record(decision: Decision, name: str):
    try:
        return getattr(decision, name)
    except ObjectDoesNotExist:
        return None


def history_of(decision: Decision) -> dict:
    """A decision's history as HISTORY_FIELDS (units by code): what the ledger exports and compares on re-import."""
    out: dict = {
        "title": decision.title,
        "organization": decision.organization.code,
        "decision_body": decision.decision_body.code,
        "catalog_year": decision.catalog_item.catalog.year if decision.catalog_item_id else None,
        "outside_catalog_reason": decision.outside_catalog_reason,
        "summary": decision.summary,
        "registered_on": decision.registered_on,
    }
    for procedure, (prefix, own) in PROCEDURES.items():
        record = _record(decision, procedure)
        out[f"{prefix}_applicable"] = record.applicable if record else True
        out[f"{prefix}_not_applicable_reason"] = record.not_applicable_reason if record else ""
        out[f"{prefix}_started_on"] = record.started_on if record else None
        out[f"{prefix}_completed_on"] = record.completed_on if record else None
        for name, key in own.items():
            out[f"{prefix}_{key}"] = getattr(record, name) if record else _empty(name)
    argumentation = _record(decision, "expert_argumentation")
    opinion = argumentation.opinions.order_by("pk").first() if argumentation else None
    out["expert_name"] = opinion.expert_name if opinion else ""
    out["expert_opinion"] = opinion.opinion if opinion else ""
    out.update({f"review_{k}": v for k, v in review_services.levels_of(decision.legality_review).items()})
    discussion = _record(decision, "collective_discussion")
    out.update(
        discussion_meeting_kind=discussion.meeting_kind if discussion else "",
        discussion_meeting_name=discussion.meeting_name if discussion else "",
        discussion_held_on=discussion.completed_on if discussion else None,
        discussion_result=discussion.result if discussion else "",
    )
    publication = _record(decision, "publication")
    out.update(
        publication_applicable=publication.applicable if publication else True,
        publication_not_applicable_reason=publication.not_applicable_reason if publication else "",
        publication_channel=publication.channel if publication else "",
        published_on=publication.completed_on if publication else None,
    )
    return out
