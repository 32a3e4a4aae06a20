"""The 工作台 read a page at a time (issue 19): providers hand over sources (scoped querysets annotated with the
item's date, level, urgency, title, unit and category) besides their short lists; the board counts them in the
database, reads only a page of rows in the global order (merged with the short lists) and builds only those items.

Over generated items of three providers (two sources, one short list): the pages put together are the full order of
items_for; the counts, each filter and the search keep the right items; the page's statements do not grow with the
number of items. Over a generated district: the board has exactly the items of items_for, counted alike."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from fazhi.core import clock, workbench
from fazhi.core.models import CalendarDay, User

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 6, 30)
PER_PAGE = 100
WORDS = "甲乙丙丁戊己庚辛壬癸"


def _name(n: int) -> str:
    """Names of one length (no name is the start of another, so the title key orders as the title does)."""
    return WORDS[n % 10] + WORDS[(n // 10) % 10] + WORDS[(n // 100) % 10]


def _calendar_item(category: str, warn_days: int):
    def item(day) -> workbench.WorkItem:
        return workbench.WorkItem(
            title=f"事项{day.name}应于{day.date:%Y年%m月%d日}前办理",
            category=category,
            level=workbench.level_for(day.date, clock.today(), warn_days=warn_days),
            due=day.date,
            url=f"/x/{day.pk}/",
            unit=day.region,
            detail=f"第{day.pk}项",
        )

    return item


def _source(kind: str, category: str, warn_days: int, on: dt.date) -> workbench.Source:
    rows = workbench.annotate(
        CalendarDay.objects.filter(kind=kind),
        on=on,
        due="date",
        warn_days=warn_days,
        title=workbench.text("事项", F("name")),
        unit="region",
        category=category,
    )
    return workbench.Source(category, rows, _calendar_item(category, warn_days), search=())


def rest_days(user, on) -> workbench.Work:
    return workbench.Work(sources=[_source(CalendarDay.Kind.REST, "休息日工作", 3, on)])


def work_days(user, on) -> workbench.Work:
    return workbench.Work(
        items=[
            workbench.WorkItem("短表事项丙甲甲", "调休工作", due=TODAY + dt.timedelta(days=2), unit="南区")
        ],
        sources=[_source(CalendarDay.Kind.WORK, "调休工作", 10, on)],
    )


def short_list(user, on) -> list[workbench.WorkItem]:
    """Items a provider builds itself, spread among the sources' dates, one without a date, one overdue by its
    workstream's word although its date is ahead."""
    items = [
        workbench.WorkItem(
            f"短表事项{_name(n)}",
            "短表工作",
            due=on + dt.timedelta(days=n - 20),
            unit="东区" if n % 2 else "西区",
        )
        for n in range(0, 60, 4)
    ]
    items.append(workbench.WorkItem("短表事项无期", "短表工作", unit="东区"))
    items.append(
        workbench.WorkItem(
            "短表事项挂牌", "短表工作", level=workbench.OVERDUE, due=on + dt.timedelta(days=30)
        )
    )
    return [
        workbench.WorkItem(
            i.title,
            i.category,
            level=i.level
            if i.level == workbench.OVERDUE or i.due is None
            else workbench.level_for(i.due, on),
            due=i.due,
            unit=i.unit,
        )
        for i in items
    ]


@pytest.fixture
def providers(monkeypatch):
    """The three providers above alone."""
    monkeypatch.setattr(workbench, "PROVIDERS", [])
    for fn in (rest_days, work_days, short_list):
        workbench.provider(fn)


@pytest.fixture
def with_every_provider(monkeypatch):
    """The three providers above after every workstream's."""
    monkeypatch.setattr(workbench, "PROVIDERS", list(workbench.PROVIDERS))
    for fn in (rest_days, work_days, short_list):
        workbench.provider(fn)


def _generate(count: int) -> None:
    """`count` calendar rows over 50 days around today, several on a day (a tie broken by the title)."""
    CalendarDay.objects.bulk_create(
        CalendarDay(
            date=TODAY + dt.timedelta(days=(n * 7) % 50 - 15),
            region=("北区" if n % 3 else "南区") + str(n),
            kind=CalendarDay.Kind.REST if n % 2 else CalendarDay.Kind.WORK,
            name=_name(n),
        )
        for n in range(count)
    )


def _key(item: workbench.WorkItem) -> tuple:
    return (item.title, item.category, item.level, item.due, item.url, item.unit, item.detail)


def _page(client, **params) -> list[str]:
    """The titles of a page of the 工作台, in the order of the page (the order of the board: no sort within it)."""
    html = client.get(reverse("core:workbench"), params).content.decode()
    return [t for t in _titles(html)]


def _titles(html: str) -> list[str]:
    import re

    return re.findall(
        r'<tr class="work-item"><td><span class="badge [a-z_]+">[^<]+</span> (?:<a href="[^"]*">)?([^<]+)',
        html,
    )


def _board(user, **narrow) -> workbench.Board:
    return workbench.Board(user, TODAY).narrow(**narrow)


def test_pages_of_the_board_are_the_order_of_items_for_and_its_counts_and_filters_keep_the_right_items(
    users, providers
):
    clock.freeze(TODAY)
    _generate(260)
    user = users.jyj_clerk
    every = workbench.items_for(user, TODAY)  # level, date, title: the titles are all different
    assert len(every) == 260 + 1 + 17
    board = _board(user)
    assert len(board) == board.unfiltered() == len(every)
    first, second = board[0:PER_PAGE], board[PER_PAGE : 2 * PER_PAGE]
    assert [_key(i) for i in first + second] == [_key(i) for i in every[: 2 * PER_PAGE]]
    assert [_key(i) for i in board[250:300]] == [_key(i) for i in every[250:300]]  # the last page, short
    assert [_key(i) for i in board.iterator()] == [_key(i) for i in every]  # the export: all, in order
    # counts: per urgency (the badges) and per category and level (the dashboard's chart)
    urgencies = {
        key: sum(1 for i in every if workbench.urgency(i, TODAY) == key) for key, _ in workbench.URGENCY
    }
    assert dict(board.by_urgency()) == {k: n for k, n in urgencies.items() if n}
    assert urgencies == {"overdue": 86, "week": 44, "other": 148}
    levels = {}
    for i in every:
        levels[(i.category, i.level)] = levels.get((i.category, i.level), 0) + 1
    assert dict(board.by_category_and_level()) == levels
    assert board.categories() == ["休息日工作", "短表工作", "调休工作"]
    # each filter, alone and together, in the same order
    for key, _ in workbench.URGENCY:
        kept = [i for i in every if workbench.urgency(i, TODAY) == key]
        narrowed = _board(user, urgency=key)
        assert len(narrowed) == len(kept)
        assert [_key(i) for i in narrowed[0:PER_PAGE]] == [_key(i) for i in kept[:PER_PAGE]]
    kept = [i for i in every if i.category == "调休工作" and workbench.urgency(i, TODAY) == "week"]
    narrowed = _board(user, category="调休工作", urgency="week")
    assert [_key(i) for i in narrowed[0:PER_PAGE]] == [_key(i) for i in kept] and len(kept) == len(
        narrowed
    ) == 21
    # the search: every word in the record's name (the title), the unit or the category
    kept = [i for i in every if "乙丙" in i.title]
    assert len(kept) == 13 and [_key(i) for i in _board(user, query="乙丙")[0:PER_PAGE]] == [
        _key(i) for i in kept
    ]
    kept = [i for i in every if "南区" in i.unit and "甲" in i.title]
    found = _board(user, query="南区 甲")
    assert len(found) == len(kept) == 46 and [_key(i) for i in found[0:PER_PAGE]] == [_key(i) for i in kept]
    kept = [i for i in every if i.category == "短表工作"]
    assert [_key(i) for i in _board(user, query="短表工作")[0:PER_PAGE]] == [_key(i) for i in kept]


def test_the_sorts_of_the_headings_put_blanks_last_and_keep_the_order_within_equal_values(users, providers):
    clock.freeze(TODAY)
    _generate(130)
    user = users.jyj_clerk
    every = workbench.items_for(user, TODAY)
    for column, value in (
        ("due", lambda i: i.due),
        ("unit", lambda i: i.unit),
        ("category", lambda i: i.category),
    ):
        for descending in (False, True):
            present = [i for i in every if value(i) not in (None, "")]
            blank = [i for i in every if value(i) in (None, "")]
            expected = (
                sorted(present, key=value, reverse=descending) + blank
            )  # stable: items_for's order in a tie
            board = _board(user, sort=("-" if descending else "") + column)
            assert [_key(i) for i in board[0:None]] == [_key(i) for i in expected], (column, descending)
            assert [_key(i) for i in board[100:150]] == [_key(i) for i in expected[100:150]], (
                column,
                descending,
            )


def test_the_workbench_page_reads_a_page_of_items_in_statements_that_do_not_grow_with_them(
    client, users, with_every_provider, django_assert_max_num_queries
):
    clock.freeze(TODAY)
    client.force_login(users.jyj_clerk)
    url = reverse("core:workbench")
    for count in (120, 900):
        CalendarDay.objects.all().delete()
        _generate(count)
        every = workbench.items_for(users.jyj_clerk, TODAY)
        for params in ({}, {"page": 2}, {"urgency": "week"}, {"q": "南区"}, {"sort": "-due", "page": 2}):
            with django_assert_max_num_queries(BOUND, info=f"{count} items, {params}"):
                response = client.get(url, params)
            assert response.status_code == 200
        html = client.get(url, {"page": 2}).content.decode()
        titles = _titles(html)
        second = sorted(
            every[PER_PAGE : 2 * PER_PAGE], key=lambda i: i.category
        )  # grouped by urgency, then by work
        grouped = [
            i.title for key, _ in workbench.URGENCY for i in second if workbench.urgency(i, TODAY) == key
        ]
        assert titles == grouped
        assert f"第 2/{-(-len(every) // PER_PAGE)} 页" in html


BOUND = 30  # the session and user, the short lists' statements of every provider, the counts, the page, its sources


@pytest.mark.parametrize("username", ["synth-sfj", "synth-unit"])
def test_over_a_generated_district_the_board_has_the_items_of_items_for(username):
    clock.freeze(D(2026, 11, 20))
    call_command(
        "synth", "--scale", "district", "--factor", "0.1", stdout=io.StringIO(), stderr=io.StringIO()
    )
    user = User.objects.get(username=username)
    every = workbench.items_for(user, clock.today())
    board = workbench.Board(user, clock.today())
    shown = board[0:None]
    assert sorted(map(_key, shown)) == sorted(map(_key, every))
    order = [(workbench.LEVEL_ORDER[i.level], i.due or D.max) for i in shown]
    assert order == sorted(order)  # most urgent first, then by date; a tie by the title's start
    levels: dict = {}
    for i in every:
        levels[(i.category, i.level)] = levels.get((i.category, i.level), 0) + 1
    assert dict(board.by_category_and_level()) == levels
