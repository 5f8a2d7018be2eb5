"""The live-chat early warning: kinds need their evidence, complaints are not extortion, and the
advice follows the appeal guide (no giving in to extortion, solve complaints now)."""

import pytest

from features.chat_warning import REPLIES, as_review, assess_chat
from features.evidence import review_evidence
from features.schema import validate_chat

MODEL_SURE = {"normal": 0.02, "extortion": 0.9, "competitor": 0.9, "ad": 0.9, "meaningless": 0.1, "false_claim": 0.1}
MODEL_UNSURE = {"normal": 0.9, "extortion": 0.02, "competitor": 0.02, "ad": 0.02, "meaningless": 0.02, "false_claim": 0.02}


def assess(messages, probabilities=MODEL_SURE, order=None):
    item = validate_chat({"chat_id": "c", "chat": [{"role": role, "text": text} for role, text in messages],
                          **({"order": order} if order else {})})
    return assess_chat(item, review_evidence(as_review(item)), probabilities)


@pytest.mark.parametrize(("messages", "kind"), [
    ([("buyer", "东西有划痕"), ("buyer", "给我转50块，不然我就给差评")], "extortion"),
    ([("buyer", "你们进货价多少？一天能卖多少单？")], "competitor_probe"),
    ([("buyer", "这个是哪个厂做的？你们从哪拿货")], "competitor_probe"),
    ([("buyer", "加我微信 abc12345 有好货")], "ad"),
    ([("buyer", "收到的杯子碎了一个，怎么办")], "complaint"),
    ([("buyer", "少发了一个，麻烦补发一下，谢谢")], "complaint"),
    ([("buyer", "请问什么时候发货？"), ("seller", "亲，今天就发")], "normal"),
])
def test_kind_follows_the_evidence(messages, kind):
    assert assess(messages).kind == kind


@pytest.mark.parametrize("messages", [
    [("buyer", "收到的杯子碎了一个，能退款吗")],  # a refund asked for a real problem: no review leverage
    [("buyer", "东西坏了，我要投诉")],  # a complaint threat without a demand
    [("buyer", "这个颜色好看吗"), ("buyer", "好多人买吗")],
    # The manufacturer as a service, a courier collecting a return, a price asked: no probing.
    [("buyer", "请问是厂家直发吗？保真吗？")], [("buyer", "空调安装要怎么联系厂家")],
    [("buyer", "系统说明天上门拿货，新的是快递员一起带来吗")], [("buyer", "就标多少卖多少吗")],
    # A request the buyer lets go, and a good review already given: no extortion.
    [("buyer", "有个线头，能补偿一点吗？不行也没关系"), ("seller", "给您补偿3元"), ("buyer", "谢谢，好评已经给了")],
])
def test_genuine_twins_are_never_malicious_however_sure_the_model_is(messages):
    warning = assess(messages)
    assert warning.kind in ("complaint", "normal") and warning.level == "low"
    assert all(e.label == "complaint" for e in warning.evidence)


def test_a_complaint_quotes_the_messages_that_raise_it_and_an_empty_text_is_not_risk():
    warning = assess([("buyer", "在吗"), ("buyer", "收到的杯子碎了一个，怎么办")])
    assert warning.kind == "complaint" and [(e.index, e.quote) for e in warning.evidence] == [(1, "收到的杯子碎了一个，怎么办")]
    # The model reads a chat's missing review text as meaningless: that is no risk.
    meaningless_sure = {"normal": 0.01, "meaningless": 0.98, "extortion": 0.01}
    assert assess([("buyer", "在吗，什么时候发货")], meaningless_sure).risk < 0.01


def test_evidence_alone_is_medium_and_the_model_lifts_it_to_high():
    messages = [("buyer", "给我转50块，不然我就给差评")]
    unsure, sure = assess(messages, MODEL_UNSURE), assess(messages, MODEL_SURE)
    assert unsure.kind == sure.kind == "extortion"
    assert unsure.level == "medium" and sure.level == "high" and sure.risk > unsure.risk
    assert [e.quote for e in sure.evidence] == ["给我转50块，不然我就给差评"]


def test_extortion_reply_follows_the_guide_and_holds_an_unshipped_order():
    messages = [("buyer", "给我转50块，不然我就给差评")]
    warning = assess(messages, order={"logistics_status": "unshipped"})
    assert "这是勒索行为，我方将向平台申诉" in warning.suggested_reply
    assert any("不要转账" in line for line in warning.advice) and any("截图" in line for line in warning.advice)
    assert warning.hold_shipping
    shipped = assess(messages, order={"logistics_status": "in_transit", "shipped_at": "2026-11-01T10:00:00+08:00"})
    assert not shipped.hold_shipping
    assert not assess(messages).hold_shipping  # no order given: nothing to hold


def test_complaint_reply_solves_the_problem_and_never_trades_for_a_review():
    from serving.appeal import FORBIDDEN_IN_REPLIES

    warning = assess([("buyer", "收到的杯子碎了一个，怎么办")])
    assert warning.suggested_reply == REPLIES["complaint"]
    for text in (warning.suggested_reply, *warning.advice):
        for name, pattern in FORBIDDEN_IN_REPLIES:
            if name == "compensation_for_review" and text.startswith("不要"):
                continue  # the advice names what is forbidden in order to forbid it
            assert not pattern.search(text), (name, text)
