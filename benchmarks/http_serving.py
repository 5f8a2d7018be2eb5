"""HTTP benchmark: our BentoML service against `mlflow models serve` on the same champion.

Usage (after `reviewguard train`, from the folder that holds `.reviewguard/`, or with
REVIEWGUARD_HOME / REVIEWGUARD_TRACKING_URI pointing at the store):

    python benchmarks/http_serving.py --seconds 15 --concurrency 1 8 32

(The file is not called ``http.py``: a script folder is first on ``sys.path``, so a module named
``http`` there would shadow the standard library's ``http`` for ``benchmarks/batch.py``.)

It starts both servers on free loopback ports (ours with ``reviewguard serve``, MLflow's with
``--env-manager local`` on ``models:/reviewguard-review@champion``), measures cold start to
ready, then drives each with the same simulated reviews (``training.simulator``) at every
concurrency for a fixed time with keep-alive connections, and prints req/s, p50, p99 and errors
per server plus the ratio; then items/s with 100-item requests.  MLflow gets the same reviews as
``dataframe_records`` of the raw frame the logged Pipeline takes (it answers the predicted
labels; ours answers the full result with probabilities, appeal and reply).

The load generator is a minimal HTTP/1.1 client on asyncio streams so that the client costs as
little CPU as possible: on 2 cores it shares the machine with the server under test.  Like any
HTTP/1.1 client it opens a new connection after a response with ``Connection: close`` (which
our server sends to move a connection to a less busy worker); those reconnects are counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil


# --- a small keep-alive HTTP/1.1 client ------------------------------------------------------
async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, dict[str, str]]:
    """(status, body, lower-cased headers) of one response."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"])), headers
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return status, bytes(body), headers
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    return status, await reader.read(), headers


def build_request(port: int, path: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    """Raw bytes of a keep-alive POST with a JSON body."""
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{extra}\r\n").encode() + body


@dataclass
class Result:
    """Latencies (seconds) of successful requests and the count of failed ones."""

    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    # Connections the server closed with "Connection: close" (to move them to a less busy worker).
    reconnects: int = 0

    def add_error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] * 1000


async def drive(port: int, requests: Sequence[bytes], *, concurrency: int, seconds: float) -> Result:
    """Send ``requests`` round-robin from ``concurrency`` connections for ``seconds``."""
    result = Result(seconds=seconds)
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**12))

    async def worker() -> None:
        reader = writer = None
        while time.perf_counter() < deadline:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            payload = requests[next(counter) % len(requests)]
            started = time.perf_counter()
            try:
                writer.write(payload)
                status, _body, headers = await asyncio.wait_for(_read_response(reader), timeout=60)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                result.add_error(type(exc).__name__)
                writer.close()
                reader = writer = None
                continue
            if "close" in headers.get("connection", "").lower():
                # As any HTTP/1.1 client does: the next request goes on a new connection.
                result.reconnects += 1
                writer.close()
                reader = writer = None
            if status == 200:
                result.latencies.append(time.perf_counter() - started)
            else:
                result.add_error(f"HTTP {status}")
        if writer is not None:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


# --- servers --------------------------------------------------------------------------------
def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server subprocess (own process group) and where it logs."""

    name: str
    port: int
    process: subprocess.Popen
    log_path: Path
    cold_start: float = float("nan")

    def tree_rss_mb(self) -> float:
        """Resident memory of the server process and all its children, in MB."""
        try:
            root = psutil.Process(self.process.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return float("nan")
        total = 0
        for proc in tree:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        return total / 1e6

    def process_count(self) -> int:
        """Processes in the server's tree (BentoML: CLI + arbiter + workers)."""
        try:
            return 1 + len(psutil.Process(self.process.pid).children(recursive=True))
        except psutil.Error:
            return 0

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_server(name: str, command: list[str], port: int, ready_path: str, env: dict[str, str],
                 workdir: Path, timeout: float = 180) -> Server:
    """Start ``command``; return once GET ``ready_path`` answers 200 (time to that = cold start)."""
    log_path = workdir / f"{name}.log"
    started = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    server = Server(name, port, process, log_path)
    while True:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.perf_counter() - started > timeout:
            server.stop()
            raise SystemExit(f"{name} not ready after {timeout} s; log: {log_path}")
        time.sleep(0.05)
    server.cold_start = time.perf_counter() - started
    return server


def start_ours(workdir: Path, env: dict[str, str], workers: int | None = None) -> Server:
    """`reviewguard serve` on a free port (the ledger goes to a throw-away file).

    ``workers`` overrides the service's worker count (``REVIEWGUARD_WORKERS``).
    """
    port = free_port()
    env = {**env, "REVIEWGUARD_LEDGER_PATH": str(workdir / "ledger.db"), "REVIEWGUARD_HOME": str(workdir)}
    if workers:
        env["REVIEWGUARD_WORKERS"] = str(workers)
    return start_server("reviewguard", [sys.executable, "-m", "reviewguard", "serve", "--port", str(port)],
                        port, "/readyz", env, workdir)


def start_mlflow(workdir: Path, env: dict[str, str], model_uri: str, workers: int | None) -> Server:
    """`mlflow models serve --env-manager local` on the same registered model."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("mlflow")), "models", "serve", "-m", model_uri,
               "--env-manager", "local", "-h", "127.0.0.1", "-p", str(port)]
    if workers:
        command += ["-w", str(workers)]
    return start_server("mlflow", command, port, "/ping", env, workdir)


# --- payloads -------------------------------------------------------------------------------
def simulated_reviews(n: int, seed: int = 7) -> list[dict]:
    """Real-looking review items (with chat and order facts) from the training simulator."""
    from training.simulator import simulate_reviews

    return [dict(case.item, review_id=f"bench-{i}") for i, case in enumerate(simulate_reviews(n, seed=seed))]


def ours_body(items: list[dict]) -> bytes:
    """Our request body: ``{"items": [...]}``."""
    return json.dumps({"items": items}, ensure_ascii=False).encode()


def mlflow_body(items: list[dict]) -> bytes:
    """MLflow's body: the raw frame the logged Pipeline takes, as ``dataframe_records``."""
    from features.schema import ReviewItem, reviews_to_frame

    frame = reviews_to_frame([ReviewItem.model_validate(item) for item in items])
    return json.dumps({"dataframe_records": frame.to_dict(orient="records")}, ensure_ascii=False).encode()


def check_once(port: int, body: bytes, path: str) -> str:
    """One request, to fail early (with the server's answer) if a payload is not accepted."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read(300).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"POST {path} on port {port} answered {exc.code}: {exc.read(2000).decode(errors='replace')}") from None


def machine() -> str:
    """One line describing where the figures were measured."""
    memory = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()
    return (f"{platform.platform()}, {os.cpu_count()} cores, {memory:.0f} GB RAM, Python {platform.python_version()}; "
            f"load average at start {load[0]:.1f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15, help="duration of each measurement")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--batch-items", type=int, default=100, help="items per request for items/s")
    parser.add_argument("--batch-concurrency", type=int, default=4)
    parser.add_argument("--reviews", type=int, default=2000, help="distinct simulated reviews to send")
    parser.add_argument("--workers", type=int, default=None, help="our service's workers (default: as configured)")
    parser.add_argument("--mlflow-workers", type=int, default=None, help="default: MLflow's own (1)")
    parser.add_argument("--skip-mlflow", action="store_true")
    args = parser.parse_args(argv)

    from features.settings import Settings

    settings = Settings()
    # `mlflow models serve` execs `uvicorn` from PATH: put this interpreter's scripts first, as an
    # activated virtual environment would.
    env = {**os.environ, "REVIEWGUARD_TRACKING_URI": settings.resolved_tracking_uri(),
           "MLFLOW_TRACKING_URI": settings.resolved_tracking_uri(),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    model_uri = f"models:/{settings.review_model_name}@{settings.model_alias}"
    reviews = simulated_reviews(args.reviews)
    print(f"machine: {machine()}")
    print(f"model: {model_uri} in {settings.resolved_tracking_uri()}; {len(reviews)} simulated reviews; "
          f"{args.seconds:g} s per measurement")

    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="reviewguard-bench-") as tmp:
        workdir = Path(tmp)
        try:
            ours = start_ours(workdir, env, args.workers)
            servers.append(ours)
            print(f"cold start to ready: reviewguard {ours.cold_start:.1f} s (RSS {ours.tree_rss_mb():.0f} MB, "
                  f"{ours.process_count()} processes, {args.workers or settings.workers} workers)", flush=True)
            targets = [(ours, "/v1/reviews/classify", ours_body)]
            if not args.skip_mlflow:
                theirs = start_mlflow(workdir, env, model_uri, args.mlflow_workers)
                servers.append(theirs)
                print(f"cold start to ready: mlflow {theirs.cold_start:.1f} s (RSS {theirs.tree_rss_mb():.0f} MB, "
                      f"{theirs.process_count()} processes)", flush=True)
                targets.append((theirs, "/invocations", mlflow_body))
            for server, path, encode in targets:
                try:
                    check_once(server.port, encode(reviews[:2]), path)
                except SystemExit:
                    print(server.log_path.read_text(errors="replace")[-4000:])
                    raise

            print(f"\n{'server':<12} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
            table: dict[tuple[str, int], Result] = {}
            for concurrency in args.concurrency:
                for server, path, encode in targets:
                    payloads = [build_request(server.port, path, encode([r])) for r in reviews]
                    asyncio.run(drive(server.port, payloads[:50], concurrency=concurrency, seconds=1.0))  # warm-up
                    result = asyncio.run(drive(server.port, payloads, concurrency=concurrency, seconds=args.seconds))
                    table[(server.name, concurrency)] = result
                    kinds = f"  {result.error_kinds}" if result.errors else ""
                    print(f"{server.name:<12} {concurrency:>4} {result.requests_per_second:>8.0f} "
                          f"{result.percentile(50):>8.1f} {result.percentile(99):>8.1f} {result.errors:>7}{kinds}",
                          flush=True)
            # A lone client right after the heaviest burst: a batcher that learned to wait under
            # load would show it here (BentoML's adaptive batching did: p50 4 -> 20 ms).
            after = args.concurrency[0]
            for server, path, encode in targets:
                payloads = [build_request(server.port, path, encode([r])) for r in reviews]
                result = asyncio.run(drive(server.port, payloads, concurrency=after, seconds=args.seconds))
                print(f"{server.name:<12} {after:>4} {result.requests_per_second:>8.0f} "
                      f"{result.percentile(50):>8.1f} {result.percentile(99):>8.1f} {result.errors:>7}"
                      f"  (again, after concurrency {args.concurrency[-1]})", flush=True)
            if not args.skip_mlflow:
                for concurrency in args.concurrency:
                    ratio = (table[("reviewguard", concurrency)].requests_per_second
                             / max(table[("mlflow", concurrency)].requests_per_second, 1e-9))
                    print(f"ratio reviewguard/mlflow req/s at concurrency {concurrency}: {ratio:.2f}x")

            n = args.batch_items
            print(f"\nitems/s with {n}-item requests, concurrency {args.batch_concurrency}:")
            for server, path, encode in targets:
                chunks = [reviews[i:i + n] for i in range(0, len(reviews) - n + 1, n)]
                payloads = [build_request(server.port, path, encode(chunk)) for chunk in chunks]
                asyncio.run(drive(server.port, payloads[:2], concurrency=1, seconds=1.0))
                result = asyncio.run(drive(server.port, payloads, concurrency=args.batch_concurrency,
                                           seconds=args.seconds))
                print(f"{server.name:<12} {result.requests_per_second * n:>8.0f} items/s  "
                      f"(p50 {result.percentile(50):.0f} ms, p99 {result.percentile(99):.0f} ms, "
                      f"errors {result.errors}, reconnects {result.reconnects}, RSS {server.tree_rss_mb():.0f} MB)", flush=True)
        finally:
            for server in servers:
                server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
