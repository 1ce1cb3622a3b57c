"""Under the map: what a click on the map chose (pair, place or project) with its projects and links to their
details; and the "share this view" box with the whole URL and an embed snippet."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from c2c.core.dataset import Dataset
from c2c.report.briefing import fy_label
from c2c.report.map_panel import panel_content
from c2c.text import i18n
from c2c.text.mdsafe import md_text
from ui.map_view import MapView, write_selection
from ui.state import url_codes


def _clear_selection() -> None:
    write_selection(None, None)


def render_map_panel(dataset: Dataset, links: pd.DataFrame, view: MapView, lang: str, projects_page: Any,
                     profile_page: Any = None) -> None:
    """``projects_page``, ``profile_page``: pages as st.page_link takes them (PageContext.pages)."""
    if view.selected is None:
        st.caption(":material/touch_app: " + i18n.t("panel_hint", lang))
        return
    content = panel_content(dataset, links, *view.selected, lang)
    if content is None:
        return
    box = st.container(border=True, key="map_panel")
    head = box.container(horizontal=True, vertical_alignment="center")
    head.markdown(f"**{_md(content.heading)}**", width="stretch")
    if profile_page is not None:
        render_profile_links(head, dataset, view.selected, lang, profile_page)
    head.button(i18n.t("panel_clear", lang), key="panel_clear", icon=":material/close:", on_click=_clear_selection)
    if content.rows.empty:
        box.caption(i18n.t("panel_none", lang))
        return
    for row in content.rows.itertuples(index=False):
        year = fy_label(row.fiscal_year, lang)
        line = box.container(horizontal=True, vertical_alignment="center", gap="small")
        lead = f" — {_md(row.lead)}" if row.lead else ""
        partner = f" · {_md(row.partner)}" if view.selected[0] == "place" else ""
        line.markdown(f"**{year}** {_md(row.title)}{lead}{partner}", width="stretch")
        line.page_link(projects_page, label=i18n.t("panel_open", lang), icon=":material/open_in_new:",
                       query_params={"project": row.project_id, "lang": lang})


def render_profile_links(container, dataset: Dataset, selected: tuple[str, str], lang: str, profile_page: Any) -> None:
    """The clicked pair's or place's profile (a pair: also both places'); a project: nothing."""
    from c2c.report.profile import Subject
    from ui.profile import page_link

    kind, code = selected
    if kind == "place":
        page_link(container, profile_page, Subject("place", code), lang)
    elif kind == "pair":
        page_link(container, profile_page, Subject("pair", code), lang)


def _md(text: object) -> str:
    """Data text shown as plain text in markdown (no links, emphasis, LaTeX or HTML from the data)."""
    return md_text(text)


def view_codes() -> dict[str, str]:
    """The session's codes (filters, the map's view and options) and presentation mode."""
    codes = url_codes()
    if st.session_state.get("present"):
        codes["present"] = "true"
    return codes


def current_url() -> str:
    base = (st.context.url or "").split("?")[0].rstrip("/") + "/"  # Streamlit may drop the trailing slash
    query = urlencode(view_codes())
    return f"{base}?{query}" if query else base


def render_share_popover(container, lang: str) -> None:
    """The whole current URL (st.code has a copy button) and an iframe snippet in presentation mode."""
    with container.popover(i18n.t("share_view", lang), icon=":material/link:"):
        url = current_url()
        st.caption(i18n.t("share_link", lang))
        st.code(url, language=None, wrap_lines=True)
        params = {**view_codes(), "present": "true", "embed": "true"}
        embed_url = url.split("?")[0] + "?" + urlencode(params)
        st.caption(i18n.t("share_embed", lang))
        st.code(f'<iframe src="{embed_url}" width="1280" height="720" style="border:0"></iframe>', language="html",
                wrap_lines=True)
