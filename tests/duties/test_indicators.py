"""The figures by kind and year: leaders lecturing and cadres reporting in writing count people once, the reports
at the committee office meeting count units, the meetings and sessions count activities; demonstration projects
count by the date of their stage."""

from __future__ import annotations

import pytest

from fazhi.duties import services
from fazhi.indicators.registry import Period, evaluate

from .conftest import D, record

pytestmark = pytest.mark.django_db


def value(code, year=2024, scope=None):
    return evaluate(code, Period.year(year), scope).figure.value


def test_leaders_lecturing_count_each_leader_once_a_year(users, district, leaders):
    record(users.justice, "lecture", D(2024, 3, 1), district.jyj, people=[leaders["jyj"]])
    record(users.justice, "lecture", D(2024, 9, 1), district.jyj, people=[leaders["jyj"]])
    record(users.justice, "lecture", D(2024, 10, 1), district.town, people=[leaders["town"]])
    record(users.justice, "lecture", D(2025, 1, 5), district.scj, people=[leaders["scj"]])
    assert value("duties.lecture.leaders") == 2
    assert value("duties.lecture.leaders", 2025) == 1
    result = evaluate("duties.lecture.leaders", Period.year(2025))
    assert result.previous.value == 2 and str(result.change) == "-50.0"
    assert value("duties.lecture.leaders", scope=district.town) == 1


def test_reports_at_the_committee_office_meeting_count_departments(users, district, leaders):
    for unit, leader, day in [
        ("jyj", "jyj", D(2024, 6, 1)),
        ("jyj", "jyj", D(2024, 11, 1)),
        ("scj", "scj", D(2024, 6, 1)),
    ]:
        record(
            users.justice,
            "meeting_report",
            day,
            getattr(district, unit),
            meeting="依法治区委员会办公室会议",
            people=[leaders[leader]],
        )
    figure = evaluate("duties.meeting_report.units", Period.year(2024)).figure
    assert figure.value == 2 and figure.records.count() == 3


def test_written_reports_count_each_cadre_once_whether_a_person_or_a_name(users, district, leaders):
    record(
        users.justice, "written_report", D(2024, 12, 1), district.jyj, names=["许志诚", "王建国", "李晓燕"]
    )
    record(
        users.justice,
        "written_report",
        D(2024, 12, 20),
        district.jyj,
        people=[leaders["jyj"]],
        names=["王建国"],
    )
    record(
        users.justice, "written_report", D(2024, 12, 20), district.town, names=["王建国"]
    )  # a name counts once per name
    record(users.justice, "written_report", D(2023, 12, 20), district.town, names=["赵丽华"])
    # 许志诚 (linked twice), 王建国 (text, counted once as a name), 李晓燕
    assert value("duties.written_report.cadres") == 3


def test_meetings_and_sessions_count_activities_of_their_kind_in_the_year(users, district, party):
    for day in (D(2024, 1, 10), D(2024, 2, 10), D(2025, 1, 10)):
        record(users.justice, "pre_meeting_study", day, district.root, meeting="政府常务会议")
    for day in (D(2024, 3, 1), D(2024, 12, 31)):
        record(users.justice, "training", day, district.sfj)
    record(users.justice, "party_deployment", D(2024, 5, 6), party, meeting="区委常委会")
    record(users.justice, "executive_report", D(2024, 5, 6), district.root, meeting="政府常务会议")
    record(users.justice, "government_study", D(2024, 5, 6), district.root, meeting="政府专题会议")
    for unit in (district.jyj, district.town, district.town):
        record(users.justice, "unit_deployment", D(2024, 7, 1), unit, meeting="党组会")
    assert [
        value(c)
        for c in (
            "duties.pre_meeting_study.sessions",
            "duties.training.sessions",
            "duties.party_deployment.meetings",
            "duties.executive_report.meetings",
            "duties.government_study.meetings",
            "duties.unit_deployment.meetings",
        )
    ] == [2, 2, 1, 1, 1, 3]
    assert value("duties.unit_deployment.meetings", scope=district.town) == 2


def test_demonstration_projects_count_by_the_date_they_were_shortlisted_and_named(users, district):
    a = services.enter_project(
        actor=users.justice,
        name="一支队伍管执法",
        organization=district.sfj,
        level="regional",
        applied_on=D(2024, 3, 1),
    )
    services.advance_project(actor=users.justice, project=a, transition="shortlist", on=D(2024, 6, 1))
    services.advance_project(actor=users.justice, project=a, transition="name_project", on=D(2025, 1, 10))
    b = services.enter_project(
        actor=users.justice,
        name="一支队伍管执法",
        organization=district.sfj,
        level="national",
        batch="第三批",
        applied_on=D(2024, 9, 1),
    )
    services.advance_project(actor=users.justice, project=b, transition="shortlist", on=D(2024, 12, 1))
    assert (value("duties.demonstration.shortlisted"), value("duties.demonstration.named")) == (2, 0)
    assert (value("duties.demonstration.shortlisted", 2025), value("duties.demonstration.named", 2025)) == (
        0,
        1,
    )
