"""The review app's list pages on core.web.lists: search (?q=), filters, sorting with the next deadline first (overdue
at the top), the total, a 400 in Chinese for a bad parameter, and ?export=xlsx of exactly the filtered rows in the
order shown, opened again and read."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.review import services

from ..conftest import issued, materials, register

D = dt.date
TODAY = D(2024, 11, 15)


@pytest.fixture(autouse=True)
def today():
    clock.freeze(TODAY)


def sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def table(response, table_id: str) -> str:
    """The list's table and its total (the page's other sections, e.g. the documents due for filing, left out)."""
    page = response.content.decode()
    start = page.index('class="list-tools"')
    end = page.index("</table>", page.index(f'id="{table_id}"')) if f'id="{table_id}"' in page else len(page)
    return page[start:end]


@pytest.fixture
def register_of(users, district):
    """Three education bureau documents: one published 2 September (filing due 8 October, not filed: overdue), one
    published 4 November (filing due 4 December, not filed), one only registered."""
    early = issued(
        users.jyj_clerk, users.justice, district.jyj, "校外培训收费管理办法", published_on=D(2024, 9, 2)
    )
    late = issued(
        users.jyj_clerk, users.justice, district.jyj, "课后服务管理办法", published_on=D(2024, 11, 4)
    )
    draft = register(users.jyj_clerk, district.jyj, "学生资助管理办法", registered_on=D(2024, 11, 1))
    return early, late, draft


def test_the_register_lists_the_next_deadline_first_searches_filters_and_exports(
    client, users, register_of, django_assert_max_num_queries
):
    early, late, draft = register_of
    assert (early.filing_due_on, late.filing_due_on) == (D(2024, 10, 8), D(2024, 12, 4))
    client.force_login(users.jyj_clerk)
    with django_assert_max_num_queries(40):
        page = table(client.get("/documents/"), "document-list")
    # the overdue filing first, then the one due, then the draft without a deadline
    assert (
        page.index("校外培训收费管理办法") < page.index("课后服务管理办法") < page.index("学生资助管理办法")
    )
    assert "共 <strong>3</strong> 项" in page and "已逾期" in page
    # search and filter
    page = table(client.get("/documents/?q=课后"), "document-list")
    assert "课后服务管理办法" in page and "校外培训收费管理办法" not in page
    assert "符合条件的共 <strong>1</strong> 项（全部 3 项）" in page
    page = table(client.get("/documents/?status=registered"), "document-list")
    assert "学生资助管理办法" in page and "课后服务管理办法" not in page
    page = table(client.get("/documents/?overdue=1"), "document-list")
    assert "校外培训收费管理办法" in page and "课后服务管理办法" not in page
    # a bad sort or page is a 400 in Chinese
    response = client.get("/documents/?sort=secret")
    assert response.status_code == 400 and "不能按“secret”排序" in response.content.decode()
    assert client.get("/documents/?page=9").status_code == 400
    # the export: the rows filtered, in the order shown (latest deadline first when sorted descending)
    rows = sheet(client.get("/documents/?sort=-due&status=valid&export=xlsx"))
    assert rows[0][:4] == ["文号", "文件名称", "制定机关", "状态"]
    due = rows[0].index("下一期限")
    assert [(r[1], r[due].date(), r[due + 1]) for r in rows[1:]] == [
        ("课后服务管理办法", D(2024, 12, 4), "报送备案"),
        ("校外培训收费管理办法", D(2024, 10, 8), "报送备案"),
    ]


def test_the_register_sorted_by_deadline_puts_documents_without_one_last_in_both_directions(
    client, users, register_of
):
    # given two documents with a filing deadline and a draft without any
    early, late, draft = register_of
    client.force_login(users.jyj_clerk)
    titles = ["校外培训收费管理办法", "课后服务管理办法", "学生资助管理办法"]

    def order(sort: str) -> list[str]:
        rows = sheet(client.get(f"/documents/?sort={sort}&export=xlsx"))
        due = rows[0].index("下一期限")
        return [(r[1], r[due].date() if r[due] else None) for r in rows[1:]]

    # then soonest first: the draft last
    assert order("due") == [(titles[0], D(2024, 10, 8)), (titles[1], D(2024, 12, 4)), (titles[2], None)]
    # and latest first: the draft last again, not first
    assert order("-due") == [(titles[1], D(2024, 12, 4)), (titles[0], D(2024, 10, 8)), (titles[2], None)]
    # the page shows the same order as the export
    page = table(client.get("/documents/?sort=-due"), "document-list")
    assert page.index(titles[1]) < page.index(titles[0]) < page.index(titles[2])


def test_the_reviews_list_puts_the_overdue_level_first_and_exports(
    client, users, district, django_assert_max_num_queries
):
    old = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 10, 8),
        text="合同文本",
    )
    new = services.submit_review(
        actor=users.jyj_clerk,
        title="课后服务采购合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 14),
        text="合同文本",
    )
    assert old.level_due_on < TODAY < new.level_due_on
    client.force_login(users.jyj_clerk)
    with django_assert_max_num_queries(25):
        page = client.get("/review/").content.decode()
    assert page.index("校舍维修工程施工合同") < page.index("课后服务采购合同") and "已超期" in page
    page = client.get("/review/?overdue=1").content.decode()
    assert "校舍维修工程施工合同" in page and "课后服务采购合同" not in page
    rows = sheet(client.get("/review/?q=课后&export=xlsx"))
    due = rows[0].index("本级审查期限")
    assert [(r[0], r[due].date()) for r in rows[1:]] == [("课后服务采购合同", new.level_due_on)]


def test_the_filings_list_puts_an_overdue_correction_first_and_exports(
    client, users, district, django_assert_max_num_queries
):
    first = issued(
        users.jyj_clerk, users.justice, district.jyj, "校外培训收费管理办法", published_on=D(2024, 9, 2)
    )
    second = issued(
        users.jyj_clerk, users.justice, district.jyj, "课后服务管理办法", published_on=D(2024, 9, 3)
    )
    passed = services.file_document(
        actor=users.jyj_clerk,
        document=second,
        filed_on=D(2024, 9, 10),
        filed_with="测试市人民政府",
        materials=materials(),
    )
    services.record_filing_result(
        actor=users.justice, filing=passed, result="passed", result_on=D(2024, 9, 20)
    )
    ordered = services.file_document(
        actor=users.jyj_clerk,
        document=first,
        filed_on=D(2024, 9, 10),
        filed_with="测试市人民政府",
        materials=materials("has_report", "has_text"),
    )
    ordered = services.record_filing_result(
        actor=users.justice,
        filing=ordered,
        result="correction",
        result_on=D(2024, 10, 21),
        correction_required="第五条增设的备案要求违法设定许可。",
    )
    assert ordered.correction_due_on == D(2024, 11, 5)  # 15 days, the local setting
    client.force_login(users.justice)
    with django_assert_max_num_queries(25):
        page = client.get("/documents/filings/").content.decode()
    assert page.index("校外培训收费管理办法") < page.index("课后服务管理办法")
    assert "缺起草说明、合法性审查意见、制定依据" in page and "已逾期" in page
    page = client.get("/documents/filings/?overdue=1").content.decode()
    assert "校外培训收费管理办法" in page and "课后服务管理办法" not in page
    rows = sheet(client.get("/documents/filings/?result=correction&export=xlsx"))
    header = rows[0]
    assert [
        (r[header.index("文件名称")], r[header.index("纠正后重新报送期限")].date()) for r in rows[1:]
    ] == [("校外培训收费管理办法", D(2024, 11, 5))]
    assert rows[1][header.index("缺少材料")] == "起草说明、合法性审查意见、制定依据"


def test_the_campaigns_and_matters_lists_search_and_export(client, users, district):
    services.create_campaign(
        actor=users.justice,
        name="2024年涉企政策文件清理",
        scope="涉及企业的规范性文件",
        organization=district.sfj,
        started_on=D(2024, 6, 1),
        ended_on=D(2024, 9, 30),
    )
    services.create_campaign(
        actor=users.justice,
        name="证明事项清理",
        scope="要求提供证明材料的文件",
        organization=district.sfj,
        started_on=D(2024, 10, 1),
    )
    client.force_login(users.justice)
    page = client.get("/documents/cleanup/?q=证明").content.decode()
    assert "证明事项清理" in page and "2024年涉企政策文件清理" not in page
    rows = sheet(client.get("/documents/cleanup/?sort=started&export=xlsx"))
    assert [r[0] for r in rows[1:]] == ["2024年涉企政策文件清理", "证明事项清理"]
    assert rows[1][3].date() == D(2024, 9, 30)
    response = client.get("/documents/catalogs/?kind=nonsense")
    assert response.status_code == 400 and "事项类别：没有“nonsense”这一项" in response.content.decode()
    assert sheet(client.get("/documents/catalogs/?export=xlsx"))[0] == [
        "事项名称",
        "事项类别",
        "单位",
        "印发或签订日期",
        "合法性审查",
    ]
