"""The remaining enforcement lists as clerks and the public use them — evaluation campaigns, contact points, the
three systems' self-assessments, and the public officers and item lists: search, filters, sorting, pages with the
total, and an export of exactly the rows kept (the .xlsx reopened)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core import clock, ids
from fazhi.enforcement import services
from fazhi.enforcement.web.views import certificates as certificate_views
from fazhi.enforcement.web.views import contact_points as contact_point_views
from fazhi.enforcement.web.views import evaluation as evaluation_views
from fazhi.enforcement.web.views import self_assessment as self_assessment_views

from ..conftest import issue

pytestmark = pytest.mark.django_db
D = dt.date


def sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


def two_per_page(monkeypatch, module, name):
    """Lists of two rows a page, so paging is seen on a few rows."""
    spec = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a: dataclasses.replace(spec(*a), per_page=2))


def body_rows(html: str) -> str:
    """The table's rows only (a unit's name may also be a filter's choice)."""
    return html[html.index("<tbody>") : html.index("</tbody>")]


def order(html: str, *texts: str) -> list[int]:
    return [html.index(t) for t in texts]


# Contact points ------------------------------------------------------------------------------------------------


@pytest.fixture
def points(users, district):
    clock.freeze(D(2025, 6, 30))

    def point(unit, name, code, on):
        return services.set_up_contact_point(
            actor=users.justice,
            organization=unit,
            name=name,
            enterprise_name=f"{name}有限公司",
            credit_code=ids.make_credit_code(code),
            established_on=on,
        )

    a = point(district.sfj, "甲联系点", "91640303MA76XY12A", D(2024, 3, 1))
    b = point(district.sfj, "乙联系点", "91640303MA76XY34B", D(2025, 2, 1))
    c = point(district.scj, "丙联系点", "91640303MA76XY56C", D(2025, 4, 1))
    services.close_contact_point(actor=users.justice, point=a, closed_on=D(2025, 1, 10))
    return a, b, c


def test_contact_points_search_filter_sort_page_and_export(client, users, district, points, monkeypatch):
    client.force_login(users.justice)
    url = reverse("evaluation:contact_points")
    html = client.get(url).content.decode()
    assert "共 <strong>3</strong> 项" in html
    assert order(html, "丙联系点", "乙联系点", "甲联系点") == sorted(
        order(html, "丙联系点", "乙联系点", "甲联系点")
    )
    html = client.get(url, {"q": points[1].credit_code}).content.decode()
    assert "乙联系点有限公司" in html and "丙联系点有限公司" not in html
    html = client.get(url, {"status": "closed"}).content.decode()
    assert "甲联系点有限公司" in html and "乙联系点有限公司" not in html
    html = client.get(url, {"sort": "established"}).content.decode()
    assert order(html, "甲联系点有限公司", "乙联系点有限公司", "丙联系点有限公司") == sorted(
        order(html, "甲联系点有限公司", "乙联系点有限公司", "丙联系点有限公司")
    )
    rows = sheet(client.get(url, {"unit": district.sfj.pk, "year": "2025", "export": "xlsx"}))
    assert rows[0] == ["联系点", "企业名称", "统一社会信用代码", "设立单位", "设立日期", "状态", "撤销日期"]
    assert rows[1:] == [
        [
            "乙联系点",
            "乙联系点有限公司",
            points[1].credit_code,
            "测试区司法局",
            dt.datetime(2025, 2, 1),
            "运行中",
            None,
        ]
    ]
    two_per_page(monkeypatch, contact_point_views, "contact_point_spec")
    first = client.get(url).content.decode()
    assert "第 1/2 页" in first and first.count('class="point"') == 2
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('class="point"') == 1 and "甲联系点有限公司" in second
    response = client.get(url, {"status": "lost"})
    assert response.status_code == 400 and "没有“lost”这一项" in response.content.decode()


# Self-assessments ----------------------------------------------------------------------------------------------


@pytest.fixture
def assessed(users, district, body):
    clock.freeze(D(2025, 6, 30))
    town = services.register_body(
        actor=users.justice, organization=district.town, name="莲花镇综合行政执法队", legal_basis="《某条例》"
    )
    for system in ("publicity", "recording", "legal_review"):
        services.record_self_assessment(
            actor=users.justice,
            body=body,
            year=2025,
            system=system,
            assessed_on=D(2025, 6, 1),
            findings=f"大队{system}自查",
        )
    services.record_self_assessment(
        actor=users.justice,
        body=town,
        year=2025,
        system="publicity",
        assessed_on=D(2025, 6, 2),
        findings="镇公示自查",
    )
    return body, town


def test_self_assessments_search_filter_sort_page_and_export(client, users, district, assessed, monkeypatch):
    body, town = assessed
    client.force_login(users.justice)
    url = reverse("evaluation:self_assessments")
    html = client.get(url, {"year": 2025}).content.decode()
    assert "共 <strong>2</strong> 项" in html and 'id="complete">1<' in html
    html = client.get(url, {"year": 2025, "q": "莲花镇"}).content.decode()
    assert html.count('class="body-row') == 1 and "莲花镇综合行政执法队" in html and "镇公示自查" in html
    assert "大队publicity自查" not in html  # the findings of the bodies kept only
    html = client.get(url, {"year": 2025, "missing": "recording"}).content.decode()
    assert html.count('class="body-row') == 1 and "莲花镇综合行政执法队" in html
    html = client.get(url, {"year": 2025, "complete": "yes"}).content.decode()
    assert html.count('class="body-row') == 1 and "测试区市场监管执法大队" in html
    asc = body_rows(client.get(url, {"year": 2025, "sort": "body"}).content.decode())
    desc = body_rows(client.get(url, {"year": 2025, "sort": "-body"}).content.decode())
    assert (asc.index("莲花镇综合行政执法队") < asc.index("测试区市场监管执法大队")) != (
        desc.index("莲花镇综合行政执法队") < desc.index("测试区市场监管执法大队")
    )
    rows = sheet(client.get(url, {"year": 2025, "unit": district.town.pk, "export": "xlsx"}))
    assert rows == [
        [
            "执法主体",
            "所在单位",
            "行政执法公示制度",
            "执法全过程记录制度",
            "重大执法决定法制审核制度",
            "三项均已自查",
        ],
        ["莲花镇综合行政执法队", "测试区莲花镇", "已自查", "未自查", "未自查", "否"],
    ]
    two_per_page(monkeypatch, self_assessment_views, "self_assessment_spec")
    services.register_body(
        actor=users.justice, organization=district.jyj, name="教育执法队", legal_basis="《某法》"
    )
    html = client.get(url, {"year": 2025}).content.decode()
    assert "共 <strong>3</strong> 项，第 1/2 页" in html and 'name="year" value="2025"' in html
    assert client.get(url, {"year": 2025, "page": 2}).content.decode().count('class="body-row') == 1


# Evaluation campaigns ------------------------------------------------------------------------------------------


@pytest.fixture
def campaigns(users, district):
    clock.freeze(D(2025, 6, 30))

    def campaign(year, name, unit, domains):
        return services.create_campaign(
            actor=users.justice, organization=unit, year=year, name=name, domains=domains
        )

    return (
        campaign(2024, "2024年度食品药品案卷评查", district.sfj, ["food_drug"]),
        campaign(2025, "2025年度食品药品案卷评查", district.sfj, ["food_drug"]),
        campaign(2025, "2025年度交通运输案卷评查", district.sfj, ["transport"]),
    )


def test_campaigns_search_filter_sort_page_and_export(client, users, district, campaigns, monkeypatch):
    client.force_login(users.justice)
    url = reverse("evaluation:campaigns")
    html = client.get(url).content.decode()
    assert "共 <strong>3</strong> 项" in html and html.index("2025年度") < html.index("2024年度食品药品")
    html = client.get(url, {"q": "交通"}).content.decode()
    assert "2025年度交通运输案卷评查" in html and "食品药品案卷评查" not in html
    html = client.get(url, {"domain": "food_drug"}).content.decode()
    assert "交通运输案卷评查" not in html and html.count('class="campaign"') == 2
    html = client.get(url, {"sort": "year"}).content.decode()
    assert html.index("2024年度食品药品") < html.index("2025年度交通运输")
    rows = sheet(client.get(url, {"year": "2025", "domain": "food_drug", "export": "xlsx"}))
    assert rows[0] == ["年度", "评查活动", "组织单位", "评查领域", "评查人员", "案卷", "分数线"]
    assert [r[:6] for r in rows[1:]] == [[2025, "2025年度食品药品案卷评查", "测试区司法局", "食品药品", 0, 0]]
    assert rows[1][6].startswith("优秀≥")
    two_per_page(monkeypatch, evaluation_views, "campaign_spec")
    assert "第 1/2 页" in client.get(url).content.decode()
    assert client.get(url, {"page": 2}).content.decode().count('class="campaign"') == 1
    assert client.get(url, {"page": 3}).status_code == 400


# Public lists --------------------------------------------------------------------------------------------------


def test_public_officers_search_filter_sort_page_and_export(client, users, district, body, monkeypatch):
    from tests import factories

    clock.freeze(D(2025, 6, 30))
    town = services.register_body(
        actor=users.justice, organization=district.town, name="莲花镇综合行政执法队", legal_basis="《某条例》"
    )
    issue(users.justice, factories.person(district.team, name="王执法"), body, "64030001")
    issue(users.justice, factories.person(district.team, name="李执法"), body, "64030002")
    issue(users.justice, factories.person(district.town, name="赵执法"), town, "64030003")
    url = reverse("public_enforcement_officers")
    html = client.get(url).content.decode()
    assert "共 <strong>3</strong> 项" in html
    html = client.get(url, {"q": "64030002"}).content.decode()
    assert "李执法" in html and "王执法" not in html
    html = client.get(url, {"unit": district.town.pk}).content.decode()
    assert "赵执法" in html and "李执法" not in html
    html = client.get(url, {"sort": "-number"}).content.decode()
    assert html.index("赵执法") < html.index("李执法") < html.index("王执法")
    rows = sheet(client.get(url, {"unit": district.team.pk, "sort": "number", "export": "xlsx"}))
    assert rows == [
        ["姓名", "单位", "执法主体", "执法证号", "执法区域和执法类别"],
        ["王执法", "测试区市场监管执法大队", "测试区市场监管执法大队", "64030001", "—"],
        ["李执法", "测试区市场监管执法大队", "测试区市场监管执法大队", "64030002", "—"],
    ]
    two_per_page(monkeypatch, certificate_views, "public_officer_spec")
    assert "第 1/2 页" in client.get(url).content.decode()
    assert client.get(url, {"page": 2}).content.decode().count('class="public-officer"') == 1


def test_public_powers_search_filter_sort_page_and_export(client, users, district, body, monkeypatch):
    clock.freeze(D(2025, 6, 30))
    for kind, name, basis in (
        ("penalty", "对经营超过保质期食品的处罚", "《食品安全法》第一百二十四条"),
        ("inspection", "食品经营日常检查", "《食品安全法》第一百一十条"),
        ("licensing", "食品经营许可", "《食品安全法》第三十五条"),
    ):
        services.add_power(actor=users.justice, body=body, kind=kind, name=name, legal_basis=basis)
    url = reverse("public_enforcement_powers")
    html = client.get(url).content.decode()
    assert "共 <strong>3</strong> 项" in html
    html = client.get(url, {"q": "第三十五条"}).content.decode()
    assert "食品经营许可" in html and "日常检查" not in html
    html = client.get(url, {"kind": "penalty"}).content.decode()
    assert "对经营超过保质期食品的处罚" in html and "食品经营许可" not in html
    asc = body_rows(client.get(url, {"sort": "power"}).content.decode())
    desc = body_rows(client.get(url, {"sort": "-power"}).content.decode())
    assert (asc.index("食品经营许可") < asc.index("食品经营日常检查")) != (
        desc.index("食品经营许可") < desc.index("食品经营日常检查")
    )
    rows = sheet(client.get(url, {"body": body.pk, "kind": "inspection", "export": "xlsx"}))
    assert rows == [
        ["执法主体", "所在单位", "事项类别", "事项名称", "实施依据"],
        [
            "测试区市场监管执法大队",
            "测试区市场监管执法大队",
            "行政检查",
            "食品经营日常检查",
            "《食品安全法》第一百一十条",
        ],
    ]
    two_per_page(monkeypatch, certificate_views, "public_power_spec")
    assert "第 1/2 页" in client.get(url).content.decode()
    assert client.get(url, {"page": 2}).content.decode().count('class="power"') == 1


def test_a_campaigns_files_search_filter_sort_page_and_export(client, users, district, body, monkeypatch):
    from tests import factories

    clock.freeze(D(2025, 10, 9))
    campaign = services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度行政执法案卷评查",
        domains=["food_drug", "market"],
        default_standard=True,
    )
    officer = factories.person(district.team, name="王执法")
    issue(users.justice, officer, body, "64030001")

    def draw(number, title, domain, on):
        return services.draw_case_file(
            actor=users.justice,
            campaign=campaign,
            body=body,
            domain=domain,
            act_kind="penalty",
            case_number=number,
            title=title,
            decided_on=on,
            officers=[officer],
        )

    first = draw("测市监处罚〔2025〕12号", "某超市经营超过保质期食品案", "food_drug", D(2025, 4, 18))
    draw("测市监处罚〔2025〕30号", "某商店无照经营案", "market", D(2025, 5, 6))
    draw("测市监处罚〔2025〕7号", "某餐馆使用过期原料案", "food_drug", D(2025, 3, 2))
    services.score_case_file(
        actor=users.justice,
        case_file=first,
        points={i.pk: i.max_points for i in campaign.items.filter(kind="scored")},
        scored_on=D(2025, 10, 9),
    )
    client.force_login(users.justice)
    url = reverse("evaluation:campaign", args=[campaign.pk])
    html = client.get(url).content.decode()
    assert "评查案卷（3卷）" in html and "共 <strong>3</strong> 项" in html
    html = body_rows(client.get(url, {"q": "无照"}).content.decode())
    assert "某商店无照经营案" in html and "某超市" not in html
    html = body_rows(client.get(url, {"grade": "none"}).content.decode())
    assert html.count('class="case-file"') == 2 and "某超市" not in html
    html = body_rows(client.get(url, {"sort": "decided"}).content.decode())
    assert html.index("某餐馆") < html.index("某超市") < html.index("某商店")
    rows = sheet(client.get(url, {"domain": "food_drug", "sort": "-decided", "export": "xlsx"}))
    assert rows[0] == [
        "案件编号",
        "案件名称",
        "执法主体",
        "领域",
        "行为类别",
        "决定日期",
        "承办人",
        "总分",
        "等次",
        "问题",
    ]
    assert [r[0] for r in rows[1:]] == ["测市监处罚〔2025〕12号", "测市监处罚〔2025〕7号"]
    assert rows[1][6:9] == ["王执法", 100, "优秀"]
    two_per_page(monkeypatch, evaluation_views, "file_spec")
    assert "第 1/2 页" in client.get(url).content.decode()
    assert body_rows(client.get(url, {"page": 2}).content.decode()).count('class="case-file"') == 1
