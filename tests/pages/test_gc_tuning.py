"""After its first run the app moves the long-lived startup objects out of the cyclic GC's way (ui/gc_tuning.py)."""

from __future__ import annotations

import gc

from tests.pages.conftest import run_app
from ui import gc_tuning


def test_the_first_run_freezes_the_startup_objects_once(monkeypatch):
    gc.unfreeze()
    monkeypatch.setattr(gc_tuning, "_frozen", False)
    assert gc.get_freeze_count() == 0
    run_app({"fy": "2022"})
    frozen = gc.get_freeze_count()
    assert frozen > 50_000  # pandas, folium, matplotlib, streamlit: ~150,000 objects in the app process
    run_app({"fy": "2019"})
    assert gc.get_freeze_count() <= frozen  # later runs freeze nothing (frozen objects can still be freed)
