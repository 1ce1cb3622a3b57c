"""What a slide's map shows: the extent that fits the selected places, and insets for far-away partners.

Pure geometry (no matplotlib): points are (id, x, y) in longitude / Web-Mercator "degrees" (Pacific-centred
longitudes, as :mod:`geo.geometry` gives them). A partner far from the rest -- Renca in Chile beside Asia, the
Maldives beside Japan -- would otherwise make most of the slide empty ocean, so :func:`plan_map` moves it into an
inset (a small map in a corner, a "map break") when that at least halves the area the main map has to show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[str, float, float]
Extent = tuple[float, float, float, float]  # x0, x1, y0, y1

MIN_SPAN = 40.0  # degrees: the main map never zooms in further than a regional view
INSET_MIN_SPAN = 14.0
CLUSTER_GAP = 50.0  # places closer than this (degrees) belong together; only a group this far from the rest is inset
INSET_GAIN = 0.5  # an inset must at least halve the main map's area
MAX_INSET_SHARE = 0.2  # an inset holds a few far places, not a fifth of the selection
INSET_WIDTH = 0.24  # of the map box's width


@dataclass(frozen=True)
class Inset:
    ids: tuple[str, ...]
    extent: Extent
    corner: str  # "lower right", "upper left", ...
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in the map box's pixels (from its lower left)


@dataclass(frozen=True)
class MapPlan:
    extent: Extent
    insets: tuple[Inset, ...] = ()

    @property
    def inset_ids(self) -> set[str]:
        return {i for inset in self.insets for i in inset.ids}


def _padded(points: Sequence[Point], min_span: float) -> Extent:
    xs = [p[1] for p in points]
    ys = [p[2] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    pad_x = max((x1 - x0) * 0.06, 3.0)
    pad_y = max((y1 - y0) * 0.14, 3.0)
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
    if x1 - x0 < min_span:
        centre = (x0 + x1) / 2
        x0, x1 = centre - min_span / 2, centre + min_span / 2
    return x0, x1, y0, y1


def fit_aspect(extent: Extent, aspect: float, y_limit: float) -> Extent:
    """``extent`` grown to the width/height ratio ``aspect`` around its centre, kept within ±``y_limit``."""
    x0, x1, y0, y1 = extent
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    if height > 2 * y_limit:  # only for absurdly wide selections: the whole world
        height = 2 * y_limit
        width = height * aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cy = min(max(cy, -y_limit + height / 2), y_limit - height / 2)
    return cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2


def _area(points: Sequence[Point], aspect: float) -> float:
    x0, x1, y0, y1 = _padded(points, MIN_SPAN)
    width = max(x1 - x0, (y1 - y0) * aspect)
    return width * width / aspect


def clusters(points: Sequence[Point], gap: float = CLUSTER_GAP) -> list[list[Point]]:
    """Single-linkage groups of points less than ``gap`` apart."""
    groups: list[list[Point]] = []
    for point in points:
        near = [g for g in groups if any(math.hypot(point[1] - q[1], point[2] - q[2]) < gap for q in g)]
        merged = [point] + [q for g in near for q in g]
        groups = [g for g in groups if not any(g is n for n in near)] + [merged]
    return groups


def _corner(main: Sequence[Point], far: Sequence[Point]) -> str:
    mx = sum(p[1] for p in main) / len(main)
    my = sum(p[2] for p in main) / len(main)
    fx = sum(p[1] for p in far) / len(far)
    fy = sum(p[2] for p in far) / len(far)
    return ("upper " if fy > my else "lower ") + ("right" if fx >= mx else "left")


def plan_map(points: Sequence[Point], box_width: float, box_height: float, *, y_limit: float,
             default: Extent = (90.0, 160.0, -10.0, 51.0), max_insets: int = 2,
             fixed: frozenset[str] | set[str] = frozenset()) -> MapPlan:
    """The main map's extent (with the box's aspect) and up to ``max_insets`` insets for far places; places
    in ``fixed`` (Japan's) always stay on the main map."""
    aspect = box_width / box_height
    if not points:
        return MapPlan(fit_aspect(default, aspect, y_limit))
    main = list(points)
    far_groups: list[list[Point]] = []
    while len(far_groups) < max_insets:
        best = None
        for group in clusters(main):
            if len(group) == len(main) or len(group) > max(1, MAX_INSET_SHARE * len(points)):
                continue
            if any(p[0] in fixed for p in group):
                continue
            ids = {p[0] for p in group}
            rest = [p for p in main if p[0] not in ids]
            if all(p[0] in fixed for p in rest):
                continue  # the main map keeps at least one partner: a lone pair is drawn whole
            ratio = _area(rest, aspect) / _area(main, aspect)
            if ratio <= INSET_GAIN and (best is None or ratio < best[0]):
                best = (ratio, group, rest)
        if best is None:
            break
        far_groups.append(best[1])
        main = best[2]
    extent = fit_aspect(_padded(main, MIN_SPAN), aspect, y_limit)
    insets = []
    used: set[str] = set()
    inset_w = box_width * INSET_WIDTH
    for group in far_groups:
        corner = _corner(main, group)
        if corner in used:  # two far groups on the same side: stack the second one above/below
            corner = ("upper " if corner.startswith("lower") else "lower ") + corner.split()[1]
        used.add(corner)
        inset_extent = fit_aspect(_padded(group, INSET_MIN_SPAN), 1.25, y_limit)
        inset_h = inset_w / 1.25
        x0 = box_width - inset_w - 8 if corner.endswith("right") else 8
        y0 = 8 if corner.startswith("lower") else box_height - inset_h - 8
        insets.append(Inset(tuple(p[0] for p in group), inset_extent, corner, (x0, y0, x0 + inset_w, y0 + inset_h)))
    extent = _clear_insets(extent, main, insets, box_width, box_height)
    return MapPlan(extent, tuple(insets))


def to_box(extent: Extent, x: float, y: float, box_width: float, box_height: float) -> tuple[float, float]:
    x0, x1, y0, y1 = extent
    return (x - x0) / (x1 - x0) * box_width, (y - y0) / (y1 - y0) * box_height


def _clear_insets(extent: Extent, main: Sequence[Point], insets: Sequence[Inset], box_width: float,
                  box_height: float) -> Extent:
    """Widen the main extent on an inset's side until no main place lies under the inset (plus a margin)."""
    x0, x1, y0, y1 = extent
    for _ in range(8):
        clash = None
        for inset in insets:
            bx0, by0, bx1, by1 = inset.box
            for _, x, y in main:
                px, py = to_box((x0, x1, y0, y1), x, y, box_width, box_height)
                if bx0 - 40 <= px <= bx1 + 40 and by0 - 30 <= py <= by1 + 30:
                    clash = inset
                    break
            if clash:
                break
        if clash is None:
            break
        grow = (x1 - x0) * (clash.box[2] - clash.box[0] + 60) / box_width
        if clash.corner.endswith("right"):
            x1 += grow
        else:
            x0 -= grow
        # keep the box's aspect: grow the height too, around the centre
        extra = grow / (box_width / box_height)
        y0, y1 = y0 - extra / 2, y1 + extra / 2
    return x0, x1, y0, y1
