"""Download buttons for the current selection: slide PNG, slide deck, standalone HTML map, project CSV.

Nothing is generated while the page runs: each button gets a callable (``st.download_button(data=callable)``,
Streamlit >= 1.52), which Streamlit runs on its own thread only when the user clicks. The bytes are cached with
``st.cache_data`` under the data files' signature (mtime and size of every CSV), the selection's codes, the
language and the format, so a second click -- or another user with the same filters -- gets them at once, and
saving a CSV file makes a fresh export. ``on_click="ignore"``: a download does not rerun the page (the map keeps
its view).

Usage: ``render_downloads(ctx)`` on the map page, ``render_downloads(ctx, formats=("csv",))`` on the project list.
"""

from __future__ import annotations

import stat
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

from c2c import export as exports
from c2c.core import csvio
from c2c.core.dataset import Dataset, data_files_signature
from c2c.core.selection import Selection, selection_codes
from c2c.text import i18n

_BUTTONS = {
    "png": ("download_png", "download_png_help", ":material/image:"),
    "html": ("download_html", "download_html_help", ":material/map:"),
    "csv": ("download_csv", "download_csv_help", ":material/table_view:"),
    "pptx": ("download_pptx", "download_pptx_help", ":material/slideshow:"),
    "xlsx": ("download_xlsx", "download_xlsx_help", ":material/grid_on:"),
    "geojson": ("download_geojson", "download_geojson_help", ":material/public:"),
}
_SLIDE_FORMATS = ("png", "pptx")
_PER_LABELS = {"country": "deck_per_country", "year": "deck_per_year"}


def selection_code(selection: Selection) -> tuple:
    """The selection as a tuple of its URL codes (hashable; what the cache is keyed by)."""
    return tuple(sorted(selection_codes(selection).items()))


@st.cache_data(show_spinner=False, max_entries=48)
def cached_export(data_dir: str, signature: tuple, code: tuple, lang: str, fmt: str, stale: bool,
                  _dataset: Dataset, _selection: Selection, aspect: str = "16:9", per: str = "country") -> bytes:
    """The export's bytes. Arguments with a leading underscore are not hashed: ``code`` stands for the
    selection, and (``data_dir``, ``signature``, ``stale``) for the dataset."""
    return exports.export_bytes(_dataset, _selection, fmt, lang, aspect=aspect, per=per)


def export_callable(dataset: Dataset, selection: Selection, lang: str, fmt: str,
                    stale: bool = False, aspect: str = "16:9", per: str = "country") -> Callable[[], bytes]:
    data_dir = str(Path(dataset.data_dir).resolve())
    # A weak reference: Streamlit keeps a button's callable as long as its session lives (minutes after the tab
    # closes), and a strong one kept every Dataset a session had seen alive after a save of the data.
    dataset_ref = weakref.ref(dataset)

    def generate() -> bytes:
        current = dataset_ref()
        if current is None:  # the data was saved since the page ran: export what is loaded now
            from ui.data import load_app_dataset

            current = load_app_dataset().dataset
        return cached_export(data_dir, data_files_signature(data_dir), selection_code(selection), lang, fmt, stale,
                             current, selection, aspect, per)

    return generate


def _slide_options(lang: str, key_prefix: str, deck: bool) -> tuple[str, str]:
    """The slide shape (16:9 / 4:3) and, for the deck, one slide per country or per year."""
    row = st.container(horizontal=True)
    aspect = row.segmented_control(i18n.t("slide_aspect", lang), exports.ASPECTS, default=exports.ASPECTS[0],
                                   key=f"{key_prefix}_aspect") or exports.ASPECTS[0]
    per = exports.PER_CHOICES[0]
    if deck:
        per = row.segmented_control(i18n.t("deck_per", lang), exports.PER_CHOICES, default=per,
                                    format_func=lambda choice: i18n.t(_PER_LABELS[choice], lang),
                                    key=f"{key_prefix}_per") or per
    return aspect, per


def render_downloads(ctx, formats: Sequence[str] = ("png", "pptx", "html", "csv", "xlsx", "geojson"), *,
                     key_prefix: str = "download") -> None:
    """One download button per format, side by side (with the slide options when a slide format is offered).
    ``ctx`` is a :class:`ui.shell.PageContext`."""
    formats = [fmt for fmt in formats if fmt in _BUTTONS]
    if not formats:
        return
    stale = bool(getattr(getattr(ctx, "load", None), "stale", False))
    aspect, per = "16:9", "country"
    if any(fmt in _SLIDE_FORMATS for fmt in formats):
        aspect, per = _slide_options(ctx.lang, key_prefix, "pptx" in formats)
    row = st.container(horizontal=True)  # not st.columns: fewer elements to send and re-render on every rerun
    for fmt in formats:
        label, help_key, icon = _BUTTONS[fmt]
        row.download_button(
            i18n.t(label, ctx.lang),
            data=export_callable(ctx.dataset, ctx.selection, ctx.lang, fmt, stale,
                                 *((aspect, per) if fmt in _SLIDE_FORMATS else ())),
            file_name=exports.default_filename(fmt, ctx.selection, ctx.lang, aspect, per),
            mime=exports.MIME_TYPES[fmt],
            key=f"{key_prefix}_{fmt}",
            help=i18n.t(help_key, ctx.lang),
            icon=icon,
            on_click="ignore",
            width="stretch",
        )


def raw_file_download(path: Path) -> tuple[Callable[[], bytes] | None, str]:
    """(a callable giving the file's bytes, "") for a raw data file that may be offered, else (None, the i18n
    key saying why not).

    Only a regular file (not a symbolic link, a device or a FIFO) within the size limit is offered, checked
    now without reading it; the bytes are read only when the user clicks (``st.download_button(data=callable)``),
    again without following links and within the limit, so a 300 MB file is not read on every page run.
    """
    try:
        info = path.lstat()
    except OSError:
        return None, "raw_reason_special"
    if stat.S_ISLNK(info.st_mode):
        return None, "raw_reason_link"
    if not stat.S_ISREG(info.st_mode):
        return None, "raw_reason_special"
    if info.st_size > csvio.MAX_FILE_BYTES:
        return None, "raw_reason_large"
    return (lambda: csvio.read_bounded(path, follow_symlinks=False)), ""
