"""The crawl's checks on page text: what it flags and what it lets through."""

from __future__ import annotations

from .crawl import check_text, crawl, shape, visible_text


def kinds(text: str, usernames=frozenset()) -> list[str]:
    return [f.kind for f in check_text("/p/", text, frozenset(usernames))]


def test_internal_codes_english_words_and_doubled_words_are_flagged():
    assert kinds("问题来源：oversight.inspectionfinding:20") == ["代码"]
    assert kinds("期限（配置项 enforcement.clue_handling_days）") == ["代码"]
    assert kinds("单位台账 （organizations）") == ["括号代码"]
    assert kinds("Select action") == ["英文"]
    assert kinds("督察台账台账") == ["重复词"]
    assert kinds("2025年度任务任务5应于") == ["重复词"]


def test_chinese_text_dates_numbers_and_login_names_pass():
    assert kinds("何静宜（jyj），单位填报员，2025年1月3日，共12项，FW-0001", usernames={"jyj"}) == []
    assert kinds("澄湖区人民政府 澄湖区司法局") == []


def test_visible_text_leaves_out_scripts_and_collects_links():
    text, links = visible_text('<p>你好</p><script>var a_b = 1;</script><a href="/x/">去</a>')
    assert text == "你好 去"
    assert links == ["/x/"]


def test_a_pages_shape_is_its_path_without_record_ids_and_its_parameter_names():
    assert shape("/disputes/112/", "") == shape("/disputes/7/", "") == "/disputes/N/?"
    assert shape("/catalogs/service/240/edit/") == "/catalogs/service/N/edit/?"
    assert shape("/disputes/", "sort=received&page=2") == shape("/disputes/", "page=3&sort=-due")


class _Site:
    """A list of 50 records, each linking to its correction page, and a page linked only from the last record."""

    def get(self, path):
        if path == "/":
            body = "".join(f'<a href="/r/{n}/">记录{n}</a>' for n in range(50)) + '<a href="/other/">其他</a>'
        elif path.startswith("/r/") and not path.endswith("edit/"):
            body = f'<a href="{path}edit/">更正</a>'
        else:
            body = "页面"
        return _Response(f"<p>{body}</p>")


class _Response:
    status_code = 200

    def __init__(self, html):
        self.content = html.encode()

    def get(self, key, default=""):
        return "text/html; charset=utf-8" if key == "Content-Type" else default


def test_a_small_budget_reaches_every_kind_of_page_not_only_the_first_lists_records():
    visited = crawl(_Site(), max_pages=4).visited
    assert visited == ["/", "/r/0/", "/other/", "/r/0/edit/"]
    assert crawl(_Site(), max_pages=6, per_shape=2).visited == [
        "/",
        "/r/0/",
        "/r/1/",
        "/other/",
        "/r/0/edit/",
        "/r/1/edit/",
    ]
