"""The briefing pages in a real Chromium with the network unplugged: they load, show Japanese (or English), draw
their tables and charts from Streamlit's bundled assets, and ask for nothing outside the machine.

Screenshots of every page in both languages go to /tmp/c2c_shots/ (look at them after a layout change).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c.text import i18n
from tests.browser.conftest import OfflinePage
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/c2c_shots")
PAGES = {"projects": "page_projects", "countries": "page_countries", "sources": "page_sources"}
# A few texts each page must show, by i18n key (headings that only the page itself draws).
PAGE_TEXTS = {
    "projects": ["detail_pick", "undated_heading"],
    "countries": ["by_country_heading", "by_municipality_heading", "timeline_heading"],
    "sources": ["coverage_heading", "contradictions_heading", "evidence_heading", "all_sources_heading",
                "unlinked_heading", "raw_heading"],
}


@pytest.fixture(scope="module", autouse=True)
def dashboard_opened_once(app_server, browser):
    """Open the dashboard's home page once before the direct page loads.

    Streamlit only learns the app's st.navigation pages when app.py has run once. If the first request a fresh
    server ever gets is /projects, it runs pages/projects.py as a legacy pages/ script, which restarts the run
    through app.py (ui/shell.run_page_file; tests/browser/test_map_browser.py covers that deep link); these
    tests are about the pages themselves.
    """
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="ja-JP")
    page = OfflinePage(context.new_page()).page
    page.goto(app_server + "/")
    page.get_by_text(i18n.t("page_projects", "ja")).first.wait_for(timeout=30_000)
    context.close()


def wait_until_drawn(page, title: str, timeout: float = 30_000) -> None:
    """The page's heading is there, Streamlit has finished the run, and every visible table has drawn its grid."""
    page.get_by_role("heading", name=title).first.wait_for(timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
                           timeout=timeout)
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')]"
                           ".filter(d => d.checkVisibility())"  # not those inside a closed expander
                           ".every(d => d.querySelector('canvas'))", timeout=timeout)


def full_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content before the screenshot."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
                           ".getBoundingClientRect().bottom + 40")
    page.set_viewport_size({"width": 1500, "height": int(min(max(height, 1000), 6000))})
    page.wait_for_timeout(800)  # charts and grids re-layout to the new size
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1500, "height": 1000})


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_offline_in_both_languages(app_server, offline_page, name, lang):
    page = offline_page.page
    page.goto(f"{app_server}/{name}?lang={lang}")
    wait_until_drawn(page, i18n.t(PAGES[name], lang))
    for key in PAGE_TEXTS[name]:
        page.get_by_text(i18n.t(key, lang), exact=True).first.wait_for(timeout=10_000)
    if name == "countries":
        charts = page.locator("[data-testid='stVegaLiteChart']")
        assert charts.count() == 4  # by country, by municipality, timeline, domino
        for i in range(charts.count()):
            charts.nth(i).locator("canvas, svg").first.wait_for(timeout=20_000)
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 300 and box["height"] > 150
        # the page has no map, so no map disclaimer (issue #19)
        assert page.get_by_text(i18n.t("disclaimer", lang)).count() == 0
    assert page.locator("[data-testid='stSidebarNav']").count() == 0  # the app's own top navigation
    if lang == "ja":
        body = page.inner_text("[data-testid='stMain']")
        assert i18n.t(PAGES[name], "ja") in body and "年度" in body
    full_screenshot(page, SHOTS / f"{name}_{lang}.png")
    assert offline_page.blocked == []
    assert offline_page.dialogs == []


def test_project_deep_link_shows_the_detail_with_source_links(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/projects?project=fy2022-02")
    wait_until_drawn(page, i18n.t("page_projects", "ja"))
    detail = page.locator(".c2c-detail")
    detail.wait_for(timeout=20_000)
    text = detail.inner_text()
    assert "クアラルンプール市" in text and "公益財団法人地球環境戦略研究機関" in text
    link = detail.locator("a[href='https://tenbou.nies.go.jp/news/jnews/detail.php?i=33743']")
    assert link.count() == 1 and link.get_attribute("target") == "_blank"
    assert "project=fy2022-02" in page.url
    full_screenshot(page, SHOTS / "projects_detail_ja.png")
    assert offline_page.blocked == []


def test_project_deep_link_in_english_with_a_single_year(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/projects?project=fy2022-07&fy=2022&lang=en")
    wait_until_drawn(page, "Projects")
    page.locator(".c2c-detail").wait_for(timeout=20_000)
    assert "Nippon Koei" in page.locator(".c2c-detail").inner_text()
    page.get_by_text(i18n.t("projects_count", "en", n=22)).wait_for(timeout=10_000)
    full_screenshot(page, SHOTS / "projects_detail_en.png")
    assert offline_page.blocked == []


def test_raw_csv_download_is_the_file_as_stored(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/sources")
    wait_until_drawn(page, i18n.t("page_sources", "ja"))
    with page.expect_download(timeout=20_000) as download_info:
        page.get_by_role("button", name="projects.csv").click()
    download = download_info.value
    assert download.suggested_filename == "projects.csv"
    assert Path(download.path()).read_bytes() == (SHIPPED_DATA / "projects.csv").read_bytes()
    assert offline_page.blocked == []


def test_selecting_a_table_row_opens_its_detail_and_puts_it_in_the_url(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/projects?fy=2022")
    wait_until_drawn(page, i18n.t("page_projects", "ja"))
    assert page.locator(".c2c-detail").count() == 0
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 35 * 6 + 17)  # the selection box of the 7th row: fy2022-07
    page.locator(".c2c-detail").wait_for(timeout=20_000)
    assert "日本工営株式会社" in page.locator(".c2c-detail").inner_text()
    page.wait_for_function("() => location.search.includes('project=fy2022-07')", timeout=10_000)
    assert "fy=2022" in page.url
    assert offline_page.blocked == []
