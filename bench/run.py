"""C2C Atlas map benchmark: our map against the naive folium map, at today's size, 1,000 and 10,000 links.

    .venv/bin/python -m bench.run                      # full run, prints the table
    .venv/bin/python -m bench.run --json bench/results.json
    .venv/bin/python -m bench.run --quick              # fewer repetitions
    .venv/bin/python -m bench.run --no-browser         # server-side figures only

Every comparison is measured in the same run, alternating the two sides (ours first on even repetitions, the
naive page first on odd ones), and reported as the median of the repetitions. Definitions: bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit_folium

from bench.naive_app import render_naive_map
from bench.synthetic import load_synthetic, write_synthetic_data
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links
from c2c.map.mapview import DATED_COLOR, UNDATED_COLOR
from c2c.map.network import arc_coordinates, build_network
from c2c.text import i18n
from ui.mapui import render_network_map

REPO_ROOT = Path(__file__).resolve().parent.parent

DATA_DIR = REPO_ROOT / "data"
APP = REPO_ROOT / "app.py"
NAIVE_APP = REPO_ROOT / "bench" / "naive_app.py"

TARGETS = [  # (key, comparison, threshold)
    ("synthetic_10k.speedup_vs_naive", ">=", 20),
    ("synthetic_10k.payload_ratio_vs_naive", "<=", 0.2),
    ("real.payload_kb", "<=", 300),
    ("real.rerun_speedup_vs_naive", ">=", 2),
    ("browser.update_speedup_vs_naive", ">=", 2),
    ("browser.synthetic_10k_drawn", "==", True),
    ("browser.synthetic_10k_pannable", "==", True),
]
# "Pannable without freezing": no pan (panBy + redraw of every path + 2 frames) takes PAN_FREEZE_MS or more, and
# once V8 has optimised Leaflet's path code (after the first 5 pans) the median pan stays under the budget.
PAN_FREEZE_MS = 2_000
PAN_FRAME_BUDGET_MS = 250


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- what st_folium would send ------------------------------------------------------------------------------

@contextlib.contextmanager
def captured_component():
    """Run st_folium for real but capture its component arguments instead of sending them.

    Yields a dict that receives the JSON arguments exactly as Streamlit's component call builds them
    (all keyword arguments, plus ``default`` and ``key``; ``on_change`` is a Python callback and never sent).
    """
    sent: dict[str, Any] = {}
    real = streamlit_folium._component_func

    def fake(*, default=None, key=None, on_change=None, **kwargs):
        sent.clear()
        sent.update(kwargs, default=default, key=key)
        return default

    streamlit_folium._component_func = fake
    try:
        yield sent
    finally:
        streamlit_folium._component_func = real


def serialise(args: dict[str, Any]) -> bytes:
    """The component's json_args as Streamlit serialises them (json.dumps, ASCII) before they go on the wire."""
    return json.dumps(args).encode("utf-8")


def map_build(dataset, links, renderer: Callable, sent: dict[str, Any]) -> bytes:
    """Everything the map page does for the map on a run, from the selected links to the bytes sent:
    the renderer (ours: build_compact_network + build_base_map + build_network_layer + st_folium's string
    generation; naive: build_network + base map + one folium object per line/place + st_folium) + Streamlit's
    JSON serialisation."""
    renderer(dataset, links, lang="ja", tiles="offline", fit=False, jcm_codes=None)
    return serialise(sent)


def time_once(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000.0, result


def compare_builds(dataset, reps: int, naive_reps: int | None = None) -> dict[str, Any]:
    """Ours and naive builds of the all-years map, alternating; arcs cache warm (as on any rerun but the first)."""
    links = select_links(dataset, Selection())
    ours_ms: list[float] = []
    naive_ms: list[float] = []
    naive_reps = reps if naive_reps is None else naive_reps
    with captured_component() as sent:
        arc_coordinates.cache_clear()
        cold_ms, ours_bytes = time_once(lambda: map_build(dataset, links, render_network_map, sent))
        ours_args = dict(sent)
        naive_bytes = b""
        for rep in range(max(reps, naive_reps)):
            sides = ["ours", "naive"] if rep % 2 == 0 else ["naive", "ours"]
            for side in sides:
                if side == "ours" and rep < reps:
                    ms, ours_bytes = time_once(lambda: map_build(dataset, links, render_network_map, sent))
                    ours_ms.append(ms)
                elif side == "naive" and rep < naive_reps:
                    ms, naive_bytes = time_once(lambda: map_build(dataset, links, render_naive_map, sent))
                    naive_ms.append(ms)
    layers = build_network(dataset, links, "ja")
    ours_ms_p50, naive_ms_p50 = statistics.median(ours_ms), statistics.median(naive_ms)
    return {
        "lines": layers.line_count,
        "nodes": len(layers.nodes["features"]),
        "build_ms": round(ours_ms_p50, 1),
        "build_ms_cold_arc_cache": round(cold_ms, 1),
        "naive_build_ms": round(naive_ms_p50, 1),
        "speedup_vs_naive": round(naive_ms_p50 / ours_ms_p50, 1),
        "payload_kb": round(len(ours_bytes) / 1024, 1),
        "naive_payload_kb": round(len(naive_bytes) / 1024, 1),
        "payload_ratio_vs_naive": round(len(ours_bytes) / len(naive_bytes), 3),
        "payload_bytes_per_line": round(len(ours_bytes) / max(1, layers.line_count)),
        "naive_payload_bytes_per_line": round(len(naive_bytes) / max(1, layers.line_count)),
        "payload_parts_kb": {k: round(len(json.dumps(v)) / 1024, 1) for k, v in ours_args.items()
                             if len(json.dumps(v)) > 1024},
        "reps": len(ours_ms), "naive_reps": len(naive_ms),
        "build_ms_all": [round(x) for x in ours_ms], "naive_build_ms_all": [round(x) for x in naive_ms],
    }


# ---- AppTest reruns -------------------------------------------------------------------------------------------

# A fiscal-year change per step, through the sidebar widgets a user touches: each step is one measured rerun.
FY_STEPS: list[tuple[str, str, Any]] = [
    ("radio", "fy_mode", "single"), ("selectbox", "fy_single", 2022), ("selectbox", "fy_single", 2019),
    ("selectbox", "fy_single", 2022), ("radio", "fy_mode", "all"),
]


def _apptest(script: Path):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=300)
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} failed: {at.exception[0].value}")
    return at


def _step(at, kind: str, key: str, value: Any) -> float:
    widget = at.radio(key=key) if kind == "radio" else at.selectbox(key=key)
    widget.set_value(value)
    gc.collect()
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000.0
    if at.exception:
        raise RuntimeError(f"rerun failed: {at.exception[0].value}")
    return elapsed


def apptest_payload_bytes(at) -> int:
    from tests.pages.conftest import map_component

    return len(json.dumps(map_component(at)).encode("utf-8"))


def compare_reruns(cycles: int) -> dict[str, Any]:
    import streamlit as st

    st.cache_data.clear()
    ours, naive = _apptest(APP), _apptest(NAIVE_APP)
    payload_apptest = apptest_payload_bytes(ours)
    for at in (ours, naive):  # one warm-up cycle each
        for step in FY_STEPS:
            _step(at, *step)
    ours_ms: list[float] = []
    naive_ms: list[float] = []
    for cycle in range(cycles):
        order = [(ours, ours_ms), (naive, naive_ms)] if cycle % 2 == 0 else [(naive, naive_ms), (ours, ours_ms)]
        for step in FY_STEPS:  # alternate step by step: the two apps see the same machine state
            for at, out in order:
                out.append(_step(at, *step))
    p50_ours, p50_naive = statistics.median(ours_ms), statistics.median(naive_ms)
    return {"rerun_ms_p50": round(p50_ours, 1), "naive_rerun_ms_p50": round(p50_naive, 1),
            "rerun_speedup_vs_naive": round(p50_naive / p50_ours, 2), "rerun_samples": len(ours_ms),
            "payload_kb_apptest": round(payload_apptest / 1024, 1)}


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


@contextlib.contextmanager
def naive_server(env: dict[str, str] | None = None):
    """bench/naive_app.py under Streamlit, with static/ next to the main script as Streamlit serves it."""
    from tests.browser.conftest import streamlit_server

    with tempfile.TemporaryDirectory(prefix="c2c-naive-") as tmp:
        (Path(tmp) / "static").symlink_to(REPO_ROOT / "static", target_is_directory=True)
        launcher = Path(tmp) / "naive_app.py"
        launcher.write_text(f"import runpy\nrunpy.run_path({str(NAIVE_APP)!r}, run_name='__main__')\n")
        with streamlit_server(str(launcher), env=env, timeout=90) as base:
            yield base


def run_browser(quick: bool, tmp: Path) -> dict[str, Any]:
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, OfflinePage, chromium_available, streamlit_server

    if not chromium_available():
        return {"skipped": f"Chromium not found at {CHROMIUM} (make browser installs Debian's chromium)"}
    from playwright.sync_api import sync_playwright

    real = load_dataset(DATA_DIR)
    years = (2022, 2019)
    expected = {y: pair_count(real, Selection(fiscal_years=parse_fiscal_year(str(y)))) for y in years}
    expected_all = pair_count(real, Selection())
    loads, updates = (2, 4) if quick else (4, 16)  # updates alternate FY2019 (1 line) and FY2022 (26 lines)
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

        log("browser: real data, ours and naive servers")
        with streamlit_server(env={"C2C_DATA_DIR": str(DATA_DIR)}) as ours_base, naive_server() as naive_base:
            for base in (ours_base, naive_base):  # warm-up: first script run, dataset cache, static files
                load_ms(base, "/", expected_all, 90)
            ours_load, naive_load = [], []
            for rep in range(loads):
                order = [(ours_base, ours_load), (naive_base, naive_load)]
                for base, out in (order if rep % 2 == 0 else order[::-1]):
                    out.append(load_ms(base, "/", expected_all, 90))
            result["real_load_ms"] = round(statistics.median(ours_load))
            result["naive_real_load_ms"] = round(statistics.median(naive_load))

            pages = {}
            for name, base in (("ours", ours_base), ("naive", naive_base)):
                context, offline = new_page()
                offline.page.goto(base + f"/?fy={years[0]}")
                wait_lines(offline.page, expected[years[0]], 90)
                pages[name] = (context, offline)
            update = {"ours": [], "naive": []}
            driver = {"ours": [], "naive": []}
            current = {"ours": years[0], "naive": years[0]}
            for rep in range(updates):
                for name in (("ours", "naive") if rep % 2 == 0 else ("naive", "ours")):
                    page = pages[name][1].page
                    target = years[1] if current[name] == years[0] else years[0]
                    start = pick_fy(page, target, expected[target])
                    wait_lines(page, expected[target], 60)
                    driver[name].append((time.perf_counter() - start) * 1000.0)
                    in_page = None
                    for _ in range(100):  # the page's watcher stamps one frame after the lines appeared
                        in_page = page.evaluate(UPDATE_MS_JS)
                        if in_page is not None:
                            break
                        time.sleep(0.01)
                    if in_page is None:
                        raise RuntimeError(f"{name}: the page did not time the update to FY{target}")
                    update[name].append(in_page)
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
            result["update_ms_p50"] = round(statistics.median(update["ours"]))
            result["naive_update_ms_p50"] = round(statistics.median(update["naive"]))
            result["update_speedup_vs_naive"] = round(statistics.median(update["naive"])
                                                      / statistics.median(update["ours"]), 2)
            result["update_samples"] = len(update["ours"])
            result["update_ms_all"] = [round(x) for x in update["ours"]]
            result["naive_update_ms_all"] = [round(x) for x in update["naive"]]
            # the definition before 2026-12-01: Playwright's click call to the driver's polling seeing the lines
            result["driver_update_ms_p50"] = round(statistics.median(driver["ours"]))
            result["naive_driver_update_ms_p50"] = round(statistics.median(driver["naive"]))
            result["driver_update_speedup_vs_naive"] = round(statistics.median(driver["naive"])
                                                             / statistics.median(driver["ours"]), 2)
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


# ---- report ---------------------------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    import folium
    import pandas
    import streamlit

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    chromium = None
    with contextlib.suppress(Exception):
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  timeout=20).stdout.strip() or None
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "streamlit": streamlit.__version__, "folium": folium.__version__,
            "streamlit_folium": getattr(streamlit_folium, "__version__", "0.27.4"), "pandas": pandas.__version__,
            "chromium": chromium, "platform": platform.platform()}


def lookup(results: dict[str, Any], dotted: str) -> Any:
    node: Any = results
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for key, op, threshold in TARGETS:
        value = lookup(results, key)
        if value is None:
            met = None
        elif op == ">=":
            met = value >= threshold
        elif op == "<=":
            met = value <= threshold
        else:
            met = value == threshold
        out.append({"target": key, "op": op, "threshold": threshold, "value": value, "met": met})
    return out


def table(results: dict[str, Any]) -> str:
    rows = [("metric", "ours", "naive", "ours vs naive")]
    real, s1, s10, br = (results.get(k, {}) for k in ("real", "synthetic_1k", "synthetic_10k", "browser"))
    for label, part in (("real", real), ("synthetic_1k", s1), ("synthetic_10k", s10)):
        if not part:
            continue
        rows.append((f"{label}: lines / places", f"{part['lines']} / {part['nodes']}", "", ""))
        rows.append((f"{label}.build_ms (p50)", f"{part['build_ms']:.1f}", f"{part['naive_build_ms']:.1f}",
                     f"{part['speedup_vs_naive']}x faster"))
        rows.append((f"{label}.payload_kb", f"{part['payload_kb']:.1f}", f"{part['naive_payload_kb']:.1f}",
                     f"ratio {part['payload_ratio_vs_naive']}"))
        if "rerun_ms_p50" in part:
            rows.append((f"{label}.rerun_ms_p50 (AppTest, FY change)", f"{part['rerun_ms_p50']:.1f}",
                         f"{part['naive_rerun_ms_p50']:.1f}", f"{part['rerun_speedup_vs_naive']}x faster"))
    if br.get("skipped") or br.get("error"):
        rows.append(("browser", "skipped: " + br["skipped"] if br.get("skipped") else "ERROR: " + br["error"], "", ""))
    elif br:
        rows.append(("browser.real_load_ms (navigation -> drawn)", str(br["real_load_ms"]),
                     str(br["naive_real_load_ms"]), ""))
        rows.append(("browser.update_ms_p50 (FY press -> drawn, page clock)", str(br["update_ms_p50"]),
                     str(br["naive_update_ms_p50"]), f"{br['update_speedup_vs_naive']}x faster"))
        rows.append(("browser.driver_update_ms_p50 (click call -> polled)", str(br["driver_update_ms_p50"]),
                     str(br["naive_driver_update_ms_p50"]), f"{br['driver_update_speedup_vs_naive']}x faster"))
        rows.append(("browser.synthetic_10k_load_ms", str(br["synthetic_10k_load_ms"]), "", ""))
        rows.append(("browser.synthetic_10k lines drawn", str(br["synthetic_10k_lines_drawn"]), "", ""))
        rows.append(("browser.synthetic_10k busy after drawn (ms)", str(br["synthetic_10k_settle_ms"]), "", ""))
        rows.append(("browser.synthetic_10k pan ms: first 5 / warm p50 / max",
                     f"{br['synthetic_10k_pan_ms_first5']} / {br['synthetic_10k_pan_ms_p50_warm']} / "
                     f"{br['synthetic_10k_pan_ms_max']}", "",
                     "canvas" if br.get("synthetic_10k_prefer_canvas") else "NOT canvas"))
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines.append("")
    lines.append("| target | value | met |")
    lines.append("|---|---|---|")
    for t in results.get("targets", []):
        mark = {True: "yes", False: "NO", None: "not measured"}[t["met"]]
        lines.append(f"| {t['target']} {t['op']} {t['threshold']} | {t['value']} | {mark} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about 3-5 minutes on 2 cores)")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # bare-mode st_folium calls warn about the missing ScriptRunContext
    started = time.perf_counter()
    quick = args.quick
    results: dict[str, Any] = {"meta": {"quick": quick, "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
                                        "machine": machine()}}
    with tempfile.TemporaryDirectory(prefix="c2c-bench-") as tmp_name:
        tmp = Path(tmp_name)
        log("real data: builds")
        real = load_dataset(DATA_DIR)
        results["real"] = compare_builds(real, reps=5 if quick else 11)
        log("real data: AppTest reruns")
        results["real"].update(compare_reruns(cycles=2 if quick else 6))
        log("synthetic 1k")
        results["synthetic_1k"] = compare_builds(load_synthetic(tmp / "s1k", 1_000), reps=3 if quick else 5)
        log("synthetic 10k (the naive build takes minutes)")
        results["synthetic_10k"] = compare_builds(load_synthetic(tmp / "s10k", 10_000), reps=3 if quick else 5,
                                                  naive_reps=1 if quick else 3)
        if args.no_browser:
            results["browser"] = {"skipped": "--no-browser"}
        else:
            try:
                results["browser"] = run_browser(quick, tmp)
            except Exception as exc:  # a broken browser run must not lose the server figures
                results["browser"] = {"error": f"{type(exc).__name__}: {exc}"}
    results["targets"] = check_targets(results)
    results["meta"]["wall_s"] = round(time.perf_counter() - started, 1)
    print(table(results))
    print(f"\nwall time {results['meta']['wall_s']} s ({'quick' if quick else 'full'} run)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
