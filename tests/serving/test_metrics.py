"""Monitoring: the service's Prometheus metrics (serving/monitoring.py) and shadow scoring (serving/shadow.py).

In-process through the session's ASGI app, the counters are read from ``prometheus_client``'s
registry (BentoML's ``/metrics`` route only exists in a real server, where every worker writes
into ``PROMETHEUS_MULTIPROC_DIR``).  The integration tests scrape ``/metrics`` of a real
``bentoml serve`` with two workers and a shadow, and of one whose shadow alias does not exist.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections import Counter

import httpx
import pytest
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from features.schema import ChatItem, OrderItem, ReviewItem
from serving import monitoring
from serving.shadow import ShadowScorer
from tests.serve_helpers import start_serve, wait_ready

EXTORTION = {
    "review_id": "m-ext", "text": "质量太差了，差评！", "rating": 1, "created_at": "2026-10-10T17:00:00+08:00",
    "chat": [{"role": "buyer", "text": "给我转30元我马上删差评", "sent_at": "2026-10-10T13:00:00+08:00"}],
    "order": {"order_id": "o1", "paid_at": "2026-10-06T10:00:00+08:00", "delivered_at": "2026-10-08T12:00:00+08:00",
              "logistics_status": "delivered", "buyer": {"account_age_days": 3, "orders_total": 9, "refunds_total": 7}},
}
GENUINE = {"review_id": "m-gen", "text": "衣服质量一般，洗了一次就起球了，有点失望", "rating": 2}
AD = {"review_id": "m-ad", "text": "加微信 abc12345 领优惠券，全网最低价，快去抢", "rating": 5}
SHORT = {"review_id": "m-short", "text": "好", "rating": 5}
ABUSE = {"review_id": "m-abuse", "text": "垃圾店，傻逼客服，质量太差了，差评！", "rating": 1,
         "chat": [{"role": "buyer", "text": "不退款就一直差评"}]}
REVIEWS = [EXTORTION, GENUINE, AD, SHORT, ABUSE]

RISKY_ORDER = {"order_id": "m-o-risk", "shipping_address": "某小区门口", "same_address_orders_24h": 8,
               "paid_at": "2026-10-01T10:00:00+08:00", "refund_requested_at": "2026-10-01T10:03:00+08:00",
               "refund_status": "requested", "chat": [{"role": "buyer", "text": "你发货试试，收到就给你差评"}],
               "buyer": {"account_age_days": 1, "orders_total": 12, "refunds_total": 10}}
PLAIN_ORDER = {"order_id": "m-o-ok", "shipping_address": "浙江省杭州市西湖区文三路100号3栋201室", "amount": 59,
               "paid_at": "2026-10-01T10:00:00+08:00"}
ORDERS = [RISKY_ORDER, PLAIN_ORDER]

CHATS = [{"chat_id": "m-c-ext", "chat": [{"role": "buyer", "text": "给我转50块，不然我就给差评"}],
          "order": {"logistics_status": "unshipped"}},
         {"chat_id": "m-c-ok", "chat": [{"role": "buyer", "text": "请问什么时候发货？"}]}]


def value(name: str, **labels: str) -> float:
    """A sample of the in-process registry (0 when the label set was never recorded)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


class Snapshot:
    """Counter values before a request, to compare with after (other tests record too)."""

    def __init__(self, *keys: tuple[str, dict[str, str]]) -> None:
        self.keys = keys
        self.before = {self._key(name, labels): value(name, **labels) for name, labels in keys}

    @staticmethod
    def _key(name: str, labels: dict[str, str]) -> tuple:
        return name, tuple(sorted(labels.items()))

    def delta(self, name: str, **labels: str) -> float:
        return value(name, **labels) - self.before[self._key(name, labels)]


# --- the metrics of the scoring routes ---------------------------------------------------------------
def test_review_metrics_count_labels_decisions_reasons_evidence_and_input_shape(http_client):
    version = http_client.post("/v1/reviews/classify", json={"items": [GENUINE]}).json()[0]["model_version"]
    # What the response says, the counters must say too: computed from a first answer.
    probe = http_client.post("/v1/reviews/classify", json={"items": REVIEWS}).json()
    labels = Counter(r["label"] for r in probe)
    malicious = Counter(r["label"] for r in probe if r["malicious"])
    abstained = Counter(r["label"] for r in probe if r["needs_review"])
    reasons = Counter(reason["code"] for r in probe for reason in r["report_reasons"])
    evidence = Counter(piece["code"] or "none" for r in probe for piece in r["evidence"])
    assert malicious["extortion"] >= 1 and labels["normal"] >= 1, probe
    assert "report_reason_negative_comment_compensation" in reasons and evidence
    v = {"model_version": version}
    keys = [("reviewguard_review_items_total", {**v, "label": label}) for label in labels]
    keys += [("reviewguard_review_malicious_total", {**v, "label": label}) for label in labels]
    keys += [("reviewguard_review_needs_review_total", {**v, "label": label}) for label in labels]
    keys += [("reviewguard_review_report_reasons_total", {**v, "code": code}) for code in reasons]
    keys += [("reviewguard_review_evidence_total", {**v, "code": code}) for code in evidence]
    keys += [("reviewguard_review_inputs_total", {**v, "part": part}) for part in ("chat", "order", "buyer")]
    keys += [("reviewguard_review_text_chars_count", v), ("reviewguard_review_text_chars_sum", v),
             ("reviewguard_review_text_chars_bucket", {**v, "le": "5.0"})]
    snapshot = Snapshot(*keys)

    again = http_client.post("/v1/reviews/classify", json={"items": REVIEWS})
    assert again.status_code == 200 and again.json() == probe

    for label in labels:
        assert snapshot.delta("reviewguard_review_items_total", **v, label=label) == labels[label]
        assert snapshot.delta("reviewguard_review_malicious_total", **v, label=label) == malicious[label]
        assert snapshot.delta("reviewguard_review_needs_review_total", **v, label=label) == abstained[label]
    for code, count in reasons.items():
        assert snapshot.delta("reviewguard_review_report_reasons_total", **v, code=code) == count
    for code, count in evidence.items():
        assert snapshot.delta("reviewguard_review_evidence_total", **v, code=code) == count
    # Input shape: two reviews with chat, one with order facts and buyer facts, text lengths.
    assert snapshot.delta("reviewguard_review_inputs_total", **v, part="chat") == 2
    assert snapshot.delta("reviewguard_review_inputs_total", **v, part="order") == 1
    assert snapshot.delta("reviewguard_review_inputs_total", **v, part="buyer") == 1
    assert snapshot.delta("reviewguard_review_text_chars_count", **v) == len(REVIEWS)
    assert snapshot.delta("reviewguard_review_text_chars_sum", **v) == sum(len(r["text"]) for r in REVIEWS)
    assert snapshot.delta("reviewguard_review_text_chars_bucket", **v, le="5.0") == 1  # "好"


def test_order_metrics_count_levels_actions_reasons_and_inputs(http_client):
    probe = http_client.post("/v1/orders/score", json={"items": ORDERS}).json()
    version = probe[0]["model_version"]
    v = {"model_version": version}
    answers = Counter((r["level"], r["action"]) for r in probe)
    reasons = Counter(reason["code"] for r in probe for reason in r["reasons"])
    assert {"vague_address", "same_address_burst"} <= set(reasons)
    snapshot = Snapshot(
        *[("reviewguard_order_items_total", {**v, "level": level, "action": action}) for level, action in answers],
        *[("reviewguard_order_reasons_total", {**v, "code": code}) for code in reasons],
        *[("reviewguard_order_inputs_total", {**v, "part": part}) for part in ("chat", "buyer")])
    assert http_client.post("/v1/orders/score", json={"items": ORDERS}).json() == probe
    for (level, action), count in answers.items():
        assert snapshot.delta("reviewguard_order_items_total", **v, level=level, action=action) == count
    for code, count in reasons.items():
        assert snapshot.delta("reviewguard_order_reasons_total", **v, code=code) == count
    assert snapshot.delta("reviewguard_order_inputs_total", **v, part="chat") == 1
    assert snapshot.delta("reviewguard_order_inputs_total", **v, part="buyer") == 1


def test_chat_metrics_count_kinds_and_levels(http_client):
    probe = http_client.post("/v1/chats/assess", json={"items": CHATS}).json()
    assert [r["kind"] for r in probe] == ["extortion", "normal"]
    v = {"model_version": probe[0]["model_version"]}
    keys = [("reviewguard_chat_items_total", {**v, "kind": r["kind"], "level": r["level"]}) for r in probe]
    snapshot = Snapshot(*keys, ("reviewguard_chat_inputs_total", {**v, "part": "order"}))
    assert http_client.post("/v1/chats/assess", json={"items": CHATS}).json() == probe
    for r in probe:
        assert snapshot.delta("reviewguard_chat_items_total", **v, kind=r["kind"], level=r["level"]) == 1
    assert snapshot.delta("reviewguard_chat_inputs_total", **v, part="order") == 1


def test_abstentions_and_evidence_without_code_are_counted():
    """``needs_review`` per guessed label, straight from results (no request needed)."""
    from serving.results import Evidence, ReviewResult

    def result(review_id: str, label: str, malicious: bool, needs_review: bool) -> ReviewResult:
        return ReviewResult(review_id=review_id, label=label, confidence=0.6, probabilities={label: 0.6},
                            malicious=malicious, needs_review=needs_review, model_version="reviewguard-review/test",
                            evidence=[Evidence(source="review", reason="x")])

    items = [ReviewItem.model_validate({**GENUINE, "review_id": str(i)}) for i in range(3)]
    results = [result("0", "competitor", False, True), result("1", "competitor", True, False),
               result("2", "normal", False, False)]
    v = {"model_version": "reviewguard-review/test"}
    snapshot = Snapshot(("reviewguard_review_needs_review_total", {**v, "label": "competitor"}),
                        ("reviewguard_review_malicious_total", {**v, "label": "competitor"}),
                        ("reviewguard_review_items_total", {**v, "label": "competitor"}),
                        ("reviewguard_review_evidence_total", {**v, "code": "none"}))
    monitoring.record_reviews(items, results)
    assert snapshot.delta("reviewguard_review_needs_review_total", **v, label="competitor") == 1
    assert snapshot.delta("reviewguard_review_malicious_total", **v, label="competitor") == 1
    assert snapshot.delta("reviewguard_review_items_total", **v, label="competitor") == 2
    assert snapshot.delta("reviewguard_review_evidence_total", **v, code="none") == 3


def test_exposition_names_every_metric_with_help(http_client):
    http_client.post("/v1/reviews/classify", json={"items": [EXTORTION]})
    text = generate_latest(REGISTRY).decode()
    families = {family.name: family for family in text_string_to_metric_families(text)}
    for name in ("reviewguard_review_items", "reviewguard_review_malicious", "reviewguard_review_needs_review",
                 "reviewguard_review_report_reasons", "reviewguard_review_evidence", "reviewguard_review_inputs",
                 "reviewguard_review_text_chars", "reviewguard_order_items", "reviewguard_chat_items"):
        assert name in families and families[name].documentation, name
    assert families["reviewguard_review_text_chars"].type == "histogram"
    assert families["reviewguard_review_items"].type == "counter"


def test_a_metrics_error_is_logged_and_the_answer_is_unchanged(http_client, monkeypatch, caplog):
    expected = http_client.post("/v1/reviews/classify", json={"items": [EXTORTION, GENUINE]}).json()

    def broken():
        raise RuntimeError("metrics backend gone")

    monkeypatch.setattr(monitoring, "metrics", broken)
    monkeypatch.setattr(monitoring, "_last_error_log", 0.0)
    with caplog.at_level(logging.WARNING, logger="serving.monitoring"):
        response = http_client.post("/v1/reviews/classify", json={"items": [EXTORTION, GENUINE]})
        orders = http_client.post("/v1/orders/score", json={"items": ORDERS})
    assert response.status_code == 200 and response.json() == expected
    assert orders.status_code == 200
    assert "could not record review metrics" in caplog.text and "metrics backend gone" in caplog.text
    assert "could not record order metrics" not in caplog.text  # at most one message a minute


def test_no_shadow_configured_means_no_shadow_in_models(http_client):
    assert "shadow" not in http_client.get("/v1/models").json()


# --- shadow scoring, in-process ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def shadow_store(trained_store, tmp_path_factory):
    """A copy of the session store where both champions also carry ``challenger`` (the same
    versions: agreement must be total) and only the review champion carries ``review-only``."""
    from mlflow.tracking import MlflowClient

    settings, _trained = trained_store
    home = tmp_path_factory.mktemp("shadow-home")
    shutil.copy(settings.home / "mlflow.db", home / "mlflow.db")
    uri = f"sqlite:///{home / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    versions = {}
    for name in (settings.review_model_name, settings.order_model_name):
        versions[name] = client.get_model_version_by_alias(name, "champion").version
        client.set_registered_model_alias(name, "challenger", versions[name])
    client.set_registered_model_alias(settings.review_model_name, "review-only", versions[settings.review_model_name])
    return settings.model_copy(update={"home": home, "tracking_uri": uri}), client, versions


def _scorer(shadow_store, alias: str, **kwargs) -> ShadowScorer:
    settings, _client, _versions = shadow_store
    return ShadowScorer(settings.model_copy(update={"shadow_alias": alias, "workers": 1}), **kwargs)


def _agreement(route: str, agree: str, champion: str, shadow: str, label: str) -> float:
    return value("reviewguard_shadow_agreement_total", route=route, champion_version=champion,
                 shadow_version=shadow, label=label, agree=agree)


def test_shadow_with_the_same_versions_agrees_on_every_item(shadow_store, predictor):
    scorer = _scorer(shadow_store, "challenger")
    scorer.load(predictor)
    assert scorer.active
    described = scorer.describe()
    assert described["alias"] == "challenger"
    assert described["review"] == predictor.model_versions["review"]
    assert described["order"] == predictor.model_versions["order"]
    assert scorer._shadow.predictor is not predictor  # a second, separately loaded Predictor
    assert scorer._shadow.predictor.review_model is not predictor.review_model

    reviews = [ReviewItem.model_validate(r) for r in REVIEWS]
    orders = [OrderItem.model_validate(o) for o in ORDERS]
    chats = [ChatItem.model_validate(c) for c in CHATS]
    results = {"review": predictor.classify_reviews(reviews), "order": predictor.score_orders(orders),
               "chat": predictor.assess_chats(chats)}
    inputs = {"review": reviews, "order": orders, "chat": chats}
    answers = {route: Counter(monitoring.answer_of(route, r) for r in found) for route, found in results.items()}
    version = {"review": predictor.review_model.label, "order": predictor.order_model.label,
               "chat": predictor.review_model.label}
    before = {(route, label, agree): _agreement(route, agree, version[route], version[route], label)
              for route in answers for label in answers[route] for agree in ("true", "false")}
    shadow_before = {(route, label): value("reviewguard_shadow_items_total", route=route,
                                           model_version=version[route], label=label)
                     for route in answers for label in answers[route]}
    copies = {route: [r.model_copy(deep=True) for r in found] for route, found in results.items()}

    for route in ("review", "order", "chat"):
        scorer.submit(route, inputs[route], results[route])
    assert scorer.wait_idle(120)

    for route, counts in answers.items():
        for label, count in counts.items():
            assert _agreement(route, "true", version[route], version[route], label) - before[route, label, "true"] == count
            assert _agreement(route, "false", version[route], version[route], label) == before[route, label, "false"]
            shadow_count = value("reviewguard_shadow_items_total", route=route, model_version=version[route], label=label)
            assert shadow_count - shadow_before[route, label] == count
        # The champion's results are read, never changed.
        assert results[route] == copies[route]


def test_a_full_shadow_queue_drops_and_counts_without_waiting(shadow_store, predictor):
    scorer = _scorer(shadow_store, "challenger", queue_size=1)
    scorer.load(predictor)
    started, release = threading.Event(), threading.Event()
    real = scorer._shadow.predictor.classify_reviews

    def slow(items, **kwargs):
        started.set()
        release.wait(60)
        return real(items, **kwargs)

    scorer._shadow.predictor.classify_reviews = slow
    items = [ReviewItem.model_validate(GENUINE)]
    results = predictor.classify_reviews(items)
    dropped = value("reviewguard_shadow_dropped_total", route="review")
    scorer.submit("review", items, results)  # taken by the shadow thread, which then blocks
    assert started.wait(30)
    begin = time.monotonic()
    scorer.submit("review", items, results)  # waits in the queue (size 1)
    scorer.submit("review", items, results)  # queue full: dropped at once
    scorer.submit("review", items, results)
    assert time.monotonic() - begin < 0.5
    assert value("reviewguard_shadow_dropped_total", route="review") - dropped == 2
    release.set()
    assert scorer.wait_idle(60)


def test_shadow_scoring_failure_is_counted_and_logged(shadow_store, predictor, caplog):
    scorer = _scorer(shadow_store, "challenger")
    scorer.load(predictor)

    def broken(items, **kwargs):
        raise RuntimeError("shadow model broke")

    scorer._shadow.predictor.score_orders = broken
    orders = [OrderItem.model_validate(o) for o in ORDERS]
    errors = value("reviewguard_shadow_errors_total", route="order")
    with caplog.at_level(logging.WARNING, logger="serving.shadow"):
        scorer.submit("order", orders, predictor.score_orders(orders))
        assert scorer.wait_idle(60)
    assert value("reviewguard_shadow_errors_total", route="order") - errors == len(orders)
    assert "shadow scoring of 2 order items failed" in caplog.text


def test_a_missing_shadow_alias_is_logged_and_scores_nothing(shadow_store, predictor, caplog):
    scorer = _scorer(shadow_store, "no-such-alias")
    with caplog.at_level(logging.WARNING, logger="serving.shadow"):
        scorer.load(predictor)
    assert not scorer.active
    assert "no reviewguard-review@no-such-alias or reviewguard-order@no-such-alias" in caplog.text
    assert scorer.describe() == {"alias": "no-such-alias", "review": None, "order": None}
    items = [ReviewItem.model_validate(GENUINE)]
    scorer.submit("review", items, predictor.classify_reviews(items))  # nothing queued, nothing raised
    assert scorer.wait_idle(1) and scorer._thread is None


def test_only_the_model_that_has_the_alias_is_shadowed(shadow_store, predictor):
    scorer = _scorer(shadow_store, "review-only")
    scorer.load(predictor)
    assert scorer._shadow.routes == {"review", "chat"}
    assert scorer.describe()["order"] is None and scorer.describe()["review"] is not None
    # The order slot is the champion's own model, never scored by the shadow.
    assert scorer._shadow.predictor.order_model is predictor.order_model
    orders = [OrderItem.model_validate(o) for o in ORDERS]
    scorer.submit("order", orders, predictor.score_orders(orders))
    assert scorer._queue.qsize() == 0 and scorer.wait_idle(1)


def test_the_shadow_follows_its_alias_at_reloads(shadow_store, predictor):
    settings, client, versions = shadow_store
    scorer = _scorer(shadow_store, "moving")
    review = settings.review_model_name
    scorer.load(predictor)
    assert not scorer.active
    try:
        client.set_registered_model_alias(review, "moving", versions[review])
        assert scorer.follow_alias(predictor) is True
        assert scorer.active and scorer.describe()["review"]["version"] == int(versions[review])
        loaded = scorer._shadow
        assert scorer.follow_alias(predictor) is False and scorer._shadow is loaded  # nothing changed
        client.delete_registered_model_alias(review, "moving")
        assert scorer.follow_alias(predictor) is True
        assert not scorer.active
    finally:
        try:
            client.delete_registered_model_alias(review, "moving")
        except Exception:  # already removed by the test
            pass


def test_service_reload_follows_the_shadow_alias_even_when_the_champions_fail(shadow_store, predictor, monkeypatch):
    from serving import service
    from serving.predictor import ModelUnavailableError

    settings, client, versions = shadow_store
    review = settings.review_model_name
    instance = object.__new__(service.ReviewGuard.inner)  # the reload logic without a second app
    instance.predictor = predictor
    instance._reload_lock = threading.Lock()
    instance._shadow = _scorer(shadow_store, "moving-too")
    instance._shadow.load(predictor)
    monkeypatch.setattr(service, "check_champions", lambda _settings: {
        m["name"]: m["version"] for m in predictor.model_versions.values()})
    try:
        answer = instance.reload_models()
        assert answer["changed"] is False and answer["shadow"] == {"alias": "moving-too", "review": None, "order": None}
        client.set_registered_model_alias(review, "moving-too", versions[review])

        def unreachable(_settings):
            raise ModelUnavailableError("cannot reach the MLflow registry")

        monkeypatch.setattr(service, "check_champions", unreachable)
        with pytest.raises(ModelUnavailableError):
            instance.reload_models()
        assert instance.predictor is predictor  # the champions in use keep serving
        assert instance._shadow.describe()["review"]["version"] == int(versions[review])  # the shadow moved anyway
    finally:
        client.delete_registered_model_alias(review, "moving-too")


def test_the_shadow_reads_the_ledger_but_never_writes_it(shadow_store, predictor, tmp_path):
    from datetime import datetime

    from serving.ledger import BuyerLedger, Decision
    from serving.predictor import Predictor
    from serving.shadow import ReadOnlyLedger

    ledger = BuyerLedger(tmp_path / "ledger.db")
    champion = Predictor(predictor.review_model, predictor.order_model, ledger)
    ledger.record([Decision("b-1", "review", "earlier", "extortion", datetime.now().astimezone(),
                            "reviewguard-review/1")])
    scorer = _scorer(shadow_store, "challenger")
    scorer.load(champion)
    assert isinstance(scorer._shadow.predictor.ledger, ReadOnlyLedger)
    buyer_review = {**EXTORTION, "review_id": "m-ledger",
                    "order": {**EXTORTION["order"], "buyer": {"buyer_id": "b-1", "account_age_days": 3}}}
    items = [ReviewItem.model_validate(buyer_review)]
    results = champion.classify_reviews(items)
    assert len(ledger.entries("b-1")) == 2  # the champion recorded its decision
    shadow_answer = scorer._shadow.predictor.classify_reviews(items, packages=False)
    assert shadow_answer[0].label == results[0].label and shadow_answer[0].probabilities == results[0].probabilities
    assert len(ledger.entries("b-1")) == 2  # the shadow did not


# --- a real server ----------------------------------------------------------------------------------
def _scrape(url: str) -> dict[tuple[str, tuple], float]:
    text = httpx.get(f"{url}/metrics", timeout=10).text
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def _total(samples: dict, name: str, **labels: str) -> float:
    return sum(v for (n, found), v in samples.items() if n == name and labels.items() <= dict(found).items())


@pytest.mark.integration
def test_real_server_shadow_agrees_and_answers_as_without_shadow(shadow_store, http_client, tmp_path):
    settings, _client, _versions = shadow_store
    serve = start_serve(tmp_path / "serve.log", {
        "REVIEWGUARD_HOME": str(settings.home), "REVIEWGUARD_TRACKING_URI": settings.tracking_uri,
        "REVIEWGUARD_SHADOW_ALIAS": "challenger", "REVIEWGUARD_WORKERS": "2"}, via_cli=False)
    try:
        wait_ready(serve, timeout=180)
        models = httpx.get(f"{serve.url}/v1/models", timeout=10).json()
        assert models["shadow"] == {"alias": "challenger", "review": models["review"], "order": models["order"]}
        requests = 6
        for _ in range(requests):  # several connections' worth: both workers get some
            with httpx.Client(timeout=60) as client:
                shadowed = client.post(f"{serve.url}/v1/reviews/classify", json={"items": REVIEWS})
                orders = client.post(f"{serve.url}/v1/orders/score", json={"items": ORDERS})
                chats = client.post(f"{serve.url}/v1/chats/assess", json={"items": CHATS})
            assert shadowed.status_code == orders.status_code == chats.status_code == 200
        # The same answers as the in-process service without shadow (same store, same versions).
        assert shadowed.json() == http_client.post("/v1/reviews/classify", json={"items": REVIEWS}).json()
        assert orders.json() == http_client.post("/v1/orders/score", json={"items": ORDERS}).json()
        assert chats.json() == http_client.post("/v1/chats/assess", json={"items": CHATS}).json()

        expected = {"review": len(REVIEWS) * requests, "order": len(ORDERS) * requests, "chat": len(CHATS) * requests}
        deadline = time.monotonic() + 60
        while True:
            samples = _scrape(serve.url)
            agreed = {route: _total(samples, "reviewguard_shadow_agreement_total", route=route) for route in expected}
            if agreed == expected or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert agreed == expected, agreed
        for route in expected:
            assert _total(samples, "reviewguard_shadow_agreement_total", route=route, agree="true") == expected[route]
            assert _total(samples, "reviewguard_shadow_items_total", route=route) == expected[route]
        assert _total(samples, "reviewguard_shadow_dropped_total") == 0
        extortion = [label for (name, label), _ in samples.items()
                     if name == "reviewguard_shadow_agreement_total" and ("label", "extortion") in label]
        assert extortion  # per label
        # The champion's own metrics, merged over both workers.
        version = shadowed.json()[0]["model_version"]
        assert _total(samples, "reviewguard_review_items_total", model_version=version) == expected["review"]
        flagged = sum(r["malicious"] and r["label"] == "extortion" for r in shadowed.json())
        assert _total(samples, "reviewguard_review_malicious_total", model_version=version, label="extortion") == (
            flagged * requests)
        assert _total(samples, "reviewguard_review_text_chars_count", model_version=version) == expected["review"]
        assert _total(samples, "bentoml_service_request_total") > 0  # BentoML's own metrics are still there
    finally:
        serve.stop()


@pytest.mark.integration
def test_real_server_with_a_missing_shadow_alias_starts_and_records_no_shadow(shadow_store, tmp_path):
    settings, _client, _versions = shadow_store
    serve = start_serve(tmp_path / "serve.log", {
        "REVIEWGUARD_HOME": str(settings.home), "REVIEWGUARD_TRACKING_URI": settings.tracking_uri,
        "REVIEWGUARD_SHADOW_ALIAS": "no-such-alias", "REVIEWGUARD_WORKERS": "1"}, via_cli=False)
    try:
        wait_ready(serve, timeout=120)
        assert "no reviewguard-review@no-such-alias or reviewguard-order@no-such-alias" in serve.log()
        models = httpx.get(f"{serve.url}/v1/models", timeout=10).json()
        assert models["shadow"] == {"alias": "no-such-alias", "review": None, "order": None}
        response = httpx.post(f"{serve.url}/v1/reviews/classify", json={"items": REVIEWS}, timeout=60)
        assert response.status_code == 200
        time.sleep(1)
        samples = _scrape(serve.url)
        assert _total(samples, "reviewguard_review_items_total") == len(REVIEWS)
        assert not [name for name, _labels in samples if name.startswith("reviewguard_shadow_")]
    finally:
        serve.stop()
