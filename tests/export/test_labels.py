"""The label placer and the map plan, without matplotlib: a fixed-width 'font' measures the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c.export.extent import plan_map
from c2c.export.labels import Box, LabelPlacer, Node, segments_cross, spread


def measure(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    return len(text) * size * 0.6, size * 1.2


INNER = Box(0, 0, 1000, 600)


def _names(ids):
    return " / ".join(ids)


def _check(labels, placer, nodes):
    boxes = [label.box for label in labels]
    for i, a in enumerate(boxes):
        assert a.inside(INNER)
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
        for n in nodes:
            assert not a.overlaps(Box(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r))


def test_no_matplotlib_needed():
    import ast

    import c2c.export.extent as extent
    import c2c.export.labels as labels
    for module in (labels, extent):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.split(".")[0] in ("matplotlib", "numpy", "c2c") for name in imported), imported


def test_every_place_named_whole_and_nothing_overlaps():
    nodes = [Node(f"jp-{i}", "j", 800 + 6 * i, 400 + 9 * i, 7) for i in range(6)]
    nodes += [Node("vn-soc-trang-province", "p", 300, 200, 7), Node("vn-can-tho", "p", 310, 190, 7),
              Node("vn-hai-phong", "p", 320, 330, 7), Node("cl-renca", "p", 900, 80, 7)]
    placer = LabelPlacer(nodes, inner=INNER, measure=measure, name=_names)
    labels = placer.place()
    _check(labels, placer, nodes)
    named = {i for label in labels for i in label.ids}
    assert named == {n.id for n in nodes} and placer.omitted == 0
    assert all("…" not in label.text for label in labels)
    for label in labels:  # the text is the whole name of its places
        assert label.text == _names(list(label.ids))


def test_a_name_that_cannot_fit_is_left_out_and_counted_not_cut():
    long = "A" * 400
    nodes = [Node(long, "p", 500, 300, 7)]
    placer = LabelPlacer(nodes, inner=INNER, measure=measure, name=_names)
    assert placer.place() == []
    assert placer.omitted == 1


def test_country_names_avoid_lines():
    nodes = [Node(f"p{i}", "p", 100 + 20 * i, 300, 5, country="VN") for i in range(45)]
    lines = [[(x, 250.0), (x, 350.0)] for x in range(0, 1001, 4)]  # a dense curtain of vertical lines
    placer = LabelPlacer(nodes, inner=INNER, measure=measure, name=_names, country_name=lambda c: "Viet Nam",
                         lines=lines)
    labels = placer.place()
    for label in labels:
        for a, b in lines:
            assert not label.box.hit_by_segment(a, b)
    placer = LabelPlacer(nodes, inner=INNER, measure=measure, name=_names, country_name=lambda c: "Viet Nam")
    assert [label.kind for label in placer.place()] == ["country"]


def test_spread_and_segments():
    assert spread([10, 10, 10], 5, 0, 100) == [15.0, 10.0, 5.0]
    assert spread([10] * 30, 5, 0, 100) is None
    assert segments_cross((0, 0), (2, 2), (0, 2), (2, 0))
    assert not segments_cross((0, 0), (1, 1), (1, 1), (2, 0))


@pytest.mark.parametrize("width,height", [(1840, 754), (1360, 754)])
def test_far_partner_goes_into_an_inset(width, height):
    japan = [("jp-toyama", 137.2, 38.5), ("jp-tokyo", 139.7, 41.0)]
    asia = [("vn-hanoi", 105.8, 21.3), ("id-bali", 115.2, -8.4), ("my-iskandar", 103.6, 1.5)]
    renca = [("cl-renca", 289.3, -35.4)]
    plan = plan_map(japan + asia + renca, width, height, y_limit=180, fixed={"jp-toyama", "jp-tokyo"})
    assert [inset.ids for inset in plan.insets] == [("cl-renca",)]
    x0, x1, _, _ = plan.extent
    assert x1 < 250  # the Americas are not on the main map
    assert plan.insets[0].corner.endswith("right")
    # no main place lies under the inset
    from c2c.export.extent import to_box
    bx0, by0, bx1, by1 = plan.insets[0].box
    for _, x, y in japan + asia:
        px, py = to_box(plan.extent, x, y, width, height)
        assert not (bx0 <= px <= bx1 and by0 <= py <= by1)


def test_no_inset_when_places_are_together_and_japan_never_inset():
    points = [("jp-toyama", 137.2, 38.5), ("vn-hanoi", 105.8, 21.3), ("id-bali", 115.2, -8.4)]
    assert plan_map(points, 1840, 754, y_limit=180, fixed={"jp-toyama"}).insets == ()
    far = [("jp-toyama", 137.2, 38.5), ("cl-renca", 289.3, -35.4)]
    assert plan_map(far, 1840, 754, y_limit=180, fixed={"jp-toyama"}).insets == ()  # one partner: nothing to split from
