"""Untrusted text inside Streamlit markdown (notices, captions, the map panel): shown as the text it is.

Streamlit renders markdown with GitHub's extensions and its own: ``www.x.org``, ``http://x.org`` and ``a@x.org`` in
plain text become live links even when every character is backslash-escaped (the autolinks are found in the text
after the escapes are decoded), ``:smile:`` and ``:material/home:`` become an emoji or an icon (escaped or not),
``$x$`` becomes LaTeX, ``:red[x]`` colours text. Two ways out, both checked in Chromium
(tests/browser/test_injection_browser.py):

- :func:`md_code`: a code span, for values a person may need to read exactly (a URL value that was ignored, a
  file:line problem). Nothing inside a code span is interpreted.
- :func:`md_text`: running text (a title, a place name, a source): markdown punctuation escaped, and a WORD JOINER
  (U+2060, invisible and zero-width) placed where an autolink or a shortcode would start, so that nothing matches.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&=\"'^])")
# Where GitHub's autolink literals and Streamlit's shortcodes begin: "www.", "http(s)://" (and any "scheme:"),
# "x@y", ":name:" and ":material/x:".
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=www)(?=\\\.)|(?<=[a-z0-9])(?=:)|(?<=@)|(?<=:)(?=[\w/+\\])")


def printable(value: object, limit: int | None = None, replacement: str = "?") -> str:
    """The text with every non-printable character (controls, line breaks, bidi overrides) replaced."""
    text = "".join(ch if ch.isprintable() else replacement for ch in str(value))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def md_code(value: object, limit: int = 300) -> str:
    """Untrusted text as an inert markdown code span (markdown, links, LaTeX and HTML are not interpreted)."""
    text = printable(value, limit).replace("`", "'")
    return f"`{text}`" if text.strip() else "` `"


def md_text(value: object, limit: int | None = None) -> str:
    """Untrusted text as plain running text in markdown: no links, emphasis, LaTeX, emoji, icons or HTML."""
    text = _PUNCTUATION.sub(r"\\\1", printable(value, limit, replacement=" "))
    return _AUTOLINK_STARTS.sub(WORD_JOINER, text)
