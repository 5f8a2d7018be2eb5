"""Per-label thresholds: chosen for precision among the rows a label could be asserted on."""

import numpy as np

from training.calibration import choose_thresholds

CLASSES = ["ad", "competitor", "extortion", "false_claim", "meaningless", "normal"]


def _rows(label_index, confidence, n):
    rows = np.full((n, len(CLASSES)), (1 - confidence) / (len(CLASSES) - 1))
    rows[:, label_index] = confidence
    return rows


def test_rows_without_the_evidence_do_not_count_against_a_label():
    # 40 true ads and 40 genuine reviews the model also calls ad, all at 0.7: precision 0.5.
    probabilities = np.vstack([_rows(0, 0.7, 40), _rows(0, 0.7, 40)])
    truth = ["ad"] * 40 + ["normal"] * 40
    floors = dict.fromkeys(["ad", "competitor", "extortion", "false_claim", "meaningless"], 0.5)
    alone, _ = choose_thresholds(probabilities, truth, CLASSES, target_precision=0.95, floors=floors)
    assert alone["ad"] == 0.99  # never reaches the target on probabilities alone
    # Only the true ads carry a contact or offer: the genuine ones can never be asserted.
    supported = {"ad": np.array([True] * 40 + [False] * 40)}
    gated, reached = choose_thresholds(probabilities, truth, CLASSES, target_precision=0.95, floors=floors,
                                       supported=supported)
    assert gated["ad"] == 0.5 and reached["ad"] == 1.0
