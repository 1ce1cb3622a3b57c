"""Data & sources: how complete each fiscal year is, where the sources disagree, what the evidence levels mean,
every source with its citing rows, the reference rows we could not link, and the raw CSV files.

This page describes the whole dataset: the sidebar filters do not apply.
"""

from __future__ import annotations

import streamlit as st

from c2c.report import briefing
from ui.downloads import raw_file_download
from ui.shell import PageContext, run_page_file


def render(ctx: PageContext) -> None:
    dataset, lang = ctx.dataset, ctx.lang

    st.subheader(ctx.t("page_sources"), divider="gray")
    st.caption(ctx.t("sources_intro") + "　" + briefing.version_text(dataset, lang))

    # --- coverage -------------------------------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('coverage_heading')}")
    st.caption(ctx.t("coverage_explain"))
    coverage = briefing.coverage_table(dataset, lang)
    st.dataframe(
        coverage.style.apply(briefing.status_styles, axis=None), hide_index=True, key="coverage_table",
        placeholder="—", height=35 * (len(coverage) + 1) + 3,
        # every official figure is cited beside it; the notes are in the page's language
        column_order=["fiscal_year", "status_label", "known_of_official", "share", "listed_in_data",
                      "official_source", "official_source_url", "notes"],
        column_config={
            "fiscal_year": st.column_config.NumberColumn(ctx.t("fiscal_year"), format=ctx.t("fy_number_format"), width=75),
            "status_label": st.column_config.TextColumn(ctx.t("col_status"), width=95),
            "known_of_official": st.column_config.TextColumn(ctx.t("col_known_of"), width=95),
            "share": st.column_config.ProgressColumn(ctx.t("col_share"), min_value=0, max_value=100, format="%d%%",
                                                     width=110),
            "listed_in_data": st.column_config.NumberColumn(ctx.t("col_listed"), format="%d", width=110),
            "official_source": st.column_config.TextColumn(ctx.t("col_official_source"), width=300),
            "official_source_url": st.column_config.LinkColumn(ctx.t("col_official_source_url"), width=150,
                                                               display_text=r"https?://(?:www\.)?([^/]+).*"),
            "notes": st.column_config.TextColumn(ctx.t("col_notes"), width="large"),
        },
    )
    st.caption(":material/warning: " + ctx.t("incomplete_any"))
    latest = briefing.latest_cumulative_text(dataset, lang)
    if latest:
        st.caption(latest)

    # --- contradictions -------------------------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('contradictions_heading')}")
    st.html(briefing.contradictions_html(dataset, lang))

    # --- evidence levels ------------------------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('evidence_heading')}")
    st.html(briefing.evidence_html(dataset, lang))

    # --- every source -----------------------------------------------------------------------------------------------
    sources = briefing.source_table(dataset, lang)
    st.markdown(f"#### {ctx.t('all_sources_heading')}")
    st.caption(ctx.t("all_sources_note", n=len(sources)))
    st.dataframe(
        sources, hide_index=True, key="sources_table", placeholder="—", height=420,
        column_order=["citation", "kind_label", "url", "total_rows", "projects_rows", "fiscal_years_rows", "notes_rows",
                      "cited_by"],
        column_config={
            "citation": st.column_config.TextColumn(ctx.t("col_citation"), width=420),
            "kind_label": st.column_config.TextColumn(ctx.t("col_source_kind"), width=110),
            "url": st.column_config.LinkColumn(ctx.t("col_url"), width=220),
            "total_rows": st.column_config.NumberColumn(ctx.t("col_total_rows"), format="%d", width=115),
            "projects_rows": st.column_config.NumberColumn(ctx.t("col_projects_rows"), format="%d", width=100),
            "fiscal_years_rows": st.column_config.NumberColumn(ctx.t("col_fiscal_years_rows"), format="%d", width=115),
            "notes_rows": st.column_config.NumberColumn(ctx.t("col_notes_rows"), format="%d", width=120),
            "cited_by": st.column_config.TextColumn(ctx.t("col_cited_by"), width="large"),
        },
    )

    # --- known but unlinked -------------------------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('unlinked_heading')}")
    st.caption(ctx.t("unlinked_note"))
    unlinked = briefing.unlinked_table(dataset, lang)
    st.dataframe(
        unlinked, hide_index=True, key="unlinked_table", placeholder="—", height=35 * (len(unlinked) + 1) + 3,
        column_order=["fiscal_year", "kind_label", "jp", "partner", "reason", "source", "contradicted_by", "url"],
        column_config={
            "fiscal_year": st.column_config.NumberColumn(ctx.t("fiscal_year"), format=ctx.t("fy_number_format"), width=75),
            "kind_label": st.column_config.TextColumn(ctx.t("col_unlinked_kind"), width=130),
            "jp": st.column_config.TextColumn(ctx.t("col_jp_side"), width=160),
            "partner": st.column_config.TextColumn(ctx.t("col_partner_side"), width=200),
            "reason": st.column_config.TextColumn(ctx.t("col_unlinked_reason"), width=420),
            "source": st.column_config.TextColumn(ctx.t("col_citation"), width=300),
            "contradicted_by": st.column_config.TextColumn(ctx.t("col_contradicted_by"), width=220),
            "url": st.column_config.LinkColumn(ctx.t("col_url")),
        },
    )

    # --- the data's version ---------------------------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('version_heading')}")
    st.caption(briefing.version_text(dataset, lang) + "　" + ctx.t("version_note"))
    st.html(briefing.changelog_html(dataset, lang))

    # --- raw files ------------------------------------------------------------------------------------------------------
    st.markdown(f"#### {ctx.t('raw_heading')}")
    st.caption(ctx.t("raw_note"))
    if ctx.load.stale:
        st.warning(ctx.t("raw_stale"), icon=":material/warning:")
    rows = briefing.row_counts(dataset)
    with st.container(horizontal=True):
        for path in briefing.raw_files(dataset.data_dir):
            name = path.relative_to(dataset.data_dir).as_posix()
            data, refused = raw_file_download(path)  # regular files within the limit, read on click (ui/downloads.py)
            if data is None:
                st.caption(ctx.t("raw_refused", name=name, reason=ctx.t(refused)))
                continue
            st.download_button(name, data=data, file_name=path.name, mime="text/csv",
                               key=f"raw_{name}", icon=":material/download:", on_click="ignore",
                               help=None if ctx.load.stale else ctx.t("raw_rows", n=rows.get(name, 0)))

    st.caption(ctx.t("source_line") + "　" + briefing.version_text(dataset, lang))


if __name__ == "__main__":  # run as a file: Streamlit's legacy pages/ mode (ui/shell.py)
    run_page_file(render)
