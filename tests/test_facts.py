"""The fact engine (govreport.facts): the bundled report against a hand-checked table, and
one synthetic sentence or more for every rule and every kind of non-fact.

The table tests/data/jiaozuo-2021-facts.csv was written by reading the seed sentence by
sentence (70 facts: 47 measures, 15 ranks, 6 changes, 2 shares), not by dumping the
extractor's output. The synthetic sentences are made up for these tests.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport import load_report
from govreport.facts import FACT_COLUMNS, facts_from_text

TABLE = Path(__file__).parent / "data" / "jiaozuo-2021-facts.csv"
HEAD = "——2022年1月10日在某市第一届人民代表大会第一次会议上\n"


@pytest.fixture(scope="module")
def report():
    return load_report()


@pytest.fixture(scope="module")
def table():
    return pd.read_csv(TABLE, dtype=str, keep_default_na=False)


def synthetic_report(tmp_path: Path, body: str, head: str = HEAD):
    path = tmp_path / "report.txt"
    path.write_text(head + body, encoding="utf-8")
    return load_report(path)


def facts(text: str) -> list[tuple]:
    """(mention, kind, value, unit, qualifier, indicator) of every fact of a plain text."""
    df = facts_from_text(text, "2022-01-10")
    return [
        (r.mention, r.kind, r.value, r.unit, r.qualifier, r.indicator)
        for r in df.itertuples(index=False)
    ]


# -- the bundled report --------------------------------------------------------


def test_seed_has_70_facts_by_kind(report):
    assert len(report.facts) == 70
    assert report.facts["kind"].value_counts().to_dict() == {"measure": 47, "rank": 15, "change": 6, "share": 2}


def test_seed_matches_hand_checked_table_field_by_field(report, table):
    got = report.facts
    assert list(got.columns) == list(table.columns) == FACT_COLUMNS
    assert len(got) == len(table)
    for (_, g), (_, want) in zip(got.iterrows(), table.iterrows()):
        where = f"fact {want['id']} {want['mention']!r} at {want['start']}"
        for col in ("id", "sentence", "start", "end"):
            assert g[col] == int(want[col]), f"{where}: {col}"
        for col in ("section", "mention", "kind", "unit", "qualifier", "indicator"):
            assert g[col] == want[col], f"{where}: {col} is {g[col]!r}, the table says {want[col]!r}"
        assert g["value"] == float(want["value"]), f"{where}: value"
        assert g["is_target"] == (want["is_target"] == "True"), f"{where}: is_target"
        for col in ("target_year", "statement"):
            got_value = "" if pd.isna(g[col]) else str(int(g[col]))
            assert got_value == want[col], f"{where}: {col} is {got_value!r}, the table says {want[col]!r}"


def test_seed_mentions_are_spans_of_the_text_in_order(report):
    f = report.facts
    for r in f.itertuples(index=False):
        assert report.text[r.start : r.end] == r.mention
        assert report.sentence_at(r.start) == r.sentence
        assert report.section_at(r.start) == r.section
    assert f["start"].is_monotonic_increasing
    assert list(f["id"]) == list(range(len(f)))


def test_dtypes_and_no_missing_values(report):
    f = report.facts
    assert str(f["id"].dtype) == "int64" and str(f["start"].dtype) == "int64"
    assert str(f["sentence"].dtype) == "int64" and str(f["end"].dtype) == "int64"
    assert str(f["value"].dtype) == "float64" and str(f["is_target"].dtype) == "bool"
    assert str(f["target_year"].dtype) == "Int64" and str(f["statement"].dtype) == "Int64"
    for col in ("section", "mention", "kind", "unit", "qualifier", "indicator"):
        assert all(isinstance(v, str) for v in f[col]), col
    # NA only where a fact is no target: the seed reviews 2020, so all of them.
    assert not f.drop(columns=["target_year", "statement"]).isna().any().any()
    assert f["target_year"].isna().all() and f["statement"].isna().all()
    assert (f.loc[f["kind"] == "rank", "unit"] == "").all()


def test_seed_examples_from_the_issue(report):
    f = report.facts.set_index("mention", drop=False)
    row = f.loc["16名"]
    assert (row.kind, row.value, row.unit, row.indicator) == ("measure", 16, "名", "医护人员")
    row = f.loc["2万人份"]
    assert (row.value, row.unit, row.qualifier) == (20000, "人份", "more_than")
    assert "核酸检测能力" in row.indicator
    row = f.loc["184.7亿元"]
    assert (row.value, row.unit, row.indicator) == (18_470_000_000.0, "元", "上级政策性资金")
    row = f.loc["183.1%"]
    assert (row.kind, row.value, row.indicator) == ("change", 183.1, "上级政策性资金")
    opening = report.facts[(report.facts["sentence"] == 6) & (report.facts["kind"] == "rank")]
    assert len(opening) == 9  # the nine provincial rankings of the opening paragraph
    assert list(opening["indicator"][:2]) == ["全社会用电量总量", "全社会用电量增速"]


def test_seed_not_facts(report):
    mentions = set(report.facts["mention"])
    text = report.text
    for name in ("5G", "PM2.5", "PM10", "P2实验室", "133护航模式", "企业纾困360", "100强", "AAAA级", "十三五", "第十三届", "第四次会议", "六稳"):
        assert name in text
        pos = text.find(name)
        assert not any(r.start <= pos < r.end or pos <= r.start < pos + len(name) for r in report.facts.itertuples()), name
    assert not mentions & {"2020年", "3月底", "2月16日"}


def test_facts_are_cached_and_deterministic(report, tmp_path):
    assert report.facts is report.facts
    again = load_report().facts
    pd.testing.assert_frame_equal(report.facts, again)


# -- synthetic: numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # multipliers, applied exactly
        ("争取资金184.7亿元。", [("184.7亿元", "measure", 18_470_000_000.0, "元", "", "资金")]),
        ("新增市场主体4.17万户。", [("4.17万户", "measure", 41_700.0, "户", "", "新增市场主体")]),
        ("发行债券2千万元。", [("2千万元", "measure", 20_000_000.0, "元", "", "债券")]),
        ("社会融资规模1.2万亿元。", [("1.2万亿元", "measure", 1.2e12, "元", "", "社会融资规模")]),
        # 多 and 余 inside the mention
        ("组织20多万名党员参与。", [("20多万名", "measure", 200_000.0, "名", "more_than", "党员")]),
        ("帮助1000余家企业。", [("1000余家", "measure", 1000.0, "家", "more_than", "企业")]),
        ("动员3万多名群众。", [("3万多名", "measure", 30_000.0, "名", "more_than", "群众")]),
        # full-width digits and punctuation
        ("购置救护车１４台，建成病房２７间。", [("１４台", "measure", 14.0, "台", "", "救护车"), ("２７间", "measure", 27.0, "间", "", "病房")]),
        ("营业收入增长１２．５％。", [("１２．５％", "change", 12.5, "%", "", "营业收入")]),
        # thousands separators
        ("安排资金1,100万元。", [("1,100万元", "measure", 11_000_000.0, "元", "", "资金")]),
        ("发放贷款１，２００万元。", [("１，２００万元", "measure", 12_000_000.0, "元", "", "贷款")]),
        ("新增就业12,345人。", [("12,345人", "measure", 12_345.0, "人", "", "新增就业")]),
        # Chinese-numeral amounts (cn2an)
        ("筹集资金三千万元。", [("三千万元", "measure", 30_000_000.0, "元", "", "资金")]),
        ("吸纳就业两万人。", [("两万人", "measure", 20_000.0, "人", "", "就业")]),
        ("新建学校十二所。", [("十二所", "measure", 12.0, "所", "", "学校")]),
        ("增长百分之五。", [("百分之五", "change", 5.0, "%", "", "")]),
        # compound counts: both rows, one indicator
        ("全市建档立卡贫困户301户611人全部脱贫。", [("301户", "measure", 301.0, "户", "", "建档立卡贫困户"), ("611人", "measure", 611.0, "人", "", "建档立卡贫困户")]),
        # a negative number
        ("利润增长-2.5%。", [("-2.5%", "change", -2.5, "%", "", "利润")]),
    ],
)
def test_amounts(text, expected):
    assert facts(text) == expected


# -- synthetic: kinds, signs, qualifiers -------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一般公共预算收入增长1.3%。", [("1.3%", "change", 1.3, "%", "", "一般公共预算收入")]),
        ("PM10浓度同比下降11%。", [("11%", "change", -11.0, "%", "", "PM10浓度")]),
        ("优良天数增加46天。", [("46天", "change", 46.0, "天", "", "优良天数")]),
        ("重污染天数减少5天。", [("5天", "change", -5.0, "天", "", "重污染天数")]),
        ("研发投入强度提高0.8个百分点。", [("0.8个百分点", "change", 0.8, "个百分点", "", "研发投入强度")]),
        ("贫困发生率下降1.2个百分点。", [("1.2个百分点", "change", -1.2, "个百分点", "", "贫困发生率")]),
        ("城镇化率达到58.6%。", [("58.6%", "share", 58.6, "%", "", "城镇化率")]),
        ("完成投资占年度计划的120%。", [("120%", "share", 120.0, "%", "", "完成投资")]),
        ("固定资产投资增速为8%。", [("8%", "change", 8.0, "%", "", "固定资产投资增速")]),
        # qualifiers before, inside and after the number
        ("检测能力超过2万人份。", [("2万人份", "measure", 20_000.0, "人份", "more_than", "检测能力")]),
        ("参训人员逾500人。", [("500人", "measure", 500.0, "人", "more_than", "参训人员")]),
        ("带动就业约2万人。", [("2万人", "measure", 20_000.0, "人", "about", "就业")]),
        ("参保人数近3万人。", [("3万人", "measure", 30_000.0, "人", "about", "参保人数")]),
        ("引进企业30家以上。", [("30家", "measure", 30.0, "家", "at_least", "企业")]),
        ("粮食产量不低于50万吨。", [("50万吨", "measure", 500_000.0, "吨", "at_least", "粮食产量")]),
        ("新建项目不少于10个。", [("10个", "measure", 10.0, "个", "at_least", "项目")]),
        ("投资额2亿元左右。", [("2亿元", "measure", 200_000_000.0, "元", "about", "投资额")]),
        ("城镇登记失业率控制在3.5%以内。", [("3.5%", "share", 3.5, "%", "at_most", "城镇登记失业率")]),
        ("赤字率不超过3%。", [("3%", "share", 3.0, "%", "at_most", "赤字率")]),
        ("空置率在5%以下。", [("5%", "share", 5.0, "%", "at_most", "空置率")]),
        ("剩余贫困人口不足500人。", [("500人", "measure", 500.0, "人", "less_than", "剩余贫困人口")]),
        ("地区生产总值增长6%左右。", [("6%", "change", 6.0, "%", "about", "地区生产总值")]),
    ],
)
def test_kinds_signs_qualifiers(text, expected):
    assert facts(text) == expected


def test_ranges_are_two_rows_lower_and_upper_bound():
    assert facts("规模以上工业增加值增长5%—6%。") == [
        ("5%", "change", 5.0, "%", "at_least", "规模以上工业增加值"),
        ("6%", "change", 6.0, "%", "at_most", "规模以上工业增加值"),
    ]
    # the unit and the multiplier written once, after the upper bound
    assert facts("投资增长5—6%,引进资金20～30万元。") == [
        ("5", "change", 5.0, "%", "at_least", "投资"),
        ("6%", "change", 6.0, "%", "at_most", "投资"),
        ("20", "measure", 200_000.0, "元", "at_least", "资金"),
        ("30万元", "measure", 300_000.0, "元", "at_most", "资金"),
    ]
    assert facts("财政收入下降3%至5%。") == [
        ("3%", "change", -3.0, "%", "at_least", "财政收入"),
        ("5%", "change", -5.0, "%", "at_most", "财政收入"),
    ]


# -- synthetic: ranks --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("地区生产总值居全省第5位。", [("第5位", "rank", 5.0, "", "", "地区生产总值")]),
        ("地区生产总值居全省第２位。", [("第２位", "rank", 2.0, "", "", "地区生产总值")]),
        ("在全省第二家实现“零感染”。", [("第二家", "rank", 2.0, "", "", "零感染")]),
        ("供暖改造完成率居全省第一位。", [("第一位", "rank", 1.0, "", "", "供暖改造完成率")]),
        ("在全省考评中居第十二位。", [("第十二位", "rank", 12.0, "", "", "考评")]),
        ("营商环境评价位居全省首位。", [("首位", "rank", 1.0, "", "", "营商环境评价")]),
        ("综合实力居全国第一。", [("第一", "rank", 1.0, "", "", "综合实力")]),
        ("全国第二家、全省第一家智慧药房开业。", [("第二家", "rank", 2.0, "", "", "智慧药房"), ("第一家", "rank", 1.0, "", "", "智慧药房")]),
    ],
)
def test_ranks(text, expected):
    assert facts(text) == expected


def test_aspect_completed_from_previous_fact():
    assert facts("工业用电量总量居全省第3位、增速居全省第6位。") == [
        ("第3位", "rank", 3.0, "", "", "工业用电量总量"),
        ("第6位", "rank", 6.0, "", "", "工业用电量增速"),
    ]
    assert facts("8家企业入围全省百强,数量居全省第三位。")[1][5] == "企业数量"


def test_change_after_a_measure_takes_its_indicator():
    assert facts("争取专项债81.7亿元、同比增长364%。") == [
        ("81.7亿元", "measure", 8_170_000_000.0, "元", "", "专项债"),
        ("364%", "change", 364.0, "%", "", "专项债"),
    ]


def test_change_after_a_comma_takes_the_subject_of_the_clause_before():
    assert facts("地区生产总值完成2650亿元，增长3.5%。") == [
        ("2650亿元", "measure", 265_000_000_000.0, "元", "", "地区生产总值"),
        ("3.5%", "change", 3.5, "%", "", "地区生产总值"),
    ]
    assert facts("完成投资520亿元，占年度目标的115%。")[1] == ("115%", "share", 115.0, "%", "", "完成投资")


def test_a_level_reached_is_no_change():
    assert facts("森林覆盖率提高到35%。") == [("35%", "share", 35.0, "%", "", "森林覆盖率")]


def test_a_size_class_is_no_amount():
    # 10亿元以上项目 names a class of projects: 10亿元 is no fact, the count is.
    assert facts("其中10亿元以上项目12个。") == [("12个", "measure", 12.0, "个", "", "10亿元以上项目")]
    # …while an amount with 以上 at the end of its clause is one.
    assert facts("完成投资10亿元以上。") == [("10亿元", "measure", 1e9, "元", "at_least", "完成投资")]


# -- synthetic: respectively lists ---------------------------------------------------------


def test_respectively_lists():
    assert facts("省、市重点项目完成投资分别占年度计划的161%、164%。") == [
        ("161%", "share", 161.0, "%", "", "省重点项目完成投资"),
        ("164%", "share", 164.0, "%", "", "市重点项目完成投资"),
    ]
    assert facts("PM2.5、PM10浓度同比下降11.1%、11%。") == [
        ("11.1%", "change", -11.1, "%", "", "PM2.5浓度"),
        ("11%", "change", -11.0, "%", "", "PM10浓度"),
    ]
    assert facts("城镇、农村居民人均可支配收入分别增长5.1%、7.2%。") == [
        ("5.1%", "change", 5.1, "%", "", "城镇居民人均可支配收入"),
        ("7.2%", "change", 7.2, "%", "", "农村居民人均可支配收入"),
    ]
    assert [f[5] for f in facts("地区生产总值、税收收入分别增长6%、8%。")] == ["地区生产总值", "税收收入"]
    # values listed after their subjects, then 分别 with the changes
    got = facts("接待游客1200万人次、旅游收入100亿元,分别增长10%、12%。")
    assert [(f[0], f[5]) for f in got] == [("1200万人次", "游客"), ("100亿元", "旅游收入"), ("10%", "游客"), ("12%", "旅游收入")]


def test_respectively_lists_whose_subject_is_cut_to_the_shared_head():
    # 等 ends the list: each value takes its item with the head after 等.
    assert [f[5] for f in facts("纺织、食品加工及包装、造纸等行业利润分别增长12.5%、7.3%、2%。")] == [
        "纺织行业利润", "食品加工及包装行业利润", "造纸行业利润",
    ]
    # 的 cuts the reader's subject to 比重: the items end alike (…业), the head follows the last one's.
    assert [f[5] for f in facts("建筑业、现代服务业税收占全部税收的比重分别为18.2%、40.6%。")] == [
        "建筑业税收占全部税收的比重", "现代服务业税收占全部税收的比重",
    ]
    # 和 joins two items: each value takes its own.
    assert [f[5] for f in facts("客运量和货运量分别下降3%、1.5%。")] == ["客运量", "货运量"]
    # a list that does not count as many items as values is left alone.
    got = facts("东、西、南三区产值分别增长5%、6%。")
    assert len({f[5] for f in got}) == 1


# -- synthetic: indicators -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, indicator",
    [
        ("购置负压救护车14台。", "负压救护车"),  # the action verb is cut off
        ("选派16名医护人员驰援外地。", "医护人员"),  # the counted noun after the unit
        ("3226家中小微企业享受政策红利。", "中小微企业"),
        ("为企业减免税费21亿元。", "减免税费"),  # 减免 is kept: it says what is measured
        ("新认定国家高新技术企业105家。", "国家高新技术企业"),
        ("全市星级服务业“两区”达到7家。", "星级服务业“两区”"),  # scope word 全市 off
        ("我省粮食产量达到650亿斤。", "粮食产量"),  # 我省, 本县, 全旗: a province's, county's or banner's 全市
        ("本县森林覆盖率达到35%。", "森林覆盖率"),
        ("全旗牧业产值达到20亿元。", "牧业产值"),
        ("“百企退城”累计完成92家。", "百企退城"),  # enclosing quotes off
        ("新增重点实验室、工程中心等创新平台44家。", "创新平台"),  # the head after 等
        ("绿色工厂、绿色产品等18个。", "绿色工厂、绿色产品"),
        ("554名符合条件的群众实现集中供养。", "群众"),  # the head after 的
        ("连续372天无新增病例。", "无新增病例"),
        ("在全省科技综合考评中居第一位。", "科技综合考评"),  # 在…中 off
        ("培训两万人。", ""),  # nothing after the verb: a predicate, no subject
    ],
)
def test_indicators(text, indicator):
    got = facts(text)
    assert len(got) == 1, got
    assert got[0][5] == indicator


# -- synthetic: not facts -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "建成5G网络。",
        "PM2.5浓度持续改善,PM10浓度稳定。",
        "实现P2实验室全覆盖。",
        "开启“133护航模式”。",
        "打造“企业纾困360”平台。",
        "印发《支持企业发展20条》。",
        "入围河南企业100强。",
        "新增AAAA级景区。",
        "编制“十三五”规划,谋划十四五发展。",
        "在第十三届人民代表大会第四次会议上。",
        "做好六稳工作,落实六保任务。",
        "打好三大攻坚战,推进三大改造,实施十大重点工程。",
        "打好两场硬仗。",
        "第一时间响应,深入服务第一线。",
        "一批项目开工,二期工程竣工,一人一策。",
        "千方百计保就业,三番五次督办。",
        "2020年工作回顾。",
        "3月底实现复工,去年2月16日以来无新增病例。",
        "蒙牛百亿集群开工,荣获一等奖,晋级二星。",
        "建成4A级景区,获评5A级景区。",
        "新型城镇化2.0版。",
    ],
)
def test_not_facts(text):
    assert facts(text) == []


# -- targets ----------------------------------------------------------------------------------

PLAN = (
    "一、2021年工作回顾\n"
    "(一)经济运行稳中向好。地区生产总值增长7.1%。力争引进项目30个。\n"
    "二、2022年工作安排\n"
    "今年的主要预期目标是:地区生产总值增长6%左右,城镇登记失业率控制在3.5%以内,力争新增市场主体1万户。"
    "去年全市完成投资120亿元。\n"
    "(一)扩大有效投资。计划实施重点项目200个,确保完成投资300亿元。\n"
)


def test_targets_in_a_plan_part(tmp_path):
    r = synthetic_report(tmp_path, PLAN)
    got = {(x.mention, x.indicator): x.is_target for x in r.facts.itertuples()}
    assert got == {
        ("7.1%", "地区生产总值"): False,  # a result, in the review part
        ("30个", "项目"): True,  # 力争 sets a target anywhere (issue 10)
        ("6%", "地区生产总值"): True,
        ("3.5%", "城镇登记失业率"): True,
        ("1万户", "新增市场主体"): True,
        ("120亿元", "完成投资"): False,  # 去年: a past result inside the plan part
        ("200个", "重点项目"): True,
        ("300亿元", "完成投资"): True,
    }
    row = r.facts[r.facts["mention"] == "6%"].iloc[0]
    assert (row.kind, row.qualifier, row.section) == ("change", "about", "2")
    row = r.facts[r.facts["mention"] == "3.5%"].iloc[0]
    assert row.qualifier == "at_most"


def test_review_report_has_no_targets(report):
    assert not report.facts["is_target"].any()


def test_synthetic_report_sections_and_sentences(tmp_path):
    r = synthetic_report(tmp_path, "一、工作回顾\n(一)经济运行稳中向好。选派16名医护人员驰援。购置救护车14台。\n")
    f = r.facts
    assert list(f["mention"]) == ["16名", "14台"]
    assert list(f["section"]) == ["1.1", "1.1"]
    assert [r.sentences.loc[s, "text"] for s in f["sentence"]] == ["选派16名医护人员驰援。", "购置救护车14台。"]


def test_empty_result_has_the_columns_and_dtypes(tmp_path):
    r = synthetic_report(tmp_path, "一、工作回顾\n(一)经济运行稳中向好。\n")
    assert list(r.facts.columns) == FACT_COLUMNS and r.facts.empty
    assert str(r.facts["value"].dtype) == "float64" and str(r.facts["is_target"].dtype) == "bool"


# -- robustness ----------------------------------------------------------------------------------

FRAGMENTS = [
    "增长", "下降", "同比", "分别", "居全省", "第", "位", "家", "个", "名", "万", "亿", "元", "%", "％",
    "个百分点", "、", ",", "，", "。", "；", "“", "”", "《", "》", "(", ")", "以上", "左右", "以内", "超过",
    "约", "近", "不足", "多", "余", "—", "-", "~", "至", "年", "月", "日", "去年", "今年", "2020", "１２",
    "1,100", "3.5", "0.8", "十三五", "第一", "两万", "三千", "一", "二", "十", "百", "千", "PM2.5", "5G",
    "全市", "在", "中", "购置", "新增", "企业", "项目", "资金", "等", "的", "\n", " ", "\u3000", "A", "首位",
    "力争", "拟", "去年", "主要预期目标是:", "；", "到2030年", "“十五五”", "城乡", "分别", "减少", "200万", "周年",
    "微克/立方米", "八项", "稳居",
]


def _check(text: str) -> None:
    df = facts_from_text(text)
    assert list(df.columns) == FACT_COLUMNS
    for r in df.itertuples(index=False):
        assert text[r.start : r.end] == r.mention
        assert r.kind in ("measure", "share", "change", "rank")
        assert r.qualifier in ("", "more_than", "at_least", "about", "at_most", "less_than")
        assert isinstance(r.indicator, str) and isinstance(r.unit, str)
        assert not math.isnan(r.value)
        # a target has a statement (a sentence at or before its own); a result has neither
        assert pd.isna(r.statement) == (not r.is_target)
        assert r.is_target or pd.isna(r.target_year)
        assert pd.isna(r.statement) or r.statement <= r.sentence
    assert df["start"].is_monotonic_increasing


_SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text):
    _check(text)


@_SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_report_fragments_never_raise(text):
    _check(text)


@_SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS + ["0123456789"[i] for i in range(10)]), min_size=1, max_size=60).map("".join))
def test_digit_heavy_fragments_never_raise(text):
    _check(text)


SEED = load_report().text


@_SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(1, 80)), min_size=1, max_size=8))
def test_slices_of_the_bundled_report_never_raise(pieces):
    _check("".join(SEED[a : a + n] for a, n in pieces))


# -- reading a long text in pieces ------------------------------------------------------------
#
# extract_facts reads a long text in line-aligned pieces (govreport.facts.engine._line_chunks); the
# result must be the same as reading it at once. ``chunk=1`` cuts at every line break where a
# cut is allowed; a chunk longer than the text reads it in one piece.

from govreport.facts import engine as facts_module  # noqa: E402
from govreport.facts import extract_dates, extract_facts  # noqa: E402

# Lines that put a fact, a date or a rule's context right at a line break.
BOUNDARY_LINES = [
    "5万人实现新增就业。\n",  # a fact right after a cut
    "新增就业5万人。\n",  # a fact right before a cut
    "地区生产总值完成2650亿元，增长3.5%。\n",
    "居全省第5位。\n第二家。\n",
    "位居\n第一。\n",  # a rank link at a line end: the ordinal on the next line is a rank
    "全省排名\n第3位。\n",
    "实施三\n五万元工程。\n",  # a numeral after a line ending in a numeral: an idiom
    "降幅为\n-5%。\n",  # a minus sign at a line start
    "-3.5%的降幅。\n",
    "2016年—\n2020年累计完成投资300亿元。\n",  # a date range across a line break
    "2016\n—2020年,增长\n",
    "2020年疫情发生。\n3月底复工,5月8日复产。\n",  # a month takes the year of a date lines before
    "1—11月,税收增长8%。\n",
    "增长5%\n6%\n",  # lines without a terminator
    "完成投资120亿元。\r\n增长3.5%。\r\n",  # CRLF
    "同比增长183.1%。 \u3000\n\n\n",  # blanks after the terminator
    "省、市重点项目完成投资分别占年度计划的161%、164%。\n",
    "接待游客1200万人次、旅游收入100亿元,分别增长10%、12%。\n",
    "打好“两场硬仗”,谋划十四五\n三万元。\n",
    "PM2.5、PM10浓度同比下降11.1%、11%。\n",
    "全国第二家、全省第一家京东电器城市旗舰店。\n",
    "20—30万元资金;5%—6%。\n",
    "10亿元以上项目52个。\n",
    # a list of targets over lines ending in ；: one statement, never cut
    "今年的主要预期目标是：\n地区生产总值增长6%左右；\n财政收入增长5%；\n粮食产量稳定在50万吨以上。\n",
    "力争到2030年，\n全市地区生产总值突破8000亿元；\n2035年达到1.2万亿元。\n",
    "去年完成投资120亿元；\n赤字率拟按3%安排，比去年提高0.2个百分点。\n",
]
SYNTHETIC_SENTENCES = [
    "购置负压救护车14台。", "选派16名医护人员驰援外地。", "3226家中小微企业享受政策红利。",
    "为企业减免税费21亿元。", "新认定国家高新技术企业105家。", "全市星级服务业“两区”达到7家。",
    "“百企退城”累计完成92家。", "新增重点实验室、工程中心等创新平台44家。", "554名符合条件的群众实现集中供养。",
    "连续372天无新增病例。", "在全省科技综合考评中居第一位。", "培训两万人。", "千方百计保就业,三番五次督办。",
    "城镇、农村居民人均可支配收入分别增长5.1%、7.2%。", "地区生产总值、税收收入分别增长6%、8%。",
]


def long_text() -> str:
    """The seed, synthetic sentences (several to a line) and the boundary lines, twice over
    in different orders: about 25,000 characters."""
    synthetic = "".join(s + ("\n" if i % 3 == 2 else "") for i, s in enumerate(SYNTHETIC_SENTENCES)) + "\n"
    boundary = "".join(BOUNDARY_LINES)
    return SEED + "\n" + synthetic + boundary + SEED + boundary[::-1].replace("\n\r", "\r\n") + "\n" + boundary + synthetic


def test_long_text_cuts_right_before_and_after_facts():
    text = long_text()
    whole = facts_from_text(text, "2022-01-10", chunk=len(text) + 1)
    cuts = {b for _, b in facts_module._line_chunks(text, 1)}
    assert len(cuts) > 50
    assert any(s in cuts for s in whole["start"])  # a piece begins with a fact
    assert any(text[e : e + 2] == "。\n" and e + 2 in cuts for e in whole["end"])  # a piece ends right after one
    assert list(facts_module._line_chunks(text, len(text) + 1)) == [(0, len(text))]


@pytest.mark.parametrize("chunk", [1, 2, 50, 1000, 10_000])
def test_chunked_and_whole_text_facts_agree(chunk):
    text = long_text()
    whole = facts_from_text(text, "2022-01-10", chunk=len(text) + 1)
    assert len(whole) > 150
    pd.testing.assert_frame_equal(facts_from_text(text, "2022-01-10", chunk=chunk), whole, check_exact=True)


def test_chunked_and_whole_report_facts_agree(tmp_path):
    """A report with a review part and a plan part (targets, month contexts per part)."""
    boundary = "".join(BOUNDARY_LINES)
    body = (
        "一、2021年工作回顾\n(一)经济运行稳中向好。地区生产总值增长7.1%。\n" + boundary
        + "3月底完成投资20亿元。\n"
        + "二、2022年工作安排\n今年的主要预期目标是:地区生产总值增长6%左右,城镇登记失业率控制在3.5%以内。\n"
        + "(一)扩大有效投资。计划实施重点项目200个。\n" + boundary + "去年全市完成投资120亿元。\n6月底前开工30个。\n"
    )
    r = synthetic_report(tmp_path, body)
    whole = extract_facts(r, chunk=len(r.text) + 1)
    assert whole["is_target"].any() and not whole["is_target"].all()
    assert set(whole["section"]) >= {"1.1", "2", "2.1"}
    pd.testing.assert_frame_equal(r.facts, whole, check_exact=True)
    for chunk in (1, 3, 200):
        pd.testing.assert_frame_equal(extract_facts(r, chunk=chunk), whole, check_exact=True)
        pd.testing.assert_frame_equal(extract_dates(r, chunk=chunk), extract_dates(r, chunk=len(r.text) + 1), check_exact=True)


@_SETTINGS
@given(
    st.lists(st.lists(st.sampled_from(FRAGMENTS + ["5", "2020", "\r\n", "。\n", "-", "居", "位居"]), max_size=12).map("".join),
             max_size=12).map("\n".join),
    st.sampled_from([1, 2, 7]),
)
def test_chunked_and_whole_text_facts_agree_on_fragments(text, chunk):
    whole = facts_from_text(text, "2022-01-10", chunk=len(text) + 1)
    pd.testing.assert_frame_equal(facts_from_text(text, "2022-01-10", chunk=chunk), whole, check_exact=True)


@pytest.mark.parametrize("text, mentions", [
    ("为全区70岁以上独居老年人安装呼叫设备1200套。", ["1200套"]),
    ("为全县65岁及以上老人免费体检，覆盖率达到95%。", ["95%"]),
    ("新增3岁以下婴幼儿托位800个。", ["800个"]),
    ("为0-6岁儿童开展视力筛查。", []),
    ("为满14周岁学生接种疫苗。", []),
    ("人均预期寿命达到80.5岁，提高0.3岁。", ["80.5岁", "0.3岁"]),
    ("人均预期寿命提高到79岁以上。", ["79岁"]),
])
def test_an_age_that_names_a_group_is_no_figure(text, mentions):
    """60岁以上老年人, 0-6岁儿童: the age says who, not how much (``candidates._age_group``);
    a life expectancy is a figure, and the sentence's other figures stay."""
    assert facts_from_text(text)["mention"].tolist() == mentions


@pytest.mark.parametrize("text, mentions", [
    ("全县学校配备急救箱，达到每1000名学生12个。", ["12个"]),
    ("每10万人口拥有公共图书馆藏书达到8000册，每万人口拥有医生30人。", ["8000册", "30人"]),
    ("公交车每15分钟一班，每户补助500元。", ["500元"]),
])
def test_what_a_rate_is_per_is_no_figure(text, mentions):
    """每1000名学生12个: the 1000 students say what the 12 are per (``candidates._one_amount``);
    每户补助500元 still gives 500元."""
    assert facts_from_text(text)["mention"].tolist() == mentions


@pytest.mark.parametrize("text, expected", [
    ("改造提升3000个行政村村道。", [("3000个", "measure", "行政村村道")]),
    ("新建和改造提升112万亩高标准农田。", [("112万亩", "measure", "高标准农田")]),
    ("全年改造提升老旧小区500个，产业增加值提升8%。", [("500个", "measure", "老旧小区"), ("8%", "change", "产业增加值")]),
])
def test_a_verb_that_ends_in_a_change_verb_is_no_change(text, expected):
    """改造提升 ("upgrade") ends in 提升 ("raise"): right before a number it counts what follows
    (``lexicon.compound_verb_end_re``); 提升 alone is still a change."""
    f = facts_from_text(text)
    assert list(zip(f["mention"], f["kind"], f["indicator"])) == expected
