"""Keep Python's cyclic garbage collector from pausing reruns.

With pandas, folium and matplotlib imported the process holds ~150,000 long-lived objects (modules, classes,
functions), and every full collection walks all of them: ~75 ms holding the GIL, during which the server cannot
send a run's messages. Streamlit's forced collection after every run is switched off in .streamlit/config.toml
(runner.postScriptGC); the automatic ones still came about every tenth rerun. After the first run, when the heavy
imports are done, those objects are moved to the permanent generation (gc.freeze), so a full collection only
walks what the runs create. Objects are still freed by reference counting as usual; only cycles among the frozen
startup objects are never collected, and those live for the whole process anyway.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_startup_objects() -> None:
    """Once per process: collect, then freeze everything alive (later calls do nothing)."""
    global _frozen
    with _lock:
        if _frozen:
            return
        gc.collect()
        gc.freeze()
        _frozen = True
