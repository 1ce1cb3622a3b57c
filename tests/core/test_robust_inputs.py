"""Issue #14 items 5, 7, 8, 9 and 12: special files, wide files, optional columns, one id rule, strict numbers; issue
#23: one rule for every value, fuzzed per column type of the schema (Hypothesis)."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c2c.cli import main
from c2c.core import csvio, schema, values
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, select_links
from c2c.core.stats import compute_stats
from c2c.core.validate import validate_data_dir
from tests.conftest import MINI_FILES, REPO_ROOT, write_mini_data


def validate(directory, capsys) -> tuple[int, str]:
    code = main(["validate", "--data-dir", str(directory)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def test_a_device_instead_of_a_file_is_refused_at_once(tmp_path):
    directory = write_mini_data(tmp_path / "d")
    (directory / "countries.csv").unlink()
    (directory / "countries.csv").symlink_to("/dev/zero")
    # in a subprocess with 1 GiB of address space and a time limit: the old code read /dev/zero until MemoryError
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
    code = limit + f"import sys; from c2c.cli import main; sys.exit(main(['validate', '--data-dir', {str(directory)!r}]))"
    try:
        result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                                timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("validate keeps reading /dev/zero")
    assert result.returncode == 2 and "countries.csv: -: not a regular file" in result.stderr, result.stderr[-500:]
    assert "Traceback" not in result.stderr


def test_a_fifo_is_refused_without_hanging(tmp_path, capsys):
    directory = write_mini_data(tmp_path / "d")
    (directory / "countries.csv").unlink()
    os.mkfifo(directory / "countries.csv")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(validate(directory, capsys)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader so the test process can end, then fail
        with open(directory / "countries.csv", "w"):
            pass
        pytest.fail("validate hangs on a FIFO")
    code, text = result[0]
    assert code == 2 and "countries.csv: -: not a regular file" in text


def test_the_size_bound_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 1000)
    monkeypatch.setattr(csvio, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(csvio.os, "read", lambda *a: pytest.fail("read before the size check"))
    with pytest.raises(csvio.DataError, match="larger than"):
        csvio.read_table(path)


def test_a_wide_file_is_refused_quickly(tmp_path, capsys):
    header, *rows = MINI_FILES["cities.csv"].splitlines()
    extra = "," * 200_000
    wide = "\n".join([header + extra] + [row + extra for row in rows]) + "\n"
    directory = write_mini_data(tmp_path / "d", {"cities.csv": wide})
    started = time.monotonic()
    code, text = validate(directory, capsys)
    assert code == 2 and "cities.csv:1: -: header has 200011 columns" in text
    assert time.monotonic() - started < 3


def test_a_huge_cell_is_refused_with_its_line(tmp_path, capsys):
    text = MINI_FILES["countries.csv"] + 'XX,"' + "x" * 50_000 + '",Nowhere,false,\n'
    directory = write_mini_data(tmp_path / "d", {"countries.csv": text})
    code, out = validate(directory, capsys)
    assert code == 2 and "countries.csv:6: name_ja: cell is longer than" in out


def test_optional_aliases_column_can_be_dropped(tmp_path, capsys):
    lines = [line.split(",") for line in MINI_FILES["cities.csv"].splitlines()]
    index = lines[0].index("aliases")
    text = "\n".join(",".join(cells[:index] + cells[index + 1:]) for cells in lines) + "\n"
    directory = write_mini_data(tmp_path / "d", {"cities.csv": text})
    code, out = validate(directory, capsys)
    assert code == 0, out
    dataset = load_dataset(directory)
    assert (dataset.cities["aliases"] == "").all()
    from c2c.core.selection import parse_selection_codes
    selection, bad = parse_selection_codes({"q": "Toyama"}, dataset)
    from c2c.core.selection import select_links

    assert not bad and "jp-toyama" in set(select_links(dataset, selection)["jp_id"])


def test_an_id_with_underscore_that_validates_can_be_selected(tmp_path):
    text = MINI_FILES["cities.csv"].replace("jp-toyama", "jp_toyama")
    projects = MINI_FILES["projects.csv"].replace("jp-toyama", "jp_toyama")
    directory = write_mini_data(tmp_path / "d", {"cities.csv": text, "projects.csv": projects})
    dataset = load_dataset(directory)
    from c2c.core.selection import parse_selection_codes, selection_codes  # the one converter (new in #14)

    selection, bad = parse_selection_codes({"jp": "jp_toyama", "place": "jp_toyama"}, dataset)
    assert not bad
    assert selection.jp_ids == ("jp_toyama",) and selection.place_id == "jp_toyama"
    assert parse_selection_codes(selection_codes(selection), dataset)[0] == selection


@pytest.mark.parametrize("value", ["4_5", "2_022", "1e-400", "1e3", "inf", "0x10"])
def test_numbers_python_accepts_but_people_do_not_write_are_refused(tmp_path, capsys, value):
    text = MINI_FILES["cities.csv"].replace("20.86481", value)
    directory = write_mini_data(tmp_path / "d", {"cities.csv": text})
    code, out = validate(directory, capsys)
    assert code == 2 and "cities.csv:4: lat:" in out


@pytest.mark.parametrize("value", ["2_022", "20_22"])
def test_whole_numbers_with_underscores_are_refused(tmp_path, capsys, value):
    text = MINI_FILES["fiscal_years.csv"].replace("2015,16", f"{value},16")
    directory = write_mini_data(tmp_path / "d", {"fiscal_years.csv": text})
    code, out = validate(directory, capsys)
    assert code == 2 and "fiscal_years.csv:2: fiscal_year:" in out


def test_eszett_is_not_a_country_code(tmp_path, capsys):
    text = MINI_FILES["countries.csv"] + "ß,エス,Eszett,false,\n"
    directory = write_mini_data(tmp_path / "d", {"countries.csv": text})
    code, out = validate(directory, capsys)
    assert code == 2 and "countries.csv:6: code: 'ß' is not an ISO 3166-1 alpha-2 country code" in out


def test_export_of_an_unknown_country_is_refused_like_an_unknown_municipality(mini_data, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export", "--data-dir", str(mini_data), "--format", "csv", "--out", str(out), "--country", "ZZ"]) == 2
    assert "--country" in capsys.readouterr().err and not out.exists()
    assert main(["export", "--data-dir", str(mini_data), "--format", "csv", "--out", str(out), "--jp", "jp-nowhere"]) == 2


def test_cli_exports_get_the_usual_file_mode(mini_data, tmp_path):
    out = tmp_path / "x.csv"
    old = os.umask(0o022)
    try:
        assert main(["export", "--data-dir", str(mini_data), "--format", "csv", "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_stats_into_a_closed_pipe_is_quiet(mini_data):
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `stats | head` after head has exited
    try:
        result = subprocess.run([sys.executable, "-m", "c2c", "stats", "--data-dir", str(mini_data)], cwd=REPO_ROOT,
                                stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert "Broken pipe" not in result.stderr and "Traceback" not in result.stderr, result.stderr


# ---- issue #23: one rule for every value, fuzzed per column type ------------------------------------------------

# Any text a cell can hold in a UTF-8 file, NUL aside (a NUL refuses the whole file, tested above).
_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
_ID = st.from_regex(r"\A[a-z0-9]{1,8}(?:(?:-|--|_)[a-z0-9]{1,8}){0,3}\Z")
_DIGITS = st.integers(-10**40, 10**40).map(str)
_NUMBER_TEXT = st.one_of(
    _DIGITS, st.integers(0, 3000).map(str),
    st.integers(0, 3000).map(lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    st.integers(2000, 2045).map(lambda n: f"FY{n}"), st.integers(0, 10**7).map(lambda n: f"{n:,}"),
    st.integers(2**62, 10**40).map(str), st.integers(1, 5000).map(lambda n: "9" * n),
    st.sampled_from(["", " ", "-0", "-1", "+5", "1e3", "4_5", "0x10", "٣", "²", "NaN", "100001"]))
_FLOAT_TEXT = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                        st.floats(-200, 200).map(lambda f: f"{f:.5f}"), st.decimals(allow_nan=False).map(str),
                        _NUMBER_TEXT)
_URL = st.one_of(
    st.builds(lambda scheme, host, rest: f"{scheme}://{host}{rest}",
              st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", ""]),
              st.one_of(st.from_regex(r"\A[a-z0-9.-]{0,20}\Z"), st.sampled_from(["[bad", "[::1]", "x:99999", "u@h",
                                                                                 "h:abc", "[", "]", "例え.jp"])),
              _ANY_TEXT),
    _ANY_TEXT)
_DATE = st.one_of(st.from_regex(r"\A\d{4}(?:-\d{2}(?:-\d{2})?)?\Z"), st.dates().map(str), _ANY_TEXT)


def _ids_joined(ids):
    return st.lists(ids, max_size=3).map(";".join)


def strategy_for(column: schema.Column):
    """Cell text for a column of the schema: mostly near its type (valid and just-invalid), sometimes anything."""
    kind = values.kind_of(column).name
    near = {
        "text": _ANY_TEXT,
        "id": _ID,
        "id_list": _ids_joined(_ID),
        "source_refs": _ids_joined(st.builds(lambda i, loc: i + loc, _ID,
                                             st.sampled_from(["", "#07", "#list", "#p12", "#", "#x", "#1234"]))),
        "enum": st.sampled_from(column.choices or ("",)),
        "country": st.from_regex(r"\A[A-Za-zß]{1,3}\Z"),
        "bool": st.sampled_from(sorted(values.TRUE_WORDS | values.FALSE_WORDS) + ["TRUE", "Yes", "maybe"]),
        "int": _NUMBER_TEXT, "count": _NUMBER_TEXT, "fiscal_year": _NUMBER_TEXT,
        "float": _FLOAT_TEXT,
        "date": _DATE,
        "url": _URL,
    }[kind]
    return st.one_of(near, near, _ANY_TEXT)


_MINI_SPECS = [spec for spec in schema.ALL_FILES if spec.filename in MINI_FILES]
_MINI_COLUMNS = [(spec, column) for spec in _MINI_SPECS for column in spec.columns
                 if column.name in MINI_FILES[spec.filename].partition("\n")[0].split(",")]


@st.composite
def mutated_data(draw, spec: schema.FileSpec | None = None, column: schema.Column | None = None):
    """The mini data set with one row of one file changed, as an editor would change it: in ``column`` (and
    perhaps one more), or in up to three columns of any file."""
    spec = spec or draw(st.sampled_from(_MINI_SPECS))
    header, *rows = list(csv.reader(io.StringIO(MINI_FILES[spec.filename])))
    index = draw(st.integers(0, len(rows) - 1))
    present = [c for c in spec.columns if c.name in header]
    columns = draw(st.lists(st.sampled_from(present), min_size=0 if column else 1, max_size=1 if column else 3,
                            unique_by=lambda c: c.name))
    row = dict(zip(header, rows[index]))
    for changed in ([column] if column else []) + columns:
        row[changed.name] = draw(strategy_for(changed))
    rows[index] = [row[name] for name in header]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return spec.filename, buffer.getvalue()


def check_validates_and_loads_or_names_file_line_and_column(filename: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = write_mini_data(Path(tmp) / "d", {filename: text})
        result = validate_data_dir(directory)
        if result.ok:
            dataset = load_dataset(directory)  # raises nothing: what validates, loads
            compute_stats(dataset, Selection())
            select_links(dataset, Selection(text="a"))
        else:
            for problem in result.problems:
                assert problem.file in MINI_FILES and problem.line is not None and problem.column, str(problem)


@pytest.mark.parametrize(("spec", "column"), _MINI_COLUMNS, ids=[f"{s.filename}:{c.name}" for s, c in _MINI_COLUMNS])
def test_each_column_accepts_and_loads_or_refuses_with_file_line_and_column(spec, column):
    @settings(max_examples=12, deadline=None, database=None)
    @given(mutated_data(spec, column))
    def check(change):
        check_validates_and_loads_or_names_file_line_and_column(*change)

    check()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_data())
def test_any_row_is_accepted_and_loads_or_is_refused_with_file_line_and_column(change):
    check_validates_and_loads_or_names_file_line_and_column(*change)


def test_every_column_of_the_schema_has_a_known_type_and_an_undeclared_one_is_text():
    for spec in schema.ALL_FILES:
        for column in spec.columns:
            assert column.kind in values.KINDS, (spec.filename, column.name, column.kind)
    assert values.kind_of(schema.Column("new_column")).name == "text"
    for name, kind in values.KINDS.items():  # every number kind is bounded within a 64-bit column
        if kind.frame_type == "Int64":
            assert kind.minimum is not None and kind.maximum is not None and abs(kind.maximum) < 2**63, name
