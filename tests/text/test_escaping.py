"""Hostile text from the data never reaches HTML or script unescaped (domain level: what the map is sent)."""

from __future__ import annotations

import json
import re

import pytest

from c2c.core.dataset import load_dataset
from c2c.core.selection import FiscalYearSpec, Selection, select_links
from c2c.map.mapview import build_base_map, build_network_layer
from c2c.map.network import build_compact_network, build_network
from c2c.text.htmlsafe import esc, is_safe_url, json_for_script, neutralise_formula, source_html
from tests.conftest import HOSTILE, write_hostile_copy


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"t": HOSTILE["script"], "u": "\u2028"})
    assert "</script" not in text.lower() and "<" not in text and "\u2028" not in text
    assert json.loads(text)["t"] == HOSTILE["script"]


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% if 1 %}x{% endif %}", "{# c #}", "{{{", "\\{{", "a{b}c", "}}"])
def test_no_template_delimiter_survives_but_the_value_does(text):
    data = {"t": text, "list": [{"k": {"n": 1}}]}
    out = json_for_script(data)
    assert json.loads(out) == data
    assert "{{" not in out and "{%" not in out and "{#" not in out
    assert "{" not in esc(text) and "}" not in esc(text)


def test_only_http_urls_become_links():
    assert is_safe_url("https://tenbou.nies.go.jp/news/jnews/detail.php?i=33743")
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "//evil.example/x",
                "vbscript:msgbox", "000_904da772fea1721c.txt", "http://x\" onmouseover=\"alert(1)", ""]:
        assert not is_safe_url(bad)
        assert "<a " not in source_html(bad)
    assert source_html("javascript:alert(1)") == "javascript:alert(1)"


def test_spreadsheet_formulas_are_neutralised():
    for cell in ["=1+1", "+1", "-1+2", "@SUM(A1)", HOSTILE["formula"]]:
        assert str(neutralise_formula(cell)).startswith("'")
    assert neutralise_formula("北九州市") == "北九州市" and neutralise_formula(3) == 3


def test_tooltips_and_popups_escape_every_data_text(tmp_path):
    dataset = load_dataset(write_hostile_copy(tmp_path / "hostile"))
    selection = Selection(fiscal_years=FiscalYearSpec(2022, 2022))
    for lang in ("ja", "en"):
        layers = build_network(dataset, select_links(dataset, selection), lang)
        html_fields = [f["properties"][k] for kind in (layers.dated_lines, layers.nodes)
                       for f in kind["features"] for k in ("t", "p")]
        joined = "\n".join(html_fields)
        assert "<img" not in joined and "<script" not in joined and "<svg" not in joined
        assert "&lt;img src=x onerror=" in joined
        assert "onmouseover='" not in joined  # quotes are escaped too
        group = build_network_layer(build_compact_network(dataset, select_links(dataset, selection), lang))
        base = build_base_map(lang)
        base.add_child(group)
        rendered = base.get_root().render()
        # the only <script> tags are folium's own; no data text opens or closes one
        assert rendered.lower().count("</script>") == rendered.lower().count("<script")
        assert "<img src=x" not in rendered and "<svg onload" not in rendered


@pytest.mark.parametrize("text", [HOSTILE["autolink"], "WWW.EVIL.ORG", "mailto:a@b.org", "xmpp:a@b.org",
                                  "https://evil.example/?a=1", ":+1: :red[x] :material/warning:", HOSTILE["math"]])
def test_markdown_text_breaks_every_autolink_and_shortcode_but_reads_the_same(text):
    from c2c.text.mdsafe import WORD_JOINER, md_code, md_text

    out = md_text(text)
    unescaped = re.sub(r"\\(.)", r"\1", out)
    assert unescaped.replace(WORD_JOINER, "") == text  # the same text to the eye
    assert not re.search(r"(?i)www\.|[a-z0-9]:|@[\w-]|:[\w/+\\]", unescaped)  # where GFM and Streamlit start a match
    assert "$" not in out.replace("\\$", "")
    code = md_code(text + "`x`")
    assert code.startswith("`") and code.endswith("`") and code.count("`") == 2
