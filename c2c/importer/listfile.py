"""Reading an adoption list (xlsx or CSV) and mapping its Japanese or English headers to our columns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from c2c.core.csvio import DataError, Problem, decode_bytes, parse_table_text

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
