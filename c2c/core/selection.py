"""What the user has selected (fiscal years, countries, municipalities, text, one place) and how it filters links.

Selections are built from stable codes only (years, ISO country codes, place ids), which is what makes them safe
to carry in a URL. Parsing is strict and returns the problems it ignored, so pages can show a short notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from c2c.core.dataset import Dataset
from c2c.core.schema import MAX_FISCAL_YEAR, MIN_FISCAL_YEAR
from c2c.core.search import normalise_text, place_name_index, word_hits

_YEAR = r"(?:FY)?(\d{4})"
_RANGE_PATTERN = re.compile(rf"^{_YEAR}\s*[-–~〜]\s*{_YEAR}$", re.IGNORECASE)
_SINGLE_PATTERN = re.compile(rf"^{_YEAR}$", re.IGNORECASE)
# "to2022": the network as it stood at the end of FY2022 (every dated link up to it). "to" rather than a leading
# "-": a code starting with "-" reads as a negative number and is a formula prefix in a spreadsheet.
_CUMULATIVE_PATTERN = re.compile(rf"^to\s*{_YEAR}$", re.IGNORECASE)
CUMULATIVE_PREFIX = "to"


@dataclass(frozen=True)
class FiscalYearSpec:
    """All years, one year, an inclusive range, or cumulative up to a year. ``start is None`` means all years.

    A cumulative spec ("the network at the end of FY``end``") is the range from the programme's first year
    (:data:`MIN_FISCAL_YEAR`) to ``end``: it selects the same dated links as that range, but is labelled and
    compared with the official cumulative figures as a state of the network, not as a period's activity."""

    start: int | None = None
    end: int | None = None
    cumulative: bool = False

    @property
    def is_all(self) -> bool:
        return self.start is None

    @property
    def is_single(self) -> bool:
        return self.start is not None and self.start == self.end and not self.cumulative

    @property
    def is_cumulative(self) -> bool:
        return self.cumulative and self.end is not None

    def code(self) -> str:
        """The URL form: 'all', '2022', '2015-2018' or 'to2022'."""
        if self.start is None:
            return "all"
        if self.cumulative:
            return f"{CUMULATIVE_PREFIX}{self.end}"
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"

    def years(self, known: list[int]) -> list[int]:
        if self.start is None:
            return list(known)
        if self.cumulative:
            return [y for y in known if y <= self.end]
        return list(range(self.start, self.end + 1))

    def contains(self, years: pd.Series) -> pd.Series:
        if self.start is None:
            return pd.Series(True, index=years.index)
        return years.between(self.start, self.end).fillna(False).astype(bool)


ALL_YEARS = FiscalYearSpec()


def cumulative_to(year: int) -> FiscalYearSpec:
    """The network as it stood at the end of FY``year``: every dated link from the first year up to it."""
    return FiscalYearSpec(MIN_FISCAL_YEAR, int(year), cumulative=True)


class SelectionError(ValueError):
    pass


def parse_fiscal_year(text: str | None) -> FiscalYearSpec:
    """Parse 'all', '2022', 'FY2022', '2015-2018' or 'to2022' (cumulative up to FY2022; full-width characters
    allowed); raise SelectionError otherwise."""
    if text is None:
        return ALL_YEARS
    value = unicodedata.normalize("NFKC", str(text)).strip()
    if value == "" or value.lower() == "all":
        return ALL_YEARS
    match = _CUMULATIVE_PATTERN.match(value)
    if match:
        year = int(match.group(1))
        if not MIN_FISCAL_YEAR <= year <= MAX_FISCAL_YEAR:
            raise SelectionError(f"fiscal year outside {MIN_FISCAL_YEAR}-{MAX_FISCAL_YEAR}: {text!r}")
        return cumulative_to(year)
    match = _SINGLE_PATTERN.match(value)
    if match:
        start = end = int(match.group(1))
    else:
        match = _RANGE_PATTERN.match(value)
        if not match:
            raise SelectionError(f"not a fiscal year or range: {text!r}")
        start, end = sorted((int(match.group(1)), int(match.group(2))))
    if start < MIN_FISCAL_YEAR or end > MAX_FISCAL_YEAR:
        raise SelectionError(f"fiscal year outside {MIN_FISCAL_YEAR}-{MAX_FISCAL_YEAR}: {text!r}")
    return FiscalYearSpec(start, end)


@dataclass(frozen=True)
class Selection:
    fiscal_years: FiscalYearSpec = ALL_YEARS
    countries: tuple[str, ...] = ()  # ISO alpha-2 codes of partner countries
    jp_ids: tuple[str, ...] = ()
    text: str = ""
    place_id: str | None = None  # a clicked place: only its links
    include_undated: bool = True  # participation-list links; only meaningful for the all-years view
    project_id: str | None = None

    @property
    def shows_undated(self) -> bool:
        return self.fiscal_years.is_all and self.include_undated


# The fields a text search looks in, in the order a match is reported: (field key, columns). Place names are
# matched through the links: a project matches when one of its places' names or aliases does.
SEARCH_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("title_ja", "title_en")),
    ("summary", ("summary_ja", "summary_en")),
    ("lead", ("lead_org_ja", "lead_org_en")),
    ("co", ("co_implementers_ja",)),
)
PLACE_FIELD = "place"


def _haystack(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    text = frame[list(columns)].fillna("").astype(str).agg("\n".join, axis=1)
    return text.map(normalise_text)


def _haystacks(dataset: Dataset) -> dict[str, pd.Series]:
    """The normalised text of every searched field (computed once per loaded dataset)."""
    def build() -> dict[str, pd.Series]:
        return {key: _haystack(dataset.projects, columns) for key, columns in SEARCH_FIELDS}
    return dataset.derived(("search_haystacks",), build)


def matching_place_ids(dataset: Dataset, query: str) -> set[str]:
    """The places whose whole name or alias (or bare name, without 市/州/City...) the query is (c2c/core/search.py)."""
    names = dataset.derived(("search_place_names",), lambda: place_name_index(dataset.cities))
    return set(names.get(normalise_text(query), ()))


def text_matches(dataset: Dataset, query: str) -> dict[str, tuple[str, ...]]:
    """project_id -> the fields (keys of SEARCH_FIELDS, then "place") in which the query occurs, for every
    project it matches. Matching is NFKC-normalised and case-insensitive, so "ＨＹＤＲＯＧＥＮ" finds "hydrogen"
    and half-width ｶﾀｶﾅ finds katakana: titles, summaries, lead and joint implementers in both languages, and
    the names and aliases of the project's places. Text matches respect word boundaries where the text has them
    and a place matches by its whole name (c2c/core/search.py): "バリ" finds Bali, not Ba Ria-Vung Tau."""
    needle = normalise_text(query)
    if not needle:
        return dict.fromkeys(dataset.projects.index, ())
    stacks = _haystacks(dataset)
    found: dict[str, list[str]] = {}
    for key, _ in SEARCH_FIELDS:
        hits = word_hits(stacks[key], needle)
        for project_id in hits[hits].index:
            found.setdefault(project_id, []).append(key)
    places = matching_place_ids(dataset, query)
    if places:
        links = dataset.links
        hit_links = links[links["jp_id"].isin(places) | links["partner_id"].isin(places)]
        for project_id in dict.fromkeys(hit_links["project_id"]):
            found.setdefault(project_id, []).append(PLACE_FIELD)
    return {project_id: tuple(keys) for project_id, keys in found.items()}


def select_links(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """The link rows (one per project row and Japanese-partner pair) that the selection shows."""
    links = dataset.links
    mask = selection.fiscal_years.contains(links["fiscal_year"])
    if selection.fiscal_years.is_all and not selection.include_undated:
        mask &= links["fiscal_year"].notna()
    if selection.countries:
        mask &= links["country_code"].isin(selection.countries)
    if selection.jp_ids:
        mask &= links["jp_id"].isin(selection.jp_ids)
    if selection.place_id:
        mask &= (links["jp_id"] == selection.place_id) | (links["partner_id"] == selection.place_id)
    if selection.project_id:
        mask &= links["project_id"] == selection.project_id
    if selection.text.strip():
        mask &= links["project_id"].isin(list(text_matches(dataset, selection.text)))
    return links[mask]


def select_projects(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """Project rows with at least one selected link, in fiscal-year order."""
    ids = select_links(dataset, selection)["project_id"].unique()
    projects = dataset.projects.loc[ids]
    return projects.sort_values(["fiscal_year", "source_line"], na_position="last")


# ---- the selection as URL codes: the one converter (the app's URL, its download cache key, the CLI) ----------------

SELECTION_KEYS = ("fy", "country", "jp", "place", "project", "q", "undated")
MAX_CODE_LENGTH = 200
_CODE_PART = re.compile(r"^[A-Za-z0-9_\-]+$")  # ids (schema.ID_PATTERN, with "_") and country codes


def selection_codes(selection: Selection) -> dict[str, str]:
    """The selection's non-default values as URL codes, e.g. ``{"fy": "2022", "country": "VN,ID"}``."""
    codes = {
        "fy": "" if selection.fiscal_years.is_all else selection.fiscal_years.code(),
        "country": ",".join(selection.countries),
        "jp": ",".join(selection.jp_ids),
        "place": selection.place_id or "",
        "project": selection.project_id or "",
        "q": selection.text.strip(),
        "undated": "" if selection.include_undated else "0",
    }
    return {key: value for key, value in codes.items() if value}


def parse_selection_codes(values: Mapping[str, str], dataset: Dataset) -> tuple[Selection, dict[str, str]]:
    """Strictly parse URL codes into a Selection. Returns (selection, {key: the ignored part}): an unknown or
    malformed value is left out of the selection, never guessed at; known parts of a list are kept."""
    bad: dict[str, str] = {}
    fy_text = str(values.get("fy") or "")
    try:
        if len(fy_text) > MAX_CODE_LENGTH:
            raise SelectionError("too long")
        fiscal_years = parse_fiscal_year(fy_text)
    except SelectionError:
        bad["fy"] = fy_text
        fiscal_years = ALL_YEARS

    def codes(key: str, known: set[str], transform: Callable[[str], str] = str) -> tuple[str, ...]:
        raw = str(values.get(key) or "")
        if len(raw) > MAX_CODE_LENGTH:
            bad[key] = raw
            return ()
        parts = [part.strip() for part in raw.split(",") if part.strip()]
        parts = [transform(part) if _CODE_PART.match(part) else part for part in parts]
        good = tuple(dict.fromkeys(part for part in parts if part in known))
        wrong = [part for part in parts if part not in known]
        if wrong:
            bad[key] = ",".join(wrong)
        return good

    cities = dataset.cities
    countries = codes("country", set(cities.loc[cities["side"] == "partner", "country_code"]), str.upper)
    jp_ids = codes("jp", set(cities.index[cities["side"] == "japan"]))
    place = codes("place", set(cities.index))
    project = codes("project", set(dataset.projects.index))
    text = str(values.get("q") or "")
    if len(text) > MAX_CODE_LENGTH:
        bad["q"] = text
        text = text[:MAX_CODE_LENGTH]
    undated_code = str(values.get("undated") or "")
    if undated_code not in ("", "0", "1"):
        bad["undated"] = undated_code
    selection = Selection(fiscal_years=fiscal_years, countries=countries, jp_ids=jp_ids, text=text,
                          place_id=place[0] if place else None, include_undated=undated_code != "0",
                          project_id=project[0] if project else None)
    return selection, bad
