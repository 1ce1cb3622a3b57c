"""The map's colours against the offline basemap, as drawn (opacity included): lines, dots, outlines and the focus
ring at least 3:1 (WCAG 1.4.11 non-text contrast)."""

from __future__ import annotations

import re

from c2c.map import mapview
from c2c.map.offline_map import OfflineBasemap
from c2c.paths import STATIC_DIR

SCRIPT = STATIC_DIR / "js" / "c2c-years.js"  # the timeline's PAST_OPACITY


def _linear(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _luminance(rgb) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _over(color: str, background, alpha: float):
    return tuple(alpha * a + (1 - alpha) * b for a, b in zip(_rgb(color), background))


def contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _past_opacity() -> float:
    return float(re.search(r"PAST_OPACITY = ([0-9.]+)", SCRIPT.read_text(encoding="utf-8"))[1])


def test_lines_dots_and_outlines_stand_out_from_the_basemap_at_3_to_1():
    basemap = OfflineBasemap()
    land, sea = _rgb(basemap.land_color), _rgb(basemap.sea_color)
    jcm_land = _over(mapview.JCM_COLOR, land, 0.55)  # the JCM shading as c2c-map.js draws it
    # (colour, opacity as drawn by static/js/c2c-map.js)
    drawn = {"dated line": (mapview.DATED_COLOR, 0.9), "undated line": (mapview.UNDATED_COLOR, 0.9),
             "timeline: the year shown": (mapview.HIGHLIGHT_COLOR, 0.95),
             "timeline: earlier years": (mapview.DATED_COLOR, _past_opacity()),
             "slide PNG dated line": (mapview.DATED_COLOR, 0.8), "Japanese dot": (mapview.JP_COLOR, 1.0),
             "partner dot": (mapview.PARTNER_COLOR, 1.0), "JCM outline": (mapview.JCM_EDGE_COLOR, 1.0),
             "focus ring and highlight": (mapview.FOCUS_COLOR, 1.0)}
    low = {}
    for name, (color, alpha) in drawn.items():
        for where, background in (("land", land), ("sea", sea), ("JCM land", jcm_land)):
            ratio = contrast(_over(color, background, alpha), background)
            if ratio < 3.0:
                low[f"{name} on {where}"] = round(ratio, 2)
    assert low == {}
