"""The print stylesheet (static/css/c2c-print.css), sent once per run by the shell: Ctrl+P on any page prints
its content without the sidebar and widgets, with tables at full length."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "c2c-print.css"


@lru_cache(maxsize=1)
def _style() -> str:
    return "<style>" + PRINT_CSS.read_text(encoding="utf-8") + "</style>"


def inject_print_style() -> None:
    st.html(_style())
