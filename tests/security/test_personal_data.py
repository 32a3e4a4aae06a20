"""Personal data kept no longer and no wider than needed: an import's uploaded file is deleted once the job ends,
and the audit trail stores ID numbers masked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fazhi.core import clock, ids, services, tasks
from fazhi.core.models import AuditEvent, Job, Person
from tests import factories
from tests.core.test_ledgers import PEOPLE_HEADERS, person_row, xlsx

pytestmark = pytest.mark.django_db


def submit(users, rows, dry_run):
    return tasks.submit_import(
        actor=users.justice,
        ledger="people",
        filename="人员.xlsx",
        content=xlsx(PEOPLE_HEADERS, rows),
        dry_run=dry_run,
    )


def stored(job) -> bytes | None:
    content = Job.objects.get(pk=job.pk).content
    return None if content is None else bytes(content)


def test_the_file_of_an_import_is_deleted_when_it_ends(users, district):
    job = submit(users, [person_row("甲", factories.id_number(), "T-JYJ")], dry_run=False)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and Person.objects.filter(name="甲").exists()
    assert stored(job) is None and job.filename == "人员.xlsx" and job.result["imported"] is True


def test_the_file_of_a_failed_import_or_dry_run_is_deleted(users, district):
    bad = [person_row("乙", "640303198506151230", "T-JYJ")]  # a wrong check digit
    for dry_run in (True, False):
        job = submit(users, bad, dry_run=dry_run)
        job.refresh_from_db()
        assert job.status == Job.Status.FAILED and job.result["errors"]
        assert stored(job) is None


def test_a_passed_dry_run_keeps_its_file_until_confirmed(client, users, district):
    number = factories.id_number()
    dry = submit(users, [person_row("丙", number, "T-JYJ")], dry_run=True)
    assert Job.objects.get(pk=dry.pk).status == Job.Status.DONE and stored(dry)
    client.force_login(users.justice)
    response = client.post(f"/ledgers/jobs/{dry.pk}/confirm/")
    real = Job.objects.exclude(pk=dry.pk).get(kind=Job.Kind.LEDGER_IMPORT)
    assert response["Location"] == f"/ledgers/jobs/{real.pk}/"
    assert real.status == Job.Status.DONE and Person.objects.with_id_number(number).count() == 1
    assert stored(dry) is None and stored(real) is None
    again = client.post(f"/ledgers/jobs/{dry.pk}/confirm/")
    assert again.status_code == 403 and Person.objects.with_id_number(number).count() == 1


def test_an_unconfirmed_dry_run_loses_its_file_after_a_day(users, district):
    clock.freeze(dt.date(2026, 3, 2))
    dry = submit(users, [person_row("丁", factories.id_number(), "T-JYJ")], dry_run=True)
    assert (
        tasks.purge_import_files(actor=users.admin, today=dt.date(2026, 3, 2)) == "已清除0个过期的导入文件。"
    )
    clock.freeze(dt.date(2026, 3, 4))
    assert (
        tasks.purge_import_files(actor=users.admin, today=dt.date(2026, 3, 4)) == "已清除1个过期的导入文件。"
    )
    assert stored(dry) is None and Job.objects.get(pk=dry.pk).result["total"] == 1


def test_audit_changes_hold_id_numbers_masked(users, district):
    number = factories.id_number()
    person = services.create_person(actor=users.admin, name="戊", id_number=number, organization=district.jyj)
    other = factories.id_number()
    services.update_person(actor=users.admin, person=person, id_number=other)
    events = list(
        AuditEvent.objects.filter(model_label="core.person", object_id=str(person.pk)).order_by("seq")
    )
    assert events[0].changes["id_number"] == [None, ids.mask_id_number(number)]
    assert events[1].changes["id_number"] == [ids.mask_id_number(number), ids.mask_id_number(other)]
    text = json.dumps([e.changes for e in events])
    assert number not in text and other not in text and events[0].changes["name"] == [None, "戊"]
