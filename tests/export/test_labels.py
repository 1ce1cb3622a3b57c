"""The label placer and the map plan, without matplotlib: a fixed-width 'font' measures the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c.export.extent import plan_map
from c2c.export.labels import RULE_MARGIN, Box, LabelPlacer, Node, segments_cross, wrapped


def measure(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    lines = text.split("\n")
    return max(len(line) for line in lines) * size * 0.6, size * 1.2 * len(lines)


INNER = Box(0, 0, 1000, 600)


def _names(ids):
    return " / ".join(ids)


def _check(labels, placer, nodes):
    boxes = [label.box for label in labels]
    for i, a in enumerate(boxes):
        assert a.inside(INNER)
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    for label in labels:  # over no place's circle (a number sits on its own dot)
        for n in nodes:
            if not (label.kind.endswith("number") and n.id in label.ids):
                assert label.box.distance(n.x, n.y) >= (0.5 if label.kind.endswith("number") else n.r)


def test_no_matplotlib_needed():
    import ast

    import c2c.export.extent as extent
    import c2c.export.labels as labels
    for module in (labels, extent):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.split(".")[0] in ("matplotlib", "numpy", "c2c") for name in imported), imported


def test_every_place_named_in_place_or_numbered_and_nearest_its_own_dot():
    nodes = [Node(f"jp-{i}", "j", 800 + 6 * i, 400 + 9 * i, 7) for i in range(6)]  # a crowded cluster
    nodes += [Node("vn-soc-trang-province", "p", 300, 200, 7), Node("vn-can-tho", "p", 310, 190, 7),
              Node("vn-hai-phong", "p", 320, 330, 7), Node("cl-renca", "p", 900, 80, 7)]
    placer = LabelPlacer(nodes, inner=INNER, measure=measure, name=_names)
    labels = placer.place()
    _check(labels, placer, nodes)
    named = {i for label in labels if not label.kind.endswith("number") for i in label.ids}
    keyed = {i for _, _, ids in placer.key for i in ids}
    assert named | keyed == {n.id for n in nodes} and not named & keyed and placer.omitted == 0
    assert keyed  # the cluster could not be named in place
    assert {label.text for label in labels if label.kind.endswith("number")} == {k for k, _, _ in placer.key}
    for label in labels:
        if not label.kind.endswith("number"):  # the text is the whole name of its places, at its full size
            assert label.text.replace("\n", " ").replace("/ ", "/") in (_names(list(label.ids)),
                                                                          _names(list(label.ids)).replace(" / ", "/"))
            assert label.size == placer.jp_size if label.ids[0].startswith("jp") else placer.partner_size
        mine = min(label.box.distance(n.x, n.y) for n in nodes if n.id in label.ids)
        assert all(label.box.distance(n.x, n.y) > mine + RULE_MARGIN for n in nodes if n.id not in label.ids)


def test_long_names_wrap_at_a_separator_never_inside_a_word():
    assert wrapped("バンコク都・タイ東部地域") == ["バンコク都・\nタイ東部地域"]
    assert "Bangkok /\nEastern Thailand" in wrapped("Bangkok / Eastern Thailand")
    assert all(len(form.split("\n")) == 2 for form in wrapped("Ba Ria-Vung Tau Province"))
    assert wrapped("Renca") == []


def test_a_name_that_cannot_fit_is_numbered_and_keyed_not_cut():
    long = "A" * 400
    nodes = [Node(long, "p", 500, 300, 7)]
    placer = LabelPlacer(nodes, inner=INNER, measure=measure, name=_names)
    assert [(label.text, label.kind) for label in placer.place()] == [("1", "partner-number")]
    assert placer.key == [("1", "partner", (long,))] and placer.omitted == 0


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


def test_segments():
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
