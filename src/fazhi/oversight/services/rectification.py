"""Every change of a rectification item: opened for a registered source record (once per record), worked on by the
responsible unit with evidence, signed off, consolidated or reopened by the supervising office, escalated when
overdue. Keyword-only functions, one transaction each, access checked, the rules of rules/rectification.py called and
the audit trail written."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from fazhi.core import access, audit, clock, workflow
from fazhi.core import services as core_services
from fazhi.core.io import attachments
from fazhi.core.models import AuditEvent, Organization, User

from .. import links
from ..models import RectificationEvidence, RectificationItem
from ..rules import rectification as rules


def item_of(source: models.Model) -> RectificationItem | None:
    """The rectification item attached to `source`, if any (unscoped: callers check access)."""
    return RectificationItem.objects.filter(
        source_type=ContentType.objects.get_for_model(type(source)), source_id=source.pk
    ).first()


def new_item(
    *,
    source: models.Model,
    opened_on: dt.date,
    deadline: dt.date | None = None,
    measures: str = "",
    organization: Organization | None = None,
    source_type: ContentType | None = None,
    deadlines: dict | None = None,
) -> RectificationItem:
    """The unsaved item for `source` as the rules fix it (its unit, kind and deadline): the service and the ledger
    imports both build items here."""
    registration = links.source_of(source)
    refusal = links.refusal_of(source)
    if refusal:
        raise ValidationError(refusal)
    due, explanation = rules.deadline_for(opened_on, deadline, deadlines)
    return RectificationItem(
        source_type=source_type or ContentType.objects.get_for_model(type(source)),
        source_id=source.pk,
        source_kind=registration.kind,
        organization=organization or registration.unit(source),
        measures=(measures or "").strip(),
        opened_on=opened_on,
        deadline=due,
        deadline_explanation=explanation,
    )


def open_item(
    *,
    actor: User,
    source: models.Model,
    deadline: dt.date | None = None,
    measures: str = "",
    opened_on: dt.date | None = None,
    organization: Organization | None = None,
) -> RectificationItem:
    """建立整改事项 for a finding kept elsewhere: the unit and the finding come from the source's registration; the
    deadline is the one given or computed from the configured period. Whoever may change the source record, or may
    create items for the responsible unit, may open it."""
    item = new_item(
        source=source,
        opened_on=opened_on or clock.today(),
        deadline=deadline,
        measures=measures,
        organization=organization,
    )
    with transaction.atomic():
        access.check(actor, source, access.VIEW)
        if not access.can(actor, source, access.CHANGE):
            access.check_create(actor, RectificationItem, item.organization)
        if item_of(source) is not None:
            raise ValidationError("该问题已建立整改事项，不能重复建立。")
        core_services.validate(item)
        item.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=item,
            changes=audit.diff({}, audit.snapshot(item)),
            note=f"问题来源：{links.SourceKind(links.source_of(source).kind).label}“{links.describe(source)[:60]}”",
        )
    return item


def update_plan(
    *, actor: User, item: RectificationItem, measures: str | None = None, deadline: dt.date | None = None
) -> RectificationItem:
    """Change the measures or (by the supervising office) the deadline of an open item."""
    data: dict = {}
    rules.validate_plan_change(item, actor, deadline=deadline)
    if measures is not None:
        data["measures"] = measures.strip()
    if deadline is not None and deadline != item.deadline:
        data["deadline"] = deadline
        data["deadline_explanation"] = f"督察机构调整整改期限为{deadline:%Y年%m月%d日}。"
    return core_services.update_record(actor=actor, instance=item, data=data)


def start(*, actor: User, item: RectificationItem, note: str = "") -> RectificationItem:
    """待整改 → 整改中."""
    return workflow.run_transition(actor=actor, instance=item, name="start", note=note)


def add_evidence(
    *, actor: User, item: RectificationItem, file, name: str = "", uploaded_on: dt.date | None = None
) -> RectificationEvidence:
    """Attach a file as evidence to an item still being rectified: hashed, named and audited by core.io.attachments."""
    with transaction.atomic():
        item = RectificationItem.objects.select_for_update().get(pk=item.pk)
        access.check(actor, item, access.CHANGE)
        rules.validate_evidence_allowed(item)
        evidence = RectificationEvidence(
            item=item,
            name=(name or (attachments.original_name(file) if file is not None else "") or "佐证材料")[:200],
            uploaded_on=uploaded_on or clock.today(),
        )
        return attachments.store(actor=actor, attachment=evidence, file=file)


def rectify(
    *,
    actor: User,
    item: RectificationItem,
    rectification: str,
    rectified_on: dt.date,
    files=(),
    note: str = "",
) -> RectificationItem:
    """整改中 → 已整改: what was done, the day, and the evidence files (at least one, here or uploaded before)."""
    rules.validate_event_date(rectified_on, "rectified_on")
    with transaction.atomic():
        if item.status == RectificationItem.Status.PENDING:
            start(actor=actor, item=item)
        core_services.update_record(
            actor=actor, instance=item, data={"rectification": (rectification or "").strip()}
        )
        for f in files:
            add_evidence(actor=actor, item=item, file=f, uploaded_on=rectified_on)
        return workflow.run_transition(
            actor=actor, instance=item, name="rectify", note=note, rectified_on=rectified_on
        )


def send_back(*, actor: User, item: RectificationItem, note: str) -> RectificationItem:
    """已整改 → 整改中: the supervising office finds the rectification insufficient."""
    rules.validate_send_back(note)
    return workflow.run_transition(actor=actor, instance=item, name="send_back", note=note)


def sign_off(
    *, actor: User, item: RectificationItem, signed_off_on: dt.date, note: str = ""
) -> RectificationItem:
    """已整改 → 已销号, by the supervising office only — never by the responsible unit itself."""
    rules.validate_event_date(signed_off_on, "signed_off_on")
    return workflow.run_transition(
        actor=actor, instance=item, name="sign_off", note=note, signed_off_on=signed_off_on, by=actor
    )


def consolidate(*, actor: User, item: RectificationItem, checked_on: dt.date, note: str) -> RectificationItem:
    """已销号 → 已巩固: a later check (回头看) confirms the rectification held."""
    rules.validate_event_date(checked_on, "checked_on")
    return workflow.run_transition(
        actor=actor,
        instance=item,
        name="consolidate",
        checked_on=checked_on,
        check_note=(note or "").strip(),
        note=(note or "").strip(),
    )


def reopen(
    *,
    actor: User,
    item: RectificationItem,
    checked_on: dt.date,
    note: str,
    deadline: dt.date | None = None,
) -> RectificationItem:
    """已销号 → 整改中: the later check (回头看) found the problem back; a new deadline, given or computed."""
    rules.validate_reopen(note)
    rules.validate_event_date(checked_on, "checked_on")
    if deadline is None:
        computed = rules.rectification_deadline(checked_on)
        deadline, explanation = computed.due, "回头看未通过，重新整改：" + computed.explain()
    else:
        explanation = f"回头看未通过，重新整改，期限为{deadline:%Y年%m月%d日}。"
    return workflow.run_transition(
        actor=actor,
        instance=item,
        name="reopen",
        note=note.strip(),
        check_note=note.strip(),
        checked_on=checked_on,
        deadline=deadline,
        explanation=explanation,
    )


def escalate(*, actor: User, item: RectificationItem, on: dt.date | None = None) -> RectificationItem:
    """挂牌督办: an item overdue by at least the configured number of days, by the supervising office."""
    on = on or clock.today()
    with transaction.atomic():
        item = RectificationItem.objects.select_for_update().get(pk=item.pk)
        access.check(actor, item, access.CHANGE)
        rules.validate_escalation(item, actor, on)
        return core_services.update_record(
            actor=actor,
            instance=item,
            data={"escalated_on": on},
            note=f"挂牌督办：逾期{item.overdue_days(on)}日",
        )


def escalate_overdue(*, actor: User, on: dt.date | None = None) -> list[RectificationItem]:
    """Escalate every item the actor may change that is overdue past the threshold and not yet escalated."""
    on = on or clock.today()
    limit = on - dt.timedelta(days=rules.escalation_threshold())
    candidates = access.scope(actor, RectificationItem.objects.all(), access.CHANGE).filter(
        status__in=RectificationItem.OPEN, deadline__lte=limit, escalated_on__isnull=True
    )
    return [escalate(actor=actor, item=i, on=on) for i in candidates if rules.is_supervising_office(i, actor)]
