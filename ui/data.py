"""Loading the dataset for the app: cached by file modification time, with the last good data kept.

The CSVs are edited by hand while the dashboard runs. A save that breaks a file must not take the dashboard
down in a meeting: the app shows what is wrong (file, line, column) and keeps showing the last data that loaded.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from c2c.csvio import Problem
from c2c.dataset import DataError, Dataset, data_files_signature, load_dataset, resolve_data_dir

_last_good: dict[str, Dataset] = {}
_last_good_lock = threading.Lock()


@dataclass(frozen=True)
class LoadResult:
    dataset: Dataset | None
    problems: tuple[Problem, ...] = ()
    stale: bool = False  # True when dataset is the last good copy, not the current files


def _copy(dataset: Dataset) -> Dataset:
    # Each session gets its own frames, so nothing a page does can leak into another session's data.
    return replace(dataset, cities=dataset.cities.copy(), countries=dataset.countries.copy(),
                   projects=dataset.projects.copy(), fiscal_years=dataset.fiscal_years.copy(),
                   links=dataset.links.copy())


@st.cache_data(show_spinner=False, max_entries=8)
def _load_cached(data_dir: str, signature: tuple) -> Dataset:
    # `signature` (file mtimes and sizes) is only part of the cache key: a saved file gets a new entry.
    return load_dataset(data_dir)


def load_app_dataset() -> LoadResult:
    data_dir = str(Path(resolve_data_dir()).resolve())
    signature = data_files_signature(data_dir)
    try:
        dataset = _load_cached(data_dir, signature)
    except DataError as exc:
        with _last_good_lock:
            previous = _last_good.get(data_dir)
        return LoadResult(_copy(previous) if previous else None, tuple(exc.problems), stale=previous is not None)
    with _last_good_lock:
        _last_good[data_dir] = dataset
    return LoadResult(dataset)
