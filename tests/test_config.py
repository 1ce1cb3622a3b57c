"""The server configuration that keeps the app offline-safe and quiet about errors."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO_ROOT


def test_streamlit_config_never_phones_home_and_serves_static_assets():
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    # without it, a headless start-up asks an outside service for the machine's external IP
    assert config["browser"]["serverAddress"] == "localhost"
    assert config["server"]["enableStaticServing"] is True  # vendored Leaflet and the basemap come from static/
    assert config["client"]["showErrorDetails"] == "none"  # users never see a traceback


def test_no_forced_full_gc_after_each_run():
    """A forced gc.collect(2) after every run held the GIL for ~75 ms while the run's messages waited to be sent."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_listens_on_localhost_by_default():
    """Issue #14 item 10: `make run` and a plain `streamlit run app.py` listen on loopback only."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ADDRESS ?= 127.0.0.1" in makefile and "--server.address $(ADDRESS)" in makefile


def test_the_tables_own_csv_export_is_not_offered():
    """Issue #14 item 3: the table toolbar's CSV does not neutralise formulas; only the app's own button is offered."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
