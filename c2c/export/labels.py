"""Label placement for the slide, in slide pixels: boxes that must not overlap, leader lines that must not
cross, and columns of labels spread evenly beside a dense cluster. Pure geometry (no matplotlib), so it is
tested on its own (tests/export/test_labels.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
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


def segments_cross(p1, p2, q1, q2) -> bool:
    """True when the open segments p1-p2 and q1-q2 properly intersect (shared end points do not count)."""
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0



@dataclass
class Group:
    ids: list[str]
    centres: list[tuple[float, float]]
    x: float
    y: float
    r: float
    degree: int
    nodes: list = field(default_factory=list)  # the (feature, x, y, r) of its places


def single_groups(nodes) -> list[Group]:
    return [Group([f["properties"]["i"]], [(px, py)], px, py, r, f["properties"]["d"], [(f, px, py, r)])
            for f, px, py, r in nodes]


def spread(ideal: list[float], step: float, low: float, high: float) -> list[float] | None:
    """Label heights for a column, top to bottom: as close to ``ideal`` (sorted descending) as possible, at
    least ``step`` apart, within [low, high]; None when they cannot fit."""
    n = len(ideal)
    if n == 0:
        return []
    if (n - 1) * step > high - low:
        return None
    # blocks of labels that touch, each centred on the mean of its members' ideal heights
    blocks: list[list[int]] = [[i] for i in range(n)]

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
