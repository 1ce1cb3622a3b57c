"""Reading and writing the hand-edited CSV files.

The CSVs are edited in Excel on Japanese Windows as often as in a text editor, so reading accepts UTF-8, UTF-8
with BOM and CP932, any line ending, and stray whitespace around cells. Every row keeps the physical line number
it started on, so that problems can be reported as ``file:line: column: problem``.

Writing is atomic: the new content goes to a temporary file in the same directory, is flushed to disk and then
renamed over the old file, so a crash or Ctrl-C never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Larger files are refused before parsing: the real tables are a few kB, and a 50 MB paste must not freeze the app.
MAX_FILE_BYTES = int(os.environ.get("C2C_MAX_FILE_BYTES", 20_000_000))
# A table wider than this, or a cell longer than this, is refused while parsing: the real tables have at most 20
# columns and their longest cell is a few hundred characters, and a 15 MB file of 200,000 empty columns must not
# cost seconds and gigabytes (every row becomes a dict of that many cells).
MAX_COLUMNS = 200
MAX_CELL_CHARS = 20_000

@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the input allows."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = self.column if self.column else "-"
        return f"{where}: {column}: {self.message}"


class DataError(Exception):
    """The one error for bad data: a file that cannot be read as a table at all (missing, binary, wrong encoding,
    too large), or a data directory that does not satisfy the contract. ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Table:
    path: Path
    encoding: str
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    # line_numbers[i] is the physical line on which rows[i] starts (the header is line 1).
    line_numbers: list[int] = field(default_factory=list)
    # Rows that could not be split into the header's columns; they are left out of `rows`.
    row_problems: list[Problem] = field(default_factory=list)
    # (device, inode, size, mtime_ns) of the file as read: write_table refuses to replace a file that changed since.
    stamp: tuple[int, int, int, int] | None = None

    @property
    def name(self) -> str:
        return self.path.name


def decode_bytes(raw: bytes, file_label: str) -> tuple[str, str]:
    """Return (text, encoding) for UTF-8, UTF-8 with BOM or CP932 content."""
    if b"\x00" in raw:
        raise DataError([Problem(file_label, None, None, "this is not a text CSV file (it contains NUL bytes)")])
    # The encoding is remembered so that a rewrite keeps the file as it was (BOM or not, CP932 or UTF-8).
    candidates = ("utf-8-sig",) if raw.startswith(b"\xef\xbb\xbf") else ("utf-8", "cp932")
    for encoding in candidates:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DataError([Problem(file_label, None, None, "cannot be decoded as UTF-8 or CP932 (Shift_JIS)")])


CHANGED_WHILE_READ = "the file changed while it was read (was it being saved?); try again once it is saved"


def read_bounded(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`_read_bounded`). With
    ``follow_symlinks=False`` a symbolic link is refused rather than followed (raw downloads serve the data
    directory's own files, never what a link points to)."""
    return _read_bounded(path, limit, follow_symlinks)[0]


def file_stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_snapshot(path: str | os.PathLike[str], limit: int, *,
                  limit_note: str = "") -> tuple[bytes, tuple[int, int, int, int]]:
    """(bytes, stamp) of a file read once, whole, within ``limit`` bytes, and not changed while it was read;
    DataError naming the file otherwise (``limit_note`` says why the limit is what it is). Parse the bytes, then
    call :func:`check_unchanged` to refuse a file that was saved again meanwhile."""
    data, stamp = _read_bounded(path, limit, limit_note=limit_note)
    check_unchanged(path, stamp)
    return data, stamp


def check_unchanged(path: str | os.PathLike[str], stamp: tuple[int, int, int, int]) -> None:
    """DataError if the file at ``path`` is no longer the one that was read (saved in place or replaced)."""
    if _stamp_or_none(Path(path)) != stamp:
        raise DataError([Problem(Path(path).name, None, None, CHANGED_WHILE_READ)])


def _read_bounded(path: str | os.PathLike[str], limit: int, follow_symlinks: bool = True,
                  limit_note: str = "") -> tuple[bytes, tuple[int, int, int, int]]:
    """The bytes of a regular file of at most ``limit`` bytes; DataError (naming the file) for anything else.

    The file is opened without blocking (a FIFO would otherwise hang the reader until a writer appears), then
    checked on the open descriptor: only a regular file is read (not a device such as /dev/zero, a FIFO or a
    directory), and its size is checked before reading. At most ``limit + 1`` bytes are ever read, so a file that
    grows while it is read is refused too; a file whose size or modification time changed during the read (a save
    in place) is refused as changed.
    """
    path = Path(path)
    label = path.name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        if path.is_symlink():
            raise DataError([Problem(label, None, None, "is a symbolic link")])
        flags |= getattr(os, "O_NOFOLLOW", 0)  # and no link swapped in after that check
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise DataError([Problem(label, None, None, "file not found")]) from None
    except OSError as exc:
        raise DataError([Problem(label, None, None, f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError([Problem(label, None, None, "not a regular file")])
        if info.st_size > limit:
            raise DataError([Problem(label, None, None, _too_large(info.st_size, limit, limit_note))])
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise DataError([Problem(label, None, None, _too_large(total, limit, limit_note))])
        if file_stamp(os.fstat(fd)) != file_stamp(info):
            raise DataError([Problem(label, None, None, CHANGED_WHILE_READ)])
        return b"".join(chunks), file_stamp(info)
    except OSError as exc:
        raise DataError([Problem(label, None, None, f"cannot be read: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, note: str = "") -> str:
    return f"file is {size / 1e6:.1f} MB, larger than the {limit / 1e6:.0f} MB limit" + (f" ({note})" if note else "")


def read_table(path: str | os.PathLike[str]) -> Table:
    """Parse a CSV file into a Table of stripped string cells keyed by (stripped) header names."""
    path = Path(path)
    raw, stamp = _read_bounded(path, MAX_FILE_BYTES)
    text, encoding = decode_bytes(raw, path.name)
    table = parse_table_text(text, path, encoding)
    table.stamp = stamp
    return table


def parse_table_text(text: str, path: Path, encoding: str = "utf-8") -> Table:
    label = path.name
    if not text.strip():
        raise DataError([Problem(label, None, None, "file is empty (expected a header line)")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header_cells = next(reader)
    except csv.Error as exc:
        raise DataError([Problem(label, 1, None, f"not valid CSV: {exc}")]) from None
    if len(header_cells) > MAX_COLUMNS:
        raise DataError([Problem(label, 1, None, f"header has {len(header_cells)} columns, more than the "
                                                  f"{MAX_COLUMNS} allowed")])
    header = [cell.strip().lstrip("\ufeff") for cell in header_cells]
    table = Table(path=path, encoding=encoding, header=header)
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.append(Problem(label, 1, None, "a header cell is empty"))
        elif name in seen:
            problems.append(Problem(label, 1, name, "column appears twice in the header"))
        seen.add(name)
    if problems:
        raise DataError(problems)
    while True:
        start_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError([Problem(label, start_line, None, f"not valid CSV: {exc}")]) from None
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are common at the end of Excel exports
        long_cell = next((i for i, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS), None)
        if long_cell is not None:
            column = header[long_cell] if long_cell < len(header) else None
            table.row_problems.append(Problem(label, start_line, column,
                                              f"cell is longer than {MAX_CELL_CHARS} characters"))
            continue
        if len(cells) > len(header):
            # Even empty extra cells are refused: they usually mean an unquoted comma shifted the columns.
            table.row_problems.append(Problem(label, start_line, None,
                                              f"row has {len(cells)} cells but the header has {len(header)} columns "
                                              f"(an unquoted comma?)"))
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        table.rows.append(row)
        table.line_numbers.append(start_line)
    return table


def to_csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in header})
    return buffer.getvalue()


class FileChangedError(OSError):
    """The file was saved by someone else after we read it: writing now would lose their edit."""


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes,
                       unchanged_since: tuple[int, int, int, int] | None = None) -> None:
    """Replace ``path`` with ``data`` so that readers see either the old or the new file, never a mix.

    A symlink is followed: the file it points to is replaced and the link stays a link. With ``unchanged_since``
    (a :func:`file_stamp` taken when the file was read) the write is refused with FileChangedError if the file
    has changed since, checked just before the rename.
    """
    path = Path(os.path.realpath(path))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; the result gets the old file's mode, or a new file's usual mode
        os.chmod(tmp_name, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        if unchanged_since is not None and _stamp_or_none(path) != unchanged_since:
            raise FileChangedError(f"{path.name} was changed by someone else while this ran; not overwritten")
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def current_stamp(path: str | os.PathLike[str]) -> tuple[int, int, int, int] | None:
    """The file's :func:`file_stamp` now, or None if it cannot be seen."""
    return _stamp_or_none(Path(path))


def _stamp_or_none(path: Path) -> tuple[int, int, int, int] | None:
    try:
        return file_stamp(os.stat(path))
    except OSError:
        return None


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8",
                      unchanged_since: tuple[int, int, int, int] | None = None) -> None:
    atomic_write_bytes(path, text.encode(encoding), unchanged_since)


def write_table(table: Table, rows: list[dict[str, str]] | None = None) -> None:
    """Write rows back with the table's own header and encoding (a CP932 file stays CP932). Refused when the
    table has rows that could not be read (they would be lost) or the file changed since it was read."""
    if table.row_problems:
        raise DataError(table.row_problems)
    text = to_csv_text(table.header, table.rows if rows is None else rows)
    atomic_write_text(table.path, text, encoding=table.encoding, unchanged_since=table.stamp)
