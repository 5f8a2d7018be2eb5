"""Training registers both models with alias champion; a fresh process loads identical models."""

import json
import subprocess
import sys

import pandas as pd
from mlflow.tracking import MlflowClient

from features.schema import reviews_to_frame, validate_review


def test_both_models_registered_with_champion_alias(trained_store):
    settings, trained = trained_store
    client = MlflowClient(tracking_uri=settings.resolved_tracking_uri(), registry_uri=settings.resolved_tracking_uri())
    for name in (settings.review_model_name, settings.order_model_name):
        version = client.get_model_version_by_alias(name, "champion")
        assert int(version.version) >= 1
        assert version.tags["dataset_sha256"]
        run = client.get_run(version.run_id)
        assert run.data.params  # hyper-parameters logged
        artifacts = {a.path for a in client.list_artifacts(version.run_id)}
        assert "dataset_manifest.json" in artifacts
    review = next(t for t in trained if t.name == settings.review_model_name)
    assert 0.0 <= review.metrics["heldout_scenarios_macro_f1"] <= 1.0
    assert "real_genuine_flagged_rate" in review.metrics


def test_manifest_says_what_is_real_and_what_is_generated(trained_store):
    settings, trained = trained_store
    client = MlflowClient(tracking_uri=settings.resolved_tracking_uri())
    review = next(t for t in trained if t.name == settings.review_model_name)
    path = client.download_artifacts(review.run_id, "dataset_manifest.json")
    manifest = json.loads(open(path, encoding="utf-8").read())
    kinds = {source["kind"] for source in manifest["sources"]}
    assert kinds == {"real", "generated"}
    assert manifest["held_out_scenarios"], "whole scenarios must be held out"
    assert set(manifest["rows_by_split_kind_label"]["holdout"]) >= {"real", "generated"}


_FRESH_PROCESS = """
import json, sys
import pandas as pd
from features.settings import Settings
from serving.predictor import Predictor
frame = pd.read_json(sys.argv[1], orient="records", dtype=False)
predictor = Predictor.from_registry(Settings())
print(json.dumps(predictor.review_model.pipeline.predict_proba(frame).tolist()))
"""


def test_registry_round_trip_in_fresh_process_gives_identical_probabilities(trained_store, predictor, tmp_path):
    items = [
        validate_review({"review_id": "a", "text": "给我转30元我马上删差评", "rating": 1}),
        validate_review({"review_id": "b", "text": "衣服很好看，物流也快", "rating": 5,
                         "chat": [{"role": "buyer", "text": "什么时候发货"}]}),
        validate_review({"review_id": "c", "text": "➕薇 abc12345 兼职日结", "rating": 5}),
    ]
    frame = reviews_to_frame(items)
    path = tmp_path / "frame.json"
    frame.to_json(path, orient="records", force_ascii=False)
    out = subprocess.run([sys.executable, "-c", _FRESH_PROCESS, str(path)], capture_output=True, text=True, check=True)
    fresh = json.loads(out.stdout.strip().splitlines()[-1])
    here = predictor.review_model.pipeline.predict_proba(pd.read_json(path, orient="records", dtype=False))
    assert fresh == here.tolist()


def test_training_promotes_the_configured_alias_not_always_champion(tmp_path):
    """`reviewguard train` with REVIEWGUARD_MODEL_ALIAS=staging must move @staging and leave @champion alone."""
    import mlflow
    from sklearn.dummy import DummyClassifier
    from sklearn.pipeline import Pipeline

    from features.settings import Settings
    from training.train import _log_and_register

    settings = Settings(home=tmp_path, model_alias="staging")
    uri = settings.resolved_tracking_uri()
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    # The smallest order-shaped model: the logged pyfunc must decide its input example.
    frame = pd.DataFrame({"order_id": list("abcd"), "order": ['{"amount":10}'] * 4, "chat": [""] * 4})
    pipeline = Pipeline([("classifier", DummyClassifier())]).fit(frame, [0, 1, 0, 1])
    with mlflow.start_run():
        version, _ = _log_and_register(pipeline=pipeline, kind="order", example=frame, registered_name="alias-check",
                                       metadata={"dataset_sha256": "-", "code_version": "-", "training_config": "-"},
                                       promote_to=settings.model_alias)
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    assert int(client.get_model_version_by_alias("alias-check", "staging").version) == version
    assert "champion" not in client.get_registered_model("alias-check").aliases
