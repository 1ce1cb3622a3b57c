"""Countries & municipalities: counts by partner country and by Japanese municipality for the selection, and the
fiscal-year timeline of the whole programme against the official figures (the "decarbonisation domino")."""

from __future__ import annotations

import streamlit as st

from c2c.core.selection import select_links
from c2c.core.stats import headline
from c2c.export.captions import selection_source_line
from c2c.report import briefing
from c2c.report.profile import Subject
from c2c.text import i18n
from c2c.text.mdsafe import md_text
from ui.profile import page_link
from ui.shell import PageContext, render_coverage_notice, render_headline, run_page_file


def render(ctx: PageContext) -> None:
    dataset, lang, selection = ctx.dataset, ctx.lang, ctx.selection
    links = select_links(dataset, selection)
    numbers = headline(links)

    st.subheader(ctx.t("page_countries"), divider="gray")
    st.caption(ctx.t("countries_intro"))
    render_headline(numbers, lang)
    render_coverage_notice(dataset, selection, lang)

    def counts_section(heading: str, table, label_column: str, measures: tuple[str, ...], column_config: dict,
                       key: str) -> None:
        st.markdown(f"#### {heading}")
        if table.empty:
            st.warning(ctx.t("no_links"))
            return
        long = briefing.long_counts(table, label_column, measures, lang)
        series = [briefing.measure_label(m, lang) for m in measures]
        spec = briefing.grouped_bar_spec(list(table[label_column]), series, ctx.t("chart_count"))
        chart_col, table_col = st.columns([1, 1])
        chart_col.vega_lite_chart(long, spec, width="stretch", alt=heading)
        table_col.dataframe(table, hide_index=True, key=f"{key}_table", column_config=column_config,
                            column_order=list(column_config), height=35 * (len(table) + 1) + 3)
        links_row = st.container(horizontal=True, key=f"{key}_profiles")
        links_row.caption(":material/badge: " + ctx.t("page_profile") + i18n.colon(lang))
        for code, label in zip(table["code" if "code" in table else "id"], table[label_column]):
            kind = "country" if "code" in table else "place"
            page_link(links_row, ctx.pages["profile"], Subject(kind, str(code)), lang, label=str(label))

    def number(short_key: str, long_key: str):
        return st.column_config.NumberColumn(ctx.t(short_key), help=ctx.t(long_key), format="%d", width="small")

    counts_section(ctx.t("by_country_heading"), briefing.country_table(dataset, links, lang), "country",
                   briefing.COUNTRY_MEASURES,
                   {"country": st.column_config.TextColumn(ctx.t("col_country")),
                    "code": st.column_config.TextColumn(ctx.t("col_code"), width="small"),
                    "projects": number("col_n_projects", "metric_projects"),
                    "partner_places": number("col_n_places", "metric_partner_places"),
                    "jp_municipalities": number("col_n_jp", "metric_jp"),
                    "links": number("col_n_links", "metric_links")},
                   "by_country")
    counts_section(ctx.t("by_municipality_heading"), briefing.municipality_table(dataset, links, lang), "municipality",
                   briefing.MUNICIPALITY_MEASURES,
                   {"municipality": st.column_config.TextColumn(ctx.t("col_jp")),
                    "projects": number("col_n_projects", "metric_projects"),
                    "partner_places": number("col_n_places", "metric_partner_places"),
                    "countries": number("col_n_countries", "metric_countries"),
                    "links": number("col_n_links", "metric_links")},
                   "by_municipality")

    # --- the whole programme by fiscal year ---------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('timeline_heading')}")
    st.caption(ctx.t("timeline_note"))
    st.markdown(f"**{ctx.t('timeline_projects')}**")
    timeline_series = [ctx.t("series_in_data"), ctx.t("series_official")]
    timeline = briefing.timeline_table(dataset, lang)
    st.vega_lite_chart(timeline, briefing.timeline_spec(timeline_series, ctx.t("metric_projects")), width="stretch",
                       alt=ctx.t("timeline_projects"))
    with st.expander(ctx.t("a11y_timeline_numbers")):  # the chart's numbers, for those who cannot read a chart
        numbers = timeline.pivot(index="fiscal_year", columns="series", values="value").reset_index()
        st.dataframe(numbers, hide_index=True, key="timeline_numbers", column_order=["fiscal_year", *timeline_series],
                     column_config={"fiscal_year": st.column_config.NumberColumn(ctx.t("fiscal_year"),
                                                                                 format=ctx.t("fy_number_format")),
                                    **{s: st.column_config.NumberColumn(s, format="%d") for s in timeline_series}})

    st.markdown(f"**{ctx.t('domino_heading')}**")
    st.caption(ctx.t("domino_legend"))
    growth_series = [ctx.t("series_data_cum"), ctx.t("series_official_cum")]
    growth_measures = [briefing.measure_label(m, lang) for m in briefing.GROWTH_MEASURES]
    st.vega_lite_chart(briefing.growth_long(dataset, lang),
                       briefing.growth_spec(growth_measures, growth_series, ctx.t("chart_count")), width="stretch",
                       alt=ctx.t("domino_heading"))
    st.caption(ctx.t("domino_note"))
    with st.expander(ctx.t("growth_table")):
        data_suffix, official_suffix = ctx.t("col_data_suffix"), ctx.t("col_official_suffix")
        growth_config = {"fiscal_year": st.column_config.NumberColumn(ctx.t("fiscal_year"), format=ctx.t("fy_number_format"))}
        for measure in briefing.GROWTH_MEASURES:
            label = briefing.measure_label(measure, lang)
            growth_config[measure] = st.column_config.NumberColumn(label + data_suffix, format="%d")
            growth_config[f"official_{measure}"] = st.column_config.NumberColumn(label + official_suffix, format="%d")
        st.dataframe(briefing.growth_table(dataset), hide_index=True, key="growth_table", column_config=growth_config,
                     column_order=list(growth_config))

    # no boundary disclaimer: this page draws no map (issue #19, item 4)
    st.caption(md_text(selection_source_line(ctx.dataset, ctx.selection, ctx.lang, max_chars=400)))


if __name__ == "__main__":  # run as a file: Streamlit's legacy pages/ mode (ui/shell.py)
    run_page_file(render)
