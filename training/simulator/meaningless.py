"""``meaningless`` scenarios: text that says nothing about the purchase, on an ordinary order."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from training.simulator.story import GENUINE_BUYERS, Builder, Draft, Sale, buyer_among, random_hours
from training.simulator.texts import join, maybe
from training.simulator.vocabulary import NEUTRAL_ENDINGS, STREETS, URBAN_AREAS

# fmt: off
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")

# Chunks typed by mashing a pinyin IME; none of them combines into a genuine short review.
_IME_MASH_CHUNKS = ("阿斯顿", "发个", "好几块", "请问", "额人", "他有", "一哦", "怕在", "想从", "把你们", "是的",
                    "法规", "和将", "领自", "撒旦", "发射点", "规划局", "看了", "自行车", "吧", "莫那", "大师傅",
                    "沙发", "人体", "伊朗")
_REPEAT_UNITS = ("啊", "哦", "嗯", "额", "呃", "哈", "嘿", "1", "6", "a", "。", "？", "！", "…", "哇", "呀", "x",
                 "z", "8", "嘻", "咦", "嗷", "啦")
_SYMBOL_UNITS = ("？", "！", "。", "…", "~", "😂", "🤣", "😅", "🙃", "💤", "🐶", "🌚", "[捂脸]", "[666]", "[OK]",
                 "[吃瓜]", "???", "!!!", ".", "🔥", "⭐", "🙈", "[流泪]", "👀", "、", "/", "🤔", "💯")
_MOJIBAKE_SOURCES = ("今天的风有点大", "明天见", "记得带伞", "周末去爬山", "晚饭吃面条", "作业写完了吗", "电梯又坏了",
                     "楼下的猫生了小猫", "开会开到十点", "地铁人很多", "周一要交报告", "冰箱里还有西瓜")
_MOJIBAKE_FIXED = ("锟斤拷", "烫烫烫", "屯屯屯", "��", "Ã¤Â¸Â", "â€œ", "ï¼", "Â·")
_POEM_SCENES = ("山那边", "旧窗台", "河岸上", "黄昏里", "月色里", "晚风中", "远方", "屋檐下", "老街口", "云层后",
                "雪地上", "渡口边")
_POEM_THINGS = ("一只白鹭", "半盏灯火", "几片落叶", "满天星星", "一缕炊烟", "一叶小舟", "细细的雨", "一棵梧桐",
                "断线的纸鸢", "远处的钟声", "一封旧信", "一朵野花")
_POEM_VERBS = ("慢慢睡去", "飞过了十年", "不说话", "轻轻摇晃", "落进水里", "走得很远", "在等一个人", "悄悄发亮",
               "被风吹散", "停在昨天")
_WEATHERS = ("下了一整天小雨", "太阳很大", "突然降温了", "刮大风", "阴沉沉的", "雾很大", "闷热得很", "下雪了")
_DIARY_TIMES = ("早上六点半", "九点多", "中午才", "天没亮就", "七点整")
_DIARY_ACTIVITIES = ("去菜市场买了两斤排骨", "送孩子上学后去公园走了两圈", "在家追了三集电视剧", "和老同学打了半天电话",
                     "骑车去河边钓鱼，一条没钓到", "把阳台的花搬进了屋里", "去银行办了张卡", "把衣柜整理了一遍",
                     "陪爸妈去体检", "在图书馆坐了一下午")
_DIARY_FEELINGS = ("有点累", "明天还要早起", "晚上想吃火锅", "希望周末别下雨", "脑子空空的", "想早点睡",
                   "该减肥了", "不知道写点什么")
_NEWS_SOURCES = ("据本地媒体消息", "气象部门提醒", "相关部门通报", "记者从交通部门获悉", "据了解", "有关方面表示")
_NEWS_EVENTS = ("将于{month}月{day}日起对{street}进行封闭施工", "今年第{n}号台风预计周末登陆", "新建的体育馆下月正式开放",
                "地铁{n}号线延长线开始试运行", "本周末将举办城市马拉松", "{street}的老桥将拆除重建",
                "图书馆暑期开放时间调整", "今年夏粮收购工作已经启动")
_NEWS_DETAILS = ("请市民提前规划出行路线", "届时将有交通管制", "市民可通过官方渠道查询", "预计持续{n}天",
                 "具体安排以通知为准", "沿线公交线路临时改道")
_LYRIC_LINES = ("风吹过那年的操场", "你说的远方有多远", "我在路口等一场雪", "霓虹灯下没有回声", "把心事折成纸飞机",
                "夜色温柔像一首歌", "月亮偷偷躲进云朵", "我们走在不同的季节", "旧车站的广播还在唱",
                "时间是一列慢火车", "海浪把名字带走")
_LYRIC_FILLERS = ("哦~", "耶~", "la la la", "啦啦啦", "呜~", "嘿~", "")
_FILLER_LINES = ("凑字数凑字数凑字数", "此处省略一百字", "为了积分随便写写写写写", "一二三四五六七八九十",
                 "abcdefg hijklmn", "我也不知道说什么那就随便打几个字吧", "评论评论评论评论评论",
                 "字数不够字数不够字数不够", "填充填充填充填充填充", "随便写点什么随便写点什么")
# Everyday talk that is about the writer's life, not a purchase, in the registers a review box
# receives: a day at work or school, family and pets, moods, a question to nobody, a game invite,
# a forwarded chain message or health tip, a prayer, a recipe, a sports cheer, a voice-input test.
# Our own writing, composed from pieces; none names an aspect of a purchase or judges one.
_LIFE_OPENERS = ("今天", "昨天晚上", "刚才", "这周", "早上", "下午", "周一", "年底了", "最近", "一大早")
_LIFE_EVENTS = ("加班到快十一点", "开会被点名批评了", "在地铁上站了一路", "孩子期中考试没考好", "老公又忘了接孩子",
                "我家狗追着邻居的猫跑了两条街", "楼上的小孩跑来跑去闹了一上午", "车在高架上堵了四十分钟", "体检报告出来了，血脂有点高",
                "公司楼下新开了个健身房，办了卡还没去过", "跟闺蜜吵了一架", "婆婆来家里过年了", "班主任在群里发了通知",
                "隔壁王阿姨的孙子考上了研究生", "村里的路终于开始修了", "驾照科目二又没过", "报名了下个月的半程马拉松",
                "闺女学会了骑自行车", "房东说下个月要涨房租", "老家的桂花今年开得早")
_LIFE_MOODS = ("身心俱疲", "不想说话", "想辞职", "烦死了", "算了不想了", "日子还得过", "谁懂啊", "哭了",
               "明天又是新的一天", "早点睡吧", "什么时候能放假", "唉")
_ASIDES = ("有没有人一起打游戏，缺一个辅助", "谁知道明天会不会降温", "最近有什么电视剧能追", "今晚的球谁赢了",
           "有人知道社保怎么转吗", "周末有人去爬山吗", "这道数学题怎么做啊", "孩子发烧了该挂什么科")
_FORWARDS = ("转发这条消息的人下个月必有好运，不转的人后果自负",
             "早上一杯温开水，饭后百步走，晚上泡泡脚，转给家里的老人看看",
             "降温了，出门记得添衣，路上注意安全，看到请回复",
             "南无阿弥陀佛，保佑全家平平安安，保佑孩子考上大学",
             "西红柿炒鸡蛋的做法：鸡蛋打散炒熟盛出，西红柿切块炒出汁，倒回鸡蛋加一勺盐翻匀盛盘",
             "主队今晚必胜，冠军是我们的",
             "喂喂，听得到吗，这个是按住说话吧，怎么没声音",
             "明天早上七点小区门口集合，不见不散")


def _life_chatter(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.2:
        return rng.choice(_FORWARDS)
    if kind < 0.35:
        return rng.choice(_ASIDES) + rng.choice(("", "？", "?", "，在线等"))
    parts = [rng.choice(_LIFE_OPENERS) + rng.choice(_LIFE_EVENTS), maybe(rng, 0.5, rng.choice(_LIFE_EVENTS)),
             maybe(rng, 0.7, rng.choice(_LIFE_MOODS))]
    return join(rng, parts) + rng.choice(("", "。", "…", "！"))


# fmt: on


def _meaningless_case(
    rng: random.Random, order_id: str, *, write_text: Callable[[random.Random], str]
) -> Draft:
    """Text (written first, by ``write_text``) that says nothing, on an ordinary order."""
    text = write_text(rng)
    sale = Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.15)
    return sale.review(
        text=text,
        rating=rng.choices((5, 4, 3, 2, 1), weights=(50, 10, 10, 5, 25))[0],
        review_delay=random_hours(rng, 0.5, 24 * 10),
        buyer=buyer_among(rng, GENUINE_BUYERS),
        has_media=rng.random() < 0.08,
        chat=chat,
    )


# Text writers, one a scenario.


def _keyboard_mash(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.55:
            row = rng.choice(_KEYBOARD_ROWS)
            start = rng.randrange(len(row) - 2)
            run = row[start : start + rng.randint(3, 8)]
            pieces.append(run if rng.random() < 0.6 else "".join(rng.sample(run, len(run))))
        else:
            pieces.append("".join(rng.choice(_IME_MASH_CHUNKS) for _ in range(rng.randint(2, 5))))
    text = rng.choice(("", " ", "，")).join(pieces)
    if rng.random() < 0.2:
        text = text.upper()
    return text


def _random_letters(rng: random.Random) -> str:
    """Letters and digits hit at random (not along a keyboard row), sometimes in several bursts."""
    alphabet = "abcdefghijklmnopqrstuvwxyz" + ("0123456789" if rng.random() < 0.3 else "")
    bursts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(3, 10))) for _ in range(rng.randint(1, 3))]
    text = rng.choice((" ", "", "，", "。")).join(bursts)
    if rng.random() < 0.25:
        text = text.upper()
    if rng.random() < 0.2:
        text += rng.choice(("。", "！", "？", "~"))
    return text


def _repeated_chars(rng: random.Random) -> str:
    units = rng.sample(_REPEAT_UNITS, rng.choice((1, 1, 2)))
    text = "".join(units) * rng.randint(6 // len(units) + 1, 30 // len(units))
    if rng.random() < 0.3:
        cut = rng.randrange(2, len(text))
        text = text[:cut] + rng.choice((" ", "，", "！")) + text[cut:]
    return text


def _punctuation_and_emoji(rng: random.Random) -> str:
    text = "".join(
        rng.choice(_SYMBOL_UNITS) * rng.choice((1, 1, 2, 3)) for _ in range(rng.randint(2, 9))
    )
    return text


def _mojibake(rng: random.Random) -> str:
    source = rng.choice(_MOJIBAKE_SOURCES) + rng.choice(("", "吧", "了", "呀", "啊"))
    raw = source.encode("utf-8")
    if rng.random() < 0.5:
        garbled = raw.decode("gbk", errors="replace")
    else:
        garbled = raw.decode("cp1252", errors="replace")
    garbled = "".join(ch for ch in garbled if ch.isprintable())
    if rng.random() < 0.4:
        garbled = rng.choice(_MOJIBAKE_FIXED) * rng.randint(1, 3) + garbled
    return garbled


def _unrelated_poem(rng: random.Random) -> str:
    lines = [
        f"{rng.choice(_POEM_SCENES)}{rng.choice(_POEM_THINGS)}{rng.choice(_POEM_VERBS)}"
        for _ in range(rng.randint(2, 4))
    ]
    return rng.choice(("，", "\n", " ", "。")).join(lines) + rng.choice(("", "。", "…"))


def _weather_diary(rng: random.Random) -> str:
    parts = [
        rng.choice(("今天", "昨天", "这两天", "周末")) + rng.choice(_WEATHERS),
        rng.choice(_DIARY_TIMES) + "起床",
        rng.choice(_DIARY_ACTIVITIES),
        maybe(rng, 0.5, rng.choice(_DIARY_ACTIVITIES)),
        rng.choice(_DIARY_FEELINGS),
    ]
    return join(rng, parts) + rng.choice(("", "。", "~"))


def _news_like(rng: random.Random) -> str:
    slots = {
        "month": rng.randint(1, 12),
        "day": rng.randint(1, 28),
        "street": rng.choice(STREETS),
        "n": rng.randint(2, 15),
    }
    city = rng.choice(URBAN_AREAS)[1]
    text = (
        f"{rng.choice(_NEWS_SOURCES)}，{city}{rng.choice(_NEWS_EVENTS).format(**slots)}，"
        f"{rng.choice(_NEWS_DETAILS).format(**slots)}。"
    )
    return text


def _lyrics_like(rng: random.Random) -> str:
    lines = rng.sample(_LYRIC_LINES, rng.randint(2, 3))
    text = " ".join(line + " " + rng.choice(_LYRIC_FILLERS) for line in lines).strip()
    return text


def _filler_padding(rng: random.Random) -> str:
    pieces = rng.sample(_FILLER_LINES, rng.randint(1, 2))
    return rng.choice(("", " ", "，")).join(pieces) + rng.choice(NEUTRAL_ENDINGS)


MEANINGLESS_SCENARIOS: dict[str, Builder] = {
    "meaningless/keyboard_mash": partial(_meaningless_case, write_text=_keyboard_mash),
    "meaningless/repeated_chars": partial(_meaningless_case, write_text=_repeated_chars),
    "meaningless/punctuation_emoji_only": partial(
        _meaningless_case, write_text=_punctuation_and_emoji
    ),
    "meaningless/mojibake": partial(_meaningless_case, write_text=_mojibake),
    "meaningless/unrelated_poem": partial(_meaningless_case, write_text=_unrelated_poem),
    "meaningless/weather_diary": partial(_meaningless_case, write_text=_weather_diary),
    "meaningless/news_like": partial(_meaningless_case, write_text=_news_like),
    "meaningless/lyrics_like": partial(_meaningless_case, write_text=_lyrics_like),
    "meaningless/filler_padding": partial(_meaningless_case, write_text=_filler_padding),
    "meaningless/random_letters": partial(_meaningless_case, write_text=_random_letters),
    "meaningless/life_chatter": partial(_meaningless_case, write_text=_life_chatter),
}
