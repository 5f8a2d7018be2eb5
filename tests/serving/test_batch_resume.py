"""Batch scoring at scale: parallel workers, kill -9 and resume with every row exactly once."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from serving.batch import ResumeConflictError, score_file
from training.simulator import simulate_reviews


@pytest.fixture(scope="module")
def review_file(tmp_path_factory):
    """1,200 generated reviews as JSON lines, with every 50th row broken."""
    path = tmp_path_factory.mktemp("resume") / "reviews.jsonl"
    lines = []
    for index, case in enumerate(simulate_reviews(1200, seed=99)):
        item = {**case.item, "review_id": f"r{index:05d}"}
        if index % 50 == 7:
            item["rating"] = 9
        lines.append(json.dumps(item, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _score_cli(args, env=None):
    return subprocess.Popen([sys.executable, "-m", "reviewguard", "score", "reviews", *args, "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or dict(os.environ),
                            start_new_session=True)


def _check_exactly_once(output, errors, total=1200):
    scored = [json.loads(line)["review_id"] for line in output.read_text("utf-8").splitlines()]
    failed = [json.loads(line)["id"] for line in errors.read_text("utf-8").splitlines()]
    assert len(scored) + len(failed) == total
    assert sorted(scored + failed) == [f"r{i:05d}" for i in range(total)]
    assert scored == sorted(scored)  # input order is kept
    assert failed == [f"r{i:05d}" for i in range(total) if i % 50 == 7]


def test_killed_run_resumes_without_loss_or_duplicates(trained_store, review_file, tmp_path):
    output = tmp_path / "out.jsonl"
    args = ["--input", str(review_file), "--output", str(output), "--chunk-rows", "50", "--workers", "1"]
    process = _score_cli(args)
    parts = tmp_path / "out.jsonl.parts"
    deadline = time.monotonic() + 120
    while len(list(parts.glob("part-*.meta.json"))) < 3:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished_before = len(list(parts.glob("part-*.meta.json")))
    assert 3 <= finished_before < 24 and not output.exists()

    resumed = _score_cli(args)
    stdout, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr
    assert "resuming:" in stderr
    assert "rows in: 1200  scored: 1176  errors: 24" in stdout
    assert not parts.exists()
    _check_exactly_once(output, tmp_path / "out.jsonl.errors.jsonl")


def test_two_workers_give_the_same_output_as_one(trained_store, predictor, review_file, tmp_path):
    one = score_file("reviews", review_file, tmp_path / "one.parquet", predictor=predictor, chunk_rows=100,
                     workers=1, progress=False, lean=True)
    two = score_file("reviews", review_file, tmp_path / "two.parquet", predictor=predictor, chunk_rows=100,
                     workers=2, progress=False, lean=True, settings=trained_store[0])
    assert (one.rows_in, one.scored, one.errors) == (two.rows_in, two.scored, two.errors) == (1200, 1176, 24)
    assert one.counts == two.counts
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "one.parquet"), pd.read_parquet(tmp_path / "two.parquet"))


def test_forked_workers_score_with_the_models_loaded_here(trained_store, predictor, review_file, tmp_path, monkeypatch):
    """On Linux the workers are forked after this process loaded the models: they score with
    this very object (a spawned worker would load its own copy and never see the patch below)."""
    import os

    import serving.batch

    assert serving.batch._can_fork()
    calls = tmp_path / "scored_by"
    original = predictor.classify_reviews

    def recording(*args, **kwargs):
        with calls.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(predictor, "classify_reviews", recording)
    summary = score_file("reviews", review_file, tmp_path / "forked.parquet", predictor=predictor, chunk_rows=100,
                         workers=2, progress=False, lean=True, settings=trained_store[0])
    assert (summary.rows_in, summary.scored, summary.errors) == (1200, 1176, 24)
    pids = calls.read_text().split()
    assert len(pids) == 12 and str(os.getpid()) not in pids  # every chunk, all in worker processes
    assert serving.batch._WORKER_PREDICTOR is None  # this process keeps no reference after the run


def test_spawned_workers_load_the_champion_where_fork_is_missing(trained_store, predictor, review_file, tmp_path,
                                                                   monkeypatch):
    import serving.batch

    one = score_file("reviews", review_file, tmp_path / "one.parquet", predictor=predictor, chunk_rows=300,
                     workers=1, progress=False, lean=True)
    monkeypatch.setattr(serving.batch, "_can_fork", lambda: False)  # as on macOS or Windows
    spawned = score_file("reviews", review_file, tmp_path / "spawned.parquet", chunk_rows=300, workers=2,
                         progress=False, lean=True, settings=trained_store[0])
    assert one.counts == spawned.counts
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "one.parquet"), pd.read_parquet(tmp_path / "spawned.parquet"))


def test_leftover_parts_of_a_different_run_are_refused(trained_store, predictor, review_file, tmp_path):
    parts = tmp_path / "out.csv.parts"
    parts.mkdir()
    (parts / "state.json").write_text(json.dumps({"input": "elsewhere"}), encoding="utf-8")
    with pytest.raises(ResumeConflictError, match="different"):
        score_file("reviews", review_file, tmp_path / "out.csv", predictor=predictor, progress=False)
