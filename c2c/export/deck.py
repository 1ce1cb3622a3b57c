"""A PowerPoint deck of the selection, built with python-pptx: every text is editable text (Japanese included).

Slides: a title slide; the network map (the slide PNG of :mod:`c2c.export.slide` at the deck's aspect); one
slide per selected country or per fiscal year (``per``), listing its projects; the selected projects as a table,
paginated. Every slide carries the source line of the rows it shows (:mod:`c2c.export.captions`).
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from c2c.core.dataset import Dataset
from c2c.core.selection import Selection, select_links, select_projects
from c2c.core.stats import HEADLINE_METRICS, headline
from c2c.export import captions
from c2c.export.captions import coverage_note, filter_summary, title_text
from c2c.export.csvfile import project_rows
from c2c.export.slide import slide_png
from c2c.text import i18n

PER_CHOICES = ("country", "year")
ASPECTS = {"16:9": (Inches(13.333), Inches(7.5)), "4:3": (Inches(10), Inches(7.5))}
TABLE_ROWS_PER_SLIDE = 8  # at most; fewer when long titles need more lines (the rows must fit the slide)
TABLE_WIDTHS = (0.8, 4.0, 1.6, 2.0, 2.4)  # relative column widths: year, title, municipality, partner, lead
_CELL_PT = 11
ITEMS_PER_SLIDE = 9

_TEXT = RGBColor(0x22, 0x22, 0x22)
_MUTED = RGBColor(0x55, 0x55, 0x55)
_ACCENT = RGBColor(0xC0, 0x39, 0x2B)
_EA_FONT = "Yu Gothic"  # Japanese Windows' UI font; other systems substitute their own CJK font


def _set_font(run, size: float, *, bold: bool = False, color: RGBColor = _TEXT) -> None:
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea",):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", _EA_FONT)


class DeckWriter:
    """A deck of one aspect; helpers that add the building blocks used by :func:`build_deck`."""

    def __init__(self, aspect: str):
        self.prs = Presentation()
        self.width, self.height = ASPECTS[aspect]
        self.prs.slide_width, self.prs.slide_height = self.width, self.height
        self.margin = Inches(0.5)
        self.blank = self.prs.slide_layouts[6]

    def slide(self):
        return self.prs.slides.add_slide(self.blank)

    def textbox(self, slide, left, top, width, height, lines, size: float, *, bold=False, color=_TEXT,
                wrap=True):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = wrap
        for i, line in enumerate([lines] if isinstance(lines, str) else lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            _set_font(run, size, bold=bold, color=color)
        return box

    def heading(self, slide, text: str, size: float = 28) -> None:
        self.textbox(slide, self.margin, Inches(0.35), self.width - 2 * self.margin, Inches(0.9), text, size,
                     bold=True)

    def footer(self, slide, source: str) -> None:
        self.textbox(slide, self.margin, self.height - Inches(0.6), self.width - 2 * self.margin, Inches(0.45),
                     source, 10, color=_MUTED)

    def picture(self, slide, png: bytes, alt: str = "") -> None:
        picture = slide.shapes.add_picture(io.BytesIO(png), 0, 0, width=self.width, height=self.height)
        if alt:  # PowerPoint's alt text, what a screen reader reads for the picture
            picture._element.nvPicPr.cNvPr.set("descr", alt)

    @property
    def table_top(self) -> int:
        return Inches(1.25)

    @property
    def table_room(self) -> int:
        """The height the table may take: from under the heading to above the source line."""
        return self.height - self.table_top - Inches(0.8)

    def row_height(self, row: list[str], widths: tuple[float, ...] = TABLE_WIDTHS) -> int:
        """An estimate of a row's height: its longest cell's wrapped lines at the table's font size (CJK
        characters are one em wide, Latin ones about half). Rows are given this height so that every renderer
        (PowerPoint, LibreOffice) shows the whole text, and pages are filled up to the room there is."""
        width = self.width - 2 * self.margin
        lines = 1
        for value, w in zip(row, widths):
            column = width * w / sum(widths) - Inches(0.2)
            text_width = sum(Pt(_CELL_PT * 1.05) if ord(ch) > 0x2E7F else Pt(_CELL_PT * 0.6) for ch in value)
            lines = max(lines, math.ceil(text_width / column))
        return int(Pt(_CELL_PT * 1.25) * lines + Inches(0.12))

    def table(self, slide, header: list[str], rows: list[list[str]], widths: tuple[float, ...] = TABLE_WIDTHS
              ) -> None:
        heights = [self.row_height(row, widths) for row in [header] + rows]
        width = self.width - 2 * self.margin
        shape = slide.shapes.add_table(len(rows) + 1, len(header), self.margin, self.table_top, width, sum(heights))
        table = shape.table
        total = sum(widths)
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(int(width * w / total))
        for i, h in enumerate(heights):
            table.rows[i].height = Emu(h)
        for i, row in enumerate([header] + rows):
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text_frame.word_wrap = True
                paragraph = cell.text_frame.paragraphs[0]
                run = paragraph.add_run()
                run.text = value
                _set_font(run, _CELL_PT, bold=(i == 0),
                          color=RGBColor(0xFF, 0xFF, 0xFF) if i == 0 else _TEXT)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# The deck
# ---------------------------------------------------------------------------------------------------------------


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def build_deck(dataset: Dataset, selection: Selection, lang: str = "ja", *, per: str = "country",
               aspect: str = "16:9") -> bytes:
    """The deck as .pptx bytes."""
    if per not in PER_CHOICES:
        raise ValueError(f"unknown --per {per!r} (expected one of {', '.join(PER_CHOICES)})")
    if aspect not in ASPECTS:
        raise ValueError(f"unknown aspect {aspect!r} (expected one of {', '.join(ASPECTS)})")
    links = select_links(dataset, selection)
    projects = select_projects(dataset, selection)
    dated = projects[projects["fiscal_year"].notna()]
    rows = project_rows(dataset, selection, lang)
    by_id = {row["project_id"]: row for row in rows}
    deck = DeckWriter(aspect)
    all_sources = captions.publications(dataset, projects, lang)

    def source_for(frame) -> str:
        return captions.source_line(captions.publications(dataset, frame, lang), lang, max_chars=150 if aspect == "16:9"
                                    else 110, as_of=captions.data_date(dataset))

    # 1. title
    slide = deck.slide()
    numbers = headline(links)
    deck.textbox(slide, deck.margin, Inches(2.0), deck.width - 2 * deck.margin, Inches(1.6),
                 title_text(selection, lang), 34, bold=True)
    sub = [p for p in (filter_summary(dataset, selection, lang), coverage_note(dataset, selection, lang)) if p]
    deck.textbox(slide, deck.margin, Inches(3.7), deck.width - 2 * deck.margin, Inches(1.0), sub, 16,
                 color=_MUTED)
    figures = ("　" if lang == "ja" else "   ").join(
        f"{numbers[key]:,} {i18n.t(label, lang)}" for key, label in HEADLINE_METRICS)
    deck.textbox(slide, deck.margin, Inches(4.8), deck.width - 2 * deck.margin, Inches(0.8), figures, 18,
                 color=_ACCENT)
    deck.footer(slide, captions.source_line(all_sources, lang, max_chars=150, as_of=captions.data_date(dataset)))

    # 2. the map
    slide = deck.slide()
    deck.picture(slide, slide_png(dataset, selection, lang, aspect=aspect),
                 alt=i18n.t("a11y_deck_map_alt", lang, title=title_text(selection, lang), figures=i18n.join(
                     [f"{numbers[key]:,} {i18n.t(label, lang)}" for key, label in HEADLINE_METRICS], lang)))

    # 3. one slide (or more) per country or per year
    groups: list[tuple[str, list[str], tuple[str, str]]] = []  # heading, project ids, how to count them
    if per == "country":
        countries = links.groupby("country_code")["project_id"].agg(lambda s: list(dict.fromkeys(s)))
        order = sorted(countries.index, key=lambda c: (-len(countries[c]), i18n.country_name(dataset, c, lang)))
        groups = [(i18n.country_name(dataset, c, lang), countries[c], _PROJECTS) for c in order]
    else:
        for year, frame in dated.groupby("fiscal_year", sort=True):
            groups.append((i18n.t("export_fy_single", lang, year=int(year)), list(frame.index), _PROJECTS))
        undated = projects[projects["fiscal_year"].isna()]
        if len(undated):  # participation-list pairs: no project behind them, so they are counted as pairs
            groups.append((i18n.t("deck_undated", lang), list(undated.index), _PAIRS))
    order = {project_id: k for k, project_id in enumerate(by_id)}  # fiscal-year order, undated last
    for heading, ids, count_keys in groups:
        ids = sorted((i for i in dict.fromkeys(ids) if i in by_id), key=order.__getitem__)
        pages = _chunks(ids, ITEMS_PER_SLIDE)
        for page_no, page in enumerate(pages, 1):
            slide = deck.slide()
            count = count_text(count_keys, len(ids), lang)
            suffix = f" ({page_no}/{len(pages)})" if len(pages) > 1 else ""
            deck.heading(slide, f"{heading} — {count}{suffix}" if lang == "en" else f"{heading}（{count}）{suffix}")
            lines = [_item_line(by_id[i], lang) for i in page]
            deck.textbox(slide, deck.margin, Inches(1.3), deck.width - 2 * deck.margin,
                         deck.height - Inches(2.1), lines, 18 if len(lines) <= 5 else 14)
            deck.footer(slide, source_for(projects.loc[page]))
            _speaker_notes(slide, [by_id[i] for i in page])

    # 4. the projects as a table, paginated
    header = [i18n.t(k, lang) for k in ("deck_col_year", "col_title", "col_jp", "col_partners", "col_lead")]
    table_rows = [[str(r["fiscal_year"] or "—"), r["title"] or "—", r["jp_municipalities"], r["partners"],
                   r["lead_org"] or "—"] for r in rows]
    pages = _table_pages(deck, header, table_rows)
    ids_all = [r["project_id"] for r in rows]
    start = 0
    for page_no, page in enumerate(pages, 1):
        slide = deck.slide()
        suffix = f" ({page_no}/{len(pages)})" if len(pages) > 1 else ""
        deck.heading(slide, i18n.t("deck_table_heading", lang) + suffix, 24)
        if page:
            deck.table(slide, header, page)
        deck.footer(slide, source_for(projects.loc[ids_all[start:start + len(page)]]))
        start += len(page)
    return deck.to_bytes()


def _table_pages(deck: DeckWriter, header: list[str], rows: list[list[str]]) -> list[list[list[str]]]:
    """The table's rows split into pages: at most TABLE_ROWS_PER_SLIDE rows, and no more than fit the room."""
    pages: list[list[list[str]]] = [[]]
    used = deck.row_height(header)
    for row in rows:
        height = deck.row_height(row)
        if pages[-1] and (len(pages[-1]) >= TABLE_ROWS_PER_SLIDE or used + height > deck.table_room):
            pages.append([])
            used = deck.row_height(header)
        pages[-1].append(row)
        used += height
    return pages


def _speaker_notes(slide, rows: list[dict]) -> None:
    """The listed projects' notes (what the sources say and what is inferred, in the deck's language) as the
    slide's speaker notes: carried with the deck, not shown on the screen."""
    lines = [f"{row['project_id']}: {row['notes']}" for row in rows if row.get("notes")]
    if lines:
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)


_PROJECTS = ("deck_count_one", "deck_count")  # the i18n keys for one and for several
_PAIRS = ("deck_pairs_count_one", "deck_pairs_count")


def count_text(keys: tuple[str, str], n: int, lang: str) -> str:
    """``n`` things in words, in the singular for one ("1 project", "13 projects")."""
    return i18n.t(keys[0] if n == 1 else keys[1], lang, n=n)


def _item_line(row: dict, lang: str) -> str:
    undated = row["fiscal_year"] == ""
    year = i18n.t("deck_undated_short", lang) if undated else i18n.t("export_fy_single", lang,
                                                                      year=row["fiscal_year"])
    pair = f"{row['jp_municipalities']} – {row['partners']}"
    title = row["title"] or i18n.t("deck_pair_no_project" if undated else "deck_no_title", lang)
    return f"{year}　{pair}：{title}" if lang == "ja" else f"{year}  {pair}: {title}"
