"""Folium maps made offline: local assets only, the basemap layer, standalone HTML."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import folium
import folium.plugins
import pytest

from c2c.map import offline_map
from c2c.map.offline_map import (
    JQUERY_SHIM_JS,
    JQUERY_SHIM_SOURCE,
    OfflineAssetError,
    OfflineBasemap,
    basemap_layer_js,
    external_asset_urls,
    inline_assets,
    make_offline,
    offline_js_css,
    standalone_html,
)
from tests.conftest import REPO_ROOT

STATIC = REPO_ROOT / "static"

POINTS = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Point", "coordinates": c}}
        for n, c in (("Tokyo", [139.7, 35.7]), ("Santiago", [289.3, -33.4]))
    ],
}


class TagAttrs(HTMLParser):
    """(tag, attr, value) of script src / link href / img src -- script and style bodies are not markup."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in {("script", "src"), ("link", "href"), ("img", "src")} and value:
                self.found.append((tag, name, value))

    handle_startendtag = handle_starttag


def tag_urls(html: str) -> list[tuple[str, str, str]]:
    parser = TagAttrs()
    parser.feed(html)
    return parser.found


def atlas_map(**kwargs) -> folium.Map:
    """What the atlas draws: basemap, GeoJSON with CircleMarkers via pointToLayer, controls, a popup."""
    m = folium.Map(location=[30, 160], zoom_start=3, **kwargs)
    OfflineBasemap().add_to(m)
    folium.GeoJson(
        POINTS,
        marker=folium.CircleMarker(radius=5, fill=True),
        tooltip=folium.GeoJsonTooltip(["name"]),
        popup=folium.GeoJsonPopup(["name"]),
    ).add_to(m)
    folium.CircleMarker([35.7, 139.7], radius=3, popup="<b>Tokyo</b>").add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    folium.LayerControl().add_to(m)
    return m


def test_default_folium_map_is_not_offline():
    """The reason for all this: folium's defaults come from CDNs."""
    html = folium.Map().get_root().render()
    assert any(url.startswith("https://") for _, _, url in tag_urls(html))


def test_rendered_offline_map_loads_nothing_remote():
    m = make_offline(atlas_map())
    html = m.get_root().render()
    urls = tag_urls(html)
    assert urls, "the map should still load Leaflet"
    for tag, attr, url in urls:
        assert not re.match(r"(https?:)?//", url), (tag, attr, url)
        assert "http://" not in url and "https://" not in url
    assert external_asset_urls(html) == []
    # everything that is loaded exists under static/
    for _, _, url in urls:
        assert url.startswith("/app/static/")
        assert (STATIC / url[len("/app/static/"):]).is_file(), url
    loaded = [url for _, _, url in urls]
    assert loaded.index("/app/static/vendor/leaflet/leaflet.js") < loaded.index(
        "/app/static/vendor/leaflet.fullscreen/Control.FullScreen.js"
    )
    for dropped in ("jquery", "bootstrap", "awesome", "fontawesome", "glyphicons"):
        assert not any(dropped in url for url in loaded if "jquery-shim" not in url), dropped
    # the default OpenStreetMap tile layer is gone
    assert "tile.openstreetmap.org" not in html


def test_streamlit_folium_sees_only_local_links():
    """streamlit-folium passes every JSCSSMixin's default_js/default_css to its iframe as js_links/css_links."""
    m = make_offline(atlas_map())
    links = []
    for el in _walk(m):
        if isinstance(el, folium.elements.JSCSSMixin):
            links += [url for _, url in el.default_js] + [url for _, url in el.default_css]
    assert links and all(url.startswith("/app/static/vendor/") for url in links)
    assert "/app/static/" + JQUERY_SHIM_JS in links


def test_streamlit_folium_script_draws_the_basemap_on_map_div():
    streamlit_folium = pytest.importorskip("streamlit_folium")
    m = make_offline(atlas_map(tiles=None))
    m.get_root().render()
    script = streamlit_folium.generate_leaflet_string(m)
    assert "c2cBasemap" in script
    assert "fetch(url)" in script
    assert "})(map_div);" in script


def _walk(el):
    yield el
    for child in el._children.values():
        yield from _walk(child)


def test_make_offline_does_not_touch_folium_class_lists_and_is_idempotent():
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    fs_js = list(folium.plugins.Fullscreen.default_js)
    m = atlas_map()
    make_offline(m)
    first = (list(m.default_js), list(m.default_css))
    make_offline(m)
    assert (m.default_js, m.default_css) == first
    assert [name for name, _ in m.default_js] == ["leaflet", "jquery"]
    assert folium.Map.default_js == before_js and folium.Map.default_css == before_css
    assert folium.plugins.Fullscreen.default_js == fs_js
    assert folium.Map().default_js[0][1].startswith("https://")  # other maps are unaffected


def test_make_offline_cleans_a_header_that_was_already_rendered():
    m = atlas_map()
    m.get_root().render()  # CDN links land in the figure header
    make_offline(m)
    assert external_asset_urls(m.get_root().render()) == []


def test_without_jquery_shim():
    m = make_offline(atlas_map(), jquery_shim=False)
    assert all("jquery" not in url for _, _, url in tag_urls(m.get_root().render()))


def test_things_that_cannot_work_offline_are_refused():
    m = atlas_map()
    folium.Marker([35, 139], icon=folium.Icon(color="red")).add_to(m)
    with pytest.raises(OfflineAssetError, match="Icon"):
        make_offline(m)

    m = atlas_map()
    folium.plugins.MarkerCluster().add_to(m)  # not vendored
    with pytest.raises(OfflineAssetError, match="markercluster"):
        make_offline(m)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make_offline(m, strict=False)
    assert caught
    assert external_asset_urls(m.get_root().render()) == []


def test_keep_remote_tiles_if_asked():
    m = make_offline(folium.Map(), remove_remote_tiles=False)
    assert "tile.openstreetmap.org" in m.get_root().render()


def test_offline_js_css_and_prefix(monkeypatch):
    js, css = offline_js_css()
    assert [name for name, _ in js] == ["leaflet", "Control.Fullscreen.js"]
    assert [name for name, _ in css] == ["leaflet_css", "Control.FullScreen.css"]
    for _, url in js + css:
        assert url.startswith("/app/static/vendor/") and (STATIC / url[len("/app/static/"):]).is_file()
    js, css = offline_js_css("/atlas/app/static/", fullscreen=False)
    assert js == [("leaflet", "/atlas/app/static/vendor/leaflet/leaflet.js")]

    monkeypatch.setattr(offline_map, "LOCAL_STATIC_PREFIX", "/base/app/static")
    m = make_offline(atlas_map())
    html = m.get_root().render()
    assert all(url.startswith("/base/app/static/") for _, _, url in tag_urls(html))
    assert '"/base/app/static/basemap/countries-110m.pacific.geojson"' in html


def test_offline_basemap_fetches_by_default_and_can_embed():
    m = folium.Map(tiles=None)
    layer = OfflineBasemap().add_to(m)
    html = m.get_root().render()
    assert '"/app/static/basemap/countries-110m.pacific.geojson"' in html
    assert "createPane" in html and '"c2cBasemap"' in html
    assert "FeatureCollection" not in html  # the geometry is not in the page

    m = folium.Map(tiles=None)
    OfflineBasemap("50m", inline=True, sea_color="#abcdef").add_to(m)
    html = m.get_root().render()
    assert "FeatureCollection" in html and "countries-50m" not in html
    assert "#abcdef" in html

    assert layer.resolved_url().endswith("countries-110m.pacific.geojson")
    with pytest.raises(ValueError):
        OfflineBasemap("10m")
    with pytest.raises(ValueError):
        OfflineBasemap(land_color="red;}</style><script>")


def test_basemap_layer_js():
    js = basemap_layer_js("myMap")
    assert js.rstrip().endswith("})(myMap);")
    assert "interactive: false" in js and "fetch(url)" in js


def test_inline_assets_leaves_no_local_or_external_references():
    m = make_offline(atlas_map())
    html = inline_assets(m.get_root().render())
    assert "/app/static" not in html
    assert tag_urls(html) == []  # no script src, link href, img src at all
    assert external_asset_urls(html) == []
    assert "L.Icon.Default.imagePath" in html
    assert 'url("data:image/png;base64,' in html  # layers.png from leaflet.css
    assert 'url("data:image/svg+xml;base64,' in html  # icon-fullscreen.svg
    # the basemap fetch was turned into a data: URI
    assert '"data:application/geo+json;base64,' in html
    assert html.lower().count("<script") == html.lower().count("</script>")  # no inlined code closes its tag


def test_inline_assets_missing_file():
    html = '<script src="/app/static/vendor/nope.js"></script>'
    with pytest.raises(FileNotFoundError):
        inline_assets(html)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert inline_assets(html, strict=False) == html


def test_standalone_html():
    m = atlas_map()
    layer = next(el for el in _walk(m) if isinstance(el, OfflineBasemap))
    html = standalone_html(m, title="C2C Atlas")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>C2C Atlas</title>" in html
    assert "/app/static" not in html and tag_urls(html) == []
    assert '"type":"FeatureCollection"' in html  # embedded, not fetched
    assert "data:application/geo+json" not in html  # inline=True was used rather than a data: URI
    assert layer.inline is False  # restored for the Streamlit rendering


def test_jquery_shim_file_matches_source():
    assert (STATIC / JQUERY_SHIM_JS).read_text("utf-8") == JQUERY_SHIM_SOURCE
