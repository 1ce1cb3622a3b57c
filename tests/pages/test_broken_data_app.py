"""The running app with broken data (through C2C_DATA_DIR): a clear message naming file and line, no traceback,
and the last good data stays on screen."""

from __future__ import annotations

import os
import re
import time

import pytest

import ui.data
from tests.conftest import payload_lines
from tests.pages.conftest import map_payload, run_app


@pytest.fixture
def data_dir(shipped_copy, monkeypatch):
    monkeypatch.setenv("C2C_DATA_DIR", str(shipped_copy))
    ui.data._last_good.clear()
    yield shipped_copy
    ui.data._last_good.clear()


def touch_later(path):
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


def errors(at) -> str:
    return "\n".join(e.value for e in at.error)


def test_breaking_a_file_keeps_the_last_good_data_on_screen(data_dir):
    at = run_app({"fy": "2022"})
    assert not at.exception and len(payload_lines(map_payload(at), "dated")) == 26
    cities = data_dir / "cities.csv"
    text = cities.read_text(encoding="utf-8").replace("jp-toyama,japan,富山市,Toyama City,Toyama,JP,city,36.7",
                                                      "jp-toyama,japan,富山市,Toyama City,Toyama,JP,city,north")
    cities.write_text(text, encoding="utf-8")
    touch_later(cities)
    at.run()
    assert not at.exception
    message = errors(at)
    assert "cities.csv:5: lat: 'north' is not a number" in message
    assert "Traceback" not in message
    assert len(payload_lines(map_payload(at), "dated")) == 26  # the last good data is still drawn


def test_broken_data_at_start_shows_the_problems_and_no_traceback(data_dir):
    (data_dir / "projects.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    at = run_app()
    assert not at.exception
    assert "projects.csv: -: this is not a text CSV file" in errors(at)


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "**bold** [link](javascript:alert(1))"])
def test_problem_messages_are_inert(data_dir, payload):
    cities = data_dir / "cities.csv"
    text = cities.read_text(encoding="utf-8").replace("jp-toyama,japan,富山市,Toyama City,Toyama,JP,city,36.7",
                                                      f'jp-toyama,japan,富山市,Toyama City,Toyama,JP,city,"{payload}"')
    cities.write_text(text, encoding="utf-8")
    at = run_app()
    message = errors(at)
    assert "cities.csv:5: lat:" in message
    problem_lines = [line for line in message.splitlines() if line.startswith("- ")]
    assert problem_lines and all(re.fullmatch(r"- `[^`]*`", line) for line in problem_lines)  # inert code spans
