"""C2C Atlas: entry point. `make run` (or `streamlit run app.py`) starts the dashboard on the bundled data."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from c2c.map.offline_map import register_mimetypes
from c2c.text import i18n
from ui.gc_tuning import freeze_startup_objects
from ui.shell import leave_legacy_pages_mode, render_deferred_filters, run_shell

register_mimetypes()  # .js must be served as JavaScript even where the OS maps it otherwise (Windows)
leave_legacy_pages_mode()  # pages/ is not a legacy MPA folder: pages are registered below with st.navigation

# A local favicon: a Material icon as page_icon is fetched from fonts.gstatic.com, which offline users cannot reach.
ICON = Path(__file__).resolve().parent / "static" / "icons" / "c2c-atlas.png"
st.set_page_config(page_title="C2C Atlas", page_icon=str(ICON), layout="wide", initial_sidebar_state="auto")  # collapsed on a phone

context = run_shell(defer_filters=True)
lang = context.lang if context else i18n.DEFAULT_LANG
pages = [
    st.Page("pages/map.py", title=i18n.t("page_map", lang), icon=":material/map:", url_path="map", default=True),
    st.Page("pages/projects.py", title=i18n.t("page_projects", lang), icon=":material/table_rows:", url_path="projects"),
    st.Page("pages/countries.py", title=i18n.t("page_countries", lang), icon=":material/bar_chart:", url_path="countries"),
    st.Page("pages/sources.py", title=i18n.t("page_sources", lang), icon=":material/menu_book:", url_path="sources"),
]
navigation = st.navigation(pages, position="top")
if context is not None:
    try:
        navigation.run()
    finally:
        render_deferred_filters()
freeze_startup_objects()  # after the first run's imports: later full collections skip them (ui/gc_tuning.py)
