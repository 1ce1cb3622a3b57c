"""Helpers of the accessibility browser tests: axe-core injected into a page or the map's frame, and where the
keyboard focus is (descending into the map's frame)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO_ROOT

AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA: what JIS X 8341-3:2016 AA asks, and 2.2's additions
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MAP_IFRAME = "iframe[title*='st_folium']"


def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.skip("axe-core not installed: `make axe` (make test runs it) installs it from npm")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(target) -> list[dict]:
    """axe-core's violations of the WCAG A/AA rules in a Playwright page or frame (its own document only: the map's
    frame is checked on its own)."""
    if not target.evaluate("() => !!window.axe"):
        target.evaluate(axe_source())
    return target.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, iframes: false})
        .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))""", WCAG_TAGS)


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


# Where the focus is: in the page, or (when the page's focus is the map's iframe) inside the frame.
FOCUSED_JS = """() => {
    const info = (el, where) => el ? {where, tag: el.tagName, key: el.getAttribute('data-c2c-key'),
        cls: String(el.className || ''), expanded: el.getAttribute('aria-expanded'), role: el.getAttribute('role'),
        label: el.getAttribute('aria-label') || '', text: (el.innerText || el.value || '').slice(0, 120),
        testid: (el.closest('[data-testid]') || {}).dataset ? el.closest('[data-testid]').dataset.testid : null,
        visible: !!(el.getClientRects().length)} : {where, tag: null};
    let el = document.activeElement;
    if (el && el.tagName === 'IFRAME' && el.title.includes('st_folium')) {
        return info(el.contentDocument.activeElement, 'frame');
    }
    return info(el, 'page');
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED_JS)


def map_frame_wait_settled(frame) -> None:
    """The map runtime's accessibility layer is attached and has the selection's list."""
    frame.wait_for_function("() => window.C2CAtlas && C2CAtlas.a11y && C2CAtlas.a11y.state "
                            "&& C2CAtlas.a11y.state.data !== null", timeout=30_000)


# The app's pages as the accessibility tests visit them: name -> (URL path, title key).
PAGES = {"network": ("", "page_map"), "projects": ("projects", "page_projects"),
         "countries": ("countries", "page_countries"), "sources": ("sources", "page_sources")}


def open_app_page(app_server, wrapped, name: str, lang: str, query: str = "fy=2022"):
    """Go to one of PAGES and wait until it is drawn (the map page: its frame and list ready). Returns the map's
    frame, or None for the other pages."""
    from c2c.text import i18n
    from tests.browser.test_pages_browser import wait_until_drawn

    path, title = PAGES[name]
    wrapped.page.goto(f"{app_server}/{path}?{query}&lang={lang}")
    if name != "network":
        wait_until_drawn(wrapped.page, i18n.t(title, lang))
        return None
    frame = wrapped.map_frame()
    map_frame_wait_settled(frame)
    return frame


def open_map_with_timeline(app_server, wrapped, query: str):
    """The map page at ?query with its timeline on, once the timeline and the list are ready."""
    wrapped.page.goto(f"{app_server}/?{query}")
    frame = wrapped.map_frame()
    frame.wait_for_function("() => !!window.C2CAtlas.current.timeline", timeout=30_000)
    map_frame_wait_settled(frame)
    return frame
