"""The app shares one loaded Dataset between runs and sessions (ui/data.py, st.cache_resource). That is only safe
while no page modifies it: run every page with filters, languages and deep links, then compare the shared
Dataset with a fresh load of the same files."""

from __future__ import annotations

import pandas as pd
import pytest

from c2c.core.dataset import load_dataset, resolve_data_dir
from tests.conftest import SHIPPED_DATA
from tests.pages.conftest import run_app
from ui import data as app_data

PAGES = ("pages/map.py", "pages/projects.py", "pages/countries.py", "pages/sources.py")
PARAMS = ({}, {"fy": "2022", "lang": "en"}, {"fy": "2015-2018", "country": "VN,ID"},
          {"jp": "jp-toyama", "project": "fy2022-01"}, {"q": "水", "undated": "0"})


def _shared_dataset():
    return app_data._last_good[str(resolve_data_dir().resolve())]


@pytest.mark.parametrize("params", PARAMS)
def test_pages_leave_the_shared_dataset_unchanged(params):
    for page in PAGES:
        at = run_app(params, page=page)
        assert not at.exception, (page, params)
    shared = _shared_dataset()
    fresh = load_dataset(SHIPPED_DATA)
    for name in ("cities", "countries", "projects", "fiscal_years", "links"):
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(fresh, name), obj=name)


def test_runs_share_one_dataset_and_its_derived_values():
    run_app({"fy": "2022"})
    first = _shared_dataset()
    run_app({"fy": "2019", "lang": "en"})
    assert _shared_dataset() is first  # cached by file signature, not loaded again
    # what the pages derived (lookups, labels, coverage) stays with the dataset for the next run
    assert {"year_coverage", ("filter_options", "ja"), ("filter_options", "en")} <= set(first._derived)
