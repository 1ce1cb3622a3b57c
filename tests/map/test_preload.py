"""The map frame fetches its files in parallel: the first script streamlit-folium loads is c2c-preload.js, and its
fragment names every other script, style sheet and the basemap the frame will ask for (static/js/c2c-preload.js)."""

from __future__ import annotations

from urllib.parse import unquote

from bench.builds import captured_component
from c2c.core.dataset import load_dataset
from c2c.core.selection import Selection, select_links
from c2c.export.html_page import standalone_html
from tests.conftest import SHIPPED_DATA
from ui.mapui import render_network_map


def _fragment(url: str) -> dict[str, list[str]]:
    head, _, fragment = url.partition("#")
    assert head.endswith("/js/c2c-preload.js")
    parts = dict(part.split("=", 1) for part in fragment.split("&"))
    return {kind: [unquote(u) for u in urls.split("|")] for kind, urls in parts.items()}


def test_the_preloader_comes_first_and_names_every_other_file_of_the_frame():
    dataset = load_dataset(SHIPPED_DATA)
    with captured_component() as sent:
        render_network_map(dataset, select_links(dataset, Selection()), lang="ja", fit=False, jcm_codes=None)
    js_links, css_links = sent["js_links"], sent["css_links"]
    listed = _fragment(js_links[0])
    assert listed["js"] == js_links[1:]  # every later script, in streamlit-folium's order
    assert listed["css"] == css_links
    assert listed["fetch"] == ["/app/static/basemap/countries-110m.pacific.geojson"]
    assert all(url.startswith("/app/static/") for urls in listed.values() for url in urls)


def test_the_standalone_export_has_no_preloader():
    dataset = load_dataset(SHIPPED_DATA)
    assert b"c2c-preload" not in standalone_html(dataset, Selection(), "en")
