"""Inside the map frame (issue #19): a fit and the start view show every dot of the selection on screen and clear of
every control; tooltips and popups stay inside the frame; a shared link with ``sel=`` reopens that item's popup.

Positions are the rendered ones (getBoundingClientRect in the frame, plus the frame's place on the page), at the
briefing sizes, in both languages. One browser page per size and language; the years are navigated within it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from c2c.core.dataset import load_dataset
from tests.browser.conftest import OfflinePage
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/c2c_shots")
IFRAME = "iframe[title='streamlit_folium.st_folium']"
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (390, 844)]
PHONE = (390, 844)
FYS = ["2022", "2015-2018", "all"]
FIT = {"ja": "選択範囲に合わせる", "en": "Fit to selection"}

# every dot shown, and every control's box (and the title card), in the frame's viewport
LAYOUT = """() => {
    const A = window.C2CAtlas, map = A.map, c = map.getContainer().getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.leaflet-control, .c2c-overlay')].map(el => {
        const r = el.getBoundingClientRect();
        return {name: el.className.split(' ')[0], x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
    }).filter(b => b.x1 > b.x0 && b.y1 > b.y0);
    const dots = [];
    A.current.nodes.eachLayer(m => {
        if (!(m.options.opacity > 0)) { return; }
        const p = map.latLngToContainerPoint(m.getLatLng());
        dots.push({id: m.feature.properties.id, x: c.left + p.x, y: c.top + p.y, r: m.getRadius()});
    });
    return {map: {x0: c.left, y0: c.top, x1: c.right, y1: c.bottom}, boxes, dots, zoom: map.getZoom()};
}"""


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATA)


def new_page(browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="ja-JP")
    return context, OfflinePage(context.new_page())


def load(offline: OfflinePage, base: str, query: str, ready: str = "window.C2CAtlas.fitted"):
    """The map frame of a fresh load, once the start view (or the presentation's fit) is set."""
    page = offline.page
    page.goto(f"{base}/{query}")
    page.wait_for_selector(IFRAME, timeout=30_000)
    frame = page.query_selector(IFRAME).content_frame()
    frame.wait_for_function("() => window.C2CAtlas && window.C2CAtlas.current", timeout=30_000)
    with contextlib.suppress(PlaywrightTimeout):  # a map that never fits (or never reopens): the assertions say why
        frame.wait_for_function(f"() => {ready}", timeout=10_000)
    return frame


def settle(page, frame, quiet_ms: int = 900, limit_ms: int = 9_000) -> None:
    """Until the view and the labels have stopped changing: what a person sees once the map is at rest (the labels,
    and with them the key of numbered places, come after the fit, and the fit looks again while controls settle)."""
    state = "() => { const A = window.C2CAtlas, c = A.map.getCenter(); return [A.labelRuns || 0, A.map.getZoom(), c.lat.toFixed(4), c.lng.toFixed(4)].join('/'); }"
    last, still, waited = frame.evaluate(state), 0, 0
    while still < quiet_ms and waited < limit_ms:
        page.wait_for_timeout(150)
        waited += 150
        now = frame.evaluate(state)
        still = still + 150 if now == last else 0
        last = now


def misplaced_dots(page, frame) -> list[str]:
    """Dots off the map, off the browser's window, or touching a control's box, once the map is at rest:
    "<id> <why>"."""
    settle(page, frame)
    layout = frame.evaluate(LAYOUT)
    offset = page.query_selector(IFRAME).bounding_box()
    view = page.viewport_size
    bad = []
    assert layout["dots"], "no dots drawn"
    for d in layout["dots"]:
        x0, x1, y0, y1 = d["x"] - d["r"], d["x"] + d["r"], d["y"] - d["r"], d["y"] + d["r"]
        m = layout["map"]
        if x0 < m["x0"] or y0 < m["y0"] or x1 > m["x1"] or y1 > m["y1"]:
            bad.append(f"{d['id']} off the map")
        elif y0 + offset["y"] < 0 or y1 + offset["y"] > view["height"] or x0 + offset["x"] < 0 or x1 + offset["x"] > view["width"]:
            bad.append(f"{d['id']} off the screen")
        for b in layout["boxes"]:
            if x1 > b["x0"] and x0 < b["x1"] and y1 > b["y0"] and y0 < b["y1"]:
                bad.append(f"{d['id']} under {b['name']}")
    return bad


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_fit_start_view_and_presentation_show_every_dot_clear_of_the_controls(browser, app_server, size, lang):
    context, offline = new_page(browser, size)
    page, problems = offline.page, []
    try:
        for fy in FYS:
            frame = load(offline, app_server, f"?fy={fy}&lang={lang}")
            problems += [f"start fy={fy}: {b}" for b in misplaced_dots(page, frame)]
            # somewhere else, then the fit button
            frame.evaluate("() => { window.__fit = window.C2CAtlas.fitted; window.C2CAtlas.map.setView([0, 0], 5); return 1; }")
            # the view reached the URL and came back to streamlit-folium (a fit pressed before that would race it)
            page.wait_for_function("() => location.search.includes('z=5')", timeout=15_000)
            frame.wait_for_function("() => window.__GLOBAL_DATA__.last_zoom === 5", timeout=15_000)
            page.get_by_role("button", name=FIT[lang]).click()
            frame.wait_for_function("() => window.C2CAtlas.fitted !== window.__fit", timeout=30_000)
            page.wait_for_function("() => !location.search.includes('z=5')", timeout=15_000)  # the fitted view is the URL's
            problems += [f"fit fy={fy}: {b}" for b in misplaced_dots(page, frame)]
            if fy == "2022":
                page.screenshot(path=str(SHOTS / f"fit_{size[0]}x{size[1]}_{lang}.png"))
                if size == (1280, 720):  # the reported case: Renca under the legend, without its label
                    frame.wait_for_selector(".c2c-label[data-c2c-place='cl-renca']", state="visible", timeout=10_000)
            frame = load(offline, app_server, f"?fy={fy}&lang={lang}&present=true")
            problems += [f"present fy={fy}: {b}" for b in misplaced_dots(page, frame)]
            if fy == "2022":
                page.screenshot(path=str(SHOTS / f"fit_present_{size[0]}x{size[1]}_{lang}.png"))
        assert problems == [], "\n".join(problems)
        assert offline.blocked == []
    finally:
        context.close()


def test_a_phone_zooms_out_far_enough_for_the_whole_network_and_its_title_card_is_compact(browser, app_server):
    context, offline = new_page(browser, PHONE)
    try:
        frame = load(offline, app_server, "?fy=all&lang=ja&present=true")
        assert frame.evaluate("() => window.C2CAtlas.map.getMinZoom()") <= 1
        assert misplaced_dots(offline.page, frame) == []
        card = frame.evaluate("() => { const r = document.querySelector('.c2c-overlay').getBoundingClientRect();"
                              " return {h: r.height, area: r.width * r.height / (innerWidth * innerHeight)}; }")
        assert card["h"] <= 90 and card["area"] <= 0.12, card  # it took a third of the map
        # the scale's end is a short tick under (km) or over (mi) the text, not a border through "km"
        scale = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-control-scale-line')].map(d => {
            const range = document.createRange(); range.selectNodeContents(d);
            const text = range.getBoundingClientRect(), box = d.getBoundingClientRect(), tick = getComputedStyle(d, '::after');
            return {border: getComputedStyle(d).borderRightWidth, tick: parseFloat(tick.height), textBottom: text.bottom,
                    textTop: text.top, boxTop: box.top, boxBottom: box.bottom, first: !d.previousElementSibling}; })""")
        assert len(scale) == 2, scale
        for line in scale:
            assert line["border"] == "0px" and line["tick"] <= 6, line
            # the tick (5 px from the bar's line, 2 px of it outside the box) stays clear of the text
            if line["first"]:
                assert line["boxBottom"] + 2 - line["tick"] >= line["textBottom"] - 1, line
            else:
                assert line["boxTop"] - 2 + line["tick"] <= line["textTop"] + 1, line
    finally:
        context.close()


def test_a_key_too_tall_for_a_phone_is_folded_to_its_title_and_opens_on_a_tap(browser, app_server):
    context, offline = new_page(browser, PHONE)
    try:
        # in English the key of all years' numbered places is too tall to share the frame with the network (open,
        # it hid seven Indonesian dots): the fit folds it to its title, and every dot is clear
        frame = load(offline, app_server, "?fy=all&lang=en&present=true")
        assert misplaced_dots(offline.page, frame) == []
        key = frame.locator(".c2c-label-key")
        toggle = key.locator("button.c2c-key-title")
        assert toggle.get_attribute("aria-expanded") == "false" and key.locator("ol").is_hidden()
        assert toggle.bounding_box()["height"] >= 24  # a pointer target
        # a tap opens it, without moving the map, and a later pass of the labels keeps the person's choice
        before = frame.evaluate("() => { const c = C2CAtlas.map.getCenter(); return [C2CAtlas.map.getZoom(), c.lat, c.lng]; }")
        toggle.click()
        frame.wait_for_function("() => document.querySelector('.c2c-label-key ol').hidden === false", timeout=5_000)
        assert toggle.get_attribute("aria-expanded") == "true"
        assert frame.evaluate("() => document.activeElement.classList.contains('c2c-key-title')")  # the same button
        assert key.locator("li").count() >= 1 and "Toyama City" in key.inner_text()
        offline.page.screenshot(path=str(SHOTS / "phone_key_opened.png"))
        settle(offline.page, frame)
        after = frame.evaluate("() => { const c = C2CAtlas.map.getCenter(); return [C2CAtlas.map.getZoom(), c.lat, c.lng]; }")
        assert after == pytest.approx(before, abs=1e-6)
        frame.evaluate("() => C2CAtlas.updateLabels()")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert offline.blocked == []
    finally:
        context.close()


# the container point of the middle of the Toyama–Renca line, and of a point among the lines leaving Kitakyushu
LINE_POINTS = """() => {
    const A = window.C2CAtlas, map = A.map, d = A.current.data;
    const layer = A.current.lineLayers.find(l => d.places[l.c2cLine.jp].id === 'jp-toyama' && d.places[l.c2cLine.partner].id === 'cl-renca');
    const ll = layer.getLatLngs(), mid = map.latLngToContainerPoint(ll[Math.floor(ll.length / 2)]);
    return {x: mid.x, y: mid.y};
}"""
TOOLTIP = """() => { const t = document.querySelector('.leaflet-tooltip.c2c-hover'); if (!t) { return null; }
    const r = t.getBoundingClientRect();
    return {text: t.textContent, items: t.children.length, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
            w: r.width, h: r.height, vw: innerWidth, vh: innerHeight}; }"""


def hover(page, frame, x: float, y: float):
    box = page.query_selector(IFRAME).bounding_box()
    page.mouse.move(box["x"] + x - 3, box["y"] + y - 3)
    page.mouse.move(box["x"] + x, box["y"] + y)
    frame.wait_for_function("() => { const t = document.querySelector('.leaflet-tooltip.c2c-hover'); return t && t.offsetWidth > 0; }",
                            timeout=5_000)
    page.wait_for_timeout(150)
    return frame.evaluate(TOOLTIP)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_pair_tooltip_is_one_or_two_lines_wide_and_a_long_list_stays_in_the_frame(browser, app_server, lang):
    context, offline = new_page(browser, (1280, 720))
    page = offline.page
    try:
        frame = load(offline, app_server, f"?fy=2022&lang={lang}")
        point = frame.evaluate(LINE_POINTS)
        tip = hover(page, frame, point["x"], point["y"])
        assert ("サンティアゴ市レンカ区" if lang == "ja" else "Renca") in tip["text"], tip
        assert 150 <= tip["w"] <= 330, tip  # not a 60-75 px column
        assert tip["h"] <= 50, tip  # one or two lines (12 px type, 1.4 line height, padding)
        assert tip["x0"] >= 0 and tip["x1"] <= tip["vw"] and tip["y0"] >= 0 and tip["y1"] <= tip["vh"], tip
        # the lines converging on Kitakyushu, moved to the frame's top edge: the list of pairs opens downwards
        start = frame.evaluate("""() => { const A = window.C2CAtlas, map = A.map; let p = null;
            A.current.nodes.eachLayer(m => { if (m.feature.properties.id === 'jp-kitakyushu') { p = m.getLatLng(); } });
            map.setView(p, 4, {animate: false});
            const c = map.latLngToContainerPoint(p);
            map.panBy([c.x - map.getSize().x / 2, c.y - 30], {animate: false});
            return map.latLngToContainerPoint(p); }""")
        page.wait_for_timeout(300)
        assert start["y"] < 40, start
        tips = [hover(page, frame, start["x"] + dx, start["y"] + dy) for dx, dy in ((-8, 5), (-12, 8), (-6, 9), (-16, 11))]
        tip = max(tips, key=lambda t: t["items"])
        assert tip["items"] >= 3, tips
        assert tip["y0"] >= 0 and tip["y1"] <= tip["vh"] and tip["x0"] >= 0 and tip["x1"] <= tip["vw"], tip
        page.screenshot(path=str(SHOTS / f"fit_tooltip_{lang}.png"))
    finally:
        context.close()


POPUP = """() => { const p = document.querySelector('.leaflet-popup'); if (!p) { return null; }
    const r = p.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
    return {text: p.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, vw: innerWidth, vh: innerHeight}; }"""


def settled_popup(page, frame):
    """The popup once the map is at rest: after its pan into view and the snap back inside the world's bounds."""
    frame.wait_for_selector(".leaflet-popup", timeout=10_000)
    last, popup = None, None
    for _ in range(40):
        page.wait_for_timeout(200)
        popup = frame.evaluate(POPUP)
        if popup == last:
            break
        last = popup
    return popup


def inside(p) -> bool:
    return p["x0"] >= 0 and p["x1"] <= p["vw"] and p["y0"] >= 0 and p["y1"] <= p["vh"]


@pytest.mark.parametrize("present", [False, True], ids=["normal", "present"])
def test_popups_stay_inside_the_phone_frame(browser, app_server, present):
    context, offline = new_page(browser, PHONE)
    page = offline.page
    try:
        frame = load(offline, app_server, "?fy=2022&lang=ja" + ("&present=true" if present else ""))
        # the northernmost place (Ulaanbaatar, near the frame's top) and the longest pair
        for kind, code in (("place", "mn-ulaanbaatar"), ("pair", ("jp-toyama", "cl-renca"))):
            frame.evaluate("""([kind, code]) => { const A = window.C2CAtlas, d = A.current.data;
                if (kind === 'place') { A.current.nodes.eachLayer(m => { if (m.feature.properties.id === code) { A.openPlacePopup(m); } }); }
                else { const l = A.current.lineLayers.find(l => d.places[l.c2cLine.jp].id === code[0] && d.places[l.c2cLine.partner].id === code[1]);
                       const ll = l.getLatLngs(); A.openPairPopup([l], ll[Math.floor(ll.length / 2)]); }
                return 1; }""", [kind, code])
            popup = settled_popup(page, frame)
            assert inside(popup), (kind, popup)
        page.screenshot(path=str(SHOTS / f"fit_phone_popup_{'present' if present else 'normal'}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1280, 720), PHONE], ids=["1280x720", "phone"])
def test_a_shared_link_with_sel_reopens_the_popup(browser, app_server, size):
    context, offline = new_page(browser, size)
    page = offline.page
    try:
        frame = load(offline, app_server, "?fy=2022&lang=ja&sel=pair:jp-toyama~cl-renca")
        popup = settled_popup(page, frame)
        assert "富山市" in popup["text"] and "サンティアゴ市レンカ区" in popup["text"], popup
        assert inside(popup), popup
        page.screenshot(path=str(SHOTS / f"fit_sel_pair_{size[0]}.png"))
        # a place, with the link's own view: the popup opens there too
        frame = load(offline, app_server, "?fy=2022&lang=en&z=4&c=30.000,130.000&sel=place:jp-kitakyushu",
                     ready="document.querySelector('.leaflet-popup')")
        popup = settled_popup(page, frame)
        assert "Kitakyushu" in popup["text"], popup
        assert frame.evaluate("() => window.C2CAtlas.map.getZoom()") == 4
    finally:
        context.close()


def test_a_click_keeps_its_popup_and_the_frame_when_sel_changes(browser, app_server):
    context, offline = new_page(browser, (1280, 720))
    page = offline.page
    try:
        frame = load(offline, app_server, "?fy=2022&lang=ja")
        frame.evaluate("() => { window.__marker = 'kept'; return 1; }")
        dot = frame.evaluate("""() => { const A = window.C2CAtlas; let p = null;
            A.current.nodes.eachLayer(m => { if (m.feature.properties.id === 'mn-ulaanbaatar') { p = A.map.latLngToContainerPoint(m.getLatLng()); } });
            return {x: p.x, y: p.y}; }""")
        box = page.query_selector(IFRAME).bounding_box()
        page.mouse.click(box["x"] + dot["x"], box["y"] + dot["y"])
        page.wait_for_function("() => location.search.includes('sel=place')", timeout=15_000)
        page.wait_for_timeout(1500)  # the rerun's feature group (with the selection) is drawn
        assert frame.evaluate("() => window.__marker") == "kept"  # no remount
        popup = frame.evaluate(POPUP)
        assert popup and "ウランバートル" in popup["text"], popup
    finally:
        context.close()
