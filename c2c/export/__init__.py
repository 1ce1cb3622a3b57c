"""Exports of the current selection: a slide PNG, a PowerPoint deck, a standalone HTML map and a project CSV.

No streamlit import: ``python -m c2c export`` and the app's download buttons (``ui/downloads.py``) share this.
All draw from the same code as the map (:mod:`c2c.map.network`, :func:`c2c.core.stats.headline`), so an export
shows what the dashboard shows for the same filters.

- :mod:`c2c.export.captions`: the title, filter summary, coverage note and source line every export carries.
- :mod:`c2c.export.csvfile`: one row per selected project, Excel-safe.
- :mod:`c2c.export.html_page`: the app's folium map as one self-contained HTML file.
- :mod:`c2c.export.slide`: the 16:9 or 4:3 PNG drawn with matplotlib; :mod:`c2c.export.extent` chooses what its
  map shows (insets for far partners) and :mod:`c2c.export.labels` places its labels (both pure geometry).
- :mod:`c2c.export.deck`: a python-pptx deck (title, map, a slide per country or year, the project table).
- :mod:`c2c.export.xlsx`: projects, pairs, sources and README sheets, values only; :mod:`c2c.export.geojson`: the
  lines (as drawn) and places as a FeatureCollection.
- :mod:`c2c.export.sheet`: a profile's A4 briefing sheet (PDF, WeasyPrint), written by :func:`c2c.export.sheet.export_sheet`.

:func:`export` writes any of them atomically (:func:`c2c.core.csvio.atomic_write_bytes`): the bytes are generated
first, so a failure never leaves a half-written file; write failures raise :class:`OSError` naming the path.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

from c2c.core.csvio import atomic_write_bytes
from c2c.core.dataset import Dataset
from c2c.core.selection import Selection

FORMATS = ("png", "html", "csv", "pptx", "xlsx", "geojson")
MIME_TYPES = {"png": "image/png", "html": "text/html", "csv": "text/csv", "geojson": "application/geo+json",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
ASPECTS = ("16:9", "4:3")  # the slide PNG and the deck (c2c.export.slide.ASPECTS has their sizes)
PER_CHOICES = ("country", "year")  # the deck: one slide per selected country or per fiscal year


def default_filename(fmt: str, selection: Selection, lang: str = "ja", aspect: str = "16:9",
                     per: str = "country") -> str:
    """A file name that says what is in the file, e.g. ``c2c-atlas_FY2022_VN.png``; ASCII only. A deck's name
    says how its slides are split (``_by-country`` / ``_by-year``): the two decks of one selection differ."""
    _check_format(fmt)
    if fmt == "pptx" and per not in PER_CHOICES:
        raise ValueError(f"unknown per {per!r} (expected one of {', '.join(PER_CHOICES)})")
    spec = selection.fiscal_years
    parts = ["c2c-atlas", "all-years" if spec.is_all else f"to-FY{spec.end}" if spec.is_cumulative else f"FY{spec.code()}"]
    if selection.countries:
        parts.append("-".join(selection.countries[:4]) + (f"-plus{len(selection.countries) - 4}"
                                                          if len(selection.countries) > 4 else ""))
    if selection.jp_ids:
        ids = [re.sub(r"^jp-", "", i) for i in selection.jp_ids]
        parts.append("-".join(ids[:3]) + (f"-plus{len(ids) - 3}" if len(ids) > 3 else ""))
    if selection.place_id:
        parts.append(selection.place_id)
    if selection.project_id:
        parts.append(selection.project_id)
    if selection.text.strip():
        parts.append("search")
    if fmt == "pptx":
        parts.append(f"by-{per}")
    if lang != "ja":
        parts.append(lang)
    if fmt in ("png", "pptx") and aspect != ASPECTS[0]:
        parts.append(aspect.replace(":", "x"))
    name = "_".join(re.sub(r"[^A-Za-z0-9.-]+", "-", p).strip("-") or "x" for p in parts)
    return name[:120] + "." + fmt


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def export_bytes(dataset: Dataset, selection: Selection, fmt: str, lang: str = "ja", *, aspect: str = "16:9",
                 per: str = "country") -> bytes:
    """The export's bytes. ``aspect`` applies to the PNG and the deck, ``per`` to the deck."""
    # imported here: the slide needs matplotlib, the HTML page folium, the deck python-pptx; a CSV needs none
    _check_format(fmt)
    if aspect not in ASPECTS:
        raise ValueError(f"unknown aspect {aspect!r} (expected one of {', '.join(ASPECTS)})")
    if fmt == "png":
        from c2c.export.slide import slide_png

        return slide_png(dataset, selection, lang, aspect)
    if fmt == "pptx":
        from c2c.export.deck import build_deck

        return build_deck(dataset, selection, lang, per=per, aspect=aspect)
    if fmt == "html":
        from c2c.export.html_page import standalone_html

        return standalone_html(dataset, selection, lang)
    if fmt == "xlsx":
        from c2c.export.xlsx import selection_xlsx

        return selection_xlsx(dataset, selection, lang)
    if fmt == "geojson":
        from c2c.export.geojson import selection_geojson_bytes

        return selection_geojson_bytes(dataset, selection, lang)
    from c2c.export.csvfile import projects_csv

    return projects_csv(dataset, selection, lang)


def export(dataset: Dataset, selection: Selection, *, fmt: str, out: str | Path, lang: str = "ja",
           aspect: str = "16:9", per: str = "country") -> Path:
    """Generate ``fmt`` for the selection and write it to ``out`` atomically; return the path written.

    The file is generated completely before anything is written, and written through a temporary file that
    is renamed into place, so ``out`` is never left half-written. Write problems raise :class:`OSError` with
    ``filename`` set to ``out`` and a message a user can act on.
    """
    _check_format(fmt)
    path = Path(out).expanduser()
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name to write", str(path))
    parent = path.parent
    if not parent.is_dir():
        reason = f"{parent} is not a folder" if parent.exists() else f"the folder {parent} does not exist"
        raise FileNotFoundError(errno.ENOENT, f"cannot write here: {reason}", str(path))
    data = export_bytes(dataset, selection, fmt, lang, aspect=aspect, per=per)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write the file: {exc.strerror or exc}", str(path)) from exc
    return path
