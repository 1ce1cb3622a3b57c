"""Presentation mode: the map and the headline numbers for a projector, without the app's chrome."""

from __future__ import annotations

import streamlit as st

from c2c.text import i18n

# Only static CSS: no data text is ever placed in this block.
_PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stTopNavLinkContainer"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem !important; max-width: 100% !important; }
[data-testid="stMetricValue"] { font-size: 3.2rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
h3 { font-size: 2.1rem !important; }
[data-testid="stCaptionContainer"] { font-size: 1rem !important; }
</style>
"""


def apply_presentation_mode(lang: str) -> bool:
    """Draw the presentation toggle (URL-bound as ?present=true) and restyle the page when it is on."""
    on = st.toggle(i18n.t("presentation", lang), key="present", bind="query-params",
                   help=i18n.t("presentation_help", lang))
    if on:
        st.html(_PRESENTATION_CSS)
    return bool(on)
