"""Changes to legality reviews (三级审核): submitting a draft, each level's opinion, sending back for revision,
resubmitting a new version, and the Justice Bureau's final opinion. Other workstreams call these."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction

from fazhi.core import access, calendar, config, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from .. import rules
from ..models import DraftVersion, LegalityReview, LevelOpinion, Opinion, ReviewLevel

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


def _start_level(review: LegalityReview, started_on: dt.date) -> None:
    level = LEVEL_OF_STATUS.get(review.status)
    if level is None:
        review.level_started_on = review.level_due_on = None
        review.level_due_explanation = ""
        return
    deadline = level_deadline(level, started_on)
    review.level_started_on, review.level_due_on, review.level_due_explanation = (
        started_on,
        deadline.due,
        deadline.explain(),
    )
    LegalityReview.objects.filter(pk=review.pk).update(
        level_started_on=started_on, level_due_on=deadline.due, level_due_explanation=deadline.explain()
    )


def _add_version(
    *, review: LegalityReview, number: int, submitted_on: dt.date, text: str, file: File | None, note: str
) -> DraftVersion:
    version = DraftVersion(review=review, number=number, text=text, submitted_on=submitted_on, note=note)
    if file is not None:
        digest = hashlib.sha256()
        for chunk in file.chunks():
            digest.update(chunk)
        file.seek(0)
        version.original_name = file.name.rsplit("/", 1)[-1]
        version.sha256 = digest.hexdigest()
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
    with transaction.atomic():
        review = core_services.create_record(
            actor=actor,
            instance=LegalityReview(
                title=title,
                subject_kind=subject_kind,
                organization=organization,
                submitted_on=submitted_on,
                advisor_user=advisor_user,
                advisor_name=advisor_name or (str(advisor_user) if advisor_user else ""),
            ),
        )
        version = _add_version(
            review=review, number=1, submitted_on=submitted_on, text=text or title, file=file, note=""
        )
        core_services.create_record(actor=actor, instance=version)
        _start_level(review, submitted_on)
    return review


def give_opinion(
    *, actor: User, review: LegalityReview, outcome: str, reasons: str = "", given_on: dt.date
) -> LevelOpinion:
    """The current level's opinion on the current version. 退回修改 sends the draft back; at the drafting unit's and
    the advisor's level a passing opinion moves the review up; the final level concludes it (Justice Bureau only)."""
    if outcome not in LevelOpinion.Outcome.values:
        raise ValidationError({"outcome": f"审查意见应为：{'、'.join(LevelOpinion.Outcome.labels)}。"})
    with transaction.atomic():
        review = LegalityReview.objects.select_for_update().get(pk=review.pk)
        level = LEVEL_OF_STATUS.get(review.status)
        if level is None:
            raise ValidationError(f"审查处于“{review.get_status_display()}”状态，不能出具意见。")
        allowed = {
            ReviewLevel.INITIAL: access.can(actor, review, access.CHANGE),
            ReviewLevel.ADVISOR: rules.may_give_advisor_opinion(review, actor),
            ReviewLevel.FINAL: access.has_role(actor, "justice_admin"),
        }[level]
        if not allowed:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(f"您不能出具{ReviewLevel(level).label}意见。")
        if level == ReviewLevel.FINAL and outcome != "returned":
            minimum = calendar.add_working_days(
                review.level_started_on, rules.FINAL_LEVEL_MIN_WORKING_DAYS
            ).due
            if given_on < minimum and not reasons.strip():
                raise ValidationError(
                    {
                        "reasons": f"终审时间一般不少于{rules.FINAL_LEVEL_MIN_WORKING_DAYS}个工作日（{minimum}之前出具的，请说明理由）。"
                    }
                )
        version = review.versions.get(number=review.current_version)
        opinion = core_services.create_record(
            actor=actor,
            instance=LevelOpinion(
                review=review,
                version=version,
                level=level,
                outcome=outcome,
                reasons=reasons,
                reviewer=actor,
                reviewer_name=actor.person.name if actor.person_id else actor.username,
                started_on=review.level_started_on or review.submitted_on,
                due_on=review.level_due_on or given_on,
                given_on=given_on,
            ),
        )
        if outcome == "returned":
            workflow.run_transition(actor=actor, instance=review, name="return_for_revision", note=reasons)
        elif level == ReviewLevel.INITIAL:
            workflow.run_transition(actor=actor, instance=review, name="pass_initial")
        elif level == ReviewLevel.ADVISOR:
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
        _start_level(review, given_on)
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
        if review.status != LegalityReview.Status.RETURNED:
            raise ValidationError("只有退回修改的审查才能重新送审。")
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
        _start_level(review, submitted_on)
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
