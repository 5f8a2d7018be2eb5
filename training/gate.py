"""The promotion gate: a challenger replaces the champion only if it is not worse where it matters.

Both models are scored on the same frozen evaluation set (:mod:`training.retrain`), so the
comparison is like for like.  Defaults (YAML ``gate:`` section, or ``reviewguard retrain``
flags):

* review model: held-out macro-F1 not lower; the rate of genuine reviews (``normal`` rows)
  asserted malicious not higher; no class recall more than 2 points lower.
* order model: held-out ROC-AUC not lower; the rate of benign orders not answered ``ship`` not
  higher.

Every tolerance is "how much worse may it be", 0.0 meaning "not worse at all".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from features import REVIEW_LABELS


@dataclass
class GateConfig:
    """Tolerances of the promotion gate (YAML ``gate:`` section)."""

    max_macro_f1_drop: float = 0.0
    max_genuine_flagged_increase: float = 0.0
    max_recall_drop: float = 0.02
    max_order_auc_drop: float = 0.0
    max_benign_not_shipped_increase: float = 0.0


@dataclass
class GateResult:
    """The decision and every check behind it (for tags, the summary and the exit code)."""

    passed: bool
    checks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(self.failures) if self.failures else "all checks passed"


def _check(result: GateResult, name: str, challenger: float | None, champion: float | None,
           tolerance: float, *, higher_is_better: bool) -> None:
    if challenger is None or champion is None or challenger != challenger or champion != champion:
        result.checks.append(f"{name}: not measured on the evaluation set, not gated")
        return
    worse_by = (champion - challenger) if higher_is_better else (challenger - champion)
    # A tiny epsilon: the same model scored twice must never fail on float noise.
    ok = worse_by <= tolerance + 1e-12
    line = f"{name}: champion {champion:.4f} -> challenger {challenger:.4f} (allowed worse by {tolerance:.4f})"
    result.checks.append(("ok   " if ok else "FAIL ") + line)
    if not ok:
        result.failures.append(line)


def gate_review(challenger: dict[str, float], champion: dict[str, float], config: GateConfig) -> GateResult:
    """Compare review-model metrics computed on the same evaluation rows."""
    result = GateResult(passed=True)
    _check(result, "macro-F1", challenger.get("heldout_scenarios_macro_f1"), champion.get("heldout_scenarios_macro_f1"),
           config.max_macro_f1_drop, higher_is_better=True)
    _check(result, "genuine reviews flagged malicious", challenger.get("heldout_normal_flagged_rate"),
           champion.get("heldout_normal_flagged_rate"), config.max_genuine_flagged_increase, higher_is_better=False)
    for label in REVIEW_LABELS:
        key = f"heldout_{label}_recall"
        if key in challenger or key in champion:
            _check(result, f"recall {label}", challenger.get(key), champion.get(key), config.max_recall_drop,
                   higher_is_better=True)
    result.passed = not result.failures
    return result


def gate_order(challenger: dict[str, float], champion: dict[str, float], config: GateConfig) -> GateResult:
    """Compare order-model metrics computed on the same evaluation rows."""
    result = GateResult(passed=True)
    _check(result, "ROC-AUC", challenger.get("heldout_roc_auc"), champion.get("heldout_roc_auc"),
           config.max_order_auc_drop, higher_is_better=True)
    _check(result, "benign orders not shipped", challenger.get("heldout_benign_not_shipped_rate"),
           champion.get("heldout_benign_not_shipped_rate"), config.max_benign_not_shipped_increase,
           higher_is_better=False)
    result.passed = not result.failures
    return result
