"""The audit's source address: X-Forwarded-For is believed only from a trusted proxy (FAZHI_TRUSTED_PROXIES)."""

from fazhi.core.audit import client_ip
from fazhi.core.models import AuditEvent
from tests import factories


def test_a_client_cannot_forge_its_address_with_x_forwarded_for(settings):
    settings.FAZHI_TRUSTED_PROXIES = []
    assert client_ip({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "10.0.0.1"}) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client(settings):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.2"]
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9, 10.0.0.2"}
    # 1.2.3.4 was written by the client itself; 203.0.113.9 is what the first trusted proxy saw
    assert client_ip(meta) == "203.0.113.9"
    assert client_ip({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-ip"}) == "127.0.0.1"
    assert client_ip({"REMOTE_ADDR": "127.0.0.1"}) == "127.0.0.1"


def test_the_request_records_the_real_address(client, users, district, settings):
    settings.FAZHI_TRUSTED_PROXIES = []
    client.force_login(users.jyj_clerk)
    response = client.post(
        "/api/people/",
        {"name": "来源乙", "id_number": factories.id_number(), "organization": "T-JYJ"},
        content_type="application/json",
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_FOR="8.8.8.8",
    )
    assert response.status_code == 201
    assert (
        AuditEvent.objects.get(model_label="core.person", object_id=str(response.json()["id"])).source_ip
        == "10.1.2.3"
    )
