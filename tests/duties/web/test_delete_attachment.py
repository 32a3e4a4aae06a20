"""Deleting a file attached to an activity by mistake, on the activity's page: whoever may change the activity confirms
on a page and only the POST deletes, through the service that writes the audit event (kept in the page's history);
another unit's clerk finds nothing, a leader sees no link and is refused, another activity's file is not found."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.duties import services
from fazhi.duties.models import ActivityAttachment

from ..conftest import D, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def lecture(users, district, leaders):
    return record(users.justice, "lecture", D(2025, 3, 1), district.jyj, people=[leaders["jyj"]])


@pytest.fixture
def slides(users, lecture):
    return services.attach_file(
        actor=users.jyj_clerk,
        activity=lecture,
        title="讲稿",
        file=ContentFile(b"lecture notes", name="jianggao.txt"),
    )


def page_url(activity) -> str:
    return reverse("duties:activity", args=[activity.pk])


def delete_url(attachment) -> str:
    return reverse("duties:delete_attachment", args=[attachment.activity_id, attachment.pk])


def html(response) -> str:
    return response.content.decode()


def test_the_owning_clerk_confirms_and_deletes_an_attachment(client, users, lecture, slides):
    # given the clerk on the activity's page, which links the file's deletion
    client.force_login(users.jyj_clerk)
    assert f'href="{delete_url(slides)}"' in html(client.get(page_url(lecture)))

    # when they open it, the page asks to confirm and deletes nothing
    page = client.get(delete_url(slides))
    assert page.status_code == 200 and "删除附件：讲稿" in html(page) and 'id="confirm-delete"' in html(page)
    assert ActivityAttachment.objects.filter(pk=slides.pk).exists()

    # and when they confirm
    response = client.post(delete_url(slides))

    # then the file is gone from the activity, the audit event keeps its name and hash, and the page's history shows it
    assert response.status_code == 302 and response["Location"] == f"{page_url(lecture)}#attachments"
    assert not lecture.attachments.exists()
    event = AuditEvent.objects.get(
        model_label="duties.activityattachment", object_id=str(slides.pk), action=AuditEvent.Action.DELETE
    )
    assert (event.actor, event.note) == (users.jyj_clerk, "删除主要负责人讲法的附件")
    assert event.changes["title"] == ["讲稿", None]
    assert event.changes["sha256"] == [slides.sha256, None]
    after = html(client.get(page_url(lecture)))
    assert "已删除附件“讲稿”，删除前的记录保留在审计日志中。" in after
    assert "删除活动附件" in after and "文件名称：讲稿 → 空" in after and "暂无附件" in after


def test_another_unit_finds_nothing_and_a_leader_is_refused(client, users, lecture, slides):
    client.force_login(users.scj_clerk)
    assert client.get(delete_url(slides)).status_code == 404
    assert client.post(delete_url(slides)).status_code == 404
    client.force_login(users.leader)
    assert delete_url(slides) not in html(client.get(page_url(lecture)))
    assert client.get(delete_url(slides)).status_code == 403
    response = client.post(delete_url(slides))
    assert response.status_code == 403 and "您无权删除该活动的附件。" in html(response)
    assert ActivityAttachment.objects.filter(pk=slides.pk).exists()


def test_a_file_of_another_activity_is_not_found(client, users, district, leaders, lecture, slides):
    other = record(users.justice, "lecture", D(2025, 4, 1), district.jyj, people=[leaders["jyj"]])
    client.force_login(users.jyj_clerk)
    wrong = reverse("duties:delete_attachment", args=[other.pk, slides.pk])
    assert client.get(wrong).status_code == 404
    assert client.post(wrong).status_code == 404
    assert ActivityAttachment.objects.filter(pk=slides.pk).exists()
    assert not AuditEvent.objects.filter(
        model_label="duties.activityattachment", action=AuditEvent.Action.DELETE
    )
