"""The data's own notes in the reader's language: a project row's notes, an unlinked row's reason, a fiscal year's
note, what a drawn line rests on (notes/line_basis.csv), and the brief citation of a year's official figures.

The notes are written in both languages (``notes`` in English, ``notes_ja`` in Japanese). A row that has them in
one language only (an imported row) shows that text with a marker saying so, never silently in the wrong language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from c2c.core.names import cell_text, pick
from c2c.core.schema import split_list, split_source_ref
from c2c.text import i18n

if TYPE_CHECKING:
    from c2c.core.dataset import Dataset


def note_text(record: Mapping[str, object], lang: str) -> str:
    """``notes_ja`` (Japanese) or ``notes`` (English), the other language with a marker when only it exists."""
    english = " ".join(cell_text(record.get("notes")).split())
    japanese = " ".join(cell_text(record.get("notes_ja")).split())
    own, other = (english, japanese) if lang == "en" else (japanese, english)
    if own or not other:
        return own
    marker = i18n.t("data_japanese_only" if lang == "en" else "data_english_only", lang)
    return f"{other} {marker}" if lang == "en" else f"{other}{marker}"


BASIS_KEYS = {"title_word": "line_basis_title_word", "header_parenthetical": "line_basis_header_parenthetical"}


def line_basis(dataset: Dataset, lang: str) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(project_id, jp_id, partner_id) -> (short label, note) for every line that rests on a title word or a
    header's parenthetical. Built once per dataset and language."""
    def compute() -> dict[tuple[str, str, str], tuple[str, str]]:
        frame = dataset.notes.get("line_basis")
        if frame is None:
            return {}
        own = "note_en" if lang == "en" else "note_ja"
        other = "note_ja" if lang == "en" else "note_en"
        out = {}
        for record in frame.to_dict("records"):
            basis = cell_text(record.get("basis"))
            label = i18n.t(BASIS_KEYS[basis], lang) if basis in BASIS_KEYS else basis
            note = cell_text(record.get(own)).strip() or cell_text(record.get(other)).strip()
            out[(cell_text(record["project_id"]), cell_text(record["jp_id"]), cell_text(record["partner_id"]))] = \
                (label, note)
        return out

    return dataset.derived(("line_basis", lang), compute)


def project_line_notes(dataset: Dataset, project_id: str, lang: str) -> list[str]:
    """The line-basis notes of one project, in the language."""
    return [note for (pid, _, _), (_, note) in line_basis(dataset, lang).items() if pid == project_id and note]


def official_sources_short(dataset: Dataset, year: int, lang: str) -> str:
    """The sources of a fiscal year's official figures in brief: publisher (date), as fiscal_years.csv cites them
    ("" when the year has no row). The full citations are on the Data & sources page."""
    if year not in dataset.fiscal_years.index:
        return ""
    dates: dict[str, list[str]] = {}  # publisher -> the dates of its sources (one publisher named once)
    for ref in split_list(str(dataset.fiscal_years.at[year, "source"] or "")):
        source_id = split_source_ref(ref)[0]
        if source_id not in dataset.sources.index:
            continue
        record = dataset.sources.loc[source_id]
        original = str(record.get("mirror_of", "") or "")
        if str(record.get("kind", "")) == "mirror" and original in dataset.sources.index:
            record = dataset.sources.loc[original]
        date = str(record.get("date", "") or "")
        name = pick(record, "publisher", lang)
        if not name or not date:  # undated (the brochure): its title says which publication
            title = pick(record, "title", lang)
            quoted = title if title.startswith(("[", "［")) else (f"「{title}」" if lang == "ja" else f"“{title}”")
            name = (name + ("" if lang == "ja" else ", ") + quoted) if name else quoted
        dates.setdefault(name, [])
        if date and date not in dates[name]:
            dates[name].append(date)
    sep = "、" if lang == "ja" else "; "
    return sep.join((f"{name}（{'、'.join(d)}）" if lang == "ja" else f"{name} ({', '.join(d)})") if d else name
                    for name, d in dates.items())
