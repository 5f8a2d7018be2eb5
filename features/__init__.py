"""The one feature pipeline of reviewguard, imported by training and by serving.

Nothing here has side effects at import time.
"""

REVIEW_LABELS: tuple[str, ...] = (
    "extortion",
    "competitor",
    "ad",
    "meaningless",
    "false_claim",
    "normal",
)
MALICIOUS_LABELS: tuple[str, ...] = REVIEW_LABELS[:-1]
