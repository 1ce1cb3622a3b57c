"""Network map: the whole programme at a glance, filtered by the sidebar. Map first: title, one line of
numbers, one line on coverage, one row of map options, then the map; what a click on the map chose is listed
under it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from c2c.core.selection import ALL_YEARS, select_links
from c2c.core.stats import HEADLINE_METRICS, headline
from c2c.export.captions import filter_summary, fiscal_year_label, selection_source_line
from c2c.map.mapview import TILE_CHOICES, timeline_options, year_pick_options
from c2c.text import i18n
from c2c.text.mdsafe import md_text
from ui.downloads import render_downloads
from ui.headline import render_compact_headline, render_coverage_line
from ui.map_panel import render_map_panel, render_share_popover
from ui.map_view import current_map_view, write_tiles, write_toggle
from ui.mapui import render_network_map
from ui.presentation import render_title_row
from ui.shell import PageContext, run_page_file


def _presentation_requested() -> bool:
    """Presentation mode, before its toggle is drawn (the toggle comes after the map in script order): the
    toggle's value from the last run, or on a session's first run the URL's ``present`` as the toggle reads it."""
    if "present" in st.session_state:
        return bool(st.session_state["present"])
    return str(st.query_params.get("present") or "").lower() == "true"


def render(ctx: PageContext) -> None:
    dataset, lang, selection = ctx.dataset, ctx.lang, ctx.selection
    # Slots in reading order, filled in the order that gets the map to the browser first: Streamlit streams each
    # element as the script reaches it, and the browser fetches each widget kind's code as its element arrives.
    # The map goes first; the title row, the options and the numbers (some 40 widget files on a first visit,
    # which would otherwise take the browser's connections before the map's own files) follow it.
    title_slot = st.container()
    view = current_map_view(dataset, lang)
    numbers_slot = st.container()
    options = st.container(horizontal=True, vertical_alignment="center", gap="small", key="map_options")
    map_slot = st.container(key="map_slot")
    presenting = _presentation_requested()

    tile_labels = {"offline": i18n.t("basemap_offline", lang), "osm": i18n.t("basemap_osm", lang),
                   "positron": i18n.t("basemap_positron", lang)}
    # The options' URL codes, not their widgets: a projector hides the widgets (which then lose their state), and
    # otherwise they are drawn after the map, set from the same codes (ui/map_view.py).
    jcm, labels, timeline = view.jcm, view.labels, view.timeline
    if presenting:  # a projector starts with the whole selection in view, unless the link says otherwise
        fit = view.zoom is None
    else:
        fit = bool(st.session_state.get("fit_button"))

    links = select_links(dataset, selection)
    map_links, timeline_payload, year_pick = links, None, None
    spec = selection.fiscal_years
    if timeline:
        # The timeline walks through the selected range (or every dated year) in the browser, so it is sent every
        # dated link of the other filters at once; undated links have no year to appear in.
        map_links = select_links(dataset, replace(selection, fiscal_years=ALL_YEARS if spec.is_single else spec,
                                                  include_undated=False))
        years = sorted({int(y) for y in map_links["fiscal_year"].dropna()})
        timeline_payload = timeline_options(years, lang) if years else None
    elif spec.is_single and not presenting:
        # One year: the map gets every year of the other filters and its own year control (◀ FY ▶) draws another
        # year at once, in the browser; the year then comes back (ui/mapui.py) and this page follows.
        map_links = select_links(dataset, replace(selection, fiscal_years=ALL_YEARS, include_undated=False))
        year_pick = year_pick_options(int(spec.start), list(dataset.all_years), lang)

    numbers = headline(links)
    period, filters = fiscal_year_label(selection, lang), filter_summary(dataset, selection, lang)
    overlay = {
        "title": i18n.t("export_programme", lang),
        "summary": " · ".join([period, filters or i18n.t("filter_summary_all", lang)]),
        # what the map's live region says after a change ("FY2017: 6 projects, 4 countries"; c2c-a11y.js)
        "period": period, "filters": filters, "single": selection.fiscal_years.is_single,
        "metrics": [{"key": key, "label": i18n.t(label, lang)} for key, label in HEADLINE_METRICS],
        "numbers": numbers,
    }
    with map_slot:
        if links.empty if year_pick else map_links.empty:
            st.warning(i18n.t("no_links", lang))
        jcm_codes = sorted(dataset.countries.index[dataset.countries["jcm_partner"]]) if jcm else None
        render_network_map(dataset, map_links, lang=lang, tiles=view.tiles, view=view, fit=fit, jcm_codes=jcm_codes,
                           timeline=timeline_payload, labels=labels, present=presenting, overlay=overlay,
                           year_pick=year_pick)

    with title_slot:
        presenting, title_row = render_title_row(lang)
    if not presenting:
        options.selectbox(i18n.t("basemap", lang), TILE_CHOICES, format_func=tile_labels.get, key="tiles_pick", width=236,
                          label_visibility="collapsed", on_change=write_tiles)
        options.toggle(i18n.t("opt_jcm", lang), help=i18n.t("jcm_layer", lang), key="jcm_layer", on_change=write_toggle, args=("jcm",))
        options.toggle(i18n.t("map_labels", lang), key="map_labels", on_change=write_toggle, args=("labels",))
        options.toggle(i18n.t("opt_timeline", lang), key="timeline", help=i18n.t("timeline_help", lang),
                       on_change=write_toggle, args=("tl",))
        options.button(i18n.t("fit", lang), key="fit_button", icon=":material/fit_screen:")
        render_share_popover(title_row, lang)
        with numbers_slot:
            render_compact_headline(numbers, lang)
            render_coverage_line(dataset, selection, links, lang, timeline=timeline_payload is not None)
        render_map_panel(dataset, map_links if timeline_payload else links, view, lang, ctx.pages["projects"],
                         ctx.pages.get("profile"))
        st.caption(i18n.t("disclaimer", lang) + "　" + md_text(selection_source_line(dataset, selection, lang, max_chars=400)))
        render_downloads(ctx)


if __name__ == "__main__":  # run as a file: Streamlit's legacy pages/ mode (ui/shell.py)
    run_page_file(render)
