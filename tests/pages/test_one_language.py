"""One language at a time: every page, run in each language through the real app, shows its UI text (headings,
captions, notices, widget labels and help, table column labels, the detail view's field names, the map's
control titles) in that language only. Data text (table cells, picker options, names, titles) is not checked
here: data that exists only in the other language is marked as such (tests/text/test_marked_fallback.py)."""

from __future__ import annotations

import json
import re

import pytest

from c2c.text import i18n
from tests.pages.conftest import map_component, run_app

PAGES = ["pages/map.py", "pages/projects.py", "pages/countries.py", "pages/sources.py"]
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
# Words that stay as they are in Japanese text: formats, encodings, proper names, codes; site names (the source
# line names a web page by its site) are data.
LATIN_OK = {"PNG", "HTML", "CSV", "JCM", "Excel", "UTF", "BOM", "CP932", "PowerPoint", "README", "URL", "FY",
            "http", "https", "C2C", "Natural", "Earth", "OpenStreetMap", "CartoDB", "Positron", "English", "IGES",
            "MOE", "Leaflet", "GeoJSON", "GIS", "PDF", "A4"}
# URL-bound code inputs carry the URL key as their label (Streamlit writes a bound widget's label into the URL).
CODE_LABELS = {"lang", "fy", "country", "jp", "q", "place", "undated", "project", "present", "tiles", "jcm"}
_ICON = re.compile(r":material/[a-z_]+:")
_CODE = re.compile(r"`[^`]*`|\?[\w=&,.\-]+|\b[\w-]+(?:\.[\w-]+)*\.(?:jp|com|org|net|us|tips|vn)\b|[\w./-]+\.(?:csv|md|json)\b|\b\d{4}-\d{4}\b|\b[a-z]{2}-[a-z0-9-]+\b")
_TAG = re.compile(r"<[^>]+>")


def ui_texts(at) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind in ("markdown", "caption", "header", "subheader", "title", "warning", "info", "error", "success"):
        for element in at.get(kind):
            out.append((kind, element.proto.body))
    for kind in ("selectbox", "multiselect", "radio", "text_input", "checkbox", "toggle", "button",
                 "download_button", "button_group", "slider", "select_slider", "expander", "tab", "metric",
                 "popover"):
        for element in at.get(kind):
            proto = element.proto
            label = getattr(proto, "label", "")
            if not (kind == "text_input" and label in CODE_LABELS) and not (kind == "radio" and label == "lang"):
                out.append((kind, label))
            for attr in ("help", "placeholder"):
                value = getattr(proto, attr, "")
                if value and not (kind == "text_input" and attr == "placeholder"):  # code examples
                    out.append((f"{kind}.{attr}", value))
    for frame in at.dataframe:
        for column in json.loads(frame.proto.columns or "{}").values():
            out += [("column", column[k]) for k in ("label", "help") if column.get(k)]
    for element in at.get("html"):  # the detail view and research tables: their field names and headers
        body = re.sub(r"<code>.*?</code>", "", element.proto.body, flags=re.S)  # codes of the data contract
        out += [("html", _TAG.sub("", m)) for _, m in re.findall(r"<(dt|th)[^>]*>(.*?)</\1>", body, re.S)]
    return [(kind, text) for kind, text in out if text]


def without_citations(text: str, lang: str) -> str:
    """The source line names publications (publisher, title): data, in whatever language the source has."""
    prefix = i18n.t("source_prefix", lang, sources="\x00").split("\x00")[0]
    return text.split(prefix)[0] if prefix and prefix in text else text


def foreign(text: str, lang: str) -> str | None:
    text = without_citations(_ICON.sub("", text), lang)
    if lang == "en":
        match = CJK.search(text)
        return match.group(0) if match else None
    text = _CODE.sub("", text)
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]{2,}", text) if w not in LATIN_OK]
    return " ".join(words) or None


def _runs(lang):
    yield from ((page, {"lang": lang}) for page in PAGES)
    yield "pages/projects.py", {"lang": lang, "project": "fy2022-07"}  # the detail view
    yield "pages/projects.py", {"lang": lang, "q": "hydrogen"}  # the search's matching-field column
    yield "pages/map.py", {"lang": lang, "fy": "2022"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_page_speaks_one_language(lang):
    problems = []
    for page, params in _runs(lang):
        at = run_app(params, page=page)
        at.run()
        assert not at.exception, at.exception
        texts = ui_texts(at)
        assert len(texts) > 10, (page, texts)
        problems += [(page, kind, text[:120], bad) for kind, text in texts if (bad := foreign(text, lang))]
    assert problems == [], "\n".join(map(repr, problems))


@pytest.mark.parametrize(("lang", "own", "other"), [
    ("ja", ["拡大", "縮小", "全画面表示"], ["Zoom in", "Zoom out", "Fullscreen"]),
    ("en", ["Zoom in", "Zoom out", "Fullscreen"], ["拡大", "縮小", "全画面表示"]),
])
def test_leaflet_controls_speak_the_ui_language(lang, own, other):
    at = run_app({"lang": lang}, page="pages/map.py")
    at.run()
    script = map_component(at)["script"]  # the constant base map, where the controls are created

    def present(title: str) -> bool:  # as text, or JSON-escaped inside the script
        return title in script or json.dumps(title)[1:-1] in script

    assert all(present(title) for title in own)
    assert not any(present(title) for title in other)


def test_english_only_notes_are_not_a_column_of_the_japanese_page():
    # since December 2026 every note exists in Japanese too: the Japanese page shows them as a column of its own
    ja = run_app({"lang": "ja"}, page="pages/sources.py")
    ja.run()
    labels = [c.get("label") for f in ja.dataframe for c in json.loads(f.proto.columns or "{}").values()]
    assert not any("英語" in (label or "") for label in labels)
    assert "備考" in labels
    en = run_app({"lang": "en"}, page="pages/sources.py")
    en.run()
    labels = [c.get("label") for f in en.dataframe for c in json.loads(f.proto.columns or "{}").values()]
    assert "Notes" in labels
