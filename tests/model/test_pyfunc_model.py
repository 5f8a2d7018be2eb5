"""The registered models as self-contained MLflow pyfuncs (docs/mlflow_model.md).

In process: ``mlflow.pyfunc.load_model("models:/reviewguard-review@champion")`` answers the same
decisions as the Predictor, and the sklearn flavour still gives the Pipeline.  Integration: a
virtual environment outside the repository with nothing but the model's own ``requirements.txt``
installed loads both champions and answers the same labels, and ``mlflow models serve`` from that
environment answers them over HTTP.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import mlflow
import pandas as pd
import pytest

from features.schema import orders_to_frame, reviews_to_frame, validate_order, validate_review
from tests.serve_helpers import REPO_ROOT, free_port, http_status

CASES = Path(__file__).resolve().parents[1] / "data" / "handwritten_cases.jsonl"
REVIEW_MODEL = "models:/reviewguard-review@champion"
ORDER_MODEL = "models:/reviewguard-order@champion"


# --- inputs and what the Predictor says about them ----------------------------------------------
@pytest.fixture(scope="module")
def review_items():
    records = [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]
    return [validate_review({k: v for k, v in record.items() if k != "label"}) for record in records]


@pytest.fixture(scope="module")
def order_items(review_items):
    """The handwritten cases' orders with their chats, plus orders that trip each kind of rule."""
    orders = [validate_order({**item.order.model_dump(mode="json", exclude_none=True),
                              "chat": [m.model_dump(mode="json", exclude_none=True) for m in item.chat]})
              for item in review_items if item.order is not None and item.order.order_id]
    orders += [
        validate_order({"order_id": "burst", "amount": 9.9, "shipping_address": "某某小区", "same_address_orders_24h": 8,
                        "chat": [{"role": "buyer", "text": "你发货试试，收到就差评"}],
                        "buyer": {"account_age_days": 1, "orders_total": 1, "refunds_total": 5}}),
        validate_order({"order_id": "refund-at-once", "amount": 199, "paid_at": "2026-11-01T10:00:00+08:00",
                        "refund_status": "requested", "refund_requested_at": "2026-11-01T10:02:00+08:00"}),
        validate_order({"order_id": "plain", "amount": 59, "quantity": 1, "shipping_address": "北京市朝阳区建国路88号3单元502",
                        "buyer": {"account_age_days": 900, "orders_total": 120, "refunds_total": 2}}),
    ]
    return orders


@pytest.fixture(scope="module")
def plain_predictor(predictor):
    """The session's champions without the buyer ledger (a pyfunc has none)."""
    from serving.predictor import Predictor

    return Predictor(predictor.review_model, predictor.order_model, None)


def review_frame(items) -> pd.DataFrame:
    # The model's input signature: the raw frame, ratings as doubles.
    return reviews_to_frame(items).astype({"rating": "float64"})


def expected_reviews(predictor, items) -> list[dict]:
    return [{"review_id": r.review_id, "label": r.label, "malicious": r.malicious, "needs_review": r.needs_review,
             "reason_code": r.report_reasons[0].code if r.report_reasons else None}
            for r in predictor.classify_reviews(items, packages=False)]


def expected_orders(predictor, items) -> list[dict]:
    return [{"order_id": r.order_id, "level": r.level, "action": r.action, "reason_codes": [x.code for x in r.reasons]}
            for r in predictor.score_orders(items)]


def decided(records: list[dict], keys) -> list[dict]:
    return [{k: record[k] for k in keys} for record in records]


@pytest.fixture
def registry(trained_store):
    """The session store as MLflow's registry; sys.path as it was afterwards.

    Loading a model puts its ``code/`` folder first on ``sys.path`` (``features`` is already
    imported from the checkout, so nothing here is shadowed; the folder is simply dropped again).
    """
    settings, _trained = trained_store
    uri = settings.resolved_tracking_uri()
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    saved = list(sys.path)
    yield uri
    sys.path[:] = saved


# --- in process -----------------------------------------------------------------------------------
def test_review_pyfunc_decides_like_the_predictor(registry, plain_predictor, review_items):
    answer = mlflow.pyfunc.load_model(REVIEW_MODEL).predict(review_frame(review_items))
    assert list(answer.columns) == ["review_id", "label", "confidence", "malicious", "needs_review", "reason_code",
                                    "evidence_codes", "error"]
    expected = expected_reviews(plain_predictor, review_items)
    assert decided(answer.to_dict(orient="records"), expected[0]) == expected
    assert answer["error"].isna().all()
    assert {"extortion", "ad", "normal"} <= set(answer["label"])  # the cases exercise several labels
    # Evidence codes: those behind the label (the service's `evidence`), then the reasons'.
    results = {r.review_id: r for r in plain_predictor.classify_reviews(review_items, packages=False)}
    for row in answer.itertuples():
        behind = list(dict.fromkeys(e.code for e in results[row.review_id].evidence))
        assert row.evidence_codes[:len(behind)] == behind


def test_order_pyfunc_decides_like_the_predictor(registry, plain_predictor, order_items):
    answer = mlflow.pyfunc.load_model(ORDER_MODEL).predict(orders_to_frame(order_items))
    assert list(answer.columns) == ["order_id", "risk", "level", "action", "reason_codes", "error"]
    expected = expected_orders(plain_predictor, order_items)
    assert decided(answer.to_dict(orient="records"), expected[0]) == expected
    risks = [r.risk for r in plain_predictor.score_orders(order_items)]
    assert answer["risk"].tolist() == pytest.approx(risks, abs=1e-6)
    assert "same_address_burst" in answer.set_index("order_id").loc["burst", "reason_codes"]


def test_optional_columns_may_be_left_out_and_bad_rows_get_their_error(registry):
    model = mlflow.pyfunc.load_model(REVIEW_MODEL)
    frame = pd.DataFrame([
        {"review_id": "ok", "text": "给我转30元我马上删差评", "rating": 1.0},
        {"review_id": "stars", "text": "还行", "rating": 9.0},
        {"review_id": "json", "text": "好评", "rating": 5.0, "chat": "[{broken"},
    ])
    answer = model.predict(frame).set_index("review_id")
    assert answer.loc["ok", "error"] is None and answer.loc["ok", "label"] in ("extortion", "normal")
    assert answer.loc["stars", "error"].startswith("rating:") and answer.loc["stars", "label"] is None
    assert answer.loc["json", "error"].startswith("chat: not valid JSON")
    orders = mlflow.pyfunc.load_model(ORDER_MODEL).predict(pd.DataFrame({"order_id": ["only-an-id"]}))
    assert orders.loc[0, "error"] is None and orders.loc[0, "action"] in ("ship", "confirm_with_buyer")


def test_registered_model_keeps_the_pipeline_and_ships_only_features(registry, predictor, review_items):
    from mlflow.models import Model
    from sklearn.pipeline import Pipeline

    local = Path(mlflow.artifacts.download_artifacts(artifact_uri=REVIEW_MODEL))
    flavors = Model.load(str(local)).flavors
    assert flavors["python_function"]["loader_module"] == "features.mlflow_pyfunc"
    assert flavors["python_function"]["code"] == flavors["sklearn"]["code"] == "code"
    assert sorted(p.name for p in (local / "code").iterdir()) == ["features"]
    assert (local / "code" / "features" / "resources" / "user_dict.txt").is_file()
    pipeline = mlflow.sklearn.load_model(REVIEW_MODEL)  # the Predictor's, retraining's and evaluation's view
    assert isinstance(pipeline, Pipeline)
    frame = review_frame(review_items[:5])
    assert pipeline.predict_proba(frame).tolist() == predictor.review_model.pipeline.predict_proba(frame).tolist()


# --- a fresh environment that has never seen this repository ----------------------------------------
_NETWORK_TROUBLE = ("No matching distribution found", "Could not find a version that satisfies",
                    "NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
                    "Network is unreachable", "Max retries exceeded", "ProxyError", "ConnectTimeout")

_FRESH_SCRIPT = r"""
import importlib.util, json, sys
# Nothing of the repository is importable here: only what requirements.txt installed.
visible = {name: importlib.util.find_spec(name) is not None for name in ("features", "training", "serving", "reviewguard")}
import mlflow
import mlflow.sklearn
import pandas as pd

with open(sys.argv[1], encoding="utf-8") as handle:
    inputs = json.load(handle)
reviews = mlflow.pyfunc.load_model(sys.argv[2]).predict(pd.DataFrame(inputs["reviews"]))
orders = mlflow.pyfunc.load_model(sys.argv[3]).predict(pd.DataFrame(inputs["orders"]))
pipeline = mlflow.sklearn.load_model(sys.argv[2])
print(json.dumps({
    "visible_before": visible,
    "project_modules": sorted({m.split(".")[0] for m in sys.modules} & set(visible)),
    "features_file": sys.modules["features"].__file__,
    "sklearn_flavour": type(pipeline).__name__,
    "reviews": reviews.to_dict(orient="records"),
    "orders": orders.to_dict(orient="records"),
}, ensure_ascii=False))
"""


def _clean_env(venv: Path, tracking_uri: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    # `mlflow models serve` runs `uvicorn` from PATH, as in an activated environment.
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv),
               MLFLOW_TRACKING_URI=tracking_uri, PYTHONNOUSERSITE="1")
    return env


@pytest.fixture(scope="module")
def fresh_env(trained_store, tmp_path_factory):
    """One virtual environment for the module: ``python -m venv`` + ``pip install -r requirements.txt``.

    Built outside the repository from the champion's own requirements.txt and nothing else.
    Skipped (not failed) when pip can reach neither an index nor its cache.
    """
    settings, _trained = trained_store
    uri = settings.resolved_tracking_uri()
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    root = tmp_path_factory.mktemp("fresh-env")
    assert REPO_ROOT not in root.resolve().parents
    requirements = {}
    for name, model_uri in (("review", REVIEW_MODEL), ("order", ORDER_MODEL)):
        local = mlflow.artifacts.download_artifacts(artifact_uri=f"{model_uri}", dst_path=str(root / name))
        requirements[name] = (Path(local) / "requirements.txt").read_text().split()
    assert requirements["review"] == requirements["order"], "one environment serves both models"
    assert not any(line.split("==")[0] in ("reviewguard", "features") for line in requirements["review"])
    venv = root / "venv"
    env = _clean_env(venv, uri)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, cwd=root, env=env)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-input", "--disable-pip-version-check", "-q",
         "-r", str(root / "review" / "requirements.txt")],
        cwd=root, env=env, capture_output=True, text=True, timeout=1200)
    if install.returncode != 0:
        output = install.stdout + install.stderr
        if any(marker in output for marker in _NETWORK_TROUBLE):
            pytest.skip("cannot install the model's requirements.txt in a fresh environment: no package index "
                        f"reachable and not all of it in pip's cache ({output.strip().splitlines()[-1][:300]})")
        pytest.fail(f"pip install -r requirements.txt failed:\n{output[-4000:]}")
    return root, venv, env


@pytest.mark.integration
def test_fresh_environment_loads_the_champions_and_decides_like_the_predictor(
        fresh_env, plain_predictor, review_items, order_items):
    root, venv, env = fresh_env
    inputs = root / "inputs.json"
    inputs.write_text(json.dumps({
        "reviews": review_frame(review_items).to_dict(orient="records"),
        "orders": orders_to_frame(order_items).to_dict(orient="records"),
    }, ensure_ascii=False), "utf-8")
    script = root / "load_champions.py"
    script.write_text(_FRESH_SCRIPT, "utf-8")
    run = subprocess.run([str(venv / "bin" / "python"), str(script), str(inputs), REVIEW_MODEL, ORDER_MODEL],
                         cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-4000:]
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    assert answer["visible_before"] == {"features": False, "training": False, "serving": False, "reviewguard": False}
    assert answer["project_modules"] == ["features"]  # the pickled pipeline and the decision need nothing else
    assert "/code/features/" in answer["features_file"] and str(REPO_ROOT) not in answer["features_file"]
    assert answer["sklearn_flavour"] == "Pipeline"
    expected = expected_reviews(plain_predictor, review_items)
    assert decided(answer["reviews"], expected[0]) == expected
    expected = expected_orders(plain_predictor, order_items)
    assert decided(answer["orders"], expected[0]) == expected


@pytest.mark.integration
def test_mlflow_models_serve_answers_labels(fresh_env, plain_predictor, review_items, tmp_path):
    root, venv, env = fresh_env
    port = free_port()
    log_path = tmp_path / "mlflow-serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(venv / "bin" / "mlflow"), "models", "serve", "-m", REVIEW_MODEL, "--env-manager", "local",
             "-h", "127.0.0.1", "-p", str(port)],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while http_status(f"http://127.0.0.1:{port}/ping") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"mlflow models serve did not become ready:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        items = review_items[:6]
        body = {"dataframe_records": review_frame(items).to_dict(orient="records")}
        request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations",
                                         data=json.dumps(body, ensure_ascii=False).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                predictions = json.loads(response.read())["predictions"]
        except urllib.error.HTTPError as exc:
            pytest.fail(f"/invocations answered {exc.code}: {exc.read().decode(errors='replace')}")
        expected = expected_reviews(plain_predictor, items)
        assert decided(predictions, expected[0]) == expected
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
