"""Text normalisation shared by training and serving.

Shops see reviews typed on phones: full-width digits, traditional characters, emoji inside
words, and contacts deliberately obfuscated to slip past keyword filters (``➕薇``, ``V信``,
``1 3 8 0 ...``).  Normalising before tokenising lets one vocabulary cover all those variants.
The function is pure and deterministic, so training, HTTP and batch see identical text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Traditional characters folded to simplified ones, one character for one so that quotes keep
# their offsets (features.evidence.aligned): the rules and the lexicons are written in simplified
# script, and a review typed in traditional script (HK, Taiwan, overseas buyers; "說好的贈品呢")
# must read the same.  The fold is OpenCC's t2s dictionary, character by character (its phrase
# conversions may change a text's length, and the evidence quotes by offset), with two choices of
# our own on top: 帳 is 账 as buyers write it (账号, 账户; OpenCC gives 帐), and 収 (the Japanese
# form) is 收.
_SHOP_TALK_FOLDS = str.maketrans({"帳": "账", "収": "收"})


def _opencc_folds() -> dict[int, str]:
    """Every CJK character (the basic block and extension A) that OpenCC's ``t2s`` converts to
    one other character.  One conversion of all of them, one per line, takes ~10 ms at import;
    a line holds one character, so no phrase rule applies."""
    import opencc  # imported here: only this table needs it

    characters = [chr(point) for block in ((0x3400, 0x4DC0), (0x4E00, 0xA000)) for point in range(*block)]
    converted = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # a dictionary that merged lines: fold nothing rather than misalign
        return {}
    return {ord(c): d for c, d in zip(characters, converted, strict=True) if d != c and len(d) == 1}


_TRADITIONAL_TO_SIMPLIFIED = _opencc_folds() | _SHOP_TALK_FOLDS

# Digits in dingbat circles ("威：❶❸❽…", ➀, ➊), which NFKC leaves alone (it folds ① to 1): a
# contact typed in them is still digits.  One character each, so quotes keep their offsets.
_DINGBAT_DIGITS = {first + i: str(i + 1) for first in (0x2776, 0x2780, 0x278A) for i in range(9)}
# Every one-character fold after NFKC: traditional characters and dingbat digits.
_CHARACTER_FOLDS = _TRADITIONAL_TO_SIMPLIFIED | _DINGBAT_DIGITS

# Zero-width and format characters, and lone surrogates (JSONL "\ud800" escapes decode to them;
# they cannot be encoded as UTF-8, which the Rust tokenizer needs).
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufe00-\ufe0f\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")

# Symbols that spammers put between the letters of a contact word (V❤️信, 微-信, 薇*信).
_JOINER = r"[\s\-_.*·•~+❤♥💗💕💖💘💓✨⭐★☆♡❣️🔥👉👈➡]*"
# "Add me" markers: ➕ becomes "+" under NFKC only for some fonts, so list both.
_ADD = r"(?:加|➕|\+|﹢|十|嘉|家)"
_WECHAT_WORDS = re.compile(
    r"(?:v" + _JOINER + r"信|v" + _JOINER + r"x|w" + _JOINER + r"x|微" + _JOINER + r"x"
    r"|薇" + _JOINER + r"信|威" + _JOINER + r"信|维" + _JOINER + r"信|徽" + _JOINER + r"信"
    r"|微" + _JOINER + r"信|wei" + _JOINER + r"xin|wechat)"
)
# "加v" / "+薇" / "➕V" without the second character still means "add my WeChat".
_ADD_WECHAT = re.compile(_ADD + _JOINER + r"(?:v|薇|威|微|wx|vx)(?![a-z信])")
_QQ_WORDS = re.compile(r"(?:扣" + _JOINER + r"扣|q" + _JOINER + r"q|企鹅号?|口口|抠抠|q(?=群))")
_CN_DIGITS = str.maketrans(
    {"零": "0", "〇": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
     "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
)
# Seven or more Chinese digits in a row are a phone/QQ number spelled out, not prose.
_CN_DIGIT_RUN = re.compile(r"[零〇一幺二两三四五六七八九]{7,}")
# Digits separated by spaces or symbols ("1 3 8-0 0 1 3", "138 0013 8000") collapse to one
# number when the run holds at least seven digits, the length of the shortest contact worth
# hiding; short runs like "2 3件" stay as they are.  Dates are left alone.
_SPACED_DIGITS = re.compile(r"\d(?:[\s\-_.·*,、/|]{0,3}\d){6,}")
_DATE_LIKE = re.compile(r"\d{2,4}[-./年]\d{1,2}[-./月]\d{1,2}")


def _collapse_spaced_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    if _DATE_LIKE.search(run):
        return run
    return re.sub(r"\D", "", run)


def normalize_text(text: str | None) -> str:
    """Return the canonical form of a review or chat text.

    Parameters
    ----------
    text
        Raw text as the buyer typed it; ``None`` is treated as empty.

    Returns
    -------
    str
        NFKC-normalised (full width to half width), lower-cased ASCII, common traditional
        characters simplified, invisible/control characters removed, whitespace folded and
        obfuscated contact words rewritten to ``微信`` / ``加微信`` / ``qq``.
    """
    if not text:
        return ""
    return _normalize_unstripped(text).strip()


# Joins a batch in normalize_texts: a private-use character that no step rewrites, matches or
# merges with its neighbours (NFKC starter, uncased, not whitespace, in no character class).
_BATCH_SEPARATOR = "\ue000"


def normalize_texts(texts: Sequence[str | None]) -> list[str]:
    """:func:`normalize_text` of many texts, each step run once over the joined batch.

    Same result per text as :func:`normalize_text` (``tests/features/test_text.py`` checks
    it); a batch in which some text holds the separator character is done text by text.
    """
    values = [t or "" for t in texts]
    if len(values) < 2 or any(_BATCH_SEPARATOR in t for t in values):
        return [normalize_text(t) for t in values]
    return [part.strip() for part in _normalize_unstripped(_BATCH_SEPARATOR.join(values)).split(_BATCH_SEPARATOR)]


# The characters _CHARACTER_FOLDS maps.
_TRADITIONAL = re.compile("[" + "".join(re.escape(chr(point)) for point in _CHARACTER_FOLDS) + "]")


def _normalize_unstripped(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = text.lower()
    if _TRADITIONAL.search(text):  # most texts hold none, and a search is ~10x cheaper than translate
        text = text.translate(_CHARACTER_FOLDS)
    text = _WECHAT_WORDS.sub("微信", text)
    text = _ADD_WECHAT.sub("加微信", text)
    text = _QQ_WORDS.sub("qq", text)
    text = _CN_DIGIT_RUN.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)
    text = _SPACED_DIGITS.sub(_collapse_spaced_digits, text)
    return _WHITESPACE.sub(" ", text)


_HANDLE_FOR_MASK = re.compile(
    r"((?:微信|vx|wx|v信|qq|扣扣|抖音号|薇)[号:：\s]*)([a-zA-Z][-_a-zA-Z0-9]{4,19}|\d{5,12})", re.IGNORECASE
)
# Digit runs of five or more, also when typed with spaces or dashes between the digits.
_DIGITS_FOR_MASK = re.compile(r"[0-9０-９](?:[\s\-·.]{0,2}[0-9０-９]){4,}")


def _mask_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    if _DATE_LIKE.fullmatch(run.strip()):
        return run
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", run))
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    return f"{digits[:2]}***{digits[-2:]}"


def mask_personal_data(text: str) -> str:
    """Mask phone numbers, WeChat/QQ/抖音 handles and other long digit runs.

    Used for appeal drafts, de-obfuscated evidence and logs: the merchant needs the shape of the
    evidence, not a third party's contact details.  Phones keep 3+4 digits, other ids 2+2.
    """
    text = _HANDLE_FOR_MASK.sub(lambda m: m.group(1) + m.group(2)[:2] + "***", text)
    return _DIGITS_FOR_MASK.sub(_mask_digits, text)


# In log lines only what is unmistakably a contact is masked: client IPs, ports, trace ids and
# timings must survive, so dotted numbers and digits inside identifiers are left alone.
_PHONE_IN_LOG = re.compile(r"(?<![0-9A-Za-z.:])1[\s-]?[3-9](?:[\s-]?\d){9}(?![0-9A-Za-z.:])")


def mask_contacts(text: str) -> str:
    """Mask phone numbers and WeChat/QQ/抖音 handles only (for log lines)."""
    text = _HANDLE_FOR_MASK.sub(lambda m: m.group(1) + m.group(2)[:2] + "***", text)
    return _PHONE_IN_LOG.sub(lambda m: _mask_digits(m), text)
