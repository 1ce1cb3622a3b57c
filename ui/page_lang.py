"""The page's language for assistive technology: ``<html lang>`` follows the UI language.

Streamlit serves every page as ``<html lang="en">``, so a screen reader read the Japanese UI with an English voice
(WCAG 3.1.1). A one-line script sets the attribute; it is sent only on a session's first run and when the
language changes (the attribute stays on the document after the element has gone), so a filter change costs no
element. Call it last in the run: an element present in one run and not the next shifts every element after it,
and a run interrupted by a quick second click then remounted the map's iframe (its view and focus lost).
"""

from __future__ import annotations

import json

import streamlit as st

_SENT = "_c2c_document_lang"


def set_document_language(lang: str) -> None:
    if st.session_state.get(_SENT) == lang:
        return
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", unsafe_allow_javascript=True)
    st.session_state[_SENT] = lang  # after the element is queued: a run stopped before it sends it next time
