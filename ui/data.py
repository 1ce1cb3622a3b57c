"""Loading the dataset for the app: cached by file modification time, with the last good data kept.

The CSVs are edited by hand while the dashboard runs. A save that breaks a file must not take the dashboard
down in a meeting: the app shows what is wrong (file, line, column) and keeps showing the last data that loaded.
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from c2c.core.csvio import Problem
from c2c.core.dataset import DataError, Dataset, data_files_signature, load_dataset, resolve_data_dir

LOG = logging.getLogger("c2c")
_last_good: dict[str, Dataset] = {}
_last_good_lock = threading.Lock()


@dataclass(frozen=True)
class LoadResult:
    dataset: Dataset | None
    problems: tuple[Problem, ...] = ()
    stale: bool = False  # True when dataset is the last good copy, not the current files


# One Dataset per data directory and file signature, shared by every run and session. st.cache_data would hand
# each run its own unpickled copy (~4 ms a rerun on the real data, more with more rows) and throw away what the
# Dataset memoises (lookup dicts, labels, coverage: Dataset.derived). Sharing is safe because nothing modifies a
# loaded Dataset's frames: the domain functions return new frames (pandas copy-on-write), and
# tests/pages/test_shared_dataset.py runs every page and checks the cached Dataset still equals a fresh load.
# max_entries=1: a save of the data loads a new Dataset and releases the old one (with its memoised values);
# keeping several cost 170-230 MiB a save with a 100k-row projects.csv (issue #14, item 6).
@st.cache_resource(show_spinner=False, max_entries=1)
def _load_cached(data_dir: str, signature: tuple) -> Dataset:
    # `signature` (file mtimes and sizes) is only part of the cache key: a saved file gets a new entry.
    return load_dataset(data_dir)


def _keep_last_good(data_dir: str, problems: tuple[Problem, ...]) -> LoadResult:
    with _last_good_lock:
        previous = _last_good.get(data_dir)
    return LoadResult(previous, problems, stale=previous is not None)


def load_app_dataset() -> LoadResult:
    data_dir = str(Path(resolve_data_dir()).resolve())
    signature = data_files_signature(data_dir)
    try:
        dataset = _load_cached(data_dir, signature)
    except DataError as exc:
        return _keep_last_good(data_dir, tuple(exc.problems))
    except Exception as exc:  # a bug of ours while loading: the same screen as for bad data, never Streamlit's box
        LOG.exception("loading the data failed")
        return _keep_last_good(data_dir, (Problem(Path(data_dir).name, None, None,
                                                  f"could not be loaded ({type(exc).__name__}; the details are in "
                                                  "the server's log)"),))
    with _last_good_lock:
        replaced = _last_good.get(data_dir)
        _last_good[data_dir] = dataset
    if replaced is not None and replaced is not dataset:
        # A save loaded a new Dataset. pandas frames hold reference cycles, so the old one is only freed by a
        # full collection, which the app otherwise seldom runs (ui/gc_tuning.py): run one now, once per save.
        del replaced
        gc.collect()
    return LoadResult(dataset)
