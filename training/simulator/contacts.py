"""Contacts as spammers write them: phone, WeChat, QQ, group numbers, URLs, Douyin ids, obfuscated."""

from __future__ import annotations

import random
from collections.abc import Sequence

from training.simulator.noise import CN_DIGIT_CHARS

# fmt: off
_WECHAT_PREFIXES = ("➕薇", "+V", "V❤️", "威信", "薇 x", "vx", "V信", "薇信", "➕V", "加薇", "wei xin", "卫星", "v:",
                    "VX", "薇：", "➕🛰", "微 信", "+薇", "加v")
_QQ_PREFIXES = ("扣扣", "QQ", "q q", "企鹅", "Q", "抠抠", "扣")
_GROUP_PREFIXES = ("群号", "Q群", "粉丝群", "团购群", "进群", "裙号", "福利群")
_DOUYIN_PREFIXES = ("抖音号", "dy号", "抖y", "斗音号", "抖音搜")
_ID_STEMS = ("xiaomei", "ab", "lily", "vip", "dd", "yy", "kk", "sun", "hao", "jie", "mm", "ai", "tt", "win",
             "ling", "coco", "ok", "hh")
_PHONE_PREFIXES = ("138", "139", "151", "157", "166", "177", "185", "188", "199", "135", "136", "158", "186", "173")
_ALT_DIGIT_CHARS = "〇幺二三四五六七八九"
# fmt: on


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


def _spread(rng: random.Random, digits: str) -> str:
    """Break a digit string apart the way spammers do to evade filters."""
    shape = rng.randrange(5)
    if shape == 0:
        return " ".join(digits)
    if shape == 1:
        return "-".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    if shape == 2:
        return "".join(CN_DIGIT_CHARS[int(d)] for d in digits)
    if shape == 3:
        return "".join(_ALT_DIGIT_CHARS[int(d)] if rng.random() < 0.5 else d for d in digits)
    return digits


def phone(rng: random.Random) -> str:
    number = rng.choice(_PHONE_PREFIXES) + _digits(rng, 8)
    shape = rng.randrange(6)
    if shape == 0:
        return number[:3] + "****" + number[7:]
    if shape == 1:
        return number[:3] + "xxxx" + number[7:]
    if shape in (2, 3):
        return _spread(rng, number)
    return number


def wechat(rng: random.Random) -> str:
    prefix = rng.choice(_WECHAT_PREFIXES)
    if rng.random() < 0.3:
        handle = phone(rng)
    else:
        handle = rng.choice(_ID_STEMS) + _digits(rng, rng.randint(3, 6))
        if rng.random() < 0.25:
            handle = " ".join(handle)
    return prefix + rng.choice(("", " ", "：", ":", "➡️", "👉")) + handle


def _qq(rng: random.Random) -> str:
    number = str(rng.randint(1, 9)) + _digits(rng, rng.randint(5, 9))
    if rng.random() < 0.4:
        number = _spread(rng, number)
    return rng.choice(_QQ_PREFIXES) + rng.choice(("", " ", "：", "号")) + number


def _group_number(rng: random.Random) -> str:
    number = str(rng.randint(1, 9)) + _digits(rng, rng.randint(6, 9))
    if rng.random() < 0.3:
        number = _spread(rng, number)
    return rng.choice(_GROUP_PREFIXES) + rng.choice(("", "：", " ")) + number


def _url(rng: random.Random) -> str:
    word = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(3, 7)))
    code = "".join(
        rng.choice("abcdefghjkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(rng.randint(4, 6))
    )
    return rng.choice(
        (
            f"www.{word}.com",
            f"{word}.cn/{code}",
            f"t.cn/{code}",
            f"{word}点com",
            f"http://{word}.top",
            f"{word}.vip/{code}",
            f"www点{word}点cn",
        )
    )


def landline(rng: random.Random) -> str:
    """A business line as company ads print it: area code and number, or a 400 number, labelled."""
    if rng.random() < 0.2:
        number = f"400-{_digits(rng, 3)}-{_digits(rng, 4)}"
    else:
        area = rng.choice(("010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0755", "0571", "0512"))
        number = area + rng.choice(("-", "", " ")) + str(rng.randint(2, 8)) + _digits(rng, 7 if len(area) == 3 else 6)
    return rng.choice(("电话：", "热线电话：", "咨询电话：", "联系电话", "订购电话 ", "电话 ")) + number


def email(rng: random.Random) -> str:
    name = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(3, 8))) + _digits(rng, rng.randint(0, 4))
    return rng.choice(("邮箱：", "E-mail:", "Email：", "来信请发至")) + name + "@" + rng.choice(("163.com", "126.com", "qq.com", "sina.com", "foxmail.com"))


def douyin_id(rng: random.Random) -> str:
    handle = rng.choice(_ID_STEMS) + _digits(rng, rng.randint(3, 7))
    return rng.choice(_DOUYIN_PREFIXES) + rng.choice(("", "：", " ")) + handle


def any_contact(
    rng: random.Random,
    kinds: Sequence[str] = ("wechat", "wechat", "qq", "phone", "group", "url", "douyin"),
) -> str:
    kind = rng.choice(kinds)
    if kind == "wechat":
        return wechat(rng)
    if kind == "qq":
        return _qq(rng)
    if kind == "phone":
        return rng.choice(("电话", "手机", "☎️", "call", "")) + phone(rng)
    if kind == "group":
        return _group_number(rng)
    if kind == "url":
        return _url(rng)
    if kind == "landline":
        return landline(rng)
    if kind == "email":
        return email(rng)
    return douyin_id(rng)
