"""The floor: the least a Streamlit page can do to show our map and change its fiscal year.

One selectbox (in the sidebar, where the app has its year picker, with the same key and option labels, so the
benchmark presses it the same way) and the same map component with the same data, labels and base map. No
title, numbers, options, panel or downloads. What this page costs to load and to update is the stack's own
cost (Streamlit's frontend, the websocket round trip, the component iframe, Leaflet); the app's figures are
read against it (bench/README.md).

Run it like the app (``streamlit run bench/floor_app.py``; the benchmark serves it with ``static/`` next to it).
"""

from __future__ import annotations

import streamlit as st

from c2c.core.selection import Selection, SelectionError, parse_fiscal_year, select_links
from c2c.map.offline_map import register_mimetypes
from c2c.text import i18n
from ui.data import load_app_dataset
from ui.mapui import render_network_map

ALL = "all"


def main() -> None:
    register_mimetypes()
    st.set_page_config(page_title="C2C Atlas (floor)", layout="wide", initial_sidebar_state="expanded")
    dataset = load_app_dataset().dataset
    if dataset is None:
        st.error("no data")
        return
    options = [ALL, *dataset.dated_years[::-1]]
    if "floor_fy" not in st.session_state:  # the link's year, once
        try:
            spec = parse_fiscal_year(st.query_params.get("fy"))
        except SelectionError:
            spec = parse_fiscal_year(None)
        st.session_state["floor_fy"] = spec.start if spec.is_single and spec.start in options else ALL
    # in a container keyed like the app's year selectbox, so the benchmark finds it by the same selector
    with st.sidebar.container(key="fy_single"):
        year = st.selectbox("fy", options, key="floor_fy",
                            format_func=lambda y: y if y == ALL else i18n.t("export_fy_single", "ja", year=y))
    selection = Selection() if year == ALL else Selection(fiscal_years=parse_fiscal_year(str(year)))
    render_network_map(dataset, select_links(dataset, selection), lang="ja", tiles="offline", fit=False,
                       jcm_codes=None)


if __name__ == "__main__":
    main()
