"""Bilingual text: UI strings and the language-aware names of places, countries and projects.

Japanese is the default. English falls back to Japanese wherever the data has no English text, and says so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from c2c.core import names
from c2c.core.names import pick

if TYPE_CHECKING:
    from c2c.core.dataset import Dataset

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

STRINGS_DIR = Path(__file__).resolve().parent / "strings"


def _load_strings() -> dict[str, dict[str, str]]:
    """``{key: {lang: text}}`` from ``strings/<lang>/*.json``. Each feature area keeps its own file; a key may be
    defined once per language, and both languages must define the same keys (tests/text/test_i18n.py)."""
    table: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        for path in sorted((STRINGS_DIR / lang).glob("*.json")):
            for key, text in json.loads(path.read_text(encoding="utf-8")).items():
                entry = table.setdefault(key, {})
                if lang in entry:
                    raise ValueError(f"{path.name}: UI string {key!r} is already defined for {lang!r}")
                entry[lang] = text
    return table


STRINGS: dict[str, dict[str, str]] = _load_strings()


def t(key: str, lang: str, **values: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def tn(key: str, lang: str, n: int, **values: object) -> str:
    """``t`` for a count: ``key_one`` when ``n`` is 1 and that string exists ("1 Japanese municipality"), else
    ``key``; ``n`` is passed to the string as ``{n}``. Japanese has one form; its ``_one`` strings repeat it."""
    one = f"{key}_one"
    return t(one if n == 1 and one in STRINGS else key, lang, n=n, **values)


def has(key: str) -> bool:
    return key in STRINGS


def list_separator(lang: str) -> str:
    return "、" if lang == "ja" else ", "


def join(values: list[str], lang: str) -> str:
    """A list in running text: 「A、B」 in Japanese, "A, B" in English."""
    return list_separator(lang).join(values)


def colon(lang: str) -> str:
    return "：" if lang == "ja" else ": "


def pick_marked(record: Mapping[str, object], field: str, lang: str) -> str:
    """Like :func:`pick`, but a text that exists only in the other language says so ("… (Japanese only)",
    "…（英語のみ）"): data text is never passed off as being in the UI's language."""
    own, other = names.both(record, field, lang)
    if own or not other:
        return own
    marker = t("data_japanese_only" if lang == "en" else "data_english_only", lang)
    return f"{other} {marker}" if lang == "en" else f"{other}{marker}"


def place_label(city: Mapping[str, object], lang: str) -> str:
    return pick(city, "name", lang)


def bilingual_place_label(city: Mapping[str, object], lang: str) -> str:
    """Both names, the chosen language first: the tooltips show both so that either reader can find a place."""
    first, second = (city["name_en"], city["name_ja"]) if lang == "en" else (city["name_ja"], city["name_en"])
    return f"{first} / {second}" if second and second != first else str(first)


def title_marked(project: Mapping[str, object], lang: str) -> str:
    """The title as :func:`pick_marked` gives it, and, for a paraphrase (``title_status``), a marker saying so:
    a briefing must never quote a source's paraphrase as the official title. "" when there is no title."""
    title = pick_marked(project, "title", lang)
    if title and names.cell_text(project.get("title_status")).strip() == "paraphrase":
        title += (" " if lang == "en" else "") + t("title_paraphrase", lang)
    return title


def project_title(project: Mapping[str, object], lang: str) -> str:
    return title_marked(project, lang) or t("no_title", lang)


def place_name(dataset: Dataset, place_id: str, lang: str) -> str:
    """A place's name in the language, or its id when the data does not know it."""
    if place_id in dataset.cities.index:
        return place_label(dataset.cities.loc[place_id], lang)
    return place_id


def country_name(dataset: Dataset, code: str, lang: str) -> str:
    """A country's name in the language, or its code when countries.csv does not define it."""
    names = dataset.derived(("country_names", lang), lambda: {
        str(code): place_label(row, lang) for code, row in dataset.countries.to_dict("index").items()})
    return names.get(code, code)
