"""The map's own year control (one-year view): the year's lines are drawn in the browser before any server round
trip, and the page (URL, sidebar, headline) follows the year, with the same iframe."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from tests.browser.conftest import drawn_counts
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser



def pairs_in(year: int) -> int:
    links = load_dataset(SHIPPED_DATA).links
    return len(links.loc[links["fiscal_year"] == year, ["jp_id", "partner_id"]].drop_duplicates())


DATED_IN_FRAME = "() => window.feature_group[window.feature_group.length - 1].c2c.dated.getLayers().length"


def test_year_control_draws_in_the_browser_and_the_page_follows(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022&lang=en")
    frame = offline_page.map_frame()
    assert drawn_counts(frame)["dated"] == pairs_in(2022)
    frame.evaluate("() => { window.__marker = 'kept'; }")
    select = frame.locator(".c2c-yearpick select")
    assert select.input_value() == "2022"
    # the year's lines are there in the same task as the choice: no message to the server and back in between
    drawn = frame.evaluate("""() => { const s = document.querySelector('.c2c-yearpick select'); s.value = '2019';
        s.dispatchEvent(new Event('change', {bubbles: true}));
        return window.feature_group[window.feature_group.length - 1].c2c.dated.getLayers().length; }""")
    assert drawn == pairs_in(2019)
    page.wait_for_function("() => location.search.includes('fy=2019')", timeout=30_000)
    page.locator("[data-testid='stSidebar'] .st-key-fy_single input[value='FY2019']").wait_for(timeout=30_000)
    page.get_by_text(f"{pairs_in(2019)} City pairs").first.wait_for(timeout=30_000)
    assert f"{pairs_in(2022)} City pairs" not in page.locator("[data-testid='stMain']").inner_text()  # the headline followed
    assert frame.evaluate("() => window.__marker") == "kept"  # same iframe document: no remount
    assert frame.evaluate(DATED_IN_FRAME) == pairs_in(2019)  # the rerun's payload draws the same year
    # the arrows step one year: FY2019 -> FY2020, drawn at once; the sidebar follows again
    frame.get_by_role("button", name="Next year").click()
    page.wait_for_function("() => location.search.includes('fy=2020')", timeout=30_000)
    assert select.input_value() == "2020"
    assert frame.evaluate(DATED_IN_FRAME) == pairs_in(2020)
    assert frame.evaluate("() => window.__marker") == "kept"
    assert offline_page.blocked == []


def test_a_sidebar_year_change_moves_the_maps_year_control(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022")
    frame = offline_page.map_frame()
    frame.evaluate("() => { window.__marker = 'kept'; }")
    page.locator("[data-testid='stSidebar'] .st-key-fy_single [data-testid='stSelectbox']").click()
    page.get_by_role("option", name="2019年度", exact=True).click()
    frame.wait_for_function(f"() => ({DATED_IN_FRAME})() === {pairs_in(2019)}", timeout=30_000)
    assert frame.locator(".c2c-yearpick select").input_value() == "2019"
    assert frame.evaluate("() => window.__marker") == "kept"
