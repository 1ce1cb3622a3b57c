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
    for path in ["/projects?project=fy2022-07", "/projects?fy=2022&lang=en", "/countries?fy=2022", "/sources",
                 "/?fy=2022&sel=place:jp-toyama", "/?fy=2022&sel=place:jp-toyama&lang=en"]:
        page.goto(hostile_server + path)
        page.wait_for_selector("[data-testid='stSidebar']", timeout=30_000)
        page.wait_for_timeout(2500)
        no_script_ran(offline_page)
        # data text in captions and the map panel: no link, LaTeX, emoji or icon made of it (issue #23)
        main = page.locator("[data-testid='stMain']")
        assert main.locator("a[href*='evil-example']").count() == 0, path
        assert main.locator(".katex").count() == 0, path
        if "sel=" in path and "lang=en" not in path:  # the Japanese title carries the shortcodes
            panel = page.locator(".st-key-map_panel")
            assert ":smile: :material/home:" in panel.inner_text().replace("\u2060", ""), path
    assert offline_page.blocked == []


def test_hostile_url_parameters_are_ignored_and_inert(hostile_server, offline_page):
    page = offline_page.page
    page.goto(hostile_server + "/?fy=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&country=%22%3E%3Csvg%20onload%3Dalert(2)%3E"
              "&q=%3Cscript%3Ealert(3)%3C%2Fscript%3E&lang=%3Cb%3E")
    offline_page.map_frame()
    page.wait_for_timeout(1500)
    no_script_ran(offline_page)
    assert page.locator("[data-testid='stAlert']").count() >= 1  # the notice that invalid values were ignored


# Issue #23, item 4: every URL parameter the app reads (ui/state.py, ui/map_view.py, ui/presentation.py), each
# with a value that markdown would turn into a live link (GitHub's autolinks work through backslash escapes).
def _hostile_params() -> dict[str, str]:
    from ui.map_view import URL_KEYS as MAP_KEYS
    from ui.state import SELECTION_KEYS

    params = {key: f"www.evil-example.com/{key}-login" for key in ("lang", *SELECTION_KEYS, *MAP_KEYS, "present")}
    params["q"] = "https://evil-example.com/q-login?" + "x" * 200  # a search is only invalid when too long
    params["country"] = "gov-login@evil-example.com"  # an e-mail autolink
    return params


def _notice_check(page, expected_keys) -> None:
    alerts = page.locator("[data-testid='stAlert']")
    alerts.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    links = alerts.locator("a")
    assert links.count() == 0, links.evaluate_all("as => as.map(a => a.href)")  # no link in any notice
    notices = page.locator("[data-testid='stAlert']:has(code)")
    assert notices.count() == 1, [alerts.nth(i).inner_text() for i in range(alerts.count())]  # ONE notice
    notice = notices.first
    assert notice.locator("a").count() == 0, notice.inner_html()
    codes = notice.locator("code").all_inner_texts()
    for key in expected_keys:
        assert any(code.startswith(f"{key}=") for code in codes), (key, codes)
    assert all("evil-example.com" not in text for text in notice.locator("p").evaluate_all(
        "ps => ps.map(p => [...p.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(''))"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_crafted_link_gets_one_notice_with_no_link_for_any_parameter(hostile_server, offline_page, lang):
    from urllib.parse import urlencode

    params = _hostile_params()
    if lang == "en":
        params["lang"] = "en"
    page = offline_page.page
    page.goto(f"{hostile_server}/?{urlencode(params)}")
    offline_page.map_frame()
    expected = [key for key in params if not (key == "lang" and lang == "en")]
    _notice_check(page, expected)
    text = page.locator("[data-testid='stAlert']:has(code)").inner_text()
    assert ("invalid values" if lang == "en" else "無効な値") in text
    assert page.locator("a[href*='evil-example']").count() == 0
    no_script_ran(offline_page)
    assert offline_page.blocked == []


def test_a_hostile_project_link_gets_no_link_on_the_projects_page(hostile_server, offline_page):
    page = offline_page.page
    page.goto(f"{hostile_server}/projects?project=www.evil-example.com/gov-login&fy=gov@evil-example.com")
    page.wait_for_selector("[data-testid='stSidebar']", timeout=30_000)
    _notice_check(page, ["project", "fy"])
    assert page.locator("a[href*='evil-example']").count() == 0


# Issue #23, item 3: a data file saved with a value the loader cannot hold. Before: Streamlit's generic error box,
# with links to outside search and chat services, and no map.
@pytest.fixture(scope="module")
def editable_server(tmp_path_factory):
    if not chromium_available():
        pytest.skip("Chromium not installed")
    import shutil

    from tests.conftest import SHIPPED_DATA

    data_dir = tmp_path_factory.mktemp("editable") / "data"
    shutil.copytree(SHIPPED_DATA, data_dir, ignore=shutil.ignore_patterns("*.md"))
    with streamlit_server(env={"C2C_DATA_DIR": str(data_dir)}) as base:
        yield base, data_dir


def _links_out_of_the_app(page) -> list[str]:
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    return [href for href in hrefs if not href.startswith(("http://127.0.0.1", "http://localhost"))]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bad_data_shows_our_message_and_the_last_good_map_with_no_outside_link(editable_server, offline_page, lang):
    import os
    import time

    from c2c.text import i18n

    base, data_dir = editable_server
    page = offline_page.page
    page.goto(f"{base}/?fy=2022&lang={lang}")
    offline_page.map_frame()
    path = data_dir / "fiscal_years.csv"
    original = path.read_bytes()
    lines = original.decode("utf-8").splitlines(keepends=True)
    number = next(i for i, text in enumerate(lines) if text.startswith("2022,"))
    cells = lines[number].split(",")
    cells[1] = str(10**30)
    lines[number] = ",".join(cells)
    try:
        path.write_text("".join(lines), encoding="utf-8")
        later = time.time() + 5
        os.utime(path, (later, later))
        page.reload()
        alert = page.locator("[data-testid='stAlert']", has_text=f"fiscal_years.csv:{number + 1}: adopted_official")
        alert.wait_for(timeout=30_000)
        assert i18n.t("data_error", lang) in alert.inner_text()
        offline_page.map_frame()  # the last good data, drawn
        page.wait_for_timeout(1000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert _links_out_of_the_app(page) == []
        page.screenshot(path=f"/tmp/c2c_bad_data_{lang}.png")
    finally:
        path.write_bytes(original)
        os.utime(path, (time.time() + 10, time.time() + 10))
    assert offline_page.blocked == []
