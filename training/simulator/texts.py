"""Review text composition: complaints, praise, openers and closers, joined and ended by mood."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from training.simulator.story import Purchase
from training.simulator.vocabulary import (
    CATEGORY_TOPICS,
    COMPLAINTS,
    NEG_CLOSERS,
    NEG_EMOJI,
    NEG_OPENERS,
    NEUTRAL_ENDINGS,
    POS_ASPECTS,
    POS_CLOSERS,
    POS_EMOJI,
    POS_GENERIC,
    POS_OPENERS,
    SHORT_POSITIVE_TAILS,
    SHORT_POSITIVES,
)


def join(rng: random.Random, parts: Iterable[str | None]) -> str:
    """Join sentence parts with a mostly consistent separator style."""
    kept = [part for part in parts if part]
    if not kept:
        return ""
    main = rng.choice(("，", "，", "，", "。", " ", "！", ",", "；"))
    out = kept[0]
    for part in kept[1:]:
        separator = main if rng.random() < 0.8 else rng.choice(("，", "。", " ", "！", "…", "~"))
        out += separator + part
    return out


def ending(rng: random.Random, mood: str) -> str:
    """How a text of this mood ends: punctuation, or emoji (``"pos"``/``"neg"``) now and then."""
    roll = rng.random()
    if mood == "neg" and roll < 0.3:
        return rng.choice(NEG_EMOJI) * rng.choice((1, 1, 2, 3))
    if mood == "pos" and roll < 0.3:
        return rng.choice(POS_EMOJI) * rng.choice((1, 1, 2, 3))
    return rng.choice(NEUTRAL_ENDINGS)


def maybe(rng: random.Random, p: float, text: str) -> str | None:
    return text if rng.random() < p else None


def complaint_text(rng: random.Random, purchase: Purchase, topic: str | None = None) -> str:
    topic = topic or rng.choice(CATEGORY_TOPICS[purchase.category])
    phrase = rng.choice(COMPLAINTS[topic]).format_map(purchase.slots(rng))
    if rng.random() < 0.3:
        phrase = (
            rng.choice(("这个", "买的", "这"))
            + purchase.product
            + rng.choice(("", "，", " "))
            + phrase
        )
    return phrase


def maybe_opener(rng: random.Random, p: float) -> str | None:
    return maybe(rng, p, rng.choice(NEG_OPENERS))


def maybe_closer(rng: random.Random, p: float) -> str | None:
    return maybe(rng, p, rng.choice(NEG_CLOSERS))


def compose(rng: random.Random, parts: Iterable[str | None], mood: str) -> str:
    """Join the parts of a text and end it the way a buyer in this mood would."""
    return join(rng, parts) + ending(rng, mood)


def negative_review(
    rng: random.Random,
    purchase: Purchase,
    topic: str | None = None,
    extra: Sequence[str | None] = (),
) -> str:
    """A complaint-style review: opener, one or two complaints, optional extra parts, closer."""
    parts = [maybe_opener(rng, 0.45), complaint_text(rng, purchase, topic)]
    if rng.random() < 0.3:
        parts.append(complaint_text(rng, purchase))
    parts.extend(extra)
    parts.append(maybe_closer(rng, 0.6))
    return compose(rng, parts, "neg")


def positive_aspects(rng: random.Random, purchase: Purchase, count: int) -> list[str]:
    pool = list(POS_ASPECTS[purchase.category]) + list(POS_GENERIC)
    slots = purchase.slots(rng)
    return [phrase.format_map(slots) for phrase in rng.sample(pool, count)]


def positive_review(rng: random.Random, purchase: Purchase, aspects: int | None = None) -> str:
    count = aspects if aspects is not None else rng.randint(1, 4)
    parts: list[str | None] = [maybe(rng, 0.5, rng.choice(POS_OPENERS))]
    if rng.random() < 0.3:
        parts.append(
            rng.choice(("这款", "买的", ""))
            + purchase.product
            + rng.choice(("很好", "真的不错", "超出预期"))
        )
    parts.extend(positive_aspects(rng, purchase, count))
    parts.append(maybe(rng, 0.6, rng.choice(POS_CLOSERS)))
    return compose(rng, parts, "pos")


def short_positive(rng: random.Random) -> str:
    text = rng.choice(SHORT_POSITIVES) + rng.choice(SHORT_POSITIVE_TAILS)
    if rng.random() < 0.15:
        text = text + text[-1]  # 不错错 / 满意意: doubled last character
    return text + ending(rng, "pos")


def days_phrase(days: int) -> str:
    """Describe a genuinely long wait that matches ``days``."""
    if days >= 14:
        return "半个月"
    if days >= 11:
        return "十几天"
    return "一个多星期" if days >= 8 else "一个星期"
