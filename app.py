"""C2C Atlas: entry point. `make run` (or `streamlit run app.py`) starts the dashboard on the bundled data."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from c2c.map.offline_map import register_mimetypes
from c2c.text import i18n
from ui import map_view  # noqa: F401  (registers the map's URL keys before the first run reads the URL)
from ui.gc_tuning import freeze_startup_objects
from ui.shell import leave_legacy_pages_mode, render_deferred_filters, run_shell
from ui.state import write_url

register_mimetypes()  # .js must be served as JavaScript even where the OS maps it otherwise (Windows)
leave_legacy_pages_mode()  # pages/ is not a legacy MPA folder: pages are registered below with st.navigation

# A local favicon: a Material icon as page_icon is fetched from fonts.gstatic.com, which offline users cannot reach.
ICON = Path(__file__).resolve().parent / "static" / "icons" / "c2c-atlas.png"
st.set_page_config(page_title="C2C Atlas", page_icon=str(ICON), layout="wide", initial_sidebar_state="auto")  # collapsed on a phone

context = run_shell(defer_filters=True)
lang = context.lang if context else i18n.DEFAULT_LANG
map_page = st.Page("pages/map.py", title=i18n.t("page_map", lang), icon=":material/map:", url_path="network", default=True)
pages = [
    map_page,
    st.Page("pages/projects.py", title=i18n.t("page_projects", lang), icon=":material/table_rows:", url_path="projects"),
    st.Page("pages/countries.py", title=i18n.t("page_countries", lang), icon=":material/bar_chart:", url_path="countries"),
    st.Page("pages/sources.py", title=i18n.t("page_sources", lang), icon=":material/menu_book:", url_path="sources"),
]


def _alias(path: str) -> st.Page:
    """A hidden page at /<path> that opens the map: the default page lives at "/", so "/map" (its own name, and
    what people type) would otherwise be Streamlit's English "Page not found"."""
    return st.Page(lambda: st.switch_page(map_page), title=i18n.t("page_map", lang), url_path=path,
                   visibility="hidden")


pages += [_alias(path) for path in ("map", "home", "index")]
navigation = st.navigation(pages, position="top")
if context is not None:
    try:
        navigation.run()
    except Exception:  # our own message: Streamlit's box links to outside services (offline, a government tool)
        logging.getLogger("c2c").exception("page failed")
        st.error(i18n.t("unexpected_error", lang), icon=":material/error:")
    finally:
        render_deferred_filters()
        write_url()  # the address bar is a link to what is shown (ui/state.py)
freeze_startup_objects()  # after the first run's imports: later full collections skip them (ui/gc_tuning.py)
