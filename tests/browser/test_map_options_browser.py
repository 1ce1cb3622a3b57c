"""The map's options survive presentation mode and language switches (issue #19, items 1 and 2).

Only a real browser shows these: the browser keeps its own copy of a widget's value, and a widget that was not
drawn in a run (the options are hidden in presentation mode) comes back showing its default unless the app tells
the browser its value again; the next rerun then sent that default back as a change (``labels=0``, ``jcm`` gone).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import OfflinePage

pytestmark = pytest.mark.browser

IFRAME = "iframe[title='streamlit_folium.st_folium']"
VIEW_KEYS = {"z", "c"}  # the map reports where it is at rest; that is allowed to change


def _codes(page) -> dict[str, str]:
    query = parse_qs(urlparse(page.url).query)
    return {key: values[-1] for key, values in query.items() if key not in VIEW_KEYS}


def _open(browser, base: str, query: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="ja-JP")
    offline = OfflinePage(context.new_page())
    page = offline.page
    page.goto(f"{base}/{query}")
    page.wait_for_selector(IFRAME, timeout=60_000)
    page.query_selector(IFRAME).content_frame().wait_for_function(
        "() => window.C2CAtlas && window.C2CAtlas.current", timeout=60_000)
    page.wait_for_timeout(1500)  # the map's first view report and its rerun
    return context, page


def _checked(page, key: str) -> bool:
    return page.locator(f".st-key-{key} input[type=checkbox]").is_checked()


def _settle(page, ms: int = 2500) -> None:
    """Let the map report its view and the reruns that follow finish (the old bug needed one such rerun)."""
    page.wait_for_timeout(ms)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)


@pytest.mark.parametrize("way_out", ["button", "toggle"])
@pytest.mark.parametrize("query", ["?lang=en&fy=2022&jcm=1", "?fy=2022&labels=0&tl=1"])
def test_presentation_on_and_off_keeps_every_map_option(browser, app_server, query, way_out):
    context, page = _open(browser, app_server, query)
    try:
        before = _codes(page)
        toggles = {key: _checked(page, key) for key in ("jcm_layer", "map_labels", "timeline")}
        page.locator(".st-key-present label").click()
        page.wait_for_function("() => location.search.includes('present=true')", timeout=15_000)
        _settle(page)
        assert {k: v for k, v in _codes(page).items() if k != "present"} == before
        if way_out == "button":
            page.get_by_role("button", name=re.compile("プレゼンテーションを終了|Exit presentation")).click()
        else:
            page.locator(".st-key-present label").click()
        page.wait_for_function("() => !location.search.includes('present=true')", timeout=15_000)
        page.locator(".st-key-jcm_layer").wait_for(timeout=15_000)
        _settle(page)
        assert _codes(page) == before
        assert {key: _checked(page, key) for key in toggles} == toggles
    finally:
        context.close()


def test_language_switches_keep_the_options_and_show_no_false_notice(browser, app_server):
    context, page = _open(browser, app_server, "?lang=en&fy=2022&jcm=1&labels=0")
    try:
        sidebar = page.locator("[data-testid='stSidebar']")
        for lang in ("ja", "en", "ja", "en"):
            sidebar.get_by_text("日本語" if lang == "ja" else "English", exact=True).click()
            page.wait_for_function(f"() => document.documentElement.lang === '{lang}'", timeout=30_000)
            _settle(page)
            assert page.locator("[data-testid='stAlert']").count() == 0, page.locator("[data-testid='stAlert']").all_inner_texts()
            codes = _codes(page)
            assert codes.get("jcm") == "1" and codes.get("labels") == "0" and "tiles" not in codes, codes
            assert _checked(page, "jcm_layer") and not _checked(page, "map_labels")
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["1280", "phone"])
def test_the_base_map_box_shows_its_whole_label(browser, app_server, size):
    """Issue #19, item 4: "オフライン（Natural Earth" was cut off; every choice fits, in both languages."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="ja-JP")
    page = OfflinePage(context.new_page()).page
    try:
        for lang in ("ja", "en"):
            for tiles in ("offline", "osm", "positron"):
                page.goto(f"{app_server}/?lang={lang}&tiles={tiles}")
                box = page.locator(".st-key-tiles_pick input")
                box.wait_for(timeout=60_000)
                page.wait_for_timeout(800)
                value, needed, shown = box.evaluate("i => [i.value, i.scrollWidth, i.clientWidth]")
                assert value and needed <= shown, (lang, tiles, value, needed, shown)
    finally:
        context.close()
