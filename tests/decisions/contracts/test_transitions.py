"""Role × transition matrices of the decisions workflows, each asserted from one table: who may take each
transition of a decision (the education bureau's) and of a catalog (the district government's), who is refused.

A refused attempt changes nothing; an allowed one is rolled back, and the unit's clerk (or the Justice Bureau for a
catalog) then takes it for real so the next transition can be tried from its source state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from fazhi.core.models import Role
from fazhi.decisions import rules, services
from fazhi.decisions.models import Decision, DecisionCatalog
from fazhi.review import services as review_services

from ..conftest import pass_lower_levels

D = dt.date
S = Decision.Status

# The users of tests/conftest.py, each with its role; between them every core Role.
ROLES = {
    "admin": Role.SYSTEM_ADMIN,
    "justice": Role.JUSTICE_ADMIN,
    "other_justice": Role.JUSTICE_ADMIN,  # another district's Justice Bureau
    "jyj_clerk": Role.UNIT_CLERK,  # the decision's own unit
    "scj_clerk": Role.UNIT_CLERK,  # another unit
    "advisor": Role.LEGAL_ADVISOR,
    "reconsideration": Role.RECONSIDERATION_STAFF,
    "supervisor": Role.ENFORCEMENT_SUPERVISOR,
    "leader": Role.LEADER,
    "scj_leader": Role.LEADER,
}
MAY = "may"
NO = "refused"

# Decision transitions: whoever may change the decision (rules.may_advance_decision) — its unit, the Justice Bureau
# of its district and the system administrator; leaders read only, advisors see only what is assigned to them.
DECISION_PERMITTED = {"admin", "justice", "jyj_clerk"}
DECISION_TRANSITIONS = [
    "start",
    "finish_public_participation",
    "finish_expert_argumentation",
    "finish_risk_assessment",
    "submit_for_discussion",
    "decide",
    "finish_publication",
    "archive",
    "terminate",
]
DECISION_MATRIX = {
    transition: {user: (MAY if user in DECISION_PERMITTED else NO) for user in ROLES}
    for transition in DECISION_TRANSITIONS
}

# Catalog transitions: the Justice Bureau of the catalog's district (rules.may_manage_catalogs) and the system
# administrator.
CATALOG_PERMITTED = {"admin", "justice"}
CATALOG_TRANSITIONS = ["approve", "publish"]
CATALOG_MATRIX = {
    transition: {user: (MAY if user in CATALOG_PERMITTED else NO) for user in ROLES}
    for transition in CATALOG_TRANSITIONS
}


class _RolledBack(Exception):
    pass


def attempt(take) -> str:
    """Take a transition in a savepoint: MAY if it went through (then rolled back), NO if refused for the role."""
    try:
        with transaction.atomic():
            take()
            raise _RolledBack
    except _RolledBack:
        return MAY
    except PermissionDenied:
        return NO


def test_the_matrices_cover_every_role_and_every_transition(users):
    assert {getattr(users, name).role for name in ROLES} == set(Role.values)
    declared = {name for name, method in vars(Decision).items() if hasattr(method, "_django_fsm")}
    assert declared == set(DECISION_TRANSITIONS)
    declared = {name for name, method in vars(DecisionCatalog).items() if hasattr(method, "_django_fsm")}
    assert declared == set(CATALOG_TRANSITIONS)


def _prepare(transition: str, decision: Decision, users) -> dict:
    """Make the transition's conditions hold (as a lawful decision would), and return its arguments."""
    clerk = users.jyj_clerk

    def record(procedure, **fields):
        services.record_procedure(actor=clerk, decision=decision, procedure=procedure, **fields)

    if transition == "finish_public_participation":
        record("public_participation", started_on=D(2024, 4, 1), period_days=30, completed_on=D(2024, 5, 6))
    elif transition == "finish_expert_argumentation":
        services.add_expert_opinion(actor=clerk, decision=decision, expert_name="李教授", opinion="方案可行")
        record("expert_argumentation", started_on=D(2024, 5, 10), completed_on=D(2024, 5, 10))
    elif transition == "finish_risk_assessment":
        record(
            "risk_assessment",
            assessor="区委政法委",
            level="low",
            started_on=D(2024, 5, 12),
            completed_on=D(2024, 5, 20),
        )
    elif transition == "submit_for_discussion":
        review = services.request_legality_review(actor=clerk, decision=decision, submitted_on=D(2024, 5, 21))
        pass_lower_levels(review)
        review_services.conclude_review(
            actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=D(2024, 6, 3)
        )
    elif transition == "decide":
        record(
            "collective_discussion",
            meeting_kind="executive",
            meeting_name="区政府第12次常务会议",
            result="approved",
            completed_on=D(2024, 6, 12),
        )
    elif transition == "finish_publication":
        record("publication", channel="区政府门户网站", completed_on=D(2024, 6, 20))
    elif transition == "archive":
        for procedure in ("collective_discussion", "legality_review"):
            services.attach_document(
                actor=clerk,
                decision=decision,
                procedure=procedure,
                title=procedure,
                file=ContentFile(b"%PDF", name=f"{procedure}.pdf"),
            )
        return {"archived_on": D(2024, 12, 30)}
    elif transition == "terminate":
        return {"reason": "上级政策调整，不再实施"}
    return {}


def test_decision_transitions_by_role(users, district, settings, tmp_path):
    # given a registered decision of the education bureau, outside the catalog
    settings.MEDIA_ROOT = tmp_path
    decision = services.register_decision(
        actor=users.jyj_clerk,
        title="课后服务收费标准调整",
        organization=district.jyj,
        decision_body=district.root,
        registered_on=D(2024, 3, 10),
        outside_catalog_reason="年中根据上级部署新增",
    )
    # and a second one to terminate (terminate leaves no way forward)
    to_terminate = services.register_decision(
        actor=users.jyj_clerk,
        title="停车收费调整",
        organization=district.jyj,
        decision_body=district.root,
        registered_on=D(2024, 3, 10),
        outside_catalog_reason="年中根据上级部署新增",
    )

    # when every role tries every transition from its source state
    seen = {}
    for transition in DECISION_TRANSITIONS:
        target = to_terminate if transition == "terminate" else decision
        kwargs = _prepare(transition, target, users)
        seen[transition] = {}
        for name in ROLES:
            user = getattr(users, name)
            seen[transition][name] = attempt(
                lambda user=user, target=target, kwargs=kwargs, transition=transition: services.advance(
                    actor=user, decision=Decision.objects.get(pk=target.pk), transition=transition, **kwargs
                )
            )
            # the permission rule says the same
            assert rules.may_advance_decision(user, target) == (seen[transition][name] == MAY)
        services.advance(actor=users.jyj_clerk, decision=target, transition=transition, **kwargs)

    # then who may and who is refused is exactly the table
    assert seen == DECISION_MATRIX
    decision.refresh_from_db()
    to_terminate.refresh_from_db()
    assert (decision.status, to_terminate.status) == (S.ARCHIVED, S.TERMINATED)


def test_catalog_transitions_by_role(users, district):
    # given a draft catalog of the district government with one item
    catalog = services.create_catalog(actor=users.justice, year=2024, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=catalog,
        title="中小学布局调整",
        lead_unit=district.jyj,
        planned_time="2024年第三季度",
        planned_by=D(2024, 9, 30),
    )
    arguments = {
        "approve": {"approved_on": D(2024, 2, 20), "meeting": "区政府第3次常务会议"},
        "publish": {"published_on": D(2024, 3, 1), "channel": "区政府门户网站"},
    }
    take = {"approve": services.approve_catalog, "publish": services.publish_catalog}

    # when every role tries each transition
    seen = {}
    for transition in CATALOG_TRANSITIONS:
        seen[transition] = {}
        for name in ROLES:
            user = getattr(users, name)
            seen[transition][name] = attempt(
                lambda user=user, transition=transition: take[transition](
                    actor=user, catalog=DecisionCatalog.objects.get(pk=catalog.pk), **arguments[transition]
                )
            )
        take[transition](actor=users.justice, catalog=catalog, **arguments[transition])

    # then who may and who is refused is exactly the table
    assert seen == CATALOG_MATRIX
    catalog.refresh_from_db()
    assert catalog.status == DecisionCatalog.Status.PUBLISHED


@pytest.mark.parametrize("name", sorted(ROLES))
def test_only_the_justice_bureau_manages_catalogs(users, name):
    assert rules.may_manage_catalogs(getattr(users, name)) == (name in {"admin", "justice", "other_justice"})
