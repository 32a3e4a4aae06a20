"""Deleting a document registered in error (删除误登记的文件) on its page: the owning unit confirms on a page and only
the POST deletes, through the service that writes the audit event; another unit's clerk finds nothing, a leader sees
no link and is refused; a document on which something was done (sent for review, a procedure recorded, issued) is
refused with the rule's Chinese message and nothing is deleted."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.review import services
from fazhi.review.models import NormativeDocument

from ..conftest import issued, register

D = dt.date


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2024, 11, 15))


@pytest.fixture
def mistaken(users, district):
    return register(
        users.jyj_clerk, district.jyj, "学生资助管理办法（重复登记）", registered_on=D(2024, 11, 1)
    )


def html(response) -> str:
    return response.content.decode()


def page_url(document) -> str:
    return f"/documents/{document.pk}/"


def delete_url(document) -> str:
    return f"/documents/{document.pk}/delete/"


def deletions(document) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.DELETE,
            model_label="review.normativedocument",
            object_id=str(document.pk),
        )
    )


def test_the_owning_clerk_confirms_and_deletes_a_mistaken_registration(client, users, district, mistaken):
    # given the clerk on the document's page, which links the deletion
    client.force_login(users.jyj_clerk)
    assert f'href="{delete_url(mistaken)}"' in html(client.get(page_url(mistaken)))

    # when they open the link, the page asks to confirm and deletes nothing
    page = client.get(delete_url(mistaken))
    assert page.status_code == 200
    assert "删除误登记的文件：学生资助管理办法（重复登记）" in html(page) and 'id="confirm-delete"' in html(
        page
    )
    assert NormativeDocument.objects.filter(pk=mistaken.pk).exists()

    # and when they confirm
    response = client.post(delete_url(mistaken))

    # then the document is gone, back to the register with a notice, and the audit event keeps what it held
    assert response.status_code == 302 and response["Location"] == "/documents/"
    assert not NormativeDocument.objects.filter(pk=mistaken.pk).exists()
    (event,) = deletions(mistaken)
    assert (event.actor, event.note) == (users.jyj_clerk, "删除误登记的规范性文件")
    assert event.changes["title"] == ["学生资助管理办法（重复登记）", None]
    assert event.changes["organization_id"] == [district.jyj.pk, None]
    assert event.changes["registered_on"] == ["2024-11-01", None]
    notice = html(client.get("/documents/"))
    assert "已删除误登记的文件“学生资助管理办法（重复登记）”，删除前的内容保留在审计日志中。" in notice


def test_another_units_clerk_finds_nothing_and_a_leader_is_refused(client, users, mistaken):
    client.force_login(users.scj_clerk)
    assert client.get(delete_url(mistaken)).status_code == 404
    assert client.post(delete_url(mistaken)).status_code == 404
    client.force_login(users.leader)
    page = html(client.get(page_url(mistaken)))
    assert "删除误登记的文件" not in page and delete_url(mistaken) not in page
    assert client.get(delete_url(mistaken)).status_code == 403
    assert client.post(delete_url(mistaken)).status_code == 403
    assert NormativeDocument.objects.filter(pk=mistaken.pk).exists() and not deletions(mistaken)


def refused(client, document, message: str) -> None:
    """No link; the confirmation page says why without a form; a POST is a 400 with the message; nothing deleted."""
    assert delete_url(document) not in html(client.get(page_url(document)))
    page = client.get(delete_url(document))
    assert page.status_code == 200 and message in html(page) and 'id="confirm-delete"' not in html(page)
    response = client.post(delete_url(document))
    assert response.status_code == 400 and message in html(response)
    assert NormativeDocument.objects.filter(pk=document.pk).exists() and not deletions(document)


def test_a_document_sent_for_legality_review_is_not_deleted(client, users, mistaken):
    services.submit_document_for_review(
        actor=users.jyj_clerk, document=mistaken, submitted_on=D(2024, 11, 4), text="送审稿"
    )
    client.force_login(users.jyj_clerk)
    refused(
        client,
        mistaken,
        "“学生资助管理办法（重复登记）”已送合法性审查，审查记录不得删除，该文件不能删除（可更正登记事项）。",
    )


def test_a_document_with_a_procedure_recorded_is_not_deleted(client, users, mistaken):
    services.record_consultation(
        actor=users.jyj_clerk,
        document=mistaken,
        started_on=D(2024, 11, 1),
        ended_on=D(2024, 11, 8),
        consulted="通过区政府网站向社会公开征求意见",
        summary="未收到意见。",
    )
    client.force_login(users.jyj_clerk)
    refused(
        client, mistaken, "“学生资助管理办法（重复登记）”已有征求意见记录，该文件不能删除（可更正登记事项）。"
    )


def test_an_issued_document_is_not_deleted(client, users, district):
    document = issued(
        users.jyj_clerk, users.justice, district.jyj, "课后服务管理办法", published_on=D(2024, 11, 4)
    )
    client.force_login(users.jyj_clerk)
    refused(
        client,
        document,
        "“课后服务管理办法（测政规发〔2024〕1号）”已印发（有效），不能删除（可修改、废止或宣布失效）。",
    )
