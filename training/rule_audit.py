"""How the rule-based report reasons behave on real text nobody on the team wrote.

The five rules of :mod:`features.report_reasons` (abuse, rating/content mismatch, wrong size
bought, review before delivery, platform-coupon price drop) are checked on the public corpora
(``--data-dir``, never copied into the repository):

* genuine reviews (``online_shopping_10_cats``, ``waimai_10k``): how often each rule fires on a
  negative review scored 1★ (most should not; abuse and a buyer's own wrong choice may be true),
  and on a positive review (none may fire: a 4★ review is reported only for what it says);
* the same positive texts given 1★: what share the rating/content mismatch recognises;
* ``coldataset``: abuse on offensive versus safe comments.  COLD's offence is mostly implicit
  (about groups, regions, genders), while the platform's reason is about abusive *words*: its
  recall is low by design, and its rate on safe comments is the false alarm rate.

``--samples N`` prints N texts per rule that fired, so a person can judge the precision by
reading; they go to the terminal only.  ``reviewguard audit-rules`` runs it.
"""

from __future__ import annotations

import csv
import gzip
import random
from collections import Counter
from pathlib import Path
from typing import Any

from features.evidence import RULE_REASONS, review_evidence
from features.schema import validate_review


def _rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _fired(text: str, rating: int) -> set[str]:
    item = validate_review({"review_id": "a", "text": text[:2000], "rating": rating})
    return {e.label for e in review_evidence(item).items if e.label in RULE_REASONS}


def audit(data_dir: Path, *, per_corpus: int = 3000, samples: int = 0, seed: int = 0) -> dict[str, Any]:
    """Fire rates per rule and corpus, and up to ``samples`` texts per rule that fired."""
    rng = random.Random(seed)
    report: dict[str, Any] = {}
    examples: dict[str, list[str]] = {}
    for name in ("online_shopping_10_cats", "waimai_10k"):
        path = data_dir / name / f"{name}.csv.gz"
        if not path.exists():
            continue
        rows = _rows(path)
        rng.shuffle(rows)
        for polarity, label, rating in (("negative", "0", 1), ("positive", "1", 5), ("positive_as_1_star", "1", 1)):
            texts = [r["review"] for r in rows if r["label"] == label and r["review"].strip()][:per_corpus]
            counts: Counter[str] = Counter()
            for text in texts:
                for rule in _fired(text, rating):
                    counts[rule] += 1
                    examples.setdefault(f"{name}/{polarity}/{rule}", []).append(text)
            report[f"{name}/{polarity}"] = {"rows": len(texts), **{r: counts[r] / len(texts) for r in RULE_REASONS}}
    cold = sorted((data_dir / "coldataset").glob("*.csv.gz"))
    if cold:
        rows = [r for path in cold for r in _rows(path)]
        rng.shuffle(rows)
        for kind, label in (("offensive", "1"), ("safe", "0")):
            texts = [r["text"] for r in rows if r["label"] == label][:per_corpus]
            hits = [t for t in texts if "abuse" in _fired(t, 1)]
            examples[f"coldataset/{kind}/abuse"] = hits
            report[f"coldataset/{kind}"] = {"rows": len(texts), "abuse": len(hits) / len(texts)}
    return {"rates": report, "fired": {key: len(texts) for key, texts in sorted(examples.items())},
            "examples": {key: texts[:samples] for key, texts in sorted(examples.items())} if samples else {}}


def format_audit(report: dict[str, Any]) -> str:
    """The fire rates as a table, then the example texts (terminal only, never saved)."""
    lines = []
    for key, texts in report["examples"].items():
        lines.append(f"-- {key}: {report['fired'][key]} fired; {len(texts)} shown")
        lines += ["    " + text[:100].replace("\n", " ") for text in texts]
    lines.append(f"{'corpus':<42} {'rows':>5} " + " ".join(f"{r:>15}" for r in RULE_REASONS))
    for key, row in report["rates"].items():
        lines.append(f"{key:<42} {row['rows']:>5} " + " ".join(
            f"{row[r]:>15.2%}" if r in row else f"{'':>15}" for r in RULE_REASONS))
    return "\n".join(lines)
