"""配置 as a page: every local rule with its Chinese name, explanation and basis, readable by every role, changed or
restored to its default by a system administrator only, each change an audit event; bad input a 400 in Chinese."""

from __future__ import annotations

import re

from fazhi.core import config
from fazhi.core.models import AuditEvent, Setting

KEY = "calendar.regional_days_extend_periods"
KINDS = "review.catalog_required_kinds"


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_every_role_reads_every_setting_in_chinese_without_its_key(client, users):
    for user in (users.leader, users.jyj_clerk, users.advisor, users.justice):
        client.force_login(user)
        response = client.get("/settings/")
        assert response.status_code == 200
        html = response.content.decode()
        text = visible_text(html)
        for spec in config.SPECS.values():
            assert spec.name in html
        assert "地区性休息日是否顺延法定期限" in text and "民事诉讼法第八十五条" in text
        assert KEY not in text and "district_government" not in text
        assert "区（县）人民政府" in text or "人民政府" in text  # unit kinds by their Chinese labels
        assert "<form" not in html.split("<main>")[1]  # nobody but a system administrator gets a form


def test_only_a_system_administrator_changes_a_setting_and_it_is_audited(client, users):
    client.force_login(users.justice)
    assert client.post(f"/settings/{KEY}/", {"value": "true"}).status_code == 403
    assert not Setting.objects.filter(key=KEY).exists()

    client.force_login(users.admin)
    response = client.post(f"/settings/{KEY}/", {"value": "true"})
    assert response.status_code == 302
    assert config.get(KEY) is True
    event = AuditEvent.objects.filter(model_label="core.setting").order_by("-seq").first()
    assert (
        event.action == "create"
        and event.actor_id == users.admin.pk
        and event.changes["value"] == [None, True]
    )
    html = client.get("/settings/").content.decode()
    assert "已单独设置" in html and "恢复默认值" in html

    response = client.post(f"/settings/{KEY}/", {"restore": "1"})
    assert response.status_code == 302 and config.get(KEY) is False
    assert not Setting.objects.filter(key=KEY).exists()
    event = AuditEvent.objects.filter(model_label="core.setting").order_by("-seq").first()
    assert event.action == "delete" and event.note == "恢复默认值"


def test_a_list_of_unit_kinds_is_chosen_by_label_and_bad_input_is_a_400_without_change(client, users):
    client.force_login(users.admin)
    assert client.post(f"/settings/{KINDS}/", {"value": ["department", "township"]}).status_code == 302
    assert config.get(KINDS) == ["department", "township"]
    response = client.post(f"/settings/{KINDS}/", {"value": ["no_such_kind"]})
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    assert config.get(KINDS) == ["department", "township"]
    numbers = next(k for k, s in config.SPECS.items() if type(s.default) is int)
    before = config.get(numbers)
    response = client.post(f"/settings/{numbers}/", {"value": "十五"})
    assert response.status_code == 400 and "输入整数" in response.content.decode()
    assert config.get(numbers) == before
    assert client.post("/settings/no.such.key/", {"value": "1"}).status_code == 404
