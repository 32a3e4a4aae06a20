"""Personal data encrypted at rest (issue 18): ID numbers, phones and addresses are ciphertext in their columns,
found through a keyed blind index, unique through it, re-encrypted by `fazhi datakey rotate`, masked in admin, API,
ledger exports and audit displays, and shown in full only through an audited unmasking."""

from __future__ import annotations

import base64
import datetime as dt
import io
import os

import pytest
from django.core import checks
from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from openpyxl import load_workbook
from rest_framework.test import APIClient

from fazhi.core import crypto, ids, services
from fazhi.core.crypto import rotation
from fazhi.core.io import ledgers
from fazhi.core.models import ID_NUMBER_TAKEN, AuditEvent, Person
from fazhi.decisions import services as decision_services
from fazhi.decisions.api.serializers import LegalAdvisorSerializer
from fazhi.decisions.models import LegalAdvisor
from fazhi.disputes.documents import platform
from fazhi.litigation import services as litigation_services
from tests import factories
from tests.disputes.conftest import register
from tests.litigation.conftest import PLAINTIFF_ID, lawsuit_fields

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
ADDRESS = f"测试区湖滨街道12号，{PHONE}"
ADVISOR_PHONE = "0951-7654321"


def raw(model, field: str, pk) -> str:
    """The column as the database holds it (no decryption)."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def advisor_of(users, district) -> LegalAdvisor:
    return decision_services.create_advisor(
        actor=users.justice,
        name="澄湖明理律师事务所",
        kind=LegalAdvisor.Kind.LAW_FIRM,
        organization=district.root,
        contract_start=dt.date(2025, 1, 1),
        contract_end=dt.date(2025, 12, 31),
        contact=ADVISOR_PHONE,
    )


@pytest.fixture
def records(users, district):
    number = factories.id_number()
    person = factories.person(district.jyj, name="甲", id_number=number)
    case = register(users, district, applicant_contact=ADDRESS)
    lawsuit = litigation_services.register_lawsuit(actor=users.reconsideration, **lawsuit_fields(district))
    return {"number": number, "person": person, "case": case, "lawsuit": lawsuit}


def test_columns_hold_no_plain_id_number_phone_or_address(records, users, district):
    person, case, lawsuit = records["person"], records["case"], records["lawsuit"]
    advisor = advisor_of(users, district)
    stored = {
        (Person, "id_number", person.pk): records["number"],
        (type(case), "applicant_id_code", case.pk): case.applicant_id_code,
        (type(case), "applicant_contact", case.pk): ADDRESS,
        (type(lawsuit), "plaintiff_id_number", lawsuit.pk): PLAINTIFF_ID,
        (LegalAdvisor, "contact", advisor.pk): ADVISOR_PHONE,
    }
    for (model, field, pk), plain in stored.items():
        column = raw(model, field, pk)
        assert column.startswith("fz1$dev$a$"), (field, column)
        assert plain not in column and PHONE not in column and "湖滨" not in column
        assert getattr(model.objects.get(pk=pk), field) == plain  # the ORM reads it back in full
    assert raw(Person, "id_number_hash", person.pk) == crypto.blind_index(records["number"])
    assert records["number"] not in raw(Person, "id_number_hash", person.pk)


def test_the_same_value_encrypts_differently_and_only_in_its_own_column(records):
    person = records["person"]
    token = crypto.encrypt(records["number"], context="core.person.id_number")
    assert token != crypto.encrypt(
        records["number"], context="core.person.id_number"
    )  # a fresh nonce each time
    assert crypto.decrypt(token, context="core.person.id_number") == records["number"]
    with pytest.raises(crypto.DataKeyError, match="无法用密钥“dev”解密"):
        crypto.decrypt(token, context="litigation.lawsuit.plaintiff_id_number")
    tampered = token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB")
    with pytest.raises(crypto.DataKeyError):
        crypto.decrypt(tampered, context="core.person.id_number")
    assert Person.objects.get(pk=person.pk).id_number == records["number"]


def test_sm4_when_the_setting_asks_for_it(settings, users, district):
    settings.FAZHI_DATA_CIPHER = "sm4-gcm"
    number = factories.id_number()
    person = factories.person(district.jyj, id_number=number)
    column = raw(Person, "id_number", person.pk)
    assert column.startswith("fz1$dev$s$") and number not in column
    assert Person.objects.get(pk=person.pk).id_number == number
    settings.FAZHI_DATA_CIPHER = "aes-256-gcm"  # values under either cipher read back whatever the setting
    assert Person.objects.with_id_number(number).get().pk == person.pk


def test_lookup_by_id_number_goes_through_the_blind_index(records, district):
    number = records["number"]
    other = factories.person(district.scj, name="乙")
    spaced = f" {number[:6]} {number[6:14]} {number[14:]} ".replace("X", "x")
    assert list(Person.objects.with_id_number(spaced)) == [records["person"]]
    assert set(Person.objects.with_id_numbers([number, other.id_number, "640303200001011234"])) == {
        records["person"],
        other,
    }
    assert not Person.objects.with_id_number("").exists()
    with pytest.raises(FieldError, match="已加密存储"):
        Person.objects.filter(id_number=number).exists()
    with pytest.raises(FieldError, match="已加密存储"):
        Person.objects.filter(id_number__startswith=number[:6]).exists()
    assert Person.objects.filter(id_number__isnull=False).count() >= 2
    # The API's ?id_number= filter and the person field of the advisors' API find people the same way.
    assert [p["name"] for p in _api_people(records, number)] == ["甲"]


def _api_people(records, number):
    admin = factories.system_actor()
    client = APIClient()
    client.force_authenticate(admin)
    return client.get("/api/people/", {"id_number": number}).json()["results"]


def test_id_numbers_stay_unique(records, users, district):
    with pytest.raises(ValidationError) as caught:
        services.create_person(
            actor=users.admin, name="重号", id_number=records["number"].lower(), organization=district.scj
        )
    assert caught.value.message_dict == {"id_number": [ID_NUMBER_TAKEN]}
    duplicate = Person(name="重号", id_number=records["number"], organization=district.scj)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.bulk_create([duplicate])  # the database refuses it too (unique blind index)


def test_rotation_re_encrypts_everything_and_the_old_key_is_no_longer_needed(
    settings, records, users, district
):
    advisor = advisor_of(users, district)
    case, lawsuit = records["case"], records["lawsuit"]
    before = {
        "person": records["number"],
        "case_id": case.applicant_id_code,
        "contact": ADDRESS,
        "plaintiff": PLAINTIFF_ID,
        "advisor": ADVISOR_PHONE,
    }
    old = dict(settings.FAZHI_DATA_KEYS)
    settings.FAZHI_DATA_KEYS = {**old, "k2027": os.urandom(32)}
    settings.FAZHI_DATA_KEY_ID = "k2027"
    settings.FAZHI_DATA_INDEX_KEY = os.urandom(32)  # the blind index key changes too: indexes are recomputed
    out = io.StringIO()
    with pytest.raises(Exception, match="请运行 fazhi datakey rotate"):
        call_command("datakey", "status", stdout=out)
    call_command("datakey", "rotate", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "重新加密" in out.getvalue()
    settings.FAZHI_DATA_KEYS = {"k2027": settings.FAZHI_DATA_KEYS["k2027"]}  # the old key is gone
    assert raw(Person, "id_number", records["person"].pk).startswith("fz1$k2027$")
    assert raw(LegalAdvisor, "contact", advisor.pk).startswith("fz1$k2027$")
    case = type(case).objects.get(pk=case.pk)
    after = {
        "person": Person.objects.get(pk=records["person"].pk).id_number,
        "case_id": case.applicant_id_code,
        "contact": case.applicant_contact,
        "plaintiff": type(lawsuit).objects.get(pk=lawsuit.pk).plaintiff_id_number,
        "advisor": LegalAdvisor.objects.get(pk=advisor.pk).contact,
    }
    assert after == before
    assert Person.objects.with_id_number(records["number"]).get() == records["person"]
    assert rotation.stale_values() == {}
    call_command("datakey", "status", stdout=io.StringIO())  # exits 0: nothing left under another key
    event = AuditEvent.objects.filter(action=AuditEvent.Action.DATA_KEY).get()
    assert event.changes["data_key_id"] == [None, "k2027"] and "重新加密" in event.note


def test_rows_written_before_encryption_are_encrypted_by_the_migration_step(records):
    """The data migrations run rotation.reencrypt on rows whose columns still hold plain text."""
    person = records["person"]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_person SET id_number = %s, id_number_hash = %s WHERE id = %s",
            [records["number"], f"old-{person.pk}", person.pk],
        )
    assert Person.objects.get(pk=person.pk).id_number == records["number"]  # plain text is still read
    assert rotation.stale_values() == {"core.person.id_number": 1}
    rotation.reencrypt(Person)
    assert raw(Person, "id_number", person.pk).startswith("fz1$dev$")
    assert Person.objects.with_id_number(records["number"]).get() == person


def test_production_refuses_to_start_without_data_keys(settings):
    settings.FAZHI_DATA_KEYS = {}
    settings.FAZHI_DATA_KEY_ID = ""
    settings.FAZHI_DATA_INDEX_KEY = b""
    errors = [m for m in checks.run_checks() if m.id == "fazhi.E010"]
    assert [m.msg for m in errors] == [
        "未配置数据加密密钥 FAZHI_DATA_KEYS（生产环境必须设置；开发环境请设置 FAZHI_DEV=1）。",
        "未配置检索索引密钥 FAZHI_DATA_INDEX_KEY，或不足32字节。",
    ]
    with pytest.raises(crypto.DataKeyError, match="未配置数据加密密钥"):
        crypto.encrypt("1", context="core.person.id_number")
    settings.FAZHI_DATA_KEYS = {"short": b"x" * 16}
    settings.FAZHI_DATA_KEY_ID = "short"
    settings.FAZHI_DATA_INDEX_KEY = base64.b64decode(base64.b64encode(b"i" * 32))
    assert crypto.problems() == ["数据密钥“short”须为32字节（base64编码后44个字符），实际16字节。"]


# Masked on every screen, export and API -------------------------------------------------------------------------


def test_admin_change_forms_and_lists_show_masked_values(client, records, users, district):
    advisor = advisor_of(users, district)
    person, case = records["person"], records["case"]
    client.force_login(users.admin)
    page = client.get(f"/admin/core/person/{person.pk}/change/").content.decode()
    assert records["number"] not in page and ids.mask_id_number(records["number"]) in page
    page = client.get(f"/admin/disputes/reconsiderationcase/{case.pk}/change/").content.decode()
    assert case.applicant_id_code not in page and PHONE not in page and "139****5678" in page
    page = client.get("/admin/decisions/legaladvisor/").content.decode()
    assert ADVISOR_PHONE not in page and "095****4321" in page
    page = client.get(f"/admin/decisions/legaladvisor/{advisor.pk}/change/").content.decode()
    assert ADVISOR_PHONE not in page and "095****4321" in page
    # Saving the form with the masked number left as it is keeps the number; the change is saved.
    form = {
        "name": "甲",
        "id_number": ids.mask_id_number(records["number"]),
        "organization": district.jyj.pk,
        "position": "科长",
        "is_active": "on",
    }
    response = client.post(f"/admin/core/person/{person.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.position == "科长" and person.id_number == records["number"]


def test_audit_trail_and_its_displays_hold_masked_values(client, records, users):
    case = records["case"]
    event = AuditEvent.objects.filter(
        model_label="disputes.reconsiderationcase", object_id=str(case.pk)
    ).first()
    assert event.changes["applicant_contact"] == [None, ids.mask_contact(ADDRESS)]
    assert "id_number_hash" not in str(event.changes) and "applicant_id_code_hash" not in event.changes
    client.force_login(users.admin)
    page = client.get(f"/admin/core/auditevent/{event.pk}/change/").content.decode()
    assert PHONE not in page and case.applicant_id_code not in page and "139****5678" in page


def test_api_shows_masked_values_and_keeps_them_on_write(records, users, district):
    advisor = advisor_of(users, district)
    client = APIClient()
    client.force_authenticate(users.reconsideration)
    body = client.get(f"/api/reconsideration-cases/{records['case'].pk}/").json()
    assert body["applicant_contact"] == "测试区湖滨街道**号，139****5678"
    assert records["case"].applicant_id_code not in str(body)
    client.force_authenticate(users.justice)
    body = client.get(f"/api/decisions/advisors/{advisor.pk}/").json()
    assert body["contact"] == "095****4321"
    # A write that sends the masked value back keeps the stored one; a new value replaces it.
    kept = LegalAdvisorSerializer(advisor, data={"contact": "095****4321"}, partial=True)
    assert kept.is_valid(), kept.errors
    assert kept.validated_data["contact"] == ADVISOR_PHONE
    new = LegalAdvisorSerializer(advisor, data={"contact": "13800001111"}, partial=True)
    assert new.is_valid() and new.validated_data["contact"] == "13800001111"
    people = client.get("/api/people/").content.decode()
    assert records["number"] not in people


def test_ledger_exports_show_masked_values_and_import_back_unchanged(records, users, district):
    advisor = advisor_of(users, district)
    for code, plain, masked in (
        ("disputes_cases", PHONE, "测试区湖滨街道**号，139****5678"),
        ("legal_advisors", ADVISOR_PHONE, "095****4321"),
        ("people", records["number"], ids.mask_id_number(records["number"])),
    ):
        content = ledgers.export_for(actor=users.admin, ledger=code)
        cells = [
            str(c)
            for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
            for c in row
        ]
        assert not any(plain in c for c in cells), code
        assert masked in cells, code
    content = ledgers.export_for(actor=users.justice, ledger="legal_advisors")
    result = ledgers.run_import(
        actor=users.justice, ledger="legal_advisors", filename="顾问.xlsx", content=content
    )
    assert not result.errors, result.errors
    assert LegalAdvisor.objects.get(pk=advisor.pk).contact == ADVISOR_PHONE


# Unmasked only where needed, each time an audit event ------------------------------------------------------------


def test_revealing_a_value_writes_an_audit_event(client, records, users):
    person = records["person"]
    assert services.reveal(actor=users.admin, instance=person, field="id_number") == records["number"]
    event = AuditEvent.objects.filter(action=AuditEvent.Action.UNMASK).get()
    assert (event.actor, event.model_label, event.object_id) == (users.admin, "core.person", str(person.pk))
    assert event.note == "查看完整的居民身份证号" and records["number"] not in str(event.changes)
    with pytest.raises(PermissionDenied):
        services.reveal(actor=users.leader, instance=person, field="id_number")
    with pytest.raises(ValidationError):
        services.reveal(actor=users.admin, instance=person, field="name")
    client.force_login(users.admin)
    url = f"/admin/core/person/{person.pk}/reveal/id_number/"
    assert records["number"] not in client.get(url).content.decode()  # asking is not seeing
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UNMASK).count() == 1
    page = client.post(url).content.decode()
    assert records["number"] in page
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UNMASK).count() == 2
    assert client.post(f"/admin/core/person/{person.pk}/reveal/name/").status_code == 404


def test_the_national_platform_export_with_full_ids_is_an_unmasking(records, users):
    case = records["case"]
    _, content = platform.export(actor=users.reconsideration, year=case.received_on.year, fmt="csv")
    assert case.applicant_id_code in content.decode("utf-8-sig")
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.UNMASK, actor=users.reconsideration).count() == 1
    )
    _, content = platform.export(actor=users.supervisor, year=case.received_on.year, fmt="csv")
    assert case.applicant_id_code not in content.decode("utf-8-sig")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UNMASK, actor=users.supervisor).exists()
