"""Concurrent users benchmark: N browser sessions on loopback changing filters for a bounded time.

Reports errors (a session that drew lines for filters other than its own, a crash, an outside request),
the number of filter changes verified, and the server's memory growth.

    .venv/bin/python -m bench.concurrency --sessions 20 --duration 120 [--json bench/concurrency.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

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

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of filter changes (bounded)")
    parser.add_argument("--max-rounds", type=int, default=50, help="upper bound on changes per session")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    if not chromium_available():
        print("skipped: Chromium is not installed (apt-get install chromium)")
        return 0
    dataset = load_dataset(ROOT / "data")
    with streamlit_server() as base:
        pid = SERVER_PROCESSES[base].pid
        before = rss_kib(pid)
        started = time.monotonic()
        reports = asyncio.run(run_sessions(CHROMIUM, CHROMIUM_ARGS, base, dataset, sessions=args.sessions,
                                           rounds=args.max_rounds, timeout=300, duration=args.duration))
        elapsed = time.monotonic() - started
        after = rss_kib(pid)
    errors = [e for r in reports for e in r.errors]
    figures = {"sessions": args.sessions, "duration_s": round(elapsed, 1),
               "filter_changes_verified": sum(r.checks for r in reports), "errors": len(errors),
               "server_rss_before_mib": round(before / 1024, 1), "server_rss_after_mib": round(after / 1024, 1),
               "server_rss_growth_mib": round((after - before) / 1024, 1)}
    for key, value in figures.items():
        print(f"{key:28} {value}")
    for error in errors[:10]:
        print("ERROR", error)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
