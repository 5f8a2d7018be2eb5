"""`reviewguard monitor`: PSI per group, verdict, report files, exit codes, MLflow logging.

Small synthetic windows (exact counts, no model) except the last tests, which read the training
reference that the session's small model logged (``trained_store``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from mlflow.tracking import MlflowClient

from features.settings import Settings
from reviewguard.cli import main
from training import monitor as mon

VERSION = "reviewguard-review/1"
BASE_LABELS = {"normal": 900, "meaningless": 30, "ad": 30, "extortion": 20, "competitor": 10, "false_claim": 10}


def scored_frame(counts: dict[str, int], *, version: str = VERSION, prefix: str = "r") -> pd.DataFrame:
    """Scored output with exact label counts: malicious = not normal, evidence per label."""
    labels = [label for label, n in counts.items() for _ in range(n)]
    n = len(labels)
    flagged = np.asarray([label != "normal" for label in labels])
    return pd.DataFrame({
        "review_id": [f"{prefix}{i}" for i in range(n)],
        "label": labels,
        "confidence": [0.97 if i % 4 else 0.72 for i in range(n)],
        "malicious": flagged,
        "needs_review": [False] * n,
        "evidence_codes": [None if label == "normal" else f"code_{label}" for label in labels],
        "appeal_reason_code": [None] * n,
        "report_reason_codes": [None] * n,
        "model_version": [version] * n,
    })


def raw_items(frame: pd.DataFrame, *, text_chars: int = 12) -> list[dict]:
    """The raw review items behind a scored frame; every text ``text_chars`` long."""
    unit = "质量不错，物流很快"
    text = (unit * (text_chars // len(unit) + 1))[:text_chars]
    return [{"review_id": rid, "text": text, "rating": 5 if i % 3 else 2,
             **({"order": {"order_id": f"o{i}", "amount": 20.0}} if i % 2 else {})}
            for i, rid in enumerate(frame["review_id"])]


def write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    return path


def write_items(items: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), "utf-8")
    return path


def groups(report: mon.MonitorReport, comparison: str = "baseline") -> dict[str, mon.GroupDrift]:
    found = next(c for c in report.comparisons if c.name == comparison)
    return {g.name: g for g in found.groups}


def test_window_equal_to_its_baseline_is_stable(tmp_path):
    frame = scored_frame(BASE_LABELS)
    items = raw_items(frame)
    # Same rows in two formats: the format must not matter.
    report = mon.monitor(write(frame, tmp_path / "window.parquet"), raw=write_items(items, tmp_path / "w.jsonl"),
                         baseline=write(frame, tmp_path / "previous.csv"),
                         baseline_raw=write_items(items, tmp_path / "b.jsonl"))
    assert report.verdict == "stable" and report.exit_code == 0
    found = groups(report)
    assert {"label", "malicious", "confidence", "evidence_codes", "text_length", "with_order", "signals"} <= set(found)
    assert all(g.psi == pytest.approx(0.0, abs=1e-12) for g in found.values())
    assert report.summary().startswith("stable")


def test_many_more_meaningless_is_drift_naming_the_label(tmp_path):
    window = scored_frame({**BASE_LABELS, "normal": 600, "meaningless": 330})
    report = mon.monitor(write(window, tmp_path / "w.parquet"), baseline=write(scored_frame(BASE_LABELS), tmp_path / "b.parquet"))
    assert report.verdict == "drift" and report.exit_code == 11
    label = groups(report)["label"]
    assert label.status == "drift" and label.psi > mon.PSI_DRIFT
    assert "meaningless 3.0% → 33.0%" in label.moved()
    assert "label PSI" in report.summary() and "meaningless" in report.summary()
    rates = report.rates()
    assert rates["baseline"]["malicious"] == pytest.approx(0.1) and rates["window"]["malicious"] == pytest.approx(0.4)


def test_longer_texts_are_input_drift_while_outputs_stay_stable(tmp_path):
    frame = scored_frame(BASE_LABELS)
    report = mon.monitor(write(frame, tmp_path / "w.csv"), raw=write_items(raw_items(frame, text_chars=200), tmp_path / "w.jsonl"),
                         baseline=write(frame, tmp_path / "b.csv"),
                         baseline_raw=write_items(raw_items(frame, text_chars=12), tmp_path / "b.jsonl"))
    found = groups(report)
    assert found["text_length"].status == "drift" and found["text_length"].side == "input"
    assert "10-19 100.0% → 0.0%" in found["text_length"].moved()
    assert all(found[g].status == "stable" for g in mon.OUTPUT_GROUPS)
    assert report.verdict == "drift" and "text_length" in report.summary()


def test_report_files_and_png_are_written(tmp_path):
    window = scored_frame({**BASE_LABELS, "normal": 700, "ad": 230})
    report = mon.monitor(write(window, tmp_path / "w.parquet"), baseline=write(scored_frame(BASE_LABELS), tmp_path / "b.parquet"))
    mon.write_report(report, tmp_path / "out")
    png = tmp_path / "out" / "monitor_baseline.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    data = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert data["verdict"] == "drift" and data["exit_code"] == 11
    assert {g["group"] for g in data["comparisons"][0]["groups"]} >= {"label", "malicious", "needs_review", "confidence"}
    markdown = (tmp_path / "out" / "report.md").read_text("utf-8")
    assert "**Verdict: drift**" in markdown and "| label | output |" in markdown and "ad 3.0% → 23.0%" in markdown


def test_psi_is_zero_for_equal_and_grows_with_the_shift():
    base = mon.Group("output", 100, {"a": 50, "b": 50})
    assert mon.psi(base, base) == 0.0
    shifts = [mon.psi(base, mon.Group("output", 100, {"a": 50 + k, "b": 50 - k})) for k in (5, 15, 30, 50)]
    assert shifts == sorted(shifts) and shifts[-1] > mon.PSI_DRIFT
    assert mon.status_of(0.05) == "stable" and mon.status_of(0.1) == "watch" and mon.status_of(0.25) == "drift"


def test_spark_error_rows_are_left_out_and_csv_booleans_parse(tmp_path):
    frame = scored_frame({"normal": 8, "ad": 2}).astype(object)
    frame.loc[0, ["label", "confidence", "malicious", "needs_review"]] = [None, None, None, None]
    scored, meta = mon.read_scored(write(frame, tmp_path / "spark.csv"))
    assert meta["rows"] == 9 and meta["rows_without_label"] == 1
    assert scored["malicious"].dtype == bool and scored["malicious"].sum() == 2


@pytest.mark.parametrize(("window", "expected"), [
    (BASE_LABELS, 0),
    ({**BASE_LABELS, "normal": 800, "meaningless": 130}, 10),  # label PSI ~0.16: watch
    ({**BASE_LABELS, "normal": 500, "meaningless": 430}, 11),
])
def test_cli_exit_code_follows_the_verdict(tmp_path, capsys, window, expected):
    scored = write(scored_frame(window), tmp_path / "week.parquet")
    baseline = write(scored_frame(BASE_LABELS), tmp_path / "last_week.parquet")
    assert main(["monitor", "--scored", str(scored), "--baseline", str(baseline)]) == expected
    out = capsys.readouterr().out
    verdict = {0: "stable", 10: "watch", 11: "drift"}[expected]
    assert f"verdict: {verdict} (exit {expected})" in out
    folder = tmp_path / "week.parquet.monitor"  # default --out: beside the scored file
    assert (folder / "report.json").is_file() and (folder / "monitor_baseline.png").is_file()


def test_cli_bad_input_exits_2_naming_file_or_column(tmp_path, capsys):
    good = write(scored_frame(BASE_LABELS), tmp_path / "good.parquet")
    missing = tmp_path / "nowhere.parquet"
    assert main(["monitor", "--scored", str(missing), "--baseline", str(good)]) == 2
    assert "nowhere.parquet" in capsys.readouterr().err
    assert main(["monitor", "--scored", str(good), "--baseline", str(missing)]) == 2
    assert "nowhere.parquet" in capsys.readouterr().err

    no_confidence = write(scored_frame(BASE_LABELS).drop(columns=["confidence"]), tmp_path / "nc.csv")
    assert main(["monitor", "--scored", str(no_confidence), "--baseline", str(good)]) == 2
    err = capsys.readouterr().err
    assert "nc.csv" in err and "confidence" in err

    empty = tmp_path / "empty.csv"
    empty.write_text("review_id,label,confidence,malicious,needs_review,model_version\n", "utf-8")
    assert main(["monitor", "--scored", str(empty), "--baseline", str(good)]) == 2
    assert "empty window" in capsys.readouterr().err
    (tmp_path / "blank.jsonl").write_text("", "utf-8")
    assert main(["monitor", "--scored", str(tmp_path / "blank.jsonl"), "--baseline", str(good)]) == 2
    assert "empty window" in capsys.readouterr().err

    no_version = write(scored_frame(BASE_LABELS).drop(columns=["model_version"]), tmp_path / "nv.parquet")
    assert main(["monitor", "--scored", str(no_version)]) == 2  # no baseline: the model version is needed
    assert "model_version" in capsys.readouterr().err

    bad_bool = scored_frame(BASE_LABELS).astype({"malicious": object})
    bad_bool.loc[3, "malicious"] = "maybe"
    assert main(["monitor", "--scored", str(write(bad_bool, tmp_path / "bb.jsonl")), "--baseline", str(good)]) == 2
    assert "'malicious' must be true/false; row 4 has 'maybe'" in capsys.readouterr().err

    orders = write(pd.DataFrame({"order_id": ["o1"], "risk": [0.2], "level": ["low"]}), tmp_path / "orders.csv")
    assert main(["monitor", "--scored", str(orders), "--baseline", str(good)]) == 2
    assert "orders.csv: missing column(s) review_id, label, confidence, malicious, needs_review" in capsys.readouterr().err

    assert main(["monitor", "--scored", str(good), "--baseline-input", str(good)]) == 2
    assert "--baseline-input needs --baseline" in capsys.readouterr().err
    unrelated = write_items([{"review_id": "other", "text": "好", "rating": 5}], tmp_path / "raw.jsonl")
    assert main(["monitor", "--scored", str(good), "--input", str(unrelated), "--baseline", str(good)]) == 2
    assert "raw.jsonl" in capsys.readouterr().err


def test_unknown_model_version_exits_3(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REVIEWGUARD_HOME", str(tmp_path))
    monkeypatch.setenv("REVIEWGUARD_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")
    scored = write(scored_frame(BASE_LABELS, version="reviewguard-review/99"), tmp_path / "w.parquet")
    assert main(["monitor", "--scored", str(scored)]) == 3
    assert "reviewguard-review/99" in capsys.readouterr().err


def test_mlflow_logging_to_a_sqlite_store(tmp_path, monkeypatch):
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    monkeypatch.setenv("REVIEWGUARD_HOME", str(tmp_path))
    monkeypatch.setenv("REVIEWGUARD_TRACKING_URI", uri)
    scored = write(scored_frame({**BASE_LABELS, "normal": 600, "meaningless": 330}), tmp_path / "w.parquet")
    baseline = write(scored_frame(BASE_LABELS), tmp_path / "b.parquet")
    assert main(["monitor", "--scored", str(scored), "--baseline", str(baseline), "--mlflow",
                 "--out", str(tmp_path / "out")]) == 11
    client = MlflowClient(tracking_uri=uri)
    # The version named in the file is not in this store: the run goes to the monitor's own experiment.
    experiment = client.get_experiment_by_name(mon.MONITOR_EXPERIMENT)
    (run,) = client.search_runs([experiment.experiment_id])
    assert run.data.tags["verdict"] == "drift" and run.data.tags["model_version"] == VERSION
    assert run.data.metrics["psi_baseline_label"] > mon.PSI_DRIFT
    assert run.data.metrics["window_malicious_rate"] == pytest.approx(0.4)
    logged = {a.path for a in client.list_artifacts(run.info.run_id, "monitor")}
    assert {"monitor/monitor_baseline.png", "monitor/report.md", "monitor/report.json"} <= logged
    assert json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))["mlflow_run_id"] == run.info.run_id


def test_a_model_without_reference_profile_falls_back_to_manifest_labels(tmp_path):
    import mlflow

    settings = Settings(home=tmp_path, tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    client = MlflowClient(tracking_uri=settings.tracking_uri, registry_uri=settings.tracking_uri)
    experiment = client.create_experiment("old", artifact_location=(tmp_path / "artifacts").as_uri())
    run = client.create_run(experiment)
    manifest = {"rows_by_split_kind_label": {"holdout": {"real": {"normal": 300}, "generated": {"ad": 100}}}}
    mlflow.set_tracking_uri(settings.tracking_uri)
    client.log_dict(run.info.run_id, manifest, "dataset_manifest.json")
    client.create_registered_model("old-review")
    client.create_model_version("old-review", f"runs:/{run.info.run_id}/model", run.info.run_id)
    window = write(scored_frame({"normal": 300, "ad": 100}, version="old-review/1"), tmp_path / "w.parquet")
    report = mon.monitor(window, settings=settings)
    (comparison,) = report.comparisons
    assert [g.name for g in comparison.groups] == ["label"]
    assert comparison.status == "stable" and "dataset_manifest.json" in comparison.reference.description
    assert comparison.reference.notes


# --- with the session's small model ---------------------------------------------------------------
def _score(predictor, items: list[dict], path: Path) -> Path:
    from features.schema import validate_review
    from serving.batch import result_row

    results = predictor.classify_reviews([validate_review(item) for item in items], packages=False)
    return write(pd.DataFrame([result_row("reviews", r, lean=True) for r in results]), path)


def test_window_vs_training_reference_of_the_trained_model(trained_store, predictor, tmp_path):
    from training.simulator import review_scenarios, simulate_reviews

    settings, trained = trained_store
    review = next(t for t in trained if t.name == settings.review_model_name)
    client = MlflowClient(tracking_uri=settings.resolved_tracking_uri())
    stored = json.loads(Path(client.download_artifacts(review.run_id, mon.REFERENCE_ARTIFACT)).read_text("utf-8"))
    assert set(stored["segments"]) == {"all", "genuine"}
    assert set(stored["segments"]["genuine"]) == {*mon.OUTPUT_GROUPS, *mon.INPUT_GROUPS}

    # A window of extortion cases against held-out genuine reviews: the labels moved.
    extortion = [s for s in review_scenarios() if s.startswith("extortion/")]
    items = [case.item for case in simulate_reviews(80, seed=3, scenarios=extortion)]
    scored = _score(predictor, items, tmp_path / "extortion.parquet")
    report = mon.monitor(scored, raw=write_items(items, tmp_path / "extortion.jsonl"), settings=settings)
    (comparison,) = report.comparisons
    assert comparison.name == "training" and mon.REFERENCE_ARTIFACT in comparison.reference.description
    assert f"{settings.review_model_name}/{review.version}" in comparison.reference.description
    found = {g.name: g for g in comparison.groups}
    assert set(found) == {*mon.OUTPUT_GROUPS, *mon.INPUT_GROUPS}  # inputs compared too
    assert found["label"].status == "drift" and "extortion" in found["label"].moved()
    assert report.verdict == "drift"
    assert found["label"].reference_rows == stored["segments"]["genuine"]["label"]["rows"]

    # The report goes to the experiment of the model's own training run.
    mon.write_report(report, tmp_path / "out")
    run_id = mon.log_to_mlflow(report, settings)
    assert client.get_run(run_id).info.experiment_id == client.get_run(review.run_id).info.experiment_id

    # The held-out rows of every label ("all") hold extortion too: the label moved less.
    against_all = mon.monitor(scored, settings=settings, segment="all")
    assert {g.name: g for g in against_all.comparisons[0].groups}["label"].psi < found["label"].psi
