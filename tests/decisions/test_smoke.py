from fazhi.decisions.models import Decision

from .conftest import walk


def test_a_decision_walks_through_every_procedure(users, decision):
    walk(decision, Decision.Status.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.IMPLEMENTATION
    assert decision.public_participation.period_ends_on.isoformat() == "2024-05-06"
