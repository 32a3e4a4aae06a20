"""Role × transition matrix of ReconsiderationCase: every transition, every role of core.models.Role, from one table.
Only the reconsideration office (复议工作人员), the Justice Bureau's administrators of the district and system
administrators take a transition (rules.cases.may_handle); everyone else is refused and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from fazhi.core import workflow
from fazhi.core.models import Role
from fazhi.disputes import services
from fazhi.disputes.models import ReconsiderationCase
from tests import factories

D = dt.date
S = ReconsiderationCase.Status

# the users fixture's user for each role (and a Justice Bureau administrator of another district)
ROLE_USERS = {
    Role.SYSTEM_ADMIN: "admin",
    Role.JUSTICE_ADMIN: "justice",
    Role.UNIT_CLERK: "jyj_clerk",
    Role.LEGAL_ADVISOR: "advisor",
    Role.RECONSIDERATION_STAFF: "reconsideration",
    Role.ENFORCEMENT_SUPERVISOR: "supervisor",
    Role.LEADER: "leader",
}
OTHER_DISTRICT = "other_justice"
MAY = {"admin", "justice", "reconsideration"}


def _register(users, district, **changes) -> ReconsiderationCase:
    values = {
        "channel": "mail",
        "received_on": D(2025, 3, 3),
        "applicant_kind": "person",
        "applicant_name": "刘某",
        "applicant_id_code": factories.id_number(),
        "respondent": district.scj,
        "contested_act": "澄市监罚〔2025〕9号行政处罚决定",
        "act_date": D(2025, 2, 20),
        "request": "撤销该行政处罚决定",
        "procedure": "ordinary",
    }
    values.update(changes)
    return services.register_case(actor=users.reconsideration, organization=district.sfj, **values)


def _office(users):
    return users.reconsideration


def received(users, district):
    return _register(users, district)


def supplementing(users, district):
    return services.request_supplement(
        actor=_office(users), case=received(users, district), on=D(2025, 3, 4), items="身份证明"
    )


def accepted(users, district):
    return services.accept(actor=_office(users), case=received(users, district), on=D(2025, 3, 4))


def reviewing(users, district):
    case = accepted(users, district)
    services.send_copy(actor=_office(users), case=case, on=D(2025, 3, 5))
    services.record_opinion(
        actor=_office(users), case=case, heard_on=D(2025, 3, 6), method="phone", with_whom="申请人"
    )
    return case


def suspended(users, district):
    return services.suspend(
        actor=_office(users), case=reviewing(users, district), on=D(2025, 3, 10), ground=10, reason="等待"
    )


def decided(users, district):
    return services.decide(
        actor=_office(users),
        case=reviewing(users, district),
        on=D(2025, 3, 20),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 3, 20),
    )


# transition | the state it starts from | its arguments | the state it reaches
TRANSITIONS = [
    ("request_supplement", received, {"on": D(2025, 3, 4), "items": "材料"}, S.SUPPLEMENTING),
    ("receive_supplement", supplementing, {"on": D(2025, 3, 6)}, S.RECEIVED),
    ("accept", received, {"on": D(2025, 3, 4)}, S.ACCEPTED),
    ("deem_accepted", received, {}, S.ACCEPTED),
    ("refuse", received, {"on": D(2025, 3, 5), "reason": "不属于复议范围"}, S.REJECTED),
    ("send_copy", accepted, {"on": D(2025, 3, 5)}, S.REVIEWING),
    ("suspend", reviewing, {"on": D(2025, 3, 10), "ground": 7, "reason": "等待解释"}, S.SUSPENDED),
    ("resume", suspended, {"on": D(2025, 3, 20)}, S.REVIEWING),
    (
        "extend",
        reviewing,
        {"days": 15, "approved_by": "卫主任", "approved_on": D(2025, 4, 1), "reason": "复杂"},
        S.REVIEWING,
    ),
    (
        "decide",
        reviewing,
        {
            "on": D(2025, 4, 10),
            "outcome": "revoke",
            "summary": "事实不清",
            "approval": "head",
            "approved_by": "分管副区长",
            "approved_on": D(2025, 4, 10),
        },
        S.DECIDED,
    ),
    ("mediate", reviewing, {"on": D(2025, 4, 10), "summary": "调解"}, S.MEDIATED),
    ("terminate", reviewing, {"on": D(2025, 4, 10), "reason": "和解撤回", "settled": True}, S.TERMINATED),
    ("withdraw", received, {"on": D(2025, 3, 5), "reason": "撤回"}, S.WITHDRAWN),
    (
        "reject_application",
        reviewing,
        {
            "on": D(2025, 3, 20),
            "reason": "申请人与被申请的行政行为没有利害关系",
            "approval": "head",
            "approved_by": "分管副区长",
            "approved_on": D(2025, 3, 19),
        },
        S.DECIDED,
    ),
    ("close", decided, {"on": D(2025, 4, 20)}, S.CLOSED),
]


def test_the_matrix_names_every_transition_and_every_role():
    fsm = ReconsiderationCase._meta.get_field("status")
    names = {t.name for t in fsm.get_all_transitions(ReconsiderationCase)}
    assert names == {t[0] for t in TRANSITIONS} == set(services.TRANSITION_SERVICES)
    assert set(ROLE_USERS) == set(Role.values)


@pytest.mark.parametrize(("name", "start", "kwargs", "target"), TRANSITIONS, ids=[t[0] for t in TRANSITIONS])
def test_may_handle_decides_who_takes_each_transition(users, district, name, start, kwargs, target):
    service = services.TRANSITION_SERVICES[name]
    # given a case where the transition is possible
    case = start(users, district)
    before = model_to_dict(ReconsiderationCase.objects.get(pk=case.pk))
    # when each refused role tries it, then it is refused and nothing changes
    for username in [*ROLE_USERS.values(), OTHER_DISTRICT]:
        if username in MAY:
            continue
        user = getattr(users, username)
        assert name not in {t["name"] for t in workflow.available(case, user)}, username
        with pytest.raises(PermissionDenied):
            service(actor=user, case=case, **kwargs)
        assert model_to_dict(ReconsiderationCase.objects.get(pk=case.pk)) == before, username
    # when each allowed role takes it (on a case of its own), then the case reaches the target state
    for username in sorted(MAY):
        user = getattr(users, username)
        own = case if username == "reconsideration" else start(users, district)
        assert name in {t["name"] for t in workflow.available(own, user)}, username
        service(actor=user, case=own, **kwargs)
        own.refresh_from_db()
        assert own.status == target, username
