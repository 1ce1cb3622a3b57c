"""What a screen reader hears from the map, in Chromium: the polite live region says the new headline after a
filter change and after a timeline step (not on load, not while the timeline plays), and the accessibility tree
holds the map's name, its list and the same items as the map."""

from __future__ import annotations

import re

import pytest

from c2c.core.dataset import load_dataset
from tests.browser.a11y_support import MAP_IFRAME, map_frame_wait_settled, open_map_with_timeline
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser

LIVE = "[role=status][aria-live=polite]"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def _year_numbers(dataset, year: int) -> tuple[int, int]:
    rows = dataset.links[dataset.links["fiscal_year"] == year]
    return rows["project_id"].nunique(), rows["country_code"].nunique()


def _expected(lang: str, year: int, projects: int, countries: int) -> str:
    if lang == "ja":
        return f"{year}年度：事業{projects}件、{countries}か国"
    return (f"FY{year}: {projects} project{'s' if projects != 1 else ''}, "
            f"{countries} countr{'ies' if countries != 1 else 'y'}")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_live_region_says_the_new_headline_after_a_filter_change(app_server, offline_page, dataset, lang):
    page = offline_page.page
    page.goto(f"{app_server}/?fy=2022&lang={lang}")
    frame = offline_page.map_frame()
    map_frame_wait_settled(frame)
    live = frame.locator(LIVE)
    assert live.count() == 1 and live.inner_text() == ""  # nothing is announced on load
    frame.evaluate(f"() => {{ document.querySelector('{LIVE}').__kept = true; }}")
    option = "2019年度" if lang == "ja" else "FY2019"
    page.locator("[data-testid='stSidebar'] .st-key-fy_single [data-testid='stSelectbox']").click()
    page.get_by_role("option", name=option, exact=True).click()
    expected = _expected(lang, 2019, *_year_numbers(dataset, 2019))
    frame.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                            arg=[LIVE, expected], timeout=30_000)
    # the same element as before the change (a live region must exist before it speaks), and the map's
    # description has the new numbers too
    assert frame.evaluate(f"() => document.querySelector('{LIVE}').__kept") is True
    assert frame.locator("#c2c-map-description").text_content().startswith(expected)
    assert offline_page.blocked == []


def test_a_timeline_step_is_announced_but_not_every_frame_of_play(app_server, offline_page, dataset):
    page = offline_page.page
    frame = open_map_with_timeline(app_server, offline_page, "lang=en&tl=1")
    last = frame.evaluate("() => C2CAtlas.current.timeline.year")
    frame.locator(".c2c-twin-toggle").press("Enter")  # the list open
    frame.locator(".c2c-tl-btn").nth(1).press("Enter")  # previous year, by keyboard
    previous = frame.evaluate("() => C2CAtlas.current.timeline.year")
    assert previous < last
    expected = _expected("en", previous, *_year_numbers(dataset, previous))
    assert frame.locator(LIVE).text_content() == expected
    assert frame.locator(".c2c-tl-slider").get_attribute("aria-valuetext") == f"FY{previous}"
    # the list follows the year on screen: the pairs that year shows, marked "in the year shown"
    dated = dataset.links[dataset.links["fiscal_year"].notna()]
    first = dated.groupby(["jp_id", "partner_id"])["fiscal_year"].min()
    this_year = dated[dated["fiscal_year"] == previous][["jp_id", "partner_id"]].drop_duplicates()
    assert frame.locator(".c2c-twin-pair").count() == int((first <= previous).sum())
    assert frame.locator(".c2c-twin-pair", has_text="in the year shown").count() == len(this_year)
    # playing from the last year starts over: the first year is announced, the frames after it are not (the
    # badge shows them)
    frame.locator(".c2c-tl-btn").nth(3).press("Enter")  # next year: the last one again
    play = frame.locator(".c2c-tl-btn").nth(2)
    assert play.get_attribute("aria-pressed") == "false"
    play.press("Enter")
    assert play.get_attribute("aria-pressed") == "true"
    first_year = frame.evaluate("() => C2CAtlas.current.timeline.years[0]")
    spoken = frame.locator(LIVE).text_content()
    assert spoken.startswith(f"FY{first_year}:")
    frame.wait_for_function(f"() => C2CAtlas.current.timeline.year > {first_year + 1}", timeout=10_000)
    assert frame.locator(LIVE).text_content() == spoken
    play.press("Enter")  # the visible pause
    assert play.get_attribute("aria-pressed") == "false"
    year = frame.evaluate("() => C2CAtlas.current.timeline.year")
    page.wait_for_timeout(1500)
    assert frame.evaluate("() => C2CAtlas.current.timeline.year") == year  # it stays paused


def test_the_timeline_does_not_start_by_itself(app_server, offline_page):
    page = offline_page.page
    page.goto(f"{app_server}/?lang=en&tl=1")
    frame = offline_page.map_frame()
    frame.wait_for_function("() => !!window.C2CAtlas.current.timeline", timeout=30_000)
    year = frame.evaluate("() => C2CAtlas.current.timeline.year")
    page.wait_for_timeout(3000)
    assert frame.evaluate("() => C2CAtlas.current.timeline.year") == year


def test_what_a_screen_reader_reads_for_the_map(app_server, offline_page, dataset):
    page = offline_page.page
    page.goto(f"{app_server}/?fy=2022&lang=en")
    frame = offline_page.map_frame()
    map_frame_wait_settled(frame)
    frame.locator(".c2c-twin-toggle").press("Enter")
    tree = page.locator(MAP_IFRAME).content_frame.locator("body").aria_snapshot()
    assert '- region "Network map of city-to-city pairs"' in tree
    assert '- button "Zoom in"' in tree and '- button "Fullscreen"' in tree and '- button "Fit to selection"' in tree
    assert '[expanded]' in tree.split("List", 1)[1].split("\n", 1)[0]
    # one button per pair drawn, named as the list shows it; the drawing itself (canvas, place names) is hidden
    pairs = dataset.links[dataset.links["fiscal_year"] == 2022][["jp_id", "partner_id"]].drop_duplicates()
    # a line that rests on a title word carries its mark between the years and the count ("FY2022 · ※ title · 1 project")
    pair_buttons = re.findall(r"FY2022(?: \u00b7 \u203b [^\u00b7\n]+)? \u00b7 \d+ projects?", tree)
    assert len(pair_buttons) == len(pairs)
    assert "Municipality of Renca (Santiago) (Chile) \u00b7 FY2022" in tree
    assert "- img" not in tree and "Ulaanbaatar City Malé" not in tree
    # Chromium's own tree: the iframe is named after the map, the region described by the headline numbers
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    iframe = [n for n in nodes if n.get("role", {}).get("value") == "Iframe"]
    assert iframe and iframe[0]["name"]["value"] == "Network map of city-to-city pairs"
    frames = cdp.send("Page.getFrameTree")["frameTree"]["childFrames"]
    frame_id = next(f["frame"]["id"] for f in frames if "streamlit_folium" in f["frame"].get("url", ""))
    inner = cdp.send("Accessibility.getFullAXTree", {"frameId": frame_id})["nodes"]
    regions = [n for n in inner if n.get("name", {}).get("value") == "Network map of city-to-city pairs"]
    description = regions[0].get("description", {}).get("value", "")
    assert description.startswith("FY2022: 22 projects, 9 countries.")  # FY2022 is complete (the brochure)
    assert "arrow keys" in description
