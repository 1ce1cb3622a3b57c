"""Where the repository's own files are: the bundled data and the static assets the app serves."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = REPO_ROOT / "static"
DEFAULT_DATA_DIR = REPO_ROOT / "data"
