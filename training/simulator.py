"""Buyer-behaviour simulator: whole labelled review and order cases for training and evaluation.

Every case is a complete story — review text, rating, buyer chat (飞鸽) with timestamps, order
timeline and buyer history — built from a persona and a scenario grounded in the appeal guide
(``shared/seeds/appeal_guide_douyin_shop.txt``). Texts are composed from slot vocabularies and
interchangeable phrasings, then lightly perturbed (fillers, punctuation, emoji, typos, some
traditional characters, full-width digits, obfuscated contacts).

Scenario ids (``"<label>/<name>"``) are the unit of held-out evaluation: hold out whole
scenarios, never a random split of generated rows (see LESSONS.md, lesson 1).

Order facts always *agree* with genuine (``normal``) complaints and *contradict* the claim in
``false_claim`` cases (lesson 3). Optional parts (order, chat, buyer, some timestamps) are
omitted in a realistic share of cases so that consumers learn to degrade gracefully.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any

__all__ = [
    "LABELS",
    "SimulatedOrder",
    "SimulatedReview",
    "order_scenarios",
    "review_scenarios",
    "simulate_orders",
    "simulate_reviews",
]

LABELS = ("extortion", "competitor", "ad", "meaningless", "false_claim", "normal")

BEIJING = timezone(timedelta(hours=8))

# ---------------------------------------------------------------------------------------------
# Data tables: products, places, names
# ---------------------------------------------------------------------------------------------

# fmt: off

# (product name, category, lowest unit price, highest unit price)
_PRODUCTS: tuple[tuple[str, str, float, float], ...] = (
    ("纯棉短袖T恤", "clothing", 29, 89),
    ("碎花连衣裙", "clothing", 59, 199),
    ("加绒卫衣", "clothing", 49, 159),
    ("高腰牛仔裤", "clothing", 59, 169),
    ("轻薄羽绒服", "clothing", 159, 499),
    ("冰丝睡衣套装", "clothing", 39, 119),
    ("防晒冰袖", "clothing", 9.9, 29.9),
    ("针织开衫", "clothing", 69, 189),
    ("透气运动鞋", "shoes", 79, 299),
    ("帆布鞋", "shoes", 39, 129),
    ("洞洞拖鞋", "shoes", 19.9, 59),
    ("雪地靴", "shoes", 89, 259),
    ("螺蛳粉", "food", 19.9, 59),
    ("手撕牛肉干", "food", 29.9, 99),
    ("每日坚果礼盒", "food", 49, 139),
    ("麻辣辣条", "food", 9.9, 29.9),
    ("蛋黄酥", "food", 19.9, 49),
    ("高山绿茶", "food", 39, 199),
    ("新鲜芒果", "food", 29.9, 79),
    ("红糖姜茶", "food", 15.9, 45),
    ("补水面膜", "beauty", 29.9, 129),
    ("哑光口红", "beauty", 39, 159),
    ("氨基酸洗面奶", "beauty", 29, 89),
    ("清爽防晒霜", "beauty", 39, 139),
    ("控油洗发水", "beauty", 29.9, 99),
    ("身体乳", "beauty", 25, 89),
    ("蓝牙耳机", "electronics", 59, 299),
    ("充电宝", "electronics", 49, 169),
    ("快充数据线", "electronics", 9.9, 39),
    ("手机壳", "electronics", 9.9, 49),
    ("桌面小风扇", "electronics", 29, 99),
    ("智能手环", "electronics", 99, 299),
    ("桌面收纳盒", "home", 15.9, 59),
    ("纯棉四件套", "home", 99, 399),
    ("免手洗拖把", "home", 39, 129),
    ("保温杯", "home", 29, 119),
    ("加厚垃圾袋", "home", 9.9, 29.9),
    ("记忆棉抱枕", "home", 29, 89),
    ("儿童积木", "kids", 39, 199),
    ("儿童吸管水杯", "kids", 25, 79),
    ("毛绒玩偶", "kids", 29, 129),
)

_SIZES = {
    "clothing": ("S", "M", "L", "XL", "XXL", "均码"),
    "shoes": ("36", "37", "38", "39", "40", "41", "42", "43"),
}

# (province, city, district) for ordinary urban addresses
_URBAN_AREAS: tuple[tuple[str, str, str], ...] = (
    ("广东省", "深圳市", "南山区"), ("广东省", "广州市", "番禺区"), ("浙江省", "杭州市", "余杭区"),
    ("浙江省", "宁波市", "鄞州区"), ("江苏省", "苏州市", "吴中区"), ("江苏省", "南京市", "江宁区"),
    ("四川省", "成都市", "武侯区"), ("河南省", "郑州市", "金水区"), ("湖北省", "武汉市", "洪山区"),
    ("山东省", "临沂市", "兰山区"), ("河北省", "保定市", "竞秀区"), ("福建省", "泉州市", "丰泽区"),
    ("湖南省", "长沙市", "岳麓区"), ("陕西省", "西安市", "雁塔区"), ("安徽省", "合肥市", "蜀山区"),
    ("北京市", "北京市", "朝阳区"), ("上海市", "上海市", "闵行区"), ("重庆市", "重庆市", "渝北区"),
    ("云南省", "昆明市", "五华区"), ("辽宁省", "沈阳市", "浑南区"), ("江西省", "赣州市", "章贡区"),
    ("黑龙江省", "哈尔滨市", "南岗区"), ("广西壮族自治区", "南宁市", "青秀区"), ("天津市", "天津市", "西青区"),
)

# (province, city, county) for rural addresses
_RURAL_AREAS: tuple[tuple[str, str, str], ...] = (
    ("河南省", "周口市", "郸城县"), ("山东省", "菏泽市", "曹县"), ("四川省", "南充市", "仪陇县"),
    ("湖南省", "邵阳市", "隆回县"), ("安徽省", "阜阳市", "临泉县"), ("江西省", "上饶市", "鄱阳县"),
    ("广西壮族自治区", "玉林市", "博白县"), ("贵州省", "毕节市", "大方县"), ("甘肃省", "天水市", "秦安县"),
    ("云南省", "曲靖市", "会泽县"), ("河北省", "邢台市", "威县"), ("湖北省", "黄冈市", "蕲春县"),
)

_TOWN_STEMS = ("柳林", "石桥", "白沙", "高庄", "新集", "桃园", "马店", "双河", "龙泉", "杨湖", "花园", "青山")
_VILLAGE_STEMS = ("前王", "后李", "张庄", "东湾", "刘营", "河西", "上坝", "陈楼", "槐树", "南岗", "黄土坡", "三里")
_STREETS = ("人民路", "建设大道", "解放路", "学府路", "滨江路", "长青街", "文化路", "中山路", "科技园路",
            "望江路", "新华街", "光明大道", "和平路", "兴业路")
_COMMUNITIES = ("云栖花园", "枫林湾", "悦澜府", "新安里", "星河苑", "青檀雅居", "润泽园", "馨和家园",
                "锦华小区", "望湖苑", "春晓公寓", "翠竹苑", "华庭世家", "金桂园")
_PARKS = ("智谷", "创新", "数码", "电商", "软件", "物流")
_COMPANY_STEMS = ("启明", "远航", "恒信", "鼎盛", "卓越", "华腾", "青云", "万象", "博纳", "嘉禾")
_COMPANY_KINDS = ("科技有限公司", "贸易有限公司", "文化传媒有限公司", "物业服务有限公司", "教育咨询有限公司")

# Invented shop and brand names (rivals, promoted shops, this shop's own brand).
_SHOP_PREFIXES = ("优品", "鹿角", "青柚", "米粒", "橙心", "禾木", "星野", "乐淘", "甄选", "小熊",
                  "柚见", "栗子", "南风", "北岸", "麦穗", "初夏")
_SHOP_SUFFIXES = ("旗舰店", "小铺", "严选", "家居馆", "服饰", "工厂店", "专营店", "官方店", "优选", "杂货铺")
_BRANDS = ("禾悦", "初棠", "木子森", "暖阳", "北屿", "素简", "橘麦", "沐光", "知栖", "野莓", "棠溪",
           "云朵厂", "拾光", "蓝鲸记")

# ---------------------------------------------------------------------------------------------
# Data tables: review phrases
# ---------------------------------------------------------------------------------------------

_CATEGORY_TOPICS = {
    "clothing": ("size", "quality", "colour", "smell"),
    "shoes": ("size", "quality", "smell"),
    "food": ("taste", "freshness", "packaging"),
    "beauty": ("colour", "smell", "skin", "quality"),
    "electronics": ("function", "quality"),
    "home": ("quality", "smell", "colour"),
    "kids": ("quality", "smell"),
}

_COMPLAINTS: dict[str, tuple[str, ...]] = {
    "size": (
        "尺码偏小，平时穿{size}的这次得换大一码", "码数不准，比尺码表小一圈", "大了不止一个码，穿着晃荡",
        "穿上太紧了，根本套不进去", "尺码和描述的对不上", "上身很不合身，肩膀那里勒得慌",
        "按尺码表买的{size}，结果小了", "长度短了一截，跟模特图差太远",
    ),
    "quality": (
        "做工很粗糙，线头一大堆", "用了没两天就坏了", "质量太差了，跟图片完全两样", "材质很薄，摸着就廉价",
        "到手就有一道划痕", "开胶了，才用了一次", "洗了一次就变形了", "东西松松垮垮的，做工敷衍",
        "边缘毛毛糙糙的还扎手", "拉链拉两下就卡住了",
    ),
    "colour": (
        "色差很大，和图片完全不是一个颜色", "实物发黄，图片修得太狠了", "颜色暗沉，一点都不像详情页",
        "颜色比图上深好几个度", "收到的颜色灰扑扑的，差太多",
    ),
    "smell": (
        "味道特别大，放阳台晾了三天还有", "一打开一股刺鼻的味道", "有很重的塑料味", "一股霉味，不敢用",
        "化学味熏得头疼",
    ),
    "taste": (
        "味道很怪，跟以前吃的不一样", "太咸了，根本吃不下去", "有股哈喇味，感觉放很久了", "口感发硬，一点都不香",
        "甜得发腻", "辣得没法吃，页面也没写这么辣", "一股香精味",
    ),
    "freshness": (
        "不新鲜，有几个都坏了", "快过期了才发过来", "到手就软塌塌的，有的已经烂了", "生产日期是好几个月前的",
        "打开就有点发霉",
    ),
    "packaging": (
        "包装破了，撒了一箱子", "外箱被压扁了，里面也碎了好几个", "封口没封好，漏了一半", "盒子都变形了",
    ),
    "skin": (
        "用了脸上起小红疙瘩", "抹上去搓泥，很难推开", "用完皮肤紧绷绷的", "一点效果都没有", "抹上去刺刺的",
    ),
    "function": (
        "充不进电，插上没反应", "连接老是断，听歌一卡一卡的", "续航很短，半天就没电了", "有杂音，声音也小",
        "用了一周就开不了机", "发热很严重，不敢用", "按键失灵了",
    ),
}


_NEG_OPENERS = ("差评", "失望", "说实话", "第一次给差评", "踩雷了", "无语", "真的服了", "一言难尽", "后悔",
                "气死了", "避雷", "吐了", "太坑了")
_NEG_CLOSERS = ("大家别买", "不会再来了", "慎拍", "后悔买了", "浪费钱", "谁买谁后悔", "避雷", "已经扔了",
                "就这样吧", "下次不会买了", "建议大家绕道", "别被图片骗了", "垃圾")
_NEG_EMOJI = ("😡", "😤", "👎", "🙄", "😒", "[发怒]", "[白眼]", "💢", "😠", "[裂开]")
_POS_EMOJI = ("😊", "👍", "❤️", "🥰", "[赞]", "[爱心]", "✨", "🌹", "😄", "[比心]")
_NEUTRAL_ENDINGS = ("", "", "", "。", "！", "~", "…", "。。。", "!!")

_SHORT_POSITIVES = (
    "不错", "还行", "挺好的", "满意", "收到了", "很好", "好评", "可以", "还可以", "质量不错", "挺好", "非常满意",
    "好用", "喜欢", "物流快", "推荐", "值得购买", "不错不错", "没毛病", "还不错", "宝贝收到了", "已收到",
    "挺满意的", "好吃", "很喜欢", "蛮好的", "和描述一致", "性价比高", "正品", "很划算", "孩子喜欢", "好看",
    "舒服", "挺实用", "很赞", "给力", "超值", "一如既往的好", "回购了", "不错哦",
)
_SHORT_POSITIVE_TAILS = ("", "", "", "", "，好评", "，下次还来", "，推荐", "，五星", "，谢谢", "，满意",
                         "，物流也快", "，会回购", "，客服态度好")

_POS_ASPECTS: dict[str, tuple[str, ...]] = {
    "clothing": ("面料软软的很亲肤", "版型挺正的，{height}穿{size}码刚好", "洗了一次没掉色也没缩水",
                 "颜色和图片一样，很显白", "上身效果比想象的好", "做工细致，线头都剪干净了"),
    "shoes": ("鞋底很软，走一天路也不累", "{size}码刚好合脚", "做工细致没有胶水味", "很轻便，穿着跑步舒服",
              "鞋型好看，百搭"),
    "food": ("味道很正宗", "分量很足，一家人吃了两顿", "日期很新鲜", "辣度刚好，越吃越香", "口感很好，不会太甜",
             "独立小包装，上班带着方便"),
    "beauty": ("用起来很清爽，不油腻", "味道淡淡的很好闻", "用了一周皮肤状态好了点", "颜色很显气色",
               "好推开，吸收也快", "敏感肌用着也没问题"),
    "electronics": ("音质超出预期", "充电挺快的", "续航一整天没问题", "做工扎实，手感好", "连接很稳定",
                    "小巧好携带"),
    "home": ("材质厚实", "收纳了好多东西，桌面清爽多了", "没有异味", "用着很顺手", "设计很贴心",
             "颜色素雅，跟家里很搭"),
    "kids": ("孩子玩得很开心", "边角都打磨得很圆滑", "孩子天天抱着睡", "颜色鲜艳，材质看着安全",
             "拼起来挺锻炼动手能力"),
}
_POS_GENERIC = ("包装很用心", "物流很快，隔天就到了", "客服很耐心", "性价比很高", "和图片一样", "家里人都说好",
                "已经回购第二次了", "价格实惠", "发货速度快", "比实体店便宜", "送的小赠品也很实用")
_POS_OPENERS = ("收到了", "第二次买了", "给家里人买的", "犹豫了很久才下单", "直播间看到的", "朋友推荐的",
                "趁活动买的", "给自己的小奖励", "帮同事带的", "")
_POS_CLOSERS = ("会回购的", "推荐购买", "五星好评", "下次还来", "满意", "值得入手", "姐妹们冲", "很棒",
                "总体很满意", "")

# ---------------------------------------------------------------------------------------------
# Data tables: chat phrases
# ---------------------------------------------------------------------------------------------

_SELLER_GREETINGS = ("亲，", "亲亲，", "您好，", "宝子，", "亲爱的顾客，", "", "在的亲，")
_SELLER_SUFFIXES = ("", "", "哦", "哈", "呢", "~", "[玫瑰]", "😊", "哦~")
_SELLER_BODIES: dict[str, tuple[str, ...]] = {
    "ack": ("请问有什么可以帮您", "在的呢，您说", "这边是售后客服，请问遇到什么问题了", "您请讲，我这边帮您看看"),
    "sorry_photo": ("非常抱歉给您带来不好的体验，麻烦拍个照片给我们看看", "实在不好意思，方便发一下图片或视频吗，我们马上核实",
                    "抱歉让您失望了，您描述一下具体问题，我们一定处理", "给您添麻烦了，麻烦提供一下问题部位的照片"),
    "after_sale": ("您可以在订单里申请退货退款，我们收到货马上处理", "支持七天无理由退换，还有运费险", "可以给您换货，您申请一下售后就行",
                   "给您登记补发了，今天就安排", "您申请售后，我们这边第一时间同意"),
    "refuse_private": ("私下转账我们这边做不了，有问题可以走平台售后流程", "补偿需要按平台规则来，不能私下处理",
                       "您的要求超出了售后范围，我们按平台规定处理", "这个我们没法答应，您可以申请平台介入",
                       "商品有问题我们给您退换，额外的钱我们不能给"),
    "warn_extortion": ("以评价要挟索要钱财属于违规行为，我们会保留聊天记录并向平台申诉", "这是勒索行为，我方将向平台申诉",
                       "您这样的要求我们不能接受，聊天记录已保存，会按平台规定处理"),
    "shipping": ("已经帮您催快递了，有消息第一时间通知您", "物流显示在路上了，请再耐心等一下", "我们联系快递核实一下，稍等",
                 "中转站那边积压了，我们已经在催了"),
    "price": ("活动价已经是最低了，领一下店铺券还能再减一点", "两件以上可以包邮", "直播间有专属优惠券可以看看",
              "现在下单送一个小赠品", "新人券在店铺首页可以领"),
    "cashback": ("我们店没有好评返现活动，不过关注店铺有新人券", "平台不允许好评返现哦，有问题随时找我们",
                 "没有返现呢，晒图的话可以联系客服领个小赠品", "按平台规定不能做好评返现，感谢理解"),
    "refund_ok": ("已经给您同意退款了，请留意到账", "退款已经处理，原路返回", "收到退货后马上给您退款", "已为您办理退款，一般1到3天到账"),
    "refund_reject": ("商品已经使用过，影响二次销售，所以无法退款", "超过七天无理由退货期限了，非常抱歉",
                      "这个退货申请不符合售后规则，您可以申请平台介入", "退回来的商品少了配件，暂时没法退款"),
    "refund_reject_food": ("食品拆封了按规定不支持无理由退货，质量问题可以拍照给我们", "生鲜食品不支持七天无理由，非常抱歉"),
    "gift": ("非常抱歉，赠品漏发了，马上给您补寄", "不好意思，这就给您登记补发赠品", "赠品给您单独补发，今天就寄出"),
    "busy": ("刚才咨询的人太多，回复晚了，您的问题已经记录", "抱歉现在才看到消息，我们马上处理"),
    "confirm_address": ("您的收货地址有点模糊，麻烦补充一下详细门牌号", "跟您确认一下收货地址和电话，核对无误我们就发货",
                        "收到您的订单啦，请确认一下收货信息"),
    "calm": ("有什么问题我们都可以沟通解决", "您先别着急，有问题我们一定负责", "我们正常发货，有问题随时联系"),
    "thanks": ("感谢您的支持，有问题随时找我们", "谢谢亲，祝您生活愉快", "收到，感谢理解"),
    "probe_deflection": ("这个不方便透露", "这个属于商业信息，没法告诉您",
                         "您是要买货吗？有问题可以问商品相关的", "不好意思，这些我们不清楚"),
    "shipping_delay_reason": ("这款卖得太好了，仓库在加急打包", "这款是预售，需要等几天",
                              "非常抱歉，这两天单量太大，会尽快给您发出"),
    "rural_address": ("可以的，给您发邮政，能送到村里", "好的，已备注放小卖部代收", "没问题，给您备注到了打电话"),
    "company_order": ("可以的，发票确认收货后统一开", "可以，几单会合并打包发出", "没问题，备注一下公司抬头就行"),
}

# Pre-sale questions with fitting answers: (question, answers, categories or None for any).
_PRESALE_QA: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    ("有现货吗", ("有现货的，今天下单今天发", "现货充足，放心拍"), None),
    ("什么时候发货", ("一般48小时内发货", "下午四点前的订单当天发"), None),
    ("发什么快递", ("默认发中通，需要顺丰可以补差价", "一般发圆通和韵达，偏远地区发邮政"), None),
    ("{height}{weight}穿什么码", ("按平时的尺码拍就可以", "详情页有尺码表可以参考，您这个身高体重建议拍{size}"),
     ("clothing",)),
    ("平时穿{size}的拍哪个码", ("这款鞋码偏标准，按平时的拍就行", "脚背高的话建议拍大一码"), ("shoes",)),
    ("这个是正品吗", ("是正品的，支持验货", "品牌授权店铺，假一赔三"), None),
    ("保质期多久", ("保质期十二个月，都是最新日期", "保质期九个月，发的都是近期生产的"), ("food",)),
    ("能送到{city}吗", ("可以的，全国大部分地区都能到", "能送到的，一般两三天"), None),
    ("有没有别的颜色", ("目前就页面上这几个颜色", "其他颜色在补货中，过几天上架"), ("clothing", "shoes", "home", "electronics")),
    ("大概多久能到", ("一般发货后两到四天能到", "江浙沪隔天，其他地区三天左右"), None),
    ("可以开发票吗", ("可以开的，确认收货后在订单里申请就行",), None),
    ("这个适合几岁的孩子", ("三岁以上都可以玩", "建议三到八岁"), ("kids",)),
    ("敏感肌能用吗", ("成分比较温和，建议先在耳后试用一下", "大部分敏感肌用着没问题，可以先试用小样"), ("beauty",)),
    ("能连苹果手机吗", ("安卓苹果都能用", "支持所有蓝牙手机"), ("electronics",)),
)
_BUYER_ACKS = ("好的谢谢", "好的", "嗯嗯", "行，那我拍了", "OK", "收到，谢谢", "好嘞", "明白了")

# ---------------------------------------------------------------------------------------------
# Data tables: extortion
# ---------------------------------------------------------------------------------------------

_TRANSFER_VERBS = ("给我转", "转我", "私下转我", "微信转我", "支付宝转我", "赔我", "补偿我", "发我", "打给我")
_DELETE_PROMISES = ("我马上删差评", "我就把差评删了", "差评立马改成好评", "我就改好评", "评价我就删掉",
                    "我就追评说好话", "这事就算了，评价我改", "立刻给你改五星")
_CASH_DELETE_TEMPLATES = (
    "{transfer}{money}，{promise}", "{promise}也行，先{transfer}{money}", "想让我删评价？{money}，少一分都不行",
    "差评已经挂上了，{transfer}{money}{promise}", "{money}，{transfer}，{promise}，不然就一直挂着",
    "你们{transfer}{money}的话，{promise}", "不想要差评就{transfer}{money}", "给个{money}的红包，{promise}",
    "看到我的评价了吧，{money}，{promise}",
)
_KEEP_REVIEWING_TEMPLATES = (
    "不补偿{money}就一直追评", "不赔{money}我就天天追评", "不给{money}我换几个号全给你差评",
    "今天不给{money}，你家每个商品我都去写差评", "{money}都不给？那我就一直追评到你们关店",
    "不给{money}的话我每天发一条追评，看谁耗得过谁", "补{money}，不然我让家里人都来给差评",
)
_REFUND_THREAT_TEMPLATES = (
    "不退款我就差评+投诉12315", "直接仅退款，不然差评加投诉", "不给我退钱我就去12315投诉，差评也不会删",
    "今天不全额退款我就去黑猫投诉，还挂差评", "不退全款我就找工商，再给你们一个差评",
    "货我不退，钱你退给我，不然差评投诉一起来", "退{money}给我，不然12315见，差评我也写好了",
)
_FREE_GOODS_TEMPLATES = (
    "送我一个同款不然给差评", "再免费补发一个给我，不然就差评", "送两个{gift}我就给好评，不送就差评",
    "赠品给我补{count}个，不然差评伺候", "白送我一件{product}，这事就算了，不然差评", "不送东西的话我的差评就不删了",
    "我要一个{gift}做补偿，不给就去写差评",
)
_CASHBACK_TEMPLATES = (
    "返现{money}我就给五星好评，不返就差评", "别家都有好评返现，你不返{money}我就给差评", "给我返{money}红包，五星带图，不给的话你懂的",
    "好评返{money}吧，不然我只能给差评了", "先返现{money}，我再评价，不返就一星", "返{money}好评，不返差评，你自己选",
)
_THREAT_BEFORE_REVIEW_TEMPLATES = (
    "不给我补{money}我就去写差评", "{money}补偿，不然我现在就去给差评", "你们看着办，不赔{money}我马上差评投诉",
    "给我{money}，不然评价区见", "{transfer}{money}，我就不写差评了", "评价还没写呢，{money}到账我给五星，不到账一星",
    "想要好评就{transfer}{money}，不然我实话实说给一星",
)
_DEMAND_IN_REVIEW_TEMPLATES = (
    "商家不赔{money}这差评我就一直挂着", "不退钱我就天天来追评", "给我补{money}才改好评，商家自己看着办",
    "不送赠品就差评，说到做到", "要么退款要么等着我投诉，差评不会删", "商家不给{money}补偿我就一直追评",
    "私聊商家要{money}补偿不给，那就差评，什么时候给什么时候改", "不给返现{money}就是这个评价",
)
_GIFTS = ("同款", "小样", "赠品", "袜子", "钥匙扣", "试吃装", "替换装", "数据线")
_EXTORTION_OPENERS = ("在吗", "客服在不在", "看到我的评价了吗", "你们家东西什么质量", "收到了，{complaint}",
                      "我说一下，{complaint}", "东西太差了", "给个说法吧", "差评看到了吧")
_EXTORTION_OPENERS_BEFORE_REVIEW = ("在吗", "客服在不在", "你们家东西什么质量", "收到了，{complaint}", "我说一下，{complaint}",
                                    "东西太差了", "给个说法吧", "评价我还没写呢")

# ---------------------------------------------------------------------------------------------
# Data tables: competitor
# ---------------------------------------------------------------------------------------------

_STEER_TEMPLATES = (
    "去{shop}买才{price}", "{shop}同款才{price}，质量还比这好", "别在这买了，{shop}便宜一半", "搜{brand}，比这家强多了",
    "隔壁{shop}家做工好太多", "想买的去{shop}看看，同样的东西价格低一截", "{shop}那家发货快质量好，这家就算了",
    "同款在{shop}买的，完全不是一个档次", "直接去{shop}吧，我都在那买",
)
_FIRST_PERSON_TEMPLATES = (
    "我们店也卖同款，质量好多了", "我家也做这个，这种{material}成本很低", "我们自己店里卖的比这个厚实多了",
    "本人就是做{category_word}的，这种货一看就是库存尾货", "同样的东西我们店卖{price}还包邮",
    "我们也是做这行的，这种质量也好意思卖这个价", "我自己家就是卖这个的，买来对比一下，差距太大",
)
_BRAND_DISS_TEMPLATES = (
    "这牌子就是贴牌货，还是{brand}靠谱", "{own_brand}这种小牌子别信，买{brand}吧", "杂牌子，{brand}同价位好太多",
    "用过{brand}的都知道这个有多差", "没听过的牌子果然不行，老老实实买{brand}",
)
_INSIDER_TEMPLATES = (
    "懂行的都知道这是尾货，进价不到{low}块卖{amount}", "工厂出来的次品，我们做这行的一眼就看出来",
    "这种货批发市场{low}块一大把，卖这么贵", "拿货价我清楚得很，这利润也太黑了", "这是二手翻新的，同行都知道",
)
_SAFETY_SCARE_TEMPLATES = (
    "这款{product}检测不合格，赶紧退了换{brand}", "听说这批{product}有问题，用了{harm}，买{brand}的安全",
    "这种{product}用的都是回收料，{harm}，别贪便宜", "里面有害物质超标，{harm}，去{shop}买正规的",
)
_HARMS = ("对身体不好", "小孩子碰了会过敏", "用久了伤皮肤", "吃了拉肚子", "有安全隐患")
_MATERIALS = ("面料", "材料", "原料", "配件", "做工")
_CATEGORY_WORDS = {"clothing": "服装", "shoes": "鞋子", "food": "零食", "beauty": "护肤品", "electronics": "数码配件",
                   "home": "家居用品", "kids": "母婴玩具"}
_PROBE_QUESTIONS = (
    "你们哪个厂拿的货", "进价多少", "一天能卖多少单", "你们是自己工厂还是拿货的", "货源在哪，能给个厂家联系方式吗",
    "你们直播间一场能出多少单", "这款利润有多少", "你们快递多少钱一单", "你们一个月流水多少", "这款是哪里的代工厂",
    "你们投流一天花多少", "仓库在哪个城市", "你们供应商是谁",
)

# ---------------------------------------------------------------------------------------------
# Data tables: ads and contacts
# ---------------------------------------------------------------------------------------------

_WECHAT_PREFIXES = ("➕薇", "+V", "V❤️", "威信", "薇 x", "vx", "V信", "薇信", "➕V", "加薇", "wei xin", "卫星", "v:",
                    "VX", "薇：", "➕🛰", "微 信", "+薇", "加v")
_QQ_PREFIXES = ("扣扣", "QQ", "q q", "企鹅", "Q", "抠抠", "扣")
_GROUP_PREFIXES = ("群号", "Q群", "粉丝群", "团购群", "进群", "裙号", "福利群")
_DOUYIN_PREFIXES = ("抖音号", "dy号", "抖y", "斗音号", "抖音搜")
_ID_STEMS = ("xiaomei", "ab", "lily", "vip", "dd", "yy", "kk", "sun", "hao", "jie", "mm", "ai", "tt", "win",
             "ling", "coco", "ok", "hh")
_PHONE_PREFIXES = ("138", "139", "151", "157", "166", "177", "185", "188", "199", "135", "136", "158", "186", "173")
_CN_DIGIT_CHARS = "零一二三四五六七八九"
_ALT_DIGIT_CHARS = "〇幺二三四五六七八九"

_AD_LURES = ("有需要的", "想要同款更便宜的", "代购正品", "需要的姐妹", "想了解的", "想赚零花钱的", "感兴趣的",
             "要货源的", "想要优惠券的")
_AD_CALLS = ("加", "联系", "找我", "私", "戳", "速加", "")
_RECRUIT_LINES = (
    "招聘兼职宝妈学生党，在家手机就能做，日结{low}-{high}元", "刷单返佣，一单一结，佣金{low}起", "招打字员，不限时间，日入{high}+",
    "诚招线上客服，时间自由，一天{low}到{high}", "点赞关注就能赚钱，当天到账", "招募体验官，免费拿货还有佣金",
    "手机挂机赚钱，躺着也能月入过万",
)
_LOAN_LINES = (
    "急用钱的看过来，{n}万额度不看征信当天下款", "网贷逾期可以协商还款，专业团队", "黑户也能贷，秒批秒到",
    "大额信用卡代办，{n}万起", "有车有房就能贷，低息", "学生也能借，无抵押{n}千起",
)
_REPLICA_LINES = (
    "一比一复刻大牌包包，原单品质", "高仿名表工厂直发，看不出区别", "大牌鞋子原厂货，价格只要专柜三折",
    "奢侈品尾单，正品同厂", "名牌香水分装，价格美丽", "大牌口红原单货，支持对比",
)
_SHOP_PROMO_LINES = (
    "我家店铺今天全场五折，直接搜{shop}", "{shop}周年庆满100减50，快去抢", "{shop}新店开业，前一百名送{gift}",
    "{shop}清仓大甩卖，最低{price}", "{shop}上新了，进店领无门槛券", "想要同款的去{shop}，今晚限时秒杀",
)
_FOLLOW_LINES = (
    "关注我主页，每晚8点直播间福利秒杀", "点我头像进橱窗，好物天天分享", "直播间今晚抽免单，记得来", "主页有惊喜，进去看看",
    "关注我，带你薅羊毛", "我的橱窗里还有更多好货", "私信我领福利", "看我主页置顶视频，有专属优惠",
)
_GROUP_BUY_LINES = (
    "小区团购群，每天低价水果蔬菜", "拼单群进来，便宜一半", "宝妈福利群，每天秒杀", "社区团购接龙，次日达",
    "零食批发群，整箱拿货", "内部优惠券群，天天发券",
)
_PURE_PROMO_LINES = (
    "想要更便宜同款的私我", "主页有惊喜，姐妹们看我头像", "懂的来，内部价拿货", "同款低价渠道，私聊",
    "做代理一件代发，零库存创业", "想赚钱的点我头像", "每天分享低价好物，需要的来", "内部渠道，价格只有这里的一半",
)

# ---------------------------------------------------------------------------------------------
# Data tables: meaningless
# ---------------------------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------------------------
# Data tables: false claims and genuine complaints with agreeing facts
# ---------------------------------------------------------------------------------------------

_FALSE_NOT_RECEIVED = ("根本没收到货", "到现在都没收到货", "货都没见到就显示签收", "没收到货，骗子店", "一直没收到东西",
                       "压根没收到，还让我评价", "东西没到手就确认收货了", "连包裹影子都没见到")
_FALSE_SLOW_PHRASES = ("半个月才到", "等了十几天", "物流慢死了，二十天才收到", "一个多星期才送到", "等了{days}天才到",
                       "快递走了半个月", "等到花儿都谢了，十几天才到")
_FALSE_NOT_SHIPPED = ("一周都不发货", "拍了五天还不发货", "催了好几次都不发货", "下单一个礼拜了才发", "好多天不发货",
                      "付款后拖了快一周才发货")
_FALSE_IGNORED = ("客服不回复", "找客服一直没人理", "问了半天客服装死", "客服从来不回消息", "联系客服没人管",
                  "发了十几条消息客服一句都不回")
_FALSE_RUDE = ("客服骂人", "客服态度恶劣还骂我", "客服说话很冲，还让我爱买不买", "客服阴阳怪气的",
               "被客服骂了一顿", "客服态度差到极点")
_FALSE_REFUND = ("不给退款", "申请退款一直拒绝", "想退款商家死活不退", "退款申请被驳回好几次", "钱到现在都没退",
                 "说好的退款不给退")
_FALSE_BROKEN = ("收到就是坏的", "少了配件", "少发了一个", "打开就是碎的", "收到的是残次品", "缺了零件装不上")
_ANGRY_MONEY_TEMPLATES = ("花了{money}买了个垃圾", "{money}就这质量？", "{money}买的东西跟地摊货一样",
                          "白花{money}", "{money}打水漂了", "花{money}买了个教训")
_COMPARISON_NEG = ("比淘宝上买的差远了", "同样价格在京东买的质量好太多", "之前在别的店买的比这个厚实，这次踩雷了",
                   "线下超市买的都比这个好", "拼多多十几块的都比这个强", "还不如我上次在实体店买的")
_COMPARISON_POS = ("比拼多多上买的好多了", "比淘宝同价位的厚实", "比商场里的便宜还一样好", "之前在别家买过，这家的更好",
                   "和专柜的一样，价格便宜一半")
_PLATFORM_MENTIONS = ("孩子用来上网课，QQ和微信都能登", "QQ糖味的，孩子很喜欢", "之前在淘宝买过同款，这家的更厚实",
                      "比淘宝便宜，质量一样", "拿来给老人用，微信视频很清楚", "QQ音乐连上没问题，音质不错",
                      "朋友在淘宝开店也卖这个，但还是这家的好", "跟京东自营的对比了，差不多")

# ---------------------------------------------------------------------------------------------
# Data tables: orders
# ---------------------------------------------------------------------------------------------

_VAGUE_ADDRESSES = ("某小区门口", "XX路口", "快递站旁边", "小区大门口放着就行", "菜鸟驿站边上", "公园东门",
                    "路边等", "地铁站出口", "学校门口", "超市门口", "到了打电话", "随便放门口", "某某大厦楼下")
_PROVOCATIONS = ("你发货试试", "收到就给你差评", "我专门找茬的", "发吧，发了我就拒收", "你敢发我就敢退",
                 "等着吃差评吧", "我买了就是为了投诉你", "我有的是时间陪你玩", "发货了我就仅退款，你能拿我怎样",
                 "我已经拍了好几单，看你怎么办", "别发了，发了也是差评", "你们家我盯上了")
_BENIGN_ORDER_QA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("请问什么时候发货呀", ("今天下午就安排发出", "48小时内发货，请放心")),
    ("能发顺丰吗", ("可以的，补一下差价就给您改顺丰", "这边默认中通，顺丰需要补差价")),
    ("今天下单明天能发吗", ("能的，明天上午就发", "可以，已经给您加急了")),
    ("我下周出差，能晚几天发吗", ("可以的，给您备注晚几天发", "没问题，您方便的时候告诉我们再发")),
    ("麻烦帮我备注一下送货前打电话", ("已经备注了，会提醒快递", "好的，已给您备注")),
    ("能帮忙包装严实一点吗，送人的", ("好的，给您多包一层", "没问题，会用礼盒包装")),
    ("地址我填对了吧，麻烦核对一下", ("核对过了，地址没问题", "地址完整的，放心")),
)


# ---------------------------------------------------------------------------------------------
# Data tables: scenario-specific lines
# ---------------------------------------------------------------------------------------------

# Scenario-specific lines, keyed "<topic>.<slot>"; "" means "say nothing here".
_LINES: dict[str, tuple[str, ...]] = {
    "extortion.follow_up": ("那就{money}，不给的话差评加投诉", "不给是吧，那我就一直追评",
                            "行，差评写好了，{money}转我我就删", "最后说一次，{money}，不然明天换号继续差评",
                            "我说到做到，你们等着", "不答应就别怪我了"),
    "escalation.skip_photo": ("照片就不拍了，你们看着补偿吧", "退货太麻烦，直接补偿我点钱", "我不想退，给点补偿就行",
                              "拍什么照片，你们自己心里没数吗"),
    "escalation.first_demand_tail": ("，这事就算了，差评我也删", "，我就不计较了，不然差评", "就行，不给就等着差评",
                                     "，评价我就改回来"),
    "escalation.raise": ("那就{money}，不给的话差评加投诉", "差评我已经写了，{money}转我我就删",
                         "不给是吧，{money}，不然我一直追评", "现在要{money}了，再拖差评就一直挂着"),
    "escalation.last_word": ("最后一次机会", "行，你们等着", "我换号继续差评，看谁耗得过谁", "投诉电话我都查好了"),
    "ad.link_lure": ("领券网址", "点开看看", "更多款式看这里", "内部优惠入口", "复制打开", "福利链接"),
    "chat.greeting": ("在吗", "你好", "客服"),
    "false_claim.follow_up_question": ("那怎么处理", "能换吗", "怎么退", "多久能处理好"),
    "false_claim.nudge": ("快点", "我等着呢", "好吧"),
    "false_claim.refund_notice": ("我申请退款了", "不想要了，退款吧", "退款申请提交了"),
    "slow_delivery.wait": ("等了{days}天才到", "{span}才到", "{days}天才收到", "快递走了{span}"),
    "slow_delivery.opener": ("物流太慢了", "快递慢", "说实话"),
    "slow_delivery.aside": ("东西本身还行", "东西倒是没问题", "急着用都耽误了", "商家发货倒是快，快递拖", ""),
    "slow_delivery.closer": ("希望换个快递", "下次不敢买急用的了", "给个中评"),
    "slow_delivery.chat_question": ("怎么还没到", "物流几天不动了", "快递到哪了", "我的快递是不是丢了"),
    "shipping_delay.claim": ("拍了{days}天才发货", "{days}天才发货", "付款后{days_cn}天才发出来",
                             "发货太慢了，催了才发"),
    "shipping_delay.aside": ("东西还可以", "质量一般", "说好的48小时发货呢", ""),
    "shipping_delay.chat_question": ("什么时候发货啊", "怎么还不发货", "能快点发吗"),
    "not_received.returned_claim": ("快递被退回去了，东西都没见到", "包裹被退回了，我一直在家也没人送",
                                    "没收到货，物流显示退回"),
    "not_received.transit_claim": ("到现在还没收到", "物流好几天不动了，还没收到货", "没收到货，快递一直在中转",
                                   "等了十多天还没到手"),
    "not_received.aside": ("客服说在查", "也不知道找谁", "急死了", "商家说会补发"),
    "not_received.chat_question": ("我的快递怎么不动了", "还没收到货", "快递到哪了"),
    "quality.media_note": ("图片为证", "看图吧", "大家看图", "视频里看得很清楚"),
    "quality.media_sent": ("图片发你了", "[图片]", "你看这照片", "视频发给你了"),
    "gift.request": ("你好，赠品少发了能补一下吗", "赠品好像没放，麻烦看一下", "说好的赠品没收到哎"),
    "gift.review": ("赠品漏发了，联系客服给补了", "少了赠品，客服很快补发了", "赠品后面补寄的"),
    "gift.review_aside": ("东西还可以", "态度还行", "处理得挺快", "东西一般"),
    "return.request": ("你好，尺码不合适能退吗", "能退吗，买多了", "可以换个颜色吗", "不太喜欢，可以退货吗"),
    "return.ack": ("好的，谢谢", "那我申请一下", "麻烦了"),
    "return.review": ("尺码不合适退了", "不太适合我，已经退了", "颜色不喜欢，换了"),
    "return.review_aside": ("客服态度挺好的", "退换很方便", "东西本身没什么问题", ""),
    "price.question": ("买两件能便宜点吗", "新客有券吗", "能不能少{n}块", "直播间的价格还有吗", "包邮吗"),
    "cashback.question": ("有好评返现吗", "好评的话有返现吗？", "晒图有没有小礼物呀", "带图评价有红包吗",
                          "请问有没有好评返现活动"),
    "price.ack": ("好吧没关系", "那我先拍了", "行", "好的，谢谢", "那算了，就按这个价"),
    "mixed.summary": ("其他都还好", "整体还可以", "看在价格的份上", "总体凑合"),
    "slow_service.greeting": ("在吗", "客服在吗", "你好"),
    "slow_service.nudge": ("有人吗", "怎么没人回", "？？？"),
    "slow_service.reaction": ("现在才回", "好吧", "太慢了"),
    "slow_service.claim": ("客服回复太慢了", "找客服半天没人回", "客服隔了一天才回", "客服回消息很慢"),
    "refund_rejected.request": ("我想退款", "能退款吗", "申请退款了，麻烦同意一下"),
    "refund_rejected.reaction": ("凭什么不给退", "好吧", "那我只能给差评说明情况了", "太不合理了"),
    "refund_rejected.claim": ("不给退款", "申请退款被拒了", "商家不同意退款", "退款被驳回"),
    "order.vague_address_reply": ("就写这个，放门口就行", "你别管，发就是了", "到了自然有人拿", "不用详细的"),
    "order.rural_question": ("地址写的村委会，快递能送到吗", "我们村快递只到小卖部，放那就行",
                             "麻烦发邮政，别的快递到不了"),
    "order.company_question": ("我们公司采购，需要开发票", "分开拍的几单发同一个地址可以吗",
                               "一共要{n}份，能打包一起吗", "员工福利用的，能统一开票吗"),
    "order.changed_mind": ("不好意思，家里已经买了，我申请退款了", "临时不需要了，麻烦同意退款",
                           "拍重复了，退一单，谢谢", "朋友送了一个一样的，这单退了吧",
                           "看到直播间更便宜，先退了重新拍"),
    "order.wrong_item": ("拍错颜色了，我重新拍一单", "尺码选错了，退掉这单重新下", "地址填错了，退了重拍",
                         "不好意思手滑多拍了一件，退掉一单", "规格选错了，麻烦取消，我马上重拍"),
    "order.office_group": ("我们办公室几个同事一起拍的，麻烦放一个箱子发", "同事也拍了同款，地址都是公司前台",
                           "部门团建用的，好几个人分开下的单", "我们几个人拼单的，麻烦别漏发"),
    "order.gift_round": ("给几个朋友送礼，地址都不一样，麻烦别发混了", "过节给亲戚寄的，每单都写了不同地址",
                         "帮爸妈和公婆各拍了一份", "送客户的伴手礼，分开几个地址寄"),
    "order.threat_before_shipping": ("先说好，收到有一点问题我就给差评", "你们要是敢晚发一天，我就投诉",
                                     "质量不好我可是会曝光你们的", "我之前在别家买的都是仅退款，你们家最好别出问题"),
    "order.family": ("再给我妈拍一件，同一个地址", "给家里人也买了几份，麻烦一起发",
                     "上午拍过一单，这单是给同事带的", "两个颜色各拍了一件，孩子自己挑",
                     "帮姐姐也下了一单，地址不一样别发错"),
}

# ---------------------------------------------------------------------------------------------
# Data tables: buyer personas
# ---------------------------------------------------------------------------------------------

# Accounts with a history (see _buyer for new ones). Refunds and reviews are drawn as shares of the
# orders, negative reviews as a share of the reviews; the other columns are ranges.
# persona: (account age in days, orders, refund share, review share, negative share,
#           orders with this shop, or None for mostly the first: 1-3 weighted 75/18/7)
_ESTABLISHED_PERSONAS: dict[str, tuple[Any, ...]] = {
    "extorter":  ((30, 1500),  (10, 200),   (0.15, 0.6),  (0.3, 0.8),  (0.2, 0.7),  (1, 3)),
    "mixed_old": ((400, 3200), (50, 600),   (0.04, 0.15), (0.2, 0.7),  (0.08, 0.3), (1, 4)),
    "company":   ((700, 3200), (100, 1200), (0.0, 0.02),  (0.05, 0.3), (0.0, 0.05), (1, 12)),
    "loyal":     ((300, 3000), (20, 500),   (0.0, 0.06),  (0.3, 0.8),  (0.0, 0.1),  (3, 15)),
    "regular":   ((60, 3000),  (5, 400),    (0.0, 0.08),  (0.2, 0.7),  (0.0, 0.15), None),
}

# Who writes each kind of case: persona -> weight (the key order is part of the draw).
_GENUINE_BUYERS = {"regular": 55, "loyal": 15, "mixed_old": 20, "new": 10}
_EXTORTION_BUYERS = {"extorter": 40, "regular": 30, "serial_refunder": 10, "new": 10,
                     "mixed_old": 10}
_FALSE_CLAIM_BUYERS = {"regular": 40, "extorter": 20, "serial_refunder": 10, "new": 15,
                       "mixed_old": 15}

# ---------------------------------------------------------------------------------------------
# Data tables: typing noise
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Public types
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SimulatedReview:
    """One simulated review case.

    Attributes
    ----------
    item : dict
        A review item in PRODUCT.md's review schema (JSON-serialisable).
    label : str
        One of :data:`LABELS`.
    scenario : str
        ``"<label>/<scenario_name>"``, the unit of held-out evaluation.
    """

    item: dict
    label: str
    scenario: str


@dataclass(frozen=True)
class SimulatedOrder:
    """One simulated order case, scored before shipping.

    Attributes
    ----------
    item : dict
        PRODUCT.md's ``order`` object plus its own ``chat`` list (buyer nested as ``buyer``).
    malicious : bool
        Whether the order is a malicious order (恶意下单).
    scenario : str
        ``"order_malicious/<name>"`` or ``"order_benign/<name>"``.
    """

    item: dict
    malicious: bool
    scenario: str


# ---------------------------------------------------------------------------------------------
# Small helpers: numbers, money, time
# ---------------------------------------------------------------------------------------------


def _cn_number(n: int) -> str:
    """Write 0-999 in Chinese numerals (larger numbers stay Arabic)."""
    if n < 10:
        return _CN_DIGIT_CHARS[n]
    if n < 20:
        return "十" + ("" if n == 10 else _CN_DIGIT_CHARS[n - 10])
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGIT_CHARS[tens] + "十" + ("" if ones == 0 else _CN_DIGIT_CHARS[ones])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = ("两" if hundreds == 2 else _CN_DIGIT_CHARS[hundreds]) + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _CN_DIGIT_CHARS[rest]
        return head + (_cn_number(rest) if rest >= 20 else "一" + _cn_number(rest))
    return str(n)


def _money(rng: random.Random, value: float) -> str:
    """Write an amount of money the way buyers type it."""
    amount = int(round(value))
    shape = rng.randrange(10)
    if shape == 0:
        return f"{_cn_number(amount)}块"
    if shape == 1:
        return f"￥{amount}"
    if shape == 2:
        return f"{amount}r"
    if shape == 3:
        return f"{amount}块钱"
    if shape == 4 and amount < 1000:
        return f"{_cn_number(amount)}块钱"
    if shape == 5:
        return f"{amount}米"
    if shape == 6:
        return f"{amount}元"
    return f"{amount}" + rng.choice(("元", "块", "块"))


def _demand_amount(rng: random.Random, order_amount: float) -> int:
    """A sum a buyer demands: round numbers or a share of the order amount."""
    if rng.random() < 0.6:
        return rng.choice((10, 15, 20, 30, 50, 50, 66, 80, 88, 100, 100, 120, 150, 200, 300))
    return max(5, int(round(order_amount * rng.uniform(0.3, 1.2) / 5.0)) * 5)


_PAID_START = datetime(2025, 1, 1, tzinfo=BEIJING)
_PAID_SPAN_DAYS = 680  # last payment mid-November 2026, so whole stories stay inside 2026
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 8, 7, 6, 6, 6, 7, 8, 9, 10, 10, 8, 4)


def _random_paid(rng: random.Random) -> datetime:
    """A payment time in 2025-2026, weighted to waking hours."""
    day = _PAID_START + timedelta(days=rng.randrange(_PAID_SPAN_DAYS))
    hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
    return day + timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def _minutes(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(minutes=rng.uniform(low, high))


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))


def _days(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(days=rng.uniform(low, high))


# ---------------------------------------------------------------------------------------------
# Small helpers: text surface variety
# ---------------------------------------------------------------------------------------------

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


def _stylize(
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


def _join(rng: random.Random, parts: Iterable[str | None]) -> str:
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


def _ending(rng: random.Random, mood: str) -> str:
    roll = rng.random()
    if mood == "neg" and roll < 0.3:
        return rng.choice(_NEG_EMOJI) * rng.choice((1, 1, 2, 3))
    if mood == "pos" and roll < 0.3:
        return rng.choice(_POS_EMOJI) * rng.choice((1, 1, 2, 3))
    return rng.choice(_NEUTRAL_ENDINGS)


def _line(rng: random.Random, key: str, **slots: object) -> str:
    """Pick one phrasing of a scenario line and fill its slots."""
    phrase = rng.choice(_LINES[key])
    return phrase.format(**slots) if slots else phrase


def _maybe(rng: random.Random, p: float, text: str) -> str | None:
    return text if rng.random() < p else None


# ---------------------------------------------------------------------------------------------
# Small helpers: contacts (ads)
# ---------------------------------------------------------------------------------------------


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
        return "".join(_CN_DIGIT_CHARS[int(d)] for d in digits)
    if shape == 3:
        return "".join(_ALT_DIGIT_CHARS[int(d)] if rng.random() < 0.5 else d for d in digits)
    return digits


def _phone(rng: random.Random) -> str:
    number = rng.choice(_PHONE_PREFIXES) + _digits(rng, 8)
    shape = rng.randrange(6)
    if shape == 0:
        return number[:3] + "****" + number[7:]
    if shape == 1:
        return number[:3] + "xxxx" + number[7:]
    if shape in (2, 3):
        return _spread(rng, number)
    return number


def _wechat(rng: random.Random) -> str:
    prefix = rng.choice(_WECHAT_PREFIXES)
    if rng.random() < 0.3:
        handle = _phone(rng)
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


def _douyin_id(rng: random.Random) -> str:
    handle = rng.choice(_ID_STEMS) + _digits(rng, rng.randint(3, 7))
    return rng.choice(_DOUYIN_PREFIXES) + rng.choice(("", "：", " ")) + handle


def _contact(
    rng: random.Random,
    kinds: Sequence[str] = ("wechat", "wechat", "qq", "phone", "group", "url", "douyin"),
) -> str:
    kind = rng.choice(kinds)
    if kind == "wechat":
        return _wechat(rng)
    if kind == "qq":
        return _qq(rng)
    if kind == "phone":
        return rng.choice(("电话", "手机", "☎️", "call", "")) + _phone(rng)
    if kind == "group":
        return _group_number(rng)
    if kind == "url":
        return _url(rng)
    return _douyin_id(rng)


# ---------------------------------------------------------------------------------------------
# Story pieces: purchase, buyer, address, timeline, chat, order
# ---------------------------------------------------------------------------------------------


@dataclass
class _Purchase:
    product: str
    category: str
    unit_price: float
    quantity: int
    amount: float

    def slots(self, rng: random.Random) -> dict[str, str]:
        """Slot values for phrase templates that talk about this purchase."""
        sizes = _SIZES.get(self.category, ("M", "L"))
        return {
            "product": self.product,
            "size": rng.choice(sizes),
            "height": rng.choice(("155", "160", "165", "170", "175", "180")),
            "weight": rng.choice(("90斤", "100斤", "110斤", "120斤", "130斤", "150斤")),
            "city": rng.choice(_URBAN_AREAS)[1],
            "category_word": _CATEGORY_WORDS[self.category],
            "material": rng.choice(_MATERIALS),
        }


def _purchase(rng: random.Random) -> _Purchase:
    name, category, low, high = rng.choice(_PRODUCTS)
    unit = int(rng.uniform(low, high)) + rng.choice((0.0, 0.9, 0.9, 0.8, 0.0))
    unit = max(unit, low)
    quantity = rng.choices((1, 2, 3, 4, 5), weights=(70, 18, 7, 3, 2))[0]
    return _Purchase(name, category, round(unit, 2), quantity, round(unit * quantity, 2))


def _shop_name(rng: random.Random) -> str:
    return rng.choice(_SHOP_PREFIXES) + rng.choice(_SHOP_SUFFIXES)


def _price_text(rng: random.Random, reference: float) -> str:
    cheap = max(3.0, reference * rng.uniform(0.3, 0.7))
    shape = rng.randrange(4)
    if shape == 0:
        return "9块9"
    if shape == 1:
        return f"{int(cheap)}块"
    if shape == 2:
        return f"{int(cheap)}.9"
    return f"{_cn_number(int(cheap))}块"


def _urban_address(rng: random.Random) -> str:
    province, city, district = rng.choice(_URBAN_AREAS)
    head = city + district if province == city else province + city + district
    street = f"{rng.choice(_STREETS)}{rng.randint(1, 999)}号"
    home = f"{rng.choice(_COMMUNITIES)}{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 33)}0{rng.randint(1, 6)}"
    if rng.random() < 0.3:
        home = f"{rng.choice(_COMMUNITIES)}{rng.randint(1, 30)}-{rng.randint(1, 33)}0{rng.randint(1, 6)}室"
    separator = rng.choice(("", " ", " "))
    return head + separator + street + separator + home


def _rural_address(rng: random.Random) -> str:
    province, city, county = rng.choice(_RURAL_AREAS)
    town = rng.choice(_TOWN_STEMS) + rng.choice(("镇", "镇", "乡"))
    village = rng.choice(_VILLAGE_STEMS) + "村"
    tail = rng.choice(
        (
            f"{village}村委会旁边小卖部代收",
            f"{village}{rng.randint(1, 9)}组{rng.randint(1, 80)}号",
            f"{village}村口超市代收",
            f"{village}卫生室旁边",
            "中心小学对面菜鸟驿站",
            f"{village}供销社门口代收点",
            f"{village}文化广场旁边第三家",
        )
    )
    return f"{province}{city}{county}{town}{tail}"


def _company_address(rng: random.Random) -> str:
    province, city, district = rng.choice(_URBAN_AREAS)
    head = city + district if province == city else province + city + district
    return (
        f"{head}{rng.choice(_STREETS)}{rng.randint(1, 500)}号{rng.choice(_PARKS)}产业园{rng.randint(1, 12)}栋"
        f"{rng.randint(2, 20)}楼{rng.choice(_COMPANY_STEMS)}{rng.choice(_COMPANY_KINDS)}"
    )


def _vague_address(rng: random.Random) -> str:
    spot = rng.choice(_VAGUE_ADDRESSES)
    province, city, district = rng.choice(_URBAN_AREAS)
    shape = rng.randrange(4)
    if shape == 0:
        return spot
    if shape == 1:
        return city + spot
    if shape == 2:
        return city + district + spot
    return f"{district}{rng.choice(_STREETS)}{spot}"


def _buyer(rng: random.Random, kind: str) -> dict[str, int]:
    """A buyer history consistent with a persona; all counts are mutually consistent."""
    if kind == "new":
        age, orders = rng.randint(0, 10), rng.randint(1, 5)
        refunds = rng.choices((0, 1), weights=(85, 15))[0]
        reviews = rng.randint(0, min(2, orders))
        negatives = 1 if reviews and rng.random() < 0.2 else 0
        with_shop = 1
    elif kind == "new_all_negative":
        age, orders = rng.randint(0, 10), rng.randint(1, 8)
        refunds = rng.randint(0, min(3, orders))
        reviews = rng.randint(1, orders)
        negatives = reviews
        with_shop = rng.choices((1, 2), weights=(85, 15))[0]
    elif kind == "serial_refunder":
        age, orders = rng.randint(0, 400), rng.randint(3, 60)
        refunds = math.ceil(orders * rng.uniform(0.55, 1.0))
        reviews = rng.randint(0, orders)
        negatives = int(reviews * rng.uniform(0.3, 1.0))
        with_shop = rng.randint(1, 3)
    else:  # an established account; unknown kinds are treated as "regular"
        ages, order_counts, refund_share, review_share, negative_share, shop_orders = (
            _ESTABLISHED_PERSONAS.get(kind, _ESTABLISHED_PERSONAS["regular"])
        )
        age, orders = rng.randint(*ages), rng.randint(*order_counts)
        refunds = int(orders * rng.uniform(*refund_share))
        reviews = int(orders * rng.uniform(*review_share))
        negatives = int(reviews * rng.uniform(*negative_share))
        if shop_orders is None:
            with_shop = rng.choices((1, 2, 3), weights=(75, 18, 7))[0]
        else:
            with_shop = rng.randint(*shop_orders)
    with_shop = max(1, min(with_shop, orders))
    prior = rng.choices((0, 1, 2, 3), weights=_PRIOR_RECORD_WEIGHTS.get(kind, _DEFAULT_PRIOR_RECORD))[0]
    return {
        "account_age_days": age,
        "orders_total": orders,
        "refunds_total": min(refunds, orders),
        "reviews_total": reviews,
        "negative_reviews_total": min(negatives, reviews),
        "orders_with_shop": with_shop,
        "prior_malicious_decisions": prior,
    }


# What the shop's buyer-risk ledger already holds about a buyer (0, 1, 2, 3 earlier malicious
# decisions): troublemaker personas often have a record, ordinary buyers rarely do (a few by
# mistake, so a record alone never decides).
_PRIOR_RECORD_WEIGHTS = {"extorter": (45, 30, 15, 10), "serial_refunder": (55, 25, 12, 8),
                         "new_all_negative": (70, 20, 7, 3)}
_DEFAULT_PRIOR_RECORD = (95, 4, 1, 0)


def _buyer_among(rng: random.Random, personas: dict[str, int]) -> dict[str, int]:
    """A buyer whose persona is drawn by weight from ``personas``."""
    return _buyer(rng, rng.choices(tuple(personas), weights=tuple(personas.values()))[0])


@dataclass
class _Timeline:
    paid: datetime
    shipped: datetime | None
    delivered: datetime | None
    status: str


def _timeline(
    rng: random.Random,
    *,
    ship_hours: tuple[float, float] = (2, 40),
    transit_days: tuple[float, float] = (1.0, 4.0),
    status: str = "delivered",
) -> _Timeline:
    """Payment, shipping and delivery times; undelivered statuses leave delivery empty."""
    paid = _random_paid(rng)
    shipped = paid + _hours(rng, *ship_hours)
    delivered = shipped + _days(rng, *transit_days) if status == "delivered" else None
    return _Timeline(paid, shipped, delivered, status)


def _quick_timeline(
    rng: random.Random, total_days: tuple[float, float], ship_max_hours: float = 20.0
) -> _Timeline:
    """A delivered order whose paid->delivered span lies inside ``total_days``."""
    paid = _random_paid(rng)
    total = _days(rng, *total_days)
    ship = min(_hours(rng, 1.0, ship_max_hours), total - timedelta(hours=6))
    return _Timeline(paid, paid + ship, paid + total, "delivered")


class _Chat:
    """Accumulates 飞鸽 turns on a running clock."""

    def __init__(self, rng: random.Random, start: datetime) -> None:
        self.rng = rng
        self.clock = start
        self.turns: list[dict[str, str]] = []

    def buyer(self, text: str, gap: tuple[float, float] = (0.3, 8.0)) -> _Chat:
        self._add("buyer", _stylize(self.rng, text, typo=0.08, traditional=0.04), gap)
        return self

    def seller(self, intent: str, gap: tuple[float, float] = (0.3, 5.0)) -> _Chat:
        return self.seller_text(_seller_line(self.rng, intent), gap)

    def seller_text(self, text: str, gap: tuple[float, float] = (0.3, 5.0)) -> _Chat:
        self._add("seller", text, gap)
        return self

    def _add(self, role: str, text: str, gap: tuple[float, float]) -> None:
        if self.turns:
            self.clock += _minutes(self.rng, *gap)
        self.turns.append({"role": role, "text": text, "sent_at": _iso(self.clock)})


def _seller_reply(rng: random.Random, body: str) -> str:
    return rng.choice(_SELLER_GREETINGS) + body + rng.choice(_SELLER_SUFFIXES)


def _seller_line(rng: random.Random, intent: str) -> str:
    return _seller_reply(rng, rng.choice(_SELLER_BODIES[intent]))


def _presale_chat(rng: random.Random, purchase: _Purchase, paid: datetime) -> list[dict[str, str]]:
    """A short, harmless pre-sale exchange shortly before payment."""
    chat = _Chat(rng, paid - _minutes(rng, 10, 600))
    fitting = [qa for qa in _PRESALE_QA if qa[2] is None or purchase.category in qa[2]]
    question, answers, _ = rng.choice(fitting)
    slots = purchase.slots(rng)
    chat.buyer(question.format_map(slots))
    chat.seller_text(_seller_reply(rng, rng.choice(answers).format_map(slots)))
    if rng.random() < 0.6:
        chat.buyer(rng.choice(_BUYER_ACKS))
    return chat.turns


def _exchange(
    rng: random.Random, start: datetime, question: str, intent: str, **slots: object
) -> list[dict[str, str]]:
    """A one-question chat: the buyer asks ``question`` (a ``_LINES`` key), the seller answers."""
    return _Chat(rng, start).buyer(_line(rng, question, **slots)).seller(intent).turns


def _last_sent(turns: list[dict[str, str]]) -> datetime:
    """When the last chat turn was sent, to the second as exported (not the chat's exact clock)."""
    return datetime.fromisoformat(turns[-1]["sent_at"])


def _order(
    rng: random.Random,
    order_id: str,
    purchase: _Purchase,
    timeline: _Timeline,
    *,
    buyer: dict[str, int] | None,
    refund_status: str = "none",
    refund_requested_at: datetime | None = None,
    address: str | None = None,
    same_address: int | None = None,
    same_buyer: int | None = None,
) -> dict:
    """An order object with PRODUCT.md's field names."""
    order: dict[str, Any] = {
        "order_id": order_id,
        "amount": purchase.amount,
        "quantity": purchase.quantity,
        "paid_at": _iso(timeline.paid),
        "shipped_at": _iso(timeline.shipped),
        "delivered_at": _iso(timeline.delivered),
        "logistics_status": timeline.status,
        "refund_status": refund_status,
        "refund_requested_at": _iso(refund_requested_at),
        "shipping_address": address if address is not None else _urban_address(rng),
        "same_address_orders_24h": same_address
        if same_address is not None
        else rng.choices((1, 2), weights=(92, 8))[0],
        "same_buyer_orders_24h": same_buyer
        if same_buyer is not None
        else rng.choices((1, 2), weights=(94, 6))[0],
    }
    if buyer is not None:
        order["buyer"] = buyer
    return order


# ---------------------------------------------------------------------------------------------
# Review composition
# ---------------------------------------------------------------------------------------------


def _complaint(rng: random.Random, purchase: _Purchase, topic: str | None = None) -> str:
    topic = topic or rng.choice(_CATEGORY_TOPICS[purchase.category])
    phrase = rng.choice(_COMPLAINTS[topic]).format_map(purchase.slots(rng))
    if rng.random() < 0.3:
        phrase = (
            rng.choice(("这个", "买的", "这"))
            + purchase.product
            + rng.choice(("", "，", " "))
            + phrase
        )
    return phrase


def _maybe_opener(rng: random.Random, p: float) -> str | None:
    return _maybe(rng, p, rng.choice(_NEG_OPENERS))


def _maybe_closer(rng: random.Random, p: float) -> str | None:
    return _maybe(rng, p, rng.choice(_NEG_CLOSERS))


def _compose(rng: random.Random, parts: Iterable[str | None], mood: str) -> str:
    """Join the parts of a text and end it the way a buyer in this mood would."""
    return _join(rng, parts) + _ending(rng, mood)


def _negative_review(
    rng: random.Random,
    purchase: _Purchase,
    topic: str | None = None,
    extra: Sequence[str | None] = (),
) -> str:
    """A complaint-style review: opener, one or two complaints, optional extra parts, closer."""
    parts = [_maybe_opener(rng, 0.45), _complaint(rng, purchase, topic)]
    if rng.random() < 0.3:
        parts.append(_complaint(rng, purchase))
    parts.extend(extra)
    parts.append(_maybe_closer(rng, 0.6))
    return _compose(rng, parts, "neg")


def _positive_aspects(rng: random.Random, purchase: _Purchase, count: int) -> list[str]:
    pool = list(_POS_ASPECTS[purchase.category]) + list(_POS_GENERIC)
    slots = purchase.slots(rng)
    return [phrase.format_map(slots) for phrase in rng.sample(pool, count)]


def _positive_review(rng: random.Random, purchase: _Purchase, aspects: int | None = None) -> str:
    count = aspects if aspects is not None else rng.randint(1, 4)
    parts: list[str | None] = [_maybe(rng, 0.5, rng.choice(_POS_OPENERS))]
    if rng.random() < 0.3:
        parts.append(
            rng.choice(("这款", "买的", ""))
            + purchase.product
            + rng.choice(("很好", "真的不错", "超出预期"))
        )
    parts.extend(_positive_aspects(rng, purchase, count))
    parts.append(_maybe(rng, 0.6, rng.choice(_POS_CLOSERS)))
    return _compose(rng, parts, "pos")


def _short_positive(rng: random.Random) -> str:
    text = rng.choice(_SHORT_POSITIVES) + rng.choice(_SHORT_POSITIVE_TAILS)
    if rng.random() < 0.15:
        text = text + text[-1]  # 不错错 / 满意意: doubled last character
    return text + _ending(rng, "pos")


def _days_phrase(days: int) -> str:
    """Describe a genuinely long wait that matches ``days``."""
    if days >= 14:
        return "半个月"
    if days >= 11:
        return "十几天"
    return "一个多星期" if days >= 8 else "一个星期"


# ---------------------------------------------------------------------------------------------
# Case draft and assembly
# ---------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    text: str
    rating: int
    created_at: datetime
    has_media: bool
    chat: list[dict[str, str]] = field(default_factory=list)
    order: dict | None = None


# A review scenario: (rng, order id) -> draft. Scenarios that differ only by data are
# ``functools.partial`` applications of one shared builder.
_Builder = Callable[[random.Random, str], _Draft]

# The order in which a builder draws from ``rng`` is part of its output: a seed must keep giving the
# same cases. Shared helpers therefore draw exactly where the code they stand for did, and callers
# of ``_Sale.review`` draw its values in argument order (text, rating, delay, buyer, media).


@dataclass
class _Sale:
    """The facts a review case is built around: one purchase and how its order moved."""

    rng: random.Random
    order_id: str
    purchase: _Purchase
    timeline: _Timeline

    @classmethod
    def draw(
        cls,
        rng: random.Random,
        order_id: str,
        make_timeline: Callable[..., _Timeline] = _timeline,
        **timeline_options: Any,
    ) -> _Sale:
        """Draw the purchase, then its timeline: ``make_timeline(rng, **timeline_options)``."""
        purchase = _purchase(rng)
        return cls(rng, order_id, purchase, make_timeline(rng, **timeline_options))

    def presale_chat(self, share: float) -> list[dict[str, str]]:
        """A harmless pre-sale exchange in ``share`` of the cases, otherwise no chat."""
        if self.rng.random() < share:
            return _presale_chat(self.rng, self.purchase, self.timeline.paid)
        return []

    def review(
        self,
        *,
        text: str,
        rating: int,
        review_delay: timedelta,
        buyer: dict[str, int] | None,
        has_media: bool = False,
        chat: list[dict[str, str]] | None = None,
        posted_after: datetime | None = None,
        after_minutes: tuple[float, float] = (10, 600),
        **order_fields: Any,
    ) -> _Draft:
        """The review, posted ``review_delay`` after delivery (or shipping, or payment).

        With ``posted_after`` (a refund request, the last chat turn) the review also comes
        ``after_minutes`` after that moment; that wait is drawn last, after the order's own draws.
        """
        timeline = self.timeline
        anchor = timeline.delivered or timeline.shipped or timeline.paid
        created = anchor + review_delay
        order = _order(
            self.rng, self.order_id, self.purchase, timeline, buyer=buyer, **order_fields
        )
        if posted_after is not None:
            created = max(created, posted_after + _minutes(self.rng, *after_minutes))
        return _Draft(
            text=text,
            rating=rating,
            created_at=created,
            has_media=has_media,
            chat=chat or [],
            order=order,
        )


# ---------------------------------------------------------------------------------------------
# Extortion scenarios
# ---------------------------------------------------------------------------------------------


def _extortion_slots(rng: random.Random, purchase: _Purchase, amount: int) -> dict[str, str]:
    slots = purchase.slots(rng)
    slots.update(
        money=_money(rng, amount),
        transfer=rng.choice(_TRANSFER_VERBS),
        promise=rng.choice(_DELETE_PROMISES),
        gift=rng.choice(_GIFTS),
        count=str(rng.randint(2, 5)),
    )
    return slots


def _extortion_case(
    rng: random.Random,
    order_id: str,
    *,
    templates: Sequence[str],
    after_review: bool | float,
    review_demand_share: float = 0.25,
    rating_weights: tuple[int, int, int] = (70, 25, 5),
) -> _Draft:
    """A bad review (or its threat) used to demand money, refund or goods in chat.

    ``after_review`` says whether the demand follows the posted review or is a threat made before
    reviewing; a float is the share of cases in which it follows the review.
    """
    if not isinstance(after_review, bool):  # only a mixed scenario spends a draw on this
        after_review = rng.random() < after_review
    purchase = _purchase(rng)
    timeline = _timeline(rng, transit_days=(0.8, 4.0))
    amount = _demand_amount(rng, purchase.amount)
    slots = _extortion_slots(rng, purchase, amount)
    demand = rng.choice(templates).format_map(slots)
    delay = _minutes(rng, 20, 24 * 60)
    created = timeline.delivered + delay if timeline.delivered else timeline.paid
    # After-review extortion starts once the review is up; threats before the review start at delivery.
    start = (
        created + _minutes(rng, 5, 36 * 60)
        if after_review
        else timeline.delivered + _minutes(rng, 5, 180)
    )
    chat = _Chat(rng, start)
    openers = _EXTORTION_OPENERS if after_review else _EXTORTION_OPENERS_BEFORE_REVIEW
    opener = rng.choice(openers).format(complaint=_complaint(rng, purchase))
    if rng.random() < 0.75:
        chat.buyer(opener).seller(rng.choice(("ack", "sorry_photo")))
    chat.buyer(demand)
    chat.seller(rng.choice(("refuse_private", "after_sale", "refuse_private", "warn_extortion")))
    if rng.random() < 0.35:
        bigger = _money(rng, amount + rng.choice((10, 20, 30, 50, 100)))
        chat.buyer(_line(rng, "extortion.follow_up", money=bigger), gap=(2, 240))
        if rng.random() < 0.6:
            chat.seller(rng.choice(("warn_extortion", "refuse_private", "calm")))
    if not after_review and chat.clock > created:
        created = chat.clock + _minutes(rng, 5, 300)
    text_extra = [demand] if rng.random() < review_demand_share else []
    text = _stylize(rng, _negative_review(rng, purchase, extra=text_extra))
    rating = rng.choices((1, 2, 3), weights=rating_weights)[0]
    order = _order(rng, order_id, purchase, timeline, buyer=_buyer_among(rng, _EXTORTION_BUYERS))
    return _Draft(
        text=text,
        rating=rating,
        created_at=created,
        has_media=rng.random() < 0.3,
        chat=chat.turns,
        order=order,
    )


def _extortion_escalating_multi_turn(rng: random.Random, order_id: str) -> _Draft:
    """Complaint, polite seller, then demands that grow over several turns."""
    purchase = _purchase(rng)
    timeline = _timeline(rng, transit_days=(0.8, 4.0))
    first = _demand_amount(rng, purchase.amount)
    second = first + rng.choice((20, 30, 50, 100))
    created = timeline.delivered + _minutes(rng, 30, 30 * 60)
    chat = _Chat(rng, timeline.delivered + _minutes(rng, 10, 240))
    chat.buyer(rng.choice(("收到了，", "我说一下，", "")) + _complaint(rng, purchase))
    chat.seller("sorry_photo")
    chat.buyer(_line(rng, "escalation.skip_photo"))
    chat.seller("after_sale")
    chat.buyer(
        rng.choice(_TRANSFER_VERBS)
        + _money(rng, first)
        + _line(rng, "escalation.first_demand_tail")
    )
    chat.seller("refuse_private")
    chat.buyer(_line(rng, "escalation.raise", money=_money(rng, second)), gap=(5, 600))
    if rng.random() < 0.7:
        chat.seller(rng.choice(("warn_extortion", "refuse_private")))
    if rng.random() < 0.5:
        chat.buyer(_line(rng, "escalation.last_word"), gap=(10, 900))
    text = _stylize(rng, _negative_review(rng, purchase))
    order = _order(rng, order_id, purchase, timeline, buyer=_buyer_among(rng, _EXTORTION_BUYERS))
    return _Draft(
        text=text,
        rating=rng.choice((1, 1, 2)),
        created_at=created,
        has_media=rng.random() < 0.3,
        chat=chat.turns,
        order=order,
    )


def _extortion_demand_in_review_only(rng: random.Random, order_id: str) -> _Draft:
    """The demand and the threat are in the review itself; chat is thin or absent."""
    sale = _Sale.draw(rng, order_id, transit_days=(0.8, 4.0))
    amount = _demand_amount(rng, sale.purchase.amount)
    demand = rng.choice(_DEMAND_IN_REVIEW_TEMPLATES).format_map(
        _extortion_slots(rng, sale.purchase, amount)
    )
    parts = [_maybe_opener(rng, 0.4), _maybe(rng, 0.7, _complaint(rng, sale.purchase)), demand]
    if rng.random() < 0.5:
        parts.reverse()
    text = _stylize(rng, _compose(rng, parts, "neg"))
    chat = sale.presale_chat(0.3)
    return sale.review(
        text=text,
        rating=rng.choice((1, 1, 2)),
        review_delay=_minutes(rng, 20, 24 * 60),
        buyer=_buyer_among(rng, _EXTORTION_BUYERS),
        has_media=rng.random() < 0.2,
        chat=chat,
    )


_EXTORTION_SCENARIOS: dict[str, _Builder] = {
    "extortion/cash_to_delete_review": partial(
        _extortion_case, templates=_CASH_DELETE_TEMPLATES, after_review=True
    ),
    "extortion/compensation_or_keep_reviewing": partial(
        _extortion_case, templates=_KEEP_REVIEWING_TEMPLATES, after_review=True
    ),
    "extortion/refund_or_complaint_threat": partial(
        _extortion_case, templates=_REFUND_THREAT_TEMPLATES, after_review=0.5
    ),
    "extortion/free_goods_demand": partial(
        _extortion_case, templates=_FREE_GOODS_TEMPLATES, after_review=0.4
    ),
    "extortion/cashback_for_good_review": partial(
        _extortion_case,
        templates=_CASHBACK_TEMPLATES,
        after_review=False,
        rating_weights=(55, 30, 15),
    ),
    "extortion/threat_before_review": partial(
        _extortion_case,
        templates=_THREAT_BEFORE_REVIEW_TEMPLATES,
        after_review=False,
        review_demand_share=0.1,
    ),
    "extortion/escalating_multi_turn": _extortion_escalating_multi_turn,
    "extortion/demand_in_review_only": _extortion_demand_in_review_only,
}


# ---------------------------------------------------------------------------------------------
# Competitor scenarios
# ---------------------------------------------------------------------------------------------


def _competitor_buyer(rng: random.Random) -> dict[str, int]:
    buyer = _buyer(rng, "new_all_negative")
    if rng.random() < 0.1:  # a slightly older sock-puppet account
        buyer["account_age_days"] = rng.randint(11, 40)
    return buyer


def _competitor_slots(rng: random.Random, purchase: _Purchase) -> dict[str, str]:
    slots = purchase.slots(rng)
    slots.update(
        shop=_shop_name(rng),
        brand=rng.choice(_BRANDS),
        own_brand=rng.choice(_BRANDS),
        price=_price_text(rng, purchase.unit_price),
        low=str(max(2, int(purchase.unit_price * 0.15))),
        amount=str(int(purchase.unit_price)),
        harm=rng.choice(_HARMS),
    )
    return slots


def _probe_chat(rng: random.Random, start: datetime) -> list[dict[str, str]]:
    chat = _Chat(rng, start)
    for question in rng.sample(_PROBE_QUESTIONS, rng.randint(1, 3)):
        chat.buyer(question, gap=(0.5, 15))
        if rng.random() < 0.7:
            chat.seller("probe_deflection")
    return chat.turns


def _competitor_case(
    rng: random.Random,
    order_id: str,
    *,
    templates: Sequence[str] | None = None,
    probe_share: float = 0.35,
) -> _Draft:
    """Rival's review minutes after delivery from a fresh, all-negative account.

    ``templates`` are the ways the rival talks the product down; without them the text is an
    ordinary complaint and only the account, the timing and any probing chat betray the rival.
    """
    sale = _Sale.draw(rng, order_id, transit_days=(0.8, 3.5))
    if templates is None:
        text = _negative_review(rng, sale.purchase)
    else:
        steer = rng.choice(templates).format_map(_competitor_slots(rng, sale.purchase))
        complaint = _complaint(rng, sale.purchase) if rng.random() < 0.4 else None
        parts = [_maybe_opener(rng, 0.35), complaint, steer, _maybe_closer(rng, 0.3)]
        text = _compose(rng, parts, "neg")
    if rng.random() < probe_share:
        chat = _probe_chat(rng, sale.timeline.paid - _minutes(rng, 5, 600))
    else:
        chat = sale.presale_chat(0.2)
    return sale.review(
        text=_stylize(rng, text),
        rating=rng.choices((1, 2), weights=(80, 20))[0],
        review_delay=_minutes(rng, 3, 120),
        buyer=_competitor_buyer(rng),
        has_media=rng.random() < 0.15,
        chat=chat,
    )


_COMPETITOR_SCENARIOS: dict[str, _Builder] = {
    "competitor/steer_to_other_shop": partial(_competitor_case, templates=_STEER_TEMPLATES),
    "competitor/first_person_shop_talk": partial(
        _competitor_case, templates=_FIRST_PERSON_TEMPLATES
    ),
    "competitor/brand_disparagement": partial(_competitor_case, templates=_BRAND_DISS_TEMPLATES),
    "competitor/insider_cost_claim": partial(_competitor_case, templates=_INSIDER_TEMPLATES),
    "competitor/safety_scare": partial(_competitor_case, templates=_SAFETY_SCARE_TEMPLATES),
    "competitor/supplier_probe_chat": partial(_competitor_case, probe_share=1.0),
    # Only account, timing and a generic negative text betray the rival.
    "competitor/signals_only": partial(_competitor_case, probe_share=0.0),
}


# ---------------------------------------------------------------------------------------------
# Ad scenarios
# ---------------------------------------------------------------------------------------------


def _ad_case(
    rng: random.Random,
    order_id: str,
    *,
    write_ad: Callable[[random.Random], str],
    praise_share: float = 0.6,
) -> _Draft:
    """An advert (written first, by ``write_ad``), often after a sentence of genuine praise."""
    ad = write_ad(rng)
    sale = _Sale.draw(rng, order_id)
    praise = None
    if rng.random() < praise_share:
        praise = (
            _short_positive(rng)
            if rng.random() < 0.4
            else _join(rng, _positive_aspects(rng, sale.purchase, rng.randint(1, 2)))
        )
    parts = [praise, ad] if rng.random() < 0.85 else [ad, praise]
    text = _join(rng, parts) + rng.choice(("", "", "！", "~", "👇", "🔥", "💰", "[红包]"))
    text = _stylize(rng, text, fullwidth=0.15, typo=0.05)
    chat = sale.presale_chat(0.2)
    return sale.review(
        text=text,
        rating=rng.choices((5, 4, 3, 1), weights=(65, 15, 8, 12))[0],
        review_delay=_hours(rng, 1, 24 * 8),
        buyer=_buyer(rng, rng.choice(("regular", "new", "new"))),
        has_media=rng.random() < 0.15,
        chat=chat,
    )


def _ad_slots(rng: random.Random) -> dict[str, str]:
    low = rng.choice((50, 80, 100, 150, 200))
    return {
        "low": str(low),
        "high": str(low * rng.choice((2, 3, 5))),
        "n": str(rng.randint(1, 20)),
        "shop": _shop_name(rng),
        "gift": rng.choice(_GIFTS),
        "price": _price_text(rng, rng.uniform(20, 100)),
    }


def _call_to_contact(rng: random.Random, kinds: Sequence[str] | None = None) -> str:
    contact = _contact(rng) if kinds is None else _contact(rng, kinds)
    return _join(rng, [_maybe(rng, 0.5, rng.choice(_AD_LURES)), rng.choice(_AD_CALLS) + contact])


# Advert writers, one a scenario: a line of the scenario's kind, mostly with a way to get in touch.


def _wechat_contact_ad(rng: random.Random) -> str:
    return _join(rng, [rng.choice(_AD_LURES), rng.choice(_AD_CALLS) + _wechat(rng)])


def _recruiting_ad(rng: random.Random) -> str:
    line = rng.choice(_RECRUIT_LINES).format_map(_ad_slots(rng))
    return _join(rng, [line, _maybe(rng, 0.8, _call_to_contact(rng))])


def _loan_ad(rng: random.Random) -> str:
    line = rng.choice(_LOAN_LINES).format_map(_ad_slots(rng))
    return _join(rng, [line, _call_to_contact(rng, ("phone", "wechat", "qq"))])


def _replica_ad(rng: random.Random) -> str:
    return _join(rng, [rng.choice(_REPLICA_LINES), _maybe(rng, 0.85, _call_to_contact(rng))])


def _shop_promotion_ad(rng: random.Random) -> str:
    return rng.choice(_SHOP_PROMO_LINES).format_map(_ad_slots(rng))


def _follow_me_ad(rng: random.Random) -> str:
    return _join(rng, [rng.choice(_FOLLOW_LINES), _maybe(rng, 0.35, _douyin_id(rng))])


def _group_buy_ad(rng: random.Random) -> str:
    line = rng.choice(_GROUP_BUY_LINES)
    return _join(rng, [line, _contact(rng, ("group", "group", "wechat", "qq"))])


def _url_or_qq_ad(rng: random.Random) -> str:
    return _join(rng, [_line(rng, "ad.link_lure"), _contact(rng, ("url", "url", "qq"))])


def _pure_promo_ad(rng: random.Random) -> str:
    """No digits at all: the account or shop itself is the contact."""
    return _join(rng, rng.sample(_PURE_PROMO_LINES + _FOLLOW_LINES[3:], rng.randint(1, 2)))


_AD_SCENARIOS: dict[str, _Builder] = {
    "ad/wechat_contact_after_praise": partial(
        _ad_case, write_ad=_wechat_contact_ad, praise_share=0.9
    ),
    "ad/part_time_recruiting": partial(_ad_case, write_ad=_recruiting_ad),
    "ad/loan_offer": partial(_ad_case, write_ad=_loan_ad, praise_share=0.3),
    "ad/replica_goods": partial(_ad_case, write_ad=_replica_ad),
    "ad/other_shop_promotion": partial(_ad_case, write_ad=_shop_promotion_ad),
    "ad/follow_my_account": partial(_ad_case, write_ad=_follow_me_ad),
    "ad/group_buy_invite": partial(_ad_case, write_ad=_group_buy_ad),
    "ad/url_or_qq_spam": partial(_ad_case, write_ad=_url_or_qq_ad),
    "ad/pure_promo_no_digits": partial(_ad_case, write_ad=_pure_promo_ad),
}


# ---------------------------------------------------------------------------------------------
# Meaningless scenarios
# ---------------------------------------------------------------------------------------------


def _meaningless_case(
    rng: random.Random, order_id: str, *, write_text: Callable[[random.Random], str]
) -> _Draft:
    """Text (written first, by ``write_text``) that says nothing, on an ordinary order."""
    text = write_text(rng)
    sale = _Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.15)
    return sale.review(
        text=text,
        rating=rng.choices((5, 4, 3, 2, 1), weights=(50, 10, 10, 5, 25))[0],
        review_delay=_hours(rng, 0.5, 24 * 10),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
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
        _maybe(rng, 0.5, rng.choice(_DIARY_ACTIVITIES)),
        rng.choice(_DIARY_FEELINGS),
    ]
    return _join(rng, parts) + rng.choice(("", "。", "~"))


def _news_like(rng: random.Random) -> str:
    slots = {
        "month": rng.randint(1, 12),
        "day": rng.randint(1, 28),
        "street": rng.choice(_STREETS),
        "n": rng.randint(2, 15),
    }
    city = rng.choice(_URBAN_AREAS)[1]
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
    return rng.choice(("", " ", "，")).join(pieces) + rng.choice(_NEUTRAL_ENDINGS)


_MEANINGLESS_SCENARIOS: dict[str, _Builder] = {
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
}


# ---------------------------------------------------------------------------------------------
# False-claim scenarios (the claim is in the text, the order facts contradict it)
# ---------------------------------------------------------------------------------------------


def _claim_text(rng: random.Random, claim: str, purchase: _Purchase) -> str:
    parts = [_maybe_opener(rng, 0.4), claim]
    if rng.random() < 0.25:
        parts.insert(1, rng.choice(("买的", "拍的", "这个")) + purchase.product)
    parts.append(
        _maybe(rng, 0.6, rng.choice(_NEG_CLOSERS + ("什么破店", "垃圾店铺", "还好意思卖")))
    )
    return _stylize(rng, _compose(rng, parts, "neg"))


def _refuted_claim(
    sale: _Sale, claim: str, *, ratings: tuple[int, ...], review_days: int
) -> _Draft:
    """A review making ``claim``, which the sale's own order timeline refutes."""
    rng = sale.rng
    return sale.review(
        text=_claim_text(rng, claim, sale.purchase),
        rating=rng.choice(ratings),
        review_delay=_hours(rng, 2, 24 * review_days),
        buyer=_buyer_among(rng, _FALSE_CLAIM_BUYERS),
    )


def _false_claim_not_received_but_delivered(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    return _refuted_claim(sale, rng.choice(_FALSE_NOT_RECEIVED), ratings=(1, 1, 2), review_days=6)


def _false_claim_slow_delivery_but_fast(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id, _quick_timeline, total_days=(1.0, 3.0))
    claim = rng.choice(_FALSE_SLOW_PHRASES).format(days=rng.randint(8, 20))
    return _refuted_claim(sale, claim, ratings=(1, 2), review_days=5)


def _false_claim_not_shipped_but_shipped(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id, ship_hours=(1, 23))
    return _refuted_claim(sale, rng.choice(_FALSE_NOT_SHIPPED), ratings=(1, 2), review_days=6)


def _prompt_polite_chat(
    rng: random.Random, purchase: _Purchase, start: datetime
) -> list[dict[str, str]]:
    """Buyer asks; the seller answers within minutes, politely, every time."""
    chat = _Chat(rng, start)
    questions = [
        _line(rng, "chat.greeting"),
        _complaint(rng, purchase),
        _line(rng, "false_claim.follow_up_question"),
        _line(rng, "false_claim.nudge"),
    ]
    intents = ["ack", "sorry_photo", "after_sale", "thanks"]
    for question, intent in list(zip(questions, intents, strict=True))[: rng.randint(2, 4)]:
        chat.buyer(question, gap=(0.5, 20))
        chat.seller(intent, gap=(0.2, 4.0))
    return chat.turns


def _false_claim_about_service(
    rng: random.Random, order_id: str, *, phrases: Sequence[str]
) -> _Draft:
    """The buyer blames customer service (``phrases``); the chat shows prompt, polite replies."""
    sale = _Sale.draw(rng, order_id)
    delivered = sale.timeline.delivered
    chat = _prompt_polite_chat(rng, sale.purchase, delivered + _minutes(rng, 20, 24 * 60))
    text = _claim_text(rng, rng.choice(phrases), sale.purchase)
    delay = _last_sent(chat) - delivered + _minutes(rng, 10, 48 * 60)
    return sale.review(
        text=text,
        rating=rng.choice((1, 1, 2)),
        review_delay=delay,
        buyer=_buyer_among(rng, _FALSE_CLAIM_BUYERS),
        chat=chat,
    )


def _false_claim_refund_refused_but_refunded(rng: random.Random, order_id: str) -> _Draft:
    purchase = _purchase(rng)
    returned = rng.random() < 0.4  # drawn between purchase and timeline, hence no _Sale.draw
    sale = _Sale(rng, order_id, purchase, _timeline(rng))
    delivered = sale.timeline.delivered
    requested = delivered + _hours(rng, 1, 72)
    if returned:
        sale.timeline.status = "returned"
    chat: list[dict[str, str]] = []
    if rng.random() < 0.5:
        start = requested - _minutes(rng, 5, 60)
        chat = _exchange(rng, start, "false_claim.refund_notice", "refund_ok")
    return sale.review(
        text=_claim_text(rng, rng.choice(_FALSE_REFUND), purchase),
        rating=1,
        review_delay=requested - delivered + _hours(rng, 6, 96),
        buyer=_buyer_among(rng, _FALSE_CLAIM_BUYERS),
        chat=chat,
        refund_status="refunded",
        refund_requested_at=requested,
    )


def _false_claim_broken_item_no_evidence(rng: random.Random, order_id: str) -> _Draft:
    """Weaker case: damage claimed, but no photo and not a word about it in chat."""
    sale = _Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.4)
    return sale.review(
        text=_claim_text(rng, rng.choice(_FALSE_BROKEN), sale.purchase),
        rating=rng.choice((1, 1, 2)),
        review_delay=_minutes(rng, 10, 24 * 60 * 4),
        buyer=_buyer_among(rng, _FALSE_CLAIM_BUYERS),
        has_media=False,
        chat=chat,
    )


_FALSE_CLAIM_SCENARIOS: dict[str, _Builder] = {
    "false_claim/not_received_but_delivered": _false_claim_not_received_but_delivered,
    "false_claim/slow_delivery_but_fast": _false_claim_slow_delivery_but_fast,
    "false_claim/not_shipped_but_shipped_fast": _false_claim_not_shipped_but_shipped,
    "false_claim/seller_ignored_but_replied": partial(
        _false_claim_about_service, phrases=_FALSE_IGNORED
    ),
    "false_claim/seller_rude_but_polite": partial(_false_claim_about_service, phrases=_FALSE_RUDE),
    "false_claim/refund_refused_but_refunded": _false_claim_refund_refused_but_refunded,
    "false_claim/broken_item_no_evidence": _false_claim_broken_item_no_evidence,
}


# ---------------------------------------------------------------------------------------------
# Normal scenarios (hard negatives: genuine reviews whose facts agree)
# ---------------------------------------------------------------------------------------------


def _normal_short_positive(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.25)
    return sale.review(
        text=_stylize(rng, _short_positive(rng)),
        rating=rng.choices((5, 4), weights=(75, 25))[0],
        review_delay=_hours(rng, 1, 24 * 10),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.1,
        chat=chat,
    )


def _normal_detailed_positive(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    chat = sale.presale_chat(0.3)
    return sale.review(
        text=_stylize(rng, _positive_review(rng, sale.purchase, rng.randint(2, 4))),
        rating=rng.choices((5, 4), weights=(85, 15))[0],
        review_delay=_hours(rng, 2, 24 * 12),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.45,
        chat=chat,
    )


def _normal_slow_delivery_genuine(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id, _quick_timeline, total_days=(7.0, 20.0), ship_max_hours=48)
    paid = sale.timeline.paid
    days = (sale.timeline.delivered - paid).days
    wait = _line(rng, "slow_delivery.wait", days=days, span=_days_phrase(days))
    parts = [
        _maybe(rng, 0.3, _line(rng, "slow_delivery.opener")),
        wait,
        _line(rng, "slow_delivery.aside"),
        _maybe(rng, 0.4, _line(rng, "slow_delivery.closer")),
    ]
    text = _compose(rng, parts, "neg")
    chat: list[dict[str, str]] = []
    if rng.random() < 0.5:
        start = paid + _days(rng, 4, days - 1.5)
        chat = _exchange(rng, start, "slow_delivery.chat_question", "shipping")
    return sale.review(
        text=_stylize(rng, text),
        rating=rng.choices((1, 2, 3), weights=(20, 40, 40))[0],
        review_delay=_hours(rng, 1, 24 * 4),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        chat=chat,
    )


def _normal_shipping_delay_genuine(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id, ship_hours=(76, 170), transit_days=(1.0, 3.5))
    paid = sale.timeline.paid
    ship_days = int((sale.timeline.shipped - paid).total_seconds() // 86400)
    claim = _line(rng, "shipping_delay.claim", days=ship_days, days_cn=_cn_number(ship_days))
    parts = [claim, _line(rng, "shipping_delay.aside"), _maybe_closer(rng, 0.4)]
    text = _compose(rng, parts, "neg")
    chat: list[dict[str, str]] = []
    if rng.random() < 0.6:
        start = paid + _hours(rng, 30, 70)
        chat = _exchange(rng, start, "shipping_delay.chat_question", "shipping_delay_reason")
    return sale.review(
        text=_stylize(rng, text),
        rating=rng.choices((1, 2, 3), weights=(25, 40, 35))[0],
        review_delay=_hours(rng, 2, 24 * 4),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        chat=chat,
    )


def _normal_not_received_genuine(rng: random.Random, order_id: str) -> _Draft:
    purchase = _purchase(rng)
    returned = rng.random() < 0.3  # drawn between purchase and timeline, hence no _Sale.draw
    sale = _Sale(
        rng, order_id, purchase, _timeline(rng, status="returned" if returned else "in_transit")
    )
    paid = sale.timeline.paid
    created_after_paid = _days(rng, 8, 20)
    claim = _line(rng, "not_received.returned_claim" if returned else "not_received.transit_claim")
    parts = [claim, _maybe(rng, 0.5, _line(rng, "not_received.aside")), _maybe_closer(rng, 0.3)]
    text = _compose(rng, parts, "neg")
    chat: list[dict[str, str]] = []
    if rng.random() < 0.6:
        chat = _exchange(rng, paid + _days(rng, 4, 7), "not_received.chat_question", "shipping")
    refund = rng.choice(
        ("none", "requested", "refunded") if returned else ("none", "none", "requested")
    )
    requested = paid + _days(rng, 5, 7.5) if refund != "none" else None
    draft = sale.review(
        text=_stylize(rng, text),
        rating=rng.choices((1, 2, 3), weights=(50, 35, 15))[0],
        review_delay=timedelta(0),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        chat=chat,
        refund_status=refund,
        refund_requested_at=requested,
    )
    draft.created_at = paid + created_after_paid  # nothing was delivered: count from payment
    return draft


def _normal_quality_complaint_with_media(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    topic = rng.choice(_CATEGORY_TOPICS[sale.purchase.category])
    media_note = _maybe(rng, 0.3, _line(rng, "quality.media_note"))
    text = _stylize(rng, _negative_review(rng, sale.purchase, topic, extra=[media_note]))
    chat: list[dict[str, str]] = []
    refund, requested = "none", None
    if rng.random() < 0.6:
        chat = (
            _Chat(rng, sale.timeline.delivered + _minutes(rng, 30, 24 * 60))
            .buyer(_complaint(rng, sale.purchase, topic))
            .seller("sorry_photo")
            .buyer(_line(rng, "quality.media_sent"))
            .seller("after_sale")
            .turns
        )
        if rng.random() < 0.5:
            refund = rng.choice(("requested", "refunded"))
            requested = _last_sent(chat) + _minutes(rng, 5, 120)
    return sale.review(
        text=text,
        rating=rng.choices((1, 2, 3), weights=(35, 40, 25))[0],
        review_delay=_hours(rng, 2, 24 * 5),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.9,
        chat=chat,
        refund_status=refund,
        refund_requested_at=requested,
        posted_after=requested,
    )


def _normal_angry_money_complaint(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    money = _money(rng, sale.purchase.amount)
    angry = rng.choice(_ANGRY_MONEY_TEMPLATES).format(money=money)
    parts = [angry, _complaint(rng, sale.purchase), _maybe_closer(rng, 0.6)]
    return sale.review(
        text=_stylize(rng, _compose(rng, parts, "neg")),
        rating=1,
        review_delay=_hours(rng, 1, 24 * 5),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.5,
    )


def _normal_other_platform_comparison(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    if rng.random() < 0.7:
        comparison = rng.choice(_COMPARISON_NEG)
        complaint = _maybe(rng, 0.7, _complaint(rng, sale.purchase))
        text = _compose(rng, [comparison, complaint, _maybe_closer(rng, 0.4)], "neg")
        rating = rng.choice((1, 2, 2, 3))
    else:
        comparison = rng.choice(_COMPARISON_POS)
        aspects = _positive_aspects(rng, sale.purchase, rng.randint(1, 2))
        text = _compose(rng, [comparison, *aspects], "pos")
        rating = rng.choice((4, 5, 5))
    return sale.review(
        text=_stylize(rng, text),
        rating=rating,
        review_delay=_hours(rng, 2, 24 * 8),
        buyer=_buyer(rng, rng.choice(("regular", "mixed_old"))),
        has_media=rng.random() < 0.35,
    )


def _normal_polite_refund_or_gift_request(rng: random.Random, order_id: str) -> _Draft:
    """A grievance resolved politely in chat: no amount, no threat."""
    sale = _Sale.draw(rng, order_id)
    chat = _Chat(rng, sale.timeline.delivered + _minutes(rng, 30, 24 * 60))
    refund, requested = "none", None
    if rng.random() < 0.5:
        chat.buyer(_line(rng, "gift.request")).seller("gift").buyer(rng.choice(_BUYER_ACKS))
        parts = [_line(rng, "gift.review"), _line(rng, "gift.review_aside")]
        text = _compose(rng, parts, "neutral")
        rating = rng.choice((3, 4, 4, 5))
    else:
        chat.buyer(_line(rng, "return.request")).seller("after_sale").buyer(
            _line(rng, "return.ack")
        )
        refund = rng.choice(("requested", "refunded"))
        requested = _last_sent(chat.turns) + _minutes(rng, 2, 90)
        parts = [_line(rng, "return.review"), _line(rng, "return.review_aside")]
        text = _compose(rng, parts, "neutral")
        rating = rng.choice((3, 3, 4, 2))
    return sale.review(
        text=_stylize(rng, text),
        rating=rating,
        review_delay=_hours(rng, 2, 24 * 6),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        chat=chat.turns,
        refund_status=refund,
        refund_requested_at=requested,
        posted_after=_last_sent(chat.turns),
    )


def _normal_price_or_cashback_inquiry(rng: random.Random, order_id: str) -> _Draft:
    """A polite question about 好评返现 or a discount, with no threat attached."""
    sale = _Sale.draw(rng, order_id)
    chat = _Chat(rng, sale.timeline.paid - _minutes(rng, 5, 300))
    if rng.random() < 0.5:
        chat.buyer(_line(rng, "cashback.question")).seller("cashback")
    else:
        chat.buyer(_line(rng, "price.question", n=rng.randint(3, 20))).seller("price")
    chat.buyer(_line(rng, "price.ack"))
    text = _positive_review(rng, sale.purchase) if rng.random() < 0.7 else _short_positive(rng)
    return sale.review(
        text=_stylize(rng, text),
        rating=rng.choice((4, 5, 5)),
        review_delay=_hours(rng, 2, 24 * 8),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.3,
        chat=chat.turns,
    )


def _normal_platform_word_mention(rng: random.Random, order_id: str) -> _Draft:
    """Genuine reviews that mention QQ, 淘宝 or 微信 without advertising anything."""
    sale = _Sale.draw(rng, order_id)
    mention = rng.choice(_PLATFORM_MENTIONS)
    aspects = _positive_aspects(rng, sale.purchase, rng.randint(0, 2))
    return sale.review(
        text=_stylize(rng, _compose(rng, [mention, *aspects], "pos")),
        rating=rng.choice((4, 5, 5, 3)),
        review_delay=_hours(rng, 2, 24 * 8),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.3,
    )


def _normal_new_account_genuine(rng: random.Random, order_id: str) -> _Draft:
    """A genuine buyer on a brand-new account; timing and facts are ordinary."""
    sale = _Sale.draw(rng, order_id)
    if rng.random() < 0.6:
        text = _positive_review(rng, sale.purchase) if rng.random() < 0.6 else _short_positive(rng)
        rating = rng.choice((4, 5, 5))
        has_media = rng.random() < 0.3
    else:
        text = _negative_review(rng, sale.purchase)
        rating = rng.choice((2, 3, 3))
        has_media = rng.random() < 0.7
    chat = sale.presale_chat(0.4)
    return sale.review(
        text=_stylize(rng, text),
        rating=rating,
        review_delay=_hours(rng, 3, 24 * 6),
        buyer=_buyer(rng, "new"),
        has_media=has_media,
        chat=chat,
    )


def _normal_mixed_pros_cons(rng: random.Random, order_id: str) -> _Draft:
    sale = _Sale.draw(rng, order_id)
    pros = _positive_aspects(rng, sale.purchase, 1)[0]
    cons = _complaint(rng, sale.purchase)
    shape = rng.randrange(3)
    if shape == 0:
        text = f"优点：{pros}。缺点：{cons}"
    elif shape == 1:
        text = _join(rng, [pros, rng.choice(("但是", "不过", "就是")) + cons])
    else:
        text = _join(rng, [cons, _line(rng, "mixed.summary")])
    return sale.review(
        text=_stylize(rng, text + _ending(rng, "neutral")),
        rating=rng.choice((3, 3, 4)),
        review_delay=_hours(rng, 2, 24 * 8),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.35,
    )


def _normal_slow_service_genuine(rng: random.Random, order_id: str) -> _Draft:
    """The buyer says customer service was slow; the chat shows hours-long gaps or silence."""
    sale = _Sale.draw(rng, order_id)
    chat = _Chat(rng, sale.timeline.delivered + _minutes(rng, 30, 24 * 60))
    chat.buyer(_line(rng, "slow_service.greeting"))
    chat.buyer(_complaint(rng, sale.purchase), gap=(1, 10))
    if rng.random() < 0.4:  # silence
        chat.buyer(_line(rng, "slow_service.nudge"), gap=(60, 600))
    else:  # a reply hours later
        chat.seller("busy", gap=(6 * 60, 30 * 60))
        chat.buyer(_line(rng, "slow_service.reaction"), gap=(10, 240))
    claim = _line(rng, "slow_service.claim")
    parts = [claim, _maybe(rng, 0.7, _complaint(rng, sale.purchase)), _maybe_closer(rng, 0.3)]
    return sale.review(
        text=_stylize(rng, _compose(rng, parts, "neg")),
        rating=rng.choice((1, 2, 2, 3)),
        review_delay=timedelta(0),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.4,
        chat=chat.turns,
        posted_after=_last_sent(chat.turns),
        after_minutes=(10, 24 * 60),
    )


def _normal_refund_rejected_genuine(rng: random.Random, order_id: str) -> _Draft:
    """“不给退款” and the refund really was rejected."""
    sale = _Sale.draw(rng, order_id)
    requested = sale.timeline.delivered + _hours(rng, 2, 96)
    chat = (
        _Chat(rng, requested - _minutes(rng, 5, 60))
        .buyer(_line(rng, "refund_rejected.request"))
        .seller("refund_reject_food" if sale.purchase.category == "food" else "refund_reject")
        .buyer(_line(rng, "refund_rejected.reaction"))
        .turns
    )
    claim = _line(rng, "refund_rejected.claim")
    parts = [claim, _maybe(rng, 0.6, _complaint(rng, sale.purchase)), _maybe_closer(rng, 0.4)]
    return sale.review(
        text=_stylize(rng, _compose(rng, parts, "neg")),
        rating=rng.choice((1, 1, 2)),
        review_delay=timedelta(0),
        buyer=_buyer_among(rng, _GENUINE_BUYERS),
        has_media=rng.random() < 0.5,
        chat=chat,
        refund_status="rejected",
        refund_requested_at=requested,
        posted_after=_last_sent(chat),
        after_minutes=(10, 48 * 60),
    )


_NORMAL_SCENARIOS: dict[str, _Builder] = {
    "normal/short_positive": _normal_short_positive,
    "normal/detailed_positive": _normal_detailed_positive,
    "normal/slow_delivery_genuine": _normal_slow_delivery_genuine,
    "normal/shipping_delay_genuine": _normal_shipping_delay_genuine,
    "normal/not_received_genuine": _normal_not_received_genuine,
    "normal/quality_complaint_with_media": _normal_quality_complaint_with_media,
    "normal/angry_money_complaint": _normal_angry_money_complaint,
    "normal/other_platform_comparison": _normal_other_platform_comparison,
    "normal/polite_refund_or_gift_request": _normal_polite_refund_or_gift_request,
    "normal/price_or_cashback_inquiry": _normal_price_or_cashback_inquiry,
    "normal/platform_word_mention": _normal_platform_word_mention,
    "normal/new_account_genuine": _normal_new_account_genuine,
    "normal/mixed_pros_cons": _normal_mixed_pros_cons,
    "normal/slow_service_genuine": _normal_slow_service_genuine,
    "normal/refund_rejected_genuine": _normal_refund_rejected_genuine,
}


# ---------------------------------------------------------------------------------------------
# Review scenario table
# ---------------------------------------------------------------------------------------------

# Every review scenario, in the stable order of review_scenarios() and of round-robin generation.
_REVIEW_BUILDERS: dict[str, _Builder] = {
    **_EXTORTION_SCENARIOS,
    **_COMPETITOR_SCENARIOS,
    **_AD_SCENARIOS,
    **_MEANINGLESS_SCENARIOS,
    **_FALSE_CLAIM_SCENARIOS,
    **_NORMAL_SCENARIOS,
}

# Parts that carry a scenario's evidence and must never be dropped:
# "order", "chat", "buyer", "timestamps", "media".
_CHAT = frozenset({"chat"})
_ORDER_FACTS = frozenset({"order", "timestamps"})
_REVIEW_NEEDS: dict[str, frozenset[str]] = {
    "extortion/cash_to_delete_review": _CHAT,
    "extortion/compensation_or_keep_reviewing": _CHAT,
    "extortion/refund_or_complaint_threat": _CHAT,
    "extortion/free_goods_demand": _CHAT,
    "extortion/cashback_for_good_review": _CHAT,
    "extortion/threat_before_review": _CHAT,
    "extortion/escalating_multi_turn": _CHAT,
    "competitor/supplier_probe_chat": frozenset({"chat", "order", "buyer"}),
    "competitor/signals_only": frozenset({"order", "buyer", "timestamps"}),
    "false_claim/not_received_but_delivered": _ORDER_FACTS,
    "false_claim/slow_delivery_but_fast": _ORDER_FACTS,
    "false_claim/not_shipped_but_shipped_fast": _ORDER_FACTS,
    "false_claim/seller_ignored_but_replied": _CHAT,
    "false_claim/seller_rude_but_polite": _CHAT,
    "false_claim/refund_refused_but_refunded": _ORDER_FACTS,
    "false_claim/broken_item_no_evidence": frozenset({"order", "media"}),
    "normal/new_account_genuine": frozenset({"buyer"}),
}


# ---------------------------------------------------------------------------------------------
# Missing-data injection
# ---------------------------------------------------------------------------------------------

_P_DROP_ORDER = 0.15
_P_DROP_CHAT = 0.30
_P_DROP_BUYER = 0.10
_P_NULL_TIMESTAMP = 0.06
_P_DROP_ORDER_FIELD = 0.04
_P_DROP_MEDIA = 0.05
_P_DROP_CREATED = 0.03
_OPTIONAL_ORDER_FIELDS = (
    "shipping_address",
    "same_address_orders_24h",
    "same_buyer_orders_24h",
    "quantity",
    "refund_requested_at",
)


def _degrade_review(rng: random.Random, item: dict, needs: frozenset[str]) -> None:
    """Omit optional parts in a realistic share of cases; never the parts that carry the label."""
    if "chat" not in needs and item.get("chat") and rng.random() < _P_DROP_CHAT:
        item["chat"] = []
    if not item["chat"] and rng.random() < 0.5:  # absent and empty chats both occur in real exports
        del item["chat"]
    if "order" not in needs and rng.random() < _P_DROP_ORDER:
        del item["order"]
    if "media" not in needs and rng.random() < _P_DROP_MEDIA:
        del item["has_media"]
    if "timestamps" not in needs and rng.random() < _P_DROP_CREATED:
        del item["created_at"]
    order = item.get("order")
    if order is None:
        return
    _degrade_order(rng, order, needs)


def _degrade_order(rng: random.Random, order: dict, needs: frozenset[str]) -> None:
    if "buyer" not in needs and "buyer" in order and rng.random() < _P_DROP_BUYER:
        del order["buyer"]
    if "timestamps" not in needs and rng.random() < _P_NULL_TIMESTAMP:
        present = [key for key in ("paid_at", "shipped_at", "delivered_at") if order.get(key)]
        if present:
            order[rng.choice(present)] = None
    if rng.random() < _P_DROP_ORDER_FIELD:
        key = rng.choice(_OPTIONAL_ORDER_FIELDS)
        if key != "refund_requested_at" or "timestamps" not in needs:
            order.pop(key, None)


# ---------------------------------------------------------------------------------------------
# Order (恶意下单) scenarios
# ---------------------------------------------------------------------------------------------


@dataclass
class _OrderDraft:
    purchase: _Purchase
    paid: datetime
    buyer: dict[str, int] | None
    address: str
    same_address: int = 1
    same_buyer: int = 1
    refund_status: str = "none"
    refund_requested_at: datetime | None = None
    chat: list[dict[str, str]] = field(default_factory=list)


def _base_order(rng: random.Random, buyer_kind: str) -> _OrderDraft:
    """An unremarkable order from a buyer of ``buyer_kind``, mostly to an urban address."""
    return _OrderDraft(
        purchase=_purchase(rng),
        paid=_random_paid(rng),
        buyer=_buyer(rng, buyer_kind),
        address=_urban_address(rng) if rng.random() < 0.9 else _rural_address(rng),
    )


def _malicious_order(rng: random.Random, buyer_kind: str, strength: float) -> _OrderDraft:
    """An order with extra weak malicious signals of ``strength``, so malicious orders vary.

    Builders set their primary signal on the result, so the extra signals can never weaken it.
    """
    draft = _base_order(rng, buyer_kind)
    if rng.random() < strength:
        draft.buyer = _buyer(rng, rng.choice(("new", "serial_refunder", "new_all_negative")))
    if rng.random() < strength * 0.6:
        draft.same_address = rng.randint(2, 6)
    if rng.random() < strength * 0.5:
        draft.same_buyer = rng.randint(2, 5)
    if rng.random() < strength * 0.4:
        draft.chat = _provocative_chat(rng, draft.paid)
    return draft


def _provocative_chat(rng: random.Random, paid: datetime) -> list[dict[str, str]]:
    chat = _Chat(rng, paid + _minutes(rng, 1, 180))
    for line in rng.sample(_PROVOCATIONS, rng.randint(1, 3)):
        chat.buyer(line, gap=(0.2, 30))
    if rng.random() < 0.7:
        chat.seller(rng.choice(("calm", "confirm_address")))
    return chat.turns


def _order_vague_address(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("regular", "new", "new")), 0.35)
    draft.address = _vague_address(rng)
    if not draft.chat and rng.random() < 0.4:
        chat = _Chat(rng, draft.paid + _minutes(rng, 30, 300)).seller("confirm_address")
        if rng.random() < 0.5:
            chat.buyer(_line(rng, "order.vague_address_reply"), gap=(5, 600))
        draft.chat = chat.turns
    return draft


def _order_address_flood_24h(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("new", "new", "regular", "serial_refunder")), 0.3)
    draft.same_address = rng.randint(3, 20)
    return draft


def _order_buyer_flood_24h(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("new", "regular", "serial_refunder")), 0.3)
    draft.same_buyer = rng.randint(3, 15)
    draft.same_address = max(draft.same_address, rng.randint(1, draft.same_buyer))
    return draft


def _order_instant_refund(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("new", "serial_refunder", "regular")), 0.35)
    draft.refund_status = "requested"
    draft.refund_requested_at = draft.paid + _minutes(rng, 1, 15)
    return draft


def _order_provocative_chat(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, rng.choice(("regular", "new", "extorter")), 0.25)
    draft.chat = _provocative_chat(rng, draft.paid)
    return draft


def _order_new_serial_refunder(rng: random.Random) -> _OrderDraft:
    draft = _malicious_order(rng, "regular", 0.2)
    draft.buyer = _buyer(rng, "serial_refunder")
    draft.buyer["account_age_days"] = rng.randint(0, 15)
    return draft


def _order_combined_moderate_signals(rng: random.Random) -> _OrderDraft:
    """Several signals, each only moderately strong."""
    draft = _base_order(rng, "new")
    draft.same_address = rng.randint(2, 4)
    if rng.random() < 0.5:
        draft.refund_status = "requested"
        draft.refund_requested_at = draft.paid + _minutes(rng, 10, 45)
    if rng.random() < 0.5:
        draft.address = _vague_address(rng)
    if rng.random() < 0.4:
        draft.chat = _provocative_chat(rng, draft.paid)
    return draft


def _order_benign_ordinary(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "loyal", "mixed_old")))
    if rng.random() < 0.3:
        draft.chat = _presale_chat(rng, draft.purchase, draft.paid)
    return draft


def _order_benign_rural_landmark_address(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "regular", "loyal", "new")))
    draft.address = _rural_address(rng)
    if rng.random() < 0.4:
        start = draft.paid + _minutes(rng, 1, 120)
        draft.chat = _exchange(rng, start, "order.rural_question", "rural_address")
    return draft


def _order_benign_company_bulk_purchase(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, "company")
    draft.address = _company_address(rng)
    draft.same_address = rng.randint(3, 15)
    draft.same_buyer = rng.choice((1, 1, rng.randint(2, 10)))
    if rng.random() < 0.5:
        start = draft.paid - _minutes(rng, 10, 600)
        copies = rng.randint(10, 80)
        draft.chat = _exchange(rng, start, "order.company_question", "company_order", n=copies)
    return draft


def _order_benign_changed_mind_refund(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.refund_status = "requested"
    draft.refund_requested_at = draft.paid + _hours(rng, 2, 40)
    if rng.random() < 0.6:
        start = draft.refund_requested_at - _minutes(rng, 1, 30)
        draft.chat = _exchange(rng, start, "order.changed_mind", "refund_ok")
    return draft


def _order_benign_wrong_item_quick_cancel(rng: random.Random) -> _OrderDraft:
    """Hard case: refund minutes after paying, but a polite reason and a clean old history."""
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.refund_status = "requested"
    draft.refund_requested_at = draft.paid + _minutes(rng, 3, 40)
    draft.chat = (
        _Chat(rng, draft.paid + _minutes(rng, 1, 3))
        .buyer(_line(rng, "order.wrong_item"))
        .seller(rng.choice(("refund_ok", "thanks")))
        .turns
    )
    return draft


def _order_benign_new_account_normal(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, "new")
    if rng.random() < 0.4:
        draft.chat = _presale_chat(rng, draft.purchase, draft.paid)
    return draft


def _order_benign_delivery_time_question(rng: random.Random) -> _OrderDraft:
    draft = _base_order(rng, rng.choice(("regular", "loyal", "new", "mixed_old")))
    chat = _Chat(rng, draft.paid + _minutes(rng, 1, 600))
    question, answers = rng.choice(_BENIGN_ORDER_QA)
    chat.buyer(question).seller_text(_seller_reply(rng, rng.choice(answers)))
    if rng.random() < 0.5:
        chat.buyer(rng.choice(_BUYER_ACKS))
    draft.chat = chat.turns
    return draft


def _order_benign_family_repeat_buyer(rng: random.Random) -> _OrderDraft:
    """Hard case: a few orders from one buyer in a day, for relatives, on an old account."""
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.same_buyer = rng.randint(2, 4)
    draft.same_address = rng.choice((1, draft.same_buyer))
    if rng.random() < 0.6:
        start = draft.paid - _minutes(rng, 1, 60)
        draft.chat = _exchange(rng, start, "order.family", "thanks")
    return draft


def _order_benign_office_group_order(rng: random.Random) -> _OrderDraft:
    """Hard case: colleagues ordering to one office address on the same day, old accounts."""
    draft = _base_order(rng, rng.choice(("regular", "loyal")))
    draft.address = _company_address(rng)
    draft.same_address = rng.randint(3, 12)
    if rng.random() < 0.6:
        start = draft.paid - _minutes(rng, 1, 120)
        draft.chat = _exchange(rng, start, "order.office_group", "company_order")
    return draft


def _order_benign_gift_orders(rng: random.Random) -> _OrderDraft:
    """Hard case: one loyal buyer sending gifts to several addresses within a day."""
    draft = _base_order(rng, rng.choice(("regular", "loyal", "loyal")))
    draft.same_buyer = rng.randint(3, 8)
    if rng.random() < 0.6:
        start = draft.paid - _minutes(rng, 1, 90)
        draft.chat = _exchange(rng, start, "order.gift_round", "thanks")
    return draft


def _order_threat_before_shipping(rng: random.Random) -> _OrderDraft:
    """Buyer announces a bad review or complaint before the parcel has even left."""
    draft = _malicious_order(rng, rng.choice(("regular", "new", "extorter", "serial_refunder")), 0.3)
    start = draft.paid + _minutes(rng, 1, 240)
    chat = _Chat(rng, start)
    for line in rng.sample(_LINES["order.threat_before_shipping"], rng.randint(1, 2)):
        chat.buyer(line, gap=(0.2, 20))
    if rng.random() < 0.6:
        chat.seller("calm")
    draft.chat = chat.turns
    return draft


_ORDER_BUILDERS: dict[str, Callable[[random.Random], _OrderDraft]] = {
    "order_malicious/vague_address": _order_vague_address,
    "order_malicious/address_flood_24h": _order_address_flood_24h,
    "order_malicious/buyer_flood_24h": _order_buyer_flood_24h,
    "order_malicious/instant_refund": _order_instant_refund,
    "order_malicious/provocative_chat": _order_provocative_chat,
    "order_malicious/new_serial_refunder": _order_new_serial_refunder,
    "order_malicious/combined_moderate_signals": _order_combined_moderate_signals,
    "order_malicious/threat_before_shipping": _order_threat_before_shipping,
    "order_benign/ordinary": _order_benign_ordinary,
    "order_benign/rural_landmark_address": _order_benign_rural_landmark_address,
    "order_benign/company_bulk_purchase": _order_benign_company_bulk_purchase,
    "order_benign/changed_mind_refund": _order_benign_changed_mind_refund,
    "order_benign/wrong_item_quick_cancel": _order_benign_wrong_item_quick_cancel,
    "order_benign/new_account_normal": _order_benign_new_account_normal,
    "order_benign/delivery_time_question": _order_benign_delivery_time_question,
    "order_benign/family_repeat_buyer": _order_benign_family_repeat_buyer,
    "order_benign/office_group_order": _order_benign_office_group_order,
    "order_benign/gift_orders_to_several_addresses": _order_benign_gift_orders,
}

# Order scenarios whose evidence lives in these parts; they are never dropped.
_ORDER_NEEDS: dict[str, frozenset[str]] = {
    "order_malicious/provocative_chat": frozenset({"chat"}),
    "order_malicious/threat_before_shipping": frozenset({"chat"}),
    "order_malicious/new_serial_refunder": frozenset({"buyer"}),
    "order_malicious/instant_refund": frozenset({"timestamps"}),
    "order_benign/wrong_item_quick_cancel": frozenset({"chat", "buyer", "timestamps"}),
    "order_benign/company_bulk_purchase": frozenset({"buyer"}),
}


def _order_item(
    rng: random.Random, order_id: str, draft: _OrderDraft, needs: frozenset[str]
) -> dict:
    timeline = _Timeline(draft.paid, None, None, "unshipped")
    item = _order(
        rng,
        order_id,
        draft.purchase,
        timeline,
        buyer=draft.buyer,
        refund_status=draft.refund_status,
        refund_requested_at=draft.refund_requested_at,
        address=draft.address,
        same_address=draft.same_address,
        same_buyer=draft.same_buyer,
    )
    item["chat"] = draft.chat
    if "chat" not in needs and draft.chat and rng.random() < _P_DROP_CHAT:
        item["chat"] = []
    if "buyer" not in needs and "buyer" in item and rng.random() < _P_DROP_BUYER:
        del item["buyer"]
    if "timestamps" not in needs and rng.random() < _P_DROP_ORDER_FIELD:
        item["paid_at"] = None
    return item


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def review_scenarios(label: str | None = None) -> list[str]:
    """List review scenario ids, optionally only those of one label.

    Parameters
    ----------
    label : str or None
        One of :data:`LABELS`; ``None`` lists every scenario.

    Returns
    -------
    list of str
        Scenario ids ``"<label>/<name>"`` in a stable order.

    Raises
    ------
    ValueError
        If ``label`` is not one of :data:`LABELS`.
    """
    if label is None:
        return list(_REVIEW_BUILDERS)
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; expected one of {LABELS}")
    return [scenario for scenario in _REVIEW_BUILDERS if scenario.split("/", 1)[0] == label]


def order_scenarios(malicious: bool | None = None) -> list[str]:
    """List order scenario ids, optionally only the malicious or only the benign ones.

    Parameters
    ----------
    malicious : bool or None
        ``True`` for ``order_malicious/*``, ``False`` for ``order_benign/*``, ``None`` for all.

    Returns
    -------
    list of str
        Scenario ids in a stable order.
    """
    if malicious is None:
        return list(_ORDER_BUILDERS)
    prefix = "order_malicious/" if malicious else "order_benign/"
    return [scenario for scenario in _ORDER_BUILDERS if scenario.startswith(prefix)]


def _resolve(scenarios: Iterable[str] | None, known: dict[str, Any], n: int) -> list[str]:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if isinstance(scenarios, str):
        raise TypeError("scenarios must be an iterable of scenario ids, not a single string")
    chosen = list(known) if scenarios is None else list(scenarios)
    if not chosen:
        raise ValueError("scenarios must not be empty")
    unknown = [scenario for scenario in chosen if scenario not in known]
    if unknown:
        raise ValueError(f"unknown scenario ids: {unknown}")
    return chosen


def _case_rng(scenario: str, seed: int, index: int) -> random.Random:
    # One generator per case, keyed by scenario too: a case does not depend on the cases before it,
    # and two scenarios at the same index do not share random draws (which would correlate them).
    return random.Random(f"reviewguard-simulator:{scenario}:{seed}:{index}")


def simulate_reviews(
    n: int, *, seed: int = 0, scenarios: Iterable[str] | None = None
) -> list[SimulatedReview]:
    """Generate ``n`` labelled review cases spread evenly (round-robin) over scenarios.

    Parameters
    ----------
    n : int
        Number of cases.
    seed : int
        Seed; the same seed and arguments always give the same cases.
    scenarios : iterable of str or None
        Review scenario ids (see :func:`review_scenarios`); ``None`` means all of them.

    Returns
    -------
    list of SimulatedReview
        Case ``i`` uses scenario ``scenarios[i % len(scenarios)]`` and has review id
        ``"sim-r-<seed>-<i>"``.

    Raises
    ------
    ValueError
        If ``n`` is negative, or ``scenarios`` is empty or holds an unknown id.
    """
    chosen = _resolve(scenarios, _REVIEW_BUILDERS, n)
    cases = []
    for index in range(n):
        scenario = chosen[index % len(chosen)]
        rng = _case_rng(scenario, seed, index)
        review_id = f"sim-r-{seed}-{index}"
        draft = _REVIEW_BUILDERS[scenario](rng, f"sim-ro-{seed}-{index}")
        item: dict[str, Any] = {
            "review_id": review_id,
            "text": draft.text,
            "rating": int(draft.rating),
            "created_at": _iso(draft.created_at),
            "has_media": bool(draft.has_media),
            "chat": draft.chat,
        }
        if draft.order is not None:
            item["order"] = draft.order
        _degrade_review(rng, item, _REVIEW_NEEDS.get(scenario, frozenset()))
        label = scenario.split("/", 1)[0]
        cases.append(SimulatedReview(item=item, label=label, scenario=scenario))
    return cases


def simulate_orders(
    n: int, *, seed: int = 0, scenarios: Iterable[str] | None = None
) -> list[SimulatedOrder]:
    """Generate ``n`` order cases (scored before shipping) spread evenly over scenarios.

    Parameters
    ----------
    n : int
        Number of cases.
    seed : int
        Seed; the same seed and arguments always give the same cases.
    scenarios : iterable of str or None
        Order scenario ids (see :func:`order_scenarios`); ``None`` means all of them.

    Returns
    -------
    list of SimulatedOrder
        Case ``i`` uses scenario ``scenarios[i % len(scenarios)]`` and has order id
        ``"sim-o-<seed>-<i>"``; ``logistics_status`` is ``"unshipped"`` and the shipping and
        delivery times are null.

    Raises
    ------
    ValueError
        If ``n`` is negative, or ``scenarios`` is empty or holds an unknown id.
    """
    chosen = _resolve(scenarios, _ORDER_BUILDERS, n)
    cases = []
    for index in range(n):
        scenario = chosen[index % len(chosen)]
        rng = _case_rng(scenario, seed, index)
        draft = _ORDER_BUILDERS[scenario](rng)
        item = _order_item(
            rng, f"sim-o-{seed}-{index}", draft, _ORDER_NEEDS.get(scenario, frozenset())
        )
        cases.append(
            SimulatedOrder(
                item=item, malicious=scenario.startswith("order_malicious/"), scenario=scenario
            )
        )
    return cases
