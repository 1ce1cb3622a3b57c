"""N app processes behind a real nginx on loopback, for bench/concurrency.py and tests/deploy.

nginx is Debian's (/usr/sbin/nginx), run unprivileged with its own prefix, pid and logs in a temporary folder
and a free high port; the config is deploy/nginx.conf.template with the upstream list filled in.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.browser.conftest import SERVER_PROCESSES, free_port, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def nginx_available() -> bool:
    return Path(NGINX).exists()


def render_config(prefix: Path, listen: str, upstreams: list[str]) -> str:
    servers = "\n".join(f"        server {address} max_fails=1 fail_timeout=30s;" for address in upstreams)
    return (TEMPLATE.read_text(encoding="utf-8").replace("@@PREFIX@@", str(prefix))
            .replace("@@LISTEN@@", listen).replace("@@UPSTREAM_SERVERS@@", servers))


def _wait_healthy(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not healthy after {timeout:.0f} s")


class Cluster:
    def __init__(self, base: str, replicas: list[str], pids: list[int], prefix: Path):
        self.base = base  # the proxy's URL
        self.replicas = replicas  # each replica's own URL
        self.pids = pids
        self.prefix = prefix

    def kill(self, index: int) -> None:
        """Kill one replica at once (SIGKILL: no goodbye to its websockets)."""
        SERVER_PROCESSES[self.replicas[index]].kill()


@contextmanager
def nginx_cluster(replicas: int = 2):
    """Start ``replicas`` app processes and nginx in front of them; yield a Cluster; stop everything."""
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="c2c-nginx-") as temp:
        prefix = Path(temp)
        bases = [stack.enter_context(streamlit_server()) for _ in range(replicas)]
        pids = [SERVER_PROCESSES[base].pid for base in bases]
        port = free_port()
        config = prefix / "nginx.conf"
        config.write_text(render_config(prefix, f"127.0.0.1:{port}", [b.removeprefix("http://") for b in bases]),
                          encoding="utf-8")
        subprocess.run([NGINX, "-p", str(prefix), "-c", str(config), "-t"], check=True, capture_output=True)
        subprocess.run([NGINX, "-p", str(prefix), "-c", str(config)], check=True, capture_output=True)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base)
            yield Cluster(base, bases, pids, prefix)
        finally:
            subprocess.run([NGINX, "-p", str(prefix), "-c", str(config), "-s", "quit"], capture_output=True)
            pid_file = prefix / "nginx.pid"
            deadline = time.monotonic() + 10
            while pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
