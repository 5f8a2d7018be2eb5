import math

import pytest

from features.signals import (
    TEXT_SIGNAL_NAMES,
    char_entropy,
    claims,
    money_amounts,
    sentiment_score,
    text_signals,
)
from features.text import normalize_text


def signals(text: str) -> dict[str, float]:
    return dict(zip(TEXT_SIGNAL_NAMES, text_signals(normalize_text(text)), strict=True))


def test_money_amounts_in_digits_symbols_and_chinese():
    assert money_amounts("给我转30元") == [30.0]
    assert money_amounts("¥50 或者 五十块") == [50.0, 50.0]
    assert money_amounts("两百块") == [200.0]
    assert money_amounts("质量很好") == []


@pytest.mark.parametrize("text", ["给我转30元我马上删差评", "不给50元补偿就不删差评", "不退款我就差评加投诉12315",
                                  "不赔钱的话等着收差评吧", "返现20块我就改好评"])
def test_conditional_threats_are_detected(text):
    s = signals(text)
    assert s["conditional_threat"] == 1.0
    assert s["review_threat_count"] >= 1


@pytest.mark.parametrize("text", ["质量太差了，差评", "花了200块买了个垃圾", "客服态度还行，就是物流慢"])
def test_plain_complaints_are_not_conditional_threats(text):
    assert signals(text)["conditional_threat"] == 0.0


def test_contacts_after_deobfuscation():
    s = signals("➕薇 1 3 8 0 0 1 3 8 0 0 0 兼职日结")
    assert s["wechat"] == 1.0 and s["phone"] == 1.0 and s["promotion_count"] >= 2
    assert signals("详情见 http://t.cn/abc")["url"] == 1.0
    assert signals("电话138****5678")["masked_phone"] == 1.0


def test_competitor_talk():
    assert signals("我们店也卖同款，才9块9")["competitor_count"] >= 1
    assert signals("你们进货价多少")["competitor_count"] >= 1
    assert signals("质量不错")["competitor_count"] == 0


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("东西根本没收到", "claim_not_received"),
        ("半个月才到", "claim_slow_delivery"),
        ("等了十几天", "claim_slow_delivery"),
        ("一周都不发货", "claim_not_shipped"),
        ("客服不回复", "claim_no_reply"),
        ("客服骂人", "claim_rude_seller"),
        ("不给退款", "claim_refund_refused"),
    ],
)
def test_claims(text, claim):
    found = claims(normalize_text(text))
    assert found[claim]
    assert sum(found.values()) <= 2  # one sentence should not light up every claim


@pytest.mark.parametrize("text", [
    "退款拖了五天才到账", "退款还没到", "等退款等了一周，钱还没到", "退货寄回去半个月了还没收到退款",
    "退的钱到现在都没到", "赠品没收到", "发票到现在还没收到",
    "钱是退了，但等了一个多星期",  # the wait is the refund's, named clauses before it
    "说好送的发圈没收到",          # a gift the order came with
    "客服回复太慢了，等了一天",    # the wait is for a reply
])
def test_a_wait_for_money_or_a_part_is_no_delivery_claim(text):
    found = claims(normalize_text(text))
    assert not found["claim_not_received"] and not found["claim_slow_delivery"]


@pytest.mark.parametrize(("text", "claim"), [
    ("没收到货还不给退款", "claim_not_received"),  # money after the claim, in another role
    ("这款等了三天才到", "claim_slow_delivery"),    # 款 of 这款 is no money
    ("东西不错 就是物流太慢", "claim_slow_delivery"),
    ("两百块的东西等了十天才到", "claim_slow_delivery"),
    ("快递员送的时候我不在，后来也没收到", "claim_not_received"),  # 送的时候 is the delivery itself
    ("客服回复说在处理，等了五天还没到", "claim_slow_delivery"),
])
def test_delivery_claims_beside_money_words_stay_claims(text, claim):
    assert claims(normalize_text(text))[claim]


@pytest.mark.parametrize("text", [
    "发货慢了点，东西还行",       # a hedged opinion, not a claim the facts could refute
    "快过期了才发过来",           # about freshness, not the wait
    "吃完了才发表评价",
    "说好的48小时发货呢",         # holds a promise against the shop; says nothing was not received
])
def test_opinions_and_other_waits_are_no_shipping_claims(text):
    found = claims(normalize_text(text))
    assert not found["claim_not_shipped"] and not found["claim_not_received"]


@pytest.mark.parametrize("text", ["付款三天后才发货", "催了几次才发", "发货太慢了"])
def test_a_late_shipment_is_a_shipping_claim(text):
    assert claims(normalize_text(text))["claim_not_shipped"]


def test_gibberish_has_low_entropy_and_long_runs():
    mash = signals("啊啊啊啊啊啊啊啊啊啊")
    genuine = signals("衣服质量很好，穿着舒服")
    assert mash["max_repeat_run"] == 10 and mash["char_entropy"] == 0.0
    assert genuine["char_entropy"] > 2.5
    assert char_entropy("") == 0.0


def test_sentiment_direction():
    assert sentiment_score(normalize_text("很好，满意，推荐")) > 0
    assert sentiment_score(normalize_text("垃圾，失望，差")) < 0
    assert sentiment_score("") == 0.0


def test_empty_text_gives_zeros_not_errors():
    values = text_signals("")
    assert len(values) == len(TEXT_SIGNAL_NAMES)
    assert all(v == 0.0 for v in values)


def test_signals_are_finite_for_odd_text():
    for text in ["🙂🙂🙂", "!!!???", "\x00\x01", "a" * 2000, "𠀀𠀁"]:
        assert all(math.isfinite(v) for v in text_signals(normalize_text(text)))


def test_character_class_table_agrees_with_the_regexes() -> None:
    import numpy as np

    from features.signals import _CHARACTER_CLASSES, _character_classes

    # Every BMP code point in a stride, the edges of the CJK block, and characters beyond the BMP.
    points = np.unique(np.asarray([*range(0, 0x10000, 7), 0x4E00, 0x9FFF, 0x9FFF + 1, 0x1F600, 0x20000, 0x10FFFF]))
    classes = _character_classes(points)
    for index, (_name, pattern) in enumerate(_CHARACTER_CLASSES):
        expected = [pattern.match(chr(point)) is not None for point in points.tolist()]
        assert classes[index].tolist() == expected


def _signal_texts() -> list[str]:
    from training.simulator import simulate_reviews

    cases = simulate_reviews(400, seed=41)
    reviews = [normalize_text(case.item["text"]) for case in cases]
    chats = [normalize_text("。".join(m["text"] for m in case.item.get("chat") or [] if m["role"] == "buyer"))
             for case in cases]
    odd = ["", "a", "aaa", "好好好好", "😀😀😀", "\ud800\udc00\ud800", "龘龘龘" * 50, "asdfghjkl qwerty zxcvbnm",
           "加微信 abc12345 ¥50 100元 五十块 13800138000 138****8000", "不给退款我就差评 12315 投诉", "x\ny\n\nzzz",
           "。。。", "a" * 2000]
    return [*reviews, *chats, *odd]


def test_the_few_texts_path_equals_the_array_path_bit_for_bit() -> None:
    """text_signals_batch counts up to SMALL_BATCH texts in plain Python: the very same array."""
    import random

    import numpy as np

    from features.signals import (
        SMALL_BATCH,
        _text_signals_few,
        _text_signals_numpy,
        text_signals_batch,
    )

    texts = _signal_texts()
    for text in texts:
        few, array = _text_signals_few([text]), _text_signals_numpy([text])
        assert few.dtype == array.dtype and few.shape == array.shape
        assert np.array_equal(few, array), text
    rng = random.Random(5)
    for _ in range(400):
        batch = rng.sample(texts, rng.randint(2, SMALL_BATCH))
        assert np.array_equal(_text_signals_few(batch), _text_signals_numpy(batch)), batch
    # The public function takes the few-texts path up to SMALL_BATCH texts, the array path above it.
    batch = texts[:SMALL_BATCH + 1]
    assert np.array_equal(text_signals_batch(batch[:SMALL_BATCH]), _text_signals_numpy(batch[:SMALL_BATCH]))
    assert np.array_equal(text_signals_batch(batch), _text_signals_numpy(batch))
    assert _text_signals_few([]).shape == (0, len(TEXT_SIGNAL_NAMES))
    assert np.array_equal(_text_signals_few(["", ""]), np.zeros((2, len(TEXT_SIGNAL_NAMES))))


def test_claims_screened_by_their_words_are_the_whole_patterns_matches() -> None:
    """The delivery claims' word screens only skip texts their patterns cannot match: claims(),
    claim_spans() and the claim columns of both batch paths are what each whole pattern finds."""
    import numpy as np

    from features.signals import (
        CLAIM_NAMES,
        CLAIM_PATTERNS,
        SMALL_BATCH,
        claim_spans,
        text_signals_batch,
    )

    stated = ["东西根本没收到", "半个月才到", "等了十几天", "一周都不发货", "客服不回复", "客服骂人", "不给退款",
              "退款拖了五天才到账", "钱是退了，但等了一个多星期", "没收到货还不给退款", "这款等了三天才到",
              "两百块的东西等了十天才到", "赠品没收到", "显示签收但我没拿到，后来在驿站找到了", "货呢？？",
              "发货呢", "东西不错 就是物流太慢", "还在路上。退款呢", "等了三天\n才到", "没到底"]
    texts = [*_signal_texts(), *stated, *(normalize_text(text) for text in stated)]
    whole = [[CLAIM_PATTERNS[name].search(text) is not None for name in CLAIM_NAMES] for text in texts]
    assert any(row[0] for row in whole) and any(row[1] for row in whole)
    for text, expected in zip(texts, whole, strict=True):
        assert list(claims(text).values()) == expected, text
        assert claim_spans(text) == [(name, match.group(0)) for name, pattern in CLAIM_PATTERNS.items()
                                     if (match := pattern.search(text))]
    columns = [TEXT_SIGNAL_NAMES.index(name) for name in CLAIM_NAMES]
    expected = np.asarray(whole, dtype=np.float64)
    assert np.array_equal(text_signals_batch(texts)[:, columns], expected)  # the array path
    for start in range(0, len(texts), SMALL_BATCH):  # the few-texts path
        batch = texts[start:start + SMALL_BATCH]
        assert np.array_equal(text_signals_batch(batch)[:, columns], expected[start:start + SMALL_BATCH])


def test_keyboard_slides_are_four_keys_along_a_row() -> None:
    import random

    from features.signals import _KEYBOARD_ROWS, _is_mash

    def along_a_row(run: str) -> bool:  # the definition: four keys in a row, either way
        return any(run[i:i + 4] in row or run[i:i + 4] in row[::-1]
                   for row in _KEYBOARD_ROWS for i in range(len(run) - 3))

    rng = random.Random(3)
    runs = ["qwer", "rewq", "lkjh", "zxcv", "http", "hello", "abcd", "poiuy", "mnbvc", "aeio"]
    runs += ["".join(rng.choice("qwertyuiopasdfghjklzxcvbnm" if rng.random() < 0.5 else "aeiouqwas")
                     for _ in range(rng.randint(4, 12))) for _ in range(5000)]
    for run in runs:
        vowels = sum(ch in "aeiou" for ch in run)
        expected = run not in ("http", "https", "www", "html") and (vowels / len(run) < 0.2 or along_a_row(run))
        assert _is_mash(run) == expected, run
