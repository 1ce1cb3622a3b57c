"""Chromium figures: loads and fiscal-year changes of our page, the naive page and the floor page; 10,000 links."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.builds import NAIVE_APP, REPO_ROOT
from bench.synthetic import write_synthetic_data
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links
from c2c.map.mapview import DATED_COLOR, UNDATED_COLOR
from c2c.text import i18n

DATA_DIR = REPO_ROOT / "data"
FLOOR_APP = REPO_ROOT / "bench" / "floor_app.py"
# "Pannable without freezing": no pan (panBy + redraw of every path + 2 frames) takes PAN_FREEZE_MS or more, and
# once V8 has optimised Leaflet's path code (after the first 5 pans) the median pan stays under the budget.
PAN_FREEZE_MS = 2_000
PAN_FRAME_BUDGET_MS = 250


def log(message: str) -> None:
    import sys

    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- browser --------------------------------------------------------------------------------------------------

# The network's lines in a map frame's window (dated and undated colours; the JCM shading is a polygon).
LINES_IN_WINDOW_JS = f"""(w) => {{
    if (!w.map || !w.L) return -1;
    let n = 0;
    w.map.eachLayer(l => {{ if (l instanceof w.L.Polyline && !(l instanceof w.L.Polygon)
        && (l.options.color === '{DATED_COLOR}' || l.options.color === '{UNDATED_COLOR}')) n++; }});
    return n;
}}"""
COUNT_LINES_JS = f"() => ({LINES_IN_WINDOW_JS})(window)"
AFTER_PAINT_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
# The update time on the page's own clock, the same for both pages: from the press on the year option
# (pointerdown, captured before any of the app's handlers) to the first animation frame after the one in which the
# map frame holds exactly the expected lines (checked on every frame of the parent page, which shares the iframe's
# renderer). Playwright's work before it presses (actionability checks) and the driver's polling are left out.
ARM_UPDATE_JS = f"""(expected) => {{
    const count = {LINES_IN_WINDOW_JS};
    const state = window.__c2cBenchUpdate = {{pressed: null, drawn: null}};
    const frameCount = () => {{
        for (const f of document.querySelectorAll("iframe")) {{
            if ((f.getAttribute("title") || "").includes("folium")) {{
                try {{ return f.contentWindow ? count(f.contentWindow) : -1; }} catch (e) {{ return -1; }}
            }}
        }}
        return -1;
    }};
    window.addEventListener("pointerdown", () => {{
        state.pressed = performance.now();
        const watch = () => {{
            if (frameCount() === expected) {{ requestAnimationFrame(() => {{ state.drawn = performance.now(); }}); return; }}
            if (performance.now() - state.pressed < 60000) requestAnimationFrame(watch);
        }};
        requestAnimationFrame(watch);
    }}, {{capture: true, once: true}});
}}"""
# The same clock for the map's own year control (one-year view, c2c-map.js): inside the map frame, from the choice
# in its year select (the `input` event, captured before the runtime's handler) to the animation frame after the
# one in which the frame holds exactly the expected lines. No server round trip is needed before the lines.
ARM_FRAME_UPDATE_JS = f"""(expected) => {{
    const count = {LINES_IN_WINDOW_JS};
    const state = window.__c2cBenchUpdate = {{pressed: null, drawn: null}};
    window.addEventListener("input", () => {{
        state.pressed = performance.now();
        const watch = () => {{
            if (count(window) === expected) {{ requestAnimationFrame(() => {{ state.drawn = performance.now(); }}); return; }}
            if (performance.now() - state.pressed < 60000) requestAnimationFrame(watch);
        }};
        requestAnimationFrame(watch);
    }}, {{capture: true, once: true}});
}}"""
UPDATE_MS_JS = "() => { const s = window.__c2cBenchUpdate; return s && s.drawn !== null ? s.drawn - s.pressed : null; }"
PAN_JS = """async (n) => {
    const map = window.map, out = [];
    const frame = () => new Promise(r => requestAnimationFrame(() => r()));
    let canvas = false;
    map.eachLayer(l => { if (l instanceof L.Polyline && l._renderer instanceof L.Canvas) canvas = true; });
    // settle: after the lines are drawn the page is still busy for a while (the parent page hands the component
    // its arguments, garbage collection): wait until 10 frames in a row come within 50 ms, and report how long.
    const t0 = performance.now();
    let last = t0, calm = 0;
    while (calm < 10 && performance.now() - t0 < 60000) {
        await frame();
        const now = performance.now();
        calm = now - last < 50 ? calm + 1 : 0;
        last = now;
    }
    const settle = performance.now() - t0;
    // Each un-animated panBy redraws every path on the canvas at moveend. The pans go back and forth, so the view
    // stays over the whole network and inside the map's max bounds (a pan into the bounds bounces back, animated).
    for (let i = 0; i < n; i++) {
        const start = performance.now();
        map.panBy([i % 2 ? -180 : 180, i % 2 ? -90 : 90], {animate: false});
        await frame(); await frame();
        out.push(performance.now() - start);
    }
    return {preferCanvas: !!map.options.preferCanvas, canvasRenderer: canvas, settle_ms: settle, frames_ms: out};
}"""


def _map_frame(page):
    for handle in page.query_selector_all("iframe"):
        title = handle.get_attribute("title") or ""
        if "folium" in title:
            return handle.content_frame()
    return None


def wait_lines(page, expected: int, timeout_s: float) -> None:
    """Poll (every ~15 ms, same for both sides) until the map iframe shows exactly ``expected`` lines, painted."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            frame = _map_frame(page)
            if frame is not None and frame.evaluate(COUNT_LINES_JS) == expected:
                frame.evaluate(AFTER_PAINT_JS)
                return
        time.sleep(0.015)
    raise TimeoutError(f"the map did not show {expected} lines within {timeout_s:.0f} s")


def pair_count(dataset, selection: Selection) -> int:
    return len(select_links(dataset, selection)[["jp_id", "partner_id"]].drop_duplicates())


def pick_fy(page, year: int, expected_lines: int | None = None, lang: str = "ja") -> float:
    """Choose a fiscal year in the sidebar's year selectbox; return the perf_counter time of the click.

    The choice is checked (the selectbox shows the year) and retried once: a click that lands while Streamlit
    re-renders the sidebar can be lost, and would otherwise be timed as a slow update. With ``expected_lines``
    the page also times the update on its own clock (ARM_UPDATE_JS; read with UPDATE_MS_JS).
    """
    box = page.locator("[data-testid='stSidebar'] .st-key-fy_single [data-testid='stSelectbox']")
    label = i18n.t("export_fy_single", lang, year=year)  # as the sidebar shows it
    for _attempt in range(2):
        box.click()
        option = page.get_by_role("option", name=label, exact=True)
        option.wait_for()
        if expected_lines is not None:
            page.evaluate(ARM_UPDATE_JS, expected_lines)
        start = time.perf_counter()
        option.click()
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "([sel, text]) => { const input = document.querySelector(sel + ' input'); "
                "return !!input && input.value === text; }",
                arg=["[data-testid='stSidebar'] .st-key-fy_single", label], timeout=2_000, polling=10)
            return start
    raise RuntimeError(f"could not choose FY{year} in the sidebar")


def pick_fy_in_map(page, year: int, expected_lines: int) -> float:
    """Choose a fiscal year in the map's own year control (◀ FY ▶ in the frame, one-year view), the fastest way the
    page offers; the frame times it (ARM_FRAME_UPDATE_JS; read with UPDATE_MS_JS in the frame). Returns the
    perf_counter time of the choice."""
    frame = _map_frame(page)
    frame.wait_for_selector(".c2c-yearpick select", state="visible", timeout=30_000)
    frame.evaluate(ARM_FRAME_UPDATE_JS, expected_lines)
    start = time.perf_counter()
    frame.select_option(".c2c-yearpick select", str(year))
    return start


def wait_url_year(page, year: int, timeout_s: float = 30) -> None:
    """The page followed a year chosen in the map: its rerun put the year in the URL and the sidebar."""
    page.wait_for_function(
        "([year, text]) => new URLSearchParams(location.search).get('fy') === String(year) && "
        "(document.querySelector(\"[data-testid='stSidebar'] .st-key-fy_single input\") || {}).value === text",
        arg=[year, i18n.t("export_fy_single", "ja", year=year)], timeout=timeout_s * 1000, polling=20)


@contextlib.contextmanager
def extra_server(app: Path, env: dict[str, str] | None = None):
    """A benchmark page (bench/naive_app.py, bench/floor_app.py) under Streamlit, with static/ next to the main
    script as Streamlit serves it."""
    from tests.browser.conftest import streamlit_server

    with tempfile.TemporaryDirectory(prefix=f"c2c-{app.stem}-") as tmp:
        (Path(tmp) / "static").symlink_to(REPO_ROOT / "static", target_is_directory=True)
        launcher = Path(tmp) / app.name
        launcher.write_text(f"import runpy\nrunpy.run_path({str(app)!r}, run_name='__main__')\n")
        with streamlit_server(str(launcher), env=env, timeout=90) as base:
            yield base


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2)


def run_browser(quick: bool, tmp: Path) -> dict[str, Any]:
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, OfflinePage, chromium_available, streamlit_server

    if not chromium_available():
        return {"skipped": f"Chromium not found at {CHROMIUM} (make browser installs Debian's chromium)"}
    from playwright.sync_api import sync_playwright

    real = load_dataset(DATA_DIR)
    years = (2022, 2019)
    expected = {y: pair_count(real, Selection(fiscal_years=parse_fiscal_year(str(y)))) for y in years}
    expected_all = pair_count(real, Selection())
    loads, updates, colds = (2, 4, 1) if quick else (4, 16, 3)  # updates alternate FY2019 (1 line) and FY2022 (26)
    env = {"C2C_DATA_DIR": str(DATA_DIR)}
    result: dict[str, Any] = {}
    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

        def new_page():
            context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="ja-JP")
            return context, OfflinePage(context.new_page())

        def load_ms(base: str, path: str, lines: int, timeout_s: float) -> float:
            context, offline = new_page()
            try:
                start = time.perf_counter()
                offline.page.goto(base + path)
                wait_lines(offline.page, lines, timeout_s)
                if offline.blocked:
                    raise RuntimeError(f"outside requests: {offline.blocked[:3]}")
                return (time.perf_counter() - start) * 1000.0
            finally:
                context.close()

        log("browser: a first visit right after a server start (ours)")
        cold = []
        for _ in range(colds):
            with streamlit_server(env=env) as base:
                cold.append(load_ms(base, "/", expected_all, 120))

        log("browser: real data, ours, naive and floor servers")
        with contextlib.ExitStack() as stack:
            bases = {"ours": stack.enter_context(streamlit_server(env=env)),
                     "naive": stack.enter_context(extra_server(NAIVE_APP, env=env)),
                     "floor": stack.enter_context(extra_server(FLOOR_APP, env=env))}
            for base in bases.values():  # warm-up: first script run, dataset cache, static files
                load_ms(base, "/", expected_all, 90)
            load = {name: [] for name in bases}
            for rep in range(loads):  # rotate the order, so the three see the same machine state
                names = list(bases)[rep % 3:] + list(bases)[:rep % 3]
                for name in names:
                    load[name].append(load_ms(bases[name], "/", expected_all, 90))
            p50 = {name: statistics.median(values) for name, values in load.items()}
            result["real_load_ms"] = round(p50["ours"])
            result["naive_real_load_ms"] = round(p50["naive"])
            result["floor_load_ms"] = round(p50["floor"])
            result["load_ms_all"] = {name: [round(x) for x in values] for name, values in load.items()}
            result["cold_load_ms"] = round(statistics.median(cold))
            result["cold_load_ms_all"] = [round(x) for x in cold]
            result["load_vs_floor"] = _ratio(p50["ours"], p50["floor"])
            result["load_vs_naive"] = _ratio(p50["ours"], p50["naive"])
            result["cold_vs_warm"] = _ratio(statistics.median(cold), p50["ours"])

            pages = {}
            for name, base in bases.items():
                context, offline = new_page()
                offline.page.goto(base + f"/?fy={years[0]}")
                wait_lines(offline.page, expected[years[0]], 90)
                pages[name] = (context, offline)
            update = {name: [] for name in bases}  # the sidebar's year selectbox, on all three pages
            driver = {name: [] for name in bases}
            in_map, in_map_driver = [], []  # ours: the map's own year control
            current = dict.fromkeys(bases, years[0])

            def page_clock(where, name: str, target: int) -> float:
                for _ in range(100):  # the watcher stamps one frame after the lines appeared
                    value = where.evaluate(UPDATE_MS_JS)
                    if value is not None:
                        return value
                    time.sleep(0.01)
                raise RuntimeError(f"{name}: the page did not time the update to FY{target}")

            for rep in range(updates):
                names = list(bases)[rep % 3:] + list(bases)[:rep % 3]
                for name in names:
                    page = pages[name][1].page
                    target = years[1] if current[name] == years[0] else years[0]
                    start = pick_fy(page, target, expected[target])
                    wait_lines(page, expected[target], 60)
                    driver[name].append((time.perf_counter() - start) * 1000.0)
                    update[name].append(page_clock(page, name, target))
                    current[name] = target
                    if name == "ours":  # and back with the map's own control, once the page has followed
                        wait_url_year(page, target)
                        target = years[1] if current[name] == years[0] else years[0]
                        start = pick_fy_in_map(page, target, expected[target])
                        wait_lines(page, expected[target], 60)
                        in_map_driver.append((time.perf_counter() - start) * 1000.0)
                        in_map.append(page_clock(_map_frame(page), name, target))
                        wait_url_year(page, target)  # the URL and the sidebar follow (not timed)
                        current[name] = target
            marker_kept = None
            with contextlib.suppress(Exception):
                frame = _map_frame(pages["ours"][1].page)
                frame.evaluate("() => { window.__bench_marker = 1; }")
                pick_fy(pages["ours"][1].page, years[0] if current["ours"] == years[1] else years[1])
                time.sleep(1.5)
                marker_kept = _map_frame(pages["ours"][1].page).evaluate("() => window.__bench_marker === 1")
            for context, offline in pages.values():
                if offline.blocked:
                    raise RuntimeError(f"outside requests: {offline.blocked[:3]}")
                context.close()
            u50 = {name: statistics.median(values) for name, values in update.items()}
            d50 = {name: statistics.median(values) for name, values in driver.items()}
            m50 = statistics.median(in_map)
            # ours: the fastest control the page offers, the map's own year control (since 2026-12-03); the naive
            # page and the floor have only the sidebar's selectbox
            result["update_ms_p50"] = round(m50)
            result["update_control"] = "map year control"
            result["naive_update_ms_p50"] = round(u50["naive"])
            result["floor_update_ms_p50"] = round(u50["floor"])
            result["update_speedup_vs_naive"] = _ratio(u50["naive"], m50)
            result["update_vs_naive"] = _ratio(m50, u50["naive"])
            result["update_vs_floor"] = _ratio(m50, u50["floor"])
            result["update_samples"] = len(in_map)
            result["update_ms_all"] = {"ours (map year control)": [round(x) for x in in_map],
                                       **{name: [round(x) for x in values] for name, values in update.items()}}
            result["driver_map_update_ms_p50"] = round(statistics.median(in_map_driver))
            # ours through the sidebar's year selectbox, as measured until 2026-12-02 (a full rerun)
            result["sidebar_update_ms_p50"] = round(u50["ours"])
            result["sidebar_update_vs_floor"] = _ratio(u50["ours"], u50["floor"])
            result["sidebar_update_vs_naive"] = _ratio(u50["ours"], u50["naive"])
            # the definition before 2026-12-01: Playwright's click call to the driver's polling seeing the lines
            result["driver_update_ms_p50"] = round(d50["ours"])
            result["naive_driver_update_ms_p50"] = round(d50["naive"])
            result["floor_driver_update_ms_p50"] = round(d50["floor"])
            result["driver_update_speedup_vs_naive"] = _ratio(d50["naive"], d50["ours"])
            result["iframe_kept_on_update"] = marker_kept

        log("browser: 10,000 synthetic links")
        data_10k = write_synthetic_data(tmp / "synthetic_10k", 10_000)
        dataset_10k = load_dataset(data_10k)
        lines_10k = pair_count(dataset_10k, Selection())
        with streamlit_server(env={"C2C_DATA_DIR": str(data_10k)}, timeout=120) as base:
            load_ms(base, "/", lines_10k, 300)  # warm-up (validation, loading, arcs)
            samples = [load_ms(base, "/", lines_10k, 300) for _ in range(1 if quick else 3)]
            result["synthetic_10k_load_ms"] = round(statistics.median(samples))
            context, offline = new_page()
            offline.page.goto(base + "/")
            wait_lines(offline.page, lines_10k, 300)
            frame = _map_frame(offline.page)
            drawn = frame.evaluate(COUNT_LINES_JS)
            pan = frame.evaluate(PAN_JS, 20)
            frames = pan["frames_ms"]
            cold, warm = frames[:5], frames[5:]
            result["synthetic_10k_lines_drawn"] = drawn
            result["synthetic_10k_drawn"] = drawn == lines_10k
            result["synthetic_10k_prefer_canvas"] = pan["preferCanvas"] and pan["canvasRenderer"]
            result["synthetic_10k_settle_ms"] = round(pan["settle_ms"])
            result["synthetic_10k_pan_ms_first5"] = [round(x) for x in cold]
            result["synthetic_10k_pan_ms_max"] = round(max(frames), 1)
            result["synthetic_10k_pan_ms_p50_warm"] = round(statistics.median(warm), 1)
            result["synthetic_10k_pannable"] = bool(pan["preferCanvas"] and pan["canvasRenderer"]
                                                    and max(frames) < PAN_FREEZE_MS
                                                    and statistics.median(warm) < PAN_FRAME_BUDGET_MS)
            context.close()
        browser.close()
    return result


