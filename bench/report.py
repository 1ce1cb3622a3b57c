"""The benchmark's targets, the machine it ran on, and the printed table."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import streamlit_folium

TARGETS = [  # (key, comparison, threshold); ratios are ours / the other page, measured in the same run
    ("synthetic_10k.speedup_vs_naive", ">=", 20),
    ("synthetic_10k.payload_ratio_vs_naive", "<=", 0.15),
    ("real.payload_kb", "<=", 300),
    ("real.rerun_speedup_vs_naive", ">=", 2),
    ("browser.update_speedup_vs_naive", ">=", 2),
    ("browser.update_vs_naive", "<=", 0.25),
    ("browser.update_vs_floor", "<=", 1.25),
    ("browser.load_vs_floor", "<=", 1.25),
    ("browser.load_vs_naive", "<=", 0.7),
    ("browser.cold_vs_warm", "<=", 1.3),
    ("browser.synthetic_10k_drawn", "==", True),
    ("browser.synthetic_10k_pannable", "==", True),
]


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
        rows.append(("metric (browser)", "ours", "naive / floor", "ours / naive, ours / floor"))
        rows.append(("browser.real_load_ms (navigation -> drawn)", str(br["real_load_ms"]),
                     f"{br['naive_real_load_ms']} / {br['floor_load_ms']}",
                     f"{br['load_vs_naive']}, {br['load_vs_floor']}"))
        rows.append(("browser.cold_load_ms (first visit after a start)", str(br["cold_load_ms"]), "",
                     f"cold / warm {br['cold_vs_warm']}"))
        rows.append(("browser.update_ms_p50 (FY press -> drawn, page clock; ours: map year control)",
                     str(br["update_ms_p50"]), f"{br['naive_update_ms_p50']} / {br['floor_update_ms_p50']}",
                     f"{br['update_vs_naive']}, {br['update_vs_floor']}"))
        if "sidebar_update_ms_p50" in br:
            rows.append(("browser.sidebar_update_ms_p50 (ours through the sidebar)", str(br["sidebar_update_ms_p50"]),
                         f"{br['naive_update_ms_p50']} / {br['floor_update_ms_p50']}",
                         f"{br['sidebar_update_vs_naive']}, {br['sidebar_update_vs_floor']}"))
        rows.append(("browser.driver_update_ms_p50 (click call -> polled)", str(br["driver_update_ms_p50"]),
                     f"{br['naive_driver_update_ms_p50']} / {br['floor_driver_update_ms_p50']}",
                     f"{br['driver_update_speedup_vs_naive']}x faster than naive"))
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


