"""Spark beyond one process: a standalone cluster and an MLflow server on this machine.

The module starts an MLflow tracking server (sqlite backend, artifacts served over HTTP), a Spark
master and two workers, each a separate process started with pyspark's own ``bin/spark-class``
(helpers: ``benchmarks/spark_cluster.py``), trains the ``small`` models into that server, and builds
the project's wheel.  Then:

* ``reviewguard score reviews --engine spark --master spark://… --py-files <wheel>`` scores a Parquet
  folder on the cluster with the same results as the local engine (``serving.batch.score_file``),
  bad rows with their reason, nothing dropped, and both workers ran executors;
* ``mlflow.pyfunc.spark_udf(spark, "models:/reviewguard-review@champion", result_type=…)`` on the
  same cluster gives the Predictor's labels.

The executors run this venv's interpreter through a wrapper that starts it with ``-S`` and only
the venv's site-packages on ``PYTHONPATH``: every dependency is importable there, but not the
project (its editable install is a ``.pth`` hook, which ``-S`` skips).  So the CLI run passes only
if the wheel really reached the executors, and the spark_udf run only if the model really carries
``features/``.  Stopping checks with psutil that no process of the run is left.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG = logging.getLogger(__name__)

requires_cluster = pytest.mark.skipif(importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
                                      reason="a Spark cluster needs pyspark and Java")

BAD_ROWS = [
    {"review_id": "bad-rating", "text": "还行", "rating": 9},
    {"review_id": None, "text": "没有编号的评价", "rating": 4},
    {"review_id": "bad-chat", "text": "不好", "rating": 1, "chat": "这不是 JSON"},
]
ROWS = 300  # simulated reviews, plus the bad rows


def _cluster_helpers():
    spec = importlib.util.spec_from_file_location("spark_cluster", ROOT / "benchmarks" / "spark_cluster.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


spark_cluster = _cluster_helpers()


@dataclass
class Run:
    workdir: Path
    cluster: object
    wheel: Path
    source: Path  # Parquet folder (4 parts) read by Spark
    rows: int
    executor_python: Path
    local: pd.DataFrame  # the local engine's scored rows, by review_id
    local_errors: list[dict]
    timings: dict[str, float] = field(default_factory=dict)

    def driver_env(self, **extra: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("REVIEWGUARD_", "MLFLOW_", "PYSPARK_"))}
        env.pop("PYTHONPATH", None)
        return {**env, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": str(self.executor_python),
                "REVIEWGUARD_HOME": str(self.workdir / "home"), **extra}


def _executor_python(folder: Path) -> Path:
    """This venv's interpreter without site hooks: dependencies yes, the editable project no."""
    site = sysconfig.get_paths()["purelib"]
    wrapper = folder / "python-without-project"
    wrapper.write_text('#!/bin/sh\n'
                       f'PYTHONPATH="${{PYTHONPATH:+$PYTHONPATH:}}{site}" exec "{sys.executable}" -S "$@"\n')
    wrapper.chmod(0o755)
    probe = subprocess.run([str(wrapper), "-c", "import mlflow, pyspark, sklearn, lightgbm, rjieba\n"
                            "try:\n import serving\nexcept ImportError:\n print('no project')"],
                           capture_output=True, text=True, check=True, env={"PATH": os.environ.get("PATH", "")},
                           cwd=folder)  # like an executor: not in the repository
    assert probe.stdout.strip() == "no project", probe.stdout + probe.stderr
    return wrapper


def _write_reviews(folder: Path, single: Path) -> int:
    """Simulated reviews plus bad rows: a Parquet folder of 4 parts (one schema) and one file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from training.simulator import simulated_review_rows

    records = simulated_review_rows(ROWS, seed=17, id_prefix="c")
    records[10:10] = BAD_ROWS[:1]
    records[150:150] = BAD_ROWS[1:2]
    records.append(BAD_ROWS[2])
    table = pa.Table.from_pandas(pd.DataFrame(records), preserve_index=False)
    folder.mkdir()
    step = -(-len(records) // 4)
    for part in range(4):
        pq.write_table(table.slice(part * step, step), folder / f"part-{part}.parquet")
    pq.write_table(table, single)
    return len(records)


def _build_wheel(dest: Path) -> Path:
    try:
        return spark_cluster.build_wheel(dest)
    except subprocess.CalledProcessError as exc:
        if re.search(r"No matching distribution|Could not find a version|connection", exc.stderr or "", re.I):
            pytest.skip(f"pip could not get the build backend to build the wheel: {exc.stderr[-300:]}")
        raise


def _leftovers(cluster, workdir: Path) -> list[str]:
    """Processes of this run still alive: the cluster's own, or any naming its folder or ports."""
    marks = [str(workdir), cluster.master_url.removeprefix("spark://"), cluster.tracking_uri.removeprefix("http://")]
    found = [f"{p.pid} {' '.join(p.cmdline())[:200]}" for p in cluster.leftovers]
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            line = " ".join(process.info["cmdline"] or [])
            if process.pid != os.getpid() and process.status() != psutil.STATUS_ZOMBIE and \
                    any(mark in line for mark in marks if mark):
                found.append(f"{process.pid} {line[:200]}")
        except psutil.Error:
            continue
    return found


@contextlib.contextmanager
def _mlflow_uris_restored():
    """Training and loading point MLflow (and MLFLOW_*_URI of this process) at the module's server:
    put back what the rest of the session had (the project always sets both URIs together)."""
    import mlflow

    names = ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI")
    saved = mlflow.get_tracking_uri(), mlflow.get_registry_uri(), {name: os.environ.get(name) for name in names}
    try:
        yield
    finally:
        mlflow.set_tracking_uri(saved[0])
        mlflow.set_registry_uri(saved[1])
        for name, value in saved[2].items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    with _mlflow_uris_restored():
        yield from _run(tmp_path_factory)


def _run(tmp_path_factory):
    from features.settings import Settings
    from serving.batch import score_file
    from serving.predictor import Predictor

    workdir = tmp_path_factory.mktemp("spark-cluster")
    timings: dict[str, float] = {}
    cluster = spark_cluster.LocalCluster(workdir / "cluster", workers=2, cores_per_worker=1)
    home = workdir / "home"

    def train() -> float:
        cluster.wait_mlflow()
        mark = time.perf_counter()
        spark_cluster.train_models(cluster.tracking_uri, home)
        return time.perf_counter() - mark

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        # the wheel, the server + training, and the Spark master + workers start side by side
        wheel_built = pool.submit(_build_wheel, workdir / "dist")
        try:
            cluster.start_mlflow()
            trained = pool.submit(train)
            cluster.start_spark()
            timings["start master + 2 workers"] = time.perf_counter() - started
            timings["train small models into the server"] = trained.result()
            timings["mlflow server up + training, waited for"] = time.perf_counter() - started
            mark = time.perf_counter()
            rows = _write_reviews(workdir / "reviews", workdir / "reviews.parquet")
            settings = Settings(tracking_uri=cluster.tracking_uri, home=home, ledger_enabled=False)
            predictor = Predictor.from_registry(settings)
            score_file("reviews", workdir / "reviews.parquet", workdir / "local.parquet", predictor=predictor,
                       lean=True, progress=False)
            timings["local engine (load + score)"] = time.perf_counter() - mark
            local = pd.read_parquet(workdir / "local.parquet").set_index("review_id").sort_index()
            errors_file = workdir / "local.parquet.errors.jsonl"
            local_errors = [json.loads(line) for line in errors_file.read_text("utf-8").splitlines()]
            mark = time.perf_counter()
            wheel = wheel_built.result()
            timings["wheel (waited for)"] = time.perf_counter() - mark
            yield Run(workdir, cluster, wheel, workdir / "reviews", rows, _executor_python(workdir), local,
                      local_errors, timings)
        finally:
            mark = time.perf_counter()
            cluster.stop()
            timings["stop"] = time.perf_counter() - mark
            timings["module total"] = time.perf_counter() - started
            LOG.warning("spark cluster test timings (s): %s",
                        {k: round(v, 1) for k, v in timings.items()})
    left = _leftovers(cluster, workdir)
    assert not left, f"processes left behind: {left}"


def _null(value):
    return None if value is None or (isinstance(value, float) and value != value) else value


def _same(a, b) -> bool:
    a, b = _null(a), _null(b)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-9
    return a == b


@requires_cluster
@pytest.mark.integration  # an MLflow server, a Spark master, two workers and a driver
def test_cli_on_the_cluster_scores_like_the_local_engine(run):
    output = run.workdir / "spark_out"
    mark = time.perf_counter()
    done = spark_cluster.run_driver(
        spark_cluster.score_command(run.source, output, run.cluster.master_url, run.wheel),
        env=run.driver_env(REVIEWGUARD_TRACKING_URI=run.cluster.tracking_uri, REVIEWGUARD_LEDGER_ENABLED="false"),
        cwd=run.workdir, timeout=400)
    run.timings["reviewguard score --engine spark (driver)"] = time.perf_counter() - mark
    assert done.returncode == 0, done.stderr[-4000:]
    errors = len(run.local_errors)
    assert errors == len(BAD_ROWS)
    assert f"rows in: {run.rows}  scored: {run.rows - errors}  errors: {errors}" in done.stdout

    result = pd.read_parquet(output)
    assert len(result) == run.rows  # nothing dropped
    bad = result[result["error"].notna()]
    assert sorted(_null(i) or "" for i in bad["review_id"]) == sorted(e["id"] or "" for e in run.local_errors)
    for entry in run.local_errors:
        row = bad[bad["review_id"].isna()] if entry["id"] is None else bad[bad["review_id"] == entry["id"]]
        assert row["error"].tolist() == ["; ".join(entry["errors"])]
        assert row["label"].isna().all()

    spark = result[result["error"].isna()].set_index("review_id").sort_index()
    assert list(spark.index) == list(run.local.index)
    columns = [c for c in run.local.columns if c in spark.columns]
    assert {"label", "confidence", "malicious", "needs_review", "evidence_codes", "appeal_reason_code",
            "model_version"} <= set(columns)
    for column in columns:
        differ = [i for i, a, b in zip(spark.index, spark[column], run.local[column], strict=True) if not _same(a, b)]
        assert not differ, f"{column} differs for {differ[:5]}"

    # Both workers ran an executor of this application, and the master saw it finish.
    apps = [a for a in run.cluster.applications() if a.get("name") == "reviewguard-score"]
    assert apps and apps[0].get("state") == "FINISHED", apps
    app_id = apps[0]["id"]
    for number in (1, 2):
        assert list((run.cluster.workdir / f"worker{number}" / app_id).iterdir()), f"worker {number} ran nothing"


@requires_cluster
@pytest.mark.integration
def test_spark_udf_on_the_cluster_gives_the_predictors_labels(run):
    output = run.workdir / "udf_out"
    mark = time.perf_counter()
    done = spark_cluster.run_driver(
        [sys.executable, str(ROOT / "benchmarks" / "spark_cluster.py"), "udf", "--master", run.cluster.master_url,
         "--input", str(run.source), "--output", str(output)],
        env=run.driver_env(MLFLOW_TRACKING_URI=run.cluster.tracking_uri), cwd=run.workdir, timeout=400)
    run.timings["mlflow.pyfunc.spark_udf (driver)"] = time.perf_counter() - mark
    assert done.returncode == 0, done.stderr[-4000:]
    assert f"rows: {run.rows}" in done.stdout

    result = pd.read_parquet(output)
    assert len(result) == run.rows
    bad = result[result["error"].notna()]
    assert sorted(_null(i) or "" for i in bad["review_id"]) == sorted(e["id"] or "" for e in run.local_errors)
    assert bad[["label", "malicious", "confidence"]].isna().all().all()
    decided = result[result["error"].isna()].set_index("review_id").sort_index()
    local = run.local
    assert list(decided.index) == list(local.index)
    assert decided["label"].tolist() == local["label"].tolist()
    assert decided["malicious"].tolist() == local["malicious"].tolist()
    assert decided["needs_review"].tolist() == local["needs_review"].tolist()
    assert [_null(v) for v in decided["reason_code"]] == [_null(v) for v in local["appeal_reason_code"]]
    assert (decided["confidence"] - local["confidence"]).abs().max() < 1e-6
    apps = [a for a in run.cluster.applications() if a.get("name") == "reviewguard-spark-udf"]
    assert apps and apps[0].get("state") == "FINISHED", apps


# What the engine adds for clusters, without a JVM.

class FakeContext:
    """Records addPyFile and, like PySpark's, puts a .zip on the caller's sys.path."""

    def __init__(self):
        self.added = []

    def addPyFile(self, path):  # PySpark's name
        self.added.append(path)
        if path.endswith(".zip"):
            sys.path.insert(1, path)


class FakeSession:
    def __init__(self):
        self.sparkContext = FakeContext()


def test_a_wheel_is_shipped_as_a_zip_and_the_driver_keeps_its_path(tmp_path, monkeypatch):
    import tempfile

    from serving.spark import ship_python_files

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # where the .zip copy is kept
    (tmp_path / "tmp").mkdir()

    wheel = tmp_path / "reviewguard-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK wheel bytes")
    helper = tmp_path / "helper.py"
    helper.write_text("x = 1\n")
    session, before = FakeSession(), list(sys.path)
    names = ship_python_files(session, [wheel, str(helper)])
    assert names == ["reviewguard-0.1.0-py3-none-any.whl.zip", "helper.py"]
    shipped = Path(session.sparkContext.added[0])
    assert shipped.suffix == ".zip" and shipped.read_bytes() == wheel.read_bytes()
    assert shipped.is_relative_to(tmp_path / "tmp")
    assert session.sparkContext.added[1] == str(helper)
    assert sys.path == before
    # the same wheel again is the same file (Spark ignores a path added twice)
    ship_python_files(session, [wheel])
    assert session.sparkContext.added[2] == str(shipped)


def test_py_files_that_cannot_work_are_refused(tmp_path):
    from serving.spark import ship_python_files

    with pytest.raises(ValueError, match="remote wheel"):
        ship_python_files(FakeSession(), ["hdfs://nn/libs/reviewguard-0.1.0-py3-none-any.whl"])
    with pytest.raises(FileNotFoundError):
        ship_python_files(FakeSession(), [tmp_path / "missing.whl"])
    with pytest.raises(FileNotFoundError):
        ship_python_files(FakeSession(), [tmp_path / "missing.zip"])
    session = FakeSession()
    ship_python_files(session, ["s3a://bucket/libs/reviewguard.zip"])  # Spark fetches URIs itself
    assert session.sparkContext.added == ["s3a://bucket/libs/reviewguard.zip"]


@pytest.mark.parametrize(("path", "expected"), [
    ("reviews.parquet", "parquet"), ("reviews.jsonl", "jsonl"), ("reviews.csv", "csv"),
    ("s3a://bucket/reviews/2026-11/", "parquet"), ("hdfs://nn/reviews.jsonl", "jsonl"), ("FOLDER", "parquet"),
])
def test_input_format(tmp_path, path, expected):
    from serving.spark import input_format

    if path == "FOLDER":
        path = tmp_path / "scored"
        path.mkdir()
    assert input_format(path) == expected


def test_input_format_refuses_an_unknown_file(tmp_path):
    from serving.spark import input_format

    (tmp_path / "reviews.txt").write_text("x")
    with pytest.raises(ValueError, match="Parquet folder"):
        input_format(tmp_path / "reviews.txt")


def test_cli_refuses_a_conf_without_a_value(tmp_path, capsys):
    from reviewguard.cli import main

    source = tmp_path / "in.jsonl"
    source.write_text("{}\n")
    code = main(["score", "reviews", "--engine", "spark", "--master", "spark://127.0.0.1:7077", "--input", str(source),
                 "--output", str(tmp_path / "out"), "--conf", "spark.executor.memory"])
    assert code == 2
    assert "--conf expects KEY=VALUE" in capsys.readouterr().err


@pytest.mark.parametrize("lean", [True, False])
def test_lean_partitions_do_not_build_appeal_packages(monkeypatch, lean):
    from serving import spark as engine

    class Recorder:
        def classify_reviews(self, items, *, packages=True):
            self.packages = packages
            return []

    recorder = Recorder()
    monkeypatch.setitem(engine._PREDICTORS, "recorder", recorder)
    frame = pd.DataFrame({"review_id": ["r1"], "text": ["x"], "rating": ["9"]})
    [out] = engine.score_partition(iter([frame]), kind="reviews", lean=lean, settings_json="recorder")
    assert recorder.packages is not lean  # as the local engine: lean output never builds them
    assert "rating" in out["error"][0]
