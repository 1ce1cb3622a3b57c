"""The place-label rule a reader relies on, on the live map and in the HTML export (issue #19, point 1).

A visible label is never nearer another place's dot than its own: from every dot centre on screen (as rendered:
``map.latLngToContainerPoint`` of the drawn nodes) to the label's rendered box (``getBoundingClientRect``), its own
dot is strictly the nearest, by a pixel to spare. And every Japanese municipality of the selection whose dot is on
screen (and not under a map control) has either a label or a numbered badge on its dot whose number the key lists
with its name. Checked at the briefing sizes in both languages: at the start view, after the fit button, in
presentation mode and at every year of the timeline. One page per size and language, navigated within.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from c2c import export as exports
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year
from c2c.text import i18n
from tests.browser.conftest import OfflinePage
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser

IFRAME = "iframe[title='streamlit_folium.st_folium']"
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (390, 844)]
QUERIES = ["fy=2022", "fy=2015-2018", "fy=all"]
MARGIN_PX = 1.0  # the placer keeps 3 px; a pixel survives rounding of the rendered boxes
SHOTS = Path("/work/shots/labels") if Path("/work/shots").is_dir() else Path("/tmp/c2c_shots")

# Everything is read from what is on screen; the placer's own numbers are not used.
CHECK = """(where) => {
    const A = window.C2CAtlas, map = A.map, cur = A.current;
    const frame = map.getContainer().getBoundingClientRect(), W = frame.width, H = frame.height;
    const rel = r => ({x0: r.left - frame.left, y0: r.top - frame.top, x1: r.right - frame.left, y1: r.bottom - frame.top});
    const shown = el => el.style.display !== "none" && el.getClientRects().length > 0;
    const dist = (x, y, b) => Math.hypot(x - Math.max(b.x0, Math.min(x, b.x1)), y - Math.max(b.y0, Math.min(y, b.y1)));
    const covers = [...map.getContainer().querySelectorAll(".leaflet-control, .c2c-overlay")]
        .filter(shown).map(el => rel(el.getBoundingClientRect())).filter(b => b.x1 > b.x0 && b.y1 > b.y0);
    const dots = [];
    cur.nodes.eachLayer(m => {
        if (!(m.options.opacity > 0)) { return; }
        const p = map.latLngToContainerPoint(m.getLatLng()), pl = cur.data.places[m.feature.properties.index];
        if (p.x < 0 || p.y < 0 || p.x > W || p.y > H) { return; }
        const covered = covers.some(b => p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1);
        dots.push({id: pl.id, name: pl.name, jp: pl.side === "japan", x: p.x, y: p.y, r: m.getRadius(), covered});
    });
    const bad = [], labelled = new Set(), badged = new Set();
    const labels = [...document.querySelectorAll(".c2c-label")].filter(shown);
    labels.forEach(el => {
        const b = rel(el.getBoundingClientRect()), id = el.getAttribute("data-c2c-place");
        const own = dots.find(d => d.id === id);
        if (!own) { bad.push(where + ": label " + el.textContent + " has no dot on screen"); return; }
        labelled.add(id);
        const d0 = dist(own.x, own.y, b);
        dots.forEach(d => {
            if (d.id === id) { return; }
            const d1 = dist(d.x, d.y, b);
            if (d1 < d0 + MARGIN_PX) {
                bad.push(where + ": label " + el.textContent + " is " + d1.toFixed(1) + " px from the dot of " + d.name +
                         " and " + d0.toFixed(1) + " px from its own");
            }
        });
    });
    const key = document.querySelector(".c2c-label-key");
    const badges = [...document.querySelectorAll(".c2c-badge")].filter(shown);
    badges.forEach(el => {
        const r = el.getBoundingClientRect(), cx = (r.left + r.right) / 2 - frame.left, cy = (r.top + r.bottom) / 2 - frame.top;
        const n = el.getAttribute("data-c2c-badge"), row = key && shown(key) && key.querySelector('li[data-c2c-badge="' + n + '"]');
        if (!row) { bad.push(where + ": badge " + n + " is not in a visible key"); return; }
        if (el.textContent.trim() !== n) { bad.push(where + ": badge " + n + " shows " + el.textContent); }
        el.getAttribute("data-c2c-place").split(" ").forEach(id => {
            const d = dots.find(x => x.id === id);
            if (!d) { bad.push(where + ": badge " + n + " names a place without a dot on screen: " + id); return; }
            // on its dot, or on a dot whose badge would have covered this one (the key lists both under one number)
            if (Math.hypot(d.x - cx, d.y - cy) > 2 * r.width / 2 + 1) { bad.push(where + ": badge " + n + " is off the dot of " + d.name); }
            if (!row.textContent.includes(d.name)) { bad.push(where + ": key row " + n + " lacks " + d.name); }
            if (labelled.has(id)) { bad.push(where + ": " + d.name + " has a label and a badge"); }
            badged.add(id);
        });
    });
    dots.forEach(d => {
        if (d.jp && !d.covered && !labelled.has(d.id) && !badged.has(d.id)) {
            bad.push(where + ": " + d.name + " (on screen) has neither a label nor a badge");
        }
    });
    return {bad, labels: labels.length, badges: badges.length, jp: dots.filter(d => d.jp).length,
            covered: dots.filter(d => d.jp && d.covered).map(d => d.name), zoom: map.getZoom()};
}""".replace("MARGIN_PX", str(MARGIN_PX))

# The labels of a view are placed a little after it settles: wait until the labels have stopped changing (the
# runtime counts its placements in C2CAtlas.labelRuns; the label boxes are compared too).
SETTLE = """() => new Promise(done => {
    const sign = () => (window.C2CAtlas.labelRuns || 0) + "|" + [...document.querySelectorAll(".c2c-label, .c2c-badge")]
        .map(el => el.style.display + el.style.transform).join(",");
    let last = sign(), quiet = 0;
    const tick = () => {
        const now = sign();
        quiet = now === last ? quiet + 1 : 0; last = now;
        if (quiet >= 4) { done(now.length); } else { setTimeout(tick, 150); }
    };
    setTimeout(tick, 150);
})"""
VIEW = "() => { const m = window.C2CAtlas.map, c = m.getCenter(); return m.getZoom() + '/' + c.lat.toFixed(3) + '/' + c.lng.toFixed(3); }"
PLACED = ("() => window.C2CAtlas && window.C2CAtlas.current && "
          "(window.C2CAtlas.labelRuns > 0 || document.querySelectorAll('.c2c-label').length > 0)")


def _frame(page, query: str):
    page.goto(query)
    page.wait_for_selector(IFRAME, timeout=30_000)
    frame = page.query_selector(IFRAME).content_frame()
    frame.wait_for_function(PLACED, timeout=30_000)
    page.wait_for_timeout(300)  # the start view's fit and resize
    frame.evaluate(SETTLE)
    return frame


def _check(frame, where: str, report: list[str]) -> dict:
    result = frame.evaluate(CHECK, where)
    report.extend(result["bad"])
    return result


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_label_is_nearest_its_own_dot_and_every_municipality_is_named(browser, app_server, size, lang):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="ja-JP")
    page = OfflinePage(context.new_page()).page
    bad: list[str] = []
    seen = {"labels": 0, "badges": 0}
    try:
        for query in QUERIES:
            frame = _frame(page, f"{app_server}/?lang={lang}&{query}")
            start = _check(frame, f"{query} start", bad)
            view = frame.evaluate(VIEW)
            page.get_by_role("button", name=i18n.t("fit", lang)).click()
            with contextlib.suppress(PlaywrightTimeout):  # the fit moves the map (unless it is fitted already)
                frame.wait_for_function(f"() => ({VIEW})() !== {view!r}", timeout=5_000)
            page.wait_for_timeout(400)  # the fit's animation ends, then the labels are placed again
            frame.evaluate(SETTLE)
            fitted = _check(frame, f"{query} fit", bad)
            for r in (start, fitted):
                seen["labels"] += r["labels"]
                seen["badges"] += r["badges"]
        frame = _frame(page, f"{app_server}/?lang={lang}&fy=2022&present=true")
        _check(frame, "present", bad)
        frame = _frame(page, f"{app_server}/?lang={lang}&fy=all&tl=1")
        years = frame.evaluate("() => C2CAtlas.current.timeline.years")
        assert len(years) > 5
        for year in years:  # go() draws the year and places its labels at once
            frame.evaluate("(y) => C2CAtlas.current.timeline.go(y)", year)
            _check(frame, f"timeline FY{year}", bad)
        page.screenshot(path=str(SHOTS / f"rule_{size[0]}x{size[1]}_{lang}_timeline.png"))
    finally:
        context.close()
    assert bad == [], "\n".join(bad[:40])
    assert seen["labels"] > 10  # the map is labelled, not emptied to pass the rule


@pytest.mark.parametrize("size", [(390, 844), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_exported_html_follows_the_same_rule(browser, tmp_path, size):
    dataset = load_dataset(SHIPPED_DATA)
    bad: list[str] = []
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="ja-JP")
    page = context.new_page()
    try:
        for lang, fy in (("ja", "all"), ("en", "2015-2018")):
            path = exports.export(dataset, Selection(fiscal_years=parse_fiscal_year(fy)), fmt="html",
                                  out=tmp_path / f"map_{lang}.html", lang=lang)
            page.goto(path.as_uri())
            page.wait_for_function(PLACED, timeout=30_000)
            page.wait_for_timeout(300)
            page.evaluate(SETTLE)
            result = page.evaluate(CHECK, f"export {lang} fy={fy}")
            bad.extend(result["bad"])
            assert result["labels"] + result["badges"] >= 1, result
            page.screenshot(path=str(SHOTS / f"rule_export_{size[0]}x{size[1]}_{lang}.png"))
    finally:
        context.close()
    assert bad == [], "\n".join(bad[:40])
