"""URL state: the view's stable codes, kept in the session and written to the URL on every run.

The codes (``fy=2015-2018``, ``country=VN,ID``, ``jp=jp-toyama``, ``place=...``, ``project=...``, ``q=...``,
``undated=0``, ``lang=en``) are what a link carries. They live in ``st.session_state`` under their URL names, one
plain value each, and :func:`write_url` copies them into ``st.query_params`` at the end of the shell's work, so
the address bar is always a link to what is shown. The URL is *read* only when a session starts (a link opened,
a page reloaded), on the browser's back/forward navigation and on a page switch (:func:`read_url`).

Why not ``st.query_params`` as the store itself: Streamlit refills it from the browser's address bar on every
rerun, and the browser sends a rerun for a second edit before it has applied the URL of the first one. Typing
``fy=2022`` and at once choosing a country then reverted the year (issue #14, item 2). The friendly widgets
(year mode/slider, country and municipality pickers, search, language) write the session codes in their
callbacks; nothing is mirrored through hidden code widgets.

Adding a URL key from another module (for example the map's zoom): call ``register_url_key("zoom")`` at import
time, read ``st.session_state.get("zoom", "")`` and assign ``st.session_state["zoom"] = "7"`` (in a callback or
before :func:`write_url` runs, that is, before ``navigation.run()`` returns, which is where every page runs).
Values are strings; the default (``""`` unless given) is left out of the URL. Validating the value is the
registering module's job: the URL is untrusted input.

URL values are parsed strictly; an invalid value is removed from the URL and never unpickled or evaluated. Every
module that drops one calls :func:`ignore_url_value`; the shell shows them all in ONE notice (a hostile link with
seven bad values must not push the map below the fold), each value as an inert code span: not a link, not
markdown, LaTeX or HTML (c2c/text/mdsafe.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from c2c.core.dataset import Dataset
from c2c.core.schema import MIN_FISCAL_YEAR
from c2c.core.selection import (
    CUMULATIVE_PREFIX,
    SELECTION_KEYS,
    FiscalYearSpec,
    Selection,
    parse_selection_codes,
    selection_codes,
)
from c2c.text import i18n
from c2c.text.mdsafe import md_code
from ui.errors import guarded

_SEEDED = "_c2c_url_seeded"
_PAGE = "_c2c_page"  # the page of the previous run
# [(URL key, the ignored value)], shown until the user next changes a filter (a page switch or rerun keeps them)
_NOTICES = "_c2c_notices"
MAX_NOTICE_VALUE = 80  # characters of an ignored value that the notice shows
_URL_KEYS: dict[str, str] = dict.fromkeys(("lang", *SELECTION_KEYS), "")


@dataclass(frozen=True)
class ViewState:
    lang: str
    selection: Selection
    notices: tuple[tuple[str, str], ...]  # (URL key, ignored value)


def register_url_key(key: str, default: str = "") -> None:
    """Carry ``st.session_state[key]`` in the URL as ``?key=value`` (see the module docstring)."""
    _URL_KEYS.setdefault(key, default)


def safe_snippet(value: str, limit: int = 40) -> str:
    """A short, inert rendering of untrusted text for a notice: an inline code span (c2c/text/mdsafe.py)."""
    return md_code(value, limit)


def code_span(value: str, limit: int = 300) -> str:
    """Untrusted text as an inert markdown code span (markdown and HTML are not interpreted inside it)."""
    return md_code(value, limit)


def ignore_url_value(key: str, value: str) -> None:
    """Record that the URL's ``key=value`` was invalid and dropped: the shell lists it in the one notice."""
    shown = st.session_state.setdefault(_NOTICES, [])
    entry = (str(key), str(value))
    if entry not in shown:
        shown.append(entry)


def ignored_values() -> tuple[tuple[str, str], ...]:
    return tuple(st.session_state.get(_NOTICES) or ())


def ignored_notice(ignored: tuple[tuple[str, str], ...] | list[tuple[str, str]], lang: str) -> str:
    """ONE notice for every ignored URL value, each ``key=value`` as an inert code span."""
    if len(ignored) == 1:
        key, value = ignored[0]
        return i18n.t("ignored_param", lang, name=md_code(key), value=md_code(value, MAX_NOTICE_VALUE))
    # inline, not a bulleted list: a link with many bad values still leaves the map in view
    items = i18n.join([md_code(f"{key}={value}", MAX_NOTICE_VALUE) for key, value in ignored], lang)
    return i18n.t("ignored_url_values", lang, n=len(ignored), values=items)


def _run_context():
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx()


def read_url() -> None:
    """At the start of a run, before any widget, take codes from the URL when the URL is the user's word:

    - a new session (a link opened, a page reloaded) or the browser's back/forward: every key, missing ones
      reset to their default;
    - a switch to another page (``st.switch_page(page, query_params=...)``, a navigation link): the keys the
      URL carries, the others kept.
    Any other rerun keeps the session's codes, whatever the (possibly stale) URL says.
    """
    ctx = _run_context()
    page = getattr(ctx, "page_script_hash", "") if ctx is not None else ""
    history = bool(ctx is not None and getattr(ctx, "is_history_navigation", False))
    fresh = not st.session_state.get(_SEEDED) or history
    # A switch is from one page of this session to another. A session's first run may still be in Streamlit's
    # legacy pages/ mode, under another hash: comparing the user's first filter change with it read the stale
    # URL over that change (tests/browser/test_map_browser.py, the fresh-server test). So the first run names
    # no page.
    previous = st.session_state.get(_PAGE)
    page_changed = bool(previous) and previous != page
    st.session_state[_PAGE] = "" if fresh and not history else page
    if not (fresh or page_changed):
        return
    params = st.query_params
    for key, default in _URL_KEYS.items():
        values = params.get_all(key)
        if values:
            st.session_state[key] = str(values[-1])
        elif fresh:
            st.session_state[key] = default
    st.session_state[_SEEDED] = True


def url_codes() -> dict[str, str]:
    """What the URL carries now: the session's codes that differ from their defaults (a link to this view)."""
    codes = {}
    for key, default in _URL_KEYS.items():
        value = str(st.session_state.get(key, default) or "")
        if value != default:
            codes[key] = value
    return codes


def write_url() -> None:
    """Make the URL say what the session codes say (only the keys that differ are touched)."""
    params = st.query_params
    for key, default in _URL_KEYS.items():
        value = str(st.session_state.get(key, default) or "")
        current = params.get_all(key)
        if value == default:
            if current:
                del params[key]
        elif current != [value]:
            params[key] = value


def resolve_view(dataset: Dataset) -> ViewState:
    """Parse the session codes strictly; an invalid value is dropped (from the session and so from the URL) with
    a notice."""
    lang = st.session_state.get("lang") or i18n.DEFAULT_LANG
    if lang not in i18n.LANGS:
        bad_lang, lang = lang, i18n.DEFAULT_LANG
        st.session_state["lang"] = ""
        ignore_url_value("lang", bad_lang)
    codes = {key: str(st.session_state.get(key) or "") for key in SELECTION_KEYS}
    selection, bad = parse_selection_codes(codes, dataset)
    for key, wrong in bad.items():
        ignore_url_value(key, wrong)
    if bad:  # keep what was good (VN of "VN,ZZ"), drop the rest
        cleaned = selection_codes(selection)
        for key in bad:
            st.session_state[key] = cleaned.get(key, "")
    return ViewState(lang, selection, ignored_values())


# ---- friendly widgets: callbacks write the session codes ---------------------------------------------------

def set_code(key: str, value: str) -> None:
    st.session_state[key] = value
    st.session_state.pop(_NOTICES, None)


def default_single_year(years: list[int], complete: dict[int, bool]) -> int:
    """The year "One year" starts at: the latest complete year (not the current, still incomplete one)."""
    done = [y for y in years if complete.get(y)]
    return max(done) if done else years[-1]


def fy_code_from_widgets() -> str:
    mode = st.session_state.get("fy_mode", "all")
    if mode == "single":
        return str(st.session_state.get("fy_single"))
    if mode == "cumulative":
        return f"{CUMULATIVE_PREFIX}{st.session_state.get('fy_cum')}"
    if mode == "range":
        span = st.session_state.get("fy_span", (MIN_FISCAL_YEAR, MIN_FISCAL_YEAR))
        start, end = (span, span) if isinstance(span, int) else (min(span), max(span))
        return f"{start}-{end}" if start != end else str(start)
    return ""


def sync_fy_widgets(spec: FiscalYearSpec, years: list[int], default_year: int) -> None:
    """Before the year widgets are drawn, make them show what the code says."""
    if spec.is_all:
        st.session_state["fy_mode"] = "all"
    elif spec.is_cumulative:
        st.session_state["fy_mode"] = "cumulative"
        st.session_state["fy_cum"] = spec.end
    elif spec.is_single:
        st.session_state["fy_mode"] = "single"
        st.session_state["fy_single"] = spec.start
    else:
        st.session_state["fy_mode"] = "range"
        st.session_state["fy_span"] = (spec.start, spec.end)
    # widget state can come back malformed after a page switch (an int for the range): repair before drawing
    if not isinstance(st.session_state.get("fy_single"), int) or st.session_state["fy_single"] not in years:
        st.session_state["fy_single"] = default_year
    if not isinstance(st.session_state.get("fy_cum"), int) or st.session_state["fy_cum"] not in years:
        st.session_state["fy_cum"] = default_year  # a code for a year with no data at all shows the default
    span = st.session_state.get("fy_span")
    if not (isinstance(span, (tuple, list)) and len(span) == 2):
        span = (years[0], years[-1])
    start, end = min(span), max(span)
    # a code outside the slider's options (e.g. a year with no data) is clamped for display only
    st.session_state["fy_span"] = (min(max(start, years[0]), years[-1]), min(max(end, years[0]), years[-1]))


@guarded
def on_fy_change() -> None:
    set_code("fy", fy_code_from_widgets())


@guarded
def on_codes_change(widget_key: str, code_key: str) -> None:
    set_code(code_key, ",".join(st.session_state.get(widget_key) or []))


@guarded
def on_place_change() -> None:
    set_code("place", st.session_state.get("place_pick") or "")


@guarded
def on_lang_change() -> None:
    lang = st.session_state.get("lang_pick")
    set_code("lang", "" if lang == i18n.DEFAULT_LANG else str(lang))


@guarded
def on_text_change() -> None:
    set_code("q", (st.session_state.get("q_pick") or "").strip())
