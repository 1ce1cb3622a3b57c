"""The naive baseline: the real map page, but the map drawn the textbook folium way.

Run it like the app (``streamlit run bench/naive_app.py``; the benchmark serves it with ``static/`` next to it).

Same data, same sidebar and filters, same page (``pages/map.py``'s ``render``) and the same line and node
content (tooltips, popups, great-circle arcs from :func:`c2c.map.network.build_network`); only the map widget differs:

* the whole ``folium.Map`` is rebuilt on every run: base map + one ``folium.PolyLine`` with its own
  ``folium.Tooltip`` and ``folium.Popup`` per line, one ``folium.CircleMarker`` with tooltip and popup per place;
* it is passed whole to ``st_folium`` (no ``feature_group_to_add``), so its script changes with every filter
  change and the component remounts its iframe.

The timeline toggle (off by default) is ignored here; the JCM layer is drawn as one ``folium.GeoJson``.
"""

from __future__ import annotations

import math
from typing import Any

import folium

from c2c.map.mapview import DATED_COLOR, JCM_COLOR, JP_COLOR, PARTNER_COLOR, UNDATED_COLOR, build_base_map, jcm_features
from c2c.map.network import NetworkLayers, build_network

NAIVE_KEY = "naive_map"


def _latlngs(coordinates) -> list[tuple[float, float]]:
    return [(lat, lon) for lon, lat in coordinates]


def build_naive_map(layers: NetworkLayers, *, lang: str, tiles: str = "offline", fit: bool = False,
                    jcm_codes: list[str] | None = None) -> folium.Map:
    """One folium object (with its own Tooltip and Popup) per line and per place, on a fresh base map."""
    fmap = build_base_map(lang, tiles)
    if jcm_codes:
        folium.GeoJson(jcm_features(jcm_codes), interactive=False,
                       style_function=lambda _: {"stroke": False, "fill": True, "fillColor": JCM_COLOR,
                                                 "fillOpacity": 0.55}).add_to(fmap)
    for feature in layers.dated_lines["features"]:
        props = feature["properties"]
        n = props["n"]
        folium.PolyLine(_latlngs(feature["geometry"]["coordinates"]), color=DATED_COLOR,
                        weight=1.6 + 1.4 * math.sqrt(n) if n > 0 else 1.4, opacity=0.78,
                        tooltip=folium.Tooltip(props["t"], sticky=True),
                        popup=folium.Popup(props["p"], max_width=360)).add_to(fmap)
    for feature in layers.undated_lines["features"]:
        props = feature["properties"]
        folium.PolyLine(_latlngs(feature["geometry"]["coordinates"]), color=UNDATED_COLOR, weight=1.6,
                        opacity=0.85, dash_array="5 6", tooltip=folium.Tooltip(props["t"], sticky=True),
                        popup=folium.Popup(props["p"], max_width=360)).add_to(fmap)
    for feature in layers.nodes["features"]:
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        folium.CircleMarker((lat, lon), radius=4 + 2.2 * math.sqrt(props["d"]), weight=1.5, color="#ffffff",
                            fill=True, fill_color=JP_COLOR if props["s"] == "j" else PARTNER_COLOR,
                            fill_opacity=0.95, tooltip=folium.Tooltip(props["t"], sticky=True),
                            popup=folium.Popup(props["p"], max_width=360)).add_to(fmap)
    if fit and layers.bounds:
        fmap.fit_bounds(layers.bounds, padding=(30, 30), max_zoom=7)
    return fmap


def render_naive_map(dataset, links, *, lang: str, tiles: str, fit: bool, jcm_codes: list[str] | None,
                     timeline: dict[str, Any] | None = None, height: int = 640, **_map_options: Any) -> None:
    """Drop-in replacement for ui.mapui.render_network_map: the same selected links, one folium object each.

    The map page's other options (view, labels, presentation overlay, the year control) are ignored: the naive
    map has none of them, so it is measured doing less than ours."""
    from streamlit_folium import st_folium

    year_pick = _map_options.get("year_pick")
    if year_pick:  # the page sent every year for our map's own year control: the naive map draws the one year
        links = links[links["fiscal_year"] == year_pick["year"]]
    layers = build_network(dataset, links, lang)
    fmap = build_naive_map(layers, lang=lang, tiles=tiles, fit=fit, jcm_codes=jcm_codes)
    st_folium(fmap, key=NAIVE_KEY, height=height, use_container_width=True,
              returned_objects=["last_object_clicked_tooltip"])


def main() -> None:
    import streamlit as st

    from c2c.map.offline_map import register_mimetypes
    from pages import map as network
    from ui.shell import run_shell

    register_mimetypes()
    st.set_page_config(page_title="C2C Atlas (naive map)", layout="wide", initial_sidebar_state="expanded")
    shell = run_shell()
    if shell is None:
        return
    # The map page with its map widget swapped for the naive one, for this run only (AppTest runs both apps in
    # one process).
    real = network.render_network_map
    network.render_network_map = render_naive_map
    try:
        network.render(shell.context)
    finally:
        network.render_network_map = real


if __name__ == "__main__":
    main()
