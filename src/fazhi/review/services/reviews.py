"""Changes to legality reviews (三级审核): submitting a draft, each level's opinion, sending back for revision,
resubmitting a new version, and the Justice Bureau's final opinion. Other workstreams call these."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction

from fazhi.core import access, audit, calendar, config, workflow
from fazhi.core import services as core_services
from fazhi.core.io import attachments
from fazhi.core.models import AuditEvent, Organization, User

from .. import rules
from ..models import AdvisorSubstitution, DraftVersion, LegalityReview, LevelOpinion, Opinion, ReviewLevel

LEVEL_OF_STATUS = {
    LegalityReview.Status.INITIAL_REVIEW: ReviewLevel.INITIAL,
    LegalityReview.Status.ADVISOR_REVIEW: ReviewLevel.ADVISOR,
    LegalityReview.Status.FINAL_REVIEW: ReviewLevel.FINAL,
}


def level_deadline(level: str, started_on: dt.date) -> calendar.Deadline:
    """Each level's time limit in working days (settings), computed by the statutory calendar."""
    days = config.get(rules.LEVEL_DAYS[level].key)
    return calendar.add_working_days(
        started_on, days, rule=f"{ReviewLevel(level).label}时限（{days}个工作日）"
    )


def _level_fields(status: str, started_on: dt.date) -> dict:
    """The current level's start, time limit and how it was computed; empty once no level is under way."""
    level = LEVEL_OF_STATUS.get(status)
    if level is None:
        return {"level_started_on": None, "level_due_on": None, "level_due_explanation": ""}
    deadline = level_deadline(level, started_on)
    return {
        "level_started_on": started_on,
        "level_due_on": deadline.due,
        "level_due_explanation": deadline.explain(),
    }


def _start_level(*, actor: User, review: LegalityReview, started_on: dt.date) -> None:
    """Store the new level's time limit on the review, audited like every other change."""
    before = audit.snapshot(review)
    data = _level_fields(review.status, started_on)
    LegalityReview.objects.filter(pk=review.pk).update(**data)
    for name, value in data.items():
        setattr(review, name, value)
    changes = audit.diff(before, audit.snapshot(review))
    if changes:
        level = LEVEL_OF_STATUS.get(review.status)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            instance=review,
            changes=changes,
            note=f"{ReviewLevel(level).label}开始" if level else "本级审查结束",
        )


def _reviewer_name(user: User) -> str:
    return user.person.name if user.person_id else user.username


def _add_version(
    *, review: LegalityReview, number: int, submitted_on: dt.date, text: str, file: File | None, note: str
) -> DraftVersion:
    """The version, validated before its file is written to storage (so a refused draft leaves no file behind)."""
    version = DraftVersion(review=review, number=number, text=text, submitted_on=submitted_on, note=note)
    if file is None:
        core_services.validate(version)
        return version
    version.original_name = attachments.original_name(file)
    version.sha256 = attachments.digest_of(file)
    version.file.name = version.original_name  # lets validation see that a file is given
    core_services.validate(version, exclude={"file"})
    version.file.save(version.original_name, file, save=False)
    return version


def submit_review(
    *,
    actor: User,
    title: str,
    subject_kind: str,
    organization: Organization,
    submitted_on: dt.date,
    text: str = "",
    file: File | None = None,
    advisor_user: User | None = None,
    advisor_name: str = "",
) -> LegalityReview:
    """Send a draft for review: version 1, starting at the drafting unit's initial review."""
    rules.validate_advisor_account(advisor_user)
    with transaction.atomic():
        review = core_services.create_record(
            actor=actor,
            instance=LegalityReview(
                title=title,
                subject_kind=subject_kind,
                organization=organization,
                submitted_on=submitted_on,
                advisor_user=advisor_user,
                advisor_name=advisor_name or (_reviewer_name(advisor_user) if advisor_user else ""),
                **_level_fields(LegalityReview.Status.INITIAL_REVIEW, submitted_on),
            ),
        )
        version = _add_version(
            review=review,
            number=1,
            submitted_on=submitted_on,
            text=text or (title if file is None else ""),
            file=file,
            note="",
        )
        core_services.create_record(actor=actor, instance=version)
    return review


def give_opinion(
    *,
    actor: User,
    review: LegalityReview,
    outcome: str,
    reasons: str = "",
    given_on: dt.date,
    level: str | None = None,
) -> LevelOpinion:
    """The current level's opinion on the current version. 退回修改 sends the draft back; at the drafting unit's and
    the advisor's level an opinion moves the review up; the final level concludes it (Justice Bureau only).
    `level`, when given, is the level the reviewer means: an opinion for any other level is refused (no skipping)."""
    rules.validate_given_on(given_on)
    if outcome not in LevelOpinion.Outcome.values:
        raise ValidationError({"outcome": f"审查意见应为：{'、'.join(LevelOpinion.Outcome.labels)}。"})
    if level is not None and level not in ReviewLevel.values:
        raise ValidationError({"level": f"审查层级应为：{'、'.join(ReviewLevel.labels)}。"})
    with transaction.atomic():
        review = LegalityReview.objects.select_for_update().get(pk=review.pk)
        current = LEVEL_OF_STATUS.get(review.status)
        if current is None:
            raise ValidationError(f"审查处于“{review.get_status_display()}”状态，不能出具意见。")
        if level is not None and level != current:
            raise ValidationError(
                f"审查当前处于“{ReviewLevel(current).label}”，不能出具{ReviewLevel(level).label}意见"
                "（三级审核依次进行，不得跳过）。"
            )
        if not rules.may_review_current_level(actor, review):
            raise PermissionDenied(rules.opinion_refused_message(ReviewLevel(current).label))
        if current == ReviewLevel.FINAL and outcome != LevelOpinion.Outcome.RETURNED:
            minimum = calendar.add_working_days(
                review.level_started_on, rules.FINAL_LEVEL_MIN_WORKING_DAYS
            ).due
            if given_on < minimum and not reasons.strip():
                raise ValidationError(
                    {
                        "reasons": f"终审时间一般不少于{rules.FINAL_LEVEL_MIN_WORKING_DAYS}个工作日"
                        f"（{minimum}之前出具的，请说明理由）。"
                    }
                )
        reviewer_name = _reviewer_name(actor)
        if current == ReviewLevel.ADVISOR:
            reviewer_name = rules.advisor_reviewer_name(review, reviewer_name)
        opinion = LevelOpinion(
            review=review,
            version=review.versions.get(number=review.current_version),
            level=current,
            outcome=outcome,
            reasons=reasons,
            reviewer=actor,
            reviewer_name=reviewer_name,
            started_on=review.level_started_on or review.submitted_on,
            due_on=review.level_due_on or given_on,
            given_on=given_on,
        )
        # Access is the level's rule above (an assigned advisor creates no records of a unit otherwise).
        core_services.validate(opinion)
        opinion.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=opinion,
            changes=audit.diff({}, audit.snapshot(opinion)),
        )
        if outcome == LevelOpinion.Outcome.RETURNED:
            workflow.run_transition(actor=actor, instance=review, name="return_for_revision", note=reasons)
        elif current == ReviewLevel.INITIAL:
            workflow.run_transition(actor=actor, instance=review, name="pass_initial")
        elif current == ReviewLevel.ADVISOR:
            workflow.run_transition(actor=actor, instance=review, name="pass_advisor")
        else:
            workflow.run_transition(
                actor=actor,
                instance=review,
                name="conclude",
                opinion=outcome,
                reasons=reasons,
                concluded_on=given_on,
            )
        review.refresh_from_db()
        _start_level(actor=actor, review=review, started_on=given_on)
    return opinion


def resubmit(
    *,
    actor: User,
    review: LegalityReview,
    submitted_on: dt.date,
    text: str = "",
    file: File | None = None,
    note: str = "",
) -> DraftVersion:
    """A revised draft after 退回修改: a new version, reviewed again from the drafting unit's level."""
    with transaction.atomic():
        review = LegalityReview.objects.select_for_update().get(pk=review.pk)
        access.check(actor, review, access.CHANGE)
        if not rules.may_act_for_drafting_unit(actor, review):
            raise PermissionDenied("只有送审单位可以重新送审。")
        if review.status != LegalityReview.Status.RETURNED:
            raise ValidationError("只有退回修改的审查才能重新送审。")
        returned = review.opinions.filter(outcome=LevelOpinion.Outcome.RETURNED).order_by("-given_on").first()
        if returned is not None and submitted_on < returned.given_on:
            raise ValidationError(
                {"submitted_on": f"重新送审日期不能早于退回修改的日期（{returned.given_on}）。"}
            )
        version = _add_version(
            review=review,
            number=review.current_version + 1,
            submitted_on=submitted_on,
            text=text,
            file=file,
            note=note,
        )
        core_services.create_record(actor=actor, instance=version)
        core_services.update_record(actor=actor, instance=review, data={"current_version": version.number})
        workflow.run_transition(actor=actor, instance=review, name="resubmit", note=note)
        review.refresh_from_db()
        _start_level(actor=actor, review=review, started_on=submitted_on)
    return version


def conclude_review(
    *, actor: User, review: LegalityReview, opinion: str, reasons: str, concluded_on: dt.date
) -> LegalityReview:
    """The Justice Bureau's final opinion (合法性终审), once the two lower levels have passed."""
    if opinion not in Opinion.values:
        raise ValidationError({"final_opinion": f"审查意见应为：{'、'.join(Opinion.labels)}。"})
    review.refresh_from_db()
    if review.status != LegalityReview.Status.FINAL_REVIEW:
        raise ValidationError(
            f"审查处于“{review.get_status_display()}”，须依次经起草单位初审、法律顾问复审后，方可出具终审意见。"
        )
    if concluded_on < review.submitted_on:
        raise ValidationError({"concluded_on": "终审日期不能早于送审日期。"})
    give_opinion(actor=actor, review=review, outcome=opinion, reasons=reasons, given_on=concluded_on)
    review.refresh_from_db()
    return review


def change_review(*, actor: User, review: LegalityReview, **data) -> LegalityReview:
    """The drafting unit corrects what it sent (title; the advisor before the advisor's level): rules.reviews says
    what is fixed once sent, and that an advisor's account once assigned is never replaced by the unit itself."""
    with transaction.atomic():
        locked = LegalityReview.objects.select_for_update().get(pk=review.pk)
        access.check(actor, locked, access.CHANGE)
        if not rules.may_act_for_drafting_unit(actor, locked):
            raise PermissionDenied(rules.CHANGE_REFUSED)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_review_change(locked, changed)
        if changed.get("advisor_user") is not None and not data.get("advisor_name"):
            changed["advisor_name"] = _reviewer_name(changed["advisor_user"])
        core_services.update_record(actor=actor, instance=locked, data=changed)
    review.refresh_from_db()
    return review


def substitute_advisor(
    *, actor: User, review: LegalityReview, substitute: User, substituted_on: dt.date, reason: str
) -> AdvisorSubstitution:
    """替代复审法律顾问: the Justice Bureau records who replaces the assigned advisor, when and why; the substitute
    becomes the review's advisor and alone gives the advisor level's opinion (rules.may_give_advisor_opinion)."""
    with transaction.atomic():
        locked = LegalityReview.objects.select_for_update().get(pk=review.pk)
        access.check(actor, locked, access.CHANGE)
        if not rules.may_record_substitution(actor, locked):
            raise PermissionDenied(rules.SUBSTITUTION_REFUSED)
        substitution = AdvisorSubstitution(
            review=locked,
            replaced_user=locked.advisor_user,
            replaced_name=locked.advisor_name,
            substitute=substitute,
            substitute_name=_reviewer_name(substitute),
            substituted_on=substituted_on,
            reason=reason.strip(),
            recorded_by=actor,
        )
        core_services.validate(substitution)
        substitution.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=substitution,
            changes=audit.diff({}, audit.snapshot(substitution)),
        )
        before = audit.snapshot(locked)
        data = {"advisor_user": substitute, "advisor_name": substitution.substitute_name}
        LegalityReview.objects.filter(pk=locked.pk).update(**data)
        for name, value in data.items():
            setattr(locked, name, value)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            instance=locked,
            changes=audit.diff(before, audit.snapshot(locked)),
            note=f"替代复审法律顾问：{substitution.reason}",
        )
    review.refresh_from_db()
    return substitution
