"""Issue #14 items 5, 7, 8, 9 and 12: special files, wide files, optional columns, one id rule, strict numbers."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from c2c.cli import main
from c2c.core import csvio
from c2c.core.dataset import load_dataset
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
