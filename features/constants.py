"""The business constants of reviewguard, in one place: decision thresholds and the day, hour
and minute limits behind evidence, order reasons and appeal packages.

Features, the decision, the appeal builder and training all read them from here, so that a
limit quoted in an appeal ("评价距签收仅 2 分钟") is the limit the evidence was found with.
docs/spec.md and docs/evidence.md explain each rule; changing a value that feeds the model's
features (the ``*_FEATURE_*`` ones) needs a retrain.
"""

from __future__ import annotations

# --- Decision: when a label's probability is enough (features/decision.py) ------------------
# Threshold of a malicious label in a model that stored none (every trained model stores its own).
DEFAULT_THRESHOLD = 0.6
# `meaningless` resting only on "no reference to the purchase" is the weakest evidence: at
# least this threshold, and training chooses it for this precision on the calibration rows.
UNRELATED_ONLY_DEFAULT = 0.9
# Lowest threshold for an ad resting on the model's reading of promotional copy alone (no rule
# evidence): on the --data-dir model, 0.95 kept genuine reviews and unrelated text asserted this
# way at <= 0.23 % per corpus (3 000 rows each; docs/model_card.md).
AD_COPY_ONLY_DEFAULT = 0.95
UNRELATED_ONLY_PRECISION = 0.99
# Calibration: a label that never reaches its target precision is asserted only above this.
NEARLY_CERTAIN = 0.99
# Lowest threshold calibration ever considers, and the floor when a config names none.
LOWEST_THRESHOLD = 0.3
CALIBRATION_FLOOR = 0.5
# Order risk levels: the lower bound of each.
ORDER_LEVELS = (("low", 0.0), ("medium", 0.35), ("high", 0.7))

# --- Evidence: account and timing facts (features/evidence.py) ------------------------------
# "New account" and "reviewed before the goods could be used" (competitor evidence).
NEW_ACCOUNT_DAYS = 30
QUICK_REVIEW_MINUTES = 120
# Facts that contradict "slow delivery" / "not shipped" / "no reply" claims (false_claim).
FAST_DELIVERY_DAYS = 4
PROMPT_SHIPPING_HOURS = 48
# A parcel that left within a day of payment: the shop never said it was out of stock.
SAME_DAY_SHIPPING_HOURS = 24
PROMPT_REPLY_MINUTES = 60
# The model's claim-vs-fact features (features/behaviour.py): a claim is confirmed beyond these.
SLOW_DELIVERY_FEATURE_DAYS = 7
LATE_SHIPPING_FEATURE_HOURS = 96

# Festivals a gift is bought for and the day each falls on (the lunar ones move each year): a
# review saying the goods came "after" one is checked against the delivery (features/behaviour.py).
FESTIVAL_DAYS: dict[str, tuple[str, ...]] = {
    "春节": ("2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26"),
    "元宵": ("2024-02-24", "2025-02-12", "2026-03-03", "2027-02-20", "2028-02-09"),
    "端午": ("2024-06-10", "2025-05-31", "2026-06-19", "2027-06-09", "2028-05-28"),
    "七夕": ("2024-08-10", "2025-08-29", "2026-08-19", "2027-08-08", "2028-08-26"),
    "中秋": ("2024-09-17", "2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03"),
    "情人节": tuple(f"{year}-02-14" for year in range(2024, 2029)),
    "国庆": tuple(f"{year}-10-01" for year in range(2024, 2029)),
    "圣诞": tuple(f"{year}-12-25" for year in range(2024, 2029)),
}
# Other names a review gives a festival of the table.
FESTIVAL_ALIASES = {"过年": "春节"}

# --- Orders (features/order_rules.py) ------------------------------------------------------
REFUND_RIGHT_AFTER_PAYING_MINUTES = 30
NEW_ORDER_ACCOUNT_DAYS = 7
BURST_ORDERS_24H = 3
# A pickup station or mail room (驿站, 快递柜, 收发室) receives the parcels of hundreds of households:
# a burst of orders to its address counts only from this many.
PICKUP_POINT_BURST_ORDERS_24H = 10
SERIAL_REFUNDER_MIN_ORDERS = 3
SERIAL_REFUNDER_RATE = 0.5
# An established account (old, many orders, few refunds and bad reviews) buying several times a
# day buys for family or gifts: its orders are no burst.
ESTABLISHED_ACCOUNT_DAYS = 180
ESTABLISHED_MIN_ORDERS = 10
ESTABLISHED_MAX_NEGATIVE_SHARE = 0.2

# --- Appeals (serving/appeal.py) -------------------------------------------------------------
# The platform accepts a report only within this many days of the review.
APPEAL_WINDOW_DAYS = 30
# The report form's description field and its attachments.
REPORT_DESCRIPTION_MAX_CHARS = 100
REPORT_EVIDENCE_MAX_ITEMS = 8
# Confidence of a rule-based report reason (features/report_reasons.py): the precision the rule
# reached on the labelled cases it was measured on (docs/report_reasons.md), not a probability
# the model learnt.  A rule quoting the buyer's own words is surer than one reading tone.
RULE_CONFIDENCE = {
    "abuse": 0.9,
    "rating_mismatch": 0.85,
    "wrong_choice": 0.8,
    "before_delivery": 0.95,
    "price_drop": 0.85,
}

# --- Live-chat early warning (features/chat_warning.py) ---------------------------------------
# A chat with the evidence of a kind is at least medium risk; the model lifts it to high.
CHAT_LEVELS = (("low", 0.0), ("medium", 0.5), ("high", 0.75))
# Without any evidence a chat stays low, whatever the model says.
CHAT_NO_EVIDENCE_CAP = 0.3
