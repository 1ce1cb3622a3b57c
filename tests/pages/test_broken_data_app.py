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


# ---- issue #23, item 3: never Streamlit's error box; our message, in the UI language, and the last good data ----

def our_error_shown(at, lang: str = "ja") -> bool:
    from c2c.text import i18n

    return any(i18n.t("unexpected_error", lang) in e.value for e in at.error)


def test_a_count_beyond_64_bits_after_a_reload_keeps_the_last_good_data(data_dir):
    at = run_app({"fy": "2022", "lang": "en"})
    assert not at.exception and len(payload_lines(map_payload(at), "dated")) == 26
    path = data_dir / "fiscal_years.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith("2015,"))
    cells = lines[line].split(",")
    cells[1] = str(10**30)
    lines[line] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    touch_later(path)
    at.run()
    assert not at.exception
    assert f"fiscal_years.csv:{line + 1}: adopted_official: count '{10**30}' is out of range" in errors(at)
    assert "The data files have problems. Showing the last data that loaded correctly." in errors(at)
    assert len(payload_lines(map_payload(at), "dated")) == 26


def test_a_failure_while_loading_keeps_the_last_good_data_with_our_message(data_dir, monkeypatch):
    at = run_app({"fy": "2022"})
    assert len(payload_lines(map_payload(at), "dated")) == 26

    def broken(directory):
        raise OverflowError("Python int too large to convert to C long")

    monkeypatch.setattr(ui.data, "load_dataset", broken)
    touch_later(data_dir / "cities.csv")
    at.run()
    assert not at.exception
    assert "could not be loaded (OverflowError; the details are in the server's log)" in errors(at)
    assert "Traceback" not in errors(at) and "too large" not in errors(at)
    assert len(payload_lines(map_payload(at), "dated")) == 26


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_failing_page_shows_our_message_and_the_sidebar_stays(data_dir, monkeypatch, lang):
    import pages.map

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(pages.map, "render_map_panel", broken)
    at = run_app({"lang": lang})
    assert not at.exception and our_error_shown(at, lang)
    assert at.multiselect(key="country_pick")  # the deferred filters were still drawn


def test_a_failing_sidebar_still_draws_the_page(data_dir, monkeypatch):
    import ui.shell

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(ui.shell, "build_sidebar", broken)
    at = run_app({"fy": "2022"})
    assert not at.exception and our_error_shown(at)
    assert payload_lines(map_payload(at), "dated")  # the map, with the default view


def test_a_failing_callback_shows_our_message_and_the_page(data_dir, monkeypatch):
    import ui.state

    at = run_app({"lang": "en"})

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(ui.state, "fy_code_from_widgets", broken)
    at.radio(key="fy_mode").set_value("single").run()
    assert not at.exception and our_error_shown(at, "en")
    assert payload_lines(map_payload(at), "dated")


def test_an_error_no_boundary_caught_is_still_our_message(data_dir, monkeypatch):
    """The backstop (ui/errors.py): an unguarded callback's exception escapes the run; Streamlit's own box (with its
    links to outside services) must not be what is shown."""
    import ui.map_panel

    at = run_app({"fy": "2022", "sel": "place:jp-toyama", "lang": "en"})
    assert not at.exception

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(ui.map_panel, "write_selection", broken)
    at.button(key="panel_clear").click().run()
    assert not at.exception and our_error_shown(at, "en")
