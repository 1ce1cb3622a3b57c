"""The app's folium map (same base map, same network layer) as one HTML file with every asset inlined: it opens
from a USB stick with no network. A page header above the map gives the title, filters, data coverage, key
figures and source; the map keeps the app's legend (without the JCM swatch: the export draws no JCM shading)
and disclaimer. Popups keep their text, but the "open in the project list" links (which point into the running
app) become plain text. Jinja delimiters in data text are defused by c2c.text.htmlsafe (esc and
json_for_script): a full folium page render evaluates element output as a template again.
"""

from __future__ import annotations

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links
from c2c.core.stats import HEADLINE_METRICS, headline
from c2c.export.captions import coverage_note, filter_summary, title_text
from c2c.map.folium_raw import RawElement
from c2c.map.network import build_compact_network
from c2c.text import i18n
from c2c.text.htmlsafe import esc

_EXPORT_STYLE = """
<style>
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; }
.c2c-export-head { flex: 0 0 auto; padding: 10px 18px 8px; border-bottom: 1px solid #d0d7de; background: #fff;
  font: 13px/1.45 "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", Meiryo, system-ui, sans-serif;
  color: #222; }
.c2c-export-head h1 { font-size: 20px; line-height: 1.3; margin: 0 0 2px; }
.c2c-export-head .c2c-sub { color: #555; margin: 0; }
.c2c-export-head .c2c-metrics { display: flex; flex-wrap: wrap; gap: 2px 22px; margin: 6px 0 4px; }
.c2c-export-head .c2c-metric b { font-size: 22px; margin-right: 5px; }
.c2c-export-head .c2c-metric span { color: #555; }
.c2c-export-head .c2c-foot { font-size: 11px; color: #666; margin: 0; }
#{map_id} { flex: 1 1 0; min-height: 240px; height: auto !important; }
</style>
"""


def _header_html(dataset: Dataset, selection: Selection, lang: str, numbers: dict[str, int]) -> str:
    """The page header above the map: title, filters and coverage, key figures, hint and source (all escaped)."""
    filters = filter_summary(dataset, selection, lang)
    sub = "  ·  ".join(p for p in (filters, coverage_note(dataset, selection, lang)) if p)
    metrics = "".join(f'<div class="c2c-metric"><b>{numbers[key]:,}</b><span>{esc(i18n.t(label, lang))}</span></div>'
                      for key, label in HEADLINE_METRICS)
    return (f'<header class="c2c-export-head"><h1>{esc(title_text(selection, lang))}</h1>'
            f'<p class="c2c-sub">{esc(sub)}</p>'
            f'<div class="c2c-metrics">{metrics}</div>'
            f'<p class="c2c-foot">{esc(i18n.t("export_html_hint", lang))}　{esc(i18n.t("source_line", lang))}</p>'
            f"</header>")


def standalone_html(dataset: Dataset, selection: Selection, lang: str = "ja") -> bytes:
    """The app's map for the selection as one self-contained HTML file (UTF-8 bytes)."""
    from c2c.map.mapview import build_base_map, build_network_layer
    from c2c.map.offline_map import external_asset_urls
    from c2c.map.offline_map import standalone_html as render_standalone

    links = select_links(dataset, selection)
    # link_base=None: popups keep the project titles as text (links into the app would be dead in a file)
    layers = build_compact_network(dataset, links, lang, link_base=None)
    fmap = build_base_map(lang, "offline", interactive=False)
    group = build_network_layer(layers, fit=True)
    group.add_to(fmap)
    if layers.bounds:  # the network layer fits too, once it finds the map; this covers a page where it cannot
        (south, west), (north, east) = layers.bounds
        fmap.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=7)
    root = fmap.get_root()
    root.header.add_child(RawElement(_EXPORT_STYLE.replace("{map_id}", fmap.get_name())),
                          name="c2c_export_style")
    root.html.add_child(RawElement(_header_html(dataset, selection, lang, headline(links))),
                        name="c2c_export_head", index=0)
    html = render_standalone(fmap, title=esc(title_text(selection, lang)))
    html = html.replace("<html>", f'<html lang="{lang}">', 1)
    remote = external_asset_urls(html)
    if remote:  # render_standalone already refuses this; never hand out a file that phones home
        raise RuntimeError(f"the standalone map would load {remote}")
    return html.encode("utf-8")
