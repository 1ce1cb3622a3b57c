"""Network map: the whole programme at a glance, filtered by the sidebar."""

from __future__ import annotations

import streamlit as st

from c2c import i18n
from c2c.network import build_network
from c2c.selection import select_links
from c2c.stats import headline, year_coverage
from c2c.mapview import TILE_CHOICES
from ui.mapui import render_network_map
from ui.shell import page_context

ctx = page_context()
dataset, lang, selection = ctx.dataset, ctx.lang, ctx.selection
links = select_links(dataset, selection)
numbers = headline(links)

st.subheader(i18n.t("app_title", lang), divider="gray")
cols = st.columns(5)
cols[0].metric(i18n.t("metric_countries", lang), numbers["countries"])
cols[1].metric(i18n.t("metric_partner_places", lang), numbers["partner_places"])
cols[2].metric(i18n.t("metric_jp", lang), numbers["jp_municipalities"])
cols[3].metric(i18n.t("metric_projects", lang), numbers["projects"])
cols[4].metric(i18n.t("metric_links", lang), numbers["links"])

coverage = year_coverage(dataset)
spec = selection.fiscal_years
if spec.is_single and spec.start in coverage.index:
    row = coverage.loc[spec.start]
    if row["adopted_official"] is None or row["adopted_official"] != row["adopted_official"]:
        st.info(i18n.t("coverage_unknown", lang, year=spec.start, known=int(row["projects_in_data"])))
    else:
        st.info(i18n.t("coverage_line", lang, year=spec.start, known=int(row["projects_in_data"]),
                       official=int(row["adopted_official"])))
    if not row["complete"]:
        st.caption(":material/warning: " + i18n.t("incomplete_year", lang))
elif not spec.is_single:
    st.caption(":material/warning: " + i18n.t("incomplete_any", lang))

options = st.columns([2, 2, 1.3])
tile_labels = {"offline": i18n.t("basemap_offline", lang), "osm": i18n.t("basemap_osm", lang),
               "positron": i18n.t("basemap_positron", lang)}
tiles = options[0].selectbox(i18n.t("basemap", lang), TILE_CHOICES, format_func=tile_labels.get, key="tiles")
jcm = options[1].toggle(i18n.t("jcm_layer", lang), key="jcm_layer")
fit = options[2].button(i18n.t("fit", lang), key="fit_button", use_container_width=True)

if links.empty:
    st.warning(i18n.t("no_links", lang))
layers = build_network(dataset, links, lang)
jcm_codes = sorted(dataset.countries.index[dataset.countries["jcm_partner"]]) if jcm else None
render_network_map(layers, lang=lang, tiles=tiles, fit=fit, jcm_codes=jcm_codes)
st.caption(i18n.t("disclaimer", lang) + "　" + i18n.t("source_line", lang))
