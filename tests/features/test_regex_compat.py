"""The first-character screen of features/regex_compat.py: identical matches, applied where
supported, and left out where it cannot be computed."""

from __future__ import annotations

import random
import re

import pytest

from features import evidence, regex_compat, signals
from features.regex_compat import compile_screened, screen
from training.simulator import simulated_review_rows

_SCREEN_END = "])(?:"


def _screened_patterns() -> list[tuple[str, re.Pattern[str], str]]:
    """(name, screened pattern, original source) of every screened pattern of the modules."""
    found = []
    for module in (evidence, signals):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and value.pattern.startswith("(?=[") and _SCREEN_END in value.pattern:
                source = value.pattern.split(_SCREEN_END, 1)[1][:-1]
                found.append((f"{module.__name__}.{name}", value, source))
    return found


def _texts() -> list[str]:
    """Simulated reviews (folded as the extractor folds them), edge strings, and random strings
    of the characters the patterns themselves are made of, so partial matches are frequent."""
    texts = [evidence.aligned(row["text"] or "") for row in simulated_review_rows(600, seed=11, id_prefix="t")]
    texts += ["", " ", "\n", "。。", "👍👍", "好", "加v", "qq 12345678", "满100减20", "ｗｗｗ.ａｂｃ.ｃｏｍ", "a\nb"]
    alphabet = sorted({char for _name, _pattern, source in _screened_patterns() for char in source
                       if not char.isspace()} | set("0123456789 ，。\n"))
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    return texts


def test_the_screen_is_applied_on_this_python() -> None:
    # Fails when a new CPython lays out parsed patterns differently: check regex_compat then.
    names = {name for name, _pattern, _source in _screened_patterns()}
    assert {"features.evidence._PROMOTION", "features.evidence._ASPECT", "features.evidence._CONTACT",
            "features.signals._MONEY"} <= names


def test_screened_patterns_find_exactly_the_matches_of_the_original() -> None:
    texts = _texts()
    patterns = _screened_patterns()
    assert len(patterns) >= 20
    for name, screened, source in patterns:
        original = re.compile(source)
        for text in texts:
            assert [m.span() for m in screened.finditer(text)] == [m.span() for m in original.finditer(text)], (name, text)


@pytest.mark.parametrize("source", [
    r"abc|abd",             # every branch starts with a literal: the engine skips by itself
    r"[ab]c",               # starts with a class: the same
    r"x*|y",                # can match the empty string anywhere
    r"[^a]b|(?<=c)d",       # a negated class has no finite member list here
    r".b|(?<=c)d",          # any character
    r"(?i)(?<=a)b|c",       # flags
])
def test_patterns_it_cannot_or_need_not_screen_are_compiled_unchanged(source: str) -> None:
    assert compile_screened(source).pattern == source


def test_zero_width_items_are_stepped_over_not_dropped() -> None:
    lookahead = screen(r"(?<![a-z])(?:qq|\d{3})|^微信")
    assert lookahead is not None
    pattern = compile_screened(r"(?<![a-z])(?:qq|\d{3})|^微信")
    assert [m.group(0) for m in pattern.finditer("aqq qq 123 微信")] == ["qq", "123"]
    assert pattern.search("微信号") is not None


def test_outside_the_tested_versions_nothing_is_screened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_compat, "TESTED_VERSIONS", ())
    source = r"(?<![a-z])qq|微信"
    assert screen(source) is None
    assert compile_screened(source).pattern == source
