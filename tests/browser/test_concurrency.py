"""20 concurrent browser sessions on loopback, each changing its own filters: no errors, no leaks between them."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from c2c.core.dataset import load_dataset
from tests.browser.concurrent_sessions import run_sessions
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SERVER_PROCESSES,
    chromium_available,
    rss_kib,
    streamlit_server,
)
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser


def test_twenty_sessions_each_see_only_their_own_filters(capsys):
    if not chromium_available():
        pytest.skip("Chromium not installed")
    dataset = load_dataset(SHIPPED_DATA)
    with streamlit_server() as base:
        pid = SERVER_PROCESSES[base].pid
        before = rss_kib(pid)
        # on a thread of its own: a test before this one may have started Playwright's sync API (the session's
        # browser fixture), whose event loop keeps running on the main thread
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            reports = pool.submit(asyncio.run, run_sessions(CHROMIUM, CHROMIUM_ARGS, base, dataset, sessions=20,
                                                            rounds=2, timeout=300)).result()
        after = rss_kib(pid)
    errors = [e for r in reports for e in r.errors]
    assert errors == []
    assert sum(r.checks for r in reports) == 40
    with capsys.disabled():
        print(f"\n[concurrency] 20 sessions x 2 filter changes: server RSS {before / 1024:.0f} MiB -> "
              f"{after / 1024:.0f} MiB (+{(after - before) / 1024:.0f} MiB)")
