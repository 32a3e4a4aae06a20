"""Officers' certificates: validity on a day, issuing after a passed exam, reviews, cancellation, who may not
enforce, access by role and every transition for every role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DateField, Exists, OuterRef, Value

from fazhi.core import access, workbench
from fazhi.core.models import AuditEvent, Setting
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Certificate
from fazhi.enforcement.rules import certificates as rules
from tests import factories

from ..conftest import issue

D = dt.date


def valid(certificate, day) -> bool:
    """The rule and its database form must agree; return the rule's answer."""
    in_db = selectors.valid_on(Certificate.objects.filter(pk=certificate.pk), day).exists()
    assert in_db == rules.certificate_valid_on(certificate, day)
    return in_db


def test_certificate_is_valid_from_its_issue_date_to_its_expiry_date_inclusive(certificate):
    assert not valid(certificate, D(2024, 2, 29))
    assert valid(certificate, D(2024, 3, 1))
    assert valid(certificate, D(2029, 2, 28))
    assert not valid(certificate, D(2029, 3, 1))


def test_cancelled_certificate_is_valid_before_and_invalid_from_the_cancellation_date(users, certificate):
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="retirement", cancelled_on=D(2025, 6, 30)
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.CANCELLED
    assert valid(certificate, D(2025, 6, 29))
    assert not valid(certificate, D(2025, 6, 30))
    assert not valid(certificate, D(2026, 1, 1))


def test_failed_review_suspends_the_certificate_until_a_later_passed_review(users, certificate):
    services.record_review(
        actor=users.justice,
        certificate=certificate,
        year=2024,
        reviewed_on=D(2025, 3, 10),
        passed=False,
        reason="未完成年度培训学时",
    )
    assert valid(certificate, D(2025, 3, 9))
    assert not valid(certificate, D(2025, 3, 10))
    services.record_review(
        actor=users.justice, certificate=certificate, year=2024, reviewed_on=D(2025, 5, 20), passed=True
    )
    assert not valid(certificate, D(2025, 5, 19))
    assert valid(certificate, D(2025, 5, 20))


def test_passed_review_does_not_lift_a_later_failed_review(users, certificate):
    services.record_review(
        actor=users.justice, certificate=certificate, year=2024, reviewed_on=D(2025, 3, 1), passed=True
    )
    services.record_review(
        actor=users.justice,
        certificate=certificate,
        year=2025,
        reviewed_on=D(2026, 3, 1),
        passed=False,
        reason="年度考核不称职",
    )
    assert valid(certificate, D(2026, 2, 28))
    assert not valid(certificate, D(2026, 3, 1))


def test_reviews_of_the_same_day_count_in_the_order_recorded(users, certificate):
    """The last review of a day is the one recorded last (the rule orders by date, then id); the database form
    (an anti-join with the failed reviews, issue 19) agrees, also as a correlated subquery on another row's day."""
    failed = dict(passed=False, reason="未完成年度培训学时")
    services.record_review(
        actor=users.justice, certificate=certificate, year=2024, reviewed_on=D(2025, 3, 10), **failed
    )
    services.record_review(
        actor=users.justice, certificate=certificate, year=2024, reviewed_on=D(2025, 3, 10), passed=True
    )
    assert valid(certificate, D(2025, 3, 10))
    services.record_review(
        actor=users.justice, certificate=certificate, year=2025, reviewed_on=D(2026, 3, 2), **failed
    )
    assert not valid(certificate, D(2026, 3, 2)) and valid(certificate, D(2026, 3, 1))
    days = Certificate.objects.filter(pk=certificate.pk).annotate(day=Value(D(2025, 3, 10), DateField()))
    same = Certificate.objects.filter(pk=OuterRef("pk"))
    on_day = days.annotate(ok=Exists(selectors.valid_on(same, OuterRef("day"))))
    assert on_day.get().ok
    on_later_day = days.annotate(day2=Value(D(2026, 3, 2), DateField())).annotate(
        ok=Exists(selectors.valid_on(same, OuterRef("day2")))
    )
    assert not on_later_day.get().ok


def test_failed_review_needs_a_reason(users, certificate):
    with pytest.raises(ValidationError, match="不合格原因"):
        services.record_review(
            actor=users.justice, certificate=certificate, year=2024, reviewed_on=D(2025, 3, 1), passed=False
        )
    assert certificate.reviews.count() == 0


def test_issuing_an_enforcement_certificate_is_refused_without_a_passed_exam(users, body, officer):
    services.record_exam(actor=users.justice, person=officer, body=body, exam_on=D(2024, 1, 20), score=59)
    with pytest.raises(ValidationError, match="考试合格"):
        services.issue_certificate(
            actor=users.justice,
            person=officer,
            body=body,
            number="64030009",
            issued_on=D(2024, 3, 1),
            valid_until=D(2029, 2, 28),
        )
    assert not Certificate.objects.exists()


def test_issuing_is_refused_when_the_passed_exam_is_older_than_the_configured_period(users, body, officer):
    services.record_exam(actor=users.justice, person=officer, body=body, exam_on=D(2023, 3, 1), score=60)

    def attempt(on):
        return services.issue_certificate(
            actor=users.justice,
            person=officer,
            body=body,
            number=f"N{on:%Y%m%d}",
            issued_on=on,
            valid_until=D(2029, 2, 28),
        )

    # 2023-03-01 + 366 days = 2024-03-01 (2024 is a leap year): one day past the default 365
    with pytest.raises(ValidationError, match="365日内"):
        attempt(D(2024, 3, 1))
    assert attempt(D(2024, 2, 29)).number == "N20240229"
    Setting.objects.create(key=rules.EXAM_VALID_DAYS.key, value=400)
    assert attempt(D(2024, 3, 1)).number == "N20240301"


def test_exam_pass_mark_is_a_setting(users, body, officer):
    assert services.record_exam(
        actor=users.justice, person=officer, body=body, exam_on=D(2024, 1, 20), score=60
    ).passed
    Setting.objects.create(key=rules.EXAM_PASS_SCORE.key, value=70)
    assert not services.record_exam(
        actor=users.justice, person=officer, body=body, exam_on=D(2024, 1, 21), score=69.5
    ).passed


def test_supervision_certificate_needs_no_exam(users, body, district):
    holder = factories.person(district.sfj, name="李监督")
    cert = issue(users.justice, holder, body, "JD0001", kind="supervision")
    assert cert.kind == Certificate.Kind.SUPERVISION


def test_certificate_number_is_unique(users, body, officer, certificate):
    with pytest.raises(ValidationError, match="证件编号"):
        issue(users.justice, officer, body, "64030001")


def test_cancellation_needs_a_reason_and_a_date(users, certificate):
    with pytest.raises(ValidationError, match="注销原因"):
        services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="", cancelled_on=D(2025, 1, 1)
        )
    with pytest.raises(ValidationError, match="注销日期"):
        services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=None
        )
    with pytest.raises(ValidationError, match="具体情况"):
        services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="other", cancelled_on=D(2025, 1, 1)
        )
    certificate.refresh_from_db()
    assert (certificate.status, certificate.cancel_reason, certificate.cancelled_on) == ("valid", "", None)


def test_cancellation_is_audited_with_the_state_before_and_after(users, certificate):
    services.cancel_certificate(
        actor=users.supervisor,
        certificate=certificate,
        reason="other",
        cancelled_on=D(2025, 1, 1),
        note="借调外单位两年",
    )
    certificate.refresh_from_db()
    assert certificate.cancel_note == "借调外单位两年"
    event = AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION).latest("pk")
    assert event.changes["status"] == ["valid", "cancelled"]
    assert event.transition == "注销证件"


def test_officers_without_valid_certificate_lists_who_may_not_enforce(users, district, body, certificate):
    # given the team's officers: 王执法 (valid), 张 (expired 2024-12-31), 赵 (failed review), 钱 (none), 孙 (retired)
    zhang = factories.person(district.team, name="张过期")
    issue(
        users.justice,
        zhang,
        body,
        "64030002",
        issued_on=D(2020, 1, 1),
        valid_until=D(2024, 12, 31),
        exam_on=D(2019, 12, 1),
    )
    zhao = factories.person(district.team, name="赵审验")
    zhao_cert = issue(users.justice, zhao, body, "64030003")
    services.record_review(
        actor=users.justice,
        certificate=zhao_cert,
        year=2024,
        reviewed_on=D(2025, 2, 1),
        passed=False,
        reason="培训学时不足",
    )
    qian = factories.person(district.team, name="钱无证")
    factories.person(district.team, name="孙退休", is_active=False)
    # a supervision certificate does not allow enforcing
    issue(users.justice, qian, body, "JD0002", kind="supervision")
    # and an officer of a unit that is not an enforcement body is not listed
    factories.person(district.town, name="周镇干部")
    on = D(2025, 3, 1)
    names = [p.name for p in selectors.officers_without_valid_certificate(users.supervisor, on)]
    assert names == sorted(["张过期", "赵审验", "钱无证"])
    assert [
        p.name for p in selectors.officers_without_valid_certificate(users.supervisor, D(2024, 12, 31))
    ] == ["钱无证"]
    # a clerk of another unit sees no one
    assert not selectors.officers_without_valid_certificate(users.jyj_clerk, on).exists()


def test_unit_clerk_sees_only_own_units_certificates(users, district, body, certificate, team_clerk):
    other = services.register_body(
        actor=users.justice, organization=district.jyj, name="测试区教育局", legal_basis="教育法第七十五条"
    )
    jyj_officer = factories.person(district.jyj, name="教育执法员")
    other_cert = issue(users.justice, jyj_officer, other, "64030100")
    assert list(selectors.certificates_for(team_clerk)) == [certificate]
    assert list(selectors.certificates_for(users.jyj_clerk)) == [other_cert]
    assert set(selectors.certificates_for(users.supervisor)) == {certificate, other_cert}
    assert not selectors.certificates_for(users.other_justice).exists()
    assert not selectors.certificates_for(users.scj_clerk).exists()


def test_leader_sees_but_cannot_change_certificates(users, district, body, certificate):
    assert list(selectors.certificates_for(users.scj_leader)) == [certificate]
    assert not access.can(users.scj_leader, certificate, access.CHANGE)
    with pytest.raises(PermissionDenied):
        services.cancel_certificate(
            actor=users.scj_leader, certificate=certificate, reason="transfer", cancelled_on=D(2025, 1, 1)
        )


def test_only_the_justice_bureau_and_supervisors_issue_certificates(users, team_clerk, body, officer):
    services.record_exam(actor=users.justice, person=officer, body=body, exam_on=D(2024, 1, 20), score=90)
    for actor in (team_clerk, users.scj_clerk, users.leader, users.advisor):
        with pytest.raises(PermissionDenied):
            services.issue_certificate(
                actor=actor,
                person=officer,
                body=body,
                number="X1",
                issued_on=D(2024, 3, 1),
                valid_until=D(2029, 2, 28),
            )
    cert = services.issue_certificate(
        actor=users.supervisor,
        person=officer,
        body=body,
        number="X1",
        issued_on=D(2024, 3, 1),
        valid_until=D(2029, 2, 28),
    )
    assert cert.status == Certificate.Status.VALID


def test_unit_clerk_enters_own_bodys_item_list_only(users, district, body, team_clerk):
    power = services.add_power(
        actor=team_clerk,
        body=body,
        kind="penalty",
        name="对销售不符合食品安全标准食品的处罚",
        legal_basis="食品安全法第一百二十四条",
    )
    assert list(selectors.powers_for(users.supervisor)) == [power]
    with pytest.raises(PermissionDenied):
        services.add_power(
            actor=users.jyj_clerk, body=body, kind="inspection", name="检查", legal_basis="依据"
        )


def test_expiry_warning_on_the_workbench_for_the_unit_and_supervisors(
    users, district, body, certificate, team_clerk
):
    on = D(2028, 12, 30)  # 60 days before 2029-02-28
    assert list(selectors.certificates_expiring(users.supervisor, on)) == [certificate]
    assert not selectors.certificates_expiring(users.supervisor, D(2028, 12, 29)).exists()
    unit_items = [i for i in workbench.items_for(team_clerk, on) if i.category == "执法证件"]
    assert [i.title for i in unit_items] == ["行政执法证64030001（王执法）将于2029年02月28日到期"]
    # the unit's item opens the certificate; the Justice Bureau's opens it at the form that renews it (换发)
    assert [i.url for i in unit_items] == [f"/enforcement/certificates/{certificate.pk}/"]
    bureau_items = [i for i in workbench.items_for(users.supervisor, on) if i.category == "执法证件"]
    assert [(i.due, i.url) for i in bureau_items] == [
        (D(2029, 2, 28), f"/enforcement/certificates/{certificate.pk}/#reissue")
    ]
    for other in (users.jyj_clerk, users.leader, users.other_justice):
        assert not [i for i in workbench.items_for(other, on) if i.category == "执法证件"]
    # an expired or cancelled certificate is no longer warned about
    assert not selectors.certificates_expiring(users.supervisor, D(2029, 3, 1)).exists()


ROLES = ["admin", "justice", "jyj_clerk", "scj_clerk", "advisor", "reconsideration", "supervisor", "leader"]
ALLOWED_ROLES = {"admin", "justice", "supervisor"}


@pytest.mark.parametrize("role", ROLES + ["team_clerk"])
def test_every_certificate_transition_for_every_role(users, certificate, team_clerk, role):
    actor = team_clerk if role == "team_clerk" else getattr(users, role)
    if role in ALLOWED_ROLES:
        services.cancel_certificate(
            actor=actor, certificate=certificate, reason="transfer", cancelled_on=D(2025, 7, 1)
        )
        assert certificate.status == Certificate.Status.CANCELLED
    else:
        with pytest.raises(PermissionDenied):
            services.cancel_certificate(
                actor=actor, certificate=certificate, reason="transfer", cancelled_on=D(2025, 7, 1)
            )
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.VALID


def test_a_cancelled_certificate_cannot_be_cancelled_again(users, certificate):
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="resignation", cancelled_on=D(2025, 7, 1)
    )
    with pytest.raises(ValidationError, match="注销"):
        services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="resignation", cancelled_on=D(2025, 8, 1)
        )
