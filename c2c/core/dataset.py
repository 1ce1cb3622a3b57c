"""The validated dataset as pandas DataFrames, plus the exploded table of Japanese-partner links."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from c2c.core import schema, values
from c2c.core.csvio import DataError, Problem  # noqa: F401  (DataError: imported from here too)
from c2c.core.validate import validate_data_dir
from c2c.paths import DEFAULT_DATA_DIR

DATA_DIR_ENV = "C2C_DATA_DIR"

LINK_COLUMNS = ["project_id", "fiscal_year", "evidence", "jp_id", "partner_id", "country_code"]


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $C2C_DATA_DIR, then the bundled data/ directory."""
    if cli_value:
        return Path(cli_value)
    env_value = os.environ.get(DATA_DIR_ENV, "").strip()
    if env_value:
        return Path(env_value)
    return DEFAULT_DATA_DIR


def data_files_signature(data_dir: str | os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime_ns, size) of every data file: a cheap cache key that changes whenever a file is saved."""
    signature = []
    for spec in schema.ALL_FILES:
        path = Path(data_dir) / spec.filename
        try:
            stat = path.stat()
            signature.append((spec.filename, stat.st_mtime_ns, stat.st_size))
        except OSError:
            signature.append((spec.filename, -1, -1))
    return tuple(signature)


_T = TypeVar("_T")


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    cities: pd.DataFrame  # index: id
    countries: pd.DataFrame  # index: code
    projects: pd.DataFrame  # index: project_id; fiscal_year is nullable Int64
    fiscal_years: pd.DataFrame  # index: fiscal_year
    links: pd.DataFrame  # one row per (project row, jp_id, partner_id)
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)  # index: id (sources.csv)
    # The research notes (data/notes/*.csv) by file name without folder and extension: contradictions,
    # evidence_levels, unlinked. A file that is absent gives an empty frame with the contract's columns.
    notes: dict[str, pd.DataFrame] = field(default_factory=dict)
    # The data's version: the date it is as of (version.csv; "" when the directory has none) and what changed when
    # and why (changelog.csv, oldest first).
    as_of: str = ""
    changelog: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Values derived from the frames (lookup dicts, labels, coverage), computed once per loaded dataset. The app
    # shares one Dataset between runs and sessions (ui/data.py), so a rerun pays for a lookup, not for pandas.
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()``, memoised under ``key`` for the life of this dataset. The frames are never modified after
        loading, so a derived value stays valid; callers must treat it as read-only too. Two threads may both
        compute a missing value; they get equal results and one of them is kept."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute()
            return value

    @property
    def dated_years(self) -> list[int]:
        return sorted(int(y) for y in self.projects["fiscal_year"].dropna().unique())

    @property
    def all_years(self) -> list[int]:
        """Every fiscal year that the projects or the official totals know about."""
        years = set(self.dated_years) | {int(y) for y in self.fiscal_years.index}
        return sorted(years)


TEXT_KINDS = tuple(name for name, kind in values.KINDS.items() if kind.frame_type == "text")


def _frame(records: list[dict], spec: schema.FileSpec, lines: list[int]) -> pd.DataFrame:
    columns = list(records[0].keys()) if records else [c.name for c in spec.columns]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in spec.columns:
        if column.name not in frame:
            continue
        frame_type = values.kind_of(column).frame_type
        if frame_type == "text":  # empty text cells are "", never NaN, so string operations just work
            frame[column.name] = frame[column.name].fillna("").astype(object)
        elif frame_type == "Int64":  # whole numbers stay whole with gaps; values.py keeps them within 64 bits
            frame[column.name] = frame[column.name].astype("Int64")
    frame["source_line"] = lines
    return frame


def build_links(projects: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for project_id, row in projects.iterrows():
        for jp_id in row["jp_ids"]:
            for partner_id in row["partner_ids"]:
                rows.append((project_id, row["fiscal_year"], row["evidence"], jp_id, partner_id,
                             cities.at[partner_id, "country_code"]))
    links = pd.DataFrame(rows, columns=LINK_COLUMNS)
    links["fiscal_year"] = links["fiscal_year"].astype("Int64")
    return links


def load_dataset(data_dir: str | os.PathLike[str] | None = None) -> Dataset:
    """Validate and load a data directory; raise DataError listing every problem if it is not valid."""
    directory = resolve_data_dir(data_dir)
    result = validate_data_dir(directory)
    if not result.ok:
        raise DataError(result.problems)
    cities = _frame(result.records("cities.csv"), schema.CITIES, result.lines("cities.csv")).set_index("id")
    cities["aliases_list"] = cities["aliases"].fillna("").map(schema.split_list)
    countries = _frame(result.records("countries.csv"), schema.COUNTRIES,
                       result.lines("countries.csv")).set_index("code")
    projects = _frame(result.records("projects.csv"), schema.PROJECTS,
                      result.lines("projects.csv")).set_index("project_id")
    projects["fiscal_year"] = projects["fiscal_year"].astype("Int64")
    for column in ("co_implementers_ja", "source"):
        projects[column + "_list"] = projects[column].fillna("").map(schema.split_list)
    fiscal_years = _frame(result.records("fiscal_years.csv"), schema.FISCAL_YEARS,
                          result.lines("fiscal_years.csv")).set_index("fiscal_year")
    for column in ("adopted_official", "applications_official", "cumulative_countries",
                   "cumulative_partner_places", "cumulative_jp_municipalities"):
        fiscal_years[column] = fiscal_years[column].astype("Int64")
    fiscal_years = fiscal_years.sort_index()
    links = build_links(projects, cities)
    sources = _frame(result.records("sources.csv"), schema.SOURCES, result.lines("sources.csv")).set_index("id")
    notes = {Path(spec.filename).stem: _frame(result.records(spec.filename), spec, result.lines(spec.filename))
             for spec in schema.NOTES_FILES}
    version = result.records(schema.VERSION.filename)
    changelog = _frame(result.records(schema.CHANGELOG.filename), schema.CHANGELOG,
                       result.lines(schema.CHANGELOG.filename)).sort_values("date", kind="stable", ignore_index=True)
    return Dataset(directory, cities, countries, projects, fiscal_years, links, sources, notes,
                   as_of=str(version[0]["as_of"]) if version else "", changelog=changelog)
