"""Page CSS for the map page: map first in normal mode, and presentation mode for a projector.

Only static CSS: no data text is ever placed in these blocks. The map's iframe height comes from CSS (the map
fills its iframe, static/css/c2c-map.css), so it follows the viewport: a 1280×720 projector gets a map that
starts near the top and fills most of the screen.
"""

from __future__ import annotations

import streamlit as st

from c2c.text import i18n
from ui.state import ignore_url_value

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _wrapped(key: str) -> str:
    """The page-level box Streamlit wraps a keyed container in (the flex item of the page's column)."""
    return f'[data-testid="stLayoutWrapper"]:has(> .st-key-{key})'

MAP_PAGE_CSS = f"""
<style>
[data-testid="stMainBlockContainer"] {{ padding: 3.5rem 1.5rem 1rem !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: .45rem; }}
.st-key-map_title h4 {{ padding: 0 !important; font-size: 1.15rem; }}
{MAP_IFRAME} {{ height: clamp(340px, calc(100vh - 250px), 1000px) !important; }}
@media (max-width: 640px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: .5rem !important; padding-right: .5rem !important; }}
  {MAP_IFRAME} {{ height: clamp(320px, 62vh, 640px) !important; }}
  /* a phone shows the map before the map options: options, then what came after the map */
  {_wrapped("map_options")} {{ order: 1; }}
  {_wrapped("map_options")} ~ * {{ order: 2; }}
  {_wrapped("map_slot")} {{ order: 0; }}
}}
</style>
"""

PRESENTATION_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stTopNavLinkContainer"],
[data-testid="stExpandSidebarButton"] {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: .4rem .6rem 0 !important; max-width: 100% !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: .3rem !important; }}
{MAP_IFRAME} {{ height: calc(100vh - 3.4rem) !important; }}
</style>
"""


def render_title_row(lang: str):
    """The page title and the presentation switch (URL-bound as ?present=true). Returns (on, the row), so the
    page can add its own buttons to the row."""
    raw = st.query_params.get("present")
    if raw and raw.lower() not in ("true", "false"):  # Streamlit's bound toggle drops any other value silently
        ignore_url_value("present", raw)  # listed in the shell's one notice (ui/state.py)
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="map_title")
    row.markdown(f"#### {i18n.t('app_title', lang)}", width="content")
    on = row.toggle(i18n.t("presentation", lang), key="present", bind="query-params",
                    help=i18n.t("presentation_help", lang), width="content")
    if on:
        row.button(i18n.t("exit_presentation", lang), key="exit_presentation", icon=":material/close:",
                   on_click=_leave_presentation, type="primary", width="content")
    st.html(PRESENTATION_CSS if on else MAP_PAGE_CSS)
    return bool(on), row


def _leave_presentation() -> None:
    st.session_state["present"] = False
