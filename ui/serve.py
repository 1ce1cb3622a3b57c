"""Start the dashboard warm: `python -m ui.serve [SCRIPT] [streamlit options]` (what `make run`, deploy/ and the
browser tests use) instead of `streamlit run app.py`.

Streamlit runs nothing of the app until the first visitor opens it, so the first visit after a start paid for
importing pandas, folium and the app's modules, reading and validating the CSVs, the derived tables and the first
map build (measured in bench/README.md) -- the moment a meeting watches. This does that work once, before the
server listens: a health check (`/_stcore/health`) answers only when the app is warm. Each step only fills caches
that the app's own runs use (modules in sys.modules, the shared Dataset of ui/data.py, its memoised tables, the
arc cache); nothing here renders a page or holds a session. A step that fails is logged and skipped: the app then
does that work on its first run, as before, and reports any data problem there.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("c2c.serve")


def _step(name: str, timings: dict[str, float], fn) -> None:
    start = time.perf_counter()
    try:
        fn()
    except Exception:  # a warm-up must never keep the server from starting
        log.exception("warm-up step %s failed", name)
    timings[name] = round((time.perf_counter() - start) * 1000.0, 1)


def warm_up() -> dict[str, float]:
    """Fill the caches the first run would fill; returns each step's milliseconds."""
    timings: dict[str, float] = {}

    def load() -> None:
        from ui.data import load_app_dataset

        result = load_app_dataset()
        if result.dataset is None:
            raise RuntimeError(f"no data: {result.problems[:1]}")

    def tables() -> None:
        from c2c.core.selection import Selection, select_links
        from c2c.core.stats import year_coverage
        from c2c.map.mapview import build_base_map, build_network_layer
        from c2c.map.network import build_compact_network
        from c2c.text import i18n
        from ui.data import load_app_dataset
        from ui.shell import filter_options

        dataset = load_app_dataset().dataset
        year_coverage(dataset)
        links = select_links(dataset, Selection())
        for lang in i18n.LANGS:
            filter_options(dataset, lang)
            base = build_base_map(lang)  # folium's templates, the basemap index
            base.add_child(build_network_layer(build_compact_network(dataset, links, lang), fit=False))
            base.render()

    _step("imports", timings, _import_app_modules)
    _step("dataset", timings, load)
    _step("tables", timings, tables)
    return timings


def _import_app_modules() -> None:
    """What app.py and its pages import (the heavy part of a first run: pandas, folium, streamlit-folium)."""
    import importlib

    # Not streamlit_folium (nor ui.mapui and pages.map, which import it): it declares its component when first
    # imported, and a component declared outside a script run is never registered with the server (its frame
    # would answer 404). The first run imports it in a few milliseconds once folium is loaded.
    for name in ("pandas", "folium", "folium.plugins", "branca", "jinja2", "c2c.export", "c2c.report.briefing",
                 "ui.shell", "ui.downloads", "ui.map_panel", "pages.projects", "pages.countries", "pages.sources",
                 "pages.profile"):
        importlib.import_module(name)


def leave_legacy_pages_mode() -> None:
    """Decide Streamlit's pages/ mode before the first session, as app.py would on its first run
    (ui.shell.leave_legacy_pages_mode): that run then no longer starts over."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    script = args.pop(0) if args and not args[0].startswith("-") else str(REPO_ROOT / "app.py")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    timings = warm_up()
    log.info("warm in %s ms: %s", round(sum(timings.values())), timings)
    leave_legacy_pages_mode()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", script, *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
