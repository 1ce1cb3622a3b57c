"""Add a fiscal year's adoption list to the data: ``python -m c2c import``.

Usage::

    python -m c2c import --fiscal-year 2026 ADOPTION_LIST.(xlsx|csv) [--source SOURCE_ID|URL] [--data-dir DIR]
                         [--dry-run] [--sheet NAME] [--adopted N] [--online]

The input has one row per project, with Japanese or English headers (``案件名|title``, ``代表事業者|lead_org``,
``共同実施者|co_implementers``, ``日本の自治体|jp_municipality``, ``相手国|country``, ``相手都市|partner_place``,
``概要|summary``, and optionally ``出典|source``). Places are matched to cities.csv by name, English name and
aliases (NFKC, case-insensitive, with or without 市/省/州/City/Province…) within the stated country; a partner
place that is not there is looked up in the offline GeoNames gazetteer *in that country* (Nominatim too with
``--online``) and added with a new id.

It never guesses. Any problem (an ambiguous name, a place not found in the stated country, an unknown
municipality, a country that is not one, a duplicate project, an empty required cell) is reported as
``FILE:ROW: column: what is wrong``, the exit code is 2, and no file changes. Otherwise every changed file is
written next to the original, the whole new data directory is validated, and then all files are swapped in; if
anything fails half-way, the originals are put back.

Exit codes: 0 imported (or the dry run found nothing wrong); 2 problems, nothing changed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from c2c.core import schema
from c2c.core.csvio import DataError, Problem, Table, decode_bytes, parse_table_text, read_table, to_csv_text
from c2c.core.dataset import Dataset, load_dataset, resolve_data_dir
from c2c.core.validate import is_http_url, validate_data_dir
from geo.backends import GeocodeError, Geocoder, GeoResult, NominatimGeocoder
from geo.gazetteer import OfflineGazetteer, normalise_name

EXIT_OK = 0
EXIT_INVALID = 2

# Column -> accepted header names (compared after NFKC and case folding). The first name is the template's.
HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("案件名", "title", "事業名"),
    "lead_org": ("代表事業者", "lead_org", "lead organisation", "lead organization"),
    "co_implementers": ("共同実施者", "co_implementers", "共同事業者"),
    "jp_municipality": ("日本の自治体", "jp_municipality", "自治体"),
    "country": ("相手国", "country"),
    "partner_place": ("相手都市", "partner_place", "パートナー都市"),
    "summary": ("概要", "summary"),
    "source": ("出典", "source"),
}
REQUIRED = ("title", "lead_org", "jp_municipality", "country", "partner_place")
MULTI_SEPARATORS = re.compile(r"[;；、,，\n]+")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Administrative words a name may carry or not: 富山市 = 富山, Quang Ninh Province = Quang Ninh.
JA_SUFFIXES = ("特別州", "管区", "地域", "市", "省", "州", "県", "府", "都", "区", "郡")
EN_SUFFIXES = ("metropolitan administration", "special capital region", "city", "province", "prefecture", "state",
               "region", "regency", "municipality", "capital")
EN_PREFIXES = ("city of ", "municipality of ")

GeocoderFactory = Callable[[bool], list[Geocoder]]


def name_keys(name: str) -> set[str]:
    """Comparable forms of a place name: NFKC, case-folded, without spaces, with and without its suffix."""
    key = normalise_name(name).replace(" ", "")
    if not key:
        return set()
    keys = {key}
    spaced = normalise_name(name)
    for prefix in EN_PREFIXES:
        if spaced.startswith(prefix):
            keys.add(spaced[len(prefix):].replace(" ", ""))
    for suffix in EN_SUFFIXES:
        if spaced.endswith(" " + suffix):
            keys.add(spaced[: -len(suffix)].replace(" ", ""))
    for suffix in JA_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            keys.add(key[: -len(suffix)])
    return {k for k in keys if k}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class InputRow:
    line: int
    cells: dict[str, str]


@dataclass
class NewPlace:
    id: str
    name_ja: str
    name_en: str
    country_code: str
    lat: float
    lon: float
    geo_source: str
    how: str


@dataclass
class Plan:
    fiscal_year: int
    projects: list[dict[str, str]] = field(default_factory=list)
    places: list[NewPlace] = field(default_factory=list)
    source: dict[str, str] | None = None  # a sources.csv row to add
    new_pairs: list[tuple[str, str]] = field(default_factory=list)
    adopted: tuple[int | None, int] | None = None  # (before, after)
    problems: list[Problem] = field(default_factory=list)


# ---- reading the adoption list ------------------------------------------------------------------------------

def read_rows(path: Path, sheet: str | None) -> tuple[list[str], list[InputRow]]:
    """Header and rows (with the line or sheet row number a person sees) of an xlsx or CSV file."""
    label = path.name
    if not path.is_file():
        raise DataError([Problem(label, None, None, "file not found")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if path.suffix.lower() != ".csv":
        raise DataError([Problem(label, None, None, "expected an .xlsx or .csv file")])
    text, encoding = decode_bytes(path.read_bytes(), label)
    table = parse_table_text(text, path, encoding)
    if table.row_problems:
        raise DataError(table.row_problems)
    return table.header, [InputRow(line, row) for row, line in zip(table.rows, table.line_numbers)]


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[str], list[InputRow]]:
    from openpyxl import load_workbook  # only needed for spreadsheets

    label = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any unreadable workbook is one clear message, never a traceback
        raise DataError([Problem(label, None, None,
                                  f"cannot be read as an Excel workbook ({type(exc).__name__})")]) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError([Problem(label, None, None,
                                      f"no sheet named {sheet!r} (sheets: {', '.join(book.sheetnames)})")])
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows = list(worksheet.iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        raise DataError([Problem(label, None, None, "the sheet is empty (expected a header row)")])
    header = ["" if v is None else str(v).strip() for v in rows[0]]
    out = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {name: ("" if v is None else str(v).strip()) for name, v in zip(header, values) if name}
        if any(cells.values()):
            out.append(InputRow(number, cells))
    return [h for h in header if h], out


def map_headers(header: list[str], label: str) -> tuple[dict[str, str], list[Problem]]:
    """Our column -> the file's header, for Japanese or English headers; problems for missing or unknown ones."""
    wanted = {unicodedata.normalize("NFKC", name).strip().casefold(): column
              for column, names in HEADERS.items() for name in names}
    found: dict[str, str] = {}
    problems = []
    for name in header:
        column = wanted.get(unicodedata.normalize("NFKC", name).strip().casefold())
        if column is None:
            problems.append(Problem(label, 1, name, "unknown column (expected one of: "
                                    + ", ".join(f"{n[0]}|{n[1]}" for n in HEADERS.values()) + ")"))
        elif column in found:
            problems.append(Problem(label, 1, name, f"a second column for {column} ({found[column]!r} is the first)"))
        else:
            found[column] = name
    for column in REQUIRED:
        if column not in found:
            problems.append(Problem(label, 1, f"{HEADERS[column][0]}|{column}", "required column is missing"))
    return found, problems


# ---- matching --------------------------------------------------------------------------------------------------

class Matcher:
    """Names of the dataset's places and countries, keyed for matching."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.place_keys: dict[str, set[str]] = {}
        for place_id, row in dataset.cities.iterrows():
            keys: set[str] = set()
            for name in [row["name_ja"], row["name_en"], *row["aliases_list"]]:
                keys |= name_keys(str(name))
            self.place_keys[str(place_id)] = keys
        self.country_names: dict[str, str] = {}
        for code, row in dataset.countries.iterrows():
            for name in (code, row["name_ja"], row["name_en"]):
                self.country_names[normalise_name(str(name)).replace(" ", "")] = str(code)

    def country(self, text: str) -> str | None:
        return self.country_names.get(normalise_name(text).replace(" ", ""))

    def places(self, text: str, side: str, country: str | None) -> list[str]:
        keys = name_keys(text)
        cities = self.dataset.cities
        return [pid for pid, pkeys in self.place_keys.items()
                if keys & pkeys and cities.at[pid, "side"] == side
                and (country is None or cities.at[pid, "country_code"] == country)]

    def label(self, place_id: str) -> str:
        row = self.dataset.cities.loc[place_id]
        return f"{place_id} ({row['name_ja']} / {row['name_en']}, {row['country_code']})"


def _geonames_elsewhere(text: str, country: str) -> list[str]:
    """Countries (other than ``country``) where GeoNames has a place of that name: for the error message only."""
    from geo.gazetteer import DEFAULT_MIN_POPULATION, _load

    keys = name_keys(text)
    found = set()
    for code, cities in _load(DEFAULT_MIN_POPULATION)[0].items():
        if code == country:
            continue
        for city in cities:
            names = [city.get("name", ""), *city.get("alternatenames", ())]
            if any(name_keys(str(n)) & keys for n in names if n):
                found.add(code)
                break
    return sorted(found)


def default_geocoders(online: bool) -> list[Geocoder]:
    return [OfflineGazetteer(), NominatimGeocoder()] if online else [OfflineGazetteer()]


# ---- planning --------------------------------------------------------------------------------------------------

def _split(value: str) -> list[str]:
    return [part.strip() for part in MULTI_SEPARATORS.split(value or "") if part.strip()]


def _ja_en(text: str) -> tuple[str, str]:
    """Text goes into the _ja column when it contains Japanese, else into _en (never translated)."""
    return (text, "") if JAPANESE.search(text) else ("", text)


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def resolve_source(dataset: Dataset, value: str, fiscal_year: int, label: str) -> tuple[str | None, dict | None, str]:
    """(source id, a new sources.csv row or None, error message or '')."""
    value = value.strip()
    if value in dataset.sources.index:
        return value, None, ""
    if is_http_url(value):
        for source_id, url in dataset.sources["url"].items():
            if url == value:
                return str(source_id), None, ""
        host = urlsplit(value).netloc.removeprefix("www.")
        source_id = _unique_id(f"fy{fiscal_year}-adoption-list-{_slug(host)}", set(dataset.sources.index))
        row = {"id": source_id, "kind": "publication", "publisher_ja": host, "publisher_en": host,
               "title_ja": f"［{fiscal_year}年度 採択事業一覧］", "title_en": f"[FY{fiscal_year} adoption list]",
               "date": "", "url": value, "mirror_of": "",
               "notes": f"Added by c2c import from {label}; check the publisher, title, date and kind."}
        return source_id, row, ""
    return None, None, f"{value!r} is neither a source id in sources.csv nor an http(s) address"


def make_plan(dataset: Dataset, path: Path, fiscal_year: int, source: str | None, sheet: str | None,
              adopted: int | None, geocoders: list[Geocoder]) -> Plan:
    label = path.name
    plan = Plan(fiscal_year)
    problems = plan.problems
    try:
        header, rows = read_rows(path, sheet)
    except DataError as exc:
        problems.extend(exc.problems)
        return plan
    columns, header_problems = map_headers(header, label)
    problems.extend(header_problems)
    if header_problems:
        return plan
    if not rows:
        problems.append(Problem(label, None, None, "no project rows below the header"))
        return plan
    default_source = None
    if source:
        default_source, plan.source, error = resolve_source(dataset, source, fiscal_year, label)
        if error:
            problems.append(Problem(label, None, "--source", error))
    elif "source" not in columns:
        problems.append(Problem(label, None, "--source", "no source: give --source SOURCE_ID|URL "
                                                         "(or a 出典|source column)"))
    matcher = Matcher(dataset)
    taken_ids = set(dataset.projects.index) | set(dataset.cities.index)
    existing = dataset.projects[dataset.projects["fiscal_year"] == fiscal_year]
    existing_pairs = set(map(tuple, dataset.links[["jp_id", "partner_id"]].values.tolist()))
    seen_in_file: dict[tuple, int] = {}
    new_places: dict[tuple[str, str], NewPlace] = {}
    for row in rows:
        cell = {column: row.cells.get(name, "").strip() for column, name in columns.items()}

        def problem(column: str, message: str, line: int = row.line) -> None:
            problems.append(Problem(label, line, f"{HEADERS[column][0]}|{column}", message))

        empty = [c for c in REQUIRED if not cell.get(c)]
        for column in empty:
            problem(column, "required value is empty")
        if empty:
            continue
        ok = True
        country = matcher.country(cell["country"])
        if country is None or country == "JP":
            problem("country", f"{cell['country']!r} is not a partner country in countries.csv "
                               "(a name in Japanese or English, or an ISO code such as VN)")
            ok = False
        jp_ids = []
        for name in _split(cell["jp_municipality"]):
            found = matcher.places(name, "japan", "JP")
            if len(found) == 1:
                jp_ids.append(found[0])
            elif found:
                problem("jp_municipality", f"{name!r} is ambiguous: " + "; ".join(map(matcher.label, found)))
                ok = False
            else:
                problem("jp_municipality", f"unknown municipality {name!r} (not in cities.csv; add it there first)")
                ok = False
        partner_ids = []
        for name in _split(cell["partner_place"]) if country else []:
            found = matcher.places(name, "partner", country)
            if len(found) == 1:
                partner_ids.append(found[0])
                continue
            if found:
                problem("partner_place", f"{name!r} is ambiguous in {country}: " + "; ".join(map(matcher.label, found)))
                ok = False
                continue
            key = (country, min(name_keys(name)))
            if key in new_places:
                partner_ids.append(new_places[key].id)
                continue
            place, error = geocode_place(name, country, geocoders, taken_ids, label, row.line)
            if error:
                problem("partner_place", error)
                ok = False
            else:
                new_places[key] = place
                partner_ids.append(place.id)
        row_source = default_source
        if cell.get("source"):
            row_source, new_source, error = resolve_source(dataset, cell["source"], fiscal_year, label)
            if error or new_source:
                problem("source", error or "a URL here must already be in sources.csv (or use --source)")
                ok = False
        elif not default_source:
            ok = False
        if not ok:
            continue
        pair_key = (frozenset(jp_ids), frozenset(partner_ids))
        title_key = normalise_name(cell["title"])
        duplicate = [pid for pid, p in existing.iterrows()
                     if (frozenset(p["jp_ids"]), frozenset(p["partner_ids"])) == pair_key
                     and (normalise_name(p["title_ja"]) in ("", title_key) or normalise_name(p["title_en"]) == title_key)]
        if duplicate:
            problem("title", f"duplicate of the existing FY{fiscal_year} project {duplicate[0]} "
                             f"(projects.csv line {existing.at[duplicate[0], 'source_line']})")
            continue
        if (pair_key, title_key) in seen_in_file:
            problem("title", f"the same project as row {seen_in_file[(pair_key, title_key)]} of this file")
            continue
        seen_in_file[(pair_key, title_key)] = row.line
        jp_part = "-".join(i.removeprefix("jp-") for i in jp_ids[:2])
        partner_part = "-".join(i.split("-", 1)[-1] for i in partner_ids[:2])
        project_id = _unique_id(f"fy{fiscal_year}-{jp_part}-{partner_part}", taken_ids)
        title_ja, title_en = _ja_en(cell["title"])
        lead_ja, lead_en = _ja_en(cell["lead_org"])
        summary_ja, summary_en = _ja_en(cell.get("summary", ""))
        plan.projects.append({
            "project_id": project_id, "fiscal_year": str(fiscal_year), "jp_ids": ";".join(jp_ids),
            "partner_ids": ";".join(partner_ids), "title_ja": title_ja, "title_en": title_en,
            "title_en_origin": "source" if title_en else "", "lead_org_ja": lead_ja, "lead_org_en": lead_en,
            "co_implementers_ja": ";".join(_split(cell.get("co_implementers", ""))),
            "summary_ja": summary_ja, "summary_en": summary_en, "evidence": "listed", "source": row_source or "",
            "notes": f"Imported by c2c import from the FY{fiscal_year} adoption list ({label}, row {row.line}).",
        })
        for jp in jp_ids:
            for partner in partner_ids:
                if (jp, partner) not in existing_pairs and (jp, partner) not in plan.new_pairs:
                    plan.new_pairs.append((jp, partner))
    plan.places = list(new_places.values())
    if adopted is not None:
        before = dataset.fiscal_years["adopted_official"].get(fiscal_year) \
            if fiscal_year in dataset.fiscal_years.index else None
        plan.adopted = (None if before is None or str(before) == "<NA>" else int(before), adopted)
    return plan


def geocode_place(name: str, country: str, geocoders: list[Geocoder], taken: set[str], label: str,
                  line: int) -> tuple[NewPlace | None, str]:
    """A new partner place found in ``country`` by the gazetteer (then Nominatim if given), or an error."""
    for geocoder in geocoders:
        if isinstance(geocoder, OfflineGazetteer):
            found = geocoder.candidates(name, country)
            if len(found) > 1:
                listed = "; ".join(f"{c['name']} ({float(c['latitude']):.4f}, {float(c['longitude']):.4f}, "
                                   f"pop {c.get('population') or '?'})" for c in found[:5])
                return None, (f"{name!r} is not in cities.csv and the gazetteer has {len(found)} places of that name "
                              f"in {country}: {listed}; add the right one to cities.csv yourself")
            result = geocoder.lookup(name, country) if found else None
        else:
            try:
                result = geocoder.lookup(name, country)
            except GeocodeError as exc:
                return None, f"{name!r}: the online geocoder failed ({exc})"
        if result is not None and result.country_code == country:
            return _new_place(name, country, result, taken, label, line), ""
    elsewhere = _geonames_elsewhere(name, country)
    hint = f" (the gazetteer knows a place of that name in: {', '.join(elsewhere)})" if elsewhere else ""
    return None, (f"{name!r} is not in cities.csv and the gazetteer cannot find it in {country}{hint}; "
                  f"add it to cities.csv with coordinates, or try --online")


def _new_place(name: str, country: str, result: GeoResult, taken: set[str], label: str, line: int) -> NewPlace:
    name_en = name if not JAPANESE.search(name) else result.matched_name
    place_id = _unique_id(f"{country.lower()}-{_slug(result.matched_name) or _slug(name_en) or 'place'}", taken)
    how = (f"{'GeoNames' if result.source == 'geonames' else 'Nominatim'}: {result.matched_name}"
           + (f", pop {result.population}" if result.population else "")
           + f"; added by c2c import from {label} row {line}")
    return NewPlace(place_id, name, name_en, country, round(result.lat, 5), round(result.lon, 5), result.source, how)


# ---- writing ----------------------------------------------------------------------------------------------------

def _append(table: Table, rows: list[dict[str, str]]) -> bytes:
    text = to_csv_text(table.header, table.rows + rows)
    return text.encode(table.encoding)


def new_file_contents(data_dir: Path, plan: Plan) -> dict[str, bytes]:
    """File name -> new bytes, for every file the plan changes (in the file's own header order and encoding)."""
    out: dict[str, bytes] = {}
    if plan.projects:
        out["projects.csv"] = _append(read_table(data_dir / "projects.csv"), plan.projects)
    if plan.places:
        rows = [{"id": p.id, "side": "partner", "name_ja": p.name_ja, "name_en": p.name_en,
                 "aliases": "", "country_code": p.country_code, "kind": "city",
                 "lat": f"{p.lat:.5f}", "lon": f"{p.lon:.5f}", "geo_source": p.geo_source, "geo_note": p.how}
                for p in plan.places]
        out["cities.csv"] = _append(read_table(data_dir / "cities.csv"), rows)
    if plan.source:
        out["sources.csv"] = _append(read_table(data_dir / "sources.csv"), [plan.source])
    if plan.adopted is not None:
        table = read_table(data_dir / "fiscal_years.csv")
        year_rows = [r for r in table.rows if r.get("fiscal_year", "").strip() == str(plan.fiscal_year)]
        source = plan.projects[0]["source"].split("#")[0] if plan.projects else ""
        if year_rows:
            year_rows[0]["adopted_official"] = str(plan.adopted[1])
            if source and source not in schema.split_list(year_rows[0].get("source", "")):
                year_rows[0]["source"] = ";".join([*schema.split_list(year_rows[0].get("source", "")), source])
            out["fiscal_years.csv"] = _append(table, [])
        else:
            out["fiscal_years.csv"] = _append(table, [{"fiscal_year": str(plan.fiscal_year),
                                                      "adopted_official": str(plan.adopted[1]), "source": source,
                                                      "notes": "Adopted count set by c2c import."}])
    return out


def check_new_directory(data_dir: Path, contents: dict[str, bytes]) -> list[Problem]:
    """Validate the data directory as it would be after the import, in a temporary copy."""
    with tempfile.TemporaryDirectory(prefix=".c2c-import-check-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("*.md", "templates", ".*"))
        for name, data in contents.items():
            (copy / name).write_bytes(data)
        return validate_data_dir(copy).problems


def replace_all(data_dir: Path, contents: dict[str, bytes]) -> None:
    """Swap in every new file, or none: new files are staged beside the old ones, then renamed one by one; if
    anything fails (or Ctrl-C) half-way, the files already replaced get their old bytes back."""
    staged: dict[str, Path] = {}
    originals = {name: (data_dir / name).read_bytes() for name in contents}
    replaced: list[str] = []
    try:
        for name, data in contents.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".import-tmp", dir=data_dir)
            staged[name] = Path(tmp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, (data_dir / name).stat().st_mode & 0o777)
        for name, tmp in staged.items():
            os.replace(tmp, data_dir / name)
            replaced.append(name)
    except BaseException:
        for name in replaced:
            _restore(data_dir / name, originals[name])
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise


def _restore(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".restore-tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


# ---- report -------------------------------------------------------------------------------------------------------

def report(dataset: Dataset, plan: Plan, out: TextIO, dry_run: bool) -> None:
    names = dataset.cities["name_en"].to_dict() | {p.id: p.name_en for p in plan.places}
    verb = "would add" if dry_run else "added"
    year = plan.fiscal_year
    before = int((dataset.projects["fiscal_year"] == year).sum())
    print(f"FY{year}: {verb} {len(plan.projects)} project(s), {len(plan.places)} place(s), "
          f"{len(plan.new_pairs)} new pair(s)", file=out)
    for project in plan.projects:
        pairs = " – ".join(", ".join(names.get(i, i) for i in project[c].split(";")) for c in ("jp_ids", "partner_ids"))
        print(f"  project {project['project_id']}: {pairs}: {project['title_ja'] or project['title_en']}", file=out)
    for place in plan.places:
        print(f"  place {place.id}: {place.name_ja} / {place.name_en} ({place.country_code}) at "
              f"{place.lat:.5f}, {place.lon:.5f} ({place.how})", file=out)
    for jp, partner in plan.new_pairs:
        print(f"  new pair: {names.get(jp, jp)} – {names.get(partner, partner)}", file=out)
    if plan.source:
        print(f"  source {plan.source['id']}: {plan.source['url']} (check its publisher and title in sources.csv)",
              file=out)
    adopted = plan.adopted
    official_before = adopted[0] if adopted else (dataset.fiscal_years["adopted_official"].get(year)
                                                  if year in dataset.fiscal_years.index else None)
    official_after = adopted[1] if adopted else official_before

    def official(value) -> str:
        return "?" if value is None or str(value) == "<NA>" else str(value)

    print(f"  FY{year} projects in the data: {before} of {official(official_before)} adopted before, "
          f"{before + len(plan.projects)} of {official(official_after)} after", file=out)


# ---- command line ------------------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m c2c import", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiscal-year", required=True, type=int, help="the Japanese fiscal year of the list")
    parser.add_argument("file", type=Path, help="the adoption list (.xlsx or .csv)")
    parser.add_argument("--source", help="a sources.csv id, or the URL of the adoption list")
    parser.add_argument("--data-dir", help="directory with the CSV files (default: $C2C_DATA_DIR, else data/)")
    parser.add_argument("--dry-run", action="store_true", help="print what would change; change nothing")
    parser.add_argument("--sheet", help="the xlsx sheet to read (default: the first)")
    parser.add_argument("--adopted", type=int, help="the official number of projects adopted that year")
    parser.add_argument("--online", action="store_true", help="also ask Nominatim for places the gazetteer lacks")
    return parser


def main(argv: Sequence[str] | None = None, geocoders: GeocoderFactory = default_geocoders,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_INVALID if exc.code else EXIT_OK
    if not schema.MIN_FISCAL_YEAR <= args.fiscal_year <= schema.MAX_FISCAL_YEAR:
        print(f"error: --fiscal-year {args.fiscal_year} is out of range "
              f"({schema.MIN_FISCAL_YEAR} to {schema.MAX_FISCAL_YEAR})", file=err)
        return EXIT_INVALID
    if args.adopted is not None and args.adopted < 0:
        print("error: --adopted must be 0 or more", file=err)
        return EXIT_INVALID
    data_dir = resolve_data_dir(args.data_dir)
    try:
        dataset = load_dataset(data_dir)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        print("the data directory must validate before an import (python -m c2c validate)", file=err)
        return EXIT_INVALID
    plan = make_plan(dataset, args.file, args.fiscal_year, args.source, args.sheet, args.adopted,
                     geocoders(args.online))
    if not plan.problems and not plan.projects and plan.adopted is None:
        plan.problems.append(Problem(args.file.name, None, None, "nothing to import"))
    if not plan.problems:
        try:
            contents = new_file_contents(data_dir, plan)
        except DataError as exc:
            plan.problems.extend(exc.problems)
        else:
            after = check_new_directory(data_dir, contents)
            plan.problems.extend(Problem(p.file, p.line, p.column, f"after the import: {p.message}") for p in after)
    if plan.problems:
        for problem in plan.problems:
            print(problem, file=err)
        print(f"{len(plan.problems)} problem(s); nothing was changed", file=err)
        return EXIT_INVALID
    report(dataset, plan, out, args.dry_run)
    if args.dry_run:
        print("dry run: nothing was changed", file=out)
        return EXIT_OK
    try:
        replace_all(data_dir, contents)
    except OSError as exc:
        print(f"error: {exc.filename or data_dir}: {exc.strerror or exc}; nothing was changed", file=err)
        return EXIT_INVALID
    print(f"wrote {', '.join(sorted(contents))} in {data_dir}; run python -m c2c validate to check", file=out)
    return EXIT_OK

