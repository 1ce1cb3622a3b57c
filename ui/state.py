"""URL state: the view's stable codes live in widgets bound to query parameters.

Streamlit writes a bound widget's *formatted label* into the URL. A multiselect of countries showing "ベトナム"
would therefore put a Japanese label in the link, and an English reader's link would differ. So the URL-bound
widgets hold codes only (``fy=2015-2018``, ``country=VN,ID``, ``jp=jp-toyama``, ``place=...``, ``q=...``,
``lang=en``): they sit in a "share this view" box, and the friendly widgets (year slider, country and
municipality pickers) are kept in sync with them through callbacks. The codes are the single source of truth.

URL values are parsed strictly; an invalid value is dropped with a short notice (never echoed as markup), and is
never unpickled or evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from c2c.core.dataset import Dataset
from c2c.core.schema import MAX_FISCAL_YEAR, MIN_FISCAL_YEAR
from c2c.core.selection import ALL_YEARS, FiscalYearSpec, Selection, SelectionError, parse_fiscal_year
from c2c.text import i18n

_PENDING = "_c2c_pending_fixes"
_NOTICES = "_c2c_notices"
_MAX_CODE_LENGTH = 200
_CODE_LIST = re.compile(r"^[A-Za-z0-9,\- ]*$")


@dataclass(frozen=True)
class ViewState:
    lang: str
    selection: Selection
    notices: tuple[str, ...]


def safe_snippet(value: str, limit: int = 40) -> str:
    """A short, inert rendering of untrusted text for a notice: no markdown, no HTML, no control characters."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))[:limit]
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$&:])", r"\\\1", text)


def code_span(value: str, limit: int = 300) -> str:
    """Untrusted text as an inert markdown code span (markdown and HTML are not interpreted inside it)."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))[:limit]
    return "`" + text.replace("`", "'") + "`"


def apply_pending_fixes() -> None:
    """Runs before any bound widget exists: corrections scheduled by the previous run take effect now."""
    fixes = st.session_state.pop(_PENDING, None)
    if fixes:
        for key, value in fixes.items():
            st.session_state[key] = value


def _schedule_fix(key: str, value: str, notice: str) -> None:
    st.session_state.setdefault(_PENDING, {})[key] = value
    st.session_state.setdefault(_NOTICES, []).append(notice)


def _split_codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def parse_view(values: dict[str, str], dataset: Dataset) -> tuple[str, Selection, dict[str, tuple[str, str]]]:
    """Strictly parse the bound codes. Returns (lang, selection, {key: (cleaned value, bad part)})."""
    bad: dict[str, tuple[str, str]] = {}
    lang = values.get("lang") or i18n.DEFAULT_LANG
    if lang not in i18n.LANGS:
        bad["lang"] = (i18n.DEFAULT_LANG, lang)
        lang = i18n.DEFAULT_LANG

    fy_text = values.get("fy", "") or ""
    try:
        fiscal_years = parse_fiscal_year(fy_text[:_MAX_CODE_LENGTH]) if len(fy_text) <= _MAX_CODE_LENGTH \
            else parse_fiscal_year("invalid")
    except SelectionError:
        bad["fy"] = ("", fy_text)
        fiscal_years = ALL_YEARS

    def codes(key: str, known: set[str], transform=lambda s: s) -> tuple[str, ...]:
        raw = values.get(key, "") or ""
        if len(raw) > _MAX_CODE_LENGTH or not _CODE_LIST.match(raw):
            bad[key] = ("", raw)
            return ()
        parts = [transform(p) for p in _split_codes(raw)]
        good = [p for p in dict.fromkeys(parts) if p in known]
        wrong = [p for p in parts if p not in known]
        if wrong:
            bad[key] = (",".join(good), ",".join(wrong))
        return tuple(good)

    partner_countries = set(dataset.cities.loc[dataset.cities["side"] == "partner", "country_code"])
    countries = codes("country", partner_countries, str.upper)
    japan_ids = set(dataset.cities.index[dataset.cities["side"] == "japan"])
    jp_ids = codes("jp", japan_ids)
    place = codes("place", set(dataset.cities.index))
    project = codes("project", set(dataset.projects.index))
    text = (values.get("q", "") or "")[:_MAX_CODE_LENGTH]
    undated = (values.get("undated", "") or "") != "0"
    selection = Selection(fiscal_years=fiscal_years, countries=countries, jp_ids=jp_ids, text=text,
                          place_id=place[0] if place else None, include_undated=undated,
                          project_id=project[0] if project else None)
    return lang, selection, bad


def render_share_box_into(lang_container, container) -> dict[str, str]:
    """The URL-bound code widgets. Must run before the friendly widgets that write into them."""
    values = {}
    with lang_container:
        values["lang"] = st.radio("lang", list(i18n.LANGS), key="lang", bind="query-params", horizontal=True,
                                  captions=["日本語", "English"], label_visibility="collapsed")
    lang = values["lang"] if values["lang"] in i18n.LANGS else i18n.DEFAULT_LANG
    with container.expander(":material/link: " + ("この表示のリンク用コード" if lang == "ja" else "Codes for a link to this view")):
        st.caption("URL: ?fy=2022&country=VN,ID&jp=jp-toyama" + ("　（この欄を直接編集することもできます）" if lang == "ja"
                                                                   else " (you can also edit these)"))
        values["fy"] = st.text_input("fy", key="fy", bind="query-params", placeholder="all | 2022 | 2015-2018")
        values["country"] = st.text_input("country", key="country", bind="query-params", placeholder="VN,ID")
        values["jp"] = st.text_input("jp", key="jp", bind="query-params", placeholder="jp-toyama")
        values["place"] = st.text_input("place", key="place", bind="query-params", placeholder="vn-hai-phong")
        values["undated"] = st.text_input("undated", key="undated", bind="query-params", placeholder="1 | 0")
    return values


def resolve_view(values: dict[str, str], dataset: Dataset) -> ViewState:
    lang, selection, bad = parse_view(values, dataset)
    for key, (cleaned, wrong) in bad.items():
        _schedule_fix(key, cleaned, i18n.t("ignored_param", lang, name=key, value=safe_snippet(wrong)))
    if bad:
        st.rerun()
    notices = tuple(st.session_state.pop(_NOTICES, []) or [])
    return ViewState(lang, selection, notices)


# ---- friendly widgets: callbacks copy their value into the bound code widgets --------------------------------

def _set_code(key: str, value: str) -> None:
    st.session_state[key] = value


def fy_code_from_widgets() -> str:
    mode = st.session_state.get("fy_mode", "all")
    if mode == "single":
        return str(st.session_state.get("fy_single"))
    if mode == "range":
        span = st.session_state.get("fy_span", (MIN_FISCAL_YEAR, MIN_FISCAL_YEAR))
        start, end = (span, span) if isinstance(span, int) else (min(span), max(span))
        return f"{start}-{end}" if start != end else str(start)
    return ""


def sync_fy_widgets(spec: FiscalYearSpec, years: list[int]) -> None:
    """Before the year widgets are drawn, make them show what the code says."""
    if spec.is_all:
        st.session_state["fy_mode"] = "all"
    elif spec.is_single:
        st.session_state["fy_mode"] = "single"
        st.session_state["fy_single"] = spec.start
    else:
        st.session_state["fy_mode"] = "range"
        st.session_state["fy_span"] = (spec.start, spec.end)
    # widget state can come back malformed after a page switch (an int for the range): repair before drawing
    if not isinstance(st.session_state.get("fy_single"), int) or st.session_state["fy_single"] not in years:
        st.session_state["fy_single"] = max((y for y in years if y <= MAX_FISCAL_YEAR), default=years[-1])
    span = st.session_state.get("fy_span")
    if not (isinstance(span, (tuple, list)) and len(span) == 2):
        span = (years[0], years[-1])
    start, end = min(span), max(span)
    # a code outside the slider's options (e.g. a year with no data) is clamped for display only
    st.session_state["fy_span"] = (min(max(start, years[0]), years[-1]), min(max(end, years[0]), years[-1]))


def on_fy_change() -> None:
    _set_code("fy", fy_code_from_widgets())


def on_codes_change(widget_key: str, code_key: str) -> None:
    _set_code(code_key, ",".join(st.session_state.get(widget_key) or []))


def on_place_change() -> None:
    _set_code("place", st.session_state.get("place_pick") or "")
