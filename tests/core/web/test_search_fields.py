"""Search fields instead of whole-table selects (core.web.choices): the JSON endpoint offers only the records the user
may choose, and the form takes a typed name or a chosen label — an unknown or ambiguous name is refused in Chinese
and records nothing (so the form works without the script)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.models import TrainingAttendance
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(users, district):
    return services.record_session(
        actor=users.scj_clerk,
        organization=district.scj,
        topic="执法培训",
        held_on=dt.date(2025, 4, 18),
        hours=4,
    )


def test_the_endpoint_offers_only_the_users_choices_and_needs_a_login(client, users, district):
    factories.person(district.scj, name="王执法")
    factories.person(district.jyj, name="王老师")
    factories.person(district.court, name="王法官")  # another body, outside what a clerk names
    url = reverse("core:choices", args=["people-to-name"])
    assert client.get(url, {"q": "王"}).status_code == 302  # to the login page
    client.force_login(users.scj_clerk)
    labels = [r["label"] for r in client.get(url, {"q": "王"}).json()["results"]]
    assert labels == ["王执法（测试区市场监督管理局）"]
    assert client.get(url, {"q": ""}).json() == {"results": []}
    assert client.get(reverse("core:choices", args=["nobody"]), {"q": "王"}).status_code == 404


def test_the_attendance_form_takes_typed_names_and_chosen_labels(client, users, district, session):
    wang = factories.person(district.team, name="王执法")
    li = factories.person(district.scj, name="李执法")
    client.force_login(users.scj_clerk)
    url = reverse("enforcement:record_attendance", args=[session.pk])
    response = client.post(url, {"people": "王执法、李执法（测试区市场监督管理局）"})
    assert response.status_code == 302
    assert set(TrainingAttendance.objects.values_list("person", flat=True)) == {wang.pk, li.pk}
    page = client.get(reverse("enforcement:training_session", args=[session.pk])).content.decode()
    assert (
        'data-autocomplete="/choices/district-people/"' in page
        and "<select" not in page.split('id="record-attendance"')[-1]
    )


def test_an_unknown_or_ambiguous_name_is_refused_in_chinese_and_records_nothing(
    client, users, district, session
):
    factories.person(district.team, name="张三")
    factories.person(district.scj, name="张三")
    client.force_login(users.scj_clerk)
    url = reverse("enforcement:record_attendance", args=[session.pk])
    response = client.post(url, {"people": "张三"})
    assert (
        response.status_code == 400
        and "“张三”有2个，请输入后从搜索结果中选择（带括号说明的那一项）" in response.content.decode()
    )
    response = client.post(url, {"people": "赵六"})
    assert (
        response.status_code == 400
        and "没有找到“赵六”，请输入后从搜索结果中选择" in response.content.decode()
    )
    assert not TrainingAttendance.objects.exists()
    response = client.post(url, {"people": "张三（测试区市场监管执法大队）"})
    assert (
        response.status_code == 302 and TrainingAttendance.objects.get().person.organization == district.team
    )


def test_the_opinion_letters_addressee_is_a_unit_of_the_district_typed_by_name(users, district):
    from fazhi.disputes.web.forms import OpinionLetterForm

    factories.org("W-SFJ", name="外区司法局")  # another district's unit: the field no longer lists every unit
    data = {"issued_on": "2025-03-03", "addressee": "测试区市场监督管理局"}
    form = OpinionLetterForm(data, user=users.reconsideration)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["addressee"] == district.scj
    form = OpinionLetterForm({**data, "addressee": "外区司法局"}, user=users.reconsideration)
    assert not form.is_valid() and form.errors["addressee"] == [
        "没有找到“外区司法局”，请输入后从搜索结果中选择。"
    ]
    assert OpinionLetterForm({"issued_on": "2025-03-03"}, user=users.reconsideration).is_valid()
