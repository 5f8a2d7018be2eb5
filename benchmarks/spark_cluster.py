"""A Spark standalone cluster and an MLflow server on this machine, as separate processes.

What docs/scaling_out.md describes, as code: one MLflow tracking server (sqlite backend, artifacts
served over HTTP) as the registry the executors read from, one Spark master and N workers started
with pyspark's own ``bin/spark-class`` (the pip package of pyspark has no ``sbin/start-*.sh``), the
project built into a wheel for ``--py-files``.  ``tests/serving/test_spark_cluster.py`` uses the
same helpers, and stopping checks with psutil that no process is left.

Usage (from the repository root, in the project's venv)::

    # start everything, train the `small` models into the server, print the URLs, wait for Ctrl-C
    python benchmarks/spark_cluster.py up --workers 2

    # rows/s of `reviewguard score reviews --engine spark` with 1 and then 2 workers (one MLflow
    # server, models trained once, a new master and workers per size), and of the local engine
    python benchmarks/spark_cluster.py bench --rows 20000 60000 --workers 1 2 --local

    # score a Parquet folder with mlflow.pyfunc.spark_udf on a running cluster (no wheel needed)
    MLFLOW_TRACKING_URI=http://127.0.0.1:<port> python benchmarks/spark_cluster.py udf \
        --master spark://127.0.0.1:<port> --input reviews/ --output udf_out/

Each worker offers ``--cores-per-worker`` cores (default 1) and 2 GB to executors; on this 2-core
machine two workers share the two cores with the driver, the MLflow server and everything else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("pyproject.toml", "README.md", "features", "training", "serving", "reviewguard")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def spark_home() -> Path:
    """``SPARK_HOME``, else the pip-installed pyspark package, which is a whole Spark distribution
    (jars/, bin/spark-class, bin/spark-submit)."""
    import pyspark

    return Path(os.environ.get("SPARK_HOME") or Path(pyspark.__file__).parent)


def build_wheel(dest: Path, source: Path = ROOT) -> Path:
    """``pip wheel --no-deps`` of the project, built from a copy so the work tree gets no build/.

    The copy holds what the wheel needs (pyproject.toml, README.md and the four packages); the
    wheel is pure Python and takes ~10 s (pip builds it in an isolated environment).
    """
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reviewguard-wheel-") as scratch:
        copy = Path(scratch) / "src"
        copy.mkdir()
        for part in PROJECT_PARTS:
            origin = source / part
            if origin.is_dir():
                shutil.copytree(origin, copy / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(origin, copy / part)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(dest), str(copy)],
                       check=True, capture_output=True, text=True)
    [wheel] = sorted(dest.glob("reviewguard-*.whl"))
    return wheel


def _wait_until(check, what: str, timeout: float, processes: Iterable[Service] = ()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for service in processes:
            if service.process.poll() is not None:
                raise RuntimeError(f"{service.name} exited with {service.process.returncode}:\n{service.tail()}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.5)
    tails = "\n".join(f"--- {s.name}\n{s.tail()}" for s in processes)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s\n{tails}")


@dataclass
class Service:
    """A process started in its own session, so that it and everything it starts can be signalled."""

    name: str
    process: subprocess.Popen
    log: Path

    def tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text("utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def start_service(name: str, command: Sequence[str], log: Path, *, env: dict[str, str] | None = None,
                  cwd: Path | None = None) -> Service:
    handle = log.open("wb")
    try:
        process = subprocess.Popen(list(command), stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, cwd=cwd, start_new_session=True)
    finally:
        handle.close()
    return Service(name, process, log)


def group_members(pgids: Iterable[int]) -> list[psutil.Process]:
    """Live processes of the given process groups (zombies do not count: they run nothing)."""
    wanted, found = set(pgids), []
    for process in psutil.process_iter():
        try:
            if os.getpgid(process.pid) in wanted and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
        except (ProcessLookupError, psutil.Error):
            continue
    return found


def process_tree(pids: Iterable[int]) -> list[psutil.Process]:
    """The processes and all their descendants (PySpark's daemon starts a process group of its own)."""
    tree = []
    for pid in pids:
        try:
            root = psutil.Process(pid)
            tree += [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
    return tree


def _alive(processes: Iterable[psutil.Process]) -> list[psutil.Process]:
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.Error:
            continue
    return alive


def stop_groups(pgids: Iterable[int], *, grace: float = 15.0) -> list[psutil.Process]:
    """SIGTERM the groups (whose leaders we started with a new session) and every descendant,
    SIGKILL what is left after ``grace`` s; return the survivors (empty when all is stopped)."""
    pgids = list(pgids)
    known = {p.pid: p for p in [*process_tree(pgids), *group_members(pgids)]}

    def remaining() -> list[psutil.Process]:
        for process in group_members(pgids):
            known.setdefault(process.pid, process)
        return _alive(known.values())

    for pgid in pgids:
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in remaining():
        try:
            process.terminate()
        except psutil.Error:
            pass
    deadline = time.monotonic() + grace
    while remaining() and time.monotonic() < deadline:
        time.sleep(0.3)
    for process in remaining():
        try:
            process.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(list(known.values()), timeout=5)
    return remaining()


@dataclass
class LocalCluster:
    """An MLflow server, a Spark master and ``workers`` Spark workers on 127.0.0.1.

    Use as a context manager (``stop`` runs whatever happens) or call ``start``/``stop``.
    Everything it writes (sqlite store, artifacts, logs, the workers' work dirs) is under ``workdir``.
    """

    workdir: Path
    workers: int = 2
    cores_per_worker: int = 1
    worker_memory: str = "2g"
    mlflow: bool = True
    services: list[Service] = field(default_factory=list)
    tracking_uri: str = ""
    master_url: str = ""
    master_ui: str = ""
    leftovers: list[psutil.Process] = field(default_factory=list)

    def __enter__(self) -> LocalCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 150.0) -> None:
        """Start the MLflow server and the Spark cluster side by side; return when all are up."""
        self.start_mlflow()
        self.start_spark(timeout=timeout)
        self.wait_mlflow(timeout)

    def _env(self) -> dict[str, str]:
        env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_HOME": str(spark_home()),
               # the server's background job runner (a huey consumer) is not needed for a registry
               "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
        for key in ("MLFLOW_TRACKING_URI", "PYTHONPATH"):  # executors see only what a cluster node would
            env.pop(key, None)
        return env

    def _logs(self) -> Path:
        logs = self.workdir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        return logs

    def start_mlflow(self) -> None:
        """Start ``mlflow server`` (sqlite backend, artifacts proxied); do not wait (see ``wait_mlflow``)."""
        if not self.mlflow:
            return
        port = free_port()
        self.tracking_uri = f"http://127.0.0.1:{port}"
        mlflow_cli = Path(sys.executable).with_name("mlflow")
        self.services.append(start_service("mlflow server", [
            str(mlflow_cli), "server", "--backend-store-uri", f"sqlite:///{self.workdir / 'mlflow.db'}",
            "--artifacts-destination", str(self.workdir / "mlartifacts"), "--serve-artifacts",
            "--host", "127.0.0.1", "--port", str(port), "--workers", "1"], self._logs() / "mlflow.log",
            env=self._env(), cwd=self.workdir))

    def wait_mlflow(self, timeout: float = 150.0) -> None:
        if self.mlflow:
            _wait_until(self._mlflow_up, "mlflow server", timeout,
                        [s for s in self.services if s.name == "mlflow server"])

    def start_spark(self, workers: int | None = None, timeout: float = 150.0) -> None:
        """Start a master, then ``workers`` workers (default ``self.workers``); wait until all are ALIVE."""
        self.workers = self.workers if workers is None else workers
        env, logs = self._env(), self._logs()
        spark_class = str(spark_home() / "bin" / "spark-class")
        port, ui = free_port(), free_port()
        self.master_url, self.master_ui = f"spark://127.0.0.1:{port}", f"http://127.0.0.1:{ui}"
        master = start_service("spark master", [
            spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
            "--webui-port", str(ui)], logs / "master.log", env=env, cwd=self.workdir)
        self.services.append(master)
        # a worker that starts before the master is up waits 5-15 s before it tries again
        _wait_until(self._master_up, "spark master", timeout, [master])
        spark = [master]
        for number in range(1, self.workers + 1):
            work = self.workdir / f"worker{number}"
            work.mkdir(exist_ok=True)
            spark.append(start_service(f"spark worker {number}", [
                spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", str(self.cores_per_worker), "--memory", self.worker_memory, "--work-dir", str(work),
                "--webui-port", str(free_port()), self.master_url], logs / f"worker{number}.log", env=env,
                cwd=self.workdir))
            self.services.append(spark[-1])
        _wait_until(lambda: self.alive_workers() == self.workers, f"{self.workers} spark workers", timeout, spark)

    def stop_spark(self) -> list[psutil.Process]:
        """Stop the workers (and their executors) and the master; the MLflow server keeps running."""
        spark = [s for s in self.services if s.name.startswith("spark ")]
        survivors = stop_groups([s.process.pid for s in reversed(spark)])
        self.services = [s for s in self.services if s not in spark]
        self.leftovers += survivors
        return survivors

    def _master_up(self) -> bool:
        with urllib.request.urlopen(f"{self.master_ui}/json/", timeout=2) as answer:
            return answer.status == 200

    def _mlflow_up(self) -> bool:
        with urllib.request.urlopen(f"{self.tracking_uri}/health", timeout=2) as answer:
            return answer.status == 200

    def alive_workers(self) -> int:
        with urllib.request.urlopen(f"{self.master_ui}/json/", timeout=2) as answer:
            state = json.load(answer)
        return sum(1 for worker in state.get("workers", []) if worker.get("state") == "ALIVE")

    def applications(self) -> list[dict]:
        """Finished and running applications as the master reports them (name, state, cores)."""
        with urllib.request.urlopen(f"{self.master_ui}/json/", timeout=2) as answer:
            state = json.load(answer)
        return [*state.get("activeapps", []), *state.get("completedapps", [])]

    def stop(self) -> list[psutil.Process]:
        """Stop workers (and their executors), master and server; return what would not stop."""
        groups = [s.process.pid for s in reversed(self.services)]
        self.leftovers += stop_groups(groups)
        for service in self.services:
            try:
                service.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.services.clear()
        return self.leftovers


def train_models(tracking_uri: str, home: Path, config: str = "small") -> None:
    """Train and promote both models into the registry at ``tracking_uri``."""
    from features.settings import Settings
    from training.config import load_config
    from training.train import train_all

    train_all(load_config(config), Settings(tracking_uri=tracking_uri, home=home))


def score_command(source: Path | str, output: Path | str, master: str, wheel: Path | None,
                  *, lean: bool = True) -> list[str]:
    command = [sys.executable, "-m", "reviewguard", "score", "reviews", "--engine", "spark", "--master", master,
               "--input", str(source), "--output", str(output)]
    if wheel is not None:
        command += ["--py-files", str(wheel)]
    if lean:
        command.append("--lean")
    return command


def _tree_cpu(pids: Iterable[int], seen: dict[int, float] | None = None) -> dict[int, float]:
    """CPU seconds (user + system) per process of the trees, the highest seen for each pid."""
    seen = {} if seen is None else seen
    for process in process_tree(pids):
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        seen[process.pid] = max(seen.get(process.pid, 0.0), times.user + times.system)
    return seen


def run_driver(command: Sequence[str], *, env: dict[str, str], cwd: Path | None = None, timeout: float = 600,
               sample: Sequence[int] | None = None):
    """Run a driver (the CLI or a script; its JVM is its child) in its own session and wait.

    Whatever it leaves running is stopped; if something will not stop, RuntimeError.  With
    ``sample`` (more process ids, e.g. the Spark workers), also returns the CPU seconds per process
    of the driver's tree and of those trees, sampled every 0.2 s while the driver runs.
    """
    cpu: dict[int, float] = {}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(list(command), stdout=out, stderr=err, text=True, env=env, cwd=cwd,
                                   start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while process.poll() is None and time.monotonic() < deadline:
                if sample is not None:
                    _tree_cpu([process.pid, *sample], cpu)
                time.sleep(0.2)
        finally:
            survivors = stop_groups([process.pid], grace=5)
        process.wait()
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(process.args, process.returncode, out.read(), err.read())
    if survivors:
        raise RuntimeError(f"driver left processes running: {survivors}")
    return done if sample is None else (done, cpu)


# The review model's pyfunc output (docs/mlflow_model.md) as a Spark struct.
REVIEW_DECISION = ("review_id string, label string, confidence double, malicious boolean, needs_review boolean, "
                   "reason_code string, evidence_codes array<string>, error string")


def score_with_spark_udf(master: str, source: str, output: str, *, model_uri: str = "models:/reviewguard-review@champion",
                         python: str | None = None) -> int:
    """Score a Parquet folder/file of reviews with ``mlflow.pyfunc.spark_udf`` on ``master``.

    No project code is shipped: the model carries ``features/`` (``code_paths``), and the driver
    downloads it from the registry (``MLFLOW_TRACKING_URI``) and hands it to the executors.
    Writes ``review_id`` plus the decision columns; returns the number of rows.

    MLflow 3.17 converts a struct's string fields with ``astype(str)`` whenever an Arrow batch
    has one non-null value, so a null ``label``/``reason_code``/``error`` comes back as the text
    ``"None"``, and its boolean fields with ``astype(bool)``, so a bad row's null ``malicious``
    comes back ``False``.  The job undoes both: ``review_id`` is taken from the input, ``"None"``
    becomes null (no code or label is spelt so), and a row with an ``error`` gets null results.
    """
    import mlflow.pyfunc
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    os.environ["PYSPARK_PYTHON"] = python or os.environ.get("PYSPARK_PYTHON") or sys.executable
    spark = (SparkSession.builder.master(master).appName("reviewguard-spark-udf")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").config("spark.ui.enabled", "false")
             .getOrCreate())
    decide = mlflow.pyfunc.spark_udf(spark, model_uri, result_type=REVIEW_DECISION, env_manager="local")
    frame = spark.read.parquet(source)
    inputs = [name for name in ("review_id", "text", "rating", "created_at", "has_media", "chat", "order")
              if name in frame.columns]
    # the signature's types: rating double, the rest as in the flat-file schema
    frame = frame.withColumn("rating", F.col("rating").cast("double"))
    decided = frame.select(F.col("review_id").cast("string").alias("review_id"),
                           decide(F.struct(*[F.col(c) for c in inputs])).alias("decision"))
    error = F.when(F.col("decision.error") != "None", F.col("decision.error"))
    columns = [F.col("review_id")]
    for name in ("label", "confidence", "malicious", "needs_review", "reason_code", "evidence_codes"):
        value = F.col(f"decision.{name}")
        if name in ("label", "reason_code"):
            value = F.when(value != "None", value)
        columns.append(F.when(error.isNull(), value).alias(name))
    scored = decided.select(*columns, error.alias("error"))
    scored.write.mode("overwrite").parquet(output)
    rows = spark.read.parquet(output).count()
    spark.stop()
    return rows


def _bench(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from batch import generate  # the batch benchmark's simulated reviews (cached)

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="reviewguard-spark-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(workdir / "dist")
    sources = {rows: generate(rows, workdir) for rows in args.rows}
    cluster = LocalCluster(workdir / "cluster", cores_per_worker=args.cores_per_worker)
    try:
        cluster.start_mlflow()
        cluster.wait_mlflow()
        started = time.perf_counter()
        train_models(cluster.tracking_uri, workdir / "home", args.config)
        print(f"trained `{args.config}` into {cluster.tracking_uri} in {time.perf_counter() - started:.0f} s; "
              f"wheel {wheel.name}", flush=True)
        env = {**os.environ, "REVIEWGUARD_TRACKING_URI": cluster.tracking_uri, "REVIEWGUARD_HOME": str(workdir / "home"),
               "REVIEWGUARD_LEDGER_ENABLED": "false", "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}

        def timed(label: str, command: list[str], rows: int) -> None:
            load_before, cpu_before = os.getloadavg()[0], psutil.cpu_times()
            roots = [s.process.pid for s in cluster.services if s.name.startswith("spark ")]
            before = _tree_cpu(roots)
            started = time.perf_counter()
            done, cpu = run_driver(command, env=env, cwd=workdir, sample=roots)
            seconds = time.perf_counter() - started
            if done.returncode:
                raise SystemExit(f"{label} failed:\n{done.stderr[-4000:]}")
            # CPU of the driver's tree and of the cluster's (workers, executors, Python workers)
            cpu = sum(cpu.values()) - sum(v for pid, v in before.items() if pid in cpu)
            busy = sum(getattr(psutil.cpu_times(), f) - getattr(cpu_before, f) for f in ("user", "system", "nice"))
            summary = [line for line in done.stdout.splitlines() if line.startswith("rows in")][:1]
            print(f"{label:<34} {rows:>7} rows {seconds:6.1f} s {rows / seconds:7,.0f} rows/s end to end | "
                  f"{cpu:6.1f} CPU-s = {rows / cpu:6,.0f} rows/CPU-s | machine busy "
                  f"{busy / seconds / (os.cpu_count() or 1):4.0%}, load {load_before:.1f}->"
                  f"{os.getloadavg()[0]:.1f} | {' '.join(summary)[:60]}", flush=True)

        if args.local:
            for rows, source in sources.items():
                timed("local engine --workers 2", [sys.executable, "-m", "reviewguard", "score", "reviews", "--input",
                      str(source), "--output", str(workdir / f"local_{rows}.parquet"), "--workers", "2",
                      "--no-progress", "--lean", "--chunk-rows", "5000"], rows)
        for workers in args.workers:
            cluster.start_spark(workers)
            try:
                for attempt in range(args.repeat):
                    for rows, source in sources.items():
                        timed(f"spark {workers} worker(s) x {args.cores_per_worker} core", score_command(
                            source, workdir / f"out{workers}_{rows}_{attempt}", cluster.master_url, wheel), rows)
            finally:
                cluster.stop_spark()
    finally:
        cluster.stop()
    if cluster.leftovers:
        print(f"left running: {cluster.leftovers}")


def _up(args: argparse.Namespace) -> None:
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="reviewguard-spark-"))
    with LocalCluster(workdir, workers=args.workers, cores_per_worker=args.cores_per_worker) as cluster:
        if not args.no_train:
            train_models(cluster.tracking_uri, workdir / "home", args.config)
        wheel = build_wheel(workdir / "dist")
        print(f"MLflow server   {cluster.tracking_uri}\nSpark master    {cluster.master_url}  (UI {cluster.master_ui})\n"
              f"wheel           {wheel}\nlogs            {workdir / 'logs'}\n\n"
              f"REVIEWGUARD_TRACKING_URI={cluster.tracking_uri} \\\n  "
              + " ".join(score_command("reviews.parquet", "scored/", cluster.master_url, wheel)[1:]).replace(
                  "-m reviewguard", "reviewguard", 1)
              + "\n\nCtrl-C (or SIGTERM) stops everything.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    print("stopped" + (f"; left running: {cluster.leftovers}" if cluster.leftovers else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    udf = sub.add_parser("udf", help="score reviews with mlflow.pyfunc.spark_udf (MLFLOW_TRACKING_URI: the registry)")
    udf.add_argument("--master", required=True)
    udf.add_argument("--input", required=True, help="Parquet file or folder of reviews (flat-file schema)")
    udf.add_argument("--output", required=True, help="Parquet folder")
    udf.add_argument("--model", default="models:/reviewguard-review@champion")
    for name in ("up", "bench"):
        p = sub.add_parser(name)
        p.add_argument("--workdir", help="folder for the store, logs and work dirs (default: a new temporary one)")
        p.add_argument("--cores-per-worker", type=int, default=1)
        p.add_argument("--config", default="small", help="training config for the models (default: small)")
    sub.choices["up"].add_argument("--workers", type=int, default=2)
    sub.choices["up"].add_argument("--no-train", action="store_true", help="do not train (register models yourself)")
    sub.choices["bench"].add_argument("--workers", type=int, nargs="+", default=[1, 2])
    sub.choices["bench"].add_argument("--rows", type=int, nargs="+", default=[20_000],
                                      help="input sizes (the difference between two gives the rate after start-up)")
    sub.choices["bench"].add_argument("--repeat", type=int, default=1, help="runs per cluster size and input size")
    sub.choices["bench"].add_argument("--local", action="store_true",
                                      help="also time the local engine (--workers 2) on the same inputs and model")
    args = parser.parse_args()
    # Ctrl-C or SIGTERM stop everything that was started (a background job starts with SIGINT ignored)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if args.command == "udf":
        rows = score_with_spark_udf(args.master, args.input, args.output, model_uri=args.model)
        print(f"rows: {rows}  (Parquet folder {args.output})")
    else:
        _up(args) if args.command == "up" else _bench(args)


if __name__ == "__main__":
    main()
