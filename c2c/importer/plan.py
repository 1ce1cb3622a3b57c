"""The plan of an import: the project rows, new places, a new source and the adopted count that an adoption list
adds, or the problems that stop it (each ``FILE:ROW: column: what is wrong``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from c2c.core import values
from c2c.core.csvio import DataError, Problem
from c2c.core.dataset import Dataset
from c2c.core.schema import Column
from c2c.core.values import is_http_url
from c2c.importer.listfile import HEADERS, REQUIRED, map_headers, read_rows
from c2c.importer.matching import JAPANESE, Matcher, NewPlace, _slug, _unique_id, geocode_place, name_keys
from geo.backends import Geocoder
from geo.gazetteer import normalise_name

MULTI_SEPARATORS = re.compile(r"[;；、,，\n]+")
LIST_CELL = Column("cell")  # every cell of a list is text; the matching and the final validation do the rest


@dataclass
class Plan:
    fiscal_year: int
    projects: list[dict[str, str]] = field(default_factory=list)
    places: list[NewPlace] = field(default_factory=list)
    source: dict[str, str] | None = None  # a sources.csv row to add
    new_pairs: list[tuple[str, str]] = field(default_factory=list)
    adopted: tuple[int | None, int] | None = None  # (before, after)
    problems: list[Problem] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [part.strip() for part in MULTI_SEPARATORS.split(value or "") if part.strip()]


def _ja_en(text: str) -> tuple[str, str]:
    """Text goes into the _ja column when it contains Japanese, else into _en (never translated)."""
    return (text, "") if JAPANESE.search(text) else ("", text)


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

        # the data's value rule for text (c2c/core/values.py): no control or bidi-override characters
        unfit = [(column, error) for column, text in cell.items() if (error := values.parse(LIST_CELL, text)[1])]
        for column, error in unfit:
            problem(column, error)
        if unfit:
            continue
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
