"""Folium map building: a constant base map, and the selection's layers as one small feature group.

Why two parts: streamlit-folium remounts its iframe (flicker, lost zoom) whenever the base map's script changes,
so the base map depends only on the language and the tile choice; everything the filters change travels in the
feature group passed through ``feature_group_to_add``. The feature group holds a single :class:`NetworkLayer`:
one JSON blob drawn by a few lines of JS as one GeoJSON layer per kind (dated lines, undated lines, nodes),
instead of one folium object per line (see bench/ for what that saves).

No streamlit import: the standalone HTML export builds the same map.
"""

from __future__ import annotations

from typing import Any

import folium
import folium.plugins
from folium.template import Template

from c2c.map.basemap import load_basemap
from c2c.map.folium_raw import PrerenderedMacroElement, RawElement
from c2c.map.network import CompactNetwork
from c2c.map.offline_map import OfflineBasemap, make_offline
from c2c.text import i18n
from c2c.text.htmlsafe import esc, json_for_script

BASE_CENTER = (18.0, 128.0)
BASE_ZOOM = 3
TILE_CHOICES = ("offline", "osm", "positron")

JP_COLOR = "#c0392b"
PARTNER_COLOR = "#1f6f8b"
DATED_COLOR = "#d35400"
UNDATED_COLOR = "#7f8c8d"
JCM_COLOR = "#f6d365"
HIGHLIGHT_COLOR = "#e6007e"

_STYLE = """
<style>
.c2c-popup { font: 13px/1.4 "Noto Sans CJK JP", "Noto Sans JP", system-ui, sans-serif; max-width: 340px; }
.c2c-popup ul { padding-left: 1.1em; margin: .4em 0 0; }
.c2c-popup li { margin-bottom: .35em; }
.c2c-popup .c2c-fy { font-weight: 600; color: #444; }
.c2c-popup .c2c-lead, .c2c-popup .c2c-country { color: #666; font-size: 12px; }
.c2c-legend { background: rgba(255,255,255,.92); padding: 8px 10px; border-radius: 6px; line-height: 1.5;
  font: 12px/1.5 "Noto Sans CJK JP", "Noto Sans JP", system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.c2c-legend b { display: block; margin-bottom: 2px; }
.c2c-legend i.dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; border: 1px solid #fff; }
.c2c-legend i.line { display: inline-block; width: 26px; height: 0; margin-right: 6px; vertical-align: 3px; }
.c2c-legend i.box { display: inline-block; width: 13px; height: 11px; margin-right: 6px; vertical-align: -1px; }
.c2c-legend .hint { color: #555; }
.c2c-disclaimer { background: rgba(255,255,255,.8); padding: 1px 6px; font-size: 10px; color: #444; max-width: 480px; }
.c2c-timeline { min-width: 190px; }
.c2c-year-badge { font: 700 22px/1.2 system-ui, sans-serif; text-align: center; margin-bottom: 4px; }
.c2c-timeline-row { display: flex; gap: 4px; justify-content: center; margin-bottom: 4px; }
.c2c-tl-btn { border: 1px solid #bbb; background: #fff; border-radius: 4px; min-width: 34px; height: 28px;
  cursor: pointer; font-size: 14px; }
.c2c-tl-btn:hover { background: #eef5f8; }
.c2c-tl-slider { width: 100%; }
</style>
"""


class HtmlControl(PrerenderedMacroElement):
    """A static Leaflet control holding HTML (legend, disclaimer). The HTML is built here from escaped text."""

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


def legend_html(lang: str, jcm: bool = True) -> str:
    rows = [
        f"<b>{esc(i18n.t('legend_title', lang))}</b>",
        f'<div><i class="dot" style="background:{JP_COLOR}"></i>{esc(i18n.t("legend_jp", lang))}</div>',
        f'<div><i class="dot" style="background:{PARTNER_COLOR}"></i>{esc(i18n.t("legend_partner", lang))}</div>',
        f'<div><i class="line" style="border-top:3px solid {DATED_COLOR}"></i>{esc(i18n.t("legend_dated", lang))}</div>',
        f'<div><i class="line" style="border-top:2px dashed {UNDATED_COLOR}"></i>'
        f'{esc(i18n.t("legend_undated", lang))}</div>',
    ]
    if jcm:
        rows.append(f'<div><i class="box" style="background:{JCM_COLOR}"></i>{esc(i18n.t("legend_jcm", lang))}</div>')
    rows.append(f'<div class="hint">{esc(i18n.t("legend_weight", lang))}</div>')
    return "".join(rows)


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
    twice on every rerun."""


class _Fullscreen(folium.plugins.Fullscreen, PrerenderedMacroElement):
    pass


def build_base_map(lang: str = "ja", tiles: str = "offline", height: int | None = None) -> folium.Map:
    """The constant part of the map. Call once per rerun; never cache or share it (st_folium mutates it)."""
    if tiles not in TILE_CHOICES:
        tiles = "offline"
    fmap = _Map(location=BASE_CENTER, zoom_start=BASE_ZOOM, tiles=None, control_scale=True, prefer_canvas=True,
                world_copy_jump=False, min_zoom=2, max_zoom=12, height=height or "100%", zoom_control=False)
    ZoomControl(lang).add_to(fmap)
    OfflineBasemap().add_to(fmap)
    if tiles == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(fmap)
    elif tiles == "positron":
        folium.TileLayer("CartoDB positron", name="CartoDB Positron").add_to(fmap)
    _Fullscreen(position="topleft", title=i18n.t("map_fullscreen", lang), title_cancel=i18n.t("map_fullscreen_exit", lang),
                force_separate_button=True).add_to(fmap)
    fmap.get_root().header.add_child(RawElement(_STYLE))
    HtmlControl(legend_html(lang), "bottomright", "c2c-legend").add_to(fmap)
    HtmlControl(esc(i18n.t("disclaimer", lang)), "bottomleft", "c2c-disclaimer").add_to(fmap)
    make_offline(fmap, remove_remote_tiles=(tiles == "offline"))
    return fmap


def jcm_features(codes: list[str]) -> dict[str, Any]:
    """The basemap's shapes for the given countries (a few tens of kB for the 25 JCM partners)."""
    wanted = set(codes)
    features = [f for f in load_basemap("110m")["features"] if f.get("properties", {}).get("iso_a2") in wanted]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": f["geometry"], "properties": {"iso_a2": f["properties"]["iso_a2"]}}
        for f in features]}


def network_payload(network: CompactNetwork, *, fit: bool = False, jcm: dict[str, Any] | None = None,
                    timeline: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        **network.payload,
        "bounds": network.bounds if fit else None,
        "jcm": jcm,
        "timeline": timeline,
        "colors": {"jp": JP_COLOR, "partner": PARTNER_COLOR, "dated": DATED_COLOR, "undated": UNDATED_COLOR,
                   "jcm": JCM_COLOR, "highlight": HIGHLIGHT_COLOR},
    }


# Builds the layers from the compact payload (c2c.map.network.build_compact_network): great-circle arcs with the
# same rules as geo/geometry.py (unwrapped from the Japanese end's display longitude, one point per 400 km, at
# most 64), and tooltip/popup HTML in which every data text goes through esc(). Popups are built when opened.
NETWORK_JS = """
function c2cNetwork(group, data) {
    var P = data.places, C = data.countries, J = data.projects, T = data.text, c = data.colors, R = Math.PI / 180;
    var esc = function (s) {
        return String(s === null || s === undefined ? "" : s).replace(/[&<>"'{}]/g, function (ch) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "{": "&#123;", "}": "&#125;"}[ch];
        });
    };
    var mod = function (x, m) { return ((x % m) + m) % m; };
    var unwrap = function (prev, lon) { return prev + (mod(lon - prev + 180, 360) - 180); };
    var vec = function (lat, lon) { return [Math.cos(lat * R) * Math.cos(lon * R), Math.cos(lat * R) * Math.sin(lon * R), Math.sin(lat * R)]; };
    var arc = function (a, b) {
        var va = vec(a[1], a[2]), vb = vec(b[1], b[2]);
        var d = va[0] * vb[0] + va[1] * vb[1] + va[2] * vb[2];
        var p = [vb[0] - d * va[0], vb[1] - d * va[1], vb[2] - d * va[2]];
        var s = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        var out = [[a[2], a[1]]], prev = a[2];
        if (s > 1e-12) {
            var u = [p[0] / s, p[1] / s, p[2] / s], angle = Math.atan2(s, d);
            var segments = Math.max(1, Math.min(63, Math.ceil(angle * 6371.0088 / 400)));
            for (var i = 1; i < segments; i++) {
                var t = angle * i / segments, ct = Math.cos(t), st = Math.sin(t);
                var x = ct * va[0] + st * u[0], y = ct * va[1] + st * u[1], z = ct * va[2] + st * u[2];
                prev = unwrap(prev, Math.atan2(y, x) / R);
                out.push([prev, Math.atan2(z, Math.sqrt(x * x + y * y)) / R]);
            }
        }
        out.push([unwrap(prev, b[2]), b[1]]);
        return out;
    };
    var lineTooltip = function (r) {
        var a = P[r[0]], b = P[r[1]];
        var text = a[4] + " \u2013 " + b[4] + " (" + C[b[6]] + ")";
        if (r[3].length) { text += " \u00b7 " + r[3].map(function (y) { return "FY" + y; }).join(", "); }
        return esc(text);
    };
    var projectItem = function (k) {
        var pr = J[k], year = pr[1] === null ? esc(T.undated) : "FY" + pr[1], title = esc(pr[2]);
        if (T.link_base !== null) {
            var href = T.link_base + "projects?project=" + encodeURIComponent(pr[0]) + "&lang=" + encodeURIComponent(T.lang);
            title = '<a href="' + esc(href) + '" target="_top">' + title + "</a>";
        }
        var lead = pr[3] ? '<br><span class="c2c-lead">' + esc(T.lead) + ": " + esc(pr[3]) + "</span>" : "";
        return '<li><span class="c2c-fy">' + year + "</span> " + title + lead + "</li>";
    };
    var pairPopup = function (r) {
        var a = P[r[0]], b = P[r[1]];
        return '<div class="c2c-popup"><b>' + esc(a[4]) + " \u2013 " + esc(b[4]) + '</b> <span class="c2c-country">(' +
            esc(C[b[6]]) + ')</span><ul class="c2c-projects">' + r[4].map(projectItem).join("") + "</ul></div>";
    };
    var lineLayer = function (rows, style) {
        return L.geoJSON({type: "FeatureCollection", features: rows.map(function (r) {
            return {type: "Feature", geometry: {type: "LineString", coordinates: arc(P[r[0]], P[r[1]])},
                    properties: {j: P[r[0]][0], q: P[r[1]][0], n: r[2], y: r[3], u: r[3].length ? 0 : 1, r: r}};
        })}, {style: style, onEachFeature: function (f, layer) {
            layer.bindTooltip(lineTooltip(f.properties.r), {sticky: true, direction: "top"});
            layer.bindPopup(function () { return pairPopup(f.properties.r); }, {maxWidth: 360});
        }});
    };
    var weight = function (n) { return n > 0 ? 1.6 + 1.4 * Math.sqrt(n) : 1.4; };
    var dated = lineLayer(data.dated, function (f) { return {color: c.dated, weight: weight(f.properties.n), opacity: 0.78}; });
    var undated = lineLayer(data.undated, function () { return {color: c.undated, weight: 1.6, opacity: 0.85, dashArray: "5 6"}; });
    var neighbours = P.map(function () { return []; });
    data.dated.concat(data.undated).forEach(function (r) { neighbours[r[0]].push(r[1]); neighbours[r[1]].push(r[0]); });
    var nodePopup = function (i) {
        var p = P[i], names = neighbours[i].slice().sort(function (x, y) { return P[x][0] < P[y][0] ? -1 : 1; })
            .map(function (k) { return esc(P[k][4]); }).join(", ");
        return '<div class="c2c-popup"><b>' + esc(p[5]) + '</b> <span class="c2c-country">(' + esc(C[p[6]]) + ")</span><br>" +
            esc(T.links_n.replace("{n}", neighbours[i].length)) + ": " + names + "</div>";
    };
    var nodes = L.geoJSON({type: "FeatureCollection", features: P.map(function (p, i) {
        return {type: "Feature", geometry: {type: "Point", coordinates: [p[2], p[1]]},
                properties: {i: p[0], s: p[3], d: neighbours[i].length, k: i}};
    }).filter(function (f) { return f.properties.d > 0; })}, {
        pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, {radius: 4 + 2.2 * Math.sqrt(f.properties.d), weight: 1.5, color: "#ffffff",
                fillColor: f.properties.s === "j" ? c.jp : c.partner, fillOpacity: 0.95});
        },
        onEachFeature: function (f, layer) {
            var p = P[f.properties.k];
            layer.bindTooltip(esc(p[5] + " \u00b7 " + C[p[6]]), {sticky: true, direction: "top"});
            layer.bindPopup(function () { return nodePopup(f.properties.k); }, {maxWidth: 360});
        }
    });
    if (data.jcm) {
        L.geoJSON(data.jcm, {interactive: false, style: {stroke: false, fill: true, fillColor: c.jcm, fillOpacity: 0.55}}).addTo(group);
    }
    dated.addTo(group); undated.addTo(group); nodes.addTo(group);
    window.__c2cDrawnAt = Date.now();  // for the benchmark: when the selection's layers were last drawn
    return {dated: dated, undated: undated, nodes: nodes, data: data};
}
"""


TIMELINE_JS = """
function c2cTimeline(map, group, data, labels) {
    var years = data.timeline.years, current = years[years.length - 1], timer = null;
    var first = {};
    var markFirst = function (id, y) { if (first[id] === undefined || y < first[id]) { first[id] = y; } };
    group.c2c.dated.eachLayer(function (l) {
        var p = l.feature.properties, y0 = Math.min.apply(null, p.y);
        l.c2cFirst = y0; markFirst(p.j, y0); markFirst(p.q, y0);
    });
    var draw = function () {
        group.c2c.dated.eachLayer(function (l) {
            var p = l.feature.properties;
            if (!l.c2cStyle) { l.c2cStyle = {color: l.options.color, weight: l.options.weight, opacity: l.options.opacity}; }
            if (l.c2cFirst > current) { l.setStyle({opacity: 0}); return; }
            var now = p.y.indexOf(current) >= 0;
            l.setStyle({color: now ? data.colors.highlight : data.colors.dated, opacity: now ? 0.95 : 0.35,
                        weight: now ? l.c2cStyle.weight + 1.5 : l.c2cStyle.weight});
            if (now) { l.bringToFront(); }
        });
        group.c2c.nodes.eachLayer(function (l) {
            var y0 = first[l.feature.properties.i];
            var on = y0 !== undefined && y0 <= current;
            l.setStyle(on ? {opacity: 1, fillOpacity: 0.95} : {opacity: 0, fillOpacity: 0});
        });
        label.innerHTML = labels.fy.replace("{year}", current);
        slider.value = current;
    };
    var control = L.control({position: "topright"});
    var box = L.DomUtil.create("div", "c2c-timeline c2c-legend");
    var label = L.DomUtil.create("div", "c2c-year-badge", box);
    var row = L.DomUtil.create("div", "c2c-timeline-row", box);
    var button = function (text, title, fn) {
        var b = L.DomUtil.create("button", "c2c-tl-btn", row); b.type = "button"; b.textContent = text; b.title = title;
        L.DomEvent.on(b, "click", function (e) { L.DomEvent.stop(e); fn(); }); return b;
    };
    var stop = function () { if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; } };
    var step = function (d) { var i = years.indexOf(current) + d; if (i >= 0 && i < years.length) { current = years[i]; draw(); return true; } return false; };
    button("|\u25c0", labels.first, function () { stop(); current = years[0]; draw(); });
    button("\u25c0", labels.prev, function () { stop(); step(-1); });
    var play = button("\u25b6", labels.play, function () {
        if (timer) { stop(); return; }
        if (current === years[years.length - 1]) { current = years[0]; draw(); }
        play.textContent = "\u275a\u275a";
        timer = setInterval(function () { if (!step(1)) { stop(); } }, data.timeline.interval_ms || 1200);
    });
    button("\u25b6\u2759", labels.next, function () { stop(); step(1); });
    var slider = L.DomUtil.create("input", "c2c-tl-slider", box);
    slider.type = "range"; slider.min = years[0]; slider.max = years[years.length - 1]; slider.step = 1;
    L.DomEvent.on(slider, "input", function () { stop(); current = parseInt(slider.value, 10); draw(); });
    L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
    control.onAdd = function () { return box; };
    control.onRemove = function () { stop(); };
    control.addTo(map);
    draw();
    return {control: control, stop: stop, years: years, get year() { return current; },
            go: function (y) { stop(); current = y; draw(); }, play: function () { play.click(); }};
}
"""


class NetworkLayer(PrerenderedMacroElement):
    """Draws a :func:`network_payload` into its parent feature group with one L.geoJSON per kind.

    With a ``timeline`` in the payload it also adds a play/step control that walks through the fiscal years in
    the browser (no server round trip per frame): links appear in their first year, the current year's links
    are highlighted.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group) {
            var data = {{ this.payload_json }};
            var map = window.map || group._map || null;
            if (!map) { for (var k in window) { try { if (window[k] instanceof L.Map) { map = window[k]; break; } } catch (e) {} } }
            if (window.__c2cTimeline) { window.__c2cTimeline.stop(); window.__c2cTimeline.control.remove(); window.__c2cTimeline = null; }
            {{ this.network_js }}
            group.c2c = c2cNetwork(group, data);
            if (data.timeline && map) {
                {{ this.timeline_js }}
                window.__c2cTimeline = c2cTimeline(map, group, data, data.timeline.labels);
                group.c2c.timeline = window.__c2cTimeline;
            }
            if (map && data.bounds) {
                var b = data.bounds;
                setTimeout(function () { map.fitBounds([[b[0][0], b[0][1]], [b[1][0], b[1][1]]],
                    {padding: [30, 30], maxZoom: 7}); }, 0);
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, payload: dict[str, Any]):
        super().__init__()
        self._name = "NetworkLayer"
        self.payload_json = json_for_script(payload)
        self.network_js = NETWORK_JS
        self.timeline_js = TIMELINE_JS if payload.get("timeline") else ""


def timeline_options(years: list[int], lang: str, interval_ms: int = 1200) -> dict[str, Any]:
    return {"years": years, "interval_ms": interval_ms, "labels": {
        "fy": i18n.t("timeline_year", lang), "play": i18n.t("timeline_play", lang),
        "prev": i18n.t("timeline_prev", lang), "next": i18n.t("timeline_next", lang),
        "first": i18n.t("timeline_first", lang)}}


def build_network_layer(network: CompactNetwork, *, fit: bool = False, jcm_codes: list[str] | None = None,
                        timeline: dict[str, Any] | None = None, name: str = "network") -> folium.FeatureGroup:
    """The selection's layers as one FeatureGroup (always a group, even when the selection is empty)."""
    group = folium.FeatureGroup(name=name, control=False)
    jcm = jcm_features(jcm_codes) if jcm_codes else None
    NetworkLayer(network_payload(network, fit=fit, jcm=jcm, timeline=timeline)).add_to(group)
    return group
