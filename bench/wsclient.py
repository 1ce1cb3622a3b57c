"""A Streamlit session driven over its websocket the way the browser drives it, without a browser.

The client opens ``/_stcore/stream``, asks for the first run with the page's query string, and then changes the
sidebar's country picker by sending the widget's new value in a ``rerun_script`` message, exactly what the
frontend sends when a person picks a country. Every run's map payload (the feature group the map component is
sent) is read back and compared with the lines the session's *own* selection must draw, so a payload meant for
another session, or a stale one, is an error.

Used by bench/concurrency.py and tests/deploy (through nginx, with a replica killed mid-run).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_DATA = re.compile(r"C2CAtlas\.render\(\w+, (\{.*\})\);", re.DOTALL)  # as tests/pages/conftest.py reads it


class RunFailed(Exception):
    pass


@dataclass
class RunResult:
    pairs: set[tuple[str, str]] | None  # None: this run sent no map payload
    widgets: dict[str, object]  # user key -> the element proto of widgets seen in the run
    seconds: float


def _pairs(payload: dict) -> set[tuple[str, str]]:
    """The pairs the map draws from a payload as sent (packed tables; a one-year view carries every year)."""
    from c2c.map.mapview import unpack_tables
    from tests.conftest import compact_pairs, year_view

    return compact_pairs(year_view(unpack_tables(payload)))


def _widget_key(widget_id: str) -> str:
    return widget_id.rsplit("-", 1)[-1] if widget_id.startswith("$$ID") else widget_id


class Session:
    """One browser tab's worth of Streamlit session on a websocket."""

    def __init__(self, base: str, query: dict[str, str], cookie: str | None = None):
        self.cookie = cookie  # like a browser's c2c_replica cookie: keeps the session on one replica behind nginx
        self.url = base.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.query_string = urlencode(query)
        self.ws = None
        self.widgets: dict[str, object] = {}
        self.page_script_hash = ""

    async def connect(self, timeout: float = 30.0) -> None:
        headers = {"Cookie": f"c2c_replica={self.cookie}"} if self.cookie else None
        self.ws = await asyncio.wait_for(websockets.connect(self.url, max_size=2**26, open_timeout=timeout,
                                                            subprotocols=["streamlit"], additional_headers=headers),
                                         timeout)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, widget_states: list | None = None, timeout: float = 60.0) -> RunResult:
        """Send a rerun (the first one, or one with changed widgets) and read until the script finishes."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        for widget in widget_states or []:
            state.widget_states.widgets.append(widget)
        started = time.monotonic()
        await self.ws.send(message.SerializeToString())
        pairs = None
        seen: dict[str, object] = {}
        deadline = started + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RunFailed("no script_finished before the timeout")
            raw = await asyncio.wait_for(self.ws.recv(), remaining)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                inner = getattr(element, which)
                widget_id = getattr(inner, "id", "")
                if widget_id:
                    seen[_widget_key(widget_id)] = inner
                if which == "component_instance" and "feature_group" in inner.json_args:
                    match = _DATA.search(json.loads(inner.json_args)["feature_group"])
                    if match:
                        pairs = _pairs(json.loads(match.group(1)))
            elif kind == "script_finished":
                if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                           ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    break
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app reran itself (st.rerun): keep reading
                raise RunFailed(f"script finished with status {msg.script_finished}")
        self.widgets.update(seen)
        return RunResult(pairs, seen, time.monotonic() - started)

    def multiselect_state(self, key: str, labels: list[str]):
        """The widget state the frontend sends when the multiselect ``key`` now shows ``labels``."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        element = self.widgets[key]
        state = WidgetState(id=element.id)
        state.string_array_value.data.extend(labels)
        return state


@dataclass
class SessionStats:
    index: int
    changes: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnects: int = 0


def run_coroutine(coroutine):
    """``asyncio.run`` on a thread of its own: works even where an event loop is already running (pytest with
    Playwright's sync API loaded)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
