"""Slides that fit the selection: 16:9 and 4:3 sizes, an inset for a far partner, labels never cut (measured from
the rendered text boxes), and a source line naming only the publications of the rows shown."""

from __future__ import annotations

import html as html_lib
import io

import pytest
from PIL import Image

from c2c.cli import main
from c2c.core import sources
from c2c.core.dataset import load_dataset
from c2c.core.schema import split_source_ref
from c2c.core.selection import Selection, parse_fiscal_year, select_projects
from c2c.export import captions, html_page, slide
from c2c.text import i18n
from tests.conftest import SHIPPED_DATA

ALL = Selection()
FY2022 = Selection(fiscal_years=parse_fiscal_year("2022"))
INDONESIA_15_18 = Selection(fiscal_years=parse_fiscal_year("2015-2018"), countries=("ID",))
BROCHURE = "moe-brochure-fy2022"  # the FY2022 brochure's id in data/sources.csv


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA)


def _inside(bbox, box: slide.Box) -> bool:
    return bbox.x0 >= box.x0 - 0.5 and bbox.x1 <= box.x1 + 0.5 and bbox.y0 >= box.y0 - 0.5 and bbox.y1 <= box.y1 + 0.5


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("selection", [ALL, FY2022, Selection(jp_ids=("jp-toyama",))], ids=["all", "fy2022", "toyama"])
def test_labels_are_whole_inside_their_map_and_never_overlap(shipped, selection, lang, aspect):
    png, drawn = slide.render_slide(shipped, selection, lang, aspect)
    width, height = slide.ASPECTS[aspect]
    assert Image.open(io.BytesIO(png)).size == (width, height)
    frames = [drawn.box] + [slide.Box(*a.get_window_extent(drawn.renderer).extents)
                            for a in drawn.fig.axes[2:]]  # the main map and the insets
    boxes = []
    names = {drawn._short_place(p) for p in shipped.cities.index}  # the name, less an English "(...)" gloss
    names |= {i18n.country_name(shipped, c, lang) for c in shipped.countries.index}
    assert drawn.label_artists
    for artist in drawn.label_artists:
        text = artist.get_text()
        assert "…" not in text  # never shortened
        assert text in names or any(text.startswith(n) for n in names)  # a whole name (or a group of them)
        bbox = artist.get_window_extent(drawn.renderer)
        assert any(_inside(bbox, frame) for frame in frames), (text, bbox)  # not cut by a map's edge
        boxes.append(bbox)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b) or a.intersection(a, b).width < 1 or a.intersection(a, b).height < 1


def test_all_years_slide_puts_renca_in_an_inset_and_names_it(shipped):
    for aspect in ("16:9", "4:3"):
        _, drawn = slide.render_slide(shipped, ALL, "ja", aspect)
        assert len(drawn.fig.axes) == 3  # overlay, main map, one inset
        assert drawn.inset_names == ["チリ"]
        texts = [a.get_text() for a in drawn.label_artists]
        assert "サンティアゴ市レンカ区" in texts or "チリ" in texts


def test_4_3_from_the_cli(tmp_path, capsys):
    out = tmp_path / "slide.png"
    assert main(["export", "--format", "png", "--aspect", "4:3", "--fiscal-year", "2022", "--out", str(out)]) == 0
    assert Image.open(out).size == (1440, 1080)
    with pytest.raises(SystemExit) as refused:
        main(["export", "--format", "png", "--aspect", "3:2", "--out", str(out)])
    assert refused.value.code == 2


def _publication(ref: str, lang: str) -> str:
    """How the source line names a row's reference: its source's citation, without the locator."""
    shipped = load_dataset(SHIPPED_DATA)
    return sources.citation(shipped.sources, split_source_ref(str(ref))[0], lang).text


def _brochure_names(lang):
    return _publication(BROCHURE, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_indonesia_fy2015_2018_source_line_names_no_fy2022_source(shipped, lang):
    rows = select_projects(shipped, INDONESIA_15_18)
    assert len(rows) and not any(str(ref).startswith(BROCHURE) for refs in rows["source_list"] for ref in refs)
    fy2022_only = {_publication(ref, lang) for ref in shipped.projects.loc[
        shipped.projects["fiscal_year"] == 2022, "source_list"].explode()}
    shown = {_publication(ref, lang) for ref in rows["source_list"].explode()}
    fy2022_only -= shown
    line = captions.selection_source_line(shipped, INDONESIA_15_18, lang, max_chars=2000)
    assert _brochure_names(lang) not in line
    assert not [name for name in fy2022_only if name in line]
    assert all(name in line for name in shown)
    line = captions.selection_source_line(shipped, INDONESIA_15_18, lang)
    # the slide and the HTML page carry that line
    _, drawn = slide.render_slide(shipped, INDONESIA_15_18, lang)
    prefix = i18n.t("source_prefix", lang, sources="\x00").split("\x00")[0]
    first = next(prefix + name for name in shown if line.startswith(prefix + name))  # the most-cited publication
    footer = [t.get_text() for t in drawn.overlay.texts if t.get_text().startswith(line[:6])]
    assert len(footer) == 1 and footer[0].startswith(first) and _brochure_names(lang) not in footer[0]
    html = html_page.standalone_html(shipped, INDONESIA_15_18, lang).decode("utf-8")
    foot = html.split('class="c2c-foot"', 1)[1].split("</p>", 1)[0]
    assert first in html_lib.unescape(foot) and _brochure_names(lang) not in foot


def test_source_line_shortens_with_n_more_sources(shipped):
    # 140 characters until the line carried the data's date (about 35 more): the names still give way to the count
    line = captions.selection_source_line(shipped, ALL, "en", max_chars=175)
    assert len(line) <= 175 and "more sources" in line and line.endswith(f"data as of {shipped.as_of})")
    assert line.startswith("Sources: " + _brochure_names("en"))  # the most-cited publication first
    ja = captions.selection_source_line(shipped, ALL, "ja", max_chars=100)
    assert "ほか" in ja and len(ja) <= 100
    assert _brochure_names("ja") in captions.selection_source_line(shipped, FY2022, "ja")
