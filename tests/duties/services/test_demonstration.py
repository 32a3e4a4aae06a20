"""Demonstration creation: 申报 → 入围 → 书面评审通过 → 命名, forward only, each stage dated in order, and moved by
the Justice Bureau."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import audit
from fazhi.duties import services
from fazhi.duties.models import DemonstrationProject

from ..conftest import D

pytestmark = pytest.mark.django_db
S = DemonstrationProject.Stage


@pytest.fixture
def project(users, district):
    return services.enter_project(
        actor=users.justice,
        name="乡镇（街道）一支队伍管执法",
        organization=district.sfj,
        level="national",
        batch="第三批",
        applied_on=D(2024, 9, 10),
    )


def test_a_project_moves_forward_through_every_stage_with_its_dates(users, project):
    services.advance_project(actor=users.justice, project=project, transition="shortlist", on=D(2025, 1, 16))
    services.advance_project(
        actor=users.justice, project=project, transition="pass_review", on=D(2025, 5, 22)
    )
    services.advance_project(
        actor=users.justice, project=project, transition="name_project", on=D(2025, 11, 3)
    )
    project.refresh_from_db()
    assert (project.stage, project.shortlisted_on, project.review_passed_on, project.named_on) == (
        S.NAMED,
        D(2025, 1, 16),
        D(2025, 5, 22),
        D(2025, 11, 3),
    )
    assert [e.transition for e in audit.history(project)][1:] == ["入围", "通过书面评审", "命名"]


def test_a_project_never_moves_backward_nor_skips_the_shortlist(users, project):
    with pytest.raises(ValidationError, match="当前状态“申报”下不能执行此操作"):
        services.advance_project(
            actor=users.justice, project=project, transition="pass_review", on=D(2025, 1, 1)
        )
    services.advance_project(actor=users.justice, project=project, transition="shortlist", on=D(2025, 1, 16))
    with pytest.raises(ValidationError, match="当前状态“入围”下不能执行此操作"):
        services.advance_project(
            actor=users.justice, project=project, transition="shortlist", on=D(2025, 2, 1)
        )
    with pytest.raises(ValidationError, match="没有“apply”这一步"):
        services.advance_project(actor=users.justice, project=project, transition="apply", on=D(2025, 2, 1))


def test_a_stage_cannot_be_dated_before_the_one_before_it(users, project):
    with pytest.raises(ValidationError, match=r"入围日期（2024-09-01）不能早于申报日期（2024-09-10）"):
        services.advance_project(
            actor=users.justice, project=project, transition="shortlist", on=D(2024, 9, 1)
        )
    project.refresh_from_db()
    assert project.stage == S.APPLIED and project.shortlisted_on is None


def test_only_the_justice_bureau_moves_a_project(users, district):
    own = services.enter_project(
        actor=users.jyj_clerk,
        name="校园法治",
        organization=district.jyj,
        level="regional",
        applied_on=D(2024, 3, 1),
    )
    with pytest.raises(PermissionDenied, match="您的角色不能执行“入围”"):
        services.advance_project(actor=users.jyj_clerk, project=own, transition="shortlist", on=D(2024, 6, 1))
    services.advance_project(actor=users.justice, project=own, transition="shortlist", on=D(2024, 6, 1))
    assert DemonstrationProject.objects.get(pk=own.pk).stage == S.SHORTLISTED
