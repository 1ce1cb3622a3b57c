"""In Chromium: the FY2022 Osaka–Bangkok line, which rests only on the brochure header's parenthetical, says so when
hovered and in its popup, in both languages; the Data & sources page shows the data's date and every official
count's source. Screenshots go to /work/shots/data/ (or /tmp/c2c_shots when that is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c.text import i18n
from tests.browser.test_map_screens import _hover_text, _line_points, map_box, open_map

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/data") if Path("/work/shots/data").is_dir() else Path("/tmp/c2c_shots")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_bangkok_line_says_it_rests_on_the_header(browser, app_server, lang):
    context, _offline, page, frame = open_map(browser, app_server, f"?fy=2022&lang={lang}", (1280, 720))
    try:
        # the whole frame in the window first: a click focuses the map, and the browser would scroll its hidden
        # last pixels into view between the hover and the click, moving the line from under the pointer
        page.locator("iframe[title*='st_folium']").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = map_box(page)
        points = [p for p in _line_points(frame, "jp-osaka", "th-bangkok")
                  if 40 < p[0] < box["width"] - 40 and 40 < p[1] < box["height"] - 40]
        label = i18n.t("line_basis_header_parenthetical", lang)
        bangkok = "バンコク都" if lang == "ja" else "Bangkok Metropolitan Administration"
        texts = [_hover_text(page, frame, box, *p) for p in points[len(points) // 3::max(1, len(points) // 6)]]
        hit = next((t for t in texts if bangkok in t), "")
        assert label in hit, texts
        # the Eastern Thailand line of the same project has no such note
        eastern = "タイ東部地域" if lang == "ja" else "Eastern Thailand"
        assert all(label not in line for t in texts for line in t.splitlines() if eastern in line and bangkok not in line)
        SHOTS.mkdir(parents=True, exist_ok=True)
        point = points[len(points) // 2]  # out over the sea, away from the labels
        assert label in _hover_text(page, frame, box, *point)
        page.screenshot(path=str(SHOTS / f"map_fy2022_bangkok_hover_{lang}.png"))
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])
        frame.wait_for_selector(".c2c-basis", state="attached", timeout=10_000)
        popup = frame.evaluate("() => document.querySelector('.c2c-basis').innerText")
        assert "EEC" in popup
        page.screenshot(path=str(SHOTS / f"map_fy2022_bangkok_popup_{lang}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_data_and_sources_shows_the_date_and_the_official_sources(browser, app_server, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{app_server}/sources?lang={lang}")
        page.wait_for_selector("h4", timeout=30_000)
        as_of = (Path(__file__).resolve().parents[2] / "data" / "version.csv").read_text(encoding="utf-8").split()[1]
        page.get_by_text(i18n.t("version_as_of", lang, date=as_of)).first.wait_for(timeout=30_000)
        coverage = page.locator("[data-testid=stDataFrame]").first  # a canvas grid: read its accessible cells
        coverage.scroll_into_view_if_needed()
        coverage.locator("[role=columnheader]", has_text=i18n.t("col_official_source", lang)).wait_for(
            state="attached", timeout=15_000)
        cells = coverage.locator("[role=gridcell]").all_inner_texts()
        assert "eic.or.jp" in " ".join(cells)  # the FY2017 count's source, linked
        page.get_by_text(i18n.t("version_heading", lang)).scroll_into_view_if_needed()
        assert page.locator(".c2c-list b", has_text=as_of).count() == 1
    finally:
        context.close()
