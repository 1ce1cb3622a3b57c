"""What the map's frame needs for accessibility from Python: its words (for static/js/c2c-a11y.js, through the
runtime config) and a viewport that lets people zoom.

folium's map header writes ``<meta name="viewport" content="... maximum-scale=1.0, user-scalable=no">``, which
stops a phone user from zooming the map's frame and the standalone export (WCAG 1.4.4; axe ``meta-viewport``).
"""

from __future__ import annotations

import re

from branca.element import Figure

from c2c.text import i18n

ZOOMABLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
_VIEWPORT = re.compile(r"<meta\s+name=[\"']viewport[\"'][^>]*>", re.IGNORECASE)

# The frame's words, in the UI language (c2c/text/strings/<lang>/a11y.json; "fit" and the legend's words are the
# map page's own).
FRAME_KEYS = (
    "a11y_frame_title", "a11y_map_name", "a11y_roledescription", "a11y_keys", "a11y_list_button", "a11y_list_count",
    "a11y_n_pairs", "a11y_n_pairs_one", "a11y_n_places", "a11y_n_places_one",
    "a11y_list_name", "a11y_list_hint", "a11y_list_hint_export", "a11y_pairs_heading", "a11y_places_heading",
    "a11y_projects", "a11y_projects_one", "a11y_this_year", "a11y_empty", "a11y_drawn", "a11y_announce",
    "a11y_announce_projects", "a11y_announce_projects_one", "a11y_announce_project_years",
    "a11y_announce_project_years_one", "a11y_announce_countries", "a11y_announce_countries_one", "a11y_sep",
    "a11y_stop", "fit", "legend_jp", "legend_partner", "legend_undated",
)


def frame_text(lang: str) -> dict[str, str]:
    return {key: i18n.t(key, lang) for key in FRAME_KEYS}


def zoomable_viewport(figure: Figure, name: str) -> None:
    """Replace the viewport meta in the header part that the element ``name`` rendered into ``figure``."""
    part = figure.header._children.get(name)
    text = getattr(part, "text", None)
    if isinstance(text, str):
        part.text = _VIEWPORT.sub(ZOOMABLE_VIEWPORT, text)
