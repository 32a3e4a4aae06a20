"""What the tests of the correction pages share: the last audit event's changes, and a correction refused."""

from __future__ import annotations

from fazhi.core import audit
from fazhi.core.models import AuditEvent


def last_change(record) -> dict:
    """The changes of the record's last audit event, which must be an update."""
    event = list(audit.history(record))[-1]
    assert event.action == AuditEvent.Action.UPDATE
    return event.changes


def refused(client, url: str, data: dict, status: int, record, field: str, message: str = "") -> None:
    """Posting `data` to the correction page `url` is answered with `status` (and the Chinese `message`), and
    `field` of `record` is unchanged."""
    before = getattr(record, field)
    response = client.post(url, data)
    assert response.status_code == status
    assert message in response.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == before


def corrects(client, page: str, url: str, record, data: dict) -> None:
    """The record's `page` links to its correction page `url`, which opens and saves `data` (a redirect); the record
    is read again."""
    assert url in client.get(page).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    record.refresh_from_db()


def closed_to(client, url: str, data: dict, record, field: str, *, outsider, reader, page: str) -> None:
    """Another unit's `outsider` does not find the record (404); the `reader` (a leader) sees no correction link on
    the record's `page` and is refused (403); nothing changes."""
    client.force_login(outsider)
    refused(client, url, data, 404, record, field)
    client.force_login(reader)
    assert url not in client.get(page).content.decode()
    refused(client, url, data, 403, record, field)
