"""The certificate-validity rule on evaluated files: an officer whose 行政执法证 was cancelled (or was otherwise not
valid) on a file's decision date cannot be recorded as its handling officer — through the service, a change of the
file, a backdated cancellation or failed review, the admin and the ledger import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.io import ledgers
from fazhi.enforcement import services
from fazhi.enforcement import services as evaluation
from fazhi.enforcement.models import CaseFile, CaseFileOfficer, Certificate

D = dt.date


@pytest.fixture
def campaign(users, district):
    return evaluation.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度行政执法案卷评查",
        domains=["food_drug"],
        default_standard=True,
    )


@pytest.fixture
def retired(users, certificate):
    """王执法's certificate cancelled on retirement from 2025-06-30."""
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="retirement", cancelled_on=D(2025, 6, 30)
    )
    return certificate


def draw(users, campaign, body, officer, decided_on, number="测市监处罚〔2025〕12号"):
    return evaluation.draw_case_file(
        actor=users.justice,
        campaign=campaign,
        body=body,
        domain="food_drug",
        act_kind="penalty",
        case_number=number,
        title="某超市经营超过保质期食品案",
        decided_on=decided_on,
        officers=[officer],
    )


def test_officer_cannot_handle_a_file_decided_after_the_cancellation(users, campaign, body, officer, retired):
    with pytest.raises(ValidationError, match="王执法在2025年06月30日未持有效行政执法证"):
        draw(users, campaign, body, officer, D(2025, 6, 30))
    assert not CaseFile.objects.exists()
    assert draw(users, campaign, body, officer, D(2025, 6, 29)).officers.get() == officer


def test_a_person_who_never_held_a_certificate_cannot_be_recorded(users, district, campaign, body):
    from tests import factories

    stranger = factories.person(district.team, name="赵无证")
    with pytest.raises(ValidationError, match="赵无证在2025年04月18日未持有效行政执法证"):
        draw(users, campaign, body, stranger, D(2025, 4, 18))


def test_moving_the_decision_date_past_the_cancellation_is_refused(users, campaign, body, officer, retired):
    case_file = draw(users, campaign, body, officer, D(2025, 5, 10))
    with pytest.raises(ValidationError, match="王执法在2025年07月01日未持有效行政执法证"):
        evaluation.update_case_file(actor=users.justice, case_file=case_file, decided_on=D(2025, 7, 1))
    case_file.refresh_from_db()
    assert case_file.decided_on == D(2025, 5, 10)


def test_a_backdated_cancellation_cannot_strand_an_already_recorded_officer(
    users, campaign, body, officer, certificate
):
    draw(users, campaign, body, officer, D(2025, 8, 1))
    with pytest.raises(ValidationError, match="王执法已登记为测市监处罚〔2025〕12号等案卷的承办执法人员"):
        services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=D(2025, 6, 30)
        )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=D(2025, 8, 2)
    )


def test_a_backdated_failed_review_cannot_strand_an_already_recorded_officer(
    users, campaign, body, officer, certificate
):
    draw(users, campaign, body, officer, D(2025, 8, 1))
    with pytest.raises(ValidationError, match="此变更将使其在办案时无有效行政执法证"):
        services.record_review(
            actor=users.justice,
            certificate=certificate,
            year=2024,
            reviewed_on=D(2025, 3, 1),
            passed=False,
            reason="未完成培训学时",
        )
    assert not certificate.reviews.exists()


def test_after_a_reissue_the_officer_is_valid_through_the_new_certificate(
    users, campaign, body, officer, certificate
):
    services.reissue_certificate(
        actor=users.justice, certificate=certificate, number="64030099", issued_on=D(2025, 6, 30)
    )
    assert draw(users, campaign, body, officer, D(2025, 9, 1)).officers.get() == officer


def _import(actor, rows, dry_run=False):
    header = "评查活动,执法主体,执法领域,行为类别,案件编号,案件名称,决定日期,承办人执法证号\n"
    content = (header + "\n".join(rows) + "\n").encode("utf-8")
    return ledgers.run_import(
        "enforcement_case_files", content=content, filename="files.csv", actor=actor, dry_run=dry_run
    )


def test_ledger_import_refuses_a_row_with_an_officer_not_certified_that_day(users, campaign, body, retired):
    row = "2025年度行政执法案卷评查,测试区市场监管执法大队,食品药品,行政处罚,A-{n},案{n},{day},64030001"
    result = _import(users.justice, [row.format(n=1, day="2025-05-01"), row.format(n=2, day="2025-07-01")])
    assert not result.imported
    assert [str(e) for e in result.errors] == [
        "第3行“承办人执法证号”列：王执法在2025年07月01日未持有效行政执法证（已注销、过期、审验不合格或未领证），"
        "不能登记为该案件的承办执法人员（行政处罚法第四十二条：行政处罚应当由具有行政执法资格的执法人员实施，"
        "执法人员不得少于两人）。"
    ]
    assert not CaseFile.objects.exists()


def test_ledger_import_records_files_with_their_officers_and_reimports_nothing_new(
    users, campaign, body, officer, certificate
):
    row = "2025年度行政执法案卷评查,测试区市场监管执法大队,食品药品,行政处罚,A-1,某案,2025-05-01,64030001"
    first = _import(users.justice, [row])
    assert first.imported and first.created == 1
    case_file = CaseFile.objects.get()
    assert list(case_file.officers.all()) == [officer]
    again = _import(users.justice, [row])
    assert again.imported and (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert CaseFileOfficer.objects.count() == 1
    exported = ledgers.export_for(actor=users.justice, ledger="enforcement_case_files")
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(exported)).active
    assert [c.value for c in sheet[2]][:8] == [
        "2025年度行政执法案卷评查",
        "测试区市场监管执法大队",
        "食品药品",
        "行政处罚",
        "A-1",
        "某案",
        dt.datetime(2025, 5, 1),
        "64030001",
    ]


def test_ledger_import_of_files_is_for_the_evaluation_organizer_only(
    users, campaign, body, certificate, team_clerk
):
    row = "2025年度行政执法案卷评查,测试区市场监管执法大队,食品药品,行政处罚,A-1,某案,2025-05-01,64030001"
    result = _import(team_clerk, [row], dry_run=True)
    assert [str(e) for e in result.errors] == ["第2行：您无权为“测试区司法局”新建评查案卷。"]


def test_admin_refuses_an_officer_whose_certificate_was_cancelled(
    client, users, campaign, body, officer, retired
):
    client.force_login(users.justice)
    response = client.post(
        "/admin/enforcement/casefile/add/",
        {
            "campaign": campaign.pk,
            "body": body.pk,
            "domain": "food_drug",
            "act_kind": "penalty",
            "case_number": "A-9",
            "title": "某案",
            "decided_on": "2025-07-01",
            "handling_officers": [officer.pk],
            "itemscore_set-TOTAL_FORMS": "0",
            "itemscore_set-INITIAL_FORMS": "0",
            "scores-TOTAL_FORMS": "0",
            "scores-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "王执法在2025年07月01日未持有效行政执法证" in response.content.decode()
    assert not CaseFile.objects.exists()
