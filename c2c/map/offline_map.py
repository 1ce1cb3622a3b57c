"""Folium maps that need no network: local Leaflet, no CDN extras, an offline Natural Earth basemap.

A default ``folium.Map`` loads Leaflet, jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers from four
CDNs and draws OpenStreetMap tiles: offline it is a blank grey box. Here

* :func:`make_offline` points every JS/CSS asset of a map (and of its plugins, e.g. ``Fullscreen``) at the files
  vendored under ``static/vendor/`` (served by Streamlit at ``/app/static/...`` with ``[server]
  enableStaticServing = true``), drops the CDN assets the atlas never uses, and removes remote tile layers;
* :class:`OfflineBasemap` draws the Pacific-centred countries of ``static/basemap/`` as a non-interactive layer,
  fetched by the browser (so the geometry is not part of the Python -> browser payload) or embedded;
* :func:`inline_assets` / :func:`standalone_html` turn a rendered map into one self-contained HTML file.

Typical use::

    m = folium.Map(location=[30, 150], zoom_start=3, tiles=None)
    OfflineBasemap().add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    ... GeoJson layers ...
    make_offline(m)
    st_folium(m, ...)                 # or: standalone_html(m) for a download

Things that cannot work offline are refused by :func:`make_offline` (``strict=True``) instead of failing
silently in the browser: ``folium.Icon`` (awesome-markers + Font Awesome), branca colormaps (streamlit-folium
loads d3 from two CDNs for them) and any plugin whose JS/CSS is not vendored.

No streamlit import here. ``LOCAL_STATIC_PREFIX`` (default ``/app/static``, or the ``C2C_STATIC_PREFIX``
environment variable) is read when a map is made offline or rendered; set it to ``/<baseUrlPath>/app/static``
when Streamlit runs under ``server.baseUrlPath``.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import folium
import folium.elements
import folium.map
import folium.raster_layers
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.template import Template

from c2c.map import basemap
from c2c.map.folium_raw import PrerenderedMacroElement
from c2c.paths import STATIC_DIR

LOCAL_STATIC_PREFIX = os.environ.get("C2C_STATIC_PREFIX", "/app/static")

# Paths relative to static/ (and to LOCAL_STATIC_PREFIX).
LEAFLET_JS = "vendor/leaflet/leaflet.js"
LEAFLET_CSS = "vendor/leaflet/leaflet.css"
FULLSCREEN_JS = "vendor/leaflet.fullscreen/Control.FullScreen.js"
FULLSCREEN_CSS = "vendor/leaflet.fullscreen/Control.FullScreen.css"
JQUERY_SHIM_JS = "vendor/folium-compat/jquery-shim.js"

# Written to static/vendor/folium-compat/jquery-shim.js by scripts/vendor_assets.py (a test checks they match).
JQUERY_SHIM_SOURCE = """\
/* C2C Atlas: a stand-in for the only two jQuery calls folium 0.20's templates make, so that jQuery need not
 * be loaded: `$(`<div ...>...</div>`)[0]` (folium.Popup with HTML content) and `$(document).ready(fn)`
 * (Map.keep_in_front). Not jQuery: anything else is unsupported. Does nothing when jQuery is present. */
(function (w, d) {
  "use strict";
  if (w.jQuery || w.$) { return; }
  function ready(fn) {
    if (d.readyState === "loading") { d.addEventListener("DOMContentLoaded", fn); } else { setTimeout(fn, 0); }
  }
  function $(x) {
    if (typeof x === "function") { ready(x); return undefined; }
    var nodes;
    if (typeof x === "string") {
      var t = d.createElement("template");
      t.innerHTML = x.trim();
      nodes = Array.prototype.filter.call(t.content.childNodes, function (n) { return n.nodeType === 1; });
    } else {
      nodes = x ? [x] : [];
    }
    nodes.ready = function (fn) { ready(fn); return nodes; };
    return nodes;
  }
  $.ready = ready;
  w.$ = $;
})(window, document);
"""

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

# (pattern on the CDN url, local replacement or None to drop it)
_JS_RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"/leaflet(?:@[\w.\-]+)?/dist/leaflet(?:-src)?\.js$", re.I), LEAFLET_JS),
    (
        re.compile(r"/leaflet\.fullscreen(?:@[\w.\-]+)?/(?:dist/)?Control\.FullScreen(?:\.min)?\.js$", re.I),
        FULLSCREEN_JS,
    ),
    (re.compile(r"/jquery(?:[-.][\w.\-]*)?\.js$", re.I), None),  # replaced by the shim (jquery_shim=True)
    (re.compile(r"/bootstrap(?:@[\w.\-]+)?/dist/js/bootstrap(?:\.bundle)?(?:\.min)?\.js$", re.I), None),
    (re.compile(r"/leaflet\.awesome-markers(?:\.min)?\.js$", re.I), None),
]
_CSS_RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"/leaflet(?:@[\w.\-]+)?/dist/leaflet\.css$", re.I), LEAFLET_CSS),
    (
        re.compile(r"/leaflet\.fullscreen(?:@[\w.\-]+)?/(?:dist/)?Control\.FullScreen(?:\.min)?\.css$", re.I),
        FULLSCREEN_CSS,
    ),
    (re.compile(r"/bootstrap(?:@[\w.\-]+)?/dist/css/bootstrap(?:\.min)?\.css$", re.I), None),
    (re.compile(r"/bootstrap-glyphicons(?:\.min)?\.css$", re.I), None),
    (re.compile(r"/fontawesome-free(?:@[\w.\-]+)?/css/all(?:\.min)?\.css$", re.I), None),
    (re.compile(r"/leaflet\.awesome-markers(?:\.min)?\.css$", re.I), None),
    (re.compile(r"/leaflet\.awesome\.rotate(?:\.min)?\.css$", re.I), None),
]


class OfflineAssetError(RuntimeError):
    """A map element needs something from the network that has not been vendored."""


def static_url(relpath: str, prefix: str | None = None) -> str:
    """URL of a file under ``static/`` as the browser sees it, e.g. ``/app/static/vendor/leaflet/leaflet.js``."""
    return (LOCAL_STATIC_PREFIX if prefix is None else prefix).rstrip("/") + "/" + relpath.lstrip("/")


def offline_js_css(
    prefix: str | None = None, *, fullscreen: bool = True, jquery_shim: bool = False
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(js, css)``: the local ``(name, url)`` lists (folium's ``default_js`` format) for Leaflet + Fullscreen."""
    js = [("leaflet", static_url(LEAFLET_JS, prefix))]
    css = [("leaflet_css", static_url(LEAFLET_CSS, prefix))]
    if jquery_shim:
        js.append(("jquery", static_url(JQUERY_SHIM_JS, prefix)))
    if fullscreen:
        js.append(("Control.Fullscreen.js", static_url(FULLSCREEN_JS, prefix)))
        css.append(("Control.FullScreen.css", static_url(FULLSCREEN_CSS, prefix)))
    return js, css


def register_mimetypes() -> None:
    """Make sure Streamlit serves the vendored files with the right ``Content-Type``.

    Streamlit's static serving takes the type from :mod:`mimetypes` and sends ``X-Content-Type-Options:
    nosniff``; on Windows the registry sometimes maps ``.js`` to ``text/plain``, and the browser then refuses
    to run Leaflet. Call once at app start-up (harmless elsewhere).
    """
    for ext, kind in {
        ".js": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".json": "application/json",
        ".geojson": "application/geo+json",
    }.items():
        mimetypes.add_type(kind, ext)


# --------------------------------------------------------------------------------------------------------------
# make_offline
# --------------------------------------------------------------------------------------------------------------


def _is_remote(url: str) -> bool:
    return bool(_REMOTE.match(url.strip()))


def _walk(element: Element) -> Iterator[tuple[Element | None, str | None, Element]]:
    """``(parent, key, element)`` for ``element`` and every descendant (depth first, in document order)."""
    stack: list[tuple[Element | None, str | None, Element]] = [(None, None, element)]
    while stack:
        parent, key, el = stack.pop()
        yield parent, key, el
        children = list(getattr(el, "_children", {}).items())
        stack.extend((el, k, child) for k, child in reversed(children))


def _rewrite(
    owner: Element,
    links: list[tuple[str, str]],
    rules: list[tuple[re.Pattern[str], str | None]],
    prefix: str | None,
    strict: bool,
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, url in links:
        if not _is_remote(url):
            out.append((name, url))
            continue
        for pattern, local in rules:
            if pattern.search(url):
                if local is not None:
                    out.append((name, static_url(local, prefix)))
                break
        else:
            message = f"{type(owner).__name__} loads {url!r}, which is not vendored under static/vendor/"
            if strict:
                raise OfflineAssetError(message)
            warnings.warn(message + "; dropped", stacklevel=3)
    return out


def _check_offline_capable(el: Element, strict: bool) -> None:
    problem = None
    if isinstance(el, folium.map.Icon):
        problem = (
            "folium.Icon needs Leaflet.awesome-markers and Font Awesome from CDNs; use a CircleMarker, "
            "a GeoJson pointToLayer, folium.DivIcon or folium.CustomIcon with a local image"
        )
    elif isinstance(el, _branca_colormap_types()):
        problem = "branca colormaps make streamlit-folium load d3 from two CDNs; draw the legend in Streamlit"
    if problem:
        if strict:
            raise OfflineAssetError(problem)
        warnings.warn(problem, stacklevel=3)


def _branca_colormap_types() -> tuple[type, ...]:
    try:
        import branca.colormap

        return (branca.colormap.ColorMap,)
    except ImportError:  # pragma: no cover
        return ()


def make_offline(
    element: Element,
    *,
    prefix: str | None = None,
    strict: bool = True,
    jquery_shim: bool = True,
    remove_remote_tiles: bool = True,
) -> Element:
    """Rewrite ``element`` (a Map or Figure, usually) and its descendants to use only vendored local assets.

    * Leaflet and Leaflet.fullscreen links become ``static_url(...)`` links (``prefix`` defaults to
      ``LOCAL_STATIC_PREFIX``); jQuery, Bootstrap (JS, CSS, glyphicons), Font Awesome, awesome-markers and
      awesome.rotate are dropped. With ``jquery_shim`` (default) every Map loads a 1 kB stand-in for the two
      jQuery calls folium's own templates make (``folium.Popup`` with HTML, ``keep_in_front``) -- without it a
      single popup would stop the whole map script with "$ is not defined".
    * Any other remote JS/CSS, ``folium.Icon`` and branca colormaps raise :class:`OfflineAssetError` when
      ``strict`` (default), else they are dropped with a warning.
    * ``TileLayer``\\ s with remote URLs are removed (``remove_remote_tiles``): offline they only produce errors.
    * Remote ``<script>``/``<link>`` tags a previous render left in the Figure header are removed.

    The lists are replaced on the instances (folium's class-level lists are shared by every map and are never
    modified). Idempotent; elements added afterwards need another call. Returns ``element``.
    """
    removals: list[tuple[Element, str]] = []
    maps: list[folium.Map] = []
    for parent, key, el in _walk(element):
        _check_offline_capable(el, strict)
        if isinstance(el, folium.raster_layers.TileLayer) and remove_remote_tiles and parent is not None:
            if _is_remote(str(getattr(el, "tiles", ""))):
                removals.append((parent, key))
                continue
        if isinstance(el, folium.elements.JSCSSMixin):
            el.default_js = _rewrite(el, list(el.default_js), _JS_RULES, prefix, strict)
            el.default_css = _rewrite(el, list(el.default_css), _CSS_RULES, prefix, strict)
        if isinstance(el, folium.Map):
            maps.append(el)
    for parent, key in removals:
        parent._children.pop(key, None)
    if jquery_shim:
        shim = ("jquery", static_url(JQUERY_SHIM_JS, prefix))
        for m in maps:
            js = [pair for pair in m.default_js if pair[0] != "jquery"]
            at = next((i + 1 for i, (name, _) in enumerate(js) if name == "leaflet"), 0)
            js.insert(at, shim)
            m.default_js = js

    root = element.get_root()
    if isinstance(root, Figure):
        for key, child in list(root.header._children.items()):
            if isinstance(child, (JavascriptLink, CssLink)) and _is_remote(str(child.url)):
                del root.header._children[key]
    return element


# --------------------------------------------------------------------------------------------------------------
# OfflineBasemap
# --------------------------------------------------------------------------------------------------------------

_CSS_COLOR = re.compile(r"^[#\w(),.%\s-]+$")


class OfflineBasemap(PrerenderedMacroElement):
    """Natural Earth countries, Pacific-centred, as a non-interactive layer in its own pane below overlays.

    Add it to a ``folium.Map`` (best first, before the data layers)::

        OfflineBasemap().add_to(m)                       # fetches /app/static/basemap/countries-110m...
        OfflineBasemap("50m").add_to(m)                  # finer coasts, ~0.9 MB
        OfflineBasemap(inline=True).add_to(m)            # embeds the GeoJSON (standalone HTML export)

    Land is filled (``land_color``, outlined in the same colour so that neighbours leave no hairline gaps),
    land borders between countries are drawn over it (``border_color``) and the map container gets
    ``sea_color`` as its background. The pane (``pane``, z-index ``z_index`` = 150: under the tile pane at 200,
    so real tiles, if any load, cover it, and under overlays at 400) ignores the mouse.

    In the browser the layer group is ``window[<this.get_name()>]``. If the fetch fails the map still works,
    just without land (a warning goes to the console). Fetches are shared by maps in the same page.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>#{{ this._parent.get_name() }}.leaflet-container { background: {{ this.sea_color }}; }</style>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function (map) {
                var paneName = {{ this.pane|tojson }};
                var pane = map.getPane(paneName) || map.createPane(paneName);
                pane.style.zIndex = {{ this.z_index|tojson }};
                pane.style.pointerEvents = "none";
                map.getContainer().style.background = {{ this.sea_color|tojson }};
                var renderer = (map.options.preferCanvas ? L.canvas : L.svg)({pane: paneName, padding: 0.5});
                var group = L.layerGroup([], {pane: paneName}).addTo(map);
                var draw = function (data) {
                    L.geoJSON(data, {
                        pane: paneName, renderer: renderer, interactive: false,
                        attribution: {{ this.attribution|tojson }},
                        style: {
                            stroke: true, color: {{ this.land_color|tojson }}, weight: 0.6, opacity: 1,
                            fill: true, fillColor: {{ this.land_color|tojson }}, fillOpacity: 1
                        }
                    }).addTo(group);
                    if (data && data.borders) {
                        L.geoJSON(data.borders, {
                            pane: paneName, renderer: renderer, interactive: false,
                            style: {
                                color: {{ this.border_color|tojson }}, weight: {{ this.border_weight|tojson }},
                                opacity: 1, fill: false, lineJoin: "round", lineCap: "round"
                            }
                        }).addTo(group);
                    }
                };
            {%- if this.inline %}
                draw({{ this.inline_data() }});
            {%- else %}
                var url = {{ this.resolved_url()|tojson }};
                var cache = window.__c2cBasemapCache = window.__c2cBasemapCache || {};
                if (!cache[url]) {
                    cache[url] = fetch(url).then(function (response) {
                        if (!response.ok) { throw new Error("HTTP " + response.status); }
                        return response.json();
                    });
                }
                cache[url].then(draw).catch(function (error) {
                    delete cache[url];
                    console.warn("C2C Atlas: basemap not loaded from " + url + ": " + error);
                });
            {%- endif %}
                return group;
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        resolution: str = "110m",
        *,
        inline: bool = False,
        url: str | None = None,
        prefix: str | None = None,
        land_color: str = "#e2e2dc",
        border_color: str = "#ffffff",
        sea_color: str = "#d5e8f5",
        border_weight: float = 0.8,
        pane: str = "c2cBasemap",
        z_index: int = 150,
        attribution: str = "Natural Earth",
    ):
        super().__init__()
        self._name = "OfflineBasemap"
        basemap.basemap_path(resolution)  # validates the resolution
        for value in (land_color, border_color, sea_color):
            if not _CSS_COLOR.match(value):
                raise ValueError(f"not a CSS colour: {value!r}")
        if not re.fullmatch(r"[A-Za-z][\w-]*", pane):
            raise ValueError(f"bad pane name {pane!r}")
        self.resolution = resolution
        self.inline = inline
        self.url = url
        self.prefix = prefix
        self.land_color = land_color
        self.border_color = border_color
        self.sea_color = sea_color
        self.border_weight = float(border_weight)
        self.pane = pane
        self.z_index = int(z_index)
        self.attribution = attribution

    @property
    def relpath(self) -> str:
        return f"basemap/countries-{self.resolution}.pacific.geojson"

    def resolved_url(self) -> str:
        """Where the browser fetches the GeoJSON from (``url`` if given, else under ``prefix``)."""
        return self.url if self.url is not None else static_url(self.relpath, self.prefix)

    def inline_data(self) -> str:
        """The GeoJSON as a JS expression, safe inside a ``<script>`` element."""
        return _escape_script(basemap.basemap_text(self.resolution))


def basemap_layer_js(map_var: str, **options) -> str:
    """The JS that :class:`OfflineBasemap` emits, for a Leaflet map held in the JS variable ``map_var``."""
    layer = OfflineBasemap(**options)

    class _Parent:
        @staticmethod
        def get_name() -> str:
            return map_var

    layer._parent = _Parent()  # type: ignore[assignment]
    return layer._template.module.script(layer)


# --------------------------------------------------------------------------------------------------------------
# Standalone HTML
# --------------------------------------------------------------------------------------------------------------

_SCRIPT_SRC = re.compile(r"<script\b([^>]*?)\bsrc\s*=\s*([\"'])(?P<url>[^\"']*)\2([^>]*)>\s*</script\s*>", re.I)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_HREF = re.compile(r"\bhref\s*=\s*([\"'])(?P<url>[^\"']*)\1", re.I)
_CSS_URL = re.compile(r"url\(\s*([\"']?)(?P<url>[^\"')]+)\1\s*\)", re.I)

_ASSET_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}


class _AssetCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        wanted = _ASSET_ATTRIBUTES.get(tag, ())
        for name, value in attrs:
            if name in wanted and value:
                self.found.append((tag, name, value))

    handle_startendtag = handle_starttag


def asset_urls(html: str) -> list[tuple[str, str, str]]:
    """``(tag, attribute, url)`` of every resource an HTML document loads by tag (script src, link href, img src,
    ...). Text inside ``<script>``/``<style>`` is not markup and is not looked at."""
    collector = _AssetCollector()
    collector.feed(html)
    collector.close()
    return collector.found


def external_asset_urls(html: str) -> list[str]:
    """The URLs from :func:`asset_urls` that point at another host (``http:``, ``https:``, ``//``)."""
    return [url for _, _, url in asset_urls(html) if _is_remote(url)]


def _escape_script(text: str) -> str:
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _escape_style(text: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.I)


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0]
    if path.suffix == ".geojson":
        kind = "application/geo+json"
    kind = kind or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


class _Inliner:
    def __init__(self, static_dir: Path, prefix: str, strict: bool):
        self.static_dir = static_dir.resolve()
        self.prefix = prefix.rstrip("/") + "/"
        self.strict = strict

    def local_path(self, url: str) -> Path | None:
        if not url.startswith(self.prefix):
            return None
        rel = url[len(self.prefix):].split("?", 1)[0].split("#", 1)[0]
        path = (self.static_dir / rel).resolve()
        if self.static_dir not in path.parents or not path.is_file():
            message = f"{url} is not a file under {self.static_dir}"
            if self.strict:
                raise FileNotFoundError(message)
            warnings.warn(message, stacklevel=4)
            return None
        return path

    def script(self, match: re.Match[str]) -> str:
        path = self.local_path(match["url"])
        if path is None:
            return match[0]
        code = path.read_text(encoding="utf-8")
        out = f"<script>{_escape_script(code)}</script>"
        if path.as_posix().endswith(LEAFLET_JS):
            out += self.leaflet_icons(path.parent)
        return out

    def leaflet_icons(self, leaflet_dir: Path) -> str:
        # Leaflet finds its marker images through the path of url(images/marker-icon.png) in leaflet.css, which
        # fails for data: URIs; give it the images directly instead.
        images = leaflet_dir / "images"
        options = {}
        for option, name in (("iconUrl", "marker-icon.png"), ("iconRetinaUrl", "marker-icon-2x.png"),
                             ("shadowUrl", "marker-shadow.png")):
            if (images / name).is_file():
                options[option] = _data_uri(images / name)
        if not options:
            return ""
        entries = ",".join(f'{k}:"{v}"' for k, v in options.items())
        return f"<script>L.Icon.Default.imagePath=\"\";L.Icon.Default.mergeOptions({{{entries}}});</script>"

    def link(self, match: re.Match[str]) -> str:
        tag = match[0]
        if not re.search(r"\brel\s*=\s*([\"'])stylesheet\1", tag, re.I):
            return tag
        href = _HREF.search(tag)
        path = self.local_path(href["url"]) if href else None
        if path is None:
            return tag
        css = path.read_text(encoding="utf-8")
        return f"<style>{_escape_style(self.css_urls(css, path.parent))}</style>"

    def css_urls(self, css: str, base: Path) -> str:
        def replace(m: re.Match[str]) -> str:
            url = m["url"].strip()
            if url.startswith(("data:", "#")) or _is_remote(url):
                return m[0]
            if url.startswith("/"):
                path = self.local_path(url)
            else:
                path = (base / url.split("?", 1)[0].split("#", 1)[0]).resolve()
                if not path.is_file():
                    path = None
            return m[0] if path is None else f'url("{_data_uri(path)}")'

        return _CSS_URL.sub(replace, css)

    def leftover(self, match: re.Match[str]) -> str:
        path = self.local_path(match["url"])
        return match[0] if path is None else f"{match[1]}{_data_uri(path)}{match[1]}"


def inline_assets(
    html: str,
    *,
    static_dir: Path | str = STATIC_DIR,
    prefix: str | None = None,
    strict: bool = True,
) -> str:
    """Return ``html`` with every local asset (URLs under ``prefix``, default ``LOCAL_STATIC_PREFIX``) inlined.

    ``<script src>`` becomes an inline ``<script>``; ``<link rel=stylesheet>`` becomes ``<style>`` with the
    ``url(...)`` images (Leaflet's layer and marker icons, the fullscreen icon) as ``data:`` URIs; Leaflet is
    told where its default marker images are. Any other quoted reference to a local file -- the URL an
    :class:`OfflineBasemap` fetches, say -- becomes a ``data:`` URI (``fetch`` accepts those; ``inline=True``
    is smaller). Missing files raise ``FileNotFoundError`` when ``strict``. Remote URLs are left alone: check
    the result with :func:`external_asset_urls`.
    """
    prefix = LOCAL_STATIC_PREFIX if prefix is None else prefix
    inliner = _Inliner(Path(static_dir), prefix, strict)
    html = _SCRIPT_SRC.sub(inliner.script, html)
    html = _LINK_TAG.sub(inliner.link, html)
    leftover = re.compile(r"([\"'`])(?P<url>" + re.escape(inliner.prefix) + r"[^\"'`\s]*)\1")
    return leftover.sub(inliner.leftover, html)


def standalone_html(element: Element, *, prefix: str | None = None, title: str | None = None) -> str:
    """One self-contained HTML document for a folium Map (or Figure): works from a file, with no network.

    Makes the map offline (:func:`make_offline`), renders it with every :class:`OfflineBasemap` embedding its
    GeoJSON, and inlines the assets (:func:`inline_assets`). Raises :class:`OfflineAssetError` if something
    would still be loaded from the network.
    """
    make_offline(element, prefix=prefix)
    root = element.get_root()
    if not isinstance(root, Figure):
        raise TypeError("the element must be in a branca Figure (a folium.Map always is)")
    layers = [el for _, _, el in _walk(root) if isinstance(el, OfflineBasemap)]
    saved = [(layer, layer.inline) for layer in layers]
    old_title = getattr(root, "title", None)
    try:
        for layer in layers:
            layer.inline = True
        if title is not None:
            root.title = title
        html = root.render()
    finally:
        for layer, inline in saved:
            layer.inline = inline
        if title is not None:
            root.title = old_title
    html = inline_assets(html, prefix=prefix)
    remote = external_asset_urls(html)
    if remote:
        raise OfflineAssetError(f"the page would still load {remote}")
    return html
