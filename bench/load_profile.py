"""Where a first load and a year change spend their time: a timeline of one page, ours, the naive page or the floor.

    .venv/bin/python -m bench.load_profile                   # ours, naive and floor: loads, a cold load, updates
    .venv/bin/python -m bench.load_profile --pages ours --loads 5 --updates 8

Each frame of the page gets bench/timeline_probe.js, which stamps the websocket's messages, the map iframe's
insertion, Leaflet and our runtime arriving, Streamlit's render message, C2CAtlas.attach/render/updateLabels and the
first frame with lines, on one clock. Printed: the median time of each stamp after navigation (loads) or after the
press on the year option (updates), per page. Not a benchmark target: bench/run.py measures those; this says where
the time goes (bench/README.md quotes it).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from pathlib import Path
from typing import Any

from bench.browser import (
    FLOOR_APP,
    _map_frame,
    extra_server,
    pair_count,
    pick_fy,
    pick_fy_in_map,
    wait_lines,
    wait_url_year,
)
from bench.builds import NAIVE_APP
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year

REPO_ROOT = Path(__file__).resolve().parent.parent
PROBE_JS = (Path(__file__).resolve().parent / "timeline_probe.js").read_text(encoding="utf-8")

READ_PROBES_JS = "() => (window.__c2cProbe || {events: []}).events"
# First occurrence of each stamp, in the order a load reaches them.
LOAD_STAMPS = ["top:dom", "ws:create", "ws:open", "ws:send", "ws:message", "top:iframe-inserted", "frame:navigation",
               "frame:dom", "frame:leaflet-loaded", "frame:runtime-loaded", "frame:load", "frame:render-message",
               "atlas:attach:start", "atlas:attach:end", "frame:basemap-fetch", "atlas:render:start",
               "atlas:render:end", "frame:lines-in-map", "frame:lines-painted", "atlas:updateLabels:end",
               "frame:basemap-loaded"]
UPDATE_STAMPS = ["ws:send", "ws:message", "frame:render-message", "atlas:render:start", "atlas:render:end",
                 "atlas:updateLabels:end", "top:url"]


@contextlib.contextmanager
def served(page: str, data_dir: Path):
    from tests.browser.conftest import streamlit_server

    env = {"C2C_DATA_DIR": str(data_dir)}
    if page == "ours":
        with streamlit_server(env=env) as base:
            yield base
    else:
        with extra_server(NAIVE_APP if page == "naive" else FLOOR_APP, env=env) as base:
            yield base


def events(page) -> list[dict[str, Any]]:
    out = list(page.evaluate(READ_PROBES_JS))
    for frame in page.frames[1:]:
        with contextlib.suppress(Exception):
            out.extend(frame.evaluate(READ_PROBES_JS))
    return sorted(out, key=lambda e: e["t"])


def first_after(stamps: list[dict[str, Any]], name: str, t0: float) -> float | None:
    return next((e["t"] - t0 for e in stamps if e["name"] == name and e["t"] >= t0), None)


def last_message_before(stamps: list[dict[str, Any]], t0: float, t1: float | None) -> float | None:
    times = [e["t"] - t0 for e in stamps if e["name"] == "ws:message" and t0 <= e["t"] and (t1 is None or e["t"] <= t1)]
    return times[-1] if times else None


def profile_load(browser, base: str, lines: int) -> dict[str, float | None]:
    from tests.browser.conftest import OfflinePage

    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="ja-JP")
    context.add_init_script(PROBE_JS)
    try:
        offline = OfflinePage(context.new_page())
        start = time.perf_counter()
        offline.page.goto(base + "/")
        wait_lines(offline.page, lines, 120)
        total = (time.perf_counter() - start) * 1000.0
        time.sleep(0.3)  # the labels come after the paint
        stamps = events(offline.page)
        t0 = next(e["t"] for e in stamps if e["name"] == "top:navigation")
        row = {name: first_after(stamps, name, t0) for name in LOAD_STAMPS}
        row["ws:last-message-before-render"] = last_message_before(stamps, t0, t0 + (row["frame:render-message"] or 1e9))
        row["messages"] = sum(1 for e in stamps if e["name"] == "ws:message")
        row["driver_total"] = total
        return row
    finally:
        context.close()


def profile_updates(browser, base: str, expected: dict[int, int], n: int,
                    control: str = "sidebar") -> list[dict[str, float | None]]:
    """Year changes through the sidebar's selectbox, or (``control="map"``, our page) the map's own year control,
    timed from the press (sidebar) or the choice in the frame's select (map)."""
    from tests.browser.conftest import OfflinePage

    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="ja-JP")
    context.add_init_script(PROBE_JS)
    rows = []
    try:
        offline = OfflinePage(context.new_page())
        years = list(expected)
        offline.page.goto(base + f"/?fy={years[0]}")
        wait_lines(offline.page, expected[years[0]], 120)
        current = years[0]
        for _ in range(n):
            target = years[1] if current == years[0] else years[0]
            time.sleep(0.4)
            if control == "map":
                pick_fy_in_map(offline.page, target, expected[target])
                wait_lines(offline.page, expected[target], 60)
                wait_url_year(offline.page, target)
                clock = _map_frame(offline.page)
            else:
                pick_fy(offline.page, target, expected[target])
                wait_lines(offline.page, expected[target], 60)
                clock = offline.page
            time.sleep(0.3)
            stamps = events(offline.page)
            t0 = [e["t"] for e in stamps if e["name"] == ("frame:pick" if control == "map" else "top:press")][-1]
            row = {name: first_after(stamps, name, t0) for name in UPDATE_STAMPS}
            drawn = clock.evaluate("() => window.__c2cBenchUpdate && window.__c2cBenchUpdate.drawn")
            pressed = clock.evaluate("() => window.__c2cBenchUpdate && window.__c2cBenchUpdate.pressed")
            row["drawn (page clock)"] = (drawn - pressed) if drawn and pressed else None
            row["ws:last-message-before-render"] = last_message_before(
                stamps, t0, t0 + (row["frame:render-message"] or 1e9))
            row["messages"] = sum(1 for e in stamps if e["name"] == "ws:message" and e["t"] >= t0)
            rows.append(row)
            current = target
    finally:
        context.close()
    return rows


def medians(rows: list[dict[str, float | None]]) -> dict[str, float | None]:
    keys = list(rows[0]) if rows else []
    out = {}
    for key in keys:
        values = [r[key] for r in rows if r.get(key) is not None]
        out[key] = round(statistics.median(values)) if values else None
    return out


def print_table(title: str, columns: dict[str, dict[str, float | None]]) -> None:
    names = list(columns)
    keys = list(dict.fromkeys(k for col in columns.values() for k in col))
    print(f"\n{title} (ms, medians)")
    print("| stamp | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for key in keys:
        print(f"| {key} | " + " | ".join("" if columns[n].get(key) is None else str(columns[n][key]) for n in names) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="ours,naive,floor")
    parser.add_argument("--loads", type=int, default=4)
    parser.add_argument("--updates", type=int, default=8)
    parser.add_argument("--data-dir", default=str(REPO_ROOT / "data"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    data_dir = Path(args.data_dir)
    dataset = load_dataset(data_dir)
    lines = pair_count(dataset, Selection())
    expected = {y: pair_count(dataset, Selection(fiscal_years=parse_fiscal_year(str(y)))) for y in (2022, 2019)}
    loads, cold, updates = {}, {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page in args.pages.split(","):
            with served(page, data_dir) as base:
                cold[page] = profile_load(browser, base, lines)
                rows = [profile_load(browser, base, lines) for _ in range(args.loads)]
                loads[page] = medians(rows)
                if args.updates:
                    updates[page] = medians(profile_updates(browser, base, expected, args.updates))
                    if page == "ours":
                        updates["ours (map year control)"] = medians(
                            profile_updates(browser, base, expected, args.updates, control="map"))
        browser.close()
    print_table("first visit after a server start", cold)
    print_table(f"later visits ({args.loads} each)", loads)
    if updates:
        print_table(f"year changes ({args.updates} each, from the press; the map's control: from the choice)", updates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
