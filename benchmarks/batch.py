"""Batch-scoring benchmark: Parquet in, Parquet out, rows/s, peak memory and where time goes.

Usage (after `reviewguard train`, from the folder that holds `.reviewguard/`):

    python benchmarks/batch.py --rows 100000 1000000 --workers 2

For each size it generates that many simulated reviews (cached in --workdir), runs
`reviewguard score reviews` as a subprocess in lean and full mode, samples the resident memory
of the process tree every 0.2 s, and prints rows/s and peak RSS.  It then profiles one process
on a sample to split the time between tokenisation, the other features and LightGBM.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import psutil


def generate(rows: int, workdir: Path) -> Path:
    """Simulated reviews in the flat-file schema (nested parts as JSON strings), cached."""
    import json

    from training.simulator import simulate_reviews

    path = workdir / f"reviews_{rows}.parquet"
    if path.exists():
        return path
    records = []
    for index, case in enumerate(simulate_reviews(rows, seed=2026)):
        item = dict(case.item)
        item["review_id"] = f"b{index:09d}"
        for key in ("chat", "order"):
            if key in item:
                item[key] = json.dumps(item[key], ensure_ascii=False)
        records.append(item)
    pd.DataFrame(records).to_parquet(path, index=False, row_group_size=50_000)
    return path


def run_score(source: Path, output: Path, *, workers: int, lean: bool) -> tuple[float, float]:
    """(seconds, peak RSS of the whole process tree in MB) of one `reviewguard score` run."""
    command = [sys.executable, "-m", "reviewguard", "score", "reviews", "--input", str(source), "--output",
               str(output), "--workers", str(workers), "--no-progress", "--chunk-rows", "5000"]
    if lean:
        command.append("--lean")
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"score failed:\n{stderr[-2000:]}")
    print("   ", stdout.strip().splitlines()[0])
    return seconds, peak / 1e6


def profile_stages(source: Path, sample: int) -> None:
    """Share of time per stage in one process on ``sample`` rows (the work a worker does)."""
    from features.schema import flat_to_nested, reviews_to_frame, validate_review
    from features.settings import Settings
    from features.tokenizer import JiebaTokenizer
    from serving.predictor import Predictor

    predictor = Predictor.from_registry(Settings(ledger_enabled=False))
    frame = pd.read_parquet(source).head(sample)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    items = [validate_review(flat_to_nested(r)) for r in frame.to_dict("records")]
    timings["read + validate"] = time.perf_counter() - started
    raw = reviews_to_frame(items)
    pipeline = predictor.review_model.pipeline
    records, columns, classifier = (step for _name, step in pipeline.steps)
    started = time.perf_counter()
    prepared = records.transform(raw)
    timings["normalise + signals + order features"] = time.perf_counter() - started
    tokenizer = JiebaTokenizer()
    started = time.perf_counter()
    for text in (*prepared["review_text"], *prepared["buyer_chat_text"]):
        tokenizer(text)
    timings["tokenisation (rjieba, both word TF-IDFs)"] = time.perf_counter() - started
    started = time.perf_counter()
    matrix = columns.transform(prepared)
    timings["TF-IDF + char n-grams + surprise (incl. tokenisation)"] = time.perf_counter() - started
    started = time.perf_counter()
    classifier.predict_proba(matrix)
    timings["LightGBM + calibration"] = time.perf_counter() - started
    started = time.perf_counter()
    predictor.classify_reviews(items)
    timings["whole Predictor.classify_reviews (full results)"] = time.perf_counter() - started
    print(f"  stage timings on {sample} rows, one process:")
    for name, seconds in timings.items():
        print(f"    {name:<58} {seconds:6.2f} s  ({sample / seconds:,.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "reviewguard-bench")
    parser.add_argument("--profile-sample", type=int, default=20_000)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 1e9:.0f} GB; workers: {args.workers}")
    for rows in args.rows:
        source = generate(rows, args.workdir)
        for lean in (True, False):
            output = args.workdir / f"scored_{rows}_{'lean' if lean else 'full'}.parquet"
            output.unlink(missing_ok=True)
            seconds, peak_mb = run_score(source, output, workers=args.workers, lean=lean)
            print(f"  {rows:>9,} rows {'lean' if lean else 'full':>4}: {seconds:7.1f} s, "
                  f"{rows / seconds:8,.0f} rows/s, peak RSS {peak_mb:,.0f} MB")
    profile_stages(generate(args.rows[0], args.workdir), min(args.profile_sample, args.rows[0]))


if __name__ == "__main__":
    main()
