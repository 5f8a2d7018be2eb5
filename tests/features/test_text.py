import pytest

from features.text import mask_personal_data, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３ＡＢＣ", "123abc"),  # full width -> half width, lower-cased
        ("給我轉30元", "给我转30元"),  # traditional -> simplified where it matters
        ("a\u200bb", "ab"),  # zero-width space removed
        ("多   个\t空白\n", "多 个 空白"),
    ],
)
def test_normalize_basic(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["➕薇 abc12345", "加V abc12345", "+v abc12345", "V❤️信 abc12345", "威信 abc12345", "薇信 abc12345", "vx abc12345"],
)
def test_wechat_obfuscations_become_one_word(raw):
    assert "微信" in normalize_text(raw)


def test_spaced_and_chinese_digits_collapse_to_a_number():
    assert "13800138000" in normalize_text("联系 1 3 8 0 0 1 3 8 0 0 0")
    assert "13800138000" in normalize_text("一三八零零一三八零零零")
    assert "13800138000" in normalize_text("１３８ ００１３ ８０００")


def test_short_numbers_and_dates_are_left_alone():
    assert normalize_text("买了2 3件") == "买了2 3件"
    assert normalize_text("2026-10-09到的") == "2026-10-09到的"


def test_qq_variants():
    assert normalize_text("扣扣 12345678").startswith("qq")


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_empty_inputs(raw):
    assert normalize_text(raw) == ""


def test_genuine_text_is_unchanged_apart_from_width():
    text = "质量很好，物流也快，下次还来买"
    assert normalize_text(text) == "质量很好,物流也快,下次还来买"


def test_mask_personal_data_hides_phone_and_handles():
    masked = mask_personal_data("加微信 abc_12345 电话13800138000 qq 12345678")
    assert "13800138000" not in masked and "138****8000" in masked
    assert "abc_12345" not in masked
    assert "12345678" not in masked


def test_normalize_texts_equals_normalize_text_one_by_one():
    from features.text import normalize_texts
    from training.simulator import simulate_reviews

    texts = [case.item["text"] for case in simulate_reviews(600, seed=8)]
    texts += ["", None, "  V❤️信 ab12345  ", "ΑΣ", "Σα", "\u0301x", "1 3 8 0 0 1 3 8 0 0 0", "q群", "加v"]
    assert normalize_texts(texts) == [normalize_text(t) for t in texts]
    # A text holding the batch separator falls back to one by one, with the same result.
    assert normalize_texts(["a\ue000b", "加 v"]) == [normalize_text("a\ue000b"), normalize_text("加 v")]


def test_a_review_typed_in_traditional_script_normalises_to_its_simplified_twin():
    # Characters the hand-picked shop-talk table never had (聯絡, 優惠, 衣櫃) come from OpenCC's t2s.
    assert normalize_text("說好的贈品呢 聯絡客服都不理，優惠券也沒給，衣櫃門歪了") == "说好的赠品呢 联络客服都不理,优惠券也没给,衣柜门歪了"
    assert normalize_text("老闆人很好") == "老板人很好"
    assert normalize_text("帳號被盜了") == "账号被盗了"  # our choice over OpenCC's 帐


def test_simplified_text_is_left_as_it_is_by_the_traditional_fold():
    text = "这个柜子质量不错，著名品牌，物流很快，老板人也好"
    assert normalize_text(text) == text.replace("，", ",")
