"""Real-browser fixtures: a Streamlit server on loopback and Debian's Chromium driven by Playwright.

Every request that does not go to the loopback server is blocked and recorded, so a test can assert that the
page works with no network and asks for nothing outside the machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CHROMIUM = os.environ.get("C2C_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:",
                  "about:", "file:")

pytestmark = pytest.mark.browser

# base URL -> the server's process, so memory can be read from /proc/<pid>/status
SERVER_PROCESSES: dict[str, subprocess.Popen] = {}


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(app: str = "app.py", env: dict[str, str] | None = None, timeout: float = 60.0):
    """Start the app as `make run` does (`python -m ui.serve`: warm, then `streamlit run`) on a free loopback port;
    yield its base URL; stop it afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "ui.serve", str(REPO_ROOT / app), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=REPO_ROOT, env={**os.environ, **(env or {})},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("streamlit exited:\n" + (process.stdout.read() if process.stdout else ""))
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not become healthy in time")
        SERVER_PROCESSES[base] = process
        yield base
    finally:
        SERVER_PROCESSES.pop(base, None)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        pytest.skip("Chromium not installed (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def app_server():
    if not chromium_available():
        pytest.skip("Chromium not installed")
    with streamlit_server() as base:
        yield base


class OfflinePage:
    """A Playwright page whose requests to anything but loopback are aborted and recorded."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", self._dialog)

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def map_frame(self, timeout: float = 30_000):
        """The st_folium iframe, once Leaflet has drawn the network layer."""
        page = self.page
        page.wait_for_selector("iframe[title*='st_folium'], iframe[title*='streamlit_folium']", timeout=timeout)
        handle = page.query_selector("iframe[title*='st_folium'], iframe[title*='streamlit_folium']")
        frame = handle.content_frame()
        frame.wait_for_function("() => window.map && window.feature_group && window.feature_group.length > 0 "
                                "&& window.feature_group[0].c2c", timeout=timeout)
        return frame


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="ja-JP")
    page = context.new_page()
    wrapper = OfflinePage(page)
    yield wrapper
    context.close()


def rss_kib(pid: int) -> int:
    """Resident memory of a process (Linux), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# Opens every pair's and place's popup through the map runtime (static/js/c2c-map.js) and renders each hover
# text as Leaflet would (innerHTML); returns how many were opened and leaves their text in window.__opened.
OPEN_EVERYTHING = """() => {
    const A = window.C2CAtlas, c = A.current, texts = [];
    const show = html => { const d = document.createElement("div"); d.className = "c2c-test-hover"; d.innerHTML = html;
                           document.body.appendChild(d); texts.push(d.textContent); };
    c.lineLayers.forEach(l => {
        const ll = l.getLatLngs();
        texts.push(A.openPairPopup([l], ll[Math.floor(ll.length / 2)]).getElement().textContent);
        show(A.hoverHtml([l]));
    });
    c.nodes.eachLayer(m => {
        texts.push(A.openPlacePopup(m).getElement().textContent);
        show(A.nodeHoverHtml(m.feature.properties.index));
    });
    window.__opened = texts.join("\\n");
    return texts.length;
}"""


def drawn_counts(frame) -> dict:
    """What Leaflet actually holds in the network layer, read from the live map."""
    return frame.evaluate("""() => {
        const g = window.feature_group[window.feature_group.length - 1].c2c;
        const pairs = [];
        g.dated.eachLayer(l => pairs.push(l.feature.properties.jp + '|' + l.feature.properties.partner));
        g.undated.eachLayer(l => pairs.push(l.feature.properties.jp + '|' + l.feature.properties.partner));
        return {dated: g.dated.getLayers().length, undated: g.undated.getLayers().length,
                nodes: g.nodes.getLayers().length, pairs: pairs};
    }""")
