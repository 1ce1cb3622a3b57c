"""`python -m ui.serve` warms the app before the server listens (bench/README.md: cold first visit vs warm)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT

# In a fresh interpreter, as `make run` starts it: what the warm-up leaves behind for the first run.
PROBE = """
import json, sys
from ui import serve
timings = serve.warm_up()
serve.leave_legacy_pages_mode()
from streamlit.runtime.pages_manager import PagesManager
import ui.data as data
dataset = data.load_app_dataset().dataset
print(json.dumps({
    "steps": sorted(timings),
    "heavy_imported": all(m in sys.modules for m in ("pandas", "folium", "pages.projects", "ui.shell")),
    "component_imported": "streamlit_folium" in sys.modules,
    "dataset_cached": data.load_app_dataset().dataset is dataset and dataset is not None,
    "legacy_pages_mode": PagesManager.uses_pages_directory,
}))
"""


def run_probe(env_data_dir: str | None = None) -> dict:
    env = {"PYTHONPATH": str(REPO_ROOT)}
    if env_data_dir:
        env["C2C_DATA_DIR"] = env_data_dir
    import os

    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO_ROOT, env={**os.environ, **env},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_warm_up_fills_the_caches_the_first_run_uses():
    result = run_probe()
    assert result["steps"] == ["dataset", "imports", "tables"]
    assert result["heavy_imported"]
    assert result["dataset_cached"]  # the same Dataset object the app's runs get (st.cache_resource)
    assert result["legacy_pages_mode"] is False  # the first session no longer starts over


def test_warm_up_does_not_import_the_map_component():
    # streamlit-folium declares its component on import; declared outside a script run it is never registered
    # with the server, and the map's frame answers 404 (seen while writing ui/serve.py).
    assert run_probe()["component_imported"] is False


def test_bad_data_does_not_keep_the_server_from_starting(tmp_path):
    (tmp_path / "cities.csv").write_text("not,a,valid\nfile\n", encoding="utf-8")
    result = run_probe(str(tmp_path))  # exits 0: the app reports the data problem on its first run, as before
    assert result["steps"] == ["dataset", "imports", "tables"]
    assert result["dataset_cached"] is False
