"""Phrasing of reports other than the bundled one (issue 10): qualifiers, counts without a
measure word, prices, ranks, 城乡 pairs, units, indicators that stay noun phrases, and the
numbers that are not facts. Every sentence is made up for these tests.

Each row is checked field by field: mention, kind, value, unit, qualifier, indicator,
is_target, target_year and statement (the id of the first sentence of the target statement;
a plain text's first sentence is 0).
"""

from __future__ import annotations

import pandas as pd
import pytest

from govreport import load_report
from govreport.facts import facts_from_text
from govreport.facts.lexicon import lexicon

DATE = "2024-03-05"  # the report's date: targets are for 2024 unless the text names a year


def rows(text: str) -> list[tuple]:
    """(mention, kind, value, unit, qualifier, indicator, is_target, target_year, statement)."""
    df = facts_from_text(text, DATE)
    return [
        (r.mention, r.kind, r.value, r.unit, r.qualifier, r.indicator, bool(r.is_target),
         None if pd.isna(r.target_year) else int(r.target_year),
         None if pd.isna(r.statement) else int(r.statement))
        for r in df.itertuples(index=False)
    ]


RESULT = (False, None, None)  # no target: no year, no statement
TARGET = (True, 2024, 0)  # a target of the report's year, in the text's first statement

# -- qualifiers before a figure: 突破, 超, 接近 ------------------------------------------------

QUALIFIERS = [
    ("全市旅游收入总量突破50亿元。", [("50亿元", "measure", 5e9, "元", "more_than", "旅游收入总量", *RESULT)]),
    # 超 is a qualifier, not part of the indicator
    ("新能源汽车保有量超30万辆。", [("30万辆", "measure", 300_000.0, "辆", "more_than", "新能源汽车保有量", *RESULT)]),
    ("数字经济占比接近60%。", [("60%", "share", 60.0, "%", "about", "数字经济占比", *RESULT)]),
    # …and in a target sentence
    ("力争电子信息产业规模突破千亿元,跨境电商交易额超200亿元。", [
        ("200亿元", "measure", 2e10, "元", "more_than", "跨境电商交易额", *TARGET),
    ]),
    # 超 after a count begins a noun (超市), it is no qualifier there
    ("新建社区超市12家。", [("12家", "measure", 12.0, "家", "", "社区超市", *RESULT)]),
]

# -- a count after 减少/增加/新增 with no measure word --------------------------------------------

COUNTS = [
    ("农村贫困人口减少200万。", [("200万", "change", -2e6, "人", "", "农村贫困人口", *RESULT)]),
    ("常住人口增加15万。", [("15万", "change", 150_000.0, "人", "", "常住人口", *RESULT)]),
    ("城镇新增就业1000万以上。", [("1000万", "measure", 1e7, "人", "at_least", "新增就业", *RESULT)]),
    ("新增就业岗位3万。", [("3万", "measure", 30_000.0, "个", "", "新增就业岗位", *RESULT)]),
    ("力争新增经营主体8万。", [("8万", "measure", 80_000.0, "户", "", "新增经营主体", *TARGET)]),
    # no change verb or 新增, or a noun that is no count: no fact
    ("总投资200万。", []),
    ("财政资金减少200万。", []),
]

# -- prices: a change of the price level, not a share ------------------------------------------

PRICES = [
    ("居民消费价格上涨2%。", [("2%", "change", 2.0, "%", "", "居民消费价格", *RESULT)]),
    ("工业生产者出厂价格下跌1.5%。", [("1.5%", "change", -1.5, "%", "", "工业生产者出厂价格", *RESULT)]),
    ("居民消费价格涨幅控制在3%左右。", [("3%", "change", 3.0, "%", "about", "居民消费价格涨幅", *TARGET)]),
]

# -- ranks: 首位 / 第一 after 居, 稳居, 位居 -------------------------------------------------------

RANKS = [
    ("综合实力稳居全省首位。", [("首位", "rank", 1.0, "", "", "综合实力", *RESULT)]),
    ("粮食产量稳居全国第一。", [("第一", "rank", 1.0, "", "", "粮食产量", *RESULT)]),
    ("营商环境评价位居全省首位。", [("首位", "rank", 1.0, "", "", "营商环境评价", *RESULT)]),
    ("外贸进出口总额跃居全省第3位。", [("第3位", "rank", 3.0, "", "", "外贸进出口总额", *RESULT)]),
    # among a league's or a banner's units, or a group of provinces, as among a province's
    ("牧业产值居全盟首位。", [("首位", "rank", 1.0, "", "", "牧业产值", *RESULT)]),
    ("乳制品产量居全旗第一。", [("第一", "rank", 1.0, "", "", "乳制品产量", *RESULT)]),
    ("人均收入增速居西部十二省区第一。", [("第一", "rank", 1.0, "", "", "人均收入增速", *RESULT)]),
]

# -- 城乡 written once for two values -----------------------------------------------------------

PAIRS = [
    ("城乡居民人均可支配收入分别达到3万元、1.5万元。", [
        ("3万元", "measure", 30_000.0, "元", "", "城镇居民人均可支配收入", *RESULT),
        ("1.5万元", "measure", 15_000.0, "元", "", "农村居民人均可支配收入", *RESULT),
    ]),
    # one value for both: two rows, same value
    ("城乡居民人均可支配收入分别增长6%。", [
        ("6%", "change", 6.0, "%", "", "城镇居民人均可支配收入", *RESULT),
        ("6%", "change", 6.0, "%", "", "农村居民人均可支配收入", *RESULT),
    ]),
    ("力争城乡居民人均可支配收入分别增长6.5%、7.5%。", [
        ("6.5%", "change", 6.5, "%", "", "城镇居民人均可支配收入", *TARGET),
        ("7.5%", "change", 7.5, "%", "", "农村居民人均可支配收入", *TARGET),
    ]),
    ("进出口分别增长8%、5%。", [
        ("8%", "change", 8.0, "%", "", "进口", *RESULT),
        ("5%", "change", 5.0, "%", "", "出口", *RESULT),
    ]),
]

# -- units real reports use ----------------------------------------------------------------------

UNITS = [
    ("细颗粒物平均浓度降至35微克/立方米。", [("35微克/立方米", "measure", 35.0, "微克/立方米", "", "细颗粒物平均浓度", *RESULT)]),
    ("细颗粒物平均浓度控制在32微克/立方米以内。", [("32微克/立方米", "measure", 32.0, "微克/立方米", "at_most", "细颗粒物平均浓度", *TARGET)]),
    ("新增发电装机容量120万千瓦。", [("120万千瓦", "measure", 1.2e6, "千瓦", "", "新增发电装机容量", *RESULT)]),
    ("能源消费总量控制在900万吨标准煤以内。", [("900万吨标准煤", "measure", 9e6, "吨标准煤", "at_most", "能源消费总量", *TARGET)]),
    ("单位地区生产总值能耗0.45吨标准煤/万元。", [("0.45吨标准煤/万元", "measure", 0.45, "吨标准煤/万元", "", "单位地区生产总值能耗", *RESULT)]),
    ("港口集装箱吞吐量达到80万标准箱。", [("80万标准箱", "measure", 800_000.0, "标准箱", "", "港口集装箱吞吐量", *RESULT)]),
    ("接待游客5000万人次。", [("5000万人次", "measure", 5e7, "人次", "", "游客", *RESULT)]),
    ("机场起降航班3万架次。", [("3万架次", "measure", 30_000.0, "架次", "", "机场起降航班", *RESULT)]),
    ("亩均税收达到30万元/亩。", [("30万元/亩", "measure", 300_000.0, "元/亩", "", "亩均税收", *RESULT)]),
    ("货物周转量完成900亿吨公里。", [("900亿吨公里", "measure", 9e10, "吨公里", "", "货物周转量", *RESULT)]),
    ("全年降水量620毫米。", [("620毫米", "measure", 620.0, "毫米", "", "降水量", *RESULT)]),
    ("开行中欧班列1200车次。", [("1200车次", "measure", 1200.0, "车次", "", "中欧班列", *RESULT)]),
    ("企业开办时间压缩至1个工作日。", [("1个工作日", "measure", 1.0, "个工作日", "", "企业开办时间", *RESULT)]),
    # a full-width slash is a slash
    ("二氧化氮浓度为28微克／立方米。", [("28微克／立方米", "measure", 28.0, "微克/立方米", "", "二氧化氮浓度", *RESULT)]),
]

# -- indicators stay short noun phrases ------------------------------------------------------------

INDICATORS = [
    # the 以上 of the fact before is no part of the next indicator
    ("粮食产量50万吨以上、蔬菜产量30万吨。", [
        ("50万吨", "measure", 5e5, "吨", "at_least", "粮食产量", *RESULT),
        ("30万吨", "measure", 3e5, "吨", "", "蔬菜产量", *RESULT),
    ]),
    # a predicate before the number is no subject: the indicator is empty, not wrong
    ("总书记视察时发表重要讲话3次。", [("3次", "measure", 3.0, "次", "", "", *RESULT)]),
    ("培训两万人。", [("两万人", "measure", 20_000.0, "人", "", "", *RESULT)]),
    # a year before the subject is no part of it; the value takes the subject before
    ("力争到2030年,全市地区生产总值突破8000亿元,2035年达到1.2万亿元。", [
        ("8000亿元", "measure", 8e11, "元", "more_than", "地区生产总值", True, 2030, 0),
        ("1.2万亿元", "measure", 1.2e12, "元", "", "地区生产总值", True, 2035, 0),
    ]),
    ("两项指标均增长5%。", [("5%", "change", 5.0, "%", "", "两项指标", *RESULT)]),
    # a comparison with a year is no part of the indicator
    ("单位生产总值能耗较2020年下降13.5%。", [("13.5%", "change", -13.5, "%", "", "单位生产总值能耗", *RESULT)]),
    # 连续 N年 is a duration of the subject before it, and so is the level after it
    ("粮食总产量连续5年稳定在150万吨以上。", [
        ("5年", "measure", 5.0, "年", "", "粮食总产量", *RESULT),
        ("150万吨", "measure", 1.5e6, "吨", "at_least", "粮食总产量", *RESULT),
    ]),
    # 净增 is a change verb; 年末 is the time of the subject, not part of it
    ("规模以上工业企业净增100家以上。", [("100家", "change", 100.0, "家", "at_least", "规模以上工业企业", *RESULT)]),
    ("力争年末全市常住人口达到500万人。", [("500万人", "measure", 5e6, "人", "", "常住人口", *TARGET)]),
    # a noun made of a verb and one character (拥有量) is not cut after the verb
    ("每万人口发明专利拥有量达到12件。", [("12件", "measure", 12.0, "件", "", "每万人口发明专利拥有量", *RESULT)]),
]

CASES = QUALIFIERS + COUNTS + PRICES + RANKS + PAIRS + UNITS + INDICATORS


@pytest.mark.parametrize("text, expected", CASES)
def test_phrasing(text, expected):
    assert rows(text) == expected


# -- not facts ------------------------------------------------------------------------------------

NOT_FACTS = [
    "隆重纪念新中国成立75周年。",  # anniversaries
    "热烈庆祝建党100周年。",
    "在纪念建市60周年大会上发表重要讲话。",
    "市十六届人大三次会议审议通过。",  # a session number without 第
    "省十四届人大二次会议召开。",
    "区十二届五次全会作出部署。",
    "制定数字政府3.0方案。",  # version numbers
    "推出政务服务2.0版。",
    "实现地铁站50米内换乘。",  # distances and times inside names
    "打造15分钟便民生活圈。",
    "严格落实中央八项规定精神。",  # set phrases: a Chinese numeral before the noun it names
    "深刻领悟两个确立。",
    "增强四个意识。",
    "在八个字上下功夫。",
    "充分调动两个积极性。",
    "落实三条红线。",
]


@pytest.mark.parametrize("text", NOT_FACTS)
def test_not_facts(text):
    assert rows(text) == []


def test_true_counts_in_chinese_numerals_stay():
    assert rows("吸纳就业两万人,筹集资金三千万元,新建学校十二所。") == [
        ("两万人", "measure", 20_000.0, "人", "", "就业", *RESULT),
        ("三千万元", "measure", 3e7, "元", "", "资金", *RESULT),
        ("十二所", "measure", 12.0, "所", "", "学校", *RESULT),
    ]
    # a count in words at the end of its clause is a count, not a set phrase
    assert rows("引进重大项目三个。") == [("三个", "measure", 3.0, "个", "", "重大项目", *RESULT)]


def test_a_fact_after_a_masked_anniversary_keeps_a_clean_indicator():
    got = rows("在纪念建党100周年纪念活动总结报告时发表重要讲话,全市举办纪念活动200场次。")
    assert got == [("200场次", "measure", 200.0, "场次", "", "纪念活动", *RESULT)]


# -- the indicator rule, over the bundled report and every sentence above ----------------------------

NOT_FIRST = ("以上", "以下", "以内", "左右", "至", "均", "意", "字", "和", "及", "、", "的")
VERBS = ("发表", "讲话", "下功夫", "实施", "开展", "推进", "建成", "购置", "培训", "举办", "召开", "强调")


def _all_indicators() -> list[str]:
    texts = [t for t, _ in CASES] + NOT_FACTS
    found = list(load_report().facts["indicator"])
    for t in texts:
        found += list(facts_from_text(t, DATE)["indicator"])
    found += list(facts_from_text("".join(texts), DATE)["indicator"])  # all in one text, too
    return found


def test_no_indicator_starts_with_a_function_word_or_ends_in_a_verb():
    lex = lexicon()
    verbs = set(VERBS) | lex.verbs | lex.keeps | lex.predicates
    indicators = _all_indicators()
    assert len(indicators) > 100
    bad = [i for i in indicators if i.startswith(NOT_FIRST) or any(i.endswith(v) for v in verbs)]
    assert bad == []


# -- fragments: a verb cut in two, a modal, a rate in force (issue 18) ------------------------------

FRAGMENTS = [
    ("一般性支出压减5%。", ["一般性支出"]),  # 压减, not 减 with 压 left on
    ("中央预算内投资安排7000亿元。", ["中央预算内投资"]),  # 安排, not 排 with 安 left on
    ("比重下降至30%。", ["比重"]),
    ("行业现行16%的税率降至13%。", ["税率", "税率"]),  # the noun after names the rate in force
    ("经济增长保持6%。", ["经济"]),  # 保持 is a link: 经济 and 增长 read as GDP growth
    ("保持6%的增长。", [""]),  # a verb alone is no subject
    ("各地可在3%以内调整。", ["调整"]),
    ("全社会研发投入预计增长8%。", ["全社会研发投入"]),
]
FRAGMENT_ENDS = ("可", "压", "安", "现行", "保持", "预计")


@pytest.mark.parametrize("text, indicators", FRAGMENTS)
def test_fragments_give_a_corrected_or_empty_indicator(text, indicators):
    got = list(facts_from_text(text, DATE)["indicator"])
    assert got == indicators
    assert not any(i.endswith(FRAGMENT_ENDS) for i in got)


def test_no_indicator_ends_in_a_fragment():
    indicators = _all_indicators() + [i for t, _ in FRAGMENTS for i in facts_from_text(t, DATE)["indicator"]]
    assert [i for i in indicators if i.endswith(FRAGMENT_ENDS)] == []


# -- the general clean-ups of an indicator (indicators._tidy) -----------------------------------------

TIDIED = [
    ("新建8个公交站和12个停车场。", ["公交站", "停车场"]),  # the noun of a count ends before 和
    ("甲乙两地2个品牌新入选省级名录。", ["品牌"]),  # 新 before a verb is an adverb
    ("完成4个街区更新。", ["街区更新"]),  # 更新 is a word
    ("城乡低保标准提高到不低于620元/月和410元/月。", ["城乡低保标准", "城乡低保标准"]),  # not /月和
    ("机遇来自建市以来的成就。40年来，全市经济总量翻了两番。", [""]),  # 来 alone is no indicator
    ("推动80%的乡达到标准。", ["乡"]),  # a kind of place is one
]


@pytest.mark.parametrize("text, indicators", TIDIED)
def test_an_indicator_keeps_no_conjunction_adverb_or_stray_character(text, indicators):
    assert list(facts_from_text(text, DATE)["indicator"]) == indicators


def test_no_indicator_ends_in_a_conjunction_or_is_one_stray_character():
    from govreport.facts.indicators import PLACE_KINDS

    indicators = _all_indicators() + [i for t, _ in TIDIED for i in facts_from_text(t, DATE)["indicator"]]
    bad = [i for i in indicators if i.endswith(("和", "及", "与")) or i.startswith("/")
           or (len(i) == 1 and i not in PLACE_KINDS) or (i.endswith("新") and not i.endswith(("更新", "换新", "创新")))]
    assert bad == []
