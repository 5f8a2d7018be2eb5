"""Bounded load test: concurrency 32 for 60 s over loopback, errors and memory over time.

Usage (after `reviewguard train`, like benchmarks/http_serving.py):

    python benchmarks/load.py --seconds 60 --concurrency 32

Starts `reviewguard serve` on a free loopback port, sends simulated reviews (one item per
request, plus every tenth request with 20 items, some with a buyer id so that the ledger
writes too) from ``--concurrency`` keep-alive connections, stops by itself after ``--seconds``,
and samples every ``--every`` seconds the resident memory of the whole server process tree.
At the end: requests, errors, latency, the memory series, and the growth from the end of the
warm-up (``--warmup`` s) to the end of the run (flat = a few percent at most).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

from http_serving import (
    Result,
    build_request,
    drive,
    machine,
    ours_body,
    simulated_reviews,
    start_ours,
)


async def run(server, payloads: list[bytes], *, concurrency: int, seconds: float,
              every: float) -> tuple[Result, list[tuple[float, float]]]:
    """Drive the server and sample its memory meanwhile: (result, [(elapsed s, RSS MB), ...])."""
    samples = [(0.0, server.tree_rss_mb())]
    task = asyncio.create_task(drive(server.port, payloads, concurrency=concurrency, seconds=seconds))
    started = time.perf_counter()
    while not task.done():
        await asyncio.wait({task}, timeout=every)
        samples.append((time.perf_counter() - started, server.tree_rss_mb()))
    return task.result(), samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--every", type=float, default=5, help="memory sample interval (s)")
    parser.add_argument("--reviews", type=int, default=3000)
    parser.add_argument("--warmup", type=float, default=10, help="seconds excluded from the growth figure")
    args = parser.parse_args()

    from features.settings import Settings

    settings = Settings()
    env = {**os.environ, "REVIEWGUARD_TRACKING_URI": settings.resolved_tracking_uri()}
    reviews = simulated_reviews(args.reviews, seed=11)
    for index, review in enumerate(reviews):
        if index % 7 == 0:  # some identified buyers, so the ledger is written under load as well
            order = dict(review.get("order") or {})
            order["buyer"] = {**(order.get("buyer") or {}), "buyer_id": f"load-buyer-{index % 50}"}
            review["order"] = order
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="reviewguard-load-") as tmp:
        server = start_ours(Path(tmp), env)
        try:
            print(f"server ready in {server.cold_start:.1f} s, RSS {server.tree_rss_mb():.0f} MB; "
                  f"{args.concurrency} connections for {args.seconds:g} s", flush=True)
            payloads = []
            for index in range(len(reviews)):
                items = reviews[index:index + 20] if index % 10 == 0 else [reviews[index]]
                payloads.append(build_request(server.port, "/v1/reviews/classify", ours_body(items)))
            result, samples = asyncio.run(run(server, payloads, concurrency=args.concurrency,
                                              seconds=args.seconds, every=args.every))
            print(f"\n{'t (s)':>6} {'RSS MB':>8}")
            for elapsed, rss in samples:
                print(f"{elapsed:>6.0f} {rss:>8.0f}")
            # The first seconds fill buffers and caches (the jump from the idle figure); flat means
            # no growth from the end of that warm-up to the end of the run.
            warm = [r for t, r in samples if t >= args.warmup] or [samples[-1][1]]
            first, last = warm[0], warm[-1]
            print(f"\nrequests {len(result.latencies)}  errors {result.errors} {json.dumps(result.error_kinds)}  "
                  f"req/s {result.requests_per_second:.0f}  p50 {result.percentile(50):.1f} ms  "
                  f"p99 {result.percentile(99):.1f} ms  reconnects asked by the server {result.reconnects}")
            print(f"memory: idle {samples[0][1]:.0f} MB, after {args.warmup:g} s warm-up {first:.0f} MB, "
                  f"end {last:.0f} MB, growth after warm-up {100 * (last - first) / first:+.1f} %; "
                  f"peak {max(r for _t, r in samples):.0f} MB")
            server_errors = [line for line in server.log_path.read_text(errors="replace").splitlines()
                             if '"level": "ERROR"' in line or '"level": "CRITICAL"' in line]
            print(f"server log: {len(server_errors)} ERROR lines")
        finally:
            server.stop()
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
