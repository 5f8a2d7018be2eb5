"""Prometheus metrics of what the service sees and answers, per model version (``/metrics``).

The route handlers of :mod:`serving.service` call :func:`record_reviews`, :func:`record_orders`
and :func:`record_chats` once per request, after scoring; :mod:`serving.shadow` calls the
``record_shadow*`` functions from its background thread.  Each call makes one pass over the
request's items and results, adds them up in a few local dictionaries and then increments each
counter once per distinct label set (so a request of 1 000 items costs a few dozen counter
updates, plus one histogram observation per review for the text length).  Recording never
fails a request: an error is logged (at most once a minute) and the answer goes out unchanged.

The metrics are plain ``prometheus_client`` metrics: BentoML 1.4 serves whatever the worker
processes register (``PROMETHEUS_MULTIPROC_DIR`` is set for every worker before it starts, and
BentoML's ``/metrics`` merges all workers' files).  ``bentoml.metrics`` is the deprecated alias of
the same classes in BentoML 1.4 (its own deprecation note says to use ``prometheus_client``), so
the module is used directly.  The metrics are created on first use, never at import: the
``bentoml serve`` main process imports the service without ever recording anything.

Every metric name starts with ``reviewguard_``; docs/operations.md ("Metrics") lists them with
example PromQL.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

log = logging.getLogger(__name__)

# Review text length in characters (MAX_TEXT_CHARS is 2 000): short "好评" texts, a sentence,
# a paragraph, a long complaint.
TEXT_CHARS_BUCKETS = (0, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
# A metrics error is logged at most this often (the request is answered either way).
ERROR_LOG_SECONDS = 60.0


class _Metrics:
    """The metric objects, created once per process on first use."""

    def __init__(self) -> None:
        from prometheus_client import Counter, Histogram

        version = ["model_version"]
        # Reviews (POST /v1/reviews/classify).
        self.review_items = Counter(
            "reviewguard_review_items", "Reviews scored, by the label of the result.", [*version, "label"])
        self.review_malicious = Counter(
            "reviewguard_review_malicious", "Reviews asserted malicious (malicious=true), by label.",
            [*version, "label"])
        self.review_needs_review = Counter(
            "reviewguard_review_needs_review",
            "Reviews where the model abstained (needs_review=true: a malicious best guess without "
            "the evidence or confidence to assert it), by the label guessed.", [*version, "label"])
        self.review_reasons = Counter(
            "reviewguard_review_report_reasons",
            "Platform report reasons attached to results (report_reasons[].code), one per reason.",
            [*version, "code"])
        self.review_evidence = Counter(
            "reviewguard_review_evidence",
            "Evidence pieces behind review labels (evidence[].code; 'none' when a piece has no code).",
            [*version, "code"])
        self.review_text_chars = Histogram(
            "reviewguard_review_text_chars", "Length of the review text in characters.", version,
            buckets=TEXT_CHARS_BUCKETS)
        self.review_inputs = Counter(
            "reviewguard_review_inputs",
            "Reviews sent with an optional part: chat (non-empty chat), order (order facts), "
            "buyer (order.buyer facts).", [*version, "part"])
        # Orders (POST /v1/orders/score).
        self.order_items = Counter(
            "reviewguard_order_items", "Orders scored, by risk level and recommended action.",
            [*version, "level", "action"])
        self.order_reasons = Counter(
            "reviewguard_order_reasons", "Order risk reasons given (reasons[].code), one per reason.",
            [*version, "code"])
        self.order_inputs = Counter(
            "reviewguard_order_inputs",
            "Orders sent with an optional part: chat (non-empty chat), buyer (buyer facts).", [*version, "part"])
        # Live chats (POST /v1/chats/assess).
        self.chat_items = Counter(
            "reviewguard_chat_items", "Chats assessed, by kind and level of the warning.",
            [*version, "kind", "level"])
        self.chat_inputs = Counter(
            "reviewguard_chat_inputs", "Chats sent with an optional part: order (order facts).",
            [*version, "part"])
        # Shadow scoring (REVIEWGUARD_SHADOW_ALIAS, serving/shadow.py).
        self.shadow_agreement = Counter(
            "reviewguard_shadow_agreement",
            "Items scored by both champion and shadow, by the champion's answer (review label, order "
            "action, chat kind) and whether the shadow gave the same (reviews: same label and same "
            "malicious flag).", ["route", "champion_version", "shadow_version", "label", "agree"])
        self.shadow_items = Counter(
            "reviewguard_shadow_items",
            "Items scored by the shadow, by its answer (review label, order action, chat kind).",
            ["route", "model_version", "label"])
        self.shadow_malicious = Counter(
            "reviewguard_shadow_malicious", "Reviews the shadow asserts malicious, by label.",
            ["model_version", "label"])
        self.shadow_dropped = Counter(
            "reviewguard_shadow_dropped",
            "Items not shadow-scored because the shadow queue was full (the shadow sees a sample).",
            ["route"])
        self.shadow_errors = Counter(
            "reviewguard_shadow_errors", "Items whose shadow scoring failed (logged).", ["route"])


_metrics: _Metrics | None = None
_metrics_lock = threading.Lock()
_last_error_log = 0.0
_errors_not_logged = 0


def metrics() -> _Metrics:
    """The process's metric objects (created on first use)."""
    global _metrics
    if _metrics is None:
        with _metrics_lock:
            if _metrics is None:
                _metrics = _Metrics()
    return _metrics


def _failed(what: str) -> None:
    """Log a recording error (with its traceback) at most once per ERROR_LOG_SECONDS."""
    global _last_error_log, _errors_not_logged
    now = time.monotonic()
    if now - _last_error_log < ERROR_LOG_SECONDS and _last_error_log:
        _errors_not_logged += 1
        return
    log.warning("could not record %s metrics (%d more errors since the last message); the answer is "
                "unaffected", what, _errors_not_logged, exc_info=True)
    _last_error_log = now
    _errors_not_logged = 0


def _flush(counter: Any, counts: dict[tuple[str, ...], int]) -> None:
    for labels, n in counts.items():
        counter.labels(*labels).inc(n)


def record_reviews(items: Sequence[Any], results: Sequence[Any]) -> None:
    """Count one request's review results and input shape.  Never raises."""
    try:
        m = metrics()
        labels: defaultdict[tuple[str, ...], int] = defaultdict(int)
        malicious: defaultdict[tuple[str, ...], int] = defaultdict(int)
        abstained: defaultdict[tuple[str, ...], int] = defaultdict(int)
        reasons: defaultdict[tuple[str, ...], int] = defaultdict(int)
        evidence: defaultdict[tuple[str, ...], int] = defaultdict(int)
        inputs: defaultdict[tuple[str, ...], int] = defaultdict(int)
        lengths: dict[str, Any] = {}  # model_version -> its histogram child
        for item, result in zip(items, results, strict=True):
            version = result.model_version
            key = (version, result.label)
            labels[key] += 1
            if result.malicious:
                malicious[key] += 1
            if result.needs_review:
                abstained[key] += 1
            for reason in result.report_reasons:
                reasons[(version, reason.code)] += 1
            for piece in result.evidence:
                evidence[(version, piece.code or "none")] += 1
            if item.chat:
                inputs[(version, "chat")] += 1
            if item.order is not None:
                inputs[(version, "order")] += 1
                if item.order.buyer is not None:
                    inputs[(version, "buyer")] += 1
            child = lengths.get(version)
            if child is None:
                child = lengths[version] = m.review_text_chars.labels(version)
            child.observe(len(item.text))
        _flush(m.review_items, labels)
        _flush(m.review_malicious, malicious)
        _flush(m.review_needs_review, abstained)
        _flush(m.review_reasons, reasons)
        _flush(m.review_evidence, evidence)
        _flush(m.review_inputs, inputs)
    except Exception:  # metrics must never fail or change an answer
        _failed("review")


def record_orders(items: Sequence[Any], results: Sequence[Any]) -> None:
    """Count one request's order results and input shape.  Never raises."""
    try:
        m = metrics()
        answers: defaultdict[tuple[str, ...], int] = defaultdict(int)
        reasons: defaultdict[tuple[str, ...], int] = defaultdict(int)
        inputs: defaultdict[tuple[str, ...], int] = defaultdict(int)
        for item, result in zip(items, results, strict=True):
            version = result.model_version
            answers[(version, result.level, result.action)] += 1
            for reason in result.reasons:
                reasons[(version, reason.code)] += 1
            if item.chat:
                inputs[(version, "chat")] += 1
            if item.buyer is not None:
                inputs[(version, "buyer")] += 1
        _flush(m.order_items, answers)
        _flush(m.order_reasons, reasons)
        _flush(m.order_inputs, inputs)
    except Exception:  # metrics must never fail or change an answer
        _failed("order")


def record_chats(items: Sequence[Any], results: Sequence[Any]) -> None:
    """Count one request's chat assessments.  Never raises."""
    try:
        m = metrics()
        answers: defaultdict[tuple[str, ...], int] = defaultdict(int)
        inputs: defaultdict[tuple[str, ...], int] = defaultdict(int)
        for item, result in zip(items, results, strict=True):
            answers[(result.model_version, result.kind, result.level)] += 1
            if item.order is not None:
                inputs[(result.model_version, "order")] += 1
        _flush(m.chat_items, answers)
        _flush(m.chat_inputs, inputs)
    except Exception:  # metrics must never fail or change an answer
        _failed("chat")


def answer_of(route: str, result: Any) -> str:
    """What is compared between champion and shadow: review label, order action, chat kind."""
    if route == "review":
        return result.label
    if route == "order":
        return result.action
    return result.kind


def record_shadow(route: str, champion: Sequence[Any], shadow: Sequence[Any]) -> None:
    """Count the shadow's answers and their agreement with the champion's.  Never raises.

    Reviews agree when label and ``malicious`` are the same (``needs_review`` follows from the
    two); orders when the action is the same; chats when the kind is the same.
    """
    try:
        m = metrics()
        agreement: defaultdict[tuple[str, ...], int] = defaultdict(int)
        answers: defaultdict[tuple[str, ...], int] = defaultdict(int)
        malicious: defaultdict[tuple[str, ...], int] = defaultdict(int)
        for ours, theirs in zip(champion, shadow, strict=True):
            label, shadow_label = answer_of(route, ours), answer_of(route, theirs)
            agree = label == shadow_label and (route != "review" or ours.malicious == theirs.malicious)
            agreement[(route, ours.model_version, theirs.model_version, label, "true" if agree else "false")] += 1
            answers[(route, theirs.model_version, shadow_label)] += 1
            if route == "review" and theirs.malicious:
                malicious[(theirs.model_version, shadow_label)] += 1
        _flush(m.shadow_agreement, agreement)
        _flush(m.shadow_items, answers)
        _flush(m.shadow_malicious, malicious)
    except Exception:  # metrics must never fail the shadow thread
        _failed("shadow")


def record_shadow_dropped(route: str, items: int) -> None:
    """``items`` were not shadow-scored (queue full).  Never raises."""
    try:
        metrics().shadow_dropped.labels(route).inc(items)
    except Exception:
        _failed("shadow")


def record_shadow_error(route: str, items: int) -> None:
    """Shadow scoring of ``items`` failed.  Never raises."""
    try:
        metrics().shadow_errors.labels(route).inc(items)
    except Exception:
        _failed("shadow")
