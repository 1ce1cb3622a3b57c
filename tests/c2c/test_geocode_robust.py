"""Issue #14 items 1 and 11: the geocoder never loses a row, a colleague's save, a symlink or its progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from c2c import geocode
from c2c.core.csvio import read_table
from tests.c2c.test_geocode import ANSWERS, HAI_PHONG, KITAKYUSHU, SURABAYA, run_cli
from tests.conftest import REPO_ROOT
from tests.geo.fakes import ScriptedGeocoder, write_cities


def test_a_row_with_an_extra_cell_is_refused_with_file_and_line_and_nothing_changes(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA, HAI_PHONG])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + ",unquoted comma in geo_note"  # Surabaya's row, line 3
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_INPUT_ERROR
    assert "cities.csv:3:" in result.err and "not changed" in result.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cities.csv"]


def test_a_row_broken_by_a_colleague_during_the_run_is_not_dropped_by_the_save(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA])

    def colleague_breaks_a_row(call: int, query: str, country: str) -> None:
        if call == 2:
            text = path.read_text(encoding="utf-8").rstrip("\n") + ",extra\n"
            path.write_text(text, encoding="utf-8")

    saved = path
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(ANSWERS, on_call=colleague_breaks_a_row))
    assert result.code != geocode.EXIT_OK
    assert "cities.csv:3:" in result.err
    assert saved.read_text(encoding="utf-8").rstrip("\n").endswith(",extra")  # their row is still there


def test_a_save_by_someone_else_between_read_and_write_is_not_overwritten(tmp_path, monkeypatch):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA])
    from c2c.core import csvio

    real_write = csvio.atomic_write_text
    calls = []

    def racing_write(target, text, encoding="utf-8", unchanged_since=None):
        if not calls:  # the colleague saves a new row right after our re-read
            extra = dict(HAI_PHONG, lat="20.8", lon="106.6", geo_source="manual")
            write_cities(tmp_path, [KITAKYUSHU, SURABAYA, extra])
            time.sleep(0.01)
            os.utime(path)
        calls.append(1)
        return real_write(target, text, encoding, unchanged_since)

    monkeypatch.setattr(csvio, "atomic_write_text", racing_write)
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_OK, result.err
    rows = {row["id"]: row for row in read_table(path).rows}
    assert set(rows) == {"jp-kitakyushu", "id-surabaya", "vn-hai-phong"}  # their row survived
    assert rows["id-surabaya"]["lat"] == "-7.24917"  # and ours was merged into their version
    assert len(calls) == 2


def test_a_symlinked_cities_file_stays_a_symlink(tmp_path):
    real = write_cities(tmp_path / "real", [KITAKYUSHU])
    data = tmp_path / "data"
    data.mkdir()
    (data / "cities.csv").symlink_to(real)
    result = run_cli(["--data-dir", str(data)], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_OK
    assert (data / "cities.csv").is_symlink()
    assert read_table(real).rows[0]["lat"] == "33.8835"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["cities.csv"]


SLOW_GEOCODER = """
import sys, time
from c2c import geocode
from tests.c2c.test_geocode import ANSWERS
from tests.geo.fakes import ScriptedGeocoder

def slow(call, query, country):
    if call == 1:
        print("looking", flush=True)
    if call >= 2:
        time.sleep(60)

sys.exit(geocode.main(sys.argv[1:], geocoder_factory=lambda b: ScriptedGeocoder(ANSWERS, on_call=slow)))
"""


def test_sigterm_saves_the_rows_resolved_so_far_and_reports(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA])
    process = subprocess.Popen([sys.executable, "-c", SLOW_GEOCODER, "--data-dir", str(tmp_path)], cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() in ("looking", "cities.csv: 2 rows, 2 to geocode with the offline backend")
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == geocode.EXIT_ABORTED, err
    assert "terminated (SIGTERM)" in err and "Traceback" not in err
    rows = {row["id"]: row for row in read_table(path).rows}
    assert rows["jp-kitakyushu"]["lat"] == "33.8835"
    assert not [p.name for p in tmp_path.iterdir() if p.name != "cities.csv"]  # no temporary files left
