"""Streamlit glue of the profile page: its URL codes, links to it from the other pages, and its cached map and
sheet.

**URL codes.** ``/profile?place=jp-kitakyushu``, ``/profile?country=VN``, ``/profile?pair=jp-toyama~cl-renca``.
``place`` and ``country`` are the sidebar's own filter codes (ui/state.py): the profile of a place *is* the
selection focused on that place, and the profile of a country the selection of that one country, so the sidebar
always says what the page shows, its pickers choose the profile, and the map opened from there shows the same
links. Only ``pair`` is new; it means something on /profile alone, so app.py empties it on the other pages
(:func:`forget_pair`) rather than leave a code in their URL that they ignore. On /profile a pair wins over a
place, and a place over one country (c2c.report.profile.subject_of).

**Links.** From another page, ``st.page_link`` with the subject's codes (a page switch reads the keys the link
carries: ui/state.read_url). Between profiles, plain links with the whole view's codes: a link to the page that
is already open does not count as a switch in Streamlit, so it loads the address anew (the URL holds the whole
view).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import streamlit as st

from c2c.core.dataset import Dataset, data_files_signature
from c2c.core.selection import Selection, selection_codes
from c2c.report.profile import ProfileError, Subject, parse_pair
from c2c.text import i18n
from ui.state import ignore_url_value, register_url_key, set_code, url_codes

PAIR_KEY = "pair"
register_url_key(PAIR_KEY)


def read_pair(dataset: Dataset) -> Subject | None:
    """The pair of the session's ``pair`` code; an unknown or malformed one is dropped and listed in the app's
    one notice of ignored URL values (inert code text, ui/state.py)."""
    code = str(st.session_state.get(PAIR_KEY) or "").strip()
    if not code:
        return None
    try:
        return parse_pair(code, dataset)
    except ProfileError:
        st.session_state[PAIR_KEY] = ""
        ignore_url_value(PAIR_KEY, code)
        return None


def forget_pair() -> None:
    """On a page other than /profile: the pair code means nothing there (see the module docstring)."""
    if st.session_state.get(PAIR_KEY):
        st.session_state[PAIR_KEY] = ""


def link_codes(subject: Subject) -> dict[str, str]:
    """The codes a link to ``subject``'s profile sets; the others (filters, language) are kept. Empty values
    clear a code (a page switch reads every key the link carries)."""
    if subject.kind == "place":
        return {"place": subject.code, PAIR_KEY: ""}
    if subject.kind == "pair":
        return {PAIR_KEY: subject.code, "place": ""}
    return {"country": subject.code, "place": "", PAIR_KEY: ""}


def profile_href(subject: Subject) -> str:
    """A relative address of ``subject``'s profile with the rest of this view (filters, language)."""
    codes = {k: v for k, v in url_codes().items() if k not in ("place", PAIR_KEY, "project", "sel")}
    codes.update({k: v for k, v in link_codes(subject).items() if v})
    return "profile?" + urlencode(codes)


def project_href(project_id: str, lang: str) -> str:
    return "projects?" + urlencode({"project": project_id, "lang": lang})


def page_link(container, profile_page: Any, subject: Subject, lang: str, label: str | None = None,
              key: str | None = None) -> None:
    """A Streamlit page link to the profile (from another page)."""
    container.page_link(profile_page, label=label or i18n.t("profile_link", lang), icon=":material/badge:",
                        query_params={**link_codes(subject), "lang": lang}, help=i18n.t("profile_link_help", lang))


def set_subject(subject: Subject | None) -> None:
    """A callback (the chooser, the "whole record" button): the session's codes name ``subject``."""
    if subject is None:
        return
    for key, value in link_codes(subject).items():
        set_code(key, value)


def clear_filters() -> None:
    """Keep the subject, drop the other filters (years, countries but the profiled one, municipalities, search)."""
    for key in ("fy", "jp", "q", "undated"):
        set_code(key, "")
    if not st.session_state.get("place") and not st.session_state.get(PAIR_KEY):
        return  # a country profile: the country is the subject
    set_code("country", "")


# ---- cached images and files ---------------------------------------------------------------------------------

def _signature(dataset: Dataset) -> tuple:
    return data_files_signature(dataset.data_dir)


@st.cache_data(show_spinner=False, max_entries=64)
def _map_png(data_dir: str, signature: tuple, code: tuple, subject: tuple, lang: str, _dataset: Dataset,
             _links) -> bytes:
    from c2c.export.sheet_map import profile_map_png

    return profile_map_png(_dataset, _links, lang, highlight=subject[1] if subject[0] == "place" else None)


def map_png(dataset: Dataset, subject: Subject, selection: Selection, links, lang: str) -> bytes:
    code = tuple(sorted(selection_codes(selection).items()))
    return _map_png(str(dataset.data_dir), _signature(dataset), code, (subject.kind, subject.code), lang, dataset,
                    links)


@st.cache_data(show_spinner=False, max_entries=32)
def _sheet_pdf(data_dir: str, signature: tuple, code: tuple, subject: tuple, lang: str, url: str,
               _dataset: Dataset, _selection: Selection) -> bytes:
    from c2c.export.sheet import sheet_pdf

    return sheet_pdf(_dataset, Subject(*subject), _selection, lang, page_url=url)


def sheet_callable(dataset: Dataset, subject: Subject, selection: Selection, lang: str, url: str):
    """Bytes of the A4 sheet, made only when the button is clicked (st.download_button(data=callable))."""
    code = tuple(sorted(selection_codes(selection).items()))
    data_dir, signature = str(dataset.data_dir), _signature(dataset)
    return lambda: _sheet_pdf(data_dir, signature, code, (subject.kind, subject.code), lang, url, dataset,
                              selection)


def page_url(subject: Subject, lang: str) -> str:
    """The absolute address of this profile, for the sheet ("the page's URL")."""
    base = (st.context.url or "").split("?")[0]
    base = base[: base.rfind("/") + 1] if "/" in base else ""
    return base + profile_href(subject)


# ---- links from the other pages ---------------------------------------------------------------------------------

def render_detail_links(dataset: Dataset, links: list[dict[str, str]], lang: str, profile_page: Any) -> None:
    """Under a project's detail: the profile of each of its pairs and of each of its places."""
    row = st.container(horizontal=True, key="detail_profiles")
    row.caption(":material/badge: " + i18n.t("page_profile", lang) + i18n.colon(lang))
    places: list[str] = []
    for link in links:
        page_link(row, profile_page, Subject("pair", f"{link['jp_id']}~{link['partner_id']}"), lang,
                  label=f"{link['jp']} – {link['partner']}")
        places += [link["jp_id"], link["partner_id"]]
    for place in dict.fromkeys(places):
        page_link(row, profile_page, Subject("place", place), lang, label=i18n.place_name(dataset, place, lang))


def pair_profile_urls(dataset: Dataset, project_ids, lang: str) -> list[str | None]:
    """For a table of projects: the address of each row's profile (its pair; a row of several pairs: its first
    partner place's), relative to the app, for an st.column_config.LinkColumn (opens in a new tab)."""
    urls: list[str | None] = []
    codes = {"lang": lang} if lang != i18n.DEFAULT_LANG else {}
    for project_id in project_ids:
        if project_id not in dataset.projects.index:
            urls.append(None)
            continue
        project = dataset.projects.loc[project_id]
        jp_ids, partner_ids = list(project["jp_ids"]), list(project["partner_ids"])
        if len(jp_ids) == 1 and len(partner_ids) == 1:
            query = {PAIR_KEY: f"{jp_ids[0]}~{partner_ids[0]}"}
        else:
            query = {"place": partner_ids[0]}
        urls.append("profile?" + urlencode({**query, **codes}))
    return urls


def matching_places(dataset: Dataset, query: str, limit: int = 12) -> list[str]:
    """Linked places the search names: a whole name or alias, as the search matches places (c2c/core/search.py)."""
    from c2c.core.selection import matching_place_ids

    places = matching_place_ids(dataset, query or "")
    if not places:
        return []
    linked = set(dataset.links["jp_id"]) | set(dataset.links["partner_id"])
    return [str(p) for p in dataset.cities.index if p in places and p in linked][:limit]


def render_search_profiles(dataset: Dataset, query: str, lang: str, profile_page: Any) -> None:
    """With a search: the places it finds, each a link to its profile."""
    places = matching_places(dataset, query)
    if not places:
        return
    row = st.container(horizontal=True, key="search_profiles")
    row.caption(":material/badge: " + i18n.t("profile_search_hit", lang) + i18n.colon(lang))
    for place in places:
        page_link(row, profile_page, Subject("place", place), lang, label=i18n.place_name(dataset, place, lang))
