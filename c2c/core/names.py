"""The one way to read a bilingual field of a record: ``field_ja`` / ``field_en`` with a fallback.

In the core so that both the core (citations) and the text layer (UI names) use it."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def cell_text(value: object) -> str:
    """A cell as text: NaN/None/NA become ""."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def both(record: Mapping[str, object], field: str, lang: str) -> tuple[str, str]:
    """(the text in ``lang``, the text in the other language), each stripped, "" when missing."""
    english = cell_text(record.get(f"{field}_en")).strip()
    japanese = cell_text(record.get(f"{field}_ja")).strip()
    return (english, japanese) if lang == "en" else (japanese, english)


def pick(record: Mapping[str, object], field: str, lang: str) -> str:
    """The field in ``lang`` (``en``, else Japanese) when it is filled in, else in the other language."""
    own, other = both(record, field, lang)
    return own or other
