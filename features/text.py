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

# A northern 俺 is 我 ("俺家也卖五常大米"); in Cantonese ("唔退钱俾我，我就日日嚟写差评") 唔, 冇, 俾, 嚟,
# 哋 and 佢 are 不, 没, 给, 来, 们 and 他, but in Mandarin 唔 is also "hm", so those are folded only in
# a text that writes Cantonese.  Each is one character for one, so offsets still hold.
_NORTHERN = str.maketrans({"俺": "我"})
# Cantonese grammar words (嘅 的, 咗 了, 喺 在, 啲 些, 睇 看, 搵 找, 揀 选, 攞 拿, 畀 给, 嗰 那, 嘢 货
# "stuff", 攰 累, 呃 骗, 靓 美) fold the same way; words Mandarin also uses in another sense are folded
# only before what makes them Cantonese (系 is 是 but not in 关系, 呢 is 这 before a measure word, 仲 is
# 还 but not in 仲裁, 闹 is 骂 of a person, 点 and 边 ask "how" and "which", 返 is 回 before a
# direction, not in 返现).  The text is Simplified by then (系, 闹, 点, 边 are 係, 鬧, 點, 邊 folded).
# After a condition 先 is 才 ("三日先覆", "催先郁", "要30先肯留好评"; not 首先, 先生, nor "我先"),
# and 覆 is a reply (回: "从来唔覆"); 成个 is 整个 ("成个礼拜"), a count of 日 is of days ("三日"),
# 落单 is 下单, 拎 is 拿, 入货 is 进货, 铺头 a shop (店铺), 屋企 home (家里), and 得 before a count is
# "only" ("买咗两件得一件").  唔 before a word is Cantonese whatever the word; the Mandarin "hm" stands
# alone.
# The fold runs after the script fold, which rewrites some of these characters (搵 揾, 揀 拣, 嗰 𠮶):
# the marks and the table hold both forms.


def _with_script_folds(characters: str) -> str:
    return "".join(dict.fromkeys(characters + characters.translate(_TRADITIONAL_TO_SIMPLIFIED)))


_CANTONESE_MARK_CHARACTERS = _with_script_folds("嚟哋嘅咗佢冇俾喺啲嗰攰咁睇搵畀乜咩啱嘞㗎冚")
_CANTONESE_MARKS = re.compile("[" + _CANTONESE_MARK_CHARACTERS + r"]|唔(?=[\u4e00-\u9fff])(?!唔)")
# The same characters as one class (and 唔 whatever follows it): a scan the engine does in C, which
# leaves the full check above to the rare text that holds one of them.
_MAYBE_CANTONESE = re.compile("[" + _CANTONESE_MARK_CHARACTERS + "唔]")
_CANTONESE_WORDS = {"唔": "不", "冇": "没", "俾": "给", "嚟": "来", "哋": "们", "佢": "他", "嘅": "的",
                    "咗": "了", "喺": "在", "啲": "些", "睇": "看", "搵": "找", "揀": "选", "攞": "拿",
                    "畀": "给", "嗰": "那", "嘢": "货", "攰": "累", "呃": "骗", "靓": "美", "拎": "拿"}
_CANTONESE = str.maketrans({folded: mandarin for word, mandarin in _CANTONESE_WORDS.items()
                            for folded in _with_script_folds(word)})
_CANTONESE_IN_CONTEXT = (
    (re.compile(r"(?<![关联体派星维直菜水])系(?![统列数])"), "是"),
    (re.compile(r"呢(?=[个批行件种次间家款位度啲些类])"), "这"),
    (re.compile(r"仲(?!裁|夏|秋|春|冬)"), "还"),
    (re.compile(r"闹(?=[我人客])"), "骂"),
    (re.compile(r"点(?=[解样算办])"), "怎"),
    (re.compile(r"边(?=[个度间位])"), "哪"),
    (re.compile(r"返(?=[去来屋工学])"), "回"),
    (re.compile(r"(?<=[\u4e00-\u9fff\d])(?<![首事原祖领优预争抢率早起我你他她们])先(?![生进锋前后天头例见])(?=[\u4e00-\u9fff])"), "才"),
    (re.compile(r"(?<![颠反回答批])覆(?![盖灭没水辙])"), "回"),
    (re.compile(r"成(?=个(?:月|礼拜|星期|钟|小时)|日|晚|身|朝)"), "整"),
    (re.compile(r"(?<=[一二两三四五六七八九十几半])日"), "天"),
    (re.compile(r"落(?=单|订)"), "下"),
    (re.compile(r"入(?=货)"), "进"),
    (re.compile(r"铺头"), "店铺"),
    (re.compile(r"屋企"), "家里"),
    (re.compile(r"得(?=[一二两三四五六七八九十\d]\s*[件个盒套双瓶袋箱包支条只])"), "只"),
)
# Taiwan's 回覆 is 回复 (覆 is also Simplified, so the script fold leaves it).
_REPLY_WRITTEN_AS_COVER = re.compile(r"(?<=[回答])覆")


def read_as_mandarin(folded: str) -> str:
    """``folded`` (lower-cased, simplified) with the dialect words the rules and the model read
    rewritten in Mandarin, one character for one, so offsets still hold."""
    if "俺" in folded:
        folded = folded.translate(_NORTHERN)
    if "负评" in folded:  # Taiwan's word for a bad review
        folded = folded.replace("负评", "差评")
    if "覆" in folded:
        folded = _REPLY_WRITTEN_AS_COVER.sub("复", folded)
    if not _MAYBE_CANTONESE.search(folded) or not _CANTONESE_MARKS.search(folded):
        return folded
    folded = folded.replace("唔该", "麻烦").translate(_CANTONESE)  # 唔该 is "please" and "thanks", not 不该
    for pattern, mandarin in _CANTONESE_IN_CONTEXT:
        folded = pattern.sub(mandarin, folded)
    return folded


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
    r"|微" + _JOINER + r"信|wei" + _JOINER + r"xin|wechat"
    # Voice input's 新 for 信, known by the id that follows ("加维 新 aa8866"; not 戊戌维新).
    r"|(?:微|薇|威|维)" + _JOINER + r"新(?=[\s:：]*[a-z0-9零一二三四五六七八九])"
    r")"
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
        obfuscated contact words rewritten to ``微信`` / ``加微信`` / ``qq``, and in a text that
        writes Cantonese its grammar words read as Mandarin (:func:`read_as_mandarin`: 冇 没, 唔 不),
        so that the model's words and signals read what the evidence reads.
    """
    if not text:
        return ""
    return read_as_mandarin(_normalize_unstripped(text).strip())


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
    # The dialect fold is decided per text (a Cantonese word in one review must not rewrite another).
    return [read_as_mandarin(part.strip())
            for part in _normalize_unstripped(_BATCH_SEPARATOR.join(values)).split(_BATCH_SEPARATOR)]


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
