"""Citations: how a row of the data names its sources to a reader.

A project row cites ``sources.csv`` ids, each optionally with a locator (``moe-brochure-fy2022#07`` = project 07
of the FY2022 brochure). Everything that shows a source — the app's tables, the project detail, the Data & sources
page, the CSV export and the captions of the other exports — builds its text here, so a reader always sees the
same citation: publisher, title, date, where in the publication, and a link where there is one. A mirror (a
document-sharing site's copy) is cited as a copy of the original publication, never in its own name.

The few fixed words of a citation are kept here, in both languages: the core does not depend on c2c.text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from c2c.core import schema
from c2c.core.names import cell_text, pick

_WORDS = {
    "ja": {"project": "事業{n}", "list": "参加都市リスト", "page": "{n}頁", "copy": "（{site}のミラー。原本の写し）",
           "sep": "、", "join": "／"},
    "en": {"project": "project {n}", "list": "participation list", "page": "p. {n}", "copy": " (mirror copy on {site})",
           "sep": ", ", "join": " / "},
}


@dataclass(frozen=True)
class Citation:
    """One cited source as a reader sees it: ``text`` to show, ``url`` to link (None when there is none)."""

    ref: str  # as written in the row: id, or id#locator
    source_id: str
    text: str
    url: str | None
    kind: str


def _lang(lang: str) -> str:
    return lang if lang in _WORDS else "ja"


def _cell(record: Mapping[str, object], name: str) -> str:
    return " ".join(cell_text(record.get(name, "")).split())


def locator_text(locator: str, lang: str) -> str:
    """'07' -> 'project 07' / '事業07'; 'list' -> the participation list; 'p12' -> 'p. 12'."""
    words = _WORDS[_lang(lang)]
    if not locator:
        return ""
    if locator.isdigit():
        return words["project"].format(n=locator)
    if locator == "list":
        return words["list"]
    if locator.startswith("p") and locator[1:].isdigit():
        return words["page"].format(n=locator[1:])
    return locator


def _publication_text(record: Mapping[str, object], lang: str) -> str:
    """Publisher, title and date of one sources.csv row: 環境省「…」（2022） / Ministry, "…" (2022)."""
    publisher, title, date = pick(record, "publisher", lang), pick(record, "title", lang), _cell(record, "date")
    described = title.startswith(("[", "［"))  # our description of an untitled page: no quotation marks
    if lang == "ja":
        text = publisher + (title if described else f"「{title}」")
        return text + (f"（{date}）" if date else "")
    quoted = title if described else f"\u201c{title}\u201d"
    text = f"{publisher}, {quoted}" if publisher else quoted
    return text + (f" ({date})" if date else "")


def citation(sources: pd.DataFrame, ref: str, lang: str) -> Citation:
    """The citation of one reference (``id`` or ``id#locator``) against ``sources`` (indexed by id).

    An id that is not in ``sources`` (possible only for unvalidated data) is shown as written, unlinked.
    """
    lang = _lang(lang)
    words = _WORDS[lang]
    source_id, locator = schema.split_source_ref(ref)
    if source_id not in sources.index:
        return Citation(ref, source_id, ref, None, "")
    record = sources.loc[source_id]
    kind = _cell(record, "kind")
    url = _cell(record, "url") or None
    original_id = _cell(record, "mirror_of")
    if kind == "mirror" and original_id in sources.index:
        site = pick(record, "publisher", lang) or source_id
        text = _publication_text(sources.loc[original_id], lang) + words["copy"].format(site=site)
    else:
        text = _publication_text(record, lang)
    where = locator_text(locator, lang)
    if where:
        text += words["sep"] + where
    return Citation(ref, source_id, text, url, kind)


def citations(sources: pd.DataFrame, refs: Iterable[str], lang: str) -> list[Citation]:
    """The citations of a row's ``source`` cell (already split), in the row's order, without repeats."""
    return [citation(sources, ref, lang) for ref in dict.fromkeys(r.strip() for r in refs if r.strip())]


def row_citations(dataset, row: Mapping[str, object], lang: str) -> list[Citation]:
    """Citations of one project row (a projects frame row or record with ``source``)."""
    return citations(dataset.sources, schema.split_list(_cell(row, "source")), lang)


def citation_text(dataset, row: Mapping[str, object], lang: str, *, with_urls: bool = False) -> str:
    """A row's citations as one line, e.g. for a table cell or a CSV column; ``with_urls`` appends each link."""
    words = _WORDS[_lang(lang)]
    parts = []
    for cite in row_citations(dataset, row, lang):
        parts.append(f"{cite.text} <{cite.url}>" if with_urls and cite.url else cite.text)
    return words["join"].join(parts)
