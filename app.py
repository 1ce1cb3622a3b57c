"""C2C Atlas: entry point. `make run` (or `streamlit run app.py`) starts the dashboard on the bundled data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from c2c.map.offline_map import register_mimetypes
from c2c.text import i18n
from pages import countries, profile, projects, sources
from pages import map as network
from ui import errors, map_view  # noqa: F401  (map_view registers the map's URL keys before the first run reads the URL)
from ui.gc_tuning import freeze_startup_objects
from ui.page_lang import set_document_language
from ui.profile import forget_pair
from ui.shell import PageContext, leave_legacy_pages_mode, run_shell
from ui.state import write_url

errors.install_error_page()  # whatever escapes a run gets our message, never Streamlit's box (ui/errors.py)
register_mimetypes()  # .js must be served as JavaScript even where the OS maps it otherwise (Windows)
leave_legacy_pages_mode()  # pages/ is not a legacy MPA folder: pages are registered below with st.navigation

# A local favicon: a Material icon as page_icon is fetched from fonts.gstatic.com, which offline users cannot reach.
ICON = Path(__file__).resolve().parent / "static" / "icons" / "c2c-atlas.png"
st.set_page_config(page_title="C2C Atlas", page_icon=str(ICON), layout="wide", initial_sidebar_state="auto")  # collapsed on a phone

try:
    shell = run_shell(defer_filters=True)
except Exception:
    shell = None
    errors.report("the shell failed")
lang = shell.context.lang if shell else errors.ui_lang()
ctx: PageContext | None = None  # set below, once the pages exist: it lists them for st.page_link


def _page(module, url_path: str, title_key: str, icon: str, default: bool = False) -> st.Page:
    """A page of pages/: its ``render`` called with this run's context."""
    return st.Page(lambda: module.render(ctx), title=i18n.t(title_key, lang), icon=icon, url_path=url_path,
                   default=default)


pages = {
    "network": _page(network, "network", "page_map", ":material/map:", default=True),
    "projects": _page(projects, "projects", "page_projects", ":material/table_rows:"),
    "countries": _page(countries, "countries", "page_countries", ":material/bar_chart:"),
    "profile": _page(profile, "profile", "page_profile", ":material/badge:"),
    "sources": _page(sources, "sources", "page_sources", ":material/menu_book:"),
}


def _alias(path: str) -> st.Page:
    """A hidden page at /<path> that opens the map: the default page lives at "/", so "/map" (its own name, and
    what people type) would otherwise be Streamlit's English "Page not found"."""
    return st.Page(lambda: st.switch_page(pages["network"]), title=i18n.t("page_map", lang), url_path=path,
                   visibility="hidden")


navigation = st.navigation([*pages.values(), *(_alias(path) for path in ("map", "home", "index"))], position="top")
if shell is not None:
    ctx = replace(shell.context, pages=pages)
    if navigation.url_path != "profile":
        forget_pair()  # the pair code means something on /profile only (ui/profile.py)
    try:
        navigation.run()
    except Exception:  # our own message: Streamlit's box links to outside services (offline, a government tool)
        errors.report("page failed", lang=lang)
    finally:
        shell.finish()
        try:
            write_url()  # the address bar is a link to what is shown (ui/state.py)
        except Exception:
            errors.report("writing the URL failed", lang=lang)
# Last in the run: an element sent in some runs only must come after the others, or it shifts them (ui/page_lang.py)
set_document_language(lang)
freeze_startup_objects()  # after the first run's imports: later full collections skip them (ui/gc_tuning.py)
