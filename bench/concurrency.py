"""Concurrent users over the websocket: N sessions changing filters *within* their session, as a browser does.

Each session opens the app (``?fy=2022`` for even sessions, all years for odd ones), then keeps changing its
country picker (a ``rerun_script`` with the widget's new value, bench/wsclient.py) until the time is up. Every
run's map payload is checked against the lines the session's own selection must draw. Reported: verified
changes per second, p50/p95 latency of a change (send to script finished), and the servers' resident memory
after the warm-up (every session has had its first run) and at the end.

    python -m bench.concurrency --sessions 50 --duration 40 --compare   # 1 process vs 2 replicas behind nginx
    python -m bench.concurrency --sessions 50 --duration 40 --failover  # kill one replica mid-run
    python -m bench.concurrency --sessions 20 --duration 30             # one process

Traffic goes to 127.0.0.1 only; every run is bounded by --duration.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.wsclient import Session, SessionStats
from c2c.core.dataset import Dataset, load_dataset
from tests.browser.concurrent_sessions import COUNTRY_CYCLE, expected_pairs
from tests.browser.conftest import SERVER_PROCESSES, rss_kib, streamlit_server

ROOT = Path(__file__).resolve().parent.parent


def _expected(dataset: Dataset, country: str, year: int | None) -> set[tuple[str, str]]:
    return {tuple(pair.split("|", 1)) for pair in expected_pairs(dataset, country, year)}


def _english_names(dataset: Dataset) -> dict[str, str]:
    countries = dataset.countries
    return {code: (row.name_en or row.name_ja) for code, row in countries.iterrows()}


@dataclass
class Plan:
    base: str
    sessions: int
    duration: float
    warmed: asyncio.Event
    on_warm: object = None  # called once when every session has had its first run


async def _one_session(plan: Plan, dataset: Dataset, names: dict[str, str], index: int, ready: list[int],
                       stop_at: list[float]) -> SessionStats:
    stats = SessionStats(index)
    year = 2022 if index % 2 == 0 else None
    countries = [c for c in COUNTRY_CYCLE if _expected(dataset, c, year)]
    base_query = {"lang": "en", **({"fy": str(year)} if year else {})}
    await asyncio.sleep(0.05 * index)  # people do not all arrive in the same millisecond
    country: str | None = None
    session = Session(plan.base, base_query, cookie=f"s{index}")

    async def open_session(query: dict[str, str]) -> None:
        nonlocal session
        session = Session(plan.base, query, cookie=f"s{index}")
        await session.connect()
        first = await session.run()
        expected = _expected(dataset, country, year) if country else None
        if expected is not None and first.pairs != expected:
            stats.errors.append(f"session {index}: reopened ?{session.query_string} drew {len(first.pairs or ())} "
                                f"pairs, expected {len(expected)}")

    try:
        await open_session(base_query)
    except Exception as exc:
        stats.errors.append(f"session {index}: first run failed: {type(exc).__name__}: {exc}")
        ready.append(index)
        if len(ready) == plan.sessions:
            plan.warmed.set()
        return stats
    ready.append(index)
    if len(ready) == plan.sessions:
        plan.warmed.set()
    await plan.warmed.wait()
    step = index
    while time.monotonic() < stop_at[0]:
        step += 1
        country = countries[step % len(countries)]
        expected = _expected(dataset, country, year)
        try:
            state = session.multiselect_state("country_pick", [names[country]])
            result = await session.run([state])
        except Exception as exc:  # RunFailed, a closed socket, a timeout: the replica died
            # What the browser does: reconnect (through the proxy, to a live replica) and start again from the
            # page's URL, which carries the selection.
            stats.reconnects += 1
            with contextlib.suppress(Exception):  # the socket is already gone
                await session.close()
            try:
                await open_session({**base_query, "country": country})
                continue
            except Exception as again:
                stats.errors.append(f"session {index}: reconnect failed after {type(exc).__name__}: "
                                    f"{type(again).__name__}: {again}")
                break
        stats.changes += 1
        stats.latencies.append(result.seconds)
        if result.pairs != expected:
            stats.errors.append(f"session {index} country={country} fy={year}: drew {len(result.pairs or ())} "
                                f"pairs, expected {len(expected)}")
    await session.close()
    return stats


async def drive(base: str, dataset: Dataset, sessions: int, duration: float, on_warm=None,
                kill_after: float | None = None, kill=None) -> tuple[list[SessionStats], float]:
    names = _english_names(dataset)
    plan = Plan(base, sessions, duration, asyncio.Event())
    stop_at = [float("inf")]
    ready: list[int] = []
    tasks = [asyncio.create_task(_one_session(plan, dataset, names, i, ready, stop_at)) for i in range(sessions)]
    await asyncio.wait_for(plan.warmed.wait(), timeout=300)
    if on_warm:
        on_warm()
    started = time.monotonic()
    stop_at[0] = started + duration
    if kill is not None:
        await asyncio.sleep(kill_after or duration / 2)
        kill()
    results = await asyncio.gather(*tasks)
    return results, time.monotonic() - started


def summarise(label: str, results: list[SessionStats], elapsed: float, rss_warm: float, rss_end: float) -> dict:
    latencies = sorted(x for r in results for x in r.latencies)
    changes = sum(r.changes for r in results)
    q = statistics.quantiles(latencies, n=20) if len(latencies) >= 20 else latencies or [float("nan")]
    return {
        "setup": label, "sessions": len(results), "seconds": round(elapsed, 1), "changes_verified": changes,
        "changes_per_s": round(changes / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(q[18] * 1000) if len(latencies) >= 20 else None,
        "rss_after_warmup_mib": round(rss_warm, 1), "rss_end_mib": round(rss_end, 1),
        "reconnects": sum(r.reconnects for r in results), "errors": sum(len(r.errors) for r in results),
        "first_errors": [e for r in results for e in r.errors][:5],
    }


def _rss_mib(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError):  # a killed replica
            total += rss_kib(pid) / 1024
    return total


def run_single(dataset: Dataset, sessions: int, duration: float) -> dict:
    with streamlit_server() as base:
        pids = [SERVER_PROCESSES[base].pid]
        warm: list[float] = []
        results, elapsed = asyncio.run(drive(base, dataset, sessions, duration,
                                             on_warm=lambda: warm.append(_rss_mib(pids))))
        return summarise("1 process", results, elapsed, warm[0], _rss_mib(pids))


def run_cluster(dataset: Dataset, sessions: int, duration: float, replicas: int = 2, failover: bool = False) -> dict:
    from bench.replicas import nginx_cluster

    with nginx_cluster(replicas) as cluster:
        warm: list[float] = []
        kill = (lambda: cluster.kill(0)) if failover else None
        results, elapsed = asyncio.run(drive(cluster.base, dataset, sessions, duration,
                                             on_warm=lambda: warm.append(_rss_mib(cluster.pids)),
                                             kill_after=duration / 3 if failover else None, kill=kill))
        label = f"{replicas} replicas behind nginx" + (", replica 1 killed at 1/3" if failover else "")
        return summarise(label, results, elapsed, warm[0], _rss_mib(cluster.pids))


def print_table(rows: list[dict]) -> None:
    keys = ["setup", "sessions", "seconds", "changes_verified", "changes_per_s", "p50_ms", "p95_ms",
            "rss_after_warmup_mib", "rss_end_mib", "reconnects", "errors"]
    width = max(len(k) for k in keys)
    for key in keys:
        print(f"{key:{width}}  " + "  ".join(f"{str(row[key]):>34}" for row in rows))
    for row in rows:
        for error in row["first_errors"]:
            print("ERROR", row["setup"], error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of filter changes (bounded)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--compare", action="store_true", help="1 process, then replicas behind nginx")
    parser.add_argument("--failover", action="store_true", help="replicas behind nginx, one killed mid-run")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    dataset = load_dataset(ROOT / "data")
    rows = []
    if args.compare or not args.failover:
        rows.append(run_single(dataset, args.sessions, args.duration))
    if args.compare:
        rows.append(run_cluster(dataset, args.sessions, args.duration, args.replicas))
    if args.failover:
        rows.append(run_cluster(dataset, args.sessions, args.duration, args.replicas, failover=True))
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
