"""The layout as a clerk sees it at the widths offices use (1280–1920 px) and on a phone (375 and 390 px): the top bar on
one line with the user, the unit and 退出 on the screen; the print stylesheet drops the menu and the buttons."""

from __future__ import annotations

import struct
import zlib

import pytest
from playwright.sync_api import expect

from fazhi.core.models import OrganizationKind, Role

from .. import factories

pytestmark = pytest.mark.browser

ONE_LINE = 60  # px: the bar is 56 px high when nothing wraps
LONG_UNIT = "测试区全面依法治区委员会办公室法治督察与协调科"


@pytest.fixture
def long_unit_clerk(district):
    unit = factories.org("T-YFZQB", parent=district.root, kind=OrganizationKind.DEPARTMENT, name=LONG_UNIT)
    return factories.user(Role.JUSTICE_ADMIN, unit, username="long-unit")


def _box(page, selector: str) -> dict:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} 不可见"
    return box


@pytest.mark.parametrize("width", [1280, 1366, 1440, 1920])
def test_the_top_bar_keeps_one_line_with_the_user_unit_and_logout_on_screen(
    page, login, long_unit_clerk, width, screenshot_dir
):
    # given a user of a unit with a long name, signed in
    page.set_viewport_size({"width": width, "height": 860})
    login(long_unit_clerk)

    # then the bar is one line high and does not scroll the page sideways
    header = _box(page, "header.top")
    assert header["height"] <= ONE_LINE, f"{width}px: 顶栏高 {header['height']}px，折成了两行"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # and 退出, the user's name and the unit are inside the window
    logout = _box(page, "header.top .user button")
    assert logout["x"] >= 0 and logout["x"] + logout["width"] <= width, f"{width}px: 退出 在屏幕外 {logout}"
    assert logout["y"] + logout["height"] <= header["y"] + header["height"]
    name = _box(page, "header.top .user .name")
    assert name["x"] + name["width"] <= logout["x"]
    expect(page.locator("header.top .user .name")).to_have_text(long_unit_clerk.person.name)
    expect(page.locator("header.top .user")).to_have_attribute(
        "title", f"{long_unit_clerk.person.name} · 司法局管理员 · {LONG_UNIT}"
    )
    unit = page.locator("header.top .user .unit")
    expect(unit).to_be_visible()
    assert (
        _box(page, "header.top .user .unit")["width"] > 40
    )  # shortened with an ellipsis at most, never hidden
    # and every menu entry can still be reached: the menu scrolls sideways inside the bar
    last = page.get_by_role("navigation", name="主菜单").get_by_role("link", name="公开信息")
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    if width == 1366:
        page.screenshot(path=str(screenshot_dir / "layout-1366.png"))


RED = (0xB7, 0x1C, 0x1C)  # the bar's colour (--red)


def _pixel(page, x: float, y: float) -> tuple[int, int, int]:
    """The colour on screen at (x, y): a one-pixel screenshot, decoded here (one row of one pixel: whatever the
    row's PNG filter, its bytes are the pixel's)."""
    png = page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1})
    chunks, at = {}, 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        chunks[kind] = chunks.get(kind, b"") + png[at + 8 : at + 8 + length]
        at += 12 + length
    row = zlib.decompress(chunks[b"IDAT"])
    return tuple(row[1:4])


def _edges(page) -> tuple[tuple, tuple]:
    """The colour just inside the menu's left and right edges, above the entries' text."""
    nav = _box(page, "header.top nav")
    y = nav["y"] + 2
    return _pixel(page, nav["x"] + 2, y), _pixel(page, nav["x"] + nav["width"] - 3, y)


def test_a_menu_that_scrolls_shows_a_shadow_at_the_edge_it_goes_on_and_a_menu_that_fits_none(
    page, login, users, screenshot_dir
):
    # given the Justice Bureau administrator's menu (the longest), at 1366 px where it does not fit
    page.set_viewport_size({"width": 1366, "height": 860})
    login(users.justice)
    nav = page.locator("header.top nav")
    assert nav.evaluate("e => e.scrollWidth > e.clientWidth"), "1366px: 菜单应当需要横向滚动"

    # then the right edge, where the menu goes on, is shaded darker than the bar, the left edge not
    left, right = _edges(page)
    assert left == RED and right[0] < RED[0] - 20, (left, right)
    page.screenshot(path=str(screenshot_dir / "layout-menu-hint-1366.png"), clip=_box(page, "header.top"))

    # when the menu is scrolled to its end, the shadow moves to the left edge
    nav.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    left, right = _edges(page)
    assert left[0] < RED[0] - 20 and right == RED, (left, right)

    # and at 1920 px, where the whole menu fits, there is no shadow at either edge
    page.set_viewport_size({"width": 1920, "height": 860})
    assert nav.evaluate("e => e.scrollWidth <= e.clientWidth"), "1920px: 菜单应当放得下"
    assert _edges(page) == (RED, RED)


@pytest.mark.parametrize("username", ["justice", "scj_clerk"])
def test_a_unit_name_of_ordinary_length_is_shown_whole_beside_the_user_at_1280(page, login, users, username):
    # given a Justice Bureau administrator (the longest menu) and a unit's clerk, at the narrowest office width
    page.set_viewport_size({"width": 1280, "height": 860})
    user = getattr(users, username)
    login(user)

    # then the unit is not cut short: the menu scrolls rather than the user's name and unit
    who = page.locator("header.top .user .who")
    expect(page.locator("header.top .user .unit")).to_have_text(f" · {user.organization.name}")
    assert who.evaluate("e => e.scrollWidth <= e.clientWidth"), "单位名称被截短"
    assert _box(page, "header.top")["height"] <= ONE_LINE


@pytest.mark.parametrize("width", [375, 390])
def test_on_a_phone_the_bar_keeps_logout_on_screen_and_the_page_does_not_scroll_sideways(
    page, login, long_unit_clerk, screenshot_dir, width
):
    page.set_viewport_size({"width": width, "height": 740})
    login(long_unit_clerk)

    logout = _box(page, "header.top .user button")
    assert 0 <= logout["x"] and logout["x"] + logout["width"] <= width, f"退出 在屏幕外 {logout}"
    assert logout["y"] + logout["height"] <= 60  # on the first row, next to the brand
    expect(page.locator("header.top .user .name")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    nav = _box(page, "header.top nav")
    assert (
        nav["width"] <= width and nav["y"] >= logout["y"] + logout["height"] - 1
    )  # the menu is the row below
    page.screenshot(path=str(screenshot_dir / f"layout-phone-{width}.png"), full_page=True)


def test_printing_hides_the_menu_and_buttons(page, login, users):
    login(users.justice)
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator("header.top")).to_be_visible()
