"""Choosing a unit (core.web.units): a <select> while the user may choose among at most FAZHI_UNIT_SELECT_MAX units,
a search field above it. Both ways take a pk or a typed label, refuse what is outside the user's units with the same
Chinese messages, and clean to an Organization; the endpoint offers only the user's units, labelled with their
superior units because names repeat from one county to the next."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django import forms
from django.urls import reverse

from fazhi.core.models import Organization, OrganizationKind, Role
from fazhi.core.web import units
from fazhi.core.web.choices import SearchInput
from fazhi.decisions.web.forms import AdvisorForm, RegisterDecisionForm
from tests import factories

pytestmark = pytest.mark.django_db

REFUSED_PK = "选择一个有效的选项： 该选择不在可用的选项中。"


@pytest.fixture
def province(db):
    """A province whose two counties each have a 司法局 (the same name) and a 市场监督管理局 with a 执法大队."""
    root = factories.org("P", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="合成省人民政府")
    bureau = factories.org("P-SFT", parent=root, name="合成省司法厅")
    counties = []
    for code, place in (("P-C1", "甲县"), ("P-C2", "乙县")):
        county = factories.org(
            code, parent=root, kind=OrganizationKind.DISTRICT_GOVERNMENT, name=f"{place}人民政府"
        )
        sfj = factories.org(f"{code}-SFJ", parent=county, name="司法局")
        scj = factories.org(f"{code}-SCJ", parent=county, name="市场监督管理局")
        team = factories.org(
            f"{code}-ZD", parent=scj, kind=OrganizationKind.ENFORCEMENT_BODY, name="执法大队"
        )
        counties.append(SimpleNamespace(county=county, sfj=sfj, scj=scj, team=team))
    return SimpleNamespace(
        root=root,
        bureau=bureau,
        first=counties[0],
        second=counties[1],
        justice=factories.user(Role.JUSTICE_ADMIN, bureau, username="province-justice"),
    )


class UnitForm(forms.Form):
    unit = units.UnitChoiceField(label="承办单位")
    served = units.UnitMultipleChoiceField(units.DISTRICT_UNITS, label="服务单位", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].for_user(user)
        self.fields["served"].for_user(user)


def test_the_labels_name_the_superior_units_from_the_top_down(province):
    assert units.labels([province.root, province.bureau, province.second.sfj, province.first.team]) == [
        "合成省人民政府",
        "合成省司法厅（合成省人民政府）",
        "司法局（合成省人民政府 / 乙县人民政府）",
        "执法大队（合成省人民政府 / 甲县人民政府 / 市场监督管理局）",
    ]


def test_a_few_units_are_a_select_and_more_a_search_field(settings, province, users, district):
    form = UnitForm(user=users.justice)  # the test district: 7 units
    assert type(form.fields["unit"].widget) is forms.Select
    assert [label for _pk, label in form.fields["unit"].widget.choices] == [
        "---------",
        "测试区人民政府",
        "测试区人民法院",
        "测试区教育局",
        "测试区莲花镇",
        "测试区市场监督管理局",
        "测试区市场监管执法大队",
        "测试区司法局",
    ]  # in the order of the tree (the units' paths)
    assert type(form.fields["served"].widget) is forms.SelectMultiple
    settings.FAZHI_UNIT_SELECT_MAX = 7
    assert type(UnitForm(user=users.justice).fields["unit"].widget) is forms.Select
    settings.FAZHI_UNIT_SELECT_MAX = 6
    form = UnitForm(user=users.justice)
    assert type(form.fields["unit"].widget) is SearchInput
    html = str(form["unit"]) + str(form["served"])
    assert "<select" not in html and 'data-autocomplete="/choices/units/"' in html
    assert 'data-autocomplete="/choices/district-units/"' in html and 'data-multiple="1"' in html
    assert "required" in str(form["unit"])


@pytest.mark.parametrize("limit", [60, 1])
def test_both_ways_take_a_pk_or_a_typed_label_and_refuse_the_same(settings, province, limit):
    settings.FAZHI_UNIT_SELECT_MAX = limit
    user = province.justice

    def clean(value):
        form = UnitForm({"unit": value}, user=user)
        return form.cleaned_data["unit"] if form.is_valid() else form.errors["unit"]

    assert clean(str(province.second.sfj.pk)) == province.second.sfj
    assert clean("司法局（合成省人民政府 / 乙县人民政府）") == province.second.sfj
    assert clean("合成省司法厅") == province.bureau
    assert clean("司法局") == ["“司法局”有2个，请输入后从搜索结果中选择（带括号说明的那一项）。"]
    assert clean("执法大队（合成省人民政府 / 乙县人民政府 / 市场监督管理局）") == province.second.team
    outside = factories.org("Q", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="外省人民政府")
    assert clean(str(outside.pk)) == [REFUSED_PK]
    assert clean("外省人民政府") == ["没有找到“外省人民政府”，请输入后从搜索结果中选择。"]
    assert clean("") == ["该字段是必填项。"]


@pytest.mark.parametrize("limit", [60, 1])
def test_several_units_by_pk_or_by_label(settings, province, limit):
    settings.FAZHI_UNIT_SELECT_MAX = limit
    sent = (
        [str(province.first.sfj.pk), str(province.second.team.pk)]
        if limit > 1
        else f"司法局（合成省人民政府 / 甲县人民政府）、{province.second.team.pk}"
    )
    form = UnitForm({"unit": province.bureau.pk, "served": sent}, user=province.justice)
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["served"]) == {province.first.sfj, province.second.team}
    outside = factories.org("Q", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="外省人民政府")
    form = UnitForm({"unit": province.bureau.pk, "served": [str(outside.pk)]}, user=province.justice)
    assert not form.is_valid() and form.errors["served"] == [
        f"选择一个有效的选项。 {outside.pk} 不在可用的选项中。"
    ]


def test_a_clerk_may_not_name_a_unit_beyond_its_own_either_way(settings, users, district):
    settings.FAZHI_UNIT_SELECT_MAX = 0
    for value in (str(district.jyj.pk), "测试区教育局"):
        form = RegisterDecisionForm({"organization": value}, user=users.scj_clerk)
        assert not form.is_valid() and "organization" in form.errors
    form = RegisterDecisionForm({"organization": "测试区市场监督管理局"}, user=users.scj_clerk)
    form.is_valid()
    assert "organization" not in form.errors and form.cleaned_data["organization"] == district.scj


def test_the_search_field_shows_the_chosen_units_by_their_labels(settings, users, district):
    settings.FAZHI_UNIT_SELECT_MAX = 0
    form = AdvisorForm(
        initial={"organization": district.scj.pk, "units_served": [district.scj.pk, district.team.pk]},
        user=users.justice,
    )
    assert 'value="测试区市场监督管理局（测试区人民政府）"' in str(form["organization"])
    assert (
        'value="测试区市场监督管理局（测试区人民政府）、测试区市场监管执法大队（测试区人民政府 / 测试区市场监督管理局）"'
        in str(form["units_served"])
    )


def test_the_endpoint_offers_only_the_users_units_with_their_superior_units(
    client, province, users, district
):
    url = reverse("core:choices", args=["units"])
    client.force_login(province.justice)
    found = client.get(url, {"q": "司法局"}).json()["results"]
    assert found == [
        {"id": province.first.sfj.pk, "label": "司法局（合成省人民政府 / 甲县人民政府）"},
        {"id": province.second.sfj.pk, "label": "司法局（合成省人民政府 / 乙县人民政府）"},
    ]
    # a word of the superior unit's name narrows it
    assert [r["label"] for r in client.get(url, {"q": "司法局 乙县"}).json()["results"]] == [
        "司法局（合成省人民政府 / 乙县人民政府）"
    ]
    client.force_login(users.justice)  # the test district's Justice Bureau: none of the province's units
    assert [r["label"] for r in client.get(url, {"q": "司法"}).json()["results"]] == [
        "测试区司法局（测试区人民政府）"
    ]
    client.force_login(users.scj_clerk)  # a clerk acts for its own unit only
    assert client.get(url, {"q": "司法"}).json() == {"results": []}
    assert [r["id"] for r in client.get(url, {"q": "市场"}).json()["results"]] == [district.scj.pk]


def test_one_statement_chooses_the_widget_and_holds_the_options(
    settings, users, district, django_assert_num_queries
):
    with django_assert_num_queries(1):
        form = UnitForm.__new__(UnitForm)
        forms.Form.__init__(form)
        form.fields["unit"].for_user(users.justice)
        str(form["unit"])
    settings.FAZHI_UNIT_SELECT_MAX = 2
    with django_assert_num_queries(1):
        form = UnitForm.__new__(UnitForm)
        forms.Form.__init__(form)
        form.fields["unit"].for_user(users.justice)
        str(form["unit"])
    assert Organization.objects.count() == 9


def _sessions(users, district):
    from fazhi.enforcement import services

    for unit, topic in ((district.scj, "市场执法培训"), (district.jyj, "教育执法培训")):
        services.record_session(
            actor=users.justice, organization=unit, topic=topic, held_on=dt.date(2025, 4, 18), hours=4
        )


def test_a_list_filters_by_unit_from_a_select_while_its_units_are_few(client, users, district):
    _sessions(users, district)
    client.force_login(users.justice)
    page = client.get("/enforcement/training/", {"unit": district.jyj.pk}).content.decode()
    assert (
        f'<select name="unit"><option value="">全部</option><option value="{district.jyj.pk}" selected>测试区教育局'
        in page
    )
    assert "教育执法培训" in page and "市场执法培训" not in page


def test_a_list_filters_by_unit_through_a_search_field_beyond(client, settings, users, district):
    settings.FAZHI_UNIT_SELECT_MAX = 1
    _sessions(users, district)
    client.force_login(users.justice)
    url = "/enforcement/training/"
    page = client.get(url).content.decode()
    assert '<select name="unit"' not in page
    assert '<input type="text" name="unit" value="" data-autocomplete="/choices/district-units/"' in page
    for value in ("测试区教育局（测试区人民政府）", "测试区教育局", str(district.jyj.pk)):
        page = client.get(url, {"unit": value}).content.decode()
        assert "教育执法培训" in page and "市场执法培训" not in page, value
        assert 'name="unit" value="测试区教育局（测试区人民政府）"' in page
    refused = client.get(url, {"unit": "邻区司法局"})
    assert refused.status_code == 400
    assert "组织单位：没有找到“邻区司法局”，请输入后从搜索结果中选择。" in refused.content.decode()
    refused = client.get(url, {"unit": str(district.other_dept.pk)})
    assert refused.status_code == 400
    assert f"组织单位：没有“{district.other_dept.pk}”这一项，请从搜索结果中选择。" in refused.content.decode()


def test_the_admin_searches_units_and_people_instead_of_listing_them(client, users, district):
    client.force_login(users.justice)
    page = client.get("/admin/oversight/inspection/add/").content.decode()
    assert page.count("admin-autocomplete") >= 3  # 组织单位, 联合组织单位, 被督察单位
    assert "测试区教育局</option>" not in page  # no unit listed: only a chosen one would be
    page = client.get("/admin/duties/activity/add/").content.decode()
    assert 'name="people_list"' in page and "admin-autocomplete" in page
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "core", "model_name": "person", "field_name": "organization", "term": "司法局"},
    ).json()
    assert [r["text"] for r in found["results"]] == ["测试区司法局"]  # the district's, not the neighbour's
