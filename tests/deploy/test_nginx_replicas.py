"""Replicas behind a real nginx on loopback (deploy/): sticky websockets, the health check, a private metrics
endpoint, and a replica killed mid-run whose sessions come back, through the proxy, to the same view."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from bench.replicas import nginx_available, nginx_cluster
from bench.wsclient import run_coroutine
from c2c.core.dataset import load_dataset
from tests.conftest import SHIPPED_DATA

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not nginx_available(), reason="nginx is not installed (apt-get install nginx)")]


def test_health_through_the_proxy_and_metrics_kept_private():
    with nginx_cluster(2) as cluster:
        with urllib.request.urlopen(cluster.base + "/_stcore/health", timeout=5) as response:
            assert response.status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(cluster.base + "/_stcore/metrics", timeout=5)
        assert refused.value.code == 404
        with urllib.request.urlopen(cluster.base + "/", timeout=5) as response:
            assert "c2c_replica=" in response.headers.get("Set-Cookie", "")  # the sticky cookie


def test_killing_a_replica_mid_run_loses_no_session_and_sends_no_wrong_payload():
    from bench.concurrency import drive

    dataset = load_dataset(SHIPPED_DATA)
    with nginx_cluster(2) as cluster:
        results, elapsed = run_coroutine(drive(cluster.base, dataset, sessions=8, duration=12.0, kill_after=4.0,
                                             kill=lambda: cluster.kill(0)))
    errors = [e for r in results for e in r.errors]
    assert errors == []
    assert sum(r.reconnects for r in results) > 0  # some sessions were on the killed replica
    assert all(r.changes > 0 for r in results)  # and every session kept working
