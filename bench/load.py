"""A small HTTP load generator: keep-alive connections in threads, latency percentiles.

Used by the API benchmark; it runs in its own process beside the server, so on a
2-core machine it takes CPU from the server too (the figures say so).
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def line(self) -> str:
        return (
            f"{self.name:<28} {self.rps:8.1f} req/s"
            f"  p50 {self.percentile(50):6.1f} ms  "
            f"p95 {self.percentile(95):6.1f} ms  p99 {self.percentile(99):6.1f} ms  "
            f"({self.requests} requests, {self.errors} errors)"
        )

    def as_dict(self) -> dict:
        return {
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 1)
            if self.latencies_ms
            else 0.0,
            "requests": self.requests,
            "errors": self.errors,
        }


def run(
    name: str,
    base_url: str,
    paths: list[str],
    *,
    headers: dict[str, str] | None = None,
    concurrency: int = 4,
    seconds: float = 10.0,
    warmup: float = 1.0,
) -> Result:
    """Request ``paths`` round-robin from ``concurrency`` threads for ``seconds``."""
    parts = urlsplit(base_url)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    start_at = time.perf_counter() + warmup
    stop_at = start_at + seconds

    def worker(offset: int) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        i = offset
        mine: list[float] = []
        failed = 0
        while True:
            now = time.perf_counter()
            if now >= stop_at:
                break
            path = paths[i % len(paths)]
            i += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=30
                )
                ok = False
            took = (time.perf_counter() - began) * 1000
            if began >= start_at:  # the warm-up is not counted
                if ok:
                    mine.append(took)
                else:
                    failed += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(name, len(latencies), errors, seconds, latencies)


def combine(name: str, parts: list[Result]) -> Result:
    """Rounds of the same case as one result."""
    return Result(
        name,
        sum(p.requests for p in parts),
        sum(p.errors for p in parts),
        sum(p.seconds for p in parts),
        [ms for p in parts for ms in p.latencies_ms],
    )
