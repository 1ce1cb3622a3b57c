"""What every page shares: the loaded data, the sidebar filters and the URL state, computed once per run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection
from c2c.core.stats import HEADLINE_METRICS, year_coverage
from c2c.export.captions import coverage_note
from c2c.text import i18n
from ui import errors, state
from ui.data import LoadResult, load_app_dataset
from ui.print_style import inject_print_style

# The app's pages by URL path, as files (what st.page_link resolves in Streamlit's legacy pages/ mode); app.py
# replaces them with its registered st.Page objects.
PAGE_FILES = {"network": "pages/map.py", "projects": "pages/projects.py", "countries": "pages/countries.py",
              "sources": "pages/sources.py", "profile": "pages/profile.py"}


@dataclass(frozen=True)
class PageContext:
    dataset: Dataset
    lang: str
    selection: Selection
    load: LoadResult
    pages: Mapping[str, Any] = field(default_factory=lambda: dict(PAGE_FILES))  # url path -> st.page_link target

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)


@dataclass(frozen=True)
class Shell:
    """One run's shared part: the page's context, and the sidebar filters held back until after the page."""

    context: PageContext
    pending_filters: Callable[[], None] | None = None
    # Where the one notice of ignored URL values goes (above the page): filled by finish(), after the page has
    # dropped its own invalid values (the map's view, presentation mode).
    notice_slot: Any = None

    def finish(self) -> None:
        """After the page: the sidebar's filters, then the notice of ignored URL values. A failure in either is
        our message, not Streamlit's box (ui/errors.py)."""
        if self.pending_filters is not None:
            try:
                self.pending_filters()
            except Exception:
                errors.report("the sidebar filters failed", lang=self.context.lang)
        show_ignored_values(self.notice_slot, self.context.lang)


def show_ignored_values(slot: Any, lang: str) -> None:
    ignored = state.ignored_values()
    if slot is not None and ignored:
        slot.warning(state.ignored_notice(ignored, lang), icon=":material/warning:")


def show_data_problems(load: LoadResult, lang: str) -> None:
    if not load.problems:
        return
    lines = "\n".join(f"- {state.code_span(str(p))}" for p in load.problems[:30])
    more = f"\n- … (+{len(load.problems) - 30})" if len(load.problems) > 30 else ""
    message = i18n.t("data_error" if load.dataset is not None else "data_error_none", lang)
    st.error(f"**{message}**\n\n{lines}{more}")


def build_sidebar(dataset: Dataset, defer_filters: bool = False) -> tuple[state.ViewState, Callable[[], None] | None]:
    """The language switch, the search box and the friendly filter widgets, now or, with ``defer_filters``,
    later: the second value draws them (``Shell.finish``, after the page), in their places at the sidebar's top.
    Streamlit streams elements in script order, so the page's map then reaches the browser before a dozen
    unchanged sidebar widgets (and before the browser fetches those widgets' code on a first visit). The selection comes from the session codes (ui/state.py), which the widgets' callbacks have already
    updated."""
    sidebar = st.sidebar
    top = sidebar.container()
    filters = sidebar.container()
    view = state.resolve_view(dataset)

    def draw_filters() -> None:
        with top:
            st.session_state["lang_pick"] = view.lang
            # the captions are the options' labels, so clicking "日本語" or "English" itself switches the language
            st.radio("lang", list(i18n.LANGS), key="lang_pick", horizontal=True, label_visibility="collapsed",
                     format_func=lambda code: {"ja": "日本語", "en": "English"}.get(code, code),
                     on_change=state.on_lang_change)
        with filters:
            st.session_state["q_pick"] = view.selection.text
            st.text_input(i18n.t("search", view.lang), key="q_pick", on_change=state.on_text_change)
            render_filters(dataset, view)

    if defer_filters:
        return view, draw_filters
    draw_filters()
    return view, None


def render_filters(dataset: Dataset, view: state.ViewState) -> None:
    lang, selection = view.lang, view.selection
    years = dataset.all_years
    st.subheader(i18n.t("filters", lang))
    complete = year_coverage(dataset)["complete"].to_dict()
    state.sync_fy_widgets(selection.fiscal_years, years, state.default_single_year(years, complete))
    modes = {"all": i18n.t("fy_all", lang), "single": i18n.t("fy_single", lang), "range": i18n.t("fy_range", lang),
             "cumulative": i18n.t("fy_cumulative", lang)}
    mode = st.radio(i18n.t("fy_mode", lang), list(modes), format_func=modes.get, key="fy_mode", horizontal=True,
                    on_change=state.on_fy_change)
    if mode == "single":
        st.selectbox(i18n.t("fiscal_year", lang), years[::-1], key="fy_single", on_change=state.on_fy_change,
                     format_func=lambda y: i18n.t("export_fy_single", lang, year=y))
    elif mode == "cumulative":
        st.selectbox(i18n.t("cumulative_year", lang), years[::-1], key="fy_cum", on_change=state.on_fy_change,
                     format_func=lambda y: i18n.t("export_fy_single", lang, year=y), help=i18n.t("cumulative_help", lang))
    elif mode == "range":
        st.slider(i18n.t("fiscal_year", lang), min_value=years[0], max_value=years[-1], step=1, key="fy_span",
                  on_change=state.on_fy_change, format=i18n.t("export_fy_single", lang, year="%d"))
    else:
        st.session_state["undated_pick"] = selection.include_undated
        st.checkbox(i18n.t("include_undated", lang), key="undated_pick", help=i18n.t("include_undated_help", lang),
                    on_change=lambda: state.set_code("undated", "" if st.session_state["undated_pick"] else "0"))

    options = filter_options(dataset, lang)
    names, country_names, country_of = options.names, options.country_names, options.country_of
    st.session_state["country_pick"] = list(selection.countries)
    st.multiselect(i18n.t("countries", lang), options.partner_countries, key="country_pick",
                   format_func=lambda c: country_names.get(c, c),
                   placeholder=i18n.t("choose", lang), on_change=state.on_codes_change, args=("country_pick", "country"))

    st.session_state["jp_pick"] = list(selection.jp_ids)
    st.multiselect(i18n.t("jp_municipalities", lang), options.jp_ids, key="jp_pick", format_func=names.get,
                   placeholder=i18n.t("choose", lang), on_change=state.on_codes_change, args=("jp_pick", "jp"))

    st.session_state["place_pick"] = selection.place_id or ""
    none_label = i18n.t("place_none", lang)
    st.selectbox(i18n.t("place", lang), [""] + options.linked_places, key="place_pick", on_change=state.on_place_change,
                 format_func=lambda i: f"{names[i]} ({country_names.get(country_of[i], country_of[i])})" if i
                 else none_label)


@dataclass(frozen=True)
class FilterOptions:
    names: dict[str, str]  # place id -> name in the language
    country_names: dict[str, str]  # country code -> name
    country_of: dict[str, str]  # place id -> country code
    partner_countries: list[str]  # codes, by name
    jp_ids: list[str]  # Japanese municipalities, by name
    linked_places: list[str]  # places with at least one link, Japanese first, by name


def filter_options(dataset: Dataset, lang: str) -> FilterOptions:
    """The sidebar's option lists and labels, built once per dataset and language (Dataset.derived): a DataFrame
    lookup per option and per sort key cost ~10 ms a rerun on the real data and grows with it."""
    def build() -> FilterOptions:
        names = label_map(dataset.cities, lang)
        country_names = label_map(dataset.countries, lang)
        sides = dataset.cities["side"].to_dict()
        country_of = dataset.cities["country_code"].to_dict()
        partner_countries = sorted({country_of[i] for i, side in sides.items() if side == "partner"},
                                   key=lambda c: country_names.get(c, c))
        jp_ids = sorted((i for i, side in sides.items() if side == "japan"), key=lambda i: names[i])
        linked = sorted(set(dataset.links["jp_id"]) | set(dataset.links["partner_id"]),
                        key=lambda i: (sides[i] != "japan", names[i]))
        return FilterOptions(names, country_names, country_of, partner_countries, jp_ids, linked)

    return dataset.derived(("filter_options", lang), build)


def label_map(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """id -> name in the language (English falls back to Japanese), for every row of cities or countries."""
    japanese = frame["name_ja"].astype(str)
    if lang != "en":
        return japanese.where(japanese != "", frame["name_en"].astype(str)).to_dict()
    english = frame["name_en"].astype(str)
    return english.where(english.str.strip() != "", japanese).to_dict()


def render_headline(numbers: dict[str, int], lang: str) -> None:
    # One horizontal container rather than st.columns: 6 elements instead of 11 on every rerun, and each element
    # is re-rendered by the browser on every filter change.
    row = st.container(horizontal=True, gap="medium")
    for key, label in HEADLINE_METRICS:
        row.metric(i18n.tn(label, lang, numbers[key]), numbers[key])


def render_coverage_notice(dataset: Dataset, selection: Selection, lang: str) -> None:
    """Say plainly how much of the selected years the data covers (the words every export uses too)."""
    text = coverage_note(dataset, selection, lang)
    if selection.fiscal_years.is_single:
        st.info(text)
    else:
        st.caption(":material/warning: " + text)


def run_page_file(render: Callable[[PageContext], None]) -> None:
    """A page file run as a script rather than called by app.py's navigation: that is Streamlit's legacy pages/
    mode, which a server starts in because pages/ sits next to app.py (see :func:`leave_legacy_pages_mode`). It
    runs a page file directly when a server's very first request is a page URL (a deep link from a shared
    briefing, say): leave the mode for good and rerun through app.py. AppTest resets the mode before every run
    and runs a page it switched to as a file, so under AppTest the page draws the shared sidebar itself."""
    errors.install_error_page()
    if not st.get_option("global.appTest"):
        leave_legacy_pages_mode()
        st.rerun()
    shell = run_shell()
    if shell is None:
        return
    render(shell.context)
    shell.finish()


def leave_legacy_pages_mode() -> None:
    """Leave Streamlit's legacy pages/ mode for good (pages are registered with st.navigation in app.py).

    A server starts in that mode because pages/ sits next to app.py, so the first session's first run still
    uses it. In that run the main script has another hash, and so do the ids of the widgets created before
    st.navigation (the URL-bound codes in the sidebar): the next run saw them as new widgets, seeded them from
    the URL again, and the user's first filter change after a server start was lost. So that run starts over
    at once, before any widget exists (tests/browser/test_map_browser.py, the fresh-server test).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    if not st.get_option("global.appTest"):  # AppTest resets the mode before every run; it would never end
        st.rerun()


def run_shell(defer_filters: bool = False) -> Shell | None:
    """Load data and draw the shared sidebar. Returns None (after explaining why) when there is no data at all."""
    state.read_url()
    load = load_app_dataset()
    if load.dataset is None:
        show_data_problems(load, i18n.DEFAULT_LANG)
        return None
    try:
        view, pending_filters = build_sidebar(load.dataset, defer_filters)
    except Exception:  # the page still draws, with the default view (ui/errors.py)
        view, pending_filters = state.ViewState(errors.ui_lang(), Selection(), ()), None
        errors.report("the sidebar failed", lang=view.lang)
    errors.show_callback_failure(view.lang)
    inject_print_style()
    notice_slot = st.empty()
    show_data_problems(load, view.lang)
    return Shell(PageContext(load.dataset, view.lang, view.selection, load), pending_filters, notice_slot)
