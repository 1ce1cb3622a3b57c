"""The broken-input matrix through `python -m c2c validate`: one clear line per problem, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from c2c.cli import main
from c2c.core import csvio
from tests.conftest import MINI_FILES, REPO_ROOT, write_mini_data

HEADER_ONLY = {name: text.splitlines()[0] + "\n" for name, text in MINI_FILES.items()}


def cli(data_dir) -> tuple[int, str]:
    """Run the real command in a subprocess, as a user would."""
    result = subprocess.run([sys.executable, "-m", "c2c", "validate", "--data-dir", str(data_dir)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


BROKEN = {
    "missing column": ({"cities.csv": MINI_FILES["cities.csv"].replace(",kind,", ",", 1)},
                       "cities.csv:1: kind: required column is missing"),
    "extra cells": ({"cities.csv": MINI_FILES["cities.csv"].replace("geonames,\nvn", "geonames,,oops\nvn")},
                    "cities.csv:3: -: row has 12 cells"),
    "wrong type": ({"fiscal_years.csv": MINI_FILES["fiscal_years.csv"].replace("2015,16", "2015,sixteen")},
                   "fiscal_years.csv:2: adopted_official: 'sixteen' is not a whole number"),
    "NaN coordinate": ({"cities.csv": MINI_FILES["cities.csv"].replace("20.86481", "NaN")},
                       "cities.csv:4: lat: 'NaN' is not a finite number"),
    "out of range": ({"cities.csv": MINI_FILES["cities.csv"].replace("-70.70619", "-270.7")},
                     "cities.csv:5: lon: -270.7 is out of range"),
    "duplicate id": ({"projects.csv": MINI_FILES["projects.csv"].replace("fy2015-kk-hp", "fy2022-07")},
                     "projects.csv:4: project_id: duplicate project_id 'fy2022-07'"),
    "unknown id": ({"projects.csv": MINI_FILES["projects.csv"].replace("jp-toyama,cl-renca", "jp-toyama,cl-santiago")},
                   "projects.csv:2: partner_ids: unknown id 'cl-santiago'"),
    "empty file": ({"countries.csv": ""}, "countries.csv: -: file is empty"),
    "header only": ({"cities.csv": HEADER_ONLY["cities.csv"]}, "cities.csv: -: file has a header but no rows"),
    "not CSV at all": ({"projects.csv": "%PDF-1.7\n\x00\x01binary"}, "projects.csv: -: this is not a text CSV file"),
    "unclosed quote": ({"countries.csv": MINI_FILES["countries.csv"] + 'XX,"unterminated,Nowhere,false,\n'},
                       "countries.csv:6"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_inputs_give_one_clear_line_and_exit_2(tmp_path, case, capsys):
    overrides, expected = BROKEN[case]
    directory = write_mini_data(tmp_path / "d", overrides)
    assert main(["validate", "--data-dir", str(directory)]) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert "Traceback" not in err


def test_cp932_bom_mixed_line_endings_whitespace_and_full_width_digits_are_accepted(tmp_path, capsys):
    text = MINI_FILES["projects.csv"].replace("fy2015-kk-hp,2015,", "fy2015-kk-hp ,  ２０１５ ,")
    lines = text.split("\n")
    mixed = "\r\n".join(lines[:3]) + "\n" + "\r".join(lines[3:])
    directory = write_mini_data(tmp_path / "cp932", {"projects.csv": mixed}, encoding="cp932")
    assert main(["validate", "--data-dir", str(directory)]) == 0, capsys.readouterr().err
    directory = write_mini_data(tmp_path / "bom", encoding="utf-8-sig")
    assert main(["validate", "--data-dir", str(directory)]) == 0


def test_a_50_mb_file_is_refused_quickly_with_its_size(tmp_path):
    directory = write_mini_data(tmp_path / "big")
    with (directory / "projects.csv").open("a", encoding="utf-8") as handle:
        row = "x" * 1000 + "\n"
        for _ in range(50_000):
            handle.write(row)
    code, output = cli(directory)
    assert code == 2
    assert "projects.csv: -: file is 50.1 MB, larger than the 20 MB limit" in output
    assert "Traceback" not in output


def test_subprocess_cli_reports_without_traceback(tmp_path):
    directory = write_mini_data(tmp_path / "d", BROKEN["unknown id"][0])
    code, output = cli(directory)
    assert code == 2 and "projects.csv:2: partner_ids: unknown id 'cl-santiago'" in output
    assert "Traceback" not in output


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "cities.csv"
    target.write_text("old content\n", encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        csvio.atomic_write_text(target, "new content that must not half-appear\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["cities.csv"]  # no temporary file left behind


def test_write_table_keeps_the_encoding_of_the_file(tmp_path):
    directory = write_mini_data(tmp_path / "d", encoding="cp932")
    table = csvio.read_table(directory / "cities.csv")
    assert table.encoding == "cp932"
    csvio.write_table(table)
    assert (directory / "cities.csv").read_bytes().decode("cp932").startswith("id,side,name_ja")
    plain = write_mini_data(tmp_path / "plain")
    table = csvio.read_table(plain / "cities.csv")
    csvio.write_table(table)
    assert not (plain / "cities.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# Issue #23, item 1: values the old validator let through, which then crashed the validator itself or the loader.
PASSED_THEN_CRASHED = {
    "bracketed host": ({"sources.csv": MINI_FILES["sources.csv"].replace("http://example.org/a", "https://[bad")},
                       "sources.csv:3: url: 'https://[bad' is not an http(s) address (Invalid IPv6 URL)"),
    "port out of range": ({"sources.csv": MINI_FILES["sources.csv"].replace("http://example.org/a",
                                                                            "http://example.org:99999/a")},
                          "sources.csv:3: url: 'http://example.org:99999/a' is not an http(s) address"),
    "count beyond 64 bits": ({"fiscal_years.csv": MINI_FILES["fiscal_years.csv"].replace("2015,16,", f"2015,{10**30},")},
                             "fiscal_years.csv:2: adopted_official: count '1000000000000000000000000000000' is out "
                             "of range (0 to 100000)"),
    "5,000 digits": ({"fiscal_years.csv": MINI_FILES["fiscal_years.csv"].replace("2015,16,29", "2015,16," + "9" * 5000)},
                     "fiscal_years.csv:2: applications_official: count '999"),
}


@pytest.mark.parametrize("case", sorted(PASSED_THEN_CRASHED))
def test_a_value_outside_its_type_is_one_line_not_a_traceback(tmp_path, case):
    overrides, expected = PASSED_THEN_CRASHED[case]
    code, output = cli(write_mini_data(tmp_path / "d", overrides))
    assert "Traceback" not in output, output[-800:]
    assert code == 2 and expected in output, output


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("fiscal_years.csv", "2015,16,", "2015,100001,", "fiscal_years.csv:2: adopted_official: count 100001 is out of range"),
    ("sources.csv", "2016-03", "2015-02-29", "sources.csv:4: date: '2015-02-29' is not a day of the calendar"),
    ("sources.csv", "2016-03", "0016-03", "sources.csv:4: date: '0016-03' is not a plausible date"),
    ("sources.csv", "http://example.org/fy", "http://user:secret@example.org/fy",
     "sources.csv:5: url: 'http://user:secret@example.org/fy' is not an http(s) address a source may have"),
    ("countries.csv", "ベトナム", "ベト\x1b[31mナム", "countries.csv:3: name_ja: contains the invisible control character U+001B"),
    ("cities.csv", "jp-toyama", "jp-" + "t" * 70, "cities.csv:3: id: 'jp-tttt"),
])
def test_each_type_has_a_range(tmp_path, capsys, file, old, new, expected):
    directory = write_mini_data(tmp_path / "d", {file: MINI_FILES[file].replace(old, new, 1)})
    assert main(["validate", "--data-dir", str(directory)]) == 2
    err = capsys.readouterr().err
    assert expected in err, err


def test_a_bug_of_ours_is_one_line_in_the_terminal_not_a_traceback(mini_data, capsys, monkeypatch):
    from c2c import cli as cli_module

    def broken(args):
        raise OverflowError("Python int too large to convert to C long")

    monkeypatch.setattr(cli_module, "run_validate", broken)
    assert main(["validate", "--data-dir", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unexpected OverflowError: Python int too large") and "Traceback" not in err
    assert "a bug in the C2C Atlas, not in your data" in err
