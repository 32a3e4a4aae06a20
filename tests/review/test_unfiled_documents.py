"""The documents still to file (the 工作台's source and the register's awaiting-filing list): exactly the documents in
force that must be filed and have no filing of any kind, soonest deadline first, read as a NOT EXISTS that the
partial index normdoc_unfiled_idx serves (issue 19, session 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F

from fazhi.core import access, workbench
from fazhi.review.models import Filing, NormativeDocument
from fazhi.review.selectors import unfiled_documents

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 12, 1)


def _document(organization, title: str, *, due, status="valid", requires_filing=True, published=True, n=0):
    return NormativeDocument.objects.create(
        title=title,
        organization=organization,
        number_prefix="测政规发",
        number=f"测政规发〔2024〕{n}号" if n else "",
        registered_on=dt.date(2024, 8, 1),
        published_on=dt.date(2024, 10, 1) if published else None,
        status=status,
        requires_filing=requires_filing,
        filing_due_on=due,
    )


def _filed(document, body=Filing.Body.GOVERNMENT):
    Filing.objects.create(
        document=document, body=body, filed_on=dt.date(2024, 10, 20), filed_with="测试市人民政府"
    )


@pytest.fixture
def documents(district):
    d = dt.date
    made = {
        "late": _document(district.jyj, "甲", due=d(2024, 11, 20), n=1),
        "soon": _document(district.scj, "乙", due=d(2024, 12, 5)),
        "soon_too": _document(district.jyj, "乙二", due=d(2024, 12, 5), n=3),
        "far": _document(district.jyj, "丁", due=d(2025, 1, 10), n=4),
        "filed": _document(district.jyj, "已报政府", due=d(2024, 11, 1), n=5),
        "congress": _document(district.jyj, "已报人大", due=d(2024, 11, 1), n=6),
        "not_required": _document(district.jyj, "无须备案", due=d(2024, 11, 1), requires_filing=False),
        "expired": _document(district.jyj, "已失效", due=d(2024, 11, 1), status="expired"),
        "repealed": _document(district.jyj, "已废止", due=d(2024, 11, 1), status="repealed"),
        "registered": _document(district.jyj, "未印发", due=None, status="registered", published=False),
        "other_district": _document(district.other_dept, "邻区", due=d(2024, 11, 2)),
    }
    _filed(made["filed"])
    _filed(made["congress"], Filing.Body.CONGRESS)
    return made


def test_the_documents_to_file_are_those_in_force_without_any_filing_soonest_first(users, documents):
    pk = {v.pk: k for k, v in documents.items()}
    # ties on the deadline in primary-key order
    assert [pk[x.pk] for x in unfiled_documents(users.justice, access.CHANGE)] == [
        "late",
        "soon",
        "soon_too",
        "far",
    ]
    assert [pk[x.pk] for x in unfiled_documents(users.jyj_clerk, access.CHANGE)] == [
        "late",
        "soon_too",
        "far",
    ]
    assert [pk[x.pk] for x in unfiled_documents(users.other_justice)] == ["other_district"]
    # once filed (with either body) a document leaves the list
    _filed(documents["soon"], Filing.Body.CONGRESS)
    assert [pk[x.pk] for x in unfiled_documents(users.justice, access.CHANGE)] == ["late", "soon_too", "far"]


def test_the_workbench_shows_the_same_documents_in_the_same_order(users, documents):
    board = workbench.Board(users.justice, ON).narrow(category="规范性文件备案")
    items = board[0:10]
    shown = [
        ("甲（测政规发〔2024〕1号）", dt.date(2024, 11, 20), "overdue", "测试区教育局"),
        ("乙", dt.date(2024, 12, 5), "due_soon", "测试区市场监督管理局"),
        ("乙二（测政规发〔2024〕3号）", dt.date(2024, 12, 5), "due_soon", "测试区教育局"),
        ("丁（测政规发〔2024〕4号）", dt.date(2025, 1, 10), "pending", "测试区教育局"),
    ]
    assert [(i.title, i.due, i.level, i.unit) for i in items] == [
        (f"规范性文件“{t}”应于{due:%Y年%m月%d日}前报送备案", due, level, unit)
        for t, due, level, unit in shown
    ]
    assert len(board) == 4


def test_not_filed_is_a_not_exists_not_a_left_join(users, documents):
    sql = str(unfiled_documents(users.justice, access.CHANGE).query)
    assert "NOT EXISTS" in sql
    assert 'LEFT OUTER JOIN "review_filing"' not in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_the_partial_index_serves_the_documents_to_file(users, documents):
    """The index's predicate is the query's: with sequential and bitmap scans off, the documents to file (of the whole
    installation, as a system administrator sees them: no unit join to plan around) are read from the index."""
    rows = workbench.annotate(
        unfiled_documents(users.admin, access.CHANGE).select_related(None).prefetch_related(None),
        on=ON,
        due="filing_due_on",
        title=workbench.text("“", F("title"), F("number")),
        unit="organization_id",
        category="规范性文件备案",
    ).values_list("pk", "wb_due", "wb_title", "wb_unit")
    assert len(rows) == 5  # the four above and the other district's
    # documents outside the predicate (published, no longer in force), so that reading the index of the five is
    # cheaper than any other index, the one on the publication date included
    NormativeDocument.objects.bulk_create(
        NormativeDocument(
            title=f"已失效{n}",
            organization=documents["late"].organization,
            number_prefix="测政规发",
            registered_on=dt.date(2024, 8, 1),
            published_on=dt.date(2024, 10, 1),
            status="expired",
            filing_due_on=dt.date(2024, 11, 1),
        )
        for n in range(2000)
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE review_normativedocument")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "normdoc_unfiled_idx" in plan, plan


def test_the_register_names_the_soonest_twenty_to_file_and_counts_them_all(client, users, documents):
    """The register's awaiting-filing list: the first twenty of the documents to file in their order, read by id
    from the index, and how many there are."""
    organization = documents["late"].organization
    NormativeDocument.objects.bulk_create(
        NormativeDocument(
            title=f"待报{n:02d}",
            organization=organization,
            number_prefix="测政规发",
            registered_on=dt.date(2024, 8, 1),
            published_on=dt.date(2024, 10, 1),
            status="valid",
            filing_due_on=dt.date(2024, 11, 1) + dt.timedelta(days=n % 7),
        )
        for n in range(25)
    )
    client.force_login(users.justice)
    response = client.get("/documents/", HTTP_HOST="localhost")
    expected = list(unfiled_documents(users.justice))
    assert len(expected) == 29
    assert [d.pk for d in response.context["unfiled"]] == [d.pk for d in expected[:20]]
    assert response.context["unfiled_count"] == 29
    client.force_login(users.scj_clerk)
    response = client.get("/documents/", HTTP_HOST="localhost")
    assert [d.title for d in response.context["unfiled"]] == ["乙"] and response.context["unfiled_count"] == 1
