"""Where the slide's labels go: a pure placer (no matplotlib) that works in slide pixels.

The slide (:mod:`c2c.export.slide`) gives it the places as circles in pixels, a ``measure(text, size_px, bold)``
function that returns a text's (width, height) in pixels, the box labels must stay inside and the boxes they
must avoid; it returns :class:`Label` records that the slide draws. Tests drive it with a simple measure function.

Rules: small selections name every place. A label is never drawn over another label, a place or an obstacle,
never where it would seem to name a neighbour, never outside the map, and never shortened: a name that does not
fit is set smaller (down to :data:`MIN_SIZE_RATIO` of its size) or left out, and :attr:`LabelPlacer.omitted`
counts what was left out so the legend can say so. Places that crowd together (Japan's municipalities, a cluster
of partner cities) are listed in a column beside the cluster with leader lines, north to south; isolated places
get a label next to them, where possible where no line of the network runs under it. Large selections name the
partner countries instead, and a country name is left out where a line of the network would cross it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

MIN_SIZE_RATIO = 0.75  # a label may be set this much smaller to fit; below that it is left out
Measure = Callable[[str, float, bool], tuple[float, float]]


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, outer: Box) -> bool:
        return self.x0 >= outer.x0 and self.x1 <= outer.x1 and self.y0 >= outer.y0 and self.y1 <= outer.y1

    def distance(self, x: float, y: float) -> float:
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.y0 - y, 0.0, y - self.y1)
        return math.hypot(dx, dy)

    def hit_by_segment(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """True when the segment a-b passes through the box (or touches it)."""
        if any(self.x0 <= p[0] <= self.x1 and self.y0 <= p[1] <= self.y1 for p in (a, b)):
            return True
        corners = [(self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1), (self.x0, self.y1)]
        return any(segments_cross(a, b, corners[i], corners[(i + 1) % 4]) for i in range(4))


@dataclass(frozen=True)
class Node:
    """A place on the slide: id, side ("j" Japan or "p" partner), centre and radius in pixels, number of links,
    and its country code."""
    id: str
    side: str
    x: float
    y: float
    r: float
    degree: int = 1
    country: str = ""


@dataclass(frozen=True)
class Label:
    """A label to draw: text anchored at (x, y) with matplotlib's ha/va; ``kind`` is "jp", "partner" or
    "country"; ``box`` is where the text goes; ``leader`` a line from the place to the label, if any."""
    text: str
    x: float
    y: float
    size: float
    ha: str
    va: str
    kind: str
    box: Box
    leader: tuple[tuple[float, float], tuple[float, float]] | None = None
    ids: tuple[str, ...] = ()


@dataclass
class Group:
    ids: list[str]
    centres: list[tuple[float, float]]
    x: float
    y: float
    r: float
    degree: int
    nodes: list[Node] = field(default_factory=list)


def segments_cross(p1, p2, q1, q2) -> bool:
    """True when the open segments p1-p2 and q1-q2 properly intersect (shared end points do not count)."""
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def spread(ideal: list[float], step: float, low: float, high: float) -> list[float] | None:
    """Label heights for a column, top to bottom: as close to ``ideal`` (sorted descending) as possible, at
    least ``step`` apart, within [low, high]; None when they cannot fit."""
    n = len(ideal)
    if n == 0:
        return []
    if (n - 1) * step > high - low:
        return None
    blocks: list[list[int]] = [[i] for i in range(n)]  # labels that touch, centred on their ideal heights

    def place(block: list[int]) -> tuple[float, float]:
        centre = sum(ideal[i] + (i - block[0]) * step for i in block) / len(block)  # top of the block
        top = min(max(centre, low + (len(block) - 1) * step), high)
        return top, top - (len(block) - 1) * step

    changed = True
    while changed:
        changed = False
        for k in range(len(blocks) - 1):
            _, bottom = place(blocks[k])
            top_next, _ = place(blocks[k + 1])
            if bottom - top_next < step - 1e-9:
                blocks[k] = blocks[k] + blocks.pop(k + 1)
                changed = True
                break
    ys: list[float] = []
    for block in blocks:
        top, _ = place(block)
        ys.extend(top - j * step for j in range(len(block)))
    return ys


def _singles(nodes: Sequence[Node]) -> list[Group]:
    return [Group([n.id], [(n.x, n.y)], n.x, n.y, n.r, n.degree, [n]) for n in nodes]


# (angle, ha, va) around a place: right and left first (they read best), then the diagonals, then above/below.
_DIRECTIONS = [(0, "left", "center"), (180, "right", "center")] + [
    (a, "left" if math.cos(math.radians(a)) > 0.2 else "right" if math.cos(math.radians(a)) < -0.2 else "center",
     "bottom" if math.sin(math.radians(a)) > 0 else "top")
    for a in (30, 330, 150, 210, 60, 300, 120, 240, 90, 270)]
_RADII = (3, 12, 26, 44, 66, 92, 122, 156)
_LEADER_FROM = 2  # radii from this index on get a leader line


class LabelPlacer:
    """Places the labels of one slide. ``name(ids, lang)`` gives a group's text; ``measure`` text sizes."""

    def __init__(self, nodes: Sequence[Node], *, inner: Box, measure: Measure, name: Callable[[list[str]], str],
                 country_name: Callable[[str], str] | None = None, obstacles: Sequence[Box] = (),
                 lines: Sequence[Sequence[tuple[float, float]]] = (), max_labelled: int = 40,
                 sizes: tuple[float, float, float] = (16, 15, 17)):
        self.nodes = list(nodes)
        self.inner = inner
        self.measure = measure
        self.name = name
        self.country_name = country_name or (lambda code: code)
        self.obstacles = [Box(n.x - n.r - 2, n.y - n.r - 2, n.x + n.r + 2, n.y + n.r + 2) for n in self.nodes]
        self.obstacles += list(obstacles)
        self._grid: dict[tuple[int, int], list[tuple[tuple[float, float], tuple[float, float]]]] = {}
        for line in lines:  # the lines' segments, bucketed by grid cell for quick look-up
            for a, b in zip(line, line[1:]):
                for cell in self._cells(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
                    self._grid.setdefault(cell, []).append((a, b))
        self.max_labelled = max_labelled
        self.jp_size, self.partner_size, self.country_size = sizes
        self.placed: list[Box] = []
        self.leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []
        self.labels: list[Label] = []
        self.omitted = 0

    # -- entry point ----------------------------------------------------------------------------------------------

    def place(self) -> list[Label]:
        if not self.nodes:
            return []
        if len(self.nodes) > self.max_labelled:
            self._label_countries()
            return self.labels
        japan = [n for n in self.nodes if n.side == "j"]
        partners = [n for n in self.nodes if n.side == "p"]
        japan_x = sum(n.x for n in japan) / len(japan) if japan else None
        rest: list[Group] = []
        if len(japan) >= 4:
            if not self._label_column(_singles(japan), "jp", self.jp_size, ("east", "west")):
                rest += self._groups(japan)
        else:
            rest += self._groups(japan)
        groups = self._groups(partners)
        dense = [g for g in groups if self._is_dense(g)]
        isolated = [g for g in groups if not self._is_dense(g)]
        for cluster in self._clusters(dense):
            cx = sum(g.x for g in cluster) / len(cluster)
            sides = ("west", "east") if japan_x is None or cx < japan_x else ("east", "west")
            singles = _singles([n for g in cluster for n in g.nodes])
            if len(singles) < 3 or not self._label_column(singles, "partner", self.partner_size, sides):
                isolated += cluster
        jp_ids = {n.id for n in japan}
        for group in rest:
            kind = "jp" if group.ids[0] in jp_ids else "partner"
            self._label_near(group, kind, self.jp_size if kind == "jp" else self.partner_size)
        for group in sorted(isolated, key=lambda g: (-self._crowding(g), -g.degree)):
            self._label_near(group, "partner", self.partner_size)
        return self.labels

    # -- grouping -------------------------------------------------------------------------------------------------

    def _groups(self, nodes: Sequence[Node]) -> list[Group]:
        """Places whose circles sit almost on top of each other share one label ("Koror State / Airai State")."""
        parent = list(range(len(nodes)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, a in enumerate(nodes):
            for j in range(i + 1, len(nodes)):
                b = nodes[j]
                if math.hypot(a.x - b.x, a.y - b.y) < 0.5 * (a.r + b.r):
                    parent[find(i)] = find(j)
        members: dict[int, list[int]] = {}
        for i in range(len(nodes)):
            members.setdefault(find(i), []).append(i)
        groups = []
        for indices in members.values():
            chosen = sorted((nodes[i] for i in indices), key=lambda n: (-n.degree, -n.x))
            cx = sum(n.x for n in chosen) / len(chosen)
            cy = sum(n.y for n in chosen) / len(chosen)
            radius = max(math.hypot(n.x - cx, n.y - cy) + n.r for n in chosen)
            groups.append(Group([n.id for n in chosen], [(n.x, n.y) for n in chosen], cx, cy, radius,
                                sum(n.degree for n in chosen), chosen))
        return groups

    def _crowding(self, group: Group, distance: float = 60.0) -> int:
        return sum(1 for n in self.nodes
                   if (n.x, n.y) not in group.centres and math.hypot(n.x - group.x, n.y - group.y) < distance)

    def _is_dense(self, group: Group) -> bool:
        return any((n.x, n.y) not in group.centres and math.hypot(n.x - group.x, n.y - group.y) < group.r + n.r + 26
                   for n in self.nodes)

    def _clusters(self, groups: list[Group]) -> list[list[Group]]:
        """Dense groups that are near each other form one cluster, labelled by one column."""
        clusters: list[list[Group]] = []
        for group in sorted(groups, key=lambda g: g.x):
            near = [c for c in clusters if any(math.hypot(g.x - group.x, g.y - group.y) < 90 for g in c)]
            merged = [group] + [g for c in near for g in c]
            clusters = [c for c in clusters if c not in near] + [merged]
        return clusters

    # -- placing --------------------------------------------------------------------------------------------------

    def _blocked(self, box: Box) -> bool:
        return any(box.overlaps(o) for o in self.placed) or any(box.overlaps(o) for o in self.obstacles)

    def _add(self, label: Label) -> None:
        self.labels.append(label)
        self.placed.append(label.box)
        if label.leader:
            self.leaders.append(label.leader)

    def _sizes(self, size: float) -> list[float]:
        steps = 3
        return [size * (1 - (1 - MIN_SIZE_RATIO) * k / steps) for k in range(steps + 1)]

    def _label_column(self, groups: list[Group], kind: str, size: float, sides: tuple[str, ...]) -> bool:
        """One label per place in a column beside the places (on the first of ``sides`` that fits), north to
        south, each at its place's height where possible, with a leader line. The column may move up or down a
        little, and its text may be set a little smaller, so that every name fits whole. False if it cannot."""
        groups = sorted(groups, key=lambda g: (-g.y, g.x))
        names = [self.name(g.ids) for g in groups]
        for font in self._sizes(size):
            sizes = [self.measure(n, font, False) for n in names]
            step = max(h for _, h in sizes) + 5
            low, high = self.inner.y0 + step / 2, self.inner.y1 - step / 2
            base = spread([g.y for g in groups], step, low, high)
            if base is None:
                continue
            for side in sides:
                if side == "east":
                    x = max(g.x + g.r for g in groups) + 40
                else:
                    x = min(g.x - g.r for g in groups) - 40
                for shift in (0, -0.5, 0.5, -1, 1, -1.5, 1.5, -2, 2, -3, 3, -4, 4):
                    ys = [y + shift * step for y in base]
                    if ys[0] > high or ys[-1] < low:
                        continue
                    if side == "east":
                        boxes = [Box(x - 2, y - h / 2 - 1, x + w + 2, y + h / 2 + 1) for (w, h), y in zip(sizes, ys)]
                    else:
                        boxes = [Box(x - w - 2, y - h / 2 - 1, x + 2, y + h / 2 + 1) for (w, h), y in zip(sizes, ys)]
                    if not all(b.inside(self.inner) for b in boxes) or any(self._blocked(b) for b in boxes):
                        continue
                    for group, name, y, box in zip(groups, names, ys, boxes):
                        end = (x - 4 if side == "east" else x + 4, y)
                        self._add(Label(name, x, y, font, "left" if side == "east" else "right", "center", kind, box,
                                        self._leader_line(group, end), tuple(group.ids)))
                    return True
        return False

    def _leader_line(self, group: Group, end: tuple[float, float]):
        angle = math.atan2(end[1] - group.y, end[0] - group.x)
        return ((group.x + group.r * math.cos(angle), group.y + group.r * math.sin(angle)), end)

    def _label_near(self, group: Group, kind: str, size: float) -> None:
        name = self.name(group.ids)
        attempts = [(font, avoid) for font in self._sizes(size)
                    for avoid in ((True, False) if self._grid else (False,))]
        for font, avoid in attempts:  # largest size first; at each, where no line crosses the name, then anywhere
            width, height = self.measure(name, font, False)
            spot = self._find_spot(group, width, height, avoid_lines=avoid)
            if spot is not None:
                x, y, ha, va, box, leader = spot
                self._add(Label(name, x, y, font, ha, va, kind, box,
                                self._leader_line(group, (x, y)) if leader else None, tuple(group.ids)))
                return
        self.omitted += len(group.ids)

    def _find_spot(self, group: Group, width: float, height: float, *, unambiguous: bool = True,
                   avoid_lines: bool = False):
        px, py, r = group.x, group.y, group.r
        others = [(n.x, n.y, n.r) for n in self.nodes if (n.x, n.y) not in group.centres]
        for step, extra in enumerate(_RADII):
            radius = r + extra
            leader = step >= _LEADER_FROM
            for angle, ha, va in _DIRECTIONS:
                rad = math.radians(angle)
                x, y = px + radius * math.cos(rad), py + radius * math.sin(rad)
                bx0 = x if ha == "left" else x - width if ha == "right" else x - width / 2
                by0 = y - height / 2 if va == "center" else y if va == "bottom" else y - height
                box = Box(bx0 - 2, by0 - 1, bx0 + width + 2, by0 + height + 1)
                if not box.inside(self.inner) or self._blocked(box):
                    continue
                if avoid_lines and self._crosses_lines(box):
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

    _CELL = 40.0

    def _cells(self, x0: float, y0: float, x1: float, y1: float):
        for i in range(math.floor(x0 / self._CELL), math.floor(x1 / self._CELL) + 1):
            for j in range(math.floor(y0 / self._CELL), math.floor(y1 / self._CELL) + 1):
                yield i, j

    def _crosses_lines(self, box: Box) -> bool:
        seen = set()
        for cell in self._cells(box.x0, box.y0, box.x1, box.y1):
            for segment in self._grid.get(cell, ()):
                if id(segment) not in seen:
                    seen.add(id(segment))
                    if box.hit_by_segment(*segment):
                        return True
        return False

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
        """Many places: name the partner countries (next to their places' centre) instead of every place; a
        name goes where no line of the network crosses it, or is left out."""
        points: dict[str, list[tuple[float, float]]] = {}
        for n in self.nodes:
            if n.side == "p":
                points.setdefault(n.country, []).append((n.x, n.y))
        for code, centres in sorted(points.items(), key=lambda kv: -len(kv[1])):
            name = self.country_name(code)
            cx = sum(p[0] for p in centres) / len(centres)
            cy = sum(p[1] for p in centres) / len(centres)
            width, height = self.measure(name, self.country_size, True)
            spot = self._find_spot(Group([code], [], cx, cy, 6, 0), width, height, unambiguous=False,
                                   avoid_lines=True)
            if spot is None:
                self.omitted += 1
                continue
            x, y, ha, va, box, _ = spot
            self._add(Label(name, x, y, self.country_size, ha, va, "country", box, None, (code,)))
