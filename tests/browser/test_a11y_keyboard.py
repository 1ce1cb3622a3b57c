"""The map with the keyboard only, in Chromium: Tab and Enter from the page's top reach a pair and list its
project; arrows pan and +/- zoom the map, with a visible ring; fullscreen and fit by keyboard; focus is never
lost or trapped (not in the frame, not when the list re-renders)."""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c.core.dataset import load_dataset
from c2c.text import i18n
from tests.browser.a11y_support import MAP_IFRAME, focused, map_frame_wait_settled
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/a11y")
RENCA = "pair:jp-toyama|cl-renca"
MAX_TABS = 160


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def _open(offline_page, url: str):
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url)
    frame = offline_page.map_frame()
    map_frame_wait_settled(frame)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    return page, frame


def _tab_until(page, wanted, limit: int = MAX_TABS, shift: bool = False) -> tuple[dict, list[dict]]:
    trail = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        now = focused(page)
        trail.append(now)
        if wanted(now):
            return now, trail
    raise AssertionError(f"not reached in {limit} presses of Tab; focus went: {[(f['where'], f['tag'], f['text'][:30]) for f in trail]}")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_tab_and_enter_alone_reach_toyama_renca_and_list_its_project(app_server, offline_page, dataset, lang):
    page, frame = _open(offline_page, f"{app_server}/?fy=2022&lang={lang}")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # the page's top

    def step(now: dict) -> bool:
        if now["where"] == "frame" and "c2c-twin-toggle" in now["cls"] and now["expanded"] == "false":
            page.keyboard.press("Enter")  # opens the list; the next Tab goes into it
        return now["key"] == RENCA

    reached, trail = _tab_until(page, step)
    assert all(f["tag"] not in (None, "BODY") for f in trail), "focus was lost on the way"
    # focusing the item highlighted its line on the map
    assert frame.evaluate("() => C2CAtlas.a11y.state.highlighted") == RENCA
    assert frame.locator(".leaflet-c2cFocus-pane path.c2c-focus-line").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url("**sel=pair%3Ajp-toyama~cl-renca**", timeout=20_000)
    panel = page.locator(".st-key-map_panel")
    panel.wait_for(timeout=20_000)
    rows = dataset.links[(dataset.links["jp_id"] == "jp-toyama") & (dataset.links["partner_id"] == "cl-renca")
                         & (dataset.links["fiscal_year"] == 2022)]
    titles = dataset.projects.loc[rows["project_id"].unique(), f"title_{lang}"]
    assert len(titles) >= 1
    page.wait_for_function("t => document.querySelector('.st-key-map_panel').innerText.includes(t)",
                           arg=titles.iloc[0], timeout=20_000)
    assert focused(page)["key"] == RENCA  # the rerun kept the focus where it was
    assert frame.locator(f"[data-c2c-key='{RENCA}']").get_attribute("aria-current") == "true"
    page.screenshot(path=str(SHOTS / f"keyboard_renca_selected_{lang}.png"))
    assert offline_page.blocked == []


def _container_focus_ring(frame) -> dict:
    return frame.evaluate("""() => { const c = window.map.getContainer(), s = getComputedStyle(c, '::after');
        return {focused: document.activeElement === c, visible: c.matches(':focus-visible'), width: s.borderTopWidth,
                color: s.borderTopColor, content: s.content}; }""")


def test_the_map_pans_and_zooms_by_keyboard_with_a_visible_ring(app_server, offline_page):
    page, frame = _open(offline_page, f"{app_server}/?fy=2022&lang=en")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    _tab_until(page, lambda f: f["where"] == "frame" and "leaflet-container" in f["cls"])
    ring = _container_focus_ring(frame)
    assert ring["focused"] and ring["visible"] and ring["width"] == "4px" and ring["color"] == "rgb(11, 58, 83)", ring
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(MAP_IFRAME).screenshot(path=str(SHOTS / "focus_ring_map.png"))

    def view():
        return frame.evaluate("() => { const c = window.map.getCenter(); return [window.map.getZoom(), c.lat, c.lng]; }")

    def settle():
        # the pan is over, and its view has gone round through Streamlit (reported ~1.2 s after the map comes to
        # rest, and the rerun sets that centre again): a key pressed before the round trip ends can be undone by
        # it, a known snap-back under load (closing note of 2026-12-03), which is not what this test is about
        frame.wait_for_function("() => !window.map._panAnim || !window.map._panAnim._inProgress", timeout=5_000)
        lat, lng = view()[1:]
        page.wait_for_function("""([lat, lng]) => { const c = new URLSearchParams(location.search).get('c');
            if (!c) { return false; } const [a, b] = c.split(',').map(Number);
            return Math.abs(a - lat) < 0.01 && Math.abs(b - lng) < 0.01; }""", arg=[lat, lng], timeout=15_000)

    # the start view is fitted, and fitted again while the controls settle: wait until it is at rest
    frame.wait_for_function("() => window.C2CAtlas && window.C2CAtlas.fitted", timeout=15_000)
    page.wait_for_timeout(1500)
    z0, lat0, lng0 = view()
    page.keyboard.press("ArrowRight")
    settle()
    z1, lat1, lng1 = view()
    assert lng1 > lng0 + 1 and z1 == z0
    page.keyboard.press("ArrowDown")
    settle()
    assert view()[1] < lat1 - 1
    page.keyboard.press("+")
    frame.wait_for_function(f"() => window.map.getZoom() === {z0 + 1} && !window.map._animatingZoom", timeout=5_000)
    page.keyboard.press("-")  # (Leaflet ignores a zoom key while it is still animating the last one)
    frame.wait_for_function(f"() => window.map.getZoom() === {z0} && !window.map._animatingZoom", timeout=5_000)
    assert _container_focus_ring(frame)["focused"]  # the keys never moved the focus

    # the zoom buttons, fullscreen and fit: Tab to each, Enter (or Space) presses it
    _tab_until(page, lambda f: f["where"] == "frame" and "leaflet-control-zoom-in" in f["cls"], limit=3)
    page.keyboard.press("Enter")
    # (Leaflet sets the zoom as the animation starts, and drops a setView made before it ends)
    frame.wait_for_function(f"() => window.map.getZoom() === {z0 + 1} && !window.map._animatingZoom", timeout=5_000)
    _tab_until(page, lambda f: f["where"] == "frame" and "fullscreen" in f["cls"], limit=3)
    page.keyboard.press("Space")
    frame.wait_for_function("() => window.map._isFullscreen === true", timeout=5_000)
    page.screenshot(path=str(SHOTS / "keyboard_fullscreen.png"))
    page.keyboard.press("Enter")
    frame.wait_for_function("() => window.map._isFullscreen === false", timeout=5_000)
    frame.evaluate("() => { window.map.setView([40, 160], 6, {animate: false}); }")  # somewhere that hides most places
    _tab_until(page, lambda f: f["where"] == "frame" and "c2c-twin-fit" in f["cls"], limit=4)
    page.keyboard.press("Enter")
    all_in_view = """() => { const b = window.map.getBounds().pad(0.01);
        return C2CAtlas.current.nodes.getLayers().every(m => !(m.options.opacity > 0) || b.contains(m.getLatLng())); }"""
    frame.wait_for_function(all_in_view, timeout=5_000)
    # (the drawn dots: a one-year view carries every year's places for its year control, and draws that year's)
    fitted = view()
    # fit pressed while a zoom still animates: it follows the zoom instead of being dropped by Leaflet
    frame.evaluate("""() => new Promise(done => { window.map.once('zoomanim', () => {
        document.querySelector('.c2c-twin-fit').click(); done(); }); window.map.zoomIn(); })""")
    frame.wait_for_function("() => !window.map._animatingZoom", timeout=5_000)
    frame.wait_for_function(all_in_view, timeout=5_000)
    assert view()[0] == fitted[0]
    # and the view it reported is not sent back by Streamlit's rerun of the zoom's view (c2c-view.js)
    settle()
    page.wait_for_timeout(1500)
    assert view() == pytest.approx(fitted, abs=0.01)
    assert offline_page.blocked == []


def test_focus_is_never_lost_or_trapped(app_server, offline_page):
    page, frame = _open(offline_page, f"{app_server}/?fy=2022&lang=en&tl=1")
    frame.wait_for_function("() => !!window.C2CAtlas.current.timeline", timeout=30_000)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    # forwards through the whole page: into the frame and out of it to the buttons under the map
    png_button = i18n.t("download_png", "en")
    _, trail = _tab_until(page, lambda f: f["where"] == "page" and png_button in f["text"])
    assert all(f["tag"] not in (None, "BODY") and f["visible"] for f in trail), trail
    in_frame = [f for f in trail if f["where"] == "frame"]
    assert any("leaflet-container" in f["cls"] for f in in_frame) and any("c2c-tl-btn" in f["cls"] for f in in_frame)
    # and backwards out of the frame's first stop, the map, to the page's map options
    _tab_until(page, lambda f: f["where"] == "frame" and "leaflet-container" in f["cls"], shift=True)
    back, _ = _tab_until(page, lambda f: f["where"] == "page", limit=2, shift=True)
    assert back["tag"] in ("BUTTON", "INPUT")

    # the list: through every item and out at the other end; Escape goes back to its button
    _tab_until(page, lambda f: f["where"] == "frame" and "c2c-twin-toggle" in f["cls"])
    page.keyboard.press("Enter")
    n_items = frame.locator("[data-c2c-key]").count()
    assert n_items > 10
    _, trail = _tab_until(page, lambda f: f["where"] == "frame" and "c2c-tl-btn" in f["cls"], limit=n_items + 4)
    assert sum(1 for f in trail if f["key"]) == n_items
    item = frame.locator("[data-c2c-key]").nth(3)
    key = item.get_attribute("data-c2c-key")
    item.focus()
    page.keyboard.press("ArrowDown")
    assert focused(page)["key"] == frame.locator("[data-c2c-key]").nth(4).get_attribute("data-c2c-key")
    page.keyboard.press("ArrowUp")
    assert focused(page)["key"] == key
    # a timeline step redraws the list under the focused item: the focus stays on the same item
    frame.evaluate("() => C2CAtlas.current.timeline.go(C2CAtlas.current.timeline.years.slice(-1)[0])")
    assert focused(page)["key"] == key
    years = frame.evaluate("() => C2CAtlas.current.timeline.years")
    frame.evaluate(f"() => C2CAtlas.current.timeline.go({years[0]})")  # the item may not exist in the first year
    now = focused(page)
    assert now["where"] == "frame" and (now["key"] == key or "c2c-twin-toggle" in now["cls"]), now
    page.keyboard.press("Escape")
    now = focused(page)
    assert "c2c-twin-toggle" in now["cls"] and now["expanded"] == "false", now
    assert offline_page.blocked == []
