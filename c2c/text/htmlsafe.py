"""Escaping for every place where data text meets HTML, JavaScript or a spreadsheet.

The CSVs are edited by hand and shared between offices, so every title, name and source is untrusted text.
One module owns the rules so that tooltips, popups, tables, exports and the legend cannot drift apart.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from c2c.core.values import is_http_url

SAFE_URL_SCHEMES = ("http", "https")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def esc(value: object) -> str:
    """Text → HTML text or attribute value (quotes included).

    Braces become entities too: folium/branca compile some rendered HTML as a Jinja template again (a full-page
    render wraps every element's output in a new template), and Jinja is not sandboxed, so ``{{ ... }}`` from a
    CSV must never reach a template as a delimiter."""
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def is_safe_url(value: str) -> bool:
    """Only absolute http(s) URLs become links (the data's URL rule, c2c/core/values.py); javascript:, data: and
    relative paths stay plain text."""
    text = (value or "").strip()
    return "'" not in text and is_http_url(text)


def source_html(source: str, label: str | None = None) -> str:
    """A source as a link when it is an http(s) URL, else as escaped text."""
    text = (source or "").strip()
    if is_safe_url(text):
        return f'<a href="{esc(text)}" target="_blank" rel="noopener noreferrer">{esc(label or text)}</a>'
    return esc(text)


_JINJA_OPENERS = {"{{": "{\\u007b", "{%": "{\\u0025", "{#": "{\\u0023"}


def json_for_script(data: Any) -> str:
    """JSON that is safe inside an inline <script>: no '</script>', no HTML comment openers, no U+2028, and no
    Jinja delimiter (see :func:`esc`). In JSON, ``{{``, ``{%`` and ``{#`` can only occur inside strings (an
    object's ``{`` is followed by ``"`` or ``}``), where escaping the second character keeps the value."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return re.sub(r"\{[{%#]", lambda m: _JINJA_OPENERS[m.group(0)], text)


def neutralise_formula(value: object) -> object:
    """A spreadsheet cell that starts with = + - @ would run as a formula in Excel: prefix it with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
