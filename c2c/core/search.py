"""Text search that respects word boundaries where the text has them (issue #19, item 3).

Plain substring search made "バリ" (Bali) find Ba Ria-Vung Tau (バリアブンタウ省) and a "green recovery" project
(グリーンリカバリー): katakana words are written solid, so the edge of a katakana run is the only word boundary
Japanese text offers. The rules, on NFKC-normalised, case-folded text:

- a query edge in katakana (the query's first or last character) must sit on the edge of the text's katakana
  run, i.e. a short katakana query (up to two characters: バリ) is a whole katakana word; a longer one may also be
  one word of a compound written solid, so it may fill one end of a longer run (リカバリー in グリーンリカバリー,
  パネル in ソーラーパネル), never its middle (カバリ in リカバリー);
- a query edge in Latin letters or digits starts at a word start ("ali" does not find "Bali"); a query of four
  or more letters may end inside a word (a prefix: "hydro" finds "hydrogen"), a shorter one is a whole word;
- kanji and hiragana have no boundaries in running text: they match anywhere (水素 finds 水素エネルギー).

Place names are matched as names, not as text: the query must be a whole name or alias of the place, or one
without its administrative suffix (バリ for バリ州, "Hanoi" for "Hanoi City").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

SHORT_KATAKANA = 2  # a katakana query of this many characters or fewer must be a whole katakana run
MIN_LATIN_PREFIX = 4  # a Latin query of this many characters or more may end inside a word

_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff]")  # without the middle dot ・ (a separator)
_LATIN = re.compile(r"[0-9a-z\u00c0-\u024f]")
# a place's administrative suffix, longest first: the place is still found by its bare name
_JA_SUFFIXES = ("開発地域", "管区", "地域", "市", "州", "省", "県", "都", "区", "府", "道", "郡")
_EN_SUFFIXES = ("metropolitan government", "metropolitan administration", "metropolitan city", "prefecture",
                "province", "regency", "region", "state", "city", "municipality", "district")


def normalise_text(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold().strip()


def _is_katakana(char: str) -> bool:
    return bool(char) and _KATAKANA.match(char) is not None


def _is_latin(char: str) -> bool:
    return bool(char) and _LATIN.match(char) is not None


def _edge_run(needle: str, test, from_end: bool) -> int:
    """How many characters at the needle's start (or end) pass ``test``."""
    chars = reversed(needle) if from_end else iter(needle)
    count = 0
    for char in chars:
        if not test(char):
            break
        count += 1
    return count


def _accepts(needle: str, before: str, after: str) -> bool:
    """Whether an occurrence of ``needle`` between the characters ``before`` and ``after`` is a word match."""
    head_kana, tail_kana = _edge_run(needle, _is_katakana, False), _edge_run(needle, _is_katakana, True)
    if head_kana == len(needle):  # all katakana: a whole run, or (longer) one end of a compound
        whole_start, whole_end = not _is_katakana(before), not _is_katakana(after)
        if len(needle) <= SHORT_KATAKANA:
            return whole_start and whole_end
        return whole_start or whole_end
    if head_kana and _is_katakana(before) and head_kana <= SHORT_KATAKANA:
        return False
    if tail_kana and _is_katakana(after) and tail_kana <= SHORT_KATAKANA:
        return False
    if _is_latin(needle[0]) and _is_latin(before):
        return False
    tail_latin = _edge_run(needle, _is_latin, True)
    return not (tail_latin and _is_latin(after) and tail_latin < MIN_LATIN_PREFIX)


def word_match(text: str, needle: str) -> bool:
    """Whether the normalised ``needle`` occurs in the normalised ``text`` as a word (the module's rules)."""
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if _accepts(needle, text[start - 1] if start else "", text[end] if end < len(text) else ""):
            return True
        start = text.find(needle, start + 1)
    return False


def word_hits(texts: pd.Series, needle: str) -> pd.Series:
    """A boolean Series: which normalised texts hold the normalised needle as a word."""
    rough = texts.str.contains(needle, regex=False)
    hits = rough.copy()
    for index in rough[rough].index:
        hits[index] = word_match(texts[index], needle)
    return hits


def name_forms(names: Iterable[str]) -> set[str]:
    """A place's names and aliases as the search compares them: each whole, and without its suffix."""
    forms: set[str] = set()
    for raw in names:
        name = normalise_text(str(raw))
        if not name:
            continue
        forms.add(name)
        for suffix in _JA_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                forms.add(name[: -len(suffix)].strip())
                break
        for suffix in _EN_SUFFIXES:
            if name.endswith(" " + suffix):
                forms.add(name[: -len(suffix)].strip())
                break
        if name.startswith("city of "):
            forms.add(name[len("city of "):].strip())
    return forms


def place_name_index(cities: pd.DataFrame) -> dict[str, set[str]]:
    """Normalised name form -> the ids of the places that carry it (names, aliases, bare names)."""
    index: dict[str, set[str]] = {}
    for place_id, row in cities.iterrows():
        aliases = str(row.get("aliases", "") or "").split(";")
        for form in name_forms([row.get("name_ja", ""), row.get("name_en", ""), *aliases]):
            index.setdefault(form, set()).add(str(place_id))
    return index
