"""The map's view in the URL: zoom and centre, base map, JCM shading, labels, timeline and the clicked item.

Stable codes only (``z=5&c=12.5,110.25&tiles=osm&jcm=1&labels=0&tl=1&sel=pair:jp-osaka~vn-ho-chi-minh``), parsed
strictly; an invalid value is dropped from the URL with a notice. Like the filters' codes they live in the session
under their URL names and reach the URL through ui/state.py (``register_url_key``): writing ``st.query_params``
from the map's callback could push a stale address back to the browser and drop a filter the user had just
set. The codes are the truth; the option widgets write their code in ``on_change`` and are set from the codes on
every run, before they are drawn (issue #19, items 1 and 2). Seeding them once was not enough: in presentation
mode they are not drawn, Streamlit forgets a widget that was not drawn, and the browser drew it again at its
default (off) while the session still said on; the next rerun sent that default back as a change, so leaving
presentation mode turned place names off and dropped the JCM shading. And the base-map box sends its option's
*label*, which after a language switch is the other language's label, not an option: it is ignored, not stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from c2c.core.dataset import Dataset
from c2c.core.values import MAX_ID_CHARS
from c2c.map.mapview import MIN_ZOOM, TILE_CHOICES
from ui.errors import guarded
from ui.state import ignore_url_value, register_url_key

MAX_ZOOM = 12
_CENTER = re.compile(r"^(-?\d{1,2}(?:\.\d{1,6})?),(-?\d{1,3}(?:\.\d{1,6})?)$")
# two ids of the one id rule (c2c/core/values.py) and the "~" between them
_SELECTION = re.compile(rf"^(pair|place|project):([a-z0-9_\-~]{{1,{2 * MAX_ID_CHARS + 1}}})$")
TOGGLES = {"jcm": ("jcm_layer", False), "labels": ("map_labels", True), "tl": ("timeline", False)}
FIELDS = {"jcm": "jcm", "labels": "labels", "tl": "timeline"}  # URL key -> MapView field
URL_KEYS = ("z", "c", "tiles", "sel", *TOGGLES)
for _key in URL_KEYS:
    register_url_key(_key)


@dataclass(frozen=True)
class MapView:
    zoom: int | None = None
    center: tuple[float, float] | None = None
    tiles: str = "offline"
    selected: tuple[str, str] | None = None  # ("pair", "jp-x~vn-y") | ("place", id) | ("project", id)
    jcm: bool = False
    labels: bool = True
    timeline: bool = False


def _valid_selection(kind: str, code: str, dataset: Dataset) -> bool:
    if kind == "pair":
        jp, _, partner = code.partition("~")
        return jp in dataset.cities.index and partner in dataset.cities.index
    if kind == "place":
        return code in dataset.cities.index
    return code in dataset.projects.index


def parse_map_view(params: dict[str, str], dataset: Dataset) -> tuple[MapView, list[str]]:
    """The view from URL values; returns (view, keys whose values were invalid)."""
    bad: list[str] = []
    zoom = center = selected = None
    if params.get("z"):
        value = params["z"]
        if value.isdigit() and MIN_ZOOM <= int(value) <= MAX_ZOOM:
            zoom = int(value)
        else:
            bad.append("z")
    if params.get("c"):
        match = _CENTER.match(params["c"])
        if match and abs(float(match[1])) <= 85 and -360 <= float(match[2]) <= 360:
            center = (float(match[1]), float(match[2]))
        else:
            bad.append("c")
    tiles = params.get("tiles") or "offline"
    if tiles not in TILE_CHOICES:
        bad.append("tiles")
        tiles = "offline"
    switches = {}
    for key, (_, default) in TOGGLES.items():
        value = params.get(key)
        if value not in (None, "", "0", "1"):
            bad.append(key)
        switches[key] = default if value in (None, "") or key in bad else value == "1"
    if params.get("sel"):
        match = _SELECTION.match(params["sel"])
        if match and _valid_selection(match[1], match[2], dataset):
            selected = (match[1], match[2])
        else:
            bad.append("sel")
    return MapView(zoom, center, tiles, selected, **{FIELDS[key]: on for key, on in switches.items()}), bad


def current_map_view(dataset: Dataset, lang: str) -> MapView:
    """Read (and clean) the URL's view; set the option widgets from it (every run: see the module docstring)."""
    params = {key: str(st.session_state.get(key, "") or "") for key in URL_KEYS}
    view, bad = parse_map_view(params, dataset)
    for key in bad:
        ignore_url_value(key, params[key])  # listed in the shell's one notice (ui/state.py)
        st.session_state[key] = ""
    st.session_state["tiles_pick"] = view.tiles
    for key, (widget, _) in TOGGLES.items():
        st.session_state[widget] = getattr(view, FIELDS[key])
    return view


@guarded
def write_toggle(key: str) -> None:
    """on_change of a map option: its code goes to the URL (the default is left out, to keep links short)."""
    widget, default = TOGGLES[key]
    value = bool(st.session_state.get(widget))
    st.session_state[key] = "" if value == default else ("1" if value else "0")


@guarded
def write_tiles() -> None:
    tiles = st.session_state.get("tiles_pick", "offline")
    if tiles not in TILE_CHOICES:  # a label of the other language (see the module docstring): not a choice
        return
    st.session_state["tiles"] = "" if tiles == "offline" else tiles


def write_view(zoom: int, lat: float, lng: float) -> None:
    """The map's zoom and centre, reported by the browser once the map is at rest, into the URL codes."""
    if MIN_ZOOM <= zoom <= MAX_ZOOM and abs(lat) <= 85 and -360 <= lng <= 360:
        st.session_state["z"] = str(zoom)
        st.session_state["c"] = f"{lat:.3f},{lng:.3f}"


def write_selection(kind: str | None, code: str | None) -> None:
    st.session_state["sel"] = f"{kind}:{code}" if kind and code else ""
