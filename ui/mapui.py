"""The map widget: a constant base map plus the selection's feature group, and clicks that focus a place."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from c2c.core.dataset import Dataset
from c2c.map.mapview import build_base_map, build_network_layer
from c2c.map.network import build_compact_network

MAP_KEY = "network_map"
_TOOLTIPS = "_c2c_place_by_tooltip"


def place_from_click(returned: dict | None, place_by_tooltip: dict[str, str]) -> str | None:
    """The place whose node was clicked, from what st_folium returns (lines and the sea return None)."""
    tooltip = ((returned or {}).get("last_object_clicked_tooltip") or "").strip()
    return place_by_tooltip.get(tooltip)


def _on_map_change() -> None:
    """A click on a node focuses the map on that place, through the URL-bound ``place`` code."""
    place = place_from_click(st.session_state.get(MAP_KEY), st.session_state.get(_TOOLTIPS, {}))
    if place and place != st.session_state.get("place"):
        st.session_state["place"] = place


def render_network_map(dataset: Dataset, links: pd.DataFrame, *, lang: str, tiles: str, fit: bool,
                       jcm_codes: list[str] | None, timeline: dict | None = None, height: int = 640) -> None:
    """Build the selection's compact network and draw it on the constant base map."""
    network = build_compact_network(dataset, links, lang)
    st.session_state[_TOOLTIPS] = network.place_by_tooltip
    base = build_base_map(lang, tiles)
    group = build_network_layer(network, fit=fit, jcm_codes=jcm_codes, timeline=timeline)
    st_folium(base, feature_group_to_add=group, key=MAP_KEY, height=height, use_container_width=True,
              returned_objects=["last_object_clicked_tooltip"], on_change=_on_map_change)
