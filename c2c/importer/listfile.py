"""Reading an adoption list (xlsx or CSV) and mapping its Japanese or English headers to our columns."""

from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from c2c.core.csvio import DataError, Problem, check_unchanged, decode_bytes, parse_table_text, read_snapshot

# A list is a few hundred rows (the programme adopts dozens of projects a year; an xlsx of that is ~50 kB, a CSV
# ~200 kB). Far beyond that is refused before it is read whole: a 300 MB list once ran for 150 s and 1.2 GB.
MAX_LIST_BYTES = 5_000_000
MAX_LIST_ROWS = 2_000
MAX_LIST_COLUMNS = 50  # columns read from a sheet; a list has eight
MAX_SHEET_ROWS = 20_000  # rows walked in a sheet, empty ones included
MAX_XLSX_UNPACKED = 50_000_000
LIMIT_NOTE = "an adoption list has a few hundred rows"
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error)

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


@dataclass
class InputRow:
    line: int
    cells: dict[str, str]


def read_rows(path: Path, sheet: str | None) -> tuple[list[str], list[InputRow]]:
    """Header and rows (with the line or sheet row number a person sees) of an xlsx or CSV file.

    The file is read once, whole, into memory within MAX_LIST_BYTES (its size is checked before reading), and
    parsed from that copy; a file that changed while it was read, or between the read and the end of parsing (a
    person saving it during the import), is refused rather than imported half old, half new."""
    label = path.name
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".csv"):
        raise DataError([Problem(label, None, None, "expected an .xlsx or .csv file")])
    data, stamp = read_snapshot(path, MAX_LIST_BYTES, limit_note=LIMIT_NOTE)
    if path.suffix.lower() == ".csv":
        header, rows = _parse_csv(data, path)
    else:
        header, rows = _parse_xlsx(data, label, sheet)
    check_unchanged(path, stamp)
    return header, rows


def _parse_csv(data: bytes, path: Path) -> tuple[list[str], list[InputRow]]:
    text, encoding = decode_bytes(data, path.name)
    table = parse_table_text(text, path, encoding)
    if table.row_problems:
        raise DataError(table.row_problems)
    _check_row_count(len(table.rows), path.name)
    return table.header, [InputRow(line, row) for row, line in zip(table.rows, table.line_numbers)]


def _check_row_count(rows: int, label: str) -> None:
    if rows > MAX_LIST_ROWS:
        raise DataError([Problem(label, None, None, f"has more than {MAX_LIST_ROWS:,} rows, the limit for an "
                                                    f"adoption list ({LIMIT_NOTE})")])


def _unreadable(label: str, exc: BaseException) -> DataError:
    if isinstance(exc, ZIP_ERRORS):  # a workbook cut short: the file was being written when it was read
        return DataError([Problem(label, None, None, f"the file is incomplete or changed while it was read "
                                                     f"({type(exc).__name__}); was it being saved? try again "
                                                     "once it is saved")])
    return DataError([Problem(label, None, None, f"cannot be read as an Excel workbook ({type(exc).__name__})")])


def _parse_xlsx(data: bytes, label: str, sheet: str | None) -> tuple[list[str], list[InputRow]]:
    from openpyxl import load_workbook  # only needed for spreadsheets

    try:  # a few kB of zip can unpack to gigabytes: check what the members say they hold before opening them
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except Exception as exc:
        raise _unreadable(label, exc) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise DataError([Problem(label, None, None, f"unpacks to {unpacked / 1e6:.0f} MB, more than the "
                                                    f"{MAX_XLSX_UNPACKED / 1e6:.0f} MB limit ({LIMIT_NOTE})")])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any unreadable workbook is one clear message, never a traceback
        raise _unreadable(label, exc) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError([Problem(label, None, None,
                                      f"no sheet named {sheet!r} (sheets: {', '.join(book.sheetnames)})")])
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows, filled = [], 0
        for values in worksheet.iter_rows(values_only=True, max_col=MAX_LIST_COLUMNS):
            rows.append(values)
            filled += any(v is not None and str(v).strip() for v in values)
            _check_row_count(filled - 1, label)
            if len(rows) > MAX_SHEET_ROWS:  # formatted but empty rows still cost time to walk
                raise DataError([Problem(label, None, None, f"has more than {MAX_SHEET_ROWS:,} rows (most of "
                                                            f"them empty?); the limit is {MAX_LIST_ROWS:,} "
                                                            f"filled rows ({LIMIT_NOTE})")])
    except DataError:
        raise
    except Exception as exc:
        raise _unreadable(label, exc) from None
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
