"""The map in a real Chromium with the network unplugged: drawn completely, nothing fetched from outside."""

from __future__ import annotations

import pytest

from c2c.core.dataset import load_dataset
from tests.browser.conftest import OfflinePage, drawn_counts, streamlit_server
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser


def test_fy2022_map_draws_offline_with_no_outside_request(app_server, offline_page, tmp_path):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022")
    frame = offline_page.map_frame()
    dataset = load_dataset(SHIPPED_DATA)
    expected = {f"{j}|{q}" for j, q in dataset.links.loc[dataset.links["fiscal_year"] == 2022, ["jp_id", "partner_id"]]
                .drop_duplicates().itertuples(index=False)}
    counts = drawn_counts(frame)
    assert set(counts["pairs"]) == expected and counts["dated"] == 26 and counts["undated"] == 0
    # the offline basemap drew land (Natural Earth polygons in their own pane)
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-c2cBasemap-pane canvas, "
                            ".leaflet-c2cBasemap-pane path').length > 0", timeout=20_000)
    assert offline_page.blocked == []
    page.screenshot(path=str(tmp_path / "map_fy2022.png"))


def test_japanese_labels_render_as_japanese(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022")
    offline_page.map_frame()
    page.get_by_text("パートナー都市・地域").first.wait_for()
    # Noto Sans CJK must be what the browser used for the Japanese glyphs (not a box-drawing fallback)
    width_ja = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '20px sans-serif'; return [c.measureText('都市間連携').width, c.measureText('\\u25a1\\u25a1\\u25a1\\u25a1\\u25a1').width]; }""")
    assert width_ja[0] > 50
    fonts = page.evaluate("() => document.fonts.check('16px \"Noto Sans CJK JP\"')")
    assert fonts


def test_filter_change_updates_lines_without_remounting(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022")
    frame = offline_page.map_frame()
    frame.evaluate("() => { window.__marker = 'kept'; window.map.setView([10, 120], 5); }")
    page.goto(app_server + "/?fy=2022&country=VN")  # a fresh load with the country filter
    frame = offline_page.map_frame()
    counts = drawn_counts(frame)
    assert counts["dated"] == 8 and all(p.split("|")[1].startswith("vn-") for p in counts["pairs"])


def test_sidebar_filter_keeps_the_map_iframe(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022")
    frame = offline_page.map_frame()
    frame.evaluate("() => { window.__marker = 'kept'; window.map.setView([10, 120], 5); }")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="ベトナム").click()
    page.keyboard.press("Escape")
    frame.wait_for_function("() => { const g = window.feature_group[window.feature_group.length-1].c2c;"
                            " return g && g.dated.getLayers().length === 8; }", timeout=30_000)
    assert frame.evaluate("() => window.__marker") == "kept"  # same iframe document: no remount
    assert frame.evaluate("() => window.map.getZoom()") == 5  # the view is kept
    assert "country=VN" in page.url
    assert offline_page.blocked == []


def test_timeline_plays_in_the_browser_without_server_round_trips(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?lang=en")
    offline_page.map_frame()
    page.get_by_text("Timeline", exact=True).click()
    frame = offline_page.map_frame()
    frame.wait_for_function("() => !!window.C2CAtlas.current.timeline", timeout=30_000)
    # the rerun that turned the timeline on is over (the page sends the map first, and the widgets after it may
    # still fetch their pictures); from here on nothing may reach the server
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_load_state("networkidle")
    dataset = load_dataset(SHIPPED_DATA)
    dated = dataset.links[dataset.links["fiscal_year"].notna()]
    first_year = dated.groupby(["jp_id", "partner_id"])["fiscal_year"].min()
    requests_before = []
    page.on("request", lambda r: requests_before.append(r.url))
    for year in (2013, 2015, 2022):
        frame.evaluate(f"() => window.C2CAtlas.current.timeline.go({year})")
        visible = frame.evaluate("""() => { let n = 0, hi = 0;
            window.feature_group[window.feature_group.length-1].c2c.dated.eachLayer(l => {
                if (l.options.opacity > 0) n++; if (l.options.opacity > 0.9) hi++; });
            return [n, hi]; }""")
        assert visible[0] == int((first_year <= year).sum())
        assert visible[1] == len(dated[dated["fiscal_year"] == year][["jp_id", "partner_id"]].drop_duplicates())
    frame.evaluate("() => { window.C2CAtlas.current.timeline.go(2013); window.C2CAtlas.current.timeline.play(); }")
    page.wait_for_timeout(2700)
    assert frame.evaluate("() => window.C2CAtlas.current.timeline.year") > 2013  # it advanced on its own, in the browser
    assert [u for u in requests_before if "/_stcore/" not in u and "stream" not in u] == []
    assert offline_page.blocked == []


def test_japan_chile_arc_is_drawn_across_the_pacific(app_server, offline_page):
    page = offline_page.page
    page.goto(app_server + "/?fy=2022&country=CL")
    frame = offline_page.map_frame()
    lons = frame.evaluate("""() => { const g = window.feature_group[window.feature_group.length - 1].c2c;
        const out = []; g.dated.eachLayer(l => l.getLatLngs().forEach(p => out.push(p.lng))); return out; }""")
    assert lons[0] == pytest.approx(137.2, abs=0.1) and lons[-1] == pytest.approx(289.3, abs=0.1)
    assert len(lons) > 20 and all(0 < b - a < 20 for a, b in zip(lons, lons[1:]))  # eastwards, no jump
    from geo.geometry import great_circle_points

    python = [lon for _, lon in great_circle_points(36.7, 137.21667, -33.4019, -70.70619)]
    assert len(python) == len(lons) and all(abs(a - b) < 0.01 for a, b in zip(python, lons))  # same rules as Python


def test_first_filter_change_after_a_server_start_is_kept(browser):
    """The first session of a freshly started server used to lose its first filter change: that session's first
    run was still in Streamlit's legacy pages/ mode, so the sidebar's URL-bound widgets changed ids on the next
    run and were seeded from the URL again (ui.shell.leave_legacy_pages_mode)."""
    dataset = load_dataset(SHIPPED_DATA)
    fy2019 = dataset.links.loc[dataset.links["fiscal_year"] == 2019, ["jp_id", "partner_id"]].drop_duplicates()
    with streamlit_server() as base:  # its own server: the bug needed the server's very first session
        context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="ja-JP")
        try:
            offline = OfflinePage(context.new_page())
            page = offline.page
            page.goto(base + "/?fy=2022")
            frame = offline.map_frame()
            frame.wait_for_function("() => window.feature_group[window.feature_group.length-1].c2c"
                                    ".dated.getLayers().length === 26", timeout=30_000)
            page.locator("[data-testid='stSidebar'] .st-key-fy_single [data-testid='stSelectbox']").click()
            page.get_by_role("option", name="2019年度", exact=True).click()
            frame.wait_for_function(f"() => window.feature_group[window.feature_group.length-1].c2c"
                                    f".dated.getLayers().length === {len(fy2019)}", timeout=30_000)
            page.wait_for_url("**fy=2019**", timeout=10_000)
            assert drawn_counts(frame)["dated"] == len(fy2019)
            assert offline.blocked == []
        finally:
            context.close()


def test_a_deep_link_as_a_servers_first_request_opens_the_page_in_the_app(browser):
    """A fresh server starts in Streamlit's legacy pages/ mode; if its first request is a page URL, Streamlit runs
    that file as a script. The page restarts the run through app.py (ui.shell.run_page_file), so the link opens
    the real app: the top navigation, the shared sidebar and the project's detail, and later runs stay there."""
    with streamlit_server() as base:  # its own server: only a server's very first request is in that mode
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
        try:
            offline = OfflinePage(context.new_page())
            page = offline.page
            page.goto(base + "/projects?project=fy2022-07&lang=en")
            page.locator(".c2c-detail").wait_for(timeout=30_000)
            assert "Nippon Koei" in page.locator(".c2c-detail").inner_text()
            nav = page.locator("[data-testid='stTopNavLink'], [data-testid='stNavLink']")
            nav.first.wait_for(timeout=10_000)
            labels = " ".join(nav.all_inner_texts())
            assert "Network map" in labels and "Data & sources" in labels  # app.py's pages, not the file names
            assert page.locator("[data-testid='stSidebar'] .st-key-country_pick").count() == 1
            page.screenshot(path="/tmp/c2c_shots/deep_link_first_request_en.png")
            assert offline.blocked == []
        finally:
            context.close()
