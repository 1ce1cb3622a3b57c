"""AppTest helpers: run the real app.py, read what the map component was sent."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from c2c.map.mapview import unpack_tables
from tests.conftest import REPO_ROOT, compact_pairs, year_view

APP = str(REPO_ROOT / "app.py")
_DATA = re.compile(r"C2CAtlas\.render\(\w+, (\{.*\})\);", re.DOTALL)


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def run_app(params: dict[str, str] | None = None, page: str | None = None, env_data_dir=None, monkeypatch=None):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        # Before the first run AppTest names a page by its file name, which is each page's URL path; after it, only
        # file pages registered by st.navigation, and app.py registers callables (their context passed explicitly).
        at.switch_page(page)
    at.run()
    return at


def map_component(at: AppTest):
    components = [c for c in at.get("component_instance") if "feature_group" in json.loads(c.proto.json_args)]
    assert len(components) == 1, "expected exactly one map component"
    return json.loads(components[0].proto.json_args)


def map_payload(at: AppTest) -> dict:
    args = map_component(at)
    match = _DATA.search(args["feature_group"])
    assert match, "the feature group carries no network payload"
    return year_view(unpack_tables(json.loads(match.group(1))))


def drawn_pairs(payload: dict) -> set[tuple[str, str]]:
    return compact_pairs(payload)
