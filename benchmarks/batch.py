"""Batch-scoring benchmark: Parquet in, Parquet out, rows/s, peak memory and where time goes.

Usage (after `reviewguard train`, from the folder that holds `.reviewguard/`):

    python benchmarks/batch.py --rows 100000 1000000 --workers 2

For each size it generates that many simulated reviews (cached in --workdir), runs
`reviewguard score reviews` as a subprocess in lean and full mode, samples the resident memory
and CPU time of the process tree every 0.2 s, and prints rows/s, peak RSS, CPU seconds and the
machine's load average (on a shared machine rows per CPU-second is the figure that does not
depend on the neighbours).  It then profiles one worker-like process on a sample to split its
CPU time between reading, validation, features, tokenisation, TF-IDF, LightGBM and results.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import psutil
import pyarrow as pa

if TYPE_CHECKING:
    from features.settings import Settings


def generate(rows: int, workdir: Path) -> Path:
    """Simulated reviews in the flat-file schema (nested parts as JSON strings), cached."""
    from training.simulator import simulated_review_rows

    path = workdir / f"reviews_{rows}.parquet"
    if path.exists():
        return path
    records = simulated_review_rows(rows, seed=2026, id_prefix="b")
    pd.DataFrame(records).to_parquet(path, index=False, row_group_size=50_000)
    return path


def run_score(source: Path, output: Path, *, workers: int, lean: bool) -> tuple[float, float, float, float]:
    """(seconds, peak RSS in MB, CPU seconds, mean load average) of one `reviewguard score` run.

    RSS and CPU time are summed over the whole process tree (main process and workers), sampled
    every 0.2 s; CPU seconds show what the run cost whatever else the machine was doing.
    """
    command = [sys.executable, "-m", "reviewguard", "score", "reviews", "--input", str(source), "--output",
               str(output), "--workers", str(workers), "--no-progress", "--chunk-rows", "5000"]
    if lean:
        command.append("--lean")
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, cpu, loads = 0, {}, []
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            for p in tree:
                times = p.cpu_times()
                cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
            loads.append(os.getloadavg()[0])
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"score failed:\n{stderr[-2000:]}")
    print("   ", stdout.strip().splitlines()[0])
    return seconds, peak / 1e6, sum(cpu.values()), sum(loads) / max(len(loads), 1)


def profile_stages(source: Path, sample: int, settings: Settings, *, lean: bool = True) -> None:
    """Share of time per stage in one worker-like process on ``sample`` rows (CPU seconds)."""
    import gc
    from unittest import mock

    import serving.predictor
    from features.evidence import EVIDENCE_COLUMN, review_evidence_batch
    from features.records_io import iter_chunks, validate_rows
    from features.schema import reviews_to_columns
    from features.tokenizer import JiebaTokenizer
    from serving.batch import output_schema, result_row
    from serving.predictor import Predictor

    predictor = Predictor.from_registry(settings)
    predictor.limit_threads(1)
    predictor.warm_up()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)  # as the batch workers do
    direct = predictor.review_direct  # the path classify_reviews takes (features.compiled)
    assert direct is not None, "the champion review pipeline has no direct path"
    tokenizer = JiebaTokenizer()
    timings: dict[str, float] = {}

    def timed(name: str, work: Any) -> Any:
        started = time.process_time()
        result = work()
        timings[name] = timings.get(name, 0.0) + time.process_time() - started
        return result

    rows_done = 0
    for chunk in iter_chunks(source, 5000):
        if rows_done >= sample:
            break
        rows_done += len(chunk)
        rows = timed("read (Arrow -> records)", lambda c=chunk: c.rows())
        # The batch workers' ingest step (features.records_io): JSON cells, one pydantic call, error rows.
        items = timed("parse + validate (JSON cells, pydantic)", lambda r=rows: validate_rows(r, "reviews").items)
        evidence = timed("evidence extractor (features.evidence)", lambda i=items: review_evidence_batch(i))
        raw = timed("items -> record columns", lambda i=items: reviews_to_columns(i, nested_as_json=False))
        raw[EVIDENCE_COLUMN] = list(evidence)
        texts, numeric = timed("normalise + signals + order/chat features", lambda r=raw: direct.record_features(r))
        matrix = timed("TF-IDF words/chars/chat + surprise (incl. tokenisation)",
                       lambda t=texts, n=numeric: direct.matrix(t, n))
        timed("  of which tokenisation (rjieba, 2 word TF-IDFs)", lambda t=texts: [
            tokenizer(x) for x in (*t["review_text"], *t["buyer_chat_text"])])
        probabilities = timed("LightGBM + calibration", lambda m=matrix: direct.classify(m))
        # Only what the Predictor adds after the model: decisions, result records (and packages);
        # the evidence and model steps are replaced by what was computed above, so nothing counts twice.
        predictor.review_probabilities = lambda _items, _evidence=None, p=probabilities: p  # type: ignore[method-assign]
        with mock.patch.object(serving.predictor, "review_evidence_batch", lambda _items, e=evidence: e):
            results = timed("results (decision, report reasons, result records, packages)",
                            lambda i=items: predictor.classify_reviews(i, packages=not lean))
        timed("output rows -> Arrow table", lambda r=results, i=items: pa.Table.from_pylist(
            [result_row("reviews", x, lean=lean) for x in r],
            schema=output_schema("reviews", lean)))
    total = sum(v for k, v in timings.items() if not k.startswith("  "))
    print(f"  stage CPU time on {rows_done} rows, one process ({'lean' if lean else 'full'}):")
    for name, seconds in timings.items():
        print(f"    {name:<58} {seconds:6.2f} s  {100 * seconds / total:5.1f} %")
    print(f"    {'total':<58} {total:6.2f} s  ({rows_done / total:,.0f} rows per CPU-second)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "reviewguard-bench")
    parser.add_argument("--profile-sample", type=int, default=20_000)
    args = parser.parse_args()
    from features.settings import Settings

    # The benchmark's one Settings (the environment's store); the profile writes no buyer ledger.
    settings = Settings(ledger_enabled=False)
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 1e9:.0f} GB; workers: {args.workers}")
    for rows in args.rows:
        source = generate(rows, args.workdir)
        for lean in (True, False):
            output = args.workdir / f"scored_{rows}_{'lean' if lean else 'full'}.parquet"
            output.unlink(missing_ok=True)
            seconds, peak_mb, cpu_seconds, load = run_score(source, output, workers=args.workers, lean=lean)
            print(f"  {rows:>9,} rows {'lean' if lean else 'full':>4}: {seconds:7.1f} s, "
                  f"{rows / seconds:8,.0f} rows/s, peak RSS {peak_mb:,.0f} MB, CPU {cpu_seconds:7.1f} s "
                  f"({rows / cpu_seconds:,.0f} rows per CPU-second), mean load {load:.1f}")
    for lean in (True, False):
        profile_stages(generate(args.rows[0], args.workdir), min(args.profile_sample, args.rows[0]), settings,
                       lean=lean)


if __name__ == "__main__":
    main()
