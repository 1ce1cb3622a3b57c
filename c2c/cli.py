"""Command line: ``python -m c2c validate|stats|export|geocode|import``.

Exit codes: 0 success; 2 invalid data or invalid arguments (one ``file:line: column: problem`` line each);
1 a bug of ours. Users never see a traceback: every expected failure is turned into a message, and an unexpected
one into a line that says it is a bug (``C2C_TRACEBACK=1`` prints the traceback for whoever fixes it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence

from c2c.core.dataset import DataError, load_dataset, resolve_data_dir
from c2c.core.selection import Selection, SelectionError, parse_fiscal_year, parse_selection_codes
from c2c.core.stats import compute_stats
from c2c.core.validate import validate_data_dir

EXIT_OK = 0
EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits with 2 too, but keep the wording ours
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", help="directory with the CSV files (default: $C2C_DATA_DIR, else data/)")


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fiscal-year", default="all", help="FY, A-B or all (default: all)")
    parser.add_argument("--country", default="", help="comma-separated ISO country codes, e.g. VN,ID")
    parser.add_argument("--jp", default="", help="comma-separated Japanese participant ids, e.g. jp-toyama")
    parser.add_argument("--place", default="", help="one place id, e.g. jp-kitakyushu: its links only "
                                                    "(with --format pdf: that place's profile sheet)")
    parser.add_argument("--pair", default="", help="JP~PARTNER, e.g. jp-toyama~cl-renca: that pair's links only "
                                                   "(with --format pdf: the pair's profile sheet)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m c2c", description="C2C Atlas data tools")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("geocode", help="fill in missing coordinates in cities.csv (see: python -m c2c geocode --help)",
                        add_help=False)
    commands.add_parser("import", help="add a fiscal year's adoption list (see: python -m c2c import --help)",
                        add_help=False)
    validate = commands.add_parser("validate", help="check the CSV files against the data contract")
    _add_data_dir(validate)
    stats = commands.add_parser("stats", help="the dashboard's numbers for a selection")
    _add_data_dir(stats)
    _add_selection(stats)
    stats.add_argument("--json", action="store_true", help="print JSON (the default output is also JSON)")
    export = commands.add_parser("export", help="export the selection as a slide PNG, a PowerPoint deck, "
                                                "standalone HTML, CSV, an Excel workbook or GeoJSON, or a "
                                                "profile's A4 sheet (pdf with --place, --pair or --country)")
    _add_data_dir(export)
    _add_selection(export)
    export.add_argument("--format", required=True, choices=("png", "html", "csv", "pptx", "xlsx", "geojson", "pdf"))
    export.add_argument("--base-url", default="http://localhost:8501/",
                        help="pdf: the app's address, for the page URL printed on the sheet (default: %(default)s)")
    export.add_argument("--aspect", default="16:9", choices=("16:9", "4:3"),
                        help="slide shape for png and pptx: 16:9 (1920x1080) or 4:3 (1440x1080); default 16:9")
    export.add_argument("--per", default="country", choices=("country", "year"),
                        help="pptx: one slide per selected country or per fiscal year (default: country)")
    export.add_argument("--out", required=True, help="output file")
    export.add_argument("--lang", default="ja", choices=("ja", "en"))
    return parser


def selection_from_args(args: argparse.Namespace, dataset) -> Selection:
    """The selection the options describe, read like the app reads its URL (c2c.core.selection): an unknown
    country, municipality or year is refused, never silently dropped."""
    place, jp = getattr(args, "place", ""), args.jp
    pair = getattr(args, "pair", "")
    if pair:  # a pair is the links of one municipality with one partner place: jp=J and place=P
        from c2c.report.profile import ProfileError, parse_pair

        if place or jp:
            raise SelectionError("--pair: give either --pair or --jp/--place, not both")
        try:
            jp, _, place = parse_pair(pair, dataset).code.partition("~")
        except ProfileError as exc:
            raise SelectionError(f"--pair: {exc}") from exc
    codes = {"fy": "" if args.fiscal_year == "all" else args.fiscal_year, "country": args.country, "jp": jp,
             "place": place}
    selection, bad = parse_selection_codes(codes, dataset)
    if "fy" in bad:
        parse_fiscal_year(args.fiscal_year)  # raises with the precise reason
    if place and "," in place:
        bad["place"] = place
    if bad:
        option = {"fy": "--fiscal-year", "country": "--country", "jp": "--jp", "place": "--place"}
        raise SelectionError("; ".join(f"{option[key]}: unknown or invalid value(s): {value}"
                                       for key, value in bad.items()))
    return selection


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    result = validate_data_dir(data_dir)
    if not result.ok:
        _print_problems(result.problems)
        print(f"{len(result.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return EXIT_INVALID
    counts = {name: len(parsed.records) for name, parsed in result.files.items()}
    dataset = load_dataset(data_dir)
    print(f"OK: {data_dir}: {counts['cities.csv']} places, {counts['countries.csv']} countries, "
          f"{counts['projects.csv']} project rows ({len(dataset.links)} links), "
          f"{counts['fiscal_years.csv']} fiscal years")
    return EXIT_OK


def _load_and_select(args: argparse.Namespace):
    dataset = load_dataset(args.data_dir)
    return dataset, selection_from_args(args, dataset)


def run_stats(args: argparse.Namespace) -> int:
    dataset, selection = _load_and_select(args)
    print(json.dumps(compute_stats(dataset, selection), ensure_ascii=False, indent=2, sort_keys=True))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from c2c import export as exports  # imported lazily: matplotlib is only needed here

    dataset, selection = _load_and_select(args)
    if args.format == "pdf":
        return _export_sheet(args, dataset, selection)
    path = exports.export(dataset, selection, fmt=args.format, out=args.out, lang=args.lang, aspect=args.aspect,
                          per=args.per)
    print(f"wrote {path}")
    return EXIT_OK


def _export_sheet(args: argparse.Namespace, dataset, selection: Selection) -> int:
    """``--format pdf``: the profile sheet of --pair, else --place, else the one --country; the other options
    filter it as the sidebar does on the page."""
    from urllib.parse import urlencode

    from c2c.export.sheet import export_sheet
    from c2c.report.profile import ProfileError

    if args.pair:
        kind, code = "pair", args.pair
    elif args.place:
        kind, code = "place", args.place
    elif len(selection.countries) == 1:
        kind, code = "country", selection.countries[0]
    else:
        raise SelectionError("--format pdf needs --place ID, --pair JP~PARTNER or one --country CC")
    codes = {key: value for key, value in {"pair" if kind == "pair" else kind: code, "fy": args.fiscal_year if
                                           args.fiscal_year != "all" else "", "lang": args.lang if args.lang != "ja"
                                           else ""}.items() if value}
    url = args.base_url.rstrip("/") + "/profile?" + urlencode(codes)
    try:
        path = export_sheet(dataset, kind, code, selection, out=args.out, lang=args.lang, page_url=url)
    except ProfileError as exc:
        raise SelectionError(str(exc)) from exc
    print(f"wrote {path}")
    return EXIT_OK


EXIT_BUG = 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(argv)
    except Exception as exc:  # a bug of ours: one line saying so, not a traceback in the user's terminal
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        print("this is a bug in the C2C Atlas, not in your data; please report it with the command you ran "
              "(set C2C_TRACEBACK=1 to print the details)", file=sys.stderr)
        if os.environ.get("C2C_TRACEBACK"):
            traceback.print_exc()
        return EXIT_BUG


def _run(argv: list[str]) -> int:
    if argv[:1] == ["import"]:  # its own parser (c2c/importer/)
        from c2c import importer

        return importer.main(argv[1:])
    if argv[:1] == ["geocode"]:  # its own parser and exit codes (c2c/geocode.py)
        from c2c import geocode

        return geocode.main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return run_validate(args)
        if args.command == "stats":
            return run_stats(args)
        return run_export(args)
    except DataError as exc:
        _print_problems(exc.problems)
        return EXIT_INVALID
    except SelectionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # `stats | head`: the reader has gone, which is no error of ours
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not fail on the closed pipe again."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):  # ValueError: stdout is not a real file (a test's capture)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
