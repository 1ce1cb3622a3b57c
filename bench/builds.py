"""Server-side figures: the map's build time and payload (ours and the naive map), and AppTest reruns."""

from __future__ import annotations

import contextlib
import gc
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit_folium

from bench.naive_app import render_naive_map
from c2c.core.selection import Selection, select_links
from c2c.map.network import arc_coordinates, build_network
from ui.mapui import render_network_map

REPO_ROOT = Path(__file__).resolve().parent.parent
APP = REPO_ROOT / "app.py"
NAIVE_APP = REPO_ROOT / "bench" / "naive_app.py"


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


