"""The slide's labelling rule, measured on the drawn picture: every visible label (a name, a number, a country)
is nearer to its own dot than to any other place's dot, and every Japanese municipality of the selection is
named on the map or numbered there and listed in the slide's key.

Everything is read from what matplotlib drew: the dots from the scatter collections (display pixels after a
draw), the text boxes from ``get_window_extent``; the place ids behind the dots from the network layers."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, parse_fiscal_year, select_links
from c2c.export import slide
from c2c.map.network import build_network
from tests.conftest import SHIPPED_DATA

MARGIN = 3.0  # px: the own dot must be nearer than any other by at least this much
SELECTIONS = {"fy2022": Selection(fiscal_years=parse_fiscal_year("2022")),
              "fy2015-2018": Selection(fiscal_years=parse_fiscal_year("2015-2018")),
              "all": Selection()}


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def _drawn_dots(drawn) -> list[tuple[float, float]]:
    dots = []
    for ax in drawn.fig.axes[1:]:
        for coll in ax.collections:
            if type(coll).__name__ == "PathCollection" and len(coll.get_offsets()) and coll.get_sizes().size:
                dots += [tuple(p) for p in coll.get_offset_transform().transform(coll.get_offsets())]
    return dots


def _place_dots(shipped, drawn, selection, lang) -> dict[str, tuple[float, float]]:
    """Each shown place's dot centre in slide pixels (in whichever frame it is drawn)."""
    layers = build_network(shipped, select_links(shipped, selection), lang)
    drawn_dots = np.array(_drawn_dots(drawn))
    where = {}
    for feature in layers.nodes["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        for ax in drawn.fig.axes[1:]:
            p = ax.transData.transform((lon, float(slide.mercator_y(lat))))
            if len(drawn_dots) and np.min(np.hypot(*(drawn_dots - p).T)) < 0.5:
                where[feature["properties"]["i"]] = (float(p[0]), float(p[1]))
    assert len(where) == len(layers.nodes["features"])
    return where


def _distance(bbox, x, y) -> float:
    return math.hypot(max(bbox.x0 - x, 0, x - bbox.x1), max(bbox.y0 - y, 0, y - bbox.y1))


def _ids_of(text: str, drawn, ids: list[str], lang: str) -> list[str]:
    """The places a drawn name stands for: one place's name, or a group's names joined by the separator."""
    by_name = {}
    for i in ids:
        by_name.setdefault(drawn._short_place(i), []).append(i)
    flat = text.replace("\n", "" if lang == "ja" else " ")
    if flat in by_name:
        return by_name[flat]
    flat = re.sub(r"\s*(ほか\d+件|\+\d+ more)$", "", flat)
    parts = flat.split("・" if lang == "ja" else " / ")
    return [i for part in parts for i in by_name.get(part, [])]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("key", list(SELECTIONS))
def test_each_label_is_nearest_its_own_dot_and_every_japanese_place_is_named_or_keyed(shipped, key, lang):
    selection = SELECTIONS[key]
    _, drawn = slide.render_slide(shipped, selection, lang)
    dots = _place_dots(shipped, drawn, selection, lang)
    countries = {i: str(shipped.cities.loc[i, "country_code"]) for i in dots}
    country_names = {}
    from c2c.text import i18n
    for i, code in countries.items():
        if not i.startswith("jp-"):
            country_names.setdefault(i18n.country_name(shipped, code, lang), []).append(i)
    labelled: list[tuple[str, list[str], object]] = []
    for artist in drawn.label_artists:
        text = artist.get_text()
        own = country_names.get(text) or _ids_of(text, drawn, list(dots), lang)
        assert own, f"label {text!r} names no shown place"
        labelled.append((text, own, artist.get_window_extent(drawn.renderer)))
    numbered: dict[str, list[str]] = {}
    for number, ids, artist in getattr(drawn, "numbered", []):
        numbered[number] = list(ids)
        labelled.append((number, list(ids), artist.get_window_extent(drawn.renderer)))
    problems = []
    for text, own, bbox in labelled:
        mine = min(_distance(bbox, *dots[i]) for i in own)
        other_id, other = min(((i, _distance(bbox, *p)) for i, p in dots.items() if i not in own),
                              key=lambda kv: kv[1], default=(None, math.inf))
        if not mine + MARGIN < other:
            problems.append(f"{text!r}: own dot {mine:.1f}px, {other_id} {other:.1f}px")
    assert not problems, problems
    # every Japanese municipality: named, or numbered with its number and name in the key
    key_text = "\n".join(f"{n.get_text()} {names.get_text()}".replace("\n", " ")  # a key row may wrap
                         for n, names in getattr(drawn, "key_rows", []))
    named = {i for text, own, _ in labelled if not text.isdigit() for i in own}
    missing = []
    for i in dots:
        if not i.startswith("jp-") or i in named:
            continue
        numbers = [n for n, ids in numbered.items() if i in ids]
        if not numbers or not re.search(rf"(^|\n){numbers[0]}\s[^\n]*{re.escape(drawn._short_place(i))}",
                                        key_text):
            missing.append(i)
    assert not missing, f"Japanese places neither named nor keyed: {missing}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_names_keep_their_size_and_bangkok_sits_by_its_dot(shipped, lang):
    """バンコク都・タイ東部地域 used to be set smaller and far from its dot: now at full size, wrapped if need be."""
    _, drawn = slide.render_slide(shipped, SELECTIONS["fy2022"], lang)
    dots = _place_dots(shipped, drawn, SELECTIONS["fy2022"], lang)
    sizes = {"jp-": 16, "": 15}
    for artist in drawn.label_artists:
        own = _ids_of(artist.get_text(), drawn, list(dots), lang)
        expected = sizes["jp-"] if own[0].startswith("jp-") else sizes[""]
        assert artist.get_fontsize() == pytest.approx(expected * 72 / slide.SLIDE_DPI), artist.get_text()
    bangkok = [a for a in drawn.label_artists if drawn._short_place("th-bangkok") in a.get_text()]
    assert len(bangkok) == 1 or any("th-bangkok" in ids for _, ids, _ in drawn.numbered)
    if bangkok:
        box = bangkok[0].get_window_extent(drawn.renderer)
        assert _distance(box, *dots["th-bangkok"]) < 25  # right by its dot
