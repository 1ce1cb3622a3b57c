"""Network map: the whole programme at a glance, filtered by the sidebar."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from c2c.core.selection import ALL_YEARS, select_links
from c2c.core.stats import headline
from c2c.export.captions import selection_source_line
from c2c.map.mapview import TILE_CHOICES, timeline_options
from c2c.text import i18n
from ui.downloads import render_downloads
from ui.mapui import render_network_map
from ui.presentation import apply_presentation_mode
from ui.shell import page_context, render_coverage_notice, render_headline

ctx = page_context()
dataset, lang, selection = ctx.dataset, ctx.lang, ctx.selection
presenting = apply_presentation_mode(lang)

st.subheader(i18n.t("app_title", lang), divider="gray")
# Slots in reading order, filled in the order that gets the map to the browser first: Streamlit streams each
# element as the script reaches it, so the map's update no longer waits for the numbers above it.
numbers_slot = st.container()
options = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")  # fewer elements than columns
map_slot = st.container()

tile_labels = {"offline": i18n.t("basemap_offline", lang), "osm": i18n.t("basemap_osm", lang),
               "positron": i18n.t("basemap_positron", lang)}
tiles = options.selectbox(i18n.t("basemap", lang), TILE_CHOICES, format_func=tile_labels.get, key="tiles", width=260)
jcm = options.toggle(i18n.t("jcm_layer", lang), key="jcm_layer")
timeline = options.toggle(i18n.t("timeline", lang), key="timeline", help=i18n.t("timeline_help", lang))
fit = options.button(i18n.t("fit", lang), key="fit_button")

links = select_links(dataset, selection)
map_links, timeline_payload = links, None
if timeline:
    # The timeline walks through the selected range (or every dated year) in the browser, so it is sent every
    # dated link of the other filters at once; undated links have no year to appear in.
    spec = selection.fiscal_years
    map_links = select_links(dataset, replace(selection, fiscal_years=ALL_YEARS if spec.is_single else spec,
                                              include_undated=False))
    years = sorted({int(y) for y in map_links["fiscal_year"].dropna()})
    timeline_payload = timeline_options(years, lang) if years else None

with map_slot:
    if map_links.empty:
        st.warning(i18n.t("no_links", lang))
    jcm_codes = sorted(dataset.countries.index[dataset.countries["jcm_partner"]]) if jcm else None
    render_network_map(dataset, map_links, lang=lang, tiles=tiles, fit=fit, jcm_codes=jcm_codes,
                       timeline=timeline_payload, height=820 if presenting else 640)

with numbers_slot:
    render_headline(headline(links), lang)
    render_coverage_notice(dataset, selection, lang)

st.caption(i18n.t("disclaimer", lang) + "　" + selection_source_line(dataset, selection, lang, max_chars=400))
if not presenting:
    render_downloads(ctx)
