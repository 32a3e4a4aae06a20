"""The public pages of the lists, without logging in: today's list or a past day's, a clear Chinese error for a
date that is not one, and an xlsx that holds exactly the rows shown."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from fazhi.core import clock

from ..conftest import D, commitment, service_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    clock.freeze(D(2026, 11, 26))


def rows_of(response) -> list[list[str]]:
    html = response.content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in body.split("</tr>")[:-1]]


def sheet_rows(content: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)]


def test_the_public_page_for_a_past_day_shows_the_list_of_that_day(client, history):
    response = client.get("/public/certification-items/", {"on": "2024-12-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024年12月31日的证明事项清单" in html
    # ZM-2 was removed later (2025-06-30) and is still in; ZM-3 was added later (2025-01-15) and is not
    assert [r[1:3] for r in rows_of(response)] == [["ZM-1", "无犯罪记录证明"], ["ZM-2", "学历证明"]]
    assert "健康证明" not in html


def test_the_public_page_without_a_date_shows_the_current_list(client, history):
    response = client.get("/public/certification-items/")
    assert "现行证明事项清单" in response.content.decode()
    assert [r[1] for r in rows_of(response)] == ["ZM-1", "ZM-3"]


def test_a_date_that_is_not_one_is_answered_with_a_chinese_error(client, history):
    response = client.get("/public/certification-items/", {"on": "2025-02-30"})
    assert response.status_code == 400
    assert "日期“2025-02-30”无效：请按“年-月-日”填写，如 2025-12-31。" in response.content.decode()
    download = client.get("/public/certification-items/xlsx/", {"on": "去年"})
    assert download.status_code == 400 and "日期“去年”无效" in download.content.decode()


def test_the_download_holds_exactly_the_rows_shown(client, history):
    page = client.get("/public/certification-items/", {"on": "2025-03-01"})
    download = client.get("/public/certification-items/xlsx/", {"on": "2025-03-01"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(download.content)
    assert rows[0][0] == "证明事项清单（2025年3月1日）"
    assert rows[1] == ["序号", "事项编码", "证明名称", "设定依据", "索要单位", "开具单位", "列入日期"]
    assert [[str(v) for v in r] for r in rows[2:]] == rows_of(page)
    assert [r[1] for r in rows[2:]] == ["ZM-1", "ZM-2", "ZM-3"]


def test_the_commitment_list_shows_verification_and_false_commitment(client, users, district):
    commitment(users.justice, district.scj, "CN-1", verification="实地核查、公示核查")
    rows = rows_of(client.get("/public/commitment-items/", {"on": "2024-06-01"}))
    assert rows == [
        [
            "1",
            "CN-1",
            "承诺事项CN-1",
            "《中华人民共和国食品安全法》第三十五条",
            "测试区市场监督管理局",
            "实地核查、公示核查",
            "撤销许可并记入信用记录",
            "2024-03-01",
        ]
    ]


def test_the_service_list_shows_mode_and_time_limit(client, users, district):
    service_item(users.justice, district.scj, "FW-1", "committed", limit=3)
    service_item(users.justice, district.jyj, "FW-2", "on_the_spot", added_on=D(2025, 1, 1))
    rows = rows_of(client.get("/public/service-items/", {"on": "2024-12-31"}))
    assert [r[1:6] for r in rows] == [["FW-1", "服务事项FW-1", "测试区市场监督管理局", "承诺办", "3"]]
    content = client.get("/public/service-items/xlsx/").content
    assert [r[4] for r in sheet_rows(content)[2:]] == ["当场办", "承诺办"]
