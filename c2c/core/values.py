"""The value types of the data contract: what a cell of each kind may hold, and the typed value it stands for.

One rule for every value. The schema (:mod:`c2c.core.schema`) names each column's kind; validation, the loader,
the importer and the app all parse cells through :func:`parse`, so a value that passes here is one that every
later step can hold: a count fits a 64-bit integer column, a URL can be split by :mod:`urllib.parse`, a date is
a real day, an id follows the one id rule. A value outside its type is an error message (which the validator
turns into ``file:line: column: problem``), never an exception.

Each kind has a range of its own; a column's ``minimum``/``maximum`` may narrow it, never widen it. A column that
declares no kind is plain text.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

MIN_FISCAL_YEAR = 2013  # the programme began in FY2013 (平成25年度)
MAX_FISCAL_YEAR = 2040
# A count (projects adopted, applications, countries, places): the programme has dozens a year. A much larger
# number is a typing slip, and it must never reach a 64-bit column as 10**30 did (issue #23).
MAX_COUNT = 100_000
# Any other whole number, and the bound on how many digits are read at all (int() of 5,000 digits raises).
MAX_WHOLE = 10**12
_MAX_DIGITS = 15
# A source's date: plausible years only ("0001-01-01" and "9999" are slips).
MIN_DATE_YEAR = 1900
MAX_DATE_YEAR = 2100
MAX_ID_CHARS = 60
MAX_URL_CHARS = 2000
LIST_SEPARATOR = ";"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:(?:-{1,2}|_)[a-z0-9]+)*$")
COUNTRY_CODE_PATTERN = re.compile(r"^[A-Z]{2}$")
# A date as precise as the source gives it: 2022, 2022-09 or 2022-09-13.
DATE_PATTERN = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
# A source reference: a sources.csv id, optionally with a locator after '#': a project number in the publication
# ("moe-brochure-fy2022#07"), "list" (the publication's participation list) or a page ("p12").
SOURCE_REF_PATTERN = re.compile(r"^(?P<id>[a-z0-9]+(?:(?:-{1,2}|_)[a-z0-9]+)*)(?:#(?P<locator>\d{1,3}|list|p\d{1,4}))?$")
TRUE_WORDS = frozenset({"true", "yes", "1", "y", "t"})
FALSE_WORDS = frozenset({"false", "no", "0", "n", "f", ""})

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_ASCII_LETTERS = re.compile(r"^[A-Za-z]+$")
# Bidirectional embedding, override and isolate controls: in a name they reverse or reorder how the rest of the
# page reads (U+202E shows "abc" as "cba"), so a data cell may not carry them (issue #14, item 12).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters other than tab and line breaks: invisible, and an escape sequence (U+001B) in a
# name would reach a terminal as a command when the CLI prints it.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that RFC 3986 never allows unencoded in an address, and that would end an HTML attribute.
_URL_FORBIDDEN = re.compile(r"[\s\"<>`\\\x00-\x1f\x7f]")

Result = tuple[Any, "str | None"]


class ColumnLike(Protocol):
    kind: str
    choices: tuple[str, ...]
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class ValueKind:
    """A kind of cell: how its text is read, the range it allows, and the column type the loader gives it."""

    name: str
    read: Callable[[str, ColumnLike], Result]
    frame_type: str = "text"  # text | Int64 | float | bool | list: what the loaded DataFrame column holds
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell into its stripped, non-empty parts."""
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def normalise_number_text(value: str, *, thousands: bool = False) -> str:
    """Full-width digits and signs typed on a Japanese keyboard become ASCII ("２０２２" -> "2022")."""
    text = unicodedata.normalize("NFKC", value).strip().replace("\u2212", "-")
    return text.replace(",", "") if thousands else text


def shown(value: str, limit: int = 60) -> str:
    """A cell quoted in a message: repr() (so invisible characters show), cut to a readable length."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


def id_problem(value: str) -> str | None:
    """The one id rule (place, project and source ids): lower-case ASCII letters and digits joined by '-', '--'
    or '_', at most MAX_ID_CHARS characters."""
    if len(value) > MAX_ID_CHARS:
        return f"{shown(value)} is not a valid id (longer than {MAX_ID_CHARS} characters)"
    if not ID_PATTERN.match(value):
        return f"{shown(value)} is not a valid id (lower-case letters, digits and hyphens)"
    return None


def url_problem(value: str) -> str | None:
    """None for an absolute http(s) address that urllib.parse can split, with a host and a valid port and no
    user name or password in it; else what is wrong with it."""
    text = value.strip()
    if len(text) > MAX_URL_CHARS:
        return f"{shown(text)} is not an http(s) address (longer than {MAX_URL_CHARS} characters)"
    if _URL_FORBIDDEN.search(text):
        return f"{shown(text)} is not an http(s) address (it contains a space, quote, '<', '>' or '\\')"
    try:
        parts = urlsplit(text)
        host, _port = parts.hostname, parts.port  # .port raises ValueError for "x:99999" or "x:abc"
    except ValueError as exc:  # "https://[bad": Invalid IPv6 URL
        return f"{shown(text)} is not an http(s) address ({exc})"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return f"{shown(text)} is not an absolute http(s) address"
    if parts.username is not None or parts.password is not None:
        return f"{shown(text)} is not an http(s) address a source may have (it contains a user name)"
    return None


def is_http_url(text: str) -> bool:
    return url_problem(text) is None


def _range(kind: ValueKind, column: ColumnLike) -> tuple[float | None, float | None]:
    """The column's range within the kind's own: a column may narrow it, never widen it."""
    low = [v for v in (kind.minimum, column.minimum) if v is not None]
    high = [v for v in (kind.maximum, column.maximum) if v is not None]
    return (max(low) if low else None), (min(high) if high else None)


def _out_of_range(what: str, number: float, low: float | None, high: float | None) -> str | None:
    if low is not None and number < low or high is not None and number > high:
        subject = f"{what} {number:g}".strip() if isinstance(number, float) else f"{what} {number}".strip()
        if low == 0 and number < 0:  # a count: "below 0" says what is wrong without the (arbitrary) upper bound
            return f"{subject} is below 0"
        if low is not None and high is not None:
            return f"{subject} is out of range ({low:g} to {high:g})"
        return f"{subject} is below {low:g}" if low is not None else f"{subject} is above {high:g}"
    return None


# ---- the kinds ---------------------------------------------------------------------------------------------------

def _text(value: str, column: ColumnLike) -> Result:
    return value, None


def _id(value: str, column: ColumnLike) -> Result:
    return value, id_problem(value)


def _id_list(value: str, column: ColumnLike) -> Result:
    parts = split_list(value)
    for part in parts:
        problem = id_problem(part)
        if problem:
            return parts, problem
    return parts, None


def _source_refs(value: str, column: ColumnLike) -> Result:
    """Kept as the cell's text; each part checked here, the ids in cross-references."""
    bad = [p for p in split_list(value) if not SOURCE_REF_PATTERN.match(p) or len(p.partition("#")[0]) > MAX_ID_CHARS]
    if bad:
        return value, (f"{shown(bad[0])} is not a source reference (an id from sources.csv, optionally followed by "
                       f"#NN for a project number, #list or #pNN)")
    return value, None


def _date(value: str, column: ColumnLike) -> Result:
    text = normalise_number_text(value)
    if not DATE_PATTERN.match(text):
        return value, f"{shown(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year = int(text[:4])
    if not MIN_DATE_YEAR <= year <= MAX_DATE_YEAR:
        return value, f"{shown(value)} is not a plausible date (years {MIN_DATE_YEAR} to {MAX_DATE_YEAR})"
    if len(text) == 10:
        try:
            datetime.date(year, int(text[5:7]), int(text[8:10]))
        except ValueError:
            return value, f"{shown(value)} is not a day of the calendar"
    return text, None


def _url(value: str, column: ColumnLike) -> Result:
    return value, url_problem(value)


def _country(value: str, column: ColumnLike) -> Result:
    code = unicodedata.normalize("NFKC", value)
    code = code.upper() if _ASCII_LETTERS.match(code) else code  # "ß".upper() is "SS": not a code
    if not COUNTRY_CODE_PATTERN.match(code):
        return code, f"{shown(value)} is not an ISO 3166-1 alpha-2 country code"
    return code, None


def _enum(value: str, column: ColumnLike) -> Result:
    if value not in column.choices:
        return value, f"{shown(value)} is not one of {', '.join(column.choices)}"
    return value, None


def _bool(value: str, column: ColumnLike) -> Result:
    word = unicodedata.normalize("NFKC", value).lower()
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, f"{shown(value)} is not true or false"


def _whole(kind_name: str, what: str) -> Callable[[str, ColumnLike], Result]:
    def read(value: str, column: ColumnLike) -> Result:
        text = normalise_number_text(value, thousands=True)
        if text.upper().startswith("FY"):
            text = text[2:].strip()
        if not _INTEGER.match(text):  # int() would also take "4_5" and "2_022"
            return None, f"{shown(value)} is not a whole number"
        low, high = _range(KINDS[kind_name], column)
        if len(text.lstrip("+-").lstrip("0")) > _MAX_DIGITS:  # before int(): int() of 5,000 digits raises
            return None, f"{what} {shown(value)} is out of range ({low:g} to {high:g})"
        number = int(text)
        return number, _out_of_range(what, number, low, high)
    return read


def _float(value: str, column: ColumnLike) -> Result:
    text = normalise_number_text(value)
    if not _DECIMAL.match(text):  # float() would also take "4_5", "1e-400" (0.0) and "inf"
        if text.lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"):
            return None, f"{shown(value)} is not a finite number"
        return None, f"{shown(value)} is not a number"
    number = float(text)
    if not math.isfinite(number):
        return None, f"{shown(value)} is not a finite number"
    low, high = _range(KINDS["float"], column)
    return number, _out_of_range("", number, low, high)


KINDS: dict[str, ValueKind] = {kind.name: kind for kind in (
    ValueKind("text", _text, description="free text (no control or bidirectional-override characters)"),
    ValueKind("id", _id, description=f"the one id rule, at most {MAX_ID_CHARS} characters"),
    ValueKind("id_list", _id_list, "list", description="';'-separated ids"),
    ValueKind("enum", _enum, description="one of the column's choices"),
    ValueKind("country", _country, description="ISO 3166-1 alpha-2 code"),
    ValueKind("bool", _bool, "bool", description="true/false, yes/no, 1/0"),
    ValueKind("int", _whole("int", "value"), "Int64", -MAX_WHOLE, MAX_WHOLE, description="a whole number"),
    ValueKind("count", _whole("count", "count"), "Int64", 0, MAX_COUNT,
              description=f"a whole number from 0 to {MAX_COUNT:,}"),
    ValueKind("fiscal_year", _whole("fiscal_year", "fiscal year"), "Int64", MIN_FISCAL_YEAR, MAX_FISCAL_YEAR,
              description=f"a Japanese fiscal year, {MIN_FISCAL_YEAR} to {MAX_FISCAL_YEAR}"),
    ValueKind("float", _float, "float", description="a finite decimal number (coordinates: with the column's range)"),
    ValueKind("date", _date, description=f"YYYY, YYYY-MM or YYYY-MM-DD, years {MIN_DATE_YEAR} to {MAX_DATE_YEAR}"),
    ValueKind("url", _url, description="absolute http(s) address that urllib.parse can split"),
    ValueKind("source_refs", _source_refs, description="';'-separated sources.csv ids, each optionally #locator"),
)}


def kind_of(column: ColumnLike) -> ValueKind:
    """The column's kind; a column that declares none (or an empty one) is plain text."""
    return KINDS[column.kind or "text"]


def parse(column: ColumnLike, raw: str) -> Result:
    """(typed value, error message or None) for one cell of ``column``. Empty cells parse to None (or [] for
    lists). Never raises for any text."""
    value = raw.strip()
    control = _BIDI_CONTROLS.search(value)
    if control:
        return value, (f"contains the invisible bidirectional control character U+{ord(control.group(0)):04X}, "
                       "which reorders how text is displayed; remove it")
    control = _CONTROLS.search(value)
    if control:
        return value, f"contains the invisible control character U+{ord(control.group(0)):04X}; remove it"
    kind = kind_of(column)
    if kind.frame_type == "list":
        return kind.read(value, column)
    if value == "":
        return None, None
    return kind.read(value, column)
