"""The rules that cross rows and files beyond the column types: what may become a line, and the data's version.

**The link rule** (data/README.md, "What becomes a line"): a row of ``projects.csv`` is drawn, so it must name the
source that names both sides for its fiscal year (``pair_source``; a row that cites a single source names it by
citing it). Everything else that is known is a row of ``notes/unlinked.csv`` with its kind and its reason in both
languages, and an unlinked pairing is never also a link of the same fiscal year: a contradicted row, a derived
pairing or a weak lead cannot be drawn, whatever its evidence level.

**The version rule**: ``version.csv`` says the date the data is as of, ``changelog.csv`` what changed and why; the
latest change has that date.

Every problem is a :class:`~c2c.core.csvio.Problem` (``file:line: column: what is wrong``), like the rest of
validation (:mod:`c2c.core.validate`, which calls :func:`check_rules`).
"""

from __future__ import annotations

import re
from typing import Any

from c2c.core import schema
from c2c.core.csvio import Problem

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def effective_pair_source(record: dict[str, Any]) -> list[str]:
    """The references that name both sides of a project row: ``pair_source``, else the row's only source."""
    named = schema.split_list(_text(record.get("pair_source")))
    if named:
        return named
    cited = schema.split_list(_text(record.get("source")))
    return cited if len(cited) == 1 else []


def _pairs(record: dict[str, Any]) -> set[tuple[str, str]]:
    return {(j, p) for j in record.get("jp_ids") or [] for p in record.get("partner_ids") or []}


def check_pair_sources(projects, problems: list[Problem]) -> None:
    """Every drawn row says which of its sources names both sides for the fiscal year."""
    name = projects.spec.filename
    for record, line in zip(projects.records, projects.lines):
        cited = schema.split_list(_text(record.get("source")))
        named = schema.split_list(_text(record.get("pair_source")))
        if not named and len(cited) > 1:
            problems.append(Problem(name, line, "pair_source",
                                    f"the row cites {len(cited)} sources: name the one(s) that name both sides for "
                                    "the fiscal year (the link rule, data/README.md)"))
        for ref in named:
            if ref not in cited:
                problems.append(Problem(name, line, "pair_source",
                                        f"{ref!r} is not one of the row's sources ({'; '.join(cited) or 'none'})"))
        if record.get("evidence") == "participation_list" and named and not all(
                schema.split_source_ref(ref)[1] == "list" for ref in named):
            problems.append(Problem(name, line, "pair_source",
                                    "a participation_list row rests on the participation list (a '#list' reference)"))
        if record.get("title_status") == "paraphrase" and not (_text(record.get("title_ja"))
                                                               or _text(record.get("title_en"))):
            problems.append(Problem(name, line, "title_status", "a paraphrase needs a title"))


def check_unlinked(files, problems: list[Problem]) -> None:
    """Unlinked rows: their reason in both languages, their places known, and never also drawn."""
    unlinked = files[schema.NOTES_UNLINKED.filename]
    projects = files[schema.PROJECTS.filename]
    cities = files[schema.CITIES.filename]
    if unlinked.table is None:
        return
    name = unlinked.spec.filename
    sides = {r["id"]: r.get("side") for r in cities.records if r.get("id")} if cities.table is not None else None
    drawn: dict[tuple[int, str, str], tuple[str, int]] = {}
    for record, line in zip(projects.records, projects.lines):
        year = record.get("fiscal_year")
        for jp, partner in _pairs(record):
            drawn.setdefault((year, jp, partner), (_text(record.get("project_id")), line))
    for record, line in zip(unlinked.records, unlinked.lines):
        kind = record.get("kind")
        for column in ("notes", "notes_ja"):
            if not _text(record.get(column)):
                problems.append(Problem(name, line, column, "say why the row is not a link "
                                        + ("in English" if column == "notes" else "in Japanese")))
        if kind == "contradicted" and not _text(record.get("contradicted_by")):
            problems.append(Problem(name, line, "contradicted_by", "a contradicted row names the sources that "
                                    "contradict it"))
        if kind != "contradicted" and _text(record.get("contradicted_by")):
            problems.append(Problem(name, line, "contradicted_by", f"only a contradicted row has this (kind is {kind!r})"))
        if kind == "one_sided" and record.get("jp_ids") and record.get("partner_ids"):
            problems.append(Problem(name, line, "partner_ids", "a one_sided row names one side only; with both sides "
                                    "named it is a derived_pairing, weak or contradicted row"))
        if sides is not None:
            for column, expected in (("jp_ids", "japan"), ("partner_ids", "partner")):
                for place_id in record.get(column) or []:
                    if place_id not in sides:
                        problems.append(Problem(name, line, column, f"unknown id {place_id!r} (not in cities.csv)"))
                    elif sides[place_id] != expected:
                        problems.append(Problem(name, line, column, f"{place_id!r} is on side {sides[place_id]!r} in "
                                                f"cities.csv, expected {expected!r}"))
        year = record.get("fiscal_year")
        for jp, partner in sorted(_pairs(record)):
            if (year, jp, partner) in drawn:
                project_id, project_line = drawn[(year, jp, partner)]
                problems.append(Problem(projects.spec.filename, project_line, "partner_ids",
                                        f"FY{year} {jp}–{partner} is known but unlinked ({kind}, {name} line {line}): "
                                        f"a {kind} pairing is never drawn; remove it from {project_id!r} or from "
                                        f"{name}"))


def check_line_basis(files, problems: list[Problem]) -> None:
    """Each note on a line's basis belongs to a drawn line of its project."""
    basis = files[schema.NOTES_LINE_BASIS.filename]
    projects = files[schema.PROJECTS.filename]
    if basis.table is None:
        return
    pairs = {_text(r.get("project_id")): _pairs(r) for r in projects.records}
    seen: dict[tuple[str, str, str], int] = {}
    for record, line in zip(basis.records, basis.lines):
        key = (_text(record.get("project_id")), _text(record.get("jp_id")), _text(record.get("partner_id")))
        if key[0] not in pairs:
            problems.append(Problem(basis.spec.filename, line, "project_id", f"unknown project {key[0]!r} "
                                    "(not in projects.csv)"))
        elif (key[1], key[2]) not in pairs[key[0]]:
            problems.append(Problem(basis.spec.filename, line, "partner_id", f"{key[1]}–{key[2]} is not a line of "
                                    f"{key[0]!r}"))
        if key in seen:
            problems.append(Problem(basis.spec.filename, line, "partner_id", f"duplicate of line {seen[key]}"))
        seen.setdefault(key, line)


def check_version(files, problems: list[Problem]) -> None:
    """version.csv holds one full date, and the latest change of changelog.csv has that date."""
    version = files[schema.VERSION.filename]
    changelog = files[schema.CHANGELOG.filename]
    if version.table is None and changelog.table is None:
        return  # a data directory without a version (an older copy, a test's): nothing to compare
    for present, absent in ((version, changelog), (changelog, version)):
        if present.table is not None and absent.table is None:
            problems.append(Problem(absent.spec.filename, None, None,
                                    f"missing: {present.spec.filename} needs {absent.spec.filename} beside it"))
            return
    for record, line in zip(version.records, version.lines):
        if record.get("as_of") and not FULL_DATE.match(record["as_of"]):
            problems.append(Problem(version.spec.filename, line, "as_of", f"{record['as_of']!r} is not a full date "
                                    "(YYYY-MM-DD)"))
    if len(version.records) > 1:
        problems.append(Problem(version.spec.filename, version.lines[1], None, "only one row: the data's as-of date"))
    dates = []
    for record, line in zip(changelog.records, changelog.lines):
        if record.get("date") and not FULL_DATE.match(record["date"]):
            problems.append(Problem(changelog.spec.filename, line, "date", f"{record['date']!r} is not a full date "
                                    "(YYYY-MM-DD)"))
        elif record.get("date"):
            dates.append((record["date"], line))
    as_of = version.records[0].get("as_of") if version.records else None
    if dates and as_of and max(dates)[0] != as_of:
        latest, line = max(dates)
        problems.append(Problem(version.spec.filename, version.lines[0], "as_of",
                                f"the data is as of {as_of}, but the latest change in {changelog.spec.filename} "
                                f"(line {line}) is dated {latest}: they must be the same date"))


def check_rules(files: dict[str, Any], problems: list[Problem]) -> None:
    projects = files.get(schema.PROJECTS.filename)
    if projects is not None and projects.table is not None:
        check_pair_sources(projects, problems)
        check_line_basis(files, problems)
        check_unlinked(files, problems)
    check_version(files, problems)
