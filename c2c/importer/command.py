"""The command line of ``python -m c2c import``: arguments, the report of what changes, exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from c2c.core import schema, values
from c2c.core.csvio import DataError, Problem
from c2c.core.dataset import Dataset, load_dataset, resolve_data_dir
from c2c.importer.matching import default_geocoders
from c2c.importer.plan import Plan, make_plan
from c2c.importer.writing import check_new_directory, new_file_contents, replace_all
from geo.backends import Geocoder

DESCRIPTION = "Add a fiscal year's adoption list to the data: ``python -m c2c import``."
EXIT_OK = 0
EXIT_INVALID = 2

GeocoderFactory = Callable[[bool], list[Geocoder]]


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
    parser = argparse.ArgumentParser(prog="python -m c2c import", description=DESCRIPTION)
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
    if args.adopted is not None:
        _, error = values.parse(schema.FISCAL_YEARS.column("adopted_official"), str(args.adopted))
        if error:  # the same rule as fiscal_years.csv's column, before anything is read
            print(f"error: --adopted: {error}", file=err)
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
    stamps: dict[str, tuple[int, int, int, int]] = {}
    if not plan.problems:
        try:
            contents = new_file_contents(data_dir, plan, stamps)
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
        replace_all(data_dir, contents, stamps)
    except OSError as exc:
        print(f"error: {exc.filename or data_dir}: {exc.strerror or exc}; nothing was changed", file=err)
        return EXIT_INVALID
    print(f"wrote {', '.join(sorted(contents))} in {data_dir}; run python -m c2c validate to check", file=out)
    return EXIT_OK
