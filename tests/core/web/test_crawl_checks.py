"""The crawl's checks on page text: what it flags and what it lets through."""

from __future__ import annotations

from .crawl import check_text, visible_text


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
