"""Projects: the selected projects as a sortable, searchable table, and the detail of one project.

The detail is deep-linkable: ``?project=<project_id>`` is one of the session's URL codes (ui/state.py); the
picker (and a row selected in the table) set it through callbacks.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from c2c.core.selection import select_projects, text_matches
from c2c.export.captions import selection_source_line
from c2c.report import briefing
from c2c.text import i18n
from c2c.text.mdsafe import md_text
from ui import profile as profile_glue
from ui.downloads import render_downloads
from ui.shell import PageContext, render_coverage_notice, run_page_file
from ui.state import ignore_url_value

PROJECT_KEY = "project"
PICK_KEY = "project_pick"
TABLE_KEY = "projects_table"
_MAX_CODE = 200
_MATCH_LABELS = {"title": "match_title", "summary": "match_summary", "lead": "match_lead", "co": "match_co",
                 "place": "match_place"}


def _set_project(project_id: str) -> None:
    st.session_state[PROJECT_KEY] = project_id


def _on_pick() -> None:
    _set_project(st.session_state.get(PICK_KEY) or "")


def _on_table_select(ids: tuple[str, ...]):
    def callback() -> None:
        rows = (st.session_state.get(TABLE_KEY) or {}).get("selection", {}).get("rows", [])
        if rows and 0 <= rows[0] < len(ids):
            _set_project(ids[rows[0]])
    return callback


def render(ctx: PageContext) -> None:
    dataset, lang = ctx.dataset, ctx.lang
    selection = replace(ctx.selection, project_id=None)  # the table lists the selection; the detail is separate
    projects = select_projects(dataset, selection)
    table = briefing.projects_table(dataset, projects, lang)
    undated = briefing.undated_table(dataset, projects, lang)
    searching = bool(selection.text.strip())
    if searching:  # which field the search words were found in, for each row
        matches = text_matches(dataset, selection.text)
        table["match"] = [i18n.join([ctx.t(_MATCH_LABELS[f]) for f in matches.get(i, ())], lang)
                          for i in table["project_id"]]

    st.subheader(ctx.t("page_projects"), divider="gray")
    render_coverage_notice(dataset, selection, lang)
    if searching:
        profile_glue.render_search_profiles(dataset, selection.text, lang, ctx.pages["profile"])

    # --- detail: the bound code first (it must exist before anything reads it), then the friendly picker -----------
    picker_row = st.container()
    pick_col, code_col = picker_row.columns([3, 1], vertical_alignment="bottom")
    with code_col.popover(":material/link: " + ctx.t("project_link_code"), width="stretch"):
        code = (st.session_state.get(PROJECT_KEY) or "").strip()  # a URL code kept by ui/state.py
        if code in dataset.projects.index:
            st.caption(ctx.t("project_link_caption"))
            st.code(f"?project={code}&lang={lang}", language=None)

    current = None
    if code:
        if len(code) <= _MAX_CODE and code in dataset.projects.index:
            current = code
        else:
            ignore_url_value("project", code)  # listed in the shell's one notice (ui/state.py)

    selected_ids = list(table["project_id"]) + list(undated["project_id"])
    options = briefing.project_options(selected_ids, current)
    labels = briefing.project_option_labels(dataset, options, lang)
    st.session_state[PICK_KEY] = current or ""  # show what the code says, before the picker is drawn
    pick_col.selectbox(ctx.t("detail_pick"), options, key=PICK_KEY, on_change=_on_pick,
                       format_func=lambda i: labels.get(i, i) if i else ctx.t("detail_none"))

    if current:
        detail = briefing.project_detail(dataset, current, lang)
        with st.container(border=True):
            if current not in selected_ids:
                st.caption(":material/filter_alt_off: " + ctx.t("detail_outside"))
            st.html(briefing.detail_html(detail))
            profile_glue.render_detail_links(dataset, detail.links, lang, ctx.pages["profile"])
            others = detail.history[~detail.history["current"]]
            if not others.empty:
                st.caption(ctx.t("detail_goto"))
                with st.container(horizontal=True):
                    for row in others.itertuples(index=False):
                        st.button(briefing.fy_label(row.fiscal_year, lang), key=f"goto_{row.project_id}",
                                  on_click=_set_project, args=(row.project_id,), type="tertiary",
                                  icon=":material/arrow_forward:")
    else:
        st.caption(ctx.t("detail_hint"))

    # --- the table -----------------------------------------------------------------------------------------------
    st.markdown(f"##### {i18n.tn('projects_count', ctx.lang, len(table))}")
    st.caption(ctx.t("projects_intro"))
    if table.empty and undated.empty:
        st.warning(ctx.t("no_links"))
    else:
        ids = tuple(table["project_id"])
        table["profile_url"] = profile_glue.pair_profile_urls(dataset, ids, lang)
        st.dataframe(
            table, key=TABLE_KEY, hide_index=True, on_select=_on_table_select(ids), selection_mode="single-row",
            height=min(35 * (len(table) + 1) + 3, 530), placeholder="—",
            column_order=["fiscal_year"] + (["match"] if searching else []) + [
                "jp", "partners", "country", "title", "lead", "evidence", "source_url", "sources", "profile_url",
                "project_id"],
            column_config={
                "match": st.column_config.TextColumn(ctx.t("col_match"), width=120),
                "fiscal_year": st.column_config.NumberColumn(ctx.t("fiscal_year"), format=ctx.t("fy_number_format"), width=70),
                "jp": st.column_config.TextColumn(ctx.t("col_jp"), width=120),
                "partners": st.column_config.TextColumn(ctx.t("col_partners"), width=140),
                "country": st.column_config.TextColumn(ctx.t("col_country"), width=95),
                "title": st.column_config.TextColumn(ctx.t("col_title"), width=320),
                "lead": st.column_config.TextColumn(ctx.t("col_lead"), width=150),
                "evidence": st.column_config.TextColumn(ctx.t("col_evidence"), width=115),
                "source_url": st.column_config.LinkColumn(ctx.t("col_source_link"), width=150,
                                                          display_text=r"https?://(?:www\.)?([^/]+).*"),
                "sources": st.column_config.TextColumn(ctx.t("col_sources"), width=300),
                "profile_url": st.column_config.LinkColumn(ctx.t("page_profile"), width=110,
                                                           display_text=ctx.t("profile_link"),
                                                           help=ctx.t("profile_link_help")),
                "project_id": st.column_config.TextColumn(ctx.t("col_project_id"), width=150),
            },
        )

    render_downloads(ctx, formats=("csv", "xlsx"))

    if not undated.empty:
        st.markdown(f"##### {ctx.t('undated_heading')}")
        st.caption(i18n.tn("undated_note", ctx.lang, len(undated)))
        st.dataframe(
            undated, hide_index=True, key="undated_table", placeholder="—", height=35 * (len(undated) + 1) + 3,
            column_order=["jp", "partners", "country", "sources", "project_id"],
            column_config={
                "jp": st.column_config.TextColumn(ctx.t("col_jp")),
                "partners": st.column_config.TextColumn(ctx.t("col_partners")),
                "country": st.column_config.TextColumn(ctx.t("col_country")),
                "sources": st.column_config.TextColumn(ctx.t("col_sources")),
                "project_id": st.column_config.TextColumn(ctx.t("col_project_id")),
            },
        )

    st.caption(md_text(selection_source_line(dataset, selection, lang, max_chars=400)))  # the sources of the rows listed


if __name__ == "__main__":  # run as a file: Streamlit's legacy pages/ mode (ui/shell.py)
    run_page_file(render)
