"""bench/concurrency.py drives reruns inside sessions over the websocket and checks each payload against the
session's own selection (issue #14, item 13): many verified changes per session, not one page load each."""

from __future__ import annotations

import pytest

from bench.wsclient import run_coroutine
from c2c.core.dataset import load_dataset
from tests.browser.conftest import streamlit_server
from tests.conftest import SHIPPED_DATA

pytestmark = pytest.mark.browser


def test_changes_are_reruns_within_each_session_and_every_payload_is_checked():
    from bench.concurrency import drive
    from bench.wsclient import Session

    dataset = load_dataset(SHIPPED_DATA)
    warm = []
    with streamlit_server() as base:
        results, elapsed = run_coroutine(drive(base, dataset, sessions=4, duration=6.0, on_warm=lambda: warm.append(1)))

        async def one_wrong_expectation():
            session = Session(base, {"fy": "2022", "lang": "en"})
            await session.connect()
            await session.run()
            result = await session.run([session.multiselect_state("country_pick", ["Viet Nam"])])
            await session.close()
            return result.pairs

        vn_pairs = run_coroutine(one_wrong_expectation())
    assert warm == [1]  # memory is read once every session has had its first run (after imports and warm-up)
    assert all(r.errors == [] for r in results)
    assert all(r.changes >= 5 for r in results), [r.changes for r in results]  # reruns, not reloads
    assert vn_pairs and all(q.startswith("vn-") for _, q in vn_pairs)  # the payload is really read and checked
