"""Where the slide's labels go: a pure placer (no matplotlib) that works in slide pixels.

The slide (:mod:`c2c.export.slide`) gives it the places as circles in pixels, a ``measure(text, size_px, bold)``
function that returns a text's (width, height) in pixels, the box labels must stay inside and the boxes they
must avoid; it returns :class:`Label` records that the slide draws. Tests drive it with a simple measure function.

The rule: a label is never nearer to another place's dot than to its own (distance from each dot's centre to the
label's box; its own dot is the nearest by at least :data:`RULE_MARGIN` px), so a label always sits right by its
place and there are no leader lines. A label is never drawn over another label, a place or an obstacle, never
outside the map, never shortened and never set smaller: a long name may be wrapped onto two lines at a
separator. A place that cannot be named in place under that rule (a crowded cluster: Kanto, Kansai, northern
Kyushu) gets a number on or beside its dot and a line in the slide's key (:attr:`LabelPlacer.key`); places
whose numbers cannot be told apart share one number. Large selections name every Japanese place the same way
and the partner countries instead of the partner places (a country's name nearest one of its own places, where
no line of the network crosses it, or left out and counted in :attr:`LabelPlacer.omitted`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

RULE_MARGIN = 8.0  # px: a label's own dot is nearer to it than any other dot by at least this much
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
    """A label to draw: text anchored at (x, y) with matplotlib's ha/va; ``kind`` is "jp", "partner",
    "country" or, for a number standing in for names listed in the key, "jp-number" / "partner-number";
    ``box`` is where the text goes (a number's box includes its badge)."""
    text: str
    x: float
    y: float
    size: float
    ha: str
    va: str
    kind: str
    box: Box
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



# (angle, ha, va) around a place: right and left first (they read best), then the diagonals, then above/below.
_DIRECTIONS = [(0, "left", "center"), (180, "right", "center")] + [
    (a, "left" if math.cos(math.radians(a)) > 0.2 else "right" if math.cos(math.radians(a)) < -0.2 else "center",
     "bottom" if math.sin(math.radians(a)) > 0 else "top")
    for a in (30, 330, 150, 210, 60, 300, 120, 240, 90, 270)]
_GAPS = (3, 7, 12)  # px between a place's circle and its label: a label stays right by its place
_NUMBER_PAD = (4.0, 2.5)  # a number's badge around its text (x, y)
_KEY_STEP = 20.0  # px between the positions tried for the key


def wrapped(text: str) -> list[str]:
    """Two-line forms of a long name, broken after a separator (``・``, ``/``) or at the space nearest its
    middle; the words are never cut."""
    forms = []
    for sep in ("・", " / ", "、"):
        at = [i for i in range(len(text)) if text.startswith(sep, i)]
        for i in sorted(at, key=lambda i: abs(i - len(text) / 2)):
            cut = i + len(sep)
            forms.append(text[:cut].rstrip() + "\n" + text[cut:].lstrip())
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    for i in sorted(spaces, key=lambda i: abs(i - len(text) / 2))[:2]:
        forms.append(text[:i] + "\n" + text[i + 1:])
    return [f for f in dict.fromkeys(forms) if f.strip() and "\n" in f and all(p.strip() for p in f.split("\n"))]


def _groups(nodes: Sequence[Node]) -> list[Group]:
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
    return [_group([nodes[i] for i in indices]) for indices in members.values()]


def _group(nodes: Sequence[Node]) -> Group:
    chosen = sorted(nodes, key=lambda n: (-n.degree, -n.x))
    cx = sum(n.x for n in chosen) / len(chosen)
    cy = sum(n.y for n in chosen) / len(chosen)
    radius = max(math.hypot(n.x - cx, n.y - cy) + n.r for n in chosen)
    return Group([n.id for n in chosen], [(n.x, n.y) for n in chosen], cx, cy, radius,
                 sum(n.degree for n in chosen), list(chosen))


class LabelPlacer:
    """Places the labels of one slide. ``name(ids)`` gives a group's text, ``measure`` text sizes; ``foreign``
    are dots of the slide's other frames (insets) that the rule must respect too."""

    def __init__(self, nodes: Sequence[Node], *, inner: Box, measure: Measure, name: Callable[[list[str]], str],
                 country_name: Callable[[str], str] | None = None, obstacles: Sequence[Box] = (),
                 lines: Sequence[Sequence[tuple[float, float]]] = (), max_labelled: int = 40,
                 sizes: tuple[float, float, float] = (16, 15, 17), number_size: float = 15,
                 foreign: Sequence[tuple[float, float]] = (), first_number: int = 1):
        self.nodes = list(nodes)
        self._by_id = {n.id: n for n in self.nodes}
        self.inner = inner
        self.measure = measure
        self.name = name
        self.country_name = country_name or (lambda code: code)
        self.obstacles = list(obstacles)
        self.foreign = list(foreign)
        self._grid: dict[tuple[int, int], list[tuple[tuple[float, float], tuple[float, float]]]] = {}
        for line in lines:  # the lines' segments, bucketed by grid cell for quick look-up
            for a, b in zip(line, line[1:]):
                for cell in self._cells(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
                    self._grid.setdefault(cell, []).append((a, b))
        self.max_labelled = max_labelled
        self.jp_size, self.partner_size, self.country_size = sizes
        self.number_size = number_size
        self.first_number = first_number  # an inset's numbers go on from the main map's
        self.placed: list[Box] = []
        self.labels: list[Label] = []
        self.key: list[tuple[str, str, tuple[str, ...]]] = []  # (number, "jp" / "partner", the places' ids)
        self.omitted = 0

    # -- entry point ----------------------------------------------------------------------------------------------

    def place(self) -> list[Label]:
        if not self.nodes:
            return []
        japan = [n for n in self.nodes if n.side == "j"]
        partners = [n for n in self.nodes if n.side == "p"]
        many = len(self.nodes) > self.max_labelled
        pending = self._name_in_place(japan, "jp", self.jp_size)
        if not many:
            pending += self._name_in_place(partners, "partner", self.partner_size)
        self._number(pending)
        if many:
            self._label_countries()
        return self.labels

    # -- the rule -------------------------------------------------------------------------------------------------

    def _others(self, own: Sequence[str]):
        own = set(own)
        return [(n.x, n.y) for n in self.nodes if n.id not in own] + self.foreign

    def unambiguous(self, box: Box, own: Sequence[str]) -> bool:
        """The rule: the nearest dot to ``box`` is one of ``own``, and every other dot is RULE_MARGIN px farther."""
        mine = min(box.distance(n.x, n.y) for n in self.nodes if n.id in set(own))
        return all(box.distance(x, y) > mine + RULE_MARGIN for x, y in self._others(own))

    def _blocked(self, box: Box, own: Sequence[str] = (), *, dots: bool = True) -> bool:
        """Over a placed label, an obstacle, or a place's circle (not over ``own`` circles; over none when
        ``dots`` is False)."""
        return (any(box.overlaps(o) for o in self.placed) or any(box.overlaps(o) for o in self.obstacles)
                or dots and any(box.distance(n.x, n.y) < n.r + 2 for n in self.nodes if n.id not in own))

    def _add(self, label: Label) -> None:
        self.labels.append(label)
        self.placed.append(label.box)

    # -- names next to their places -------------------------------------------------------------------------------

    def _crowding(self, group: Group, distance: float = 60.0) -> int:
        return sum(1 for n in self.nodes
                   if n.id not in group.ids and math.hypot(n.x - group.x, n.y - group.y) < distance)

    def _name_in_place(self, nodes: Sequence[Node], kind: str, size: float) -> list[Group]:
        """Name each place (or group of places on top of each other) right by its dot; the ones that cannot be
        named under the rule are returned, to be numbered. The most crowded go first: they have the fewest
        spots."""
        pending = []
        for group in sorted(_groups(nodes), key=lambda g: (-self._crowding(g), -g.degree, -g.y)):
            if len(group.ids) > 2 or not self._label_near(group, kind, size):
                pending.append(group)  # three or more on one spot: a number, and the key names them all
        return pending

    def _label_near(self, group: Group, kind: str, size: float) -> bool:
        name = self.name(group.ids)
        forms = [name] + wrapped(name)
        for avoid in ((True, False) if self._grid else (False,)):
            for text in forms:
                width, height = self.measure(text, size, False)
                spot = self._find_spot(group, width, height, group.ids, avoid_lines=avoid)
                if spot is not None:
                    x, y, ha, va, box = spot
                    self._add(Label(text, x, y, size, ha, va, kind, box, tuple(group.ids)))
                    return True
        return False

    def _find_spot(self, group: Group, width: float, height: float, own: Sequence[str], *,
                   avoid_lines: bool = False, gaps: Sequence[float] = _GAPS):
        px, py, r = group.x, group.y, group.r
        for gap in gaps:
            radius = r + gap
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
                if not self.unambiguous(box, own):
                    continue
                return x, y, ha, va, box
        return None

    # -- numbers and the key --------------------------------------------------------------------------------------

    def _number(self, pending: list[Group]) -> None:
        """Numbers for the places not named in place: Japan first, each side north to south. A number goes on
        its dot or right beside it, under the rule; when one cannot, its places join their nearest pending
        neighbour's and the two share a number (the key lists them all)."""
        pending = list(pending)
        while pending:
            order = sorted(pending, key=lambda g: (g.nodes[0].side != "j", -g.y, g.x))
            start_labels, start_placed = len(self.labels), len(self.placed)
            failed = None
            for k, group in enumerate(order, self.first_number):
                if not self._place_number(group, str(k)):
                    failed = group
                    break
            if failed is None:
                kind = {"j": "jp", "p": "partner"}
                self.key = [(str(k), kind[g.nodes[0].side], tuple(g.ids))
                            for k, g in enumerate(order, self.first_number)]
                return
            del self.labels[start_labels:]
            del self.placed[start_placed:]
            pending.remove(failed)
            side = failed.nodes[0].side
            same = [g for g in pending if g.nodes[0].side == side]
            named = [self._named_group(label) for label in self.labels
                     if label.kind in ("jp", "partner") and label.ids[0] in self._by_id
                     and self._by_id[label.ids[0]].side == side]
            near = min(same + named, key=lambda g: self._gap(g, failed), default=None)
            if near is None:
                self.omitted += len(failed.ids)
                continue
            if near in same:
                pending.remove(near)
            else:  # a neighbour named in place crowds it out: the two share a number instead
                index = next(k for k, label in enumerate(self.labels) if label.ids == tuple(near.ids))
                self.placed.remove(self.labels.pop(index).box)
            pending.append(_group(near.nodes + failed.nodes))

    def _named_group(self, label: Label) -> Group:
        return _group([self._by_id[i] for i in label.ids])

    @staticmethod
    def _gap(a: Group, b: Group) -> float:
        return min(math.hypot(m.x - n.x, m.y - n.y) for m in a.nodes for n in b.nodes)

    def _place_number(self, group: Group, text: str) -> bool:
        width, height = self.measure(text, self.number_size, True)
        half_w, half_h = width / 2 + _NUMBER_PAD[0], height / 2 + _NUMBER_PAD[1]
        kind = "jp-number" if group.nodes[0].side == "j" else "partner-number"
        spots = [(n.x, n.y) for n in group.nodes]  # on one of its dots, then right beside the group
        for gap in (1, 4, 8):
            for angle in (0, 180, 45, 135, 225, 315, 90, 270):
                cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
                dx = (group.r + gap) * cos + (math.copysign(half_w, cos) if abs(cos) > 0.1 else 0)
                dy = (group.r + gap) * sin + (math.copysign(half_h, sin) if abs(sin) > 0.1 else 0)
                spots.append((group.x + dx, group.y + dy))
        for dots in (True, False):  # over no other circle; else over the edge of one (the rule still holds)
            for x, y in spots:
                box = Box(x - half_w, y - half_h, x + half_w, y + half_h)
                if (box.inside(self.inner) and not self._blocked(box, own=group.ids, dots=dots)
                        and self.unambiguous(box, group.ids)):
                    self._add(Label(text, x, y, self.number_size, "center", "center", kind, box, tuple(group.ids)))
                    return True
        return False

    def key_spot(self, width: float, height: float) -> tuple[Box, tuple[int, float]] | None:
        """Where a key of ``width`` × ``height`` px could go on the map: over no place, label or obstacle,
        crossed by as few lines as possible, then nearest a corner of the map; with that score (lines, px from
        the corner). None when there is no such room. :meth:`take` reserves the chosen box."""
        best, best_score = None, None
        inner = self.inner
        xs = [inner.x0 + i * _KEY_STEP for i in range(int((inner.x1 - inner.x0 - width) / _KEY_STEP) + 1)]
        ys = [inner.y0 + j * _KEY_STEP for j in range(int((inner.y1 - inner.y0 - height) / _KEY_STEP) + 1)]
        if not xs or not ys:
            return None
        for x in xs + [inner.x1 - width]:
            for y in ys + [inner.y1 - height]:
                box = Box(x, y, x + width, y + height)
                if self._blocked(Box(x - 6, y - 6, x + width + 6, y + height + 6)):
                    continue
                corner = min(abs(x - inner.x0), abs(inner.x1 - x - width)) + min(abs(y - inner.y0),
                                                                                  abs(inner.y1 - y - height))
                score = (self._lines_through(box), corner)
                if best_score is None or score < best_score:
                    best, best_score = box, score
        return None if best is None else (best, best_score)

    def take(self, box: Box) -> None:
        self.placed.append(box)

    # -- lines ----------------------------------------------------------------------------------------------------

    _CELL = 40.0

    def _cells(self, x0: float, y0: float, x1: float, y1: float):
        for i in range(math.floor(x0 / self._CELL), math.floor(x1 / self._CELL) + 1):
            for j in range(math.floor(y0 / self._CELL), math.floor(y1 / self._CELL) + 1):
                yield i, j

    def _segments_near(self, box: Box):
        seen = set()
        for cell in self._cells(box.x0, box.y0, box.x1, box.y1):
            for segment in self._grid.get(cell, ()):
                if id(segment) not in seen:
                    seen.add(id(segment))
                    yield segment

    def _crosses_lines(self, box: Box) -> bool:
        return any(box.hit_by_segment(*segment) for segment in self._segments_near(box))

    def _lines_through(self, box: Box) -> int:
        return sum(1 for segment in self._segments_near(box) if box.hit_by_segment(*segment))

    # -- countries ------------------------------------------------------------------------------------------------

    def _label_countries(self) -> None:
        """Many places: name the partner countries instead of every partner place: by its places, nearest one of
        them (the rule, with the country's places as its own), where possible where no line of the network
        crosses it; or left out."""
        places: dict[str, list[Node]] = {}
        for n in self.nodes:
            if n.side == "p":
                places.setdefault(n.country, []).append(n)
        for code, nodes in sorted(places.items(), key=lambda kv: -len(kv[1])):
            name = self.country_name(code)
            width, height = self.measure(name, self.country_size, True)
            own = [n.id for n in nodes]
            anchors = [_group(nodes)] + [_group([n]) for n in sorted(nodes, key=lambda n: -n.degree)]
            spot = None
            for avoid in (True, False):  # where no line crosses it, else over lines (its halo keeps it legible)
                for anchor in anchors:
                    spot = self._find_spot(anchor, width, height, own, avoid_lines=avoid, gaps=(3, 7, 12, 20))
                    if spot is not None:
                        break
                if spot is not None:
                    break
            if spot is None:
                self.omitted += 1
                continue
            x, y, ha, va, box = spot
            self._add(Label(name, x, y, self.country_size, ha, va, "country", box, (code,)))
