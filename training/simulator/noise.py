"""Typing noise: slips, traditional characters, full-width digits, numbers and money as buyers write them."""

from __future__ import annotations

import random

# fmt: off
# Digits written as Chinese numerals (also how spammers hide a number, see contacts).
CN_DIGIT_CHARS = "零一二三四五六七八九"

# Simplified characters and their traditional forms, column by column (a partial conversion table).
_TRADITIONAL = dict(zip(
    "给钱还评这货发买卖说质么来时个们没东问题转删样让该颜图会对后号联红导实体",
    "給錢還評這貨發買賣說質麼來時個們沒東問題轉刪樣讓該顏圖會對後號聯紅導實體",
    strict=True,
))

# (right, wrong): common slips of buyers typing on a phone.
_TYPOS = (
    ("的", "得"), ("在", "再"), ("已经", "以经"), ("什么", "神马"), ("质量", "质亮"),
    ("收到", "收倒"), ("快递", "快第"), ("客服", "客付"), ("差评", "差平"), ("怎么", "咋么"),
    ("东西", "东东"), ("觉得", "觉的"), ("退款", "tui款"), ("喜欢", "稀饭"), ("真的", "真滴"),
    ("这样", "酱紫"), ("好评", "hao评"), ("微信", "wx"), ("一直", "一只"), ("没有", "木有"),
)
# fmt: on


def cn_number(n: int) -> str:
    """Write 0-999 in Chinese numerals (larger numbers stay Arabic)."""
    if n < 10:
        return CN_DIGIT_CHARS[n]
    if n < 20:
        return "十" + ("" if n == 10 else CN_DIGIT_CHARS[n - 10])
    if n < 100:
        tens, ones = divmod(n, 10)
        return CN_DIGIT_CHARS[tens] + "十" + ("" if ones == 0 else CN_DIGIT_CHARS[ones])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = ("两" if hundreds == 2 else CN_DIGIT_CHARS[hundreds]) + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + CN_DIGIT_CHARS[rest]
        return head + (cn_number(rest) if rest >= 20 else "一" + cn_number(rest))
    return str(n)


def money_text(rng: random.Random, value: float) -> str:
    """Write an amount of money the way buyers type it."""
    amount = int(round(value))
    shape = rng.randrange(10)
    if shape == 0:
        return f"{cn_number(amount)}块"
    if shape == 1:
        return f"￥{amount}"
    if shape == 2:
        return f"{amount}r"
    if shape == 3:
        return f"{amount}块钱"
    if shape == 4 and amount < 1000:
        return f"{cn_number(amount)}块钱"
    if shape == 5:
        return f"{amount}米"
    if shape == 6:
        return f"{amount}元"
    return f"{amount}" + rng.choice(("元", "块", "块"))


_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _to_traditional(rng: random.Random, text: str) -> str:
    """Replace some simplified characters by their traditional forms (a partial conversion)."""
    share = rng.uniform(0.4, 1.0)
    return "".join(
        _TRADITIONAL[ch] if ch in _TRADITIONAL and rng.random() < share else ch for ch in text
    )


def _add_typo(rng: random.Random, text: str) -> str:
    candidates = [pair for pair in _TYPOS if pair[0] in text]
    if not candidates:
        return text
    right, wrong = rng.choice(candidates)
    return text.replace(right, wrong, 1)


def stylize(
    rng: random.Random,
    text: str,
    *,
    traditional: float = 0.05,
    typo: float = 0.1,
    fullwidth: float = 0.06,
) -> str:
    """Apply occasional buyer-typing noise: typos, traditional characters, full-width digits."""
    if rng.random() < typo:
        text = _add_typo(rng, text)
    if rng.random() < traditional:
        text = _to_traditional(rng, text)
    if rng.random() < fullwidth:
        text = text.translate(_FULLWIDTH_DIGITS)
    return text
