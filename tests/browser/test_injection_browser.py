"""Hostile text in the data and in the URL, in a real Chromium: no script runs anywhere."""

from __future__ import annotations

import pytest

from tests.browser.conftest import OPEN_EVERYTHING, OfflinePage, chromium_available, streamlit_server
from tests.conftest import write_hostile_copy

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    if not chromium_available():
        pytest.skip("Chromium not installed")
    data_dir = write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    with streamlit_server(env={"C2C_DATA_DIR": str(data_dir)}) as base:
        yield base


def no_script_ran(offline_page: OfflinePage, *frames) -> None:
    assert offline_page.dialogs == []
    for frame in (offline_page.page, *frames):
        assert frame.evaluate("() => window.__xss === undefined")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_map_tooltips_and_popups_with_hostile_text_run_no_script(hostile_server, offline_page, lang):
    page = offline_page.page
    page.goto(f"{hostile_server}/?fy=2022&lang={lang}")
    frame = offline_page.map_frame()
    assert frame.evaluate(OPEN_EVERYTHING) > 20
    page.wait_for_timeout(500)
    popup_text = frame.evaluate("() => window.__opened")
    assert frame.locator(".c2c-test-hover img, .leaflet-popup-content img").count() == 0
    assert "<img src=x" in popup_text or "</script>" in popup_text  # shown as text, not parsed as markup
    frame.hover(".leaflet-container", position={"x": 400, "y": 300})
    no_script_ran(offline_page, frame)
    assert offline_page.blocked == []


def test_pages_with_hostile_text_run_no_script(hostile_server, offline_page):
    page = offline_page.page
    for path in ["/projects?project=fy2022-07", "/projects?fy=2022&lang=en", "/countries?fy=2022", "/sources"]:
        page.goto(hostile_server + path)
        page.wait_for_selector("[data-testid='stSidebar']", timeout=30_000)
        page.wait_for_timeout(2500)
        no_script_ran(offline_page)
    assert offline_page.blocked == []


def test_hostile_url_parameters_are_ignored_and_inert(hostile_server, offline_page):
    page = offline_page.page
    page.goto(hostile_server + "/?fy=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&country=%22%3E%3Csvg%20onload%3Dalert(2)%3E"
              "&q=%3Cscript%3Ealert(3)%3C%2Fscript%3E&lang=%3Cb%3E")
    offline_page.map_frame()
    page.wait_for_timeout(1500)
    no_script_ran(offline_page)
    assert page.locator("[data-testid='stAlert']").count() >= 1  # the notice that invalid values were ignored
