"""Pages at 400 % zoom (a 1280 px screen: 320 CSS px wide, WCAG 1.4.10 reflow) in both languages: nothing scrolls
sideways and no text is cut off at the edge (data tables may scroll inside themselves); the map's list still opens
inside the map. Screenshots go to /work/shots/a11y/ (look at them after a layout change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.a11y_support import PAGES, open_app_page
from tests.browser.conftest import OfflinePage
from tests.browser.test_pages_browser import dashboard_opened_once, wait_until_drawn  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/a11y")

# Text and controls of the main column whose box leaves the 320 px viewport (sideways), outside data grids.
CLIPPED_JS = """() => {
    const width = document.documentElement.clientWidth, out = [];
    const main = document.querySelector('[data-testid="stMain"]');
    for (const el of main.querySelectorAll('p, h1, h2, h3, h4, h5, li, label, button, input, summary, a, [data-testid="stMetricValue"]')) {
        if (el.closest('[data-testid="stDataFrame"], [data-testid="stVegaLiteChart"], [data-testid="stCode"], [data-testid="stTooltipContent"]')) continue;
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height || !el.checkVisibility()) continue;
        if (r.left < -1 || r.right > width + 1) out.push(el.tagName + ': ' + (el.innerText || el.value || '').slice(0, 40) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
    const scrolling = [document.scrollingElement, main, document.querySelector('[data-testid="stMainBlockContainer"]')]
        .filter(e => e && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + '.' + (e.dataset.testid || '') + ' ' + e.scrollWidth);
    return {clipped: out, scrolling};
}"""


@pytest.fixture
def zoomed_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4, locale="ja-JP")
    page = OfflinePage(context.new_page())
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_reflow_at_400_percent(app_server, zoomed_page, name, lang):
    page = zoomed_page.page
    frame = open_app_page(app_server, zoomed_page, name, lang)
    page.wait_for_timeout(800)
    found = page.evaluate(CLIPPED_JS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"zoom400_{name}_{lang}.png"))
    assert found == {"clipped": [], "scrolling": []}, found
    if name == "network":
        frame.locator(".c2c-twin-toggle").press("Enter")
        inside = frame.evaluate("""() => { const p = document.querySelector('.c2c-twin-panel').getBoundingClientRect();
            return {right: p.right, width: document.documentElement.clientWidth,
                    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1}; }""")
        assert inside["right"] <= inside["width"] + 1 and not inside["sideways"], inside
        page.locator("iframe[title*='st_folium']").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"zoom400_network_list_{lang}.png"))
    assert zoomed_page.blocked == []
