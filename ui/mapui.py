"""The map widget: the constant base map plus the selection's feature group; clicks and the view go to the URL.

A click in the map comes back through streamlit-folium's component value as ``last_object_clicked_popup``
(static/js/c2c-map.js sets it to ``pair:JP|PARTNER#n``, ``place:ID#n`` or ``project:ID#n``; the counter makes a
second click on the same thing count). Nothing is matched on tooltip text.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from c2c.core.dataset import Dataset
from c2c.map.mapview import build_base_map, build_network_layer
from c2c.map.network import build_compact_network
from ui.map_view import MapView, write_selection, write_view
from ui.state import set_code

MAP_KEY = "network_map"
_CLICK = re.compile(r"^(pair|place|project):([A-Za-z0-9_\-|]{1,200})#\d+$")
_VIEW = re.compile(r"^view:(\d{1,2})/(-?\d{1,2}\.\d{3})/(-?\d{1,3}\.\d{3})#\d+$")
_FY = re.compile(r"^fy:(\d{4})#\d+$")
_LAST_CLICK = "_c2c_last_map_click"


def parse_click(value: object) -> tuple[str, str] | None:
    """``("pair", "jp-x~vn-y")``, ``("place", id)`` or ``("project", id)`` from the component's click value."""
    match = _CLICK.match(value) if isinstance(value, str) else None
    if not match:
        return None
    kind, code = match[1], match[2]
    if kind == "pair":
        jp, sep, partner = code.partition("|")
        if not sep or not jp or not partner:
            return None
        code = f"{jp}~{partner}"
    elif "|" in code:
        return None
    return kind, code


def _on_map_change() -> None:
    returned = st.session_state.get(MAP_KEY) or {}
    click = returned.get("last_object_clicked_popup")
    if click and click != st.session_state.get(_LAST_CLICK):
        st.session_state[_LAST_CLICK] = click
        view, year = _VIEW.match(click), _FY.match(click)
        if view:
            write_view(int(view[1]), float(view[2]), float(view[3]))
        elif year:  # the map's own year control: the sidebar, URL and headline follow in this rerun
            set_code("fy", year[1])
        elif parsed := parse_click(click):
            write_selection(*parsed)


def render_network_map(dataset: Dataset, links: pd.DataFrame, *, lang: str, tiles: str = "offline", fit: bool,
                       jcm_codes: list[str] | None, view: MapView | None = None, timeline: dict | None = None, labels: bool = True,
                       present: bool = False, overlay: dict[str, Any] | None = None, year_pick: dict | None = None,
                       height: int = 560) -> None:
    """Build the selection's compact network and draw it on the constant base map. With ``year_pick``
    (c2c.map.mapview.year_pick_options) ``links`` are every year's and the map shows the picked one, switching
    years in the browser; the year comes back as ``fy:YYYY#n``."""
    view = view or MapView(tiles=tiles)
    network = build_compact_network(dataset, links, lang, by_year=year_pick is not None)
    base = build_base_map(lang, tiles)
    group = build_network_layer(network, fit=fit, jcm_codes=jcm_codes, timeline=timeline, labels=labels,
                                present=present, overlay=overlay, year_pick=year_pick, selected=view.selected)
    st_folium(base, feature_group_to_add=group, key=MAP_KEY, height=height, use_container_width=True,
              returned_objects=["last_object_clicked_popup"], on_change=_on_map_change,
              zoom=view.zoom, center=view.center)
