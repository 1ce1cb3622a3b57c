"""Folium map building: a constant base map, and the selection's layers as one small feature group.

Why two parts: streamlit-folium remounts its iframe (flicker, lost zoom) whenever the base map's script changes,
so the base map depends only on the language and the tile choice; everything the filters change travels in the
feature group passed through ``feature_group_to_add``. The feature group holds a single :class:`NetworkLayer`:
one JSON payload that the map runtime (static/js/c2c-map.js, loaded once with the base map) draws as one GeoJSON
layer per kind, instead of one folium object per line (see bench/ for what that saves).

No streamlit import: the standalone HTML export builds the same map.
"""

from __future__ import annotations

from typing import Any

import folium
import folium.plugins
from folium.template import Template

from c2c.map.basemap import DISPLAY_WEST, load_basemap
from c2c.map.folium_raw import PrerenderedMacroElement
from c2c.map.frame_a11y import frame_text, zoomable_viewport
from c2c.map.network import CompactNetwork
from c2c.map.offline_map import OfflineBasemap, make_offline, static_url
from c2c.text import i18n
from c2c.text.htmlsafe import esc, json_for_script

BASE_CENTER = (18.0, 128.0)
BASE_ZOOM = 3
TILE_CHOICES = ("offline", "osm", "positron")

# The map's colours, for the app, the HTML export and the slide PNG. Lines, dots, outlines and the focus ring are
# at least 3:1 against the offline basemap's land, sea and JCM shading, as drawn (opacity included; WCAG 1.4.11):
# tests/map/test_map_contrast.py computes it.
JP_COLOR = "#c0392b"
PARTNER_COLOR = "#1f6f8b"
DATED_COLOR = "#a34d00"
UNDATED_COLOR = "#5f6b6d"
JCM_COLOR = "#f6d365"
JCM_EDGE_COLOR = "#8a6a00"  # JCM countries are outlined too: shading alone is 1.1:1 against land
HIGHLIGHT_COLOR = "#c8006e"
FOCUS_COLOR = "#0b3a53"  # the text twin's highlight and the focus rings (c2c-a11y.js/css)
COLORS = {"jp": JP_COLOR, "partner": PARTNER_COLOR, "dated": DATED_COLOR, "undated": UNDATED_COLOR, "jcm": JCM_COLOR,
          "jcm_edge": JCM_EDGE_COLOR, "highlight": HIGHLIGHT_COLOR, "focus": FOCUS_COLOR}
MIN_ZOOM = 1  # the lowest zoom of any frame (and of a link's view): a phone's; wider frames stop at WIDE_MIN_ZOOM
WIDE_MIN_ZOOM = 2
RUNTIME_SCRIPTS = ("c2c-geometry", "c2c-frame", "c2c-map", "c2c-labels", "c2c-fit", "c2c-years", "c2c-view", "c2c-a11y")  # static/js, loaded in this order after Leaflet
RUNTIME_STYLES = ("c2c-map", "c2c-a11y")  # static/css

class HtmlControl(PrerenderedMacroElement):
    """A static Leaflet control holding HTML (the disclaimer). The HTML is built here from escaped text."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, position: str = "bottomright", css_class: str = "c2c-legend"):
        super().__init__()
        self._name = "HtmlControl"
        self.html = html
        self.position = position
        self.css_class = css_class


def runtime_config(lang: str, interactive: bool = True) -> dict[str, Any]:
    """What C2CAtlas.attach needs: constant per language (and per app/export)."""
    keys = ("legend_title", "legend_jp", "legend_partner", "legend_dated", "legend_undated", "legend_jcm",
            "legend_weight", "legend_weight_dense", "legend_highlight", "label_key")
    return {
        "lang": lang,
        "interactive": interactive,
        "text": {key: i18n.t(key, lang) for key in keys},
        "a11y": frame_text(lang),
        "colors": COLORS,
        "minZoom": WIDE_MIN_ZOOM,
        "minZoomNarrow": MIN_ZOOM,  # below 560 px the network spans more than the frame at zoom 2
        "startView": {"zoom": BASE_ZOOM, "center": list(BASE_CENTER)},
        # the Pacific-centred world, so the wheel never pans or shrinks the network off into empty space
        "maxBounds": [[-70.0, DISPLAY_WEST], [84.0, DISPLAY_WEST + 360.0]],
    }


def runtime_scripts(prefix: str | None = None) -> list[tuple[str, str]]:
    """The map runtime's files, in load order, as folium ``default_js`` entries (served from static/js)."""
    return [(name, static_url(f"js/{name}.js", prefix)) for name in RUNTIME_SCRIPTS]


class ZoomControl(PrerenderedMacroElement):
    """Leaflet's zoom buttons with their titles in the UI language (folium's built-in one has English titles)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.zoom({{ this.options|tojson }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: str, position: str = "topleft"):
        super().__init__()
        self._name = "ZoomControl"
        self.options = {"position": position, "zoomInTitle": i18n.t("map_zoom_in", lang),
                        "zoomOutTitle": i18n.t("map_zoom_out", lang)}


class _Map(folium.Map, PrerenderedMacroElement):
    """folium.Map rendered without compiling its script again (c2c/folium_raw.py); st_folium renders the base map
    twice on every rerun. Its header lets the page zoom (c2c/map/frame_a11y.py)."""

    def render(self, **kwargs) -> None:
        super().render(**kwargs)
        zoomable_viewport(self.get_root(), self.get_name())


class _Fullscreen(folium.plugins.Fullscreen, PrerenderedMacroElement):
    pass


def build_base_map(lang: str = "ja", tiles: str = "offline", height: int | None = None, *,
                   interactive: bool = True) -> folium.Map:
    """The constant part of the map. Call once per rerun; never cache or share it (st_folium mutates it).

    ``interactive=False`` (the standalone export) keeps popups but sends no clicks anywhere."""
    if tiles not in TILE_CHOICES:
        tiles = "offline"
    fmap = _Map(location=BASE_CENTER, zoom_start=BASE_ZOOM, tiles=None, control_scale=True, prefer_canvas=True,
                world_copy_jump=False, min_zoom=MIN_ZOOM, max_zoom=12, height=height or "100%", zoom_control=False)
    ZoomControl(lang).add_to(fmap)
    OfflineBasemap().add_to(fmap)
    if tiles == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(fmap)
    elif tiles == "positron":
        folium.TileLayer("CartoDB positron", name="CartoDB Positron").add_to(fmap)
    _Fullscreen(position="topleft", title=i18n.t("map_fullscreen", lang), title_cancel=i18n.t("map_fullscreen_exit", lang),
                force_separate_button=True).add_to(fmap)
    HtmlControl(esc(i18n.t("disclaimer", lang)), "bottomleft", "c2c-disclaimer").add_to(fmap)
    MapRuntime(runtime_config(lang, interactive)).add_to(fmap)
    make_offline(fmap, remove_remote_tiles=(tiles == "offline"))
    fmap.default_js = [*fmap.default_js, *runtime_scripts()]
    fmap.default_css = [*fmap.default_css, *((f"{name.replace('-', '_')}_css", static_url(f"css/{name}.css"))
                                             for name in RUNTIME_STYLES)]
    if interactive:  # the export inlines every file: nothing to fetch
        fmap.default_js = [("c2c_preload", preload_url(fmap)), *fmap.default_js]
    return fmap


def _assets(fmap: folium.Map) -> tuple[list[str], list[str], list[str]]:
    """The frame's scripts and style sheets in the order streamlit-folium loads them (its ``walk`` over the map's
    elements), and what the runtime fetches (the basemap)."""
    js: list[str] = []
    css: list[str] = []
    fetch: list[str] = []
    pending = [fmap]
    while pending:
        element = pending.pop(0)
        if isinstance(element, folium.elements.JSCSSMixin):
            js.extend(url for _, url in element.default_js)
            css.extend(url for _, url in element.default_css)
        if isinstance(element, OfflineBasemap) and not element.inline:
            fetch.append(element.resolved_url())
        pending[:0] = list(getattr(element, "_children", {}).values())
    return list(dict.fromkeys(js)), list(dict.fromkeys(css)), fetch


def preload_url(fmap: folium.Map) -> str:
    """static/js/c2c-preload.js with every other file of the frame in its fragment, to be fetched in parallel."""
    from urllib.parse import quote

    js, css, fetch = _assets(fmap)
    parts = {"js": js, "css": css, "fetch": fetch}
    fragment = "&".join(f"{kind}=" + "|".join(quote(url, safe="/:") for url in urls) for kind, urls in parts.items() if urls)
    return static_url("js/c2c-preload.js") + "#" + fragment


def jcm_features(codes: list[str]) -> dict[str, Any]:
    """The basemap's shapes for the given countries (a few tens of kB for the 25 JCM partners)."""
    wanted = set(codes)
    features = [f for f in load_basemap("110m")["features"] if f.get("properties", {}).get("iso_a2") in wanted]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": f["geometry"], "properties": {"iso_a2": f["properties"]["iso_a2"]}}
        for f in features]}


PACKED_TABLES = ("places", "projects", "lines")


def pack_tables(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with each table's rows as arrays, in the order of ``packed[table]`` (the fields every row has);
    a row's other fields (a line's basis, say) follow as one trailing object. Field names once per table instead of
    once per row: ~20 % of the bytes at 10,000 links (bench/README.md). C2CAtlas.render unpacks it first
    (static/js/c2c-map.js ``unpack``); :func:`unpack_tables` is the same in Python."""
    out, fields = dict(payload), {}
    for table in PACKED_TABLES:
        rows = payload.get(table) or []
        common = [key for key in rows[0] if all(key in row for row in rows)] if rows else []
        packed = []
        for row in rows:
            values = [row[key] for key in common]
            extra = {key: value for key, value in row.items() if key not in common}
            packed.append([*values, extra] if extra else values)
        out[table], fields[table] = packed, common
    out["packed"] = fields
    return out


def unpack_tables(payload: dict[str, Any]) -> dict[str, Any]:
    """The named rows of a :func:`pack_tables` payload (what the browser draws from); any other payload as it is."""
    fields = payload.get("packed")
    if not fields:
        return payload
    out = {key: value for key, value in payload.items() if key != "packed"}
    for table, common in fields.items():
        out[table] = [{**dict(zip(common, row)), **(row[len(common)] if len(row) > len(common) else {})}
                      for row in payload[table]]
    return out


def network_payload(network: CompactNetwork, *, fit: bool = False, jcm: dict[str, Any] | None = None,
                    timeline: dict[str, Any] | None = None, labels: bool = True, present: bool = False,
                    overlay: dict[str, Any] | None = None, year_pick: dict[str, Any] | None = None,
                    selected: tuple[str, str] | None = None) -> dict[str, Any]:
    """Everything C2CAtlas.render draws for one selection (named fields; see static/js/c2c-map.js). With
    ``year_pick`` (:func:`year_pick_options`) the network holds every year and the browser draws the one chosen."""
    return {
        **network.payload,
        "year_pick": year_pick,
        "bounds": network.bounds if fit else None,
        "jcm": jcm,
        "timeline": timeline,
        "labels": labels,
        "present": present,
        "overlay": overlay,
        "colors": COLORS,
        # the link's clicked item (ui/map_view.py), whose popup the map reopens: "pair:jp-x~vn-y", "place:id"
        "selected": f"{selected[0]}:{selected[1]}" if selected else None,
    }


class NetworkLayer(PrerenderedMacroElement):
    """Draws a :func:`network_payload` into its parent feature group: ``C2CAtlas.render`` (static/js/c2c-map.js)
    builds the lines, nodes, labels, legend and, with a ``timeline`` in the payload, the play/step control that
    walks through the fiscal years in the browser (no server round trip per frame)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        C2CAtlas.render({{ this._parent.get_name() }}, {{ this.payload_json }});
        {% endmacro %}
    """)

    def __init__(self, payload: dict[str, Any]):
        super().__init__()
        self._name = "NetworkLayer"
        self.payload_json = json_for_script(payload)


class MapRuntime(PrerenderedMacroElement):
    """Hands the base map to the map runtime once (``C2CAtlas.attach``) with everything that depends only on the
    language: UI words, colours and the view limits. Constant per language, so the base map never changes."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        C2CAtlas.attach({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, config: dict[str, Any]):
        super().__init__()
        self._name = "MapRuntime"
        self.config_json = json_for_script(config)


def timeline_options(years: list[int], lang: str, interval_ms: int = 1200) -> dict[str, Any]:
    return {"years": years, "interval_ms": interval_ms, "labels": {
        "fy": i18n.t("timeline_year", lang), "play": i18n.t("timeline_play", lang),
        "prev": i18n.t("timeline_prev", lang), "next": i18n.t("timeline_next", lang),
        "first": i18n.t("timeline_first", lang)}}


def year_pick_options(year: int, years: list[int], lang: str) -> dict[str, Any]:
    """The map's own year control (◀ FY ▶) for a one-year view: the year shown and the years offered."""
    return {"year": year, "years": years, "labels": {
        "fy": i18n.t("timeline_year", lang), "prev": i18n.t("timeline_prev", lang),
        "next": i18n.t("timeline_next", lang), "pick": i18n.t("fiscal_year", lang)}}


def build_network_layer(network: CompactNetwork, *, fit: bool = False, jcm_codes: list[str] | None = None,
                        timeline: dict[str, Any] | None = None, labels: bool = True, present: bool = False,
                        overlay: dict[str, Any] | None = None, year_pick: dict[str, Any] | None = None,
                        selected: tuple[str, str] | None = None,
                        name: str = "network") -> folium.FeatureGroup:
    """The selection's layers as one FeatureGroup (always a group, even when the selection is empty)."""
    group = folium.FeatureGroup(name=name, control=False)
    jcm = jcm_features(jcm_codes) if jcm_codes else None
    NetworkLayer(pack_tables(network_payload(network, fit=fit, jcm=jcm, timeline=timeline, labels=labels,
                                             present=present, overlay=overlay, year_pick=year_pick,
                                             selected=selected))).add_to(group)
    return group
