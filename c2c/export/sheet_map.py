"""The small map of a profile (its page and its A4 sheet): the profile's lines alone, as a PNG.

A thin wrapper around the slide renderer (:mod:`c2c.export.slide`): same basemap, great circles, insets for far
partners (:mod:`c2c.export.extent`) and label placer (:mod:`c2c.export.labels`), on a figure of its own size and
without the slide's header and footer. For a black-and-white print the line *styles* carry the meaning (dated
projects solid, participation-list links dashed, as on the slide) and Japanese municipalities are drawn as
squares, partner places as circles; the subject of a place profile gets a heavier outline.
"""

from __future__ import annotations

import io

import pandas as pd
from matplotlib.markers import MarkerStyle

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection
from c2c.export import slide
from c2c.export.extent import plan_map
from c2c.export.labels import Box
from c2c.map.network import build_network
from c2c.text import i18n

MAP_WIDTH, MAP_HEIGHT = 1200, 660  # px at slide.SLIDE_DPI; shown ~180 mm wide on the sheet (labels ~7 pt)


class _ProfileMap(slide._Slide):
    """A slide with only the map: a figure of ``width`` × ``height`` pixels whose whole area is the map box."""

    def __init__(self, dataset: Dataset, selection: Selection, lang: str, width: int, height: int,
                 highlight: str | None):
        super().__init__(dataset, selection, lang, "4:3")
        self.width, self.height = width, height
        self.fig.set_size_inches(width / slide.SLIDE_DPI, height / slide.SLIDE_DPI)
        self.overlay.set_xlim(0, width)
        self.overlay.set_ylim(0, height)
        self.box = Box(0, 0, width, height)
        self.renderer = self.canvas.get_renderer()
        self.highlight = highlight

    def draw_profile(self, links: pd.DataFrame) -> bytes:
        layers = build_network(self.dataset, links, self.lang)
        features = layers.nodes["features"]
        points = [(f["properties"]["i"], float(f["geometry"]["coordinates"][0]),
                   float(slide.mercator_y(f["geometry"]["coordinates"][1]))) for f in features]
        fixed = {f["properties"]["i"] for f in features if f["properties"]["s"] == "j"}
        plan = plan_map(points, self.width, self.height, y_limit=float(slide.mercator_y(slide.MAX_MERCATOR_LAT)),
                        fixed=fixed)
        main = slide._Frame(self._axes(self.box, 1), self.box, plan.extent)
        main_nodes, main_lines = self.draw_map(main, layers, exclude=plan.inset_ids)
        self._restyle(main.ax)
        insets = []
        for inset in plan.insets:
            x0, y0, x1, y1 = inset.box
            frame = slide._Frame(self._axes(Box(x0, y0, x1, y1), 3), Box(x0, y0, x1, y1), inset.extent)
            nodes, lines = self.draw_map(frame, layers, only=set(inset.ids), inset=True)
            self._restyle(frame.ax)
            insets.append((frame, nodes, lines))
        if not features:
            self.text(self.width / 2, self.height / 2, i18n.t("no_links", self.lang), 26, ha="center",
                      va="center", zorder=20)
        else:
            inner = Box(8, 8, self.width - 8, self.height - 8)
            obstacles = [Box(f.box.x0 - 6, f.box.y0 - 6, f.box.x1 + 6, f.box.y1 + 6) for f, _, _ in insets]
            self.draw_labels(main_nodes, inner, obstacles, main_lines)
            for frame, nodes, lines in insets:
                box = frame.box
                self.draw_labels(nodes, Box(box.x0 + 4, box.y0 + 4, box.x1 - 4, box.y1 - 4), [], lines)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=slide.SLIDE_DPI, facecolor="white",
                         metadata={"Software": "C2C Atlas (matplotlib)"})
        return buffer.getvalue()

    def _restyle(self, ax) -> None:
        """Japanese municipalities as squares (the slide draws them above the partners, at zorder 6), so that
        the two sides differ in a black-and-white print too; the highlighted place with a black outline."""
        square = MarkerStyle("s").get_path().transformed(MarkerStyle("s").get_transform())
        for collection in ax.collections:
            if collection.get_zorder() == 6 and hasattr(collection, "set_paths") \
                    and type(collection).__name__ == "PathCollection":
                collection.set_paths([square])
        if self.highlight:
            for lon, lat, side in self._highlight_points():
                ax.scatter([lon], [slide.mercator_y(lat)], s=(2 * slide._px_to_pt(16)) ** 2, facecolors="none",
                           edgecolors="black", linewidths=slide._px_to_pt(2.5), zorder=7,
                           marker="s" if side == "japan" else "o")

    def _highlight_points(self) -> list[tuple[float, float, str]]:
        from geo.geometry import to_display_lon

        if self.highlight not in self.dataset.cities.index:
            return []
        city = self.dataset.cities.loc[self.highlight]
        return [(to_display_lon(float(city["lon"])), float(city["lat"]), str(city["side"]))]


def profile_map_png(dataset: Dataset, links: pd.DataFrame, lang: str, *, highlight: str | None = None,
                    width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> bytes:
    """The profile's lines (``links``) on a ``width`` × ``height`` PNG; ``highlight``: a place id to ring."""
    with slide._RENDER_LOCK:
        drawn = _ProfileMap(dataset, Selection(), lang, width, height, highlight)
        return drawn.draw_profile(links)
