"""The slide: a 1920×1080 (16:9) or 1440×1080 (4:3) PNG of the selection, rendered with matplotlib (Agg) and no browser.

Japanese text uses IPAexGothic from ``matplotlib-fontja`` (DejaVu Sans as the per-glyph fallback). Data text is
always plain text: every ``Text`` is created with ``parse_math=False`` and ``usetex=False``, so a name such as
``$\\frac{1}{2}$`` is drawn literally and can neither be typeset as math nor make mathtext raise.
The map uses Web Mercator like the app, so shapes and line curvature match what users saw on screen. Layout:
title with the fiscal years, a line with the other filters and how complete the data is for those years, the
key figures, the map (fitted to the selection, never narrower than a regional view; a partner far from the rest
goes into an inset, :mod:`c2c.export.extent`), a legend row, the source line naming the publications of the rows
shown, and the boundary disclaimer. Up to :data:`MAX_LABELLED_NODES` places are named, each right by its own
dot and nearer to it than to any other (placed by :mod:`c2c.export.labels`; no leader lines, nothing overlaps,
no name is shortened or set smaller); a place that cannot be named so (a crowded cluster) gets a numbered badge
and a line in the key drawn on the map. Larger selections name every Japanese place the same way and the
partner countries instead of the partner places (the legend says when a country name had to be left out).
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
from matplotlib.patches import FancyBboxPatch
from matplotlib.path import Path as MplPath

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links
from c2c.core.stats import HEADLINE_METRICS, headline
from c2c.export.captions import coverage_note, filter_summary, selection_source_line, title_text
from c2c.export.extent import MapPlan, plan_map
from c2c.export.labels import Box, LabelPlacer, Node
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


# Layout of the slide, in pixels from the bottom-left corner; the width depends on the aspect.
ASPECTS = {"16:9": (1920, 1080), "4:3": (1440, 1080)}
_LABEL_COLORS = {"jp": JP_LABEL_COLOR, "partner": PARTNER_LABEL_COLOR, "country": PARTNER_LABEL_COLOR,
                 "jp-number": JP_LABEL_COLOR, "partner-number": PARTNER_LABEL_COLOR}
NUMBER_SIZE = 15  # px: a number standing in for a name on the map, and in the key
KEY_SIZE = 15
KEY_TEXT_WIDTH = 520  # px: a key line longer than this wraps after a separator


def map_box(width: int = SLIDE_WIDTH) -> Box:
    return Box(40, 130, width - 40, 884)


MAP_BOX = map_box()


def map_plan(layers: NetworkLayers, width: int = SLIDE_WIDTH) -> MapPlan:
    """The main map's extent (lon / Mercator, with the map box's aspect) and its insets for far partners."""
    box = map_box(width)
    features = layers.nodes["features"]
    points = [(f["properties"]["i"], float(f["geometry"]["coordinates"][0]),
               float(mercator_y(f["geometry"]["coordinates"][1]))) for f in features]
    fixed = {f["properties"]["i"] for f in features if f["properties"]["s"] == "j"}
    return plan_map(points, box.x1 - box.x0, box.y1 - box.y0, y_limit=float(mercator_y(MAX_MERCATOR_LAT)),
                    fixed=fixed)


class _Frame:
    """One map axes (the main map or an inset): its box in slide pixels and its lon / Mercator extent."""

    def __init__(self, ax, box: Box, extent: tuple[float, float, float, float]):
        self.ax, self.box, self.extent = ax, box, extent

    def to_px(self, x: Any, y: Any) -> np.ndarray:
        x0, x1, y0, y1 = self.extent
        box = self.box
        px = box.x0 + (np.asarray(x, dtype=float) - x0) / (x1 - x0) * (box.x1 - box.x0)
        py = box.y0 + (np.asarray(y, dtype=float) - y0) / (y1 - y0) * (box.y1 - box.y0)
        return np.column_stack([np.atleast_1d(px), np.atleast_1d(py)])


class _Slide:
    """Draws one slide. The overlay axes cover the whole figure with pixel coordinates (0..width, 0..1080, from
    the bottom left); each map axes shows lon / Mercator with an extent of exactly its box's aspect."""

    def __init__(self, dataset: Dataset, selection: Selection, lang: str, aspect: str = "16:9"):
        if aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {aspect!r} (expected one of {', '.join(ASPECTS)})")
        self.dataset, self.selection, self.lang = dataset, selection, lang
        self.width, self.height = ASPECTS[aspect]
        self.box = map_box(self.width)
        self.fonts = _fonts(lang)
        self.bold = "bold" if lang == "en" else "normal"  # Japanese slides: IPAexGothic has no bold face
        self.fig = Figure(figsize=(self.width / SLIDE_DPI, self.height / SLIDE_DPI), dpi=SLIDE_DPI,
                          facecolor="white")
        self.canvas = FigureCanvasAgg(self.fig)
        self.overlay = self.fig.add_axes((0, 0, 1, 1), zorder=5)
        self.overlay.set_xlim(0, self.width)
        self.overlay.set_ylim(0, self.height)
        self.overlay.set_axis_off()
        self.overlay.patch.set_alpha(0)
        self.renderer = self.canvas.get_renderer()
        self.omitted = 0
        self.inset_names: list[str] = []
        self.label_artists: list = []  # the map's label texts (tests measure their rendered boxes)
        self.numbered: list = []  # (number, place ids, the badge's text) for the places named in the key
        self.key_rows: list = []  # (number badge, names) texts of the key
        self.bold_latin = "bold"  # numbers are Latin digits: DejaVu Sans Bold has them in both languages

    def _axes(self, box: Box, zorder: float):
        return self.fig.add_axes((box.x0 / self.width, box.y0 / self.height, (box.x1 - box.x0) / self.width,
                                  (box.y1 - box.y0) / self.height), zorder=zorder)

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

    def measure(self, value: str, size_px: float, bold: bool = False) -> tuple[float, float]:
        return self.text_size(value, size_px, self.bold if bold else "normal")

    def fit_text(self, value: str, size_px: float, max_width: float, weight: str = "normal") -> float:
        """The largest font size up to ``size_px`` at which ``value`` fits in ``max_width`` pixels."""
        width, _ = self.text_size(value, size_px, weight)
        if width <= max_width:
            return size_px
        return size_px * max_width / width * 0.98

    # -- drawing --------------------------------------------------------------------------------------------------

    def draw(self) -> bytes:
        links = select_links(self.dataset, self.selection)
        layers = build_network(self.dataset, links, self.lang)
        plan = map_plan(layers, self.width)
        main = _Frame(self._axes(self.box, 1), self.box, plan.extent)
        main_nodes, main_lines = self.draw_map(main, layers, exclude=plan.inset_ids)
        insets = []
        for inset in plan.insets:
            x0, y0, x1, y1 = inset.box
            box = Box(self.box.x0 + x0, self.box.y0 + y0, self.box.x0 + x1, self.box.y0 + y1)
            frame = _Frame(self._axes(box, 3), box, inset.extent)
            nodes, lines = self.draw_map(frame, layers, only=set(inset.ids), inset=True)
            insets.append((frame, nodes, lines))
            codes = list(dict.fromkeys(n.country for n in nodes))
            self.inset_names += [i18n.country_name(self.dataset, c, self.lang) for c in codes]
        if not layers.nodes["features"]:
            cx, cy = (self.box.x0 + self.box.x1) / 2, (self.box.y0 + self.box.y1) / 2
            self.text(cx, cy, i18n.t("no_links", self.lang), 30, ha="center", va="center", zorder=20,
                      bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#bbbbbb"})
        else:
            inner = Box(self.box.x0 + 8, self.box.y0 + 8, self.box.x1 - 8, self.box.y1 - 8)
            obstacles = [Box(f.box.x0 - 6, f.box.y0 - 6, f.box.x1 + 6, f.box.y1 + 6) for f, _, _ in insets]
            inset_dots = [(n.x, n.y) for _, nodes, _ in insets for n in nodes]
            main = self.draw_labels(main_nodes, inner, obstacles, main_lines, foreign=inset_dots)
            key = list(main.key)
            for frame, nodes, lines in insets:
                box = frame.box
                others = [(n.x, n.y) for n in main_nodes] + [d for d in inset_dots
                                                             if d not in {(n.x, n.y) for n in nodes}]
                placer = self.draw_labels(nodes, Box(box.x0 + 4, box.y0 + 4, box.x1 - 4, box.y1 - 4), [], lines,
                                          foreign=others, first_number=len(key) + 1)
                key += placer.key
            if key:
                self.draw_key(main, key)
        self.draw_header(headline(links))
        self.draw_footer(layers)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=SLIDE_DPI, facecolor="white",
                         metadata={"Software": "C2C Atlas (matplotlib)"})
        return buffer.getvalue()

    def draw_map(self, frame: _Frame, layers: NetworkLayers, *, exclude: set[str] = frozenset(),
                 only: set[str] | None = None, inset: bool = False) -> tuple[list[Node], list[list]]:
        """Basemap, lines and places in one frame; returns the places it shows (in slide pixels) and its lines
        as pixel polylines."""
        ax = frame.ax
        x0, x1, y0, y1 = frame.extent
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("auto")  # the extent already has the box's aspect: one lon degree = one Mercator degree
        ax.set_facecolor(SEA_COLOR)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#6b7b86" if inset else "#b8c4cc")
            spine.set_linewidth(_px_to_pt(2.5 if inset else 1))

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
        lines_px = [[(float(px), float(py)) for px, py in frame.to_px(*project(f).T)] for f in dated + undated]

        shown: list[Node] = []
        nodes = [f for f in layers.nodes["features"]
                 if f["properties"]["i"] not in exclude and (only is None or f["properties"]["i"] in only)]
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
            pixels = frame.to_px(lon, mercator_y(lat))
            for feature, (px, py), r in zip(chosen, pixels, radius_px):
                place_id = feature["properties"]["i"]
                code = (str(self.dataset.cities.loc[place_id, "country_code"])
                        if place_id in self.dataset.cities.index else "")
                shown.append(Node(place_id, side, float(px), float(py), float(r), int(feature["properties"]["d"]),
                                  code))
        return shown, lines_px

    # -- labels ---------------------------------------------------------------------------------------------------

    def _short_place(self, place_id: str) -> str:
        name = i18n.place_name(self.dataset, place_id, self.lang)
        if self.lang == "en":
            name = re.sub(r"\s*\([^)]*\)\s*$", "", name)  # "Metro Manila (National Capital Region)" -> "Metro Manila"
        return plain_text(name)

    def _group_label(self, ids: list[str]) -> str:
        names = [self._short_place(i) for i in ids]
        sep = "・" if self.lang == "ja" else " / "
        shown = sep.join(names[:2])
        if len(names) > 2:
            shown += (" " if self.lang == "en" else "") + i18n.t("export_more", self.lang, n=len(names) - 2)
        return shown

    def draw_labels(self, nodes: list[Node], inner: Box, obstacles: list[Box], lines: list[list], *,
                    foreign: list[tuple[float, float]] = (), first_number: int = 1) -> LabelPlacer:
        """Place the labels with :class:`c2c.export.labels.LabelPlacer` (pure geometry) and draw them; a number
        standing in for names is drawn in a white badge ringed in its side's colour (listed by :meth:`draw_key`)."""
        placer = LabelPlacer(
            nodes, inner=inner, measure=self.measure, name=self._group_label, obstacles=obstacles, lines=lines,
            country_name=lambda code: plain_text(i18n.country_name(self.dataset, code, self.lang)),
            max_labelled=MAX_LABELLED_NODES, number_size=NUMBER_SIZE, foreign=foreign, first_number=first_number)
        for label in placer.place():
            color = _LABEL_COLORS[label.kind]
            if label.kind.endswith("number"):
                artist = self.number_badge(label.x, label.y, label.text, color)
                self.numbered.append((label.text, label.ids, artist))
                continue
            bold = label.kind == "country"
            artist = self.text(label.x, label.y, label.text, label.size, ha=label.ha, va=label.va, color=color,
                               weight=self.bold if bold else "normal", halo=4 if bold else 3.5, zorder=12)
            self.label_artists.append(artist)
        self.omitted += placer.omitted
        return placer

    def number_badge(self, x: float, y: float, number: str, color: str):
        return self.text(x, y, number, NUMBER_SIZE, ha="center", va="center", color=color, weight=self.bold_latin,
                         zorder=13, bbox={"boxstyle": "round,pad=0.22", "facecolor": "white", "edgecolor": color,
                                          "linewidth": _px_to_pt(1.8)})

    def draw_key(self, placer: LabelPlacer, key: list[tuple[str, str, tuple[str, ...]]]) -> None:
        """The key to the numbered places, in a white box on the map where it covers no place or label and
        the fewest lines (in one to three columns, whichever crosses fewer): each number in its badge, then
        every place it stands for, north to south, wrapped at a separator when the line would be long."""
        sep = "・" if self.lang == "ja" else " / "
        places = {n.id: n for n in placer.nodes}
        size, pad, badge, room = KEY_SIZE, 10.0, 30.0, KEY_TEXT_WIDTH
        rows = []
        for number, kind, ids in key:
            ids = sorted(ids, key=lambda i: -places[i].y if i in places else 0)
            lines = [""]
            for name in (self._short_place(i) for i in ids):
                joined = lines[-1] + sep + name if lines[-1] else name
                if lines[-1] and self.text_size(joined + sep.rstrip(), size)[0] > room:
                    lines[-1] += sep.rstrip()
                    lines.append(name)
                else:
                    lines[-1] = joined
            text = "\n".join(lines)
            rows.append((number, kind, text, *self.text_size(text, size)))
        title = i18n.t("export_key_title", self.lang)
        title_w, title_h = self.text_size(title, size, self.bold)
        choices = []
        for columns in range(1, min(3, len(rows)) + 1):
            per = math.ceil(len(rows) / columns)
            cols = [rows[c * per:(c + 1) * per] for c in range(columns) if rows[c * per:(c + 1) * per]]
            col_w = [max(badge + r[3] for r in col) + 16 for col in cols]
            width = max(sum(col_w) - 16, title_w) + 2 * pad
            height = title_h + 8 + max(sum(r[4] + 8 for r in col) for col in cols) + 2 * pad
            found = placer.key_spot(width, height)
            if found is not None:
                choices.append((found[1], columns, found[0], cols, col_w))
        if choices:
            _, _, spot, cols, col_w = min(choices, key=lambda c: (c[0], c[1]))
            placer.take(spot)
        else:  # no free room on the map: the key goes over its lower left corner
            cols, col_w = [rows], [max(badge + r[3] for r in rows) + 16]
            height = title_h + 8 + sum(r[4] + 8 for r in rows) + 2 * pad
            spot = Box(placer.inner.x0, placer.inner.y0, placer.inner.x0 + max(col_w[0] - 16, title_w) + 2 * pad,
                       placer.inner.y0 + height)
        self.overlay.add_patch(FancyBboxPatch((spot.x0, spot.y0), spot.x1 - spot.x0, spot.y1 - spot.y0,
                                              boxstyle="round,pad=0,rounding_size=6", facecolor="white",
                                              edgecolor="#8a969e", linewidth=_px_to_pt(1.2), alpha=0.96, zorder=14))
        top = spot.y1 - pad
        self.text(spot.x0 + pad, top, title, size, weight=self.bold, va="top", color=MUTED_COLOR, zorder=15)
        x = spot.x0 + pad
        for col, w in zip(cols, col_w):
            y = top - title_h - 8
            for number, kind, text, _, text_h in col:
                color = _LABEL_COLORS[kind]
                first_line = self.text_size(text.split("\n")[0], size)[1]
                badge_artist = self.number_badge(x + 11, y - first_line / 2, number, color)
                badge_artist.set_zorder(15)
                names_artist = self.text(x + badge, y, text, size, va="top", color=color, zorder=15)
                self.key_rows.append((badge_artist, names_artist))
                y -= text_h + 8
            x += w

    # -- header and footer ----------------------------------------------------------------------------------------

    def draw_header(self, numbers: dict[str, int]) -> None:
        room = self.width - 80
        title = title_text(self.selection, self.lang)
        self.text(40, self.height - 62, title, self.fit_text(title, 42, room, self.bold), weight=self.bold)
        filters = filter_summary(self.dataset, self.selection, self.lang)
        note = coverage_note(self.dataset, self.selection, self.lang)
        sub = plain_text("  ·  ".join(p for p in (filters, note) if p))
        self.text(40, self.height - 104, sub, self.fit_text(sub, 22, room), color=MUTED_COLOR)
        # key figures: one row of big numbers with their labels, set smaller when the row would not fit
        items = [(f"{numbers[key]:,}", i18n.t(label, self.lang)) for key, label in HEADLINE_METRICS]
        scale = 1.0
        for _ in range(6):
            total = sum(self.text_size(v, 46 * scale, self.bold)[0] + 10 + self.text_size(t, 20 * scale)[0]
                        + 48 * scale for v, t in items) - 48 * scale
            if total <= room:
                break
            scale *= max(room / total, 0.8) * 0.99
        x = 40.0
        baseline = self.box.y1 + 22
        for value, label_text in items:
            self.text(x, baseline, value, 46 * scale, weight=self.bold)
            width, _ = self.text_size(value, 46 * scale, self.bold)
            self.text(x + width + 10, baseline + 2, label_text, 20 * scale, color=MUTED_COLOR)
            x += width + 10 + self.text_size(label_text, 20 * scale)[0] + 48 * scale

    def draw_footer(self, layers: NetworkLayers) -> None:
        # legend: one row under the map
        x, y = 40.0, self.box.y0 - 30
        entries: list[tuple[str, str]] = [("jp", "legend_jp"), ("partner", "legend_partner")]
        if layers.dated_lines["features"] or not layers.undated_lines["features"]:
            entries.append(("dated", "legend_dated"))
        if layers.undated_lines["features"]:
            entries.append(("undated", "legend_undated"))
        size = 18 if self.width >= 1920 else 16
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
            self.text(x, y, label, size)
            x += self.text_size(label, size)[0] + 28
        notes = [i18n.t("legend_weight", self.lang)]
        if self.inset_names:
            notes.append(i18n.t("export_inset_note", self.lang, names=i18n.join(self.inset_names, self.lang)))
        if self.omitted:
            notes.append(i18n.t("export_labels_omitted", self.lang))
        note = plain_text(" · ".join(notes))
        room = self.width - 40 - x
        if self.text_size(note, 16)[0] * 0.85 > room:  # it would be set too small here: the line below
            self.text(40, y - 24, note, self.fit_text(note, 15, self.width - 80), color=MUTED_COLOR)
        else:
            self.text(x, y, note, self.fit_text(note, 16, room), color=MUTED_COLOR)
        room = self.width - 80

        def fits(text: str) -> bool:
            return self.text_size(text, 16)[0] <= room

        source = selection_source_line(self.dataset, self.selection, self.lang, fits=fits)
        disclaimer = i18n.t("disclaimer", self.lang)
        self.text(40, 40, source, self.fit_text(source, 16, room), color=MUTED_COLOR)
        self.text(40, 16, disclaimer, self.fit_text(disclaimer, 14, self.width - 300), color="#777777")
        self.text(self.width - 40, 16, "Basemap: Natural Earth", 13, ha="right", color="#999999")


_RENDER_LOCK = threading.Lock()


def render_slide(dataset: Dataset, selection: Selection, lang: str = "ja", aspect: str = "16:9") -> tuple[bytes,
                                                                                                          _Slide]:
    """The PNG and the drawn slide (tests read its label texts' rendered boxes)."""
    with _RENDER_LOCK:
        drawn = _Slide(dataset, selection, lang, aspect)
        return drawn.draw(), drawn


def slide_png(dataset: Dataset, selection: Selection, lang: str = "ja", aspect: str = "16:9") -> bytes:
    """A 1920×1080 (16:9) or 1440×1080 (4:3) PNG of the selection's map with title, key figures, legend, source
    and disclaimer; a partner far from the rest is drawn in an inset.

    Rendered with matplotlib's Agg canvas on a private Figure (pyplot is never used); renders are serialised
    because the app runs download callables on worker threads and matplotlib's text layout is not
    guaranteed thread-safe."""
    return render_slide(dataset, selection, lang, aspect)[0]
