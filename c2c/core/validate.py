"""Validation of the data directory against the contract in :mod:`c2c.core.schema`.

Every problem is reported as ``file:line: column: what is wrong`` and validation never stops at the first one:
a person fixing a file in Excel wants the whole list at once. Parsed, typed rows are returned alongside the
problems so that loading does not parse the files a second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from c2c.core import rules, schema, values
from c2c.core.csvio import DataError, Problem, Table, read_table
from c2c.core.schema import Column, FileSpec

TRUE_WORDS = values.TRUE_WORDS
FALSE_WORDS = values.FALSE_WORDS


@dataclass
class ParsedFile:
    spec: FileSpec
    table: Table | None
    records: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@dataclass
class ValidationResult:
    data_dir: Path
    files: dict[str, ParsedFile]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def records(self, filename: str) -> list[dict[str, Any]]:
        return self.files[filename].records

    def lines(self, filename: str) -> list[int]:
        return self.files[filename].lines


# The value rule lives in c2c.core.values (one rule for the validator, the loader, the importer and the app);
# these names are kept for the modules that import them from here.
normalise_number_text = values.normalise_number_text
is_http_url = values.is_http_url


def parse_cell(column: Column, raw: str) -> tuple[Any, str | None]:
    """Return (value, error message or None) for one cell. Empty cells parse to None (or [] for lists)."""
    return values.parse(column, raw)


def _relabel(found: list[Problem], spec: FileSpec) -> list[Problem]:
    """Problems read from ``notes/x.csv`` name the file as the contract does (with its folder)."""
    name = Path(spec.filename).name
    return [replace(p, file=spec.filename) if p.file == name else p for p in found]


def parse_file(data_dir: Path, spec: FileSpec, problems: list[Problem]) -> ParsedFile:
    if spec.optional_file and not (data_dir / spec.filename).exists():
        return ParsedFile(spec, None)
    try:
        table = read_table(data_dir / spec.filename)
    except DataError as exc:
        problems.extend(_relabel(exc.problems, spec))
        return ParsedFile(spec, None)
    table.row_problems[:] = _relabel(table.row_problems, spec)
    parsed = ParsedFile(spec, table)
    missing = [name for name in spec.required_columns if name not in table.header]
    for name in missing:
        problems.append(Problem(spec.filename, 1, name, "required column is missing from the header"))
    if missing:
        return parsed  # every row would be misread: the header is the one thing to fix
    problems.extend(table.row_problems)
    if not table.rows and not table.row_problems:
        problems.append(Problem(spec.filename, None, None, "file has a header but no rows"))
    # Every column of the contract, present or not: a missing optional column (the header was checked above for
    # the required ones) reads as empty cells, so everything downstream can rely on it existing.
    columns = list(spec.columns)
    seen_keys: dict[Any, int] = {}
    for row, line in zip(table.rows, table.line_numbers):
        record: dict[str, Any] = {}
        not_geocoded = spec is schema.CITIES and not row.get("lat", "").strip() and not row.get("lon", "").strip()
        if not_geocoded:
            problems.append(Problem(spec.filename, line, "lat",
                                    "no coordinates yet (fill them with `python -m c2c.geocode`, or type them in)"))
        for column in columns:
            value, error = parse_cell(column, row.get(column.name, ""))
            if error:
                problems.append(Problem(spec.filename, line, column.name, error))
            elif column.required and (value is None or value == []):
                if not (not_geocoded and column.name in ("lat", "lon", "geo_source")):
                    problems.append(Problem(spec.filename, line, column.name, "required value is empty"))
            record[column.name] = value
        for name in table.header:  # columns beyond the contract are kept as text
            if name not in record:
                record[name] = row.get(name, "")
        if spec.key and record.get(spec.key) is not None:
            key = record[spec.key]
            if key in seen_keys:
                problems.append(Problem(spec.filename, line, spec.key,
                                        f"duplicate {spec.key} {key!r} (first on line {seen_keys[key]})"))
            else:
                seen_keys[key] = line
        parsed.records.append(record)
        parsed.lines.append(line)
    return parsed


def check_cross_references(files: dict[str, ParsedFile], problems: list[Problem]) -> None:
    countries = files[schema.COUNTRIES.filename]
    cities = files[schema.CITIES.filename]
    projects = files[schema.PROJECTS.filename]
    country_codes = {r["code"] for r in countries.records if r.get("code")}
    if countries.table is not None:
        for record, line in zip(cities.records, cities.lines):
            code = record.get("country_code")
            if code and code not in country_codes:
                problems.append(Problem(cities.spec.filename, line, "country_code",
                                        f"country {code!r} is not defined in countries.csv"))
    sides = {r["id"]: r.get("side") for r in cities.records if r.get("id")}
    if cities.table is None:
        return
    for record, line in zip(projects.records, projects.lines):
        for column, expected in (("jp_ids", "japan"), ("partner_ids", "partner")):
            for place_id in record.get(column) or []:
                if place_id not in sides:
                    problems.append(Problem(projects.spec.filename, line, column,
                                            f"unknown id {place_id!r} (not in cities.csv)"))
                elif sides[place_id] != expected:
                    problems.append(Problem(projects.spec.filename, line, column,
                                            f"{place_id!r} is on side {sides[place_id]!r} in cities.csv, "
                                            f"expected {expected!r}"))
        evidence = record.get("evidence")
        year = record.get("fiscal_year")
        if evidence == "participation_list" and year is not None:
            problems.append(Problem(projects.spec.filename, line, "fiscal_year",
                                    "a participation_list row has no fiscal year; use listed or narrative for a dated row"))
        if evidence in ("listed", "narrative") and year is None:
            problems.append(Problem(projects.spec.filename, line, "fiscal_year",
                                    "fiscal year is empty; only participation_list rows may be undated"))


def check_source_references(files: dict[str, ParsedFile], problems: list[Problem]) -> None:
    """Every cited source exists; a mirror names the original it copies, and only a mirror does."""
    sources = files[schema.SOURCES.filename]
    if sources.table is None:
        return
    kinds = {r["id"]: r.get("kind") for r in sources.records if r.get("id")}
    for record, line in zip(sources.records, sources.lines):
        original = record.get("mirror_of")
        if record.get("kind") == "mirror" and not original:
            problems.append(Problem(sources.spec.filename, line, "mirror_of",
                                    "a mirror must name the id of the original it copies"))
        elif original and record.get("kind") != "mirror":
            problems.append(Problem(sources.spec.filename, line, "mirror_of",
                                    f"only a mirror copies an original (kind is {record.get('kind')!r})"))
        elif original and original not in kinds:
            problems.append(Problem(sources.spec.filename, line, "mirror_of",
                                    f"unknown source id {original!r} (not in sources.csv)"))
        elif original and kinds[original] == "mirror":
            problems.append(Problem(sources.spec.filename, line, "mirror_of",
                                    f"{original!r} is itself a mirror; name the original publication"))
    for spec in schema.ALL_FILES:
        parsed = files[spec.filename]
        for column in (c.name for c in spec.columns if c.kind == "source_refs"):
            for record, line in zip(parsed.records, parsed.lines):
                for ref in schema.split_list(record.get(column) or ""):
                    source_id, _ = schema.split_source_ref(ref)
                    if schema.SOURCE_REF_PATTERN.match(ref) and source_id not in kinds:
                        problems.append(Problem(spec.filename, line, column,
                                                f"unknown source id {source_id!r} (not in sources.csv)"))


def check_notes(files: dict[str, ParsedFile], problems: list[Problem]) -> None:
    """The evidence notes explain every evidence level, once each."""
    notes = files[schema.NOTES_EVIDENCE.filename]
    if notes.table is None:
        return
    missing = [level for level in schema.EVIDENCE_LEVELS if level not in {r.get("evidence") for r in notes.records}]
    if missing:
        problems.append(Problem(notes.spec.filename, None, "evidence",
                                f"no meaning for evidence level(s) {', '.join(missing)}"))


def validate_data_dir(data_dir: str | Path) -> ValidationResult:
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        problems.append(Problem(str(data_dir), None, None, "data directory not found"))
        return ValidationResult(data_dir, {}, problems)
    files = {spec.filename: parse_file(data_dir, spec, problems) for spec in schema.ALL_FILES}
    check_cross_references(files, problems)
    check_source_references(files, problems)
    check_notes(files, problems)
    rules.check_rules(files, problems)  # the link rule and the data's version (c2c/core/rules.py)
    problems.sort(key=lambda p: ([s.filename for s in schema.ALL_FILES].index(p.file)
                                 if p.file in [s.filename for s in schema.ALL_FILES] else 99, p.line or 0))
    return ValidationResult(data_dir, files, problems)
