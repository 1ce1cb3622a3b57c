"""The slide: a 1920×1080 PNG of the selection, rendered with matplotlib (Agg) and no browser.

Japanese text uses IPAexGothic from ``matplotlib-fontja`` (DejaVu Sans as the per-glyph fallback). Data text is
always plain text: every ``Text`` is created with ``parse_math=False`` and ``usetex=False``, so a name such as
``$\\frac{1}{2}$`` is drawn literally and can neither be typeset as math nor make mathtext raise.
The map uses Web Mercator like the app, so shapes and line curvature match what users saw on screen. Layout:
title with the fiscal years, a line with the other filters and how complete the data is for those years, the
key figures, the map (fitted to the selection, never narrower than a regional view), a legend row, the source
and the boundary disclaimer. Up to :data:`MAX_LABELLED_NODES` places are named (clusters as a column with
leader lines, placed by :mod:`c2c.export.labels`; nothing overlaps, and the legend says when a name had to be
left out); larger selections name the partner countries instead.
"""

from __future__ import annotations

import functools
import io
import math
import re
import threading
from typing import Any

import matplotlib_fontja  # noqa: F401  (registers IPAexGothic with matplotlib's font manager)
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.path import Path as MplPath

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links
from c2c.core.stats import HEADLINE_METRICS, headline
from c2c.export.captions import coverage_note, filter_summary, title_text
from c2c.export.labels import Box, Group, segments_cross, single_groups, spread
from c2c.map.basemap import DISPLAY_WEST, load_basemap
from c2c.map.mapview import DATED_COLOR, JP_COLOR, PARTNER_COLOR, UNDATED_COLOR
from c2c.map.network import NetworkLayers, build_network
from c2c.text import i18n

SLIDE_WIDTH, SLIDE_HEIGHT, SLIDE_DPI = 1920, 1080, 100

# The offline basemap's colours (c2c.map.offline_map.OfflineBasemap defaults), so the PNG looks like the app.
LAND_COLOR = "#e2e2dc"
BORDER_COLOR = "#ffffff"
SEA_COLOR = "#d5e8f5"
TEXT_COLOR = "#222222"
MUTED_COLOR = "#555555"
JP_LABEL_COLOR = "#7b241c"  # darker shades of JP_COLOR / PARTNER_COLOR: readable as text on the map
PARTNER_LABEL_COLOR = "#124a5e"

MAX_LABELLED_NODES = 40  # more places than this and only partner countries are labelled
MIN_SPAN_LON = 40.0  # degrees: never zoom in further than a regional view
MAX_MERCATOR_LAT = 85.0
_SCALE = 1.5  # the slide is drawn ~1.5× the app's pixel sizes (it is shown on a large screen)

def _px_to_pt(px: float) -> float:
    return px * 72.0 / SLIDE_DPI


def _fonts(lang: str) -> list[str]:
    # Per-glyph fallback (matplotlib >= 3.6): IPAexGothic has the kana/kanji, DejaVu Sans the rarer Latin letters.
    return ["IPAexGothic", "DejaVu Sans"] if lang == "ja" else ["DejaVu Sans", "IPAexGothic"]


@functools.lru_cache(maxsize=1)
def _latin_bold_charmap() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight="bold"))
    return frozenset(FT2Font(path).get_charmap())


def _family_and_weight(text: str, fonts: list[str], weight: str) -> tuple[list[str], str]:
    """Bold only where DejaVu Sans Bold has every glyph (IPAexGothic has no bold face: matplotlib would log a
    findfont warning and fall back to regular anyway)."""
    if weight != "bold":
        return fonts, weight
    charmap = _latin_bold_charmap()
    if all(ord(ch) in charmap for ch in text):
        return ["DejaVu Sans"], "bold"
    return fonts, "normal"


def plain_text(value: object, limit: int | None = None) -> str:
    """Data text for matplotlib: printable characters only, optionally shortened with an ellipsis."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value or "")).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def mercator_y(lat: Any) -> Any:
    """Web Mercator northing in "degrees" (same units as longitude), as Leaflet draws it."""
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT)
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _ring_codes(n: int) -> list[int]:
    return [MplPath.MOVETO] + [MplPath.LINETO] * (n - 2) + [MplPath.CLOSEPOLY]


@functools.lru_cache(maxsize=2)
def _basemap_artist_data(resolution: str = "110m") -> tuple[list[MplPath], list[np.ndarray]]:
    """Projected country polygons (one compound path per polygon, holes included) and border lines."""
    data = load_basemap(resolution)
    paths: list[MplPath] = []
    for feature in data["features"]:
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type")
        polygons = ([geometry["coordinates"]] if kind == "Polygon"
                    else geometry["coordinates"] if kind == "MultiPolygon" else [])
        for polygon in polygons:
            vertices, codes = [], []
            for ring in polygon:
                if len(ring) < 4:
                    continue
                arr = np.asarray(ring, dtype=float)
                vertices.append(np.column_stack([arr[:, 0], mercator_y(arr[:, 1])]))
                codes.extend(_ring_codes(len(arr)))
            if vertices:
                paths.append(MplPath(np.concatenate(vertices), codes))
    borders: list[np.ndarray] = []
    border_geometry = data.get("borders") or {}
    lines = border_geometry.get("coordinates", []) if border_geometry.get("type") == "MultiLineString" else []
    for line in lines:
        arr = np.asarray(line, dtype=float)
        if len(arr) >= 2:
            borders.append(np.column_stack([arr[:, 0], mercator_y(arr[:, 1])]))
    return paths, borders

# Layout of the slide, in pixels from the bottom-left corner.
MAP_BOX = Box(40, 130, 1880, 884)


def map_extent(bounds: list[list[float]] | None, box: Box) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1) in lon / Mercator units: the selection with padding, at least a regional view, with the
    aspect ratio of the map box (so that one degree of longitude is as long as one Mercator degree)."""
    if bounds:
        (south, west), (north, east) = bounds
    else:  # nothing selected: the programme's region (the app's start view)
        south, west, north, east = -10.0, 90.0, 45.0, 160.0
    x0, x1 = float(west), float(east)
    y0, y1 = float(mercator_y(south)), float(mercator_y(north))
    pad_x = max((x1 - x0) * 0.06, 3.0)
    pad_y = max((y1 - y0) * 0.14, 3.0)
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
    if x1 - x0 < MIN_SPAN_LON:
        centre = (x0 + x1) / 2
        x0, x1 = centre - MIN_SPAN_LON / 2, centre + MIN_SPAN_LON / 2
    aspect = (box.x1 - box.x0) / (box.y1 - box.y0)
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    limit = float(mercator_y(MAX_MERCATOR_LAT))
    if height > 2 * limit:  # only for absurdly wide selections: the whole world
        height = 2 * limit
        width = height * aspect
    cy = min(max(cy, -limit + height / 2), limit - height / 2)
    return cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2


class _Slide:
    """Draws one slide. The overlay axes cover the whole figure with pixel coordinates (0..1920, 0..1080, from
    the bottom left); the map axes show lon / Mercator with an extent of exactly the map box's aspect."""

    def __init__(self, dataset: Dataset, selection: Selection, lang: str):
        self.dataset, self.selection, self.lang = dataset, selection, lang
        self.fonts = _fonts(lang)
        self.bold = "bold" if lang == "en" else "normal"  # Japanese slides: IPAexGothic has no bold face
        self.fig = Figure(figsize=(SLIDE_WIDTH / SLIDE_DPI, SLIDE_HEIGHT / SLIDE_DPI), dpi=SLIDE_DPI,
                          facecolor="white")
        self.canvas = FigureCanvasAgg(self.fig)
        self.overlay = self.fig.add_axes((0, 0, 1, 1), zorder=5)
        self.overlay.set_xlim(0, SLIDE_WIDTH)
        self.overlay.set_ylim(0, SLIDE_HEIGHT)
        self.overlay.set_axis_off()
        self.overlay.patch.set_alpha(0)
        box = MAP_BOX
        self.ax = self.fig.add_axes((box.x0 / SLIDE_WIDTH, box.y0 / SLIDE_HEIGHT, (box.x1 - box.x0) / SLIDE_WIDTH,
                                     (box.y1 - box.y0) / SLIDE_HEIGHT), zorder=1)
        self.renderer = self.canvas.get_renderer()
        self.nodes_px: list[tuple[dict[str, Any], float, float, float]] = []
        self.placed: list[Box] = []
        self.obstacles: list[Box] = []
        self.leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []
        self.inner = Box(MAP_BOX.x0 + 8, MAP_BOX.y0 + 8, MAP_BOX.x1 - 8, MAP_BOX.y1 - 8)
        self.omitted = 0

    # -- text ---------------------------------------------------------------------------------------------------

    def text(self, x: float, y: float, value: str, size_px: float, *, color: str = TEXT_COLOR,
             weight: str = "normal", ha: str = "left", va: str = "baseline", halo: float = 0.0, zorder: float = 10,
             **kwargs):
        fonts, weight = _family_and_weight(value, self.fonts, weight)
        artist = self.overlay.text(x, y, value, fontsize=_px_to_pt(size_px), color=color, fontweight=weight, ha=ha,
                                   va=va, fontfamily=fonts, parse_math=False, usetex=False, zorder=zorder, **kwargs)
        if halo:
            artist.set_path_effects([patheffects.withStroke(linewidth=_px_to_pt(halo), foreground="white")])
        return artist

    def text_size(self, value: str, size_px: float, weight: str = "normal") -> tuple[float, float]:
        fonts, weight = _family_and_weight(value, self.fonts, weight)
        probe = self.overlay.text(0, 0, value, fontsize=_px_to_pt(size_px), fontweight=weight, fontfamily=fonts,
                                  parse_math=False, usetex=False)
        extent = probe.get_window_extent(self.renderer)
        probe.remove()
        return extent.width, extent.height

    def fit_name(self, name: str, size_px: float, max_width: float) -> str:
        """``name``, shortened with an ellipsis if needed to fit in ``max_width`` pixels."""
        if self.text_size(name, size_px)[0] <= max_width:
            return name
        low, high = 1, len(name)
        while low < high:
            mid = (low + high + 1) // 2
            if self.text_size(name[:mid].rstrip() + "…", size_px)[0] <= max_width:
                low = mid
            else:
                high = mid - 1
        return name[:low].rstrip() + "…"

    def fit_text(self, value: str, size_px: float, max_width: float, weight: str = "normal") -> float:
        """The largest font size up to ``size_px`` at which ``value`` fits in ``max_width`` pixels."""
        width, _ = self.text_size(value, size_px, weight)
        if width <= max_width:
            return size_px
        return max(size_px * max_width / width * 0.98, size_px * 0.55)

    # -- drawing --------------------------------------------------------------------------------------------------

    def draw(self) -> bytes:
        links = select_links(self.dataset, self.selection)
        layers = build_network(self.dataset, links, self.lang)
        self.extent = map_extent(layers.bounds, MAP_BOX)
        self.draw_map(layers)
        if not layers.nodes["features"]:
            cx, cy = (MAP_BOX.x0 + MAP_BOX.x1) / 2, (MAP_BOX.y0 + MAP_BOX.y1) / 2
            self.text(cx, cy, i18n.t("no_links", self.lang), 30, ha="center", va="center", zorder=20,
                      bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#bbbbbb"})
        else:
            self.draw_labels()
        self.draw_header(headline(links))
        self.draw_footer(layers)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=SLIDE_DPI, facecolor="white",
                         metadata={"Software": "C2C Atlas (matplotlib)"})
        return buffer.getvalue()

    def to_px(self, x: Any, y: Any) -> np.ndarray:
        """Lon / Mercator -> slide pixels."""
        x0, x1, y0, y1 = self.extent
        box = MAP_BOX
        px = box.x0 + (np.asarray(x, dtype=float) - x0) / (x1 - x0) * (box.x1 - box.x0)
        py = box.y0 + (np.asarray(y, dtype=float) - y0) / (y1 - y0) * (box.y1 - box.y0)
        return np.column_stack([np.atleast_1d(px), np.atleast_1d(py)])

    def draw_map(self, layers: NetworkLayers) -> None:
        ax = self.ax
        x0, x1, y0, y1 = self.extent
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("auto")  # the extent already has the box's aspect: one lon degree = one Mercator degree
        ax.set_facecolor(SEA_COLOR)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#b8c4cc")
            spine.set_linewidth(_px_to_pt(1))

        paths, borders = _basemap_artist_data("110m")
        # The basemap covers [DISPLAY_WEST, DISPLAY_WEST + 360); a view beyond it gets shifted copies.
        shifts = [0.0] + ([-360.0] if x0 < DISPLAY_WEST else []) + ([360.0] if x1 > DISPLAY_WEST + 360 else [])
        for shift in shifts:
            offset = np.array([shift, 0.0])
            shifted = paths if shift == 0 else [MplPath(p.vertices + offset, p.codes) for p in paths]
            ax.add_collection(PathCollection(shifted, facecolors=LAND_COLOR, edgecolors=LAND_COLOR,
                                             linewidths=_px_to_pt(0.6), zorder=1))
            ax.add_collection(LineCollection([b + offset for b in borders], colors=BORDER_COLOR,
                                             linewidths=_px_to_pt(0.8 * _SCALE), zorder=2))

        def project(feature):
            coords = np.asarray(feature["geometry"]["coordinates"], dtype=float)
            return np.column_stack([coords[:, 0], mercator_y(coords[:, 1])])

        undated = layers.undated_lines["features"]
        if undated:
            ax.add_collection(LineCollection(
                [project(f) for f in undated], colors=UNDATED_COLOR, alpha=0.85,
                linewidths=_px_to_pt(1.6 * _SCALE), linestyles=[(0, (5, 6))], capstyle="butt", zorder=3))
        dated = sorted(layers.dated_lines["features"], key=lambda f: f["properties"]["n"])
        if dated:
            widths = [_px_to_pt(_SCALE * (1.6 + 1.4 * math.sqrt(max(f["properties"]["n"], 0)))) for f in dated]
            ax.add_collection(LineCollection([project(f) for f in dated], colors=DATED_COLOR, alpha=0.8,
                                             linewidths=widths, capstyle="round", joinstyle="round", zorder=4))

        nodes = layers.nodes["features"]
        for side, color, z in (("p", PARTNER_COLOR, 5), ("j", JP_COLOR, 6)):
            chosen = [f for f in nodes if f["properties"]["s"] == side]
            if not chosen:
                continue
            lon = np.array([f["geometry"]["coordinates"][0] for f in chosen])
            lat = np.array([f["geometry"]["coordinates"][1] for f in chosen])
            radius_px = np.array([_SCALE * (4 + 2.2 * math.sqrt(f["properties"]["d"])) for f in chosen])
            order = np.argsort(-radius_px)  # big circles first, small ones stay visible on top
            ax.scatter(lon[order], mercator_y(lat[order]), s=(2 * _px_to_pt(radius_px[order])) ** 2, c=color,
                       edgecolors="white", linewidths=_px_to_pt(1.5 * _SCALE), alpha=0.95, zorder=z)
            pixels = self.to_px(lon, mercator_y(lat))
            for feature, (px, py), r in zip(chosen, pixels, radius_px):
                self.nodes_px.append((feature, float(px), float(py), float(r)))

    # -- labels ---------------------------------------------------------------------------------------------------
    #
    # Small selections name every place; the layout must stay readable, so a label is never drawn over another
    # label or a place, and never where it would seem to name a neighbour. Places that crowd together (Japan's
    # municipalities, a cluster of partner cities) are listed in a column beside the cluster with leader lines,
    # north to south; isolated places get a label next to them. Whatever cannot be placed is left out and the
    # legend says so. Large selections name the partner countries instead.

    def _short_place(self, place_id: str) -> str:
        name = i18n.place_name(self.dataset, place_id, self.lang)
        if self.lang == "en":
            name = re.sub(r"\s*\([^)]*\)\s*$", "", name)  # "Metro Manila (National Capital Region)" -> "Metro Manila"
        return plain_text(name, 36)

    def draw_labels(self) -> None:
        self.obstacles = [Box(px - r - 2, py - r - 2, px + r + 2, py + r + 2) for _, px, py, r in self.nodes_px]
        if len(self.nodes_px) > MAX_LABELLED_NODES:
            self._label_countries()
            return
        japan = [n for n in self.nodes_px if n[0]["properties"]["s"] == "j"]
        partners = [n for n in self.nodes_px if n[0]["properties"]["s"] == "p"]
        japan_x = sum(n[1] for n in japan) / len(japan) if japan else None
        rest: list[Group] = []
        if len(japan) >= 4:
            if not self._label_column(single_groups(japan), JP_LABEL_COLOR, 16, ("east", "west")):
                rest += self._groups(japan)
        else:
            rest += self._groups(japan)
        groups = self._groups(partners)
        dense = [g for g in groups if self._is_dense(g)]
        isolated = [g for g in groups if not self._is_dense(g)]
        for cluster in self._clusters(dense):
            cx = sum(g.x for g in cluster) / len(cluster)
            sides = ("west", "east") if japan_x is None or cx < japan_x else ("east", "west")
            singles = single_groups([n for g in cluster for n in g.nodes])
            if len(singles) < 3 or not self._label_column(singles, PARTNER_LABEL_COLOR, 15, sides):
                isolated += cluster
        jp_ids = {n[0]["properties"]["i"] for n in japan}
        for group in rest:
            self._label_near(group, JP_LABEL_COLOR if group.ids[0] in jp_ids else PARTNER_LABEL_COLOR, 16)
        for group in sorted(isolated, key=lambda g: (-self._crowding(g), -g.degree)):
            self._label_near(group, PARTNER_LABEL_COLOR, 15)

    def _groups(self, nodes) -> list[Group]:
        """Places whose circles sit almost on top of each other on the slide share one label ("Koror State /
        Airai State"): at this scale they are one spot."""
        parent = list(range(len(nodes)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, (_, xi, yi, ri) in enumerate(nodes):
            for j in range(i + 1, len(nodes)):
                _, xj, yj, rj = nodes[j]
                if math.hypot(xi - xj, yi - yj) < 0.5 * (ri + rj):
                    parent[find(i)] = find(j)
        members: dict[int, list[int]] = {}
        for i in range(len(nodes)):
            members.setdefault(find(i), []).append(i)
        groups = []
        for indices in members.values():
            chosen = sorted((nodes[i] for i in indices), key=lambda n: (-n[0]["properties"]["d"], -n[2]))
            cx = sum(n[1] for n in chosen) / len(chosen)
            cy = sum(n[2] for n in chosen) / len(chosen)
            radius = max(math.hypot(n[1] - cx, n[2] - cy) + n[3] for n in chosen)
            groups.append(Group([n[0]["properties"]["i"] for n in chosen], [(n[1], n[2]) for n in chosen], cx, cy,
                                 radius, sum(n[0]["properties"]["d"] for n in chosen), chosen))
        return groups

    def _crowding(self, group: Group, distance: float = 60.0) -> int:
        return sum(1 for _, px, py, _ in self.nodes_px
                   if (px, py) not in group.centres and math.hypot(px - group.x, py - group.y) < distance)

    def _is_dense(self, group: Group) -> bool:
        return any((px, py) not in group.centres and math.hypot(px - group.x, py - group.y) < group.r + r + 26
                   for _, px, py, r in self.nodes_px)

    def _clusters(self, groups: list[Group]) -> list[list[Group]]:
        """Dense groups that are near each other form one cluster, labelled by one column."""
        clusters: list[list[Group]] = []
        for group in sorted(groups, key=lambda g: g.x):
            near = [c for c in clusters if any(math.hypot(g.x - group.x, g.y - group.y) < 90 for g in c)]
            merged = [group] + [g for c in near for g in c]
            clusters = [c for c in clusters if c not in near] + [merged]
        return clusters

    def _group_label(self, ids: list[str]) -> str:
        names = [self._short_place(i) for i in ids]
        sep = "・" if self.lang == "ja" else " / "
        shown = sep.join(names[:2])
        if len(names) > 2:
            shown += (" " if self.lang == "en" else "") + i18n.t("export_more", self.lang, n=len(names) - 2)
        return shown

    def _leader(self, px: float, py: float, r: float, x: float, y: float, color: str) -> None:
        angle = math.atan2(y - py, x - px)
        line = Line2D([px + r * math.cos(angle), x], [py + r * math.sin(angle), y], color=color,
                      linewidth=_px_to_pt(1.1), alpha=0.85, zorder=11, solid_capstyle="round")
        line.set_path_effects([patheffects.withStroke(linewidth=_px_to_pt(3.0), foreground="white", alpha=0.7)])
        self.overlay.add_line(line)
        self.leaders.append(((px, py), (x, y)))

    def _label_column(self, groups: list[Group], color: str, size: float, sides: tuple[str, ...]) -> bool:
        """One label per place in a column beside the places (on the first of ``sides`` that fits), north to
        south, each at its place's height where possible, with a leader line. A row that would run into another
        place or label is shortened with an ellipsis; the column is moved up or down a little if that avoids
        shortening. False if no side fits."""
        groups = sorted(groups, key=lambda g: (-g.y, g.x))
        full_names = [self._group_label(g.ids) for g in groups]
        widths = [self.text_size(n, size)[0] for n in full_names]
        step = max(self.text_size(n, size)[1] for n in full_names) + 5
        low, high = self.inner.y0 + step / 2, self.inner.y1 - step / 2
        base = spread([g.y for g in groups], step, low, high)
        if base is None:
            return False
        for side in sides:
            if side == "east":
                x = max(g.x + g.r for g in groups) + 40
                room = self.inner.x1 - x - 4
            else:
                x = min(g.x - g.r for g in groups) - 40
                room = x - self.inner.x0 - 4
            if room < 90:
                continue
            best = None
            for shift in (0, -0.5, 0.5, -1, 1, -1.5, 1.5, -2, 2, -3, 3, -4, 4):
                ys = [y + shift * step for y in base]
                if ys[0] > high or ys[-1] < low:
                    continue
                rooms = []
                for y in ys:  # the room of each row, up to the nearest place or label in its band
                    band = [o for o in self.placed + self.obstacles if o.y0 < y + step / 2 and o.y1 > y - step / 2]
                    if side == "east":
                        rooms.append(min([room] + [o.x0 - x - 6 for o in band if o.x1 > x - 2]))
                    else:
                        rooms.append(min([room] + [x - o.x1 - 6 for o in band if o.x0 < x + 2]))
                if min(rooms) < 70:
                    continue
                shortened = sum(1 for w, r in zip(widths, rooms) if w > r)
                if best is None or shortened < best[0]:
                    best = (shortened, ys, rooms)
                if shortened == 0:
                    break
            if best is None:
                continue
            _, ys, rooms = best
            names = [self.fit_name(n, size, r) for n, r in zip(full_names, rooms)]
            sizes = [self.text_size(n, size) for n in names]
            if side == "east":
                boxes = [Box(x - 2, y - h / 2 - 1, x + w + 2, y + h / 2 + 1) for (w, h), y in zip(sizes, ys)]
            else:
                boxes = [Box(x - w - 2, y - h / 2 - 1, x + 2, y + h / 2 + 1) for (w, h), y in zip(sizes, ys)]
            if not all(b.inside(self.inner) for b in boxes):
                continue
            if any(b.overlaps(o) for b in boxes for o in self.placed + self.obstacles):
                continue
            for group, name, y, box in zip(groups, names, ys, boxes):
                self.text(x, y, name, size, ha="left" if side == "east" else "right", va="center", color=color,
                          halo=3.5, zorder=12)
                self.placed.append(box)
                self._leader(group.x, group.y, group.r, x - 4 if side == "east" else x + 4, y, color)
            return True
        return False

    # (angle, ha, va) around a place: right and left first (they read best), then the diagonals, then above/below.
    _DIRECTIONS = [(0, "left", "center"), (180, "right", "center")] + [
        (a, "left" if math.cos(math.radians(a)) > 0.2 else "right" if math.cos(math.radians(a)) < -0.2 else "center",
         "bottom" if math.sin(math.radians(a)) > 0 else "top")
        for a in (30, 330, 150, 210, 60, 300, 120, 240, 90, 270)]
    _RADII = (3, 12, 26, 44, 66, 92, 122, 156)
    _LEADER_FROM = 2  # radii from this index on get a leader line

    def _label_near(self, group: Group, color: str, size: float) -> None:
        name = self._group_label(group.ids)
        width, height = self.text_size(name, size)
        spot = self._find_spot(group, width, height)
        if spot is None:
            self.omitted += len(group.ids)
            return
        x, y, ha, va, box, leader = spot
        self.text(x, y, name, size, ha=ha, va=va, color=color, halo=3.5, zorder=12)
        self.placed.append(box)
        if leader:
            self._leader(group.x, group.y, group.r, x, y, color)

    def _find_spot(self, group: Group, width: float, height: float, *, unambiguous: bool = True):
        px, py, r = group.x, group.y, group.r
        others = [(ox, oy, orr) for _, ox, oy, orr in self.nodes_px if (ox, oy) not in group.centres]
        for step, extra in enumerate(self._RADII):
            radius = r + extra
            leader = step >= self._LEADER_FROM
            for angle, ha, va in self._DIRECTIONS:
                rad = math.radians(angle)
                x, y = px + radius * math.cos(rad), py + radius * math.sin(rad)
                bx0 = x if ha == "left" else x - width if ha == "right" else x - width / 2
                by0 = y - height / 2 if va == "center" else y if va == "bottom" else y - height
                box = Box(bx0 - 2, by0 - 1, bx0 + width + 2, by0 + height + 1)
                if not box.inside(self.inner):
                    continue
                if any(box.overlaps(o) for o in self.placed) or any(box.overlaps(o) for o in self.obstacles):
                    continue
                if unambiguous:
                    own = box.distance(px, py) - r
                    if leader:
                        # the label must not hug another place, and its leader must not cross labels or places
                        if any(box.distance(ox, oy) < orr + 12 for ox, oy, orr in others):
                            continue
                        if self._leader_blocked(px, py, r, x, y, others):
                            continue
                    elif any(box.distance(ox, oy) - orr <= own + 4 for ox, oy, orr in others):
                        continue  # another place is as close to the label as its own place: ambiguous
                return x, y, ha, va, box, leader
        return None

    def _leader_blocked(self, px, py, r, x, y, others) -> bool:
        length = math.hypot(x - px, y - py)
        if length <= r:
            return False
        for k in range(1, 12):
            t = k / 12
            sx, sy = px + (x - px) * t, py + (y - py) * t
            if math.hypot(sx - px, sy - py) <= r + 1:
                continue
            if any(b.x0 <= sx <= b.x1 and b.y0 <= sy <= b.y1 for b in self.placed):
                return True
            if any(math.hypot(sx - ox, sy - oy) < orr + 3 for ox, oy, orr in others):
                return True
        return any(segments_cross((px, py), (x, y), a, b) for a, b in self.leaders)

    def _label_countries(self) -> None:
        """Many places: name the partner countries (next to their places' centre) instead of every place."""
        points: dict[str, list[tuple[float, float]]] = {}
        for feature, px, py, _ in self.nodes_px:
            if feature["properties"]["s"] != "p":
                continue
            code = str(self.dataset.cities.loc[feature["properties"]["i"], "country_code"])
            points.setdefault(code, []).append((px, py))
        for code, centres in sorted(points.items(), key=lambda kv: -len(kv[1])):
            name = plain_text(i18n.country_name(self.dataset, code, self.lang), 24)
            cx = sum(p[0] for p in centres) / len(centres)
            cy = sum(p[1] for p in centres) / len(centres)
            width, height = self.text_size(name, 17, self.bold)
            spot = self._find_spot(Group([code], [], cx, cy, 6, 0), width, height, unambiguous=False)
            if spot is None:
                continue
            x, y, ha, va, box, _ = spot
            self.text(x, y, name, 17, ha=ha, va=va, color=PARTNER_LABEL_COLOR, weight=self.bold, halo=4, zorder=12)
            self.placed.append(box)

    # -- header and footer ----------------------------------------------------------------------------------------

    def draw_header(self, numbers: dict[str, int]) -> None:
        title = title_text(self.selection, self.lang)
        self.text(40, 1080 - 62, title, self.fit_text(title, 42, SLIDE_WIDTH - 80, self.bold), weight=self.bold)
        filters = filter_summary(self.dataset, self.selection, self.lang)
        note = coverage_note(self.dataset, self.selection, self.lang)
        sub = plain_text("  ·  ".join(p for p in (filters, note) if p))
        self.text(40, 1080 - 104, sub, self.fit_text(sub, 22, SLIDE_WIDTH - 80), color=MUTED_COLOR)
        # key figures: one row of big numbers with their labels
        x = 40.0
        baseline = MAP_BOX.y1 + 22
        for key, label in HEADLINE_METRICS:
            value = f"{numbers[key]:,}"
            self.text(x, baseline, value, 46, weight=self.bold)
            width, _ = self.text_size(value, 46, self.bold)
            label_text = i18n.t(label, self.lang)
            self.text(x + width + 10, baseline + 2, label_text, 20, color=MUTED_COLOR)
            label_width, _ = self.text_size(label_text, 20)
            x += width + 10 + label_width + 48

    def draw_footer(self, layers: NetworkLayers) -> None:
        # legend: one row under the map
        x, y = 40.0, MAP_BOX.y0 - 30
        entries: list[tuple[str, str]] = [("jp", "legend_jp"), ("partner", "legend_partner")]
        if layers.dated_lines["features"] or not layers.undated_lines["features"]:
            entries.append(("dated", "legend_dated"))
        if layers.undated_lines["features"]:
            entries.append(("undated", "legend_undated"))
        for kind, key in entries:
            if kind in ("jp", "partner"):
                self.overlay.scatter([x + 10], [y + 6], s=(2 * _px_to_pt(9)) ** 2, c=JP_COLOR if kind == "jp"
                                     else PARTNER_COLOR, edgecolors="white", linewidths=_px_to_pt(2), zorder=10)
                x += 28
            else:
                style = ({"color": DATED_COLOR, "alpha": 0.8, "linewidth": _px_to_pt(_SCALE * 3.0),
                          "solid_capstyle": "round"} if kind == "dated" else
                         {"color": UNDATED_COLOR, "alpha": 0.85, "linewidth": _px_to_pt(_SCALE * 1.6),
                          "linestyle": (0, (5, 6))})
                self.overlay.add_line(Line2D([x, x + 38], [y + 6, y + 6], **style))
                x += 48
            label = i18n.t(key, self.lang)
            self.text(x, y, label, 18)
            x += self.text_size(label, 18)[0] + 34
        notes = [i18n.t("legend_weight", self.lang)]
        if self.omitted:
            notes.append(i18n.t("export_labels_omitted", self.lang))
        note = plain_text(" · ".join(notes))
        self.text(x, y, note, self.fit_text(note, 16, SLIDE_WIDTH - 40 - x), color=MUTED_COLOR)
        source = i18n.t("source_line", self.lang)
        disclaimer = i18n.t("disclaimer", self.lang)
        self.text(40, 40, source, self.fit_text(source, 16, SLIDE_WIDTH - 300), color=MUTED_COLOR)
        self.text(40, 16, disclaimer, self.fit_text(disclaimer, 14, SLIDE_WIDTH - 300), color="#777777")
        self.text(SLIDE_WIDTH - 40, 16, "Basemap: Natural Earth", 13, ha="right", color="#999999")

_RENDER_LOCK = threading.Lock()


def slide_png(dataset: Dataset, selection: Selection, lang: str = "ja") -> bytes:
    """A 1920×1080 PNG of the selection's map with title, key figures, legend, source and disclaimer.

    Rendered with matplotlib's Agg canvas on a private Figure (pyplot is never used); renders are serialised
    because the app runs download callables on worker threads and matplotlib's text layout is not
    guaranteed thread-safe."""
    with _RENDER_LOCK:
        return _Slide(dataset, selection, lang).draw()
