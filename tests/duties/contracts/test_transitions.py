"""Who may move a demonstration project: every role of core.models.Role against every transition of the workflow,
asserted from one table. The table also decides what the projects page offers (workflow.available)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import workflow
from fazhi.core.models import Role
from fazhi.duties import services
from fazhi.duties.models import DemonstrationProject

from ..conftest import D

pytestmark = pytest.mark.django_db
S = DemonstrationProject.Stage

# user (tests/conftest.py `users`) -> (role, may take every transition of a project of the education bureau)
MAY_ADVANCE = {
    "admin": (Role.SYSTEM_ADMIN, True),
    "justice": (Role.JUSTICE_ADMIN, True),
    "other_justice": (Role.JUSTICE_ADMIN, False),  # another district's bureau: not its project
    "jyj_clerk": (Role.UNIT_CLERK, False),  # the applying unit's clerk: sees it, may not move it
    "scj_clerk": (Role.UNIT_CLERK, False),
    "advisor": (Role.LEGAL_ADVISOR, False),
    "reconsideration": (Role.RECONSIDERATION_STAFF, False),
    "supervisor": (Role.ENFORCEMENT_SUPERVISOR, False),
    "leader": (Role.LEADER, False),
    "scj_leader": (Role.LEADER, False),
}
# transition -> (the steps that bring a new project to the stage it starts from, the stage it ends in)
TRANSITIONS = {
    "shortlist": ([], S.SHORTLISTED),
    "pass_review": (["shortlist"], S.REVIEW_PASSED),
    "name_project": (["shortlist"], S.NAMED),
}
DAYS = {"shortlist": D(2024, 6, 14), "pass_review": D(2024, 9, 1), "name_project": D(2024, 11, 28)}


def test_the_table_covers_every_role_and_every_transition():
    assert {role for role, _ in MAY_ADVANCE.values()} == set(Role.values)
    assert set(TRANSITIONS) == {t.name for t in DemonstrationProject().get_all_stage_transitions()}


@pytest.mark.parametrize("transition", list(TRANSITIONS))
def test_only_the_districts_justice_bureau_moves_a_demonstration_project(users, district, transition):
    before, target = TRANSITIONS[transition]
    for who, (_, may) in MAY_ADVANCE.items():
        # given a project of the education bureau at the stage the transition starts from
        project = services.enter_project(
            actor=users.justice,
            name=f"校园法治（{who}）",
            organization=district.jyj,
            level="regional",
            applied_on=D(2024, 3, 1),
        )
        for step in before:
            services.advance_project(actor=users.justice, project=project, transition=step, on=DAYS[step])
        project.refresh_from_db()
        start = project.stage
        user = getattr(users, who)
        offered = transition in [t["name"] for t in workflow.available(project, user)]
        # when the user takes the transition, then it moves or is refused as the table says
        if may:
            services.advance_project(actor=user, project=project, transition=transition, on=DAYS[transition])
        else:
            with pytest.raises(PermissionDenied):
                services.advance_project(
                    actor=user, project=project, transition=transition, on=DAYS[transition]
                )
        project.refresh_from_db()
        assert (who, offered, project.stage) == (who, may, target if may else start)
