"""Training configs: ``extends`` (one base config the shipped ones extend) and the shipped values."""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import pytest
import yaml

from training.config import load_config, load_raw

HOLDOUT_SCENARIOS = [
    "extortion/cashback_for_good_review", "extortion/free_goods_demand",
    "competitor/first_person_shop_talk", "competitor/steer_to_other_shop",
    "ad/group_buy_invite", "ad/pure_promo_no_digits",
    "meaningless/keyboard_mash", "meaningless/punctuation_emoji_only",
    "false_claim/not_received_but_delivered", "false_claim/seller_rude_but_polite",
    "normal/detailed_positive", "normal/other_platform_comparison",
    "normal/quality_complaint_with_media", "normal/slow_delivery_genuine",
    "order_malicious/buyer_flood_24h", "order_malicious/provocative_chat",
    "order_benign/company_bulk_purchase", "order_benign/ordinary",
]
SHARED = {
    "threshold_precision": 0.95,
    "unrelated_only_precision": 0.99,
    "threshold_floors": {"extortion": 0.5, "competitor": 0.5, "ad": 0.5, "meaningless": 0.5, "false_claim": 0.5},
    "gate": {"max_macro_f1_drop": 0.0, "max_genuine_flagged_increase": 0.0, "max_recall_drop": 0.02,
             "max_order_auc_drop": 0.0, "max_benign_not_shipped_increase": 0.0},
    "appeal_outcomes_min": 50,
}
# default.yaml and small.yaml as they were, whole, before base.yaml took what they share: every
# key must still resolve to the same value.  A deliberate change of a shipped config changes
# this too.
BEFORE_BASE = {
    "default": {
        "experiment": "reviewguard",
        "dataset": {"seed": 7, "simulated_per_label": 2500, "simulated_orders": 8000, "real_genuine_max": 20000,
                    "real_ads_max": 2000, "real_unrelated_max": 1000, "real_social_max": 1500,
                    "real_comments_max": 2000, "real_promo_max": 1500, "real_forum_chat_max": 1500,
                    "real_buyer_chats_max": 1000, "holdout_corpora": [], "holdout_percent": 15,
                    "calibration_percent": 10, "holdout_scenario_every": 4, "masked_digits_percent": 15,
                    "holdout_scenarios": HOLDOUT_SCENARIOS},
        "review_model": {"word_max_features": 4000, "char_max_features": 4000, "chat_max_features": 2000,
                         "min_df": 2, "n_estimators": 150, "learning_rate": 0.12, "num_leaves": 15,
                         "min_child_samples": 10, "colsample_bytree": 1.0, "max_bin": 63, "reg_lambda": 1.0},
        "order_model": {"chat_max_features": 3000, "min_df": 2, "n_estimators": 200, "learning_rate": 0.05,
                        "num_leaves": 15, "min_child_samples": 20, "colsample_bytree": 0.8, "reg_lambda": 1.0},
        **SHARED,
    },
    "small": {
        "experiment": "reviewguard-small",
        "dataset": {"seed": 11, "simulated_per_label": 600, "simulated_orders": 1200, "real_genuine_max": 2500,
                    "real_ads_max": 300, "real_unrelated_max": 200, "real_social_max": 300,
                    "real_comments_max": 300, "real_promo_max": 300, "real_forum_chat_max": 300,
                    "real_buyer_chats_max": 200, "holdout_corpora": [], "holdout_percent": 15,
                    "calibration_percent": 25, "holdout_scenario_every": 4, "masked_digits_percent": 15,
                    "holdout_scenarios": HOLDOUT_SCENARIOS},
        "review_model": {"word_max_features": 2000, "char_max_features": 2000, "chat_max_features": 1000,
                         "min_df": 2, "n_estimators": 60, "learning_rate": 0.15, "num_leaves": 15,
                         "min_child_samples": 5, "colsample_bytree": 1.0, "max_bin": 63, "reg_lambda": 1.0},
        "order_model": {"chat_max_features": 500, "min_df": 2, "n_estimators": 60, "learning_rate": 0.1,
                        "num_leaves": 15, "min_child_samples": 10, "colsample_bytree": 0.8, "reg_lambda": 1.0},
        **SHARED,
    },
}


def _write(path: Path, raw: dict) -> Path:
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _shipped(name: str) -> dict:
    return yaml.safe_load(resources.files("training").joinpath(f"configs/{name}.yaml").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(BEFORE_BASE))
def test_shipped_configs_resolve_to_the_same_values_as_before(name, tmp_path):
    assert load_raw(name) == BEFORE_BASE[name]
    # The same values in one flat file (no extends) give the very same TrainConfig.
    flat = load_config(_write(tmp_path / f"{name}.yaml", BEFORE_BASE[name]))
    assert load_config(name) == flat
    assert dataclasses.asdict(load_config(name)) == dataclasses.asdict(flat)


def test_a_few_loaded_fields():
    default, small = load_config("default"), load_config("small")
    assert (default.name, default.experiment, default.dataset.seed) == ("default", "reviewguard", 7)
    assert (small.name, small.experiment, small.dataset.seed) == ("small", "reviewguard-small", 11)
    assert list(default.dataset.holdout_scenarios) == list(small.dataset.holdout_scenarios) == HOLDOUT_SCENARIOS
    assert (default.review_model.n_estimators, small.review_model.n_estimators) == (150, 60)
    assert default.review_model.max_bin == small.review_model.max_bin == 63
    assert default.order_model.max_bin == small.order_model.max_bin == 255  # the dataclass default
    assert (default.dataset.calibration_percent, small.dataset.calibration_percent) == (10, 25)
    assert default.gate == small.gate and default.gate.max_recall_drop == 0.02


def test_shared_values_live_once_in_base():
    base = _shipped("base")
    assert "extends" not in base
    assert base["dataset"]["holdout_scenarios"] == HOLDOUT_SCENARIOS
    for name in ("default", "small"):
        raw = _shipped(name)
        assert raw["extends"] == "base"
        assert "holdout_scenarios" not in raw["dataset"]
        assert not {"gate", "threshold_floors", "threshold_precision"} & set(raw)


def test_extends_merges_mappings_and_replaces_lists_and_values(tmp_path):
    _write(tmp_path / "parent.yaml", {"experiment": "parent", "dataset": {"seed": 1, "holdout_percent": 20,
                                                                         "holdout_scenarios": ["a/x", "b/y"]},
                                      "gate": {"max_recall_drop": 0.05}})
    _write(tmp_path / "child.yaml", {"extends": "parent.yaml", "dataset": {"seed": 2, "holdout_scenarios": ["c/z"]}})
    _write(tmp_path / "grandchild.yaml", {"extends": "child.yaml", "experiment": "grandchild"})
    assert load_raw(tmp_path / "grandchild.yaml") == {
        "experiment": "grandchild",
        "dataset": {"seed": 2, "holdout_percent": 20, "holdout_scenarios": ["c/z"]},
        "gate": {"max_recall_drop": 0.05},
    }
    config = load_config(tmp_path / "grandchild.yaml")
    assert config.name == "grandchild"
    assert (config.dataset.seed, config.dataset.holdout_percent) == (2, 20)
    assert list(config.dataset.holdout_scenarios) == ["c/z"]


def test_a_file_elsewhere_can_extend_a_shipped_config(tmp_path):
    path = _write(tmp_path / "mine.yaml", {"extends": "small", "dataset": {"seed": 99}})
    config = load_config(path)
    assert config.dataset.seed == 99
    assert config == dataclasses.replace(
        load_config("small"), name="mine", dataset=dataclasses.replace(load_config("small").dataset, seed=99)
    )


def test_a_missing_parent_is_an_error_naming_the_file(tmp_path):
    path = _write(tmp_path / "orphan.yaml", {"extends": "no_such_config"})
    with pytest.raises(FileNotFoundError, match=r"orphan\.yaml extends 'no_such_config'"):
        load_config(path)
    _write(tmp_path / "orphan2.yaml", {"extends": "missing.yaml"})
    with pytest.raises(FileNotFoundError, match=r"orphan2\.yaml extends 'missing\.yaml'"):
        load_raw(tmp_path / "orphan2.yaml")


def test_a_cycle_is_an_error_naming_the_files(tmp_path):
    _write(tmp_path / "a.yaml", {"extends": "b.yaml"})
    _write(tmp_path / "b.yaml", {"extends": "a.yaml"})
    with pytest.raises(ValueError, match=r"cycle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml"):
        load_config(tmp_path / "a.yaml")
    _write(tmp_path / "self.yaml", {"extends": "self.yaml"})
    with pytest.raises(ValueError, match="cycle"):
        load_raw(tmp_path / "self.yaml")


def test_bad_extends_and_unknown_keys_are_errors(tmp_path):
    with pytest.raises(ValueError, match=r"lists\.yaml: 'extends' must name one config"):
        load_config(_write(tmp_path / "lists.yaml", {"extends": ["base", "small"]}))
    with pytest.raises(ValueError, match="unknown key"):
        load_config(_write(tmp_path / "typo.yaml", {"extends": "base", "dataset": {"sead": 3}}))
    with pytest.raises(FileNotFoundError, match="no training config 'nope'"):
        load_config("nope")
