"""`reviewguard retrain` / `promote` against a real sqlite MLflow store with real (tiny) training.

One store goes through a realistic history, in order:

1. first retrain, with a merchant labels file whose labels are all wrong (rotated): there is no
   champion, so v1 is promoted (both models);
2. retrain with correct data plus appeal outcomes: review v2 beats v1 on the frozen evaluation set
   and is promoted; the order model has nothing new and is not retrained;
3. the wrong labels again: review v3 is worse, rejected and tagged, champion stays v2;
4. rerun with the inputs of (2): nothing new, nothing registered (exit 11);
5. rerun with the inputs of (3): identical to rejected v3, nothing registered (exit 11).
Then a rollback moves the alias back to v1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from features.appeal_outcome import evidence_present
from training import simulator
from training.config import load_config

pytestmark = pytest.mark.integration

SMALL_CONFIG = Path(__file__).resolve().parents[2] / "training" / "configs" / "small.yaml"
ROTATED = {"extortion": "normal", "competitor": "ad", "ad": "meaningless", "meaningless": "false_claim",
           "false_claim": "normal", "normal": "extortion"}


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _tiny_config(tmp: Path) -> Path:
    """The small config with fewer rows and trees (CI time), and its gate from the shipped file."""
    raw = yaml.safe_load(SMALL_CONFIG.read_text("utf-8"))
    raw["experiment"] = "reviewguard-retrain-test"
    raw["dataset"].update(simulated_per_label=200, simulated_orders=500, real_genuine_max=1200)
    raw["review_model"].update(n_estimators=40)
    raw["order_model"].update(n_estimators=30)
    # The first champion (trained on rotated labels) asserts almost nothing, so its genuine
    # false-positive rate is ~0 and unbeatable; allow one point so the better model can win.
    raw["gate"] = {**raw.get("gate", {}), "max_genuine_flagged_increase": 0.01}
    raw["appeal_outcomes_min"] = 50
    path = tmp / "tiny.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def outcome_rows() -> list[dict]:
    """Appeals of simulated malicious reviews (accepted when the request carries chat or
    delivery proof) and of genuine reviews wrongly filed as extortion (rejected)."""
    from features.schema import validate_review

    # Only training scenarios: appeals about the held-out recipes would teach them and flatter
    # the frozen evaluation set.
    held = set(load_config("small").dataset.holdout_scenarios)
    scenarios = [s for s in simulator.review_scenarios() if s not in held]
    rows = []
    for case in simulator.simulate_reviews(100, seed=31337, scenarios=scenarios):
        if case.label == "normal":
            rows.append({**case.item, "label": "extortion", "accepted": False, "rejection_reason": "评价内容属实，未见要挟"})
            continue
        present = evidence_present(validate_review(case.item))
        accepted = present["chat"] or present["delivery_proof"]
        rows.append({**case.item, "label": case.label, "accepted": accepted,
                     "rejection_reason": None if accepted else "证据不足"})
    return rows


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    from reviewguard.cli import main

    tmp = tmp_path_factory.mktemp("retrain")
    home = tmp / "home"
    config = str(_tiny_config(tmp))
    flipped = _write_jsonl(tmp / "labels" / "flipped.jsonl", [
        {**case.item, "label": ROTATED[case.label]} for case in simulator.simulate_reviews(600, seed=4242)])
    outcomes = tmp / "outcomes"  # a folder that accumulates files
    rows = outcome_rows()
    _write_jsonl(outcomes / "2026-10.jsonl", rows[: len(rows) // 2])
    _write_jsonl(outcomes / "2026-11.jsonl", rows[len(rows) // 2:])
    codes = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REVIEWGUARD_HOME", str(home))
        patch.setenv("REVIEWGUARD_TRACKING_URI", f"sqlite:///{home / 'mlflow.db'}")
        patch.setenv("REVIEWGUARD_LEDGER_ENABLED", "false")
        # The model source is part of the training fingerprint (new code -> retrain); pin it so
        # an edit landing while the test runs does not count as "something new".
        patch.setattr("training.retrain.model_code_digest", lambda: "test-code")
        base = ["retrain", "--config", config]
        codes["first"] = main([*base, "--labels", str(flipped), "--summary", str(tmp / "s1.md")])
        codes["better"] = main([*base, "--outcomes", str(outcomes), "--summary", str(tmp / "s2.md")])
        codes["worse"] = main([*base, "--labels", str(flipped), "--outcomes", str(outcomes), "--model", "review",
                               "--summary", str(tmp / "s3.md")])
        codes["again_better"] = main([*base, "--outcomes", str(outcomes), "--summary", str(tmp / "s4.md")])
        codes["again_worse"] = main([*base, "--labels", str(flipped), "--outcomes", str(outcomes),
                                     "--model", "review", "--summary", str(tmp / "s5.md")])
        from features.settings import Settings

        settings = Settings()
        yield {"codes": codes, "settings": settings, "tmp": tmp, "outcomes": outcomes, "patch": patch}


def _client(settings):
    from mlflow.tracking import MlflowClient

    from training.train import configure_tracking

    configure_tracking(settings)
    return MlflowClient()


def _versions(client, name):
    return {int(v.version): v for v in client.search_model_versions(f"name='{name}'")}


def test_exit_codes_tell_cron_what_happened(history):
    assert history["codes"] == {"first": 0, "better": 0, "worse": 10, "again_better": 11, "again_worse": 11}


def test_better_challenger_promoted_worse_rejected_champion_untouched(history):
    settings = history["settings"]
    client = _client(settings)
    review = _versions(client, settings.review_model_name)
    # Reruns with nothing new registered nothing: exactly three review versions, one order version.
    assert sorted(review) == [1, 2, 3]
    assert sorted(_versions(client, settings.order_model_name)) == [1]
    # v2 (correct data) beat v1 (rotated labels) on the same frozen rows and became champion.
    assert client.get_model_version_by_alias(settings.review_model_name, "champion").version in (2, "2")
    run2, run1 = client.get_run(review[2].run_id), client.get_run(review[1].run_id)
    assert run2.data.metrics["heldout_scenarios_macro_f1"] > run2.data.metrics["champion_heldout_scenarios_macro_f1"]
    assert review[2].tags["reviewguard.parent_champion_version"] == "1"
    assert review[1].tags["reviewguard.parent_champion_version"] == "none"
    # v3 (rotated labels again) lost and is tagged with the reason; the alias never moved to it.
    assert review[3].tags["rejected"] == "true"
    assert "macro-F1" in review[3].tags["rejected_reason"]
    assert "rejected" not in review[2].tags
    # Lineage on every challenger.
    for version in review.values():
        for key in ("reviewguard.data_manifest_sha256", "reviewguard.eval_set_digest",
                    "reviewguard.train_fingerprint", "code_version"):
            assert version.tags[key]
    assert run1.data.tags["reviewguard.gate_decision"] == "promoted"


def test_frozen_evaluation_set_is_identical_and_never_trained_on(history):
    settings = history["settings"]
    client = _client(settings)
    review = _versions(client, settings.review_model_name)
    digests = {v.tags["reviewguard.eval_set_digest"] for v in review.values()}
    assert len(digests) == 1
    experiment = client.get_experiment_by_name("reviewguard-retrain-test")
    frozen = client.search_runs([experiment.experiment_id], "tags.`reviewguard.frozen_eval_set` = 'review'")
    assert len(frozen) == 1  # built once
    inputs = frozen[0].inputs.dataset_inputs
    assert inputs and inputs[0].dataset.digest == digests.pop()
    # Every challenger was scored on exactly those rows, and none of their texts was trained on.
    import pandas as pd

    local = client.download_artifacts(frozen[0].info.run_id, "eval_set/review_eval.parquet", str(history["tmp"]))
    eval_texts = set(pd.read_parquet(local)["text"])
    for version in review.values():
        run = client.get_run(version.run_id)
        assert run.data.metrics["holdout_rows"] == len(eval_texts) or run.data.metrics["holdout_rows"] >= len(eval_texts) - 5
        manifest = json.loads(Path(client.download_artifacts(version.run_id, "dataset_manifest.json",
                                                             str(history["tmp"] / f"m{version.version}"))).read_text())
        assert manifest["frozen_eval_set"]["rows"] == run.data.metrics["holdout_rows"]
        assert manifest["rows_by_split_kind_label"].get("holdout", {}).keys() <= {"generated", "real", "labelled", "outcome"}


def test_summary_written_to_file_stdout_and_mlflow(history):
    settings = history["settings"]
    text = (history["tmp"] / "s3.md").read_text("utf-8")
    assert "## review model `reviewguard-review`: rejected" in text
    assert "| recall extortion |" in text and "FAIL macro-F1" in text
    assert "rows from merchant_labels: 0 -> " in text  # what changed since the champion
    client = _client(settings)
    review = _versions(client, settings.review_model_name)
    logged = Path(client.download_artifacts(review[3].run_id, "retrain_summary.md", str(history["tmp"]))).read_text()
    assert logged == text
    assert "up to date" in (history["tmp"] / "s4.md").read_text("utf-8")


def test_outcomes_change_the_training_data(history):
    settings = history["settings"]
    client = _client(settings)
    review = _versions(client, settings.review_model_name)
    manifest = json.loads(Path(client.download_artifacts(review[2].run_id, "dataset_manifest.json",
                                                         str(history["tmp"] / "m2b"))).read_text())
    rows = outcome_rows()
    accepted = sum(r["accepted"] for r in rows)
    used = accepted + sum(1 for r in rows if not r["accepted"] and r["rejection_reason"] != "证据不足")
    assert manifest["appeal_outcomes"]["outcomes"] == len(rows)
    assert manifest["appeal_outcomes"]["rows_used"] == used
    # Accepted appeals keep their label; rejected genuine reviews come back as `normal`.
    counts = manifest["rows_by_split_kind_label"]
    outcome_labels = {}
    for split in counts.values():
        for label, n in split.get("outcome", {}).items():
            outcome_labels[label] = outcome_labels.get(label, 0) + n
    assert sum(outcome_labels.values()) <= used and outcome_labels.get("normal", 0) > 0
    manifest1 = json.loads(Path(client.download_artifacts(review[1].run_id, "dataset_manifest.json",
                                                          str(history["tmp"] / "m1"))).read_text())
    assert "appeal_outcomes" not in manifest1["rows_by_source"]


def _predictor(settings, review_version: int):
    import mlflow
    from mlflow.models import Model

    from serving.predictor import LoadedModel, Predictor

    models = []
    for name, version in ((settings.review_model_name, review_version), (settings.order_model_name, 1)):
        local = mlflow.artifacts.download_artifacts(artifact_uri=f"models:/{name}/{version}")
        models.append(LoadedModel(name, version, mlflow.sklearn.load_model(local), Model.load(local).metadata or {}))
    return Predictor(*models, ledger=None)


EXTORTION = {"review_id": "x1", "text": "差评！质量太差", "rating": 1, "created_at": "2026-11-20T10:00:00+08:00",
             "chat": [{"role": "buyer", "text": "给我转50元我马上删差评", "sent_at": "2026-11-20T09:00:00+08:00"}]}


def test_success_estimate_null_without_outcomes_probability_with_them(history):
    from features.schema import validate_review

    settings = history["settings"]
    _client(settings)
    item = validate_review(EXTORTION)
    without = _predictor(settings, 1).classify_reviews([item])[0]
    with_outcomes = _predictor(settings, 2).classify_reviews([item])[0]
    if without.appeal is not None:  # v1 learned rotated labels and may not flag it at all
        assert without.appeal.success_probability is None and "retrain --outcomes" in without.appeal.success_note
    assert with_outcomes.appeal is not None
    probability = with_outcomes.appeal.success_probability
    assert probability is not None and 0.0 < probability < 1.0
    assert "100 条" in with_outcomes.appeal.success_note
    # In the outcomes, appeals with a chat were accepted: dropping the chat lowers the estimate
    # and the chat screenshot is named as the evidence that would raise it.
    bare = validate_review({**EXTORTION, "chat": [], "text": "给我转50元我马上删差评，不然一直差评"})
    result = _predictor(settings, 2).classify_reviews([bare])[0]
    if result.appeal is not None and result.label == "extortion":
        assert result.appeal.success_probability < probability
        # Outcomes were accepted with a chat OR delivery proof: both raise it, in either order.
        assert "聊天记录截图" in [g.item for g in result.appeal.evidence_to_add]


def test_success_estimate_needs_the_minimum_number_of_outcomes(history):
    from training.outcomes import fit_success_model, load_outcomes

    data = load_outcomes(history["outcomes"])
    assert len(data.outcomes) == 100 and not data.errors
    few = fit_success_model(data, [0.9] * 100, min_outcomes=101)
    assert few["status"] == "insufficient_outcomes" and "coefficients" not in few
    fitted = fit_success_model(data, [0.9] * 100, min_outcomes=50)
    assert fitted["status"] == "ok" and fitted["coefficients"]["evidence_chat"] > 0
    assert 0 < fitted["cv_brier"] < 0.25  # better than a coin


def test_rollback_moves_the_alias_and_is_recorded(history):
    from reviewguard.cli import main

    settings = history["settings"]
    assert main(["promote", "--version", "1", "--model", "review", "--note", "rollback test"]) == 0
    client = _client(settings)
    assert int(client.get_model_version_by_alias(settings.review_model_name, "champion").version) == 1
    review = _versions(client, settings.review_model_name)
    assert review[1].tags["reviewguard.promoted_by"] == "rollback test"
    assert review[1].tags["reviewguard.promoted_from"] == "2"
    assert review[2].tags["reviewguard.replaced_by"].startswith("1 ")
    assert main(["promote", "--version", "99"]) == 2
    # After a rollback, the nightly rerun does not quietly re-promote v2 (its inputs are known).
    assert main(["retrain", "--config", str(history["tmp"] / "tiny.yaml"), "--outcomes", str(history["outcomes"]),
                 "--model", "review", "--summary", str(history["tmp"] / "s6.md")]) == 11
    assert int(client.get_model_version_by_alias(settings.review_model_name, "champion").version) == 1


def test_outcomes_file_errors_are_named(tmp_path):
    from training.outcomes import load_outcomes, training_rows

    path = _write_jsonl(tmp_path / "o.jsonl", [
        {"review_id": "a", "text": "加我薇信abc12345", "rating": 5, "label": "ad", "accepted": "yes"},
        {"review_id": "b", "text": "挺好", "rating": 5, "label": "ad", "accepted": "no", "rejection_reason": "正常评价"},
        {"review_id": "c", "text": "差评", "rating": 1, "label": "extortion", "accepted": False,
         "rejection_reason": "证据不足，请补充聊天截图"},
        {"review_id": "d", "text": "x", "rating": 1, "label": "normal", "accepted": True},
        {"review_id": "e", "text": "x", "rating": 1, "label": "ad"},
        {"review_id": "f", "text": "x", "rating": 1, "label": "ad", "accepted": "maybe"},
    ])
    data = load_outcomes(path)
    assert len(data.outcomes) == 3 and len(data.errors) == 3
    assert "label" in data.errors[0] and "accepted: field required" in data.errors[1] and "accepted" in data.errors[2]
    rows = training_rows(data, labelled_weight=3.0, rejected_weight=1.0)
    assert [(item.review_id, label, weight) for item, label, weight in rows] == [("a", "ad", 3.0), ("b", "normal", 1.0)]


def test_drop_folders_skip_files_the_readers_cannot_read(tmp_path, caplog):
    from training.outcomes import load_outcomes
    from training.retrain import load_labels_from

    reviews = [{**case.item, "label": case.label} for case in simulator.simulate_reviews(12, seed=7)]
    labels = tmp_path / "labels"
    _write_jsonl(labels / "2026-10.jsonl", reviews[:6])
    _write_jsonl(labels / "2026-11.ndjson", reviews[6:])
    (labels / "export.json").write_text(json.dumps(reviews[:2], ensure_ascii=False), encoding="utf-8")
    (labels / "README.txt").write_text("drop the shop's exports here\n", encoding="utf-8")
    (labels / "_SUCCESS").write_text("", encoding="utf-8")
    (labels / ".DS_Store").write_bytes(b"\0\1")
    _write_jsonl(labels / "_temporary" / "part-0.jsonl", [{"not": "read"}])
    with caplog.at_level("WARNING"):
        merged = load_labels_from(labels)
    assert len(merged.reviews) == len(reviews) and not merged.errors
    skipped = " ".join(r.getMessage() for r in caplog.records)
    assert "export.json" in skipped and "README.txt" in skipped
    assert "_SUCCESS" not in skipped and ".DS_Store" not in skipped and "part-0" not in skipped

    outcomes = tmp_path / "outcomes"
    _write_jsonl(outcomes / "2026-10.jsonl", outcome_rows()[:20])
    (outcomes / "2026-11.json").write_text("[]", encoding="utf-8")
    caplog.clear()
    with caplog.at_level("WARNING"):
        data = load_outcomes(outcomes)
    assert data.files == [str(outcomes / "2026-10.jsonl")] and len(data.outcomes) == 20
    assert "2026-11.json" in caplog.text
