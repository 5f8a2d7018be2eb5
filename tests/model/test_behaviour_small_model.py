"""Behavioural tests of the trained review model (minimum functionality, invariance, direction).

They run against the small CI model, so they check what any model worth serving must get
right, not fine-grained quality (that is measured on held-out data and logged to MLflow).
"""

import pytest

from features.schema import validate_review


def classify(predictor, **fields):
    record = {"review_id": "t", "rating": 1, **fields}
    return predictor.classify_reviews([validate_review(record)])[0]


@pytest.mark.parametrize("demand", ["给我转30元我马上删差评", "不给50元补偿就不删差评", "不退款我就差评加投诉"])
def test_extortion_chat_is_extortion(predictor, demand):
    result = classify(predictor, text="差评！", chat=[{"role": "buyer", "text": demand}])
    assert result.label == "extortion", result.probabilities


@pytest.mark.parametrize("text", ["衣服质量一般，洗了一次就起球了，有点失望", "物流太慢了，等了好久", "不错", "还行", "挺好的"])
def test_genuine_reviews_are_not_flagged(predictor, text):
    rating = 5 if len(text) <= 3 else 2
    result = classify(predictor, text=text, rating=rating)
    assert not result.malicious, result.probabilities


def test_polite_refund_request_in_chat_stays_normal(predictor):
    result = classify(predictor, text="尺码偏小，穿着不合适", rating=3,
                      chat=[{"role": "buyer", "text": "你好，尺码小了，可以退货吗？"},
                            {"role": "seller", "text": "亲，可以的，您申请退货就行"}])
    assert result.label == "normal", result.probabilities


def test_adding_a_threat_raises_extortion_probability(predictor):
    base = classify(predictor, text="质量不好", chat=[{"role": "buyer", "text": "质量不好，能处理一下吗"}])
    threat = classify(predictor, text="质量不好", chat=[{"role": "buyer", "text": "不赔我30元就给你差评"}])
    assert threat.probabilities["extortion"] > base.probabilities["extortion"]


def test_obfuscated_contact_gives_the_same_result_as_plain(predictor):
    plain = classify(predictor, text="好评！加微信 abc12345 领优惠券", rating=5)
    hidden = classify(predictor, text="好评！➕薇 abc12345 领优惠券", rating=5)
    assert plain.label == hidden.label
    assert abs(plain.probabilities["ad"] - hidden.probabilities["ad"]) < 1e-6


def test_every_malicious_result_carries_the_evidence_its_appeal_cites(predictor):
    """One extractor feeds the decision and the appeal: the two lists are the same, never empty."""
    records = [
        {"review_id": "a", "rating": 1, "text": "差评", "chat": [{"role": "buyer", "text": "返我40块钱我就删掉差评"}]},
        {"review_id": "b", "rating": 5, "text": "宝贝收到了，需要兼职的加V：work8899，日结"},
        {"review_id": "c", "rating": 2, "text": "嗯嗯嗯嗯嗯嗯嗯嗯嗯嗯"},
        {"review_id": "d", "rating": 1, "text": "根本没收到货", "order": {"order_id": "o", "logistics_status": "delivered",
                                                                  "paid_at": "2026-11-01T10:00:00+08:00",
                                                                  "delivered_at": "2026-11-03T10:00:00+08:00"}},
    ]
    results = predictor.classify_reviews([validate_review(r) for r in records])
    for result in results:
        if result.malicious:
            assert result.evidence and result.missing_evidence is None
            if result.appeal is not None:
                assert [e.code for e in result.appeal.evidence] == [e.code for e in result.evidence]
        elif result.needs_review and result.label != "normal":
            assert result.missing_evidence


@pytest.mark.parametrize("text", ["鞋子还是拍大一个号", "面料材质：薄的", "猫粮颗粒小，适口性好", "沙发组装花了半小时"])
def test_unfamiliar_categories_and_short_fragments_are_never_asserted_meaningless(predictor, text):
    result = classify(predictor, text=text, rating=4)
    assert not (result.malicious and result.label == "meaningless"), result
