"""report.targets and report.results: keys for every alias of the key table, 城乡 rows,
results of the year under review only. The texts are synthetic, written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from govreport import load_report
from govreport.facts.plan import main_targets
from govreport.facts.targets import COLUMNS, key_table, keys, results, speaks_of_year, targets

HEAD = (
    "政府工作报告\n"
    "——2022年1月10日在某某市第一届人民代表大会第二次会议上\n"
    "某某市市长　张三\n"
    "各位代表：\n"
)

# One phrase per key, written the way a plan sets the target ({a}: the alias) ...
TARGET_PHRASES = {
    "gdp_growth": "{a}增长6%左右", "gdp": "{a}达到5000亿元",
    "budget_revenue_growth": "{a}增长5%", "budget_revenue": "{a}达到300亿元",
    "fixed_investment_growth": "{a}增长10%以上", "retail_sales_growth": "{a}增长7%",
    "industry_value_added_growth": "{a}增长8%", "urban_income_growth": "{a}增长7%",
    "rural_income_growth": "{a}增长8%", "income_growth": "{a}增长7.5%",
    "new_urban_jobs": "{a}4万人以上", "unemployment_rate": "{a}控制在5.5%以内",
    "cpi": "{a}控制在3%左右", "energy_intensity": "{a}下降3%", "grain_output": "{a}稳定在120万吨以上",
    "deficit_ratio": "{a}拟按3%安排", "foreign_trade_growth": "{a}增长5%",
    "foreign_investment": "{a}3亿美元",
    "rd_intensity": "{a}达到2.3%", "urbanization_rate": "{a}达到65%", "pm25": "{a}控制在35微克/立方米以下",
    "foreign_investment_growth": "{a}增长5%", "export_growth": "{a}增长4%", "poverty_reduction": "{a}减少10万人",
    "labour_productivity": "{a}达到16万元/人", "air_quality_days": "{a}达到90%",
}
# ... and the way a review gives the result.
RESULT_PHRASES = {
    "gdp_growth": "{a}增长6.3%", "gdp": "{a}达到4870亿元",
    "budget_revenue_growth": "{a}增长4.2%", "budget_revenue": "{a}完成288亿元",
    "fixed_investment_growth": "{a}增长11.5%", "retail_sales_growth": "{a}增长6.6%",
    "industry_value_added_growth": "{a}增长8.8%", "urban_income_growth": "{a}增长6.1%",
    "rural_income_growth": "{a}增长8.4%", "income_growth": "{a}增长7.2%",
    "new_urban_jobs": "{a}4.3万人", "unemployment_rate": "{a}为5.2%",
    "cpi": "{a}上涨1.9%", "energy_intensity": "{a}下降3.4%", "grain_output": "{a}达到125万吨",
    "deficit_ratio": "{a}为2.8%", "foreign_trade_growth": "{a}增长9.1%",
    "foreign_investment": "{a}2.6亿美元",
    "rd_intensity": "{a}为2.1%", "urbanization_rate": "{a}为63.5%", "pm25": "{a}为36微克/立方米",
    "foreign_investment_growth": "{a}增长3.2%", "export_growth": "{a}增长6.1%", "poverty_reduction": "{a}减少12万人",
    "labour_productivity": "{a}为15.8万元/人", "air_quality_days": "{a}为88.5%",
}
CASES = [(k.key, a) for k in keys() for a in k.aliases]


def test_every_key_has_a_phrase_here():
    assert set(TARGET_PHRASES) == set(RESULT_PHRASES) == {k.key for k in keys()}


@pytest.fixture(scope="module")
def every_alias(tmp_path_factory):
    """A 2022 report whose review gives a result, and whose plan sets a target, for every alias."""
    review = "。".join(RESULT_PHRASES[k].format(a=a) for k, a in CASES)
    plan = "；".join(TARGET_PHRASES[k].format(a=a) for k, a in CASES)
    text = HEAD + f"一、2021年工作回顾\n过去一年，{review}。\n二、2022年工作安排\n今年主要预期目标是：{plan}。\n"
    path = tmp_path_factory.mktemp("alias") / "every-alias.txt"
    path.write_text(text, encoding="utf-8")
    return load_report(path)


def _row_of(table: pd.DataFrame, report, phrase: str) -> pd.Series:
    sents = report.sentences
    ids = sents.index[sents["text"].str.replace(r"^(过去一年，|今年主要预期目标是：)", "", regex=True).str.startswith(phrase)]
    rows = table[table["sentence"].isin(sents.loc[ids, "id"])]
    assert len(rows) == 1, f"{phrase}: {len(rows)} rows"
    return rows.iloc[0]


@pytest.mark.parametrize("key,alias", CASES, ids=[f"{k}-{a}" for k, a in CASES])
def test_every_alias_gives_its_key_to_targets_and_results(every_alias, key, alias):
    t = _row_of(every_alias.targets, every_alias, TARGET_PHRASES[key].format(a=alias))
    assert (t["key"], t["target_year"]) == (key, 2022)
    r = _row_of(every_alias.results, every_alias, RESULT_PHRASES[key].format(a=alias))
    assert r["key"] == key and pd.isna(r["target_year"])


def test_labels_and_columns(every_alias):
    t = every_alias.targets
    assert list(t.columns) == COLUMNS
    labels = dict(zip(key_table()["key"], key_table()["label"]))
    assert (t["label"] == t["key"].map(labels)).all()
    assert t["target_year"].dtype == "Int64"
    # each row points at its fact
    facts = every_alias.facts.set_index("id")
    assert (facts.loc[t["fact"], "mention"].to_numpy() == t["mention"].to_numpy()).all()


def _report(tmp_path, review: str, plan: str, head: str = HEAD, parts=("2021年工作回顾", "2022年工作安排")):
    path = tmp_path / "r.txt"
    path.write_text(head + f"一、{parts[0]}\n{review}\n二、{parts[1]}\n{plan}\n", encoding="utf-8")
    return load_report(path)


def test_urban_and_rural_written_once_with_two_values(tmp_path):
    r = _report(tmp_path, "过去一年，城乡居民人均可支配收入分别增长6.5%和8.1%。",
                "今年主要预期目标是：城乡居民人均可支配收入分别增长7%和8%。")
    t = r.targets[["key", "indicator", "value"]].values.tolist()
    assert t == [["urban_income_growth", "城镇居民人均可支配收入", 7.0],
                 ["rural_income_growth", "农村居民人均可支配收入", 8.0]]
    res = r.results[["key", "value"]].values.tolist()
    assert res == [["urban_income_growth", 6.5], ["rural_income_growth", 8.1]]


def test_urban_and_rural_written_once_with_one_value(tmp_path):
    r = _report(tmp_path, "过去一年，全市经济平稳运行。", "今年主要预期目标是：城乡居民人均可支配收入分别增长7.5%。")
    t = r.targets
    assert t[["key", "value"]].values.tolist() == [["urban_income_growth", 7.5], ["rural_income_growth", 7.5]]
    assert t["mention"].tolist() == ["7.5%", "7.5%"] and t["sentence"].nunique() == 1


def test_respectively_list_keys_each_value(tmp_path):
    r = _report(tmp_path, "过去一年，地区生产总值、一般公共预算收入分别增长6.2%、5.1%。", "今年经济增长6%左右。")
    assert r.results["key"].tolist() == ["gdp_growth", "budget_revenue_growth"]
    assert r.targets["key"].tolist() == ["gdp_growth"]


def test_unknown_indicator_keeps_an_empty_key_and_stays(tmp_path):
    r = _report(tmp_path, "过去一年，新建学校12所。", "今年主要预期目标是：新建学校10所；地区生产总值增长6%。")
    assert r.targets["key"].tolist() == ["", "gdp_growth"]
    assert r.targets["label"].tolist()[0] == ""
    assert r.results["key"].tolist() == [""]


def test_an_alias_with_the_wrong_kind_or_unit_gets_no_key(tmp_path):
    r = _report(tmp_path, "过去一年，地区生产总值居全省第3位，地区生产总值达到4870亿元，粮食产量增长2%。",
                "今年地区生产总值增长6%。")
    assert r.results["key"].tolist() == ["", "gdp", ""]


def test_results_are_of_the_year_under_review_only(tmp_path):
    review = (
        "过去一年，地区生产总值增长6.2%。"
        "“十三五”期间，一般公共预算收入年均增长7.2%。"
        "2016年至2020年，固定资产投资年均增长9%。"
        "2020年社会消费品零售总额增长3%。"
        "2021年规模以上工业增加值比2020年增长9.5%。"
    )
    r = _report(tmp_path, review, "今年地区生产总值增长6%。")
    assert r.results["key"].tolist() == ["gdp_growth", "industry_value_added_growth"]
    assert speaks_of_year("2021年全市粮食产量达到125万吨", 2021)
    assert not speaks_of_year("五年来粮食产量稳定在120万吨以上", 2021)
    assert not speaks_of_year("2019年粮食产量达到125万吨", 2021)
    assert not speaks_of_year("前三季度地区生产总值增长5.1%", 2021)
    assert not speaks_of_year("1—11月固定资产投资增长8%", 2021)
    assert not speaks_of_year("上半年社会消费品零售总额增长9%", 2021)
    assert speaks_of_year("全年地区生产总值增长6.1%，比上年提高0.5个百分点", 2021)


def test_target_year_is_empty_when_the_report_has_no_year(tmp_path):
    head = "政府工作报告\n某某县县长　李四\n各位代表：\n"
    r = _report(tmp_path, "过去一年，地区生产总值增长6.2%。", "今年主要预期目标是：地区生产总值增长6%左右。", head=head,
                parts=("过去一年工作回顾", "今年工作安排"))
    assert r.targets["key"].tolist() == ["gdp_growth"]
    assert r.targets["target_year"].isna().all()
    assert r.results["key"].tolist() == ["gdp_growth"]


def test_properties_are_the_functions_and_cached(every_alias):
    assert every_alias.targets is every_alias.targets
    pd.testing.assert_frame_equal(every_alias.targets, targets(every_alias))
    pd.testing.assert_frame_equal(every_alias.results, results(every_alias))


def test_bundled_report_has_no_targets_and_two_keyed_results():
    r = load_report()
    assert r.targets.empty and list(r.targets.columns) == COLUMNS
    keyed = r.results[r.results["key"] != ""]
    # PM2.5、PM10浓度同比下降11.1%、11%: the first of a 、-list is PM2.5's, a change in %
    assert keyed[["key", "mention", "value"]].values.tolist() == [["budget_revenue_growth", "1.3%", 1.3],
                                                                  ["pm25", "11.1%", -11.1]]


def test_key_table_is_well_formed():
    table = key_table()
    assert table["key"].is_unique
    assert set(table["higher_is_better"]) <= {True, False}
    for k in keys():
        assert k.aliases and k.kinds <= {"measure", "share", "change", "rank"} and k.units


# -- one row per target: bounds, horizon, main list, scope (issue 18) ------------------------------

def _plan(tmp_path, plan: str, review: str = "过去一年，全市经济平稳运行。"):
    return _report(tmp_path, review, plan)


def _rows(table, *cols):
    return [[None if (isinstance(v, float) and v != v) else v for v in row] for row in table[list(cols)].values.tolist()]


def test_a_range_is_one_row_and_bounds_follow_the_qualifier(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：地区生产总值增长6%—6.5%；固定资产投资增长10%以上；"
                        "居民消费价格涨幅3%左右；城镇调查失业率控制在5.5%以内；单位生产总值能耗下降3%以上。")
    assert _rows(r.targets, "key", "mention", "value", "low", "high", "qualifier") == [
        ["gdp_growth", "6%—6.5%", 6.25, 6.0, 6.5, "range"],
        ["fixed_investment_growth", "10%", 10.0, 10.0, None, "at_least"],
        ["cpi", "3%", 3.0, 3.0, 3.0, "about"],
        ["unemployment_rate", "5.5%", 5.5, None, 5.5, "at_most"],
        ["energy_intensity", "3%", -3.0, None, -3.0, "at_least"],  # a fall of at least 3: −3 or lower
    ]
    assert list(r.targets.columns) == COLUMNS


def test_a_qualifier_written_once_after_a_list_holds_for_each_value(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：城乡居民人均可支配收入分别增长5%和7%左右；"
                        "城镇调查失业率、居民消费价格涨幅分别控制在5.5%和3%以内。")
    assert _rows(r.targets, "key", "value", "qualifier") == [
        ["urban_income_growth", 5.0, "about"], ["rural_income_growth", 7.0, "about"],
        ["unemployment_rate", 5.5, "at_most"], ["cpi", 3.0, "at_most"],
    ]


def test_a_key_is_never_taken_from_inside_a_longer_indicator(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：国内生产总值增长5%左右；单位国内生产总值用水量下降10%；"
                        "人均地区生产总值增长4%；全市地区生产总值增长5%。")
    assert _rows(r.targets, "indicator", "key") == [
        ["国内生产总值", "gdp_growth"], ["单位国内生产总值用水量", ""], ["人均地区生产总值", ""],
        ["地区生产总值", "gdp_growth"],  # 全市 is a scope word, off the indicator
    ]


def test_new_keys(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：细颗粒物(PM2.5)年均浓度控制在30微克/立方米以下；实际利用外资增长5%；"
                        "实际使用外资12亿美元；农村贫困人口减少10万人以上；空气质量优良天数比例达到90%。")
    assert _rows(r.targets, "key", "value") == [
        ["pm25", 30.0], ["foreign_investment_growth", 5.0], ["foreign_investment", 1.2e9],
        ["poverty_reduction", -1e5], ["air_quality_days", 90.0],
    ]
    assert not key_table().set_index("key").loc["poverty_reduction", "higher_is_better"]  # fewer is better


def test_a_sub_area_target_has_its_scope(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：地区生产总值增长5%左右；城市副中心和平原新城地区生产总值增长6%；"
                        "县域经济增速7%。")
    assert _rows(r.targets, "key", "value", "scope", "main") == [
        ["gdp_growth", 5.0, None, True], ["gdp_growth", 6.0, "城市副中心和平原新城", True],
        ["gdp_growth", 7.0, "县域", True],
    ]


def test_a_rate_in_force_is_no_target(tmp_path):
    r = _plan(tmp_path, "今年要深化增值税改革，将制造业等行业现行16%的税率降至13%。")
    facts = r.facts
    assert _rows(facts, "mention", "indicator", "is_target") == [["16%", "税率", False], ["13%", "税率", True]]
    assert r.targets["mention"].tolist() == ["13%"]


def test_a_review_part_without_a_review_word_and_the_plan_part_after_it(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(HEAD + "一、牢记嘱托，在接续奋斗中全市建设取得新成效\n过去一年，实施重点技改项目220项。\n"
                    "二、在现代化建设中奋勇争先\n今年主要预期目标是：地区生产总值增长6%左右。新建学校10所。\n",
                    encoding="utf-8")
    r = load_report(path)
    assert _rows(r.facts, "mention", "is_target") == [["220项", False], ["6%", True], ["10所", True]]


def test_the_main_list_runs_to_the_end_of_its_paragraph(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：地区生产总值增长6%左右。规模以上工业增加值增长7%，一般公共预算收入增长5%。"
                        "居民收入增长与经济增长同步。上述目标，考虑了增长6%的需要。去年完成投资100亿元。\n"
                        "全年新建学校10所。")
    assert main_targets(r)["mention"].tolist() == ["6%", "7%", "5%"]  # the figures (facts rows)
    t = r.targets
    pd.testing.assert_frame_equal(r.main_targets(), t[t["main"]].reset_index(drop=True))
    assert _rows(r.main_targets(), "key", "mention", "phrase") == [
        ["gdp_growth", "6%", ""], ["industry_value_added_growth", "7%", ""], ["budget_revenue_growth", "5%", ""],
        ["income_growth", "", "居民收入增长与经济增长同步"],  # a qualitative target: no figure, its wording
    ]
    assert t[t["phrase"] != ""]["value"].isna().all()


FIVE_YEAR_2021 = """政府工作报告
——2021年1月10日在某某市第十五届人民代表大会第五次会议上
某某市市长　张三
各位代表：
一、“十三五”时期工作回顾
五年来，全市地区生产总值年均增长7%。
二、“十四五”时期的主要目标
“十四五”时期经济社会发展的主要目标是：地区生产总值年均增长8%；常住人口城镇化率达到64%。
三、2021年工作安排
今年主要预期目标是：地区生产总值增长7%以上；城镇新增就业5万人。
"""


def test_a_five_year_outline_list_beside_an_annual_one(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(FIVE_YEAR_2021, encoding="utf-8")
    r = load_report(path)
    assert _rows(r.targets, "key", "mention", "target_year", "horizon", "main") == [
        ["gdp_growth", "8%", 2025, "plan", False],
        ["urbanization_rate", "64%", 2025, "plan", False],
        ["gdp_growth", "7%", 2021, "year", True],
        ["new_urban_jobs", "5万人", 2021, "year", True],
    ]
    assert r.main_targets()["mention"].tolist() == ["7%", "5万人"]


def test_values_each_with_its_own_qualifier_are_still_a_list(tmp_path):
    r = _plan(tmp_path, "今年主要预期目标是：城镇和农村常住居民人均可支配收入分别增长6.5%左右、7.5%左右。")
    assert _rows(r.targets, "key", "value", "qualifier") == [
        ["urban_income_growth", 6.5, "about"], ["rural_income_growth", 7.5, "about"],
    ]


def test_a_review_figure_is_a_result_unless_its_sentence_names_another_time_before_it(tmp_path):
    review = (
        "城镇新增就业5.6万人，城镇调查失业率控制在5.3%以内。"  # no year: the review's year
        "“十四五”以来，地区生产总值连续跨越两个台阶，2021年地区生产总值增长6.4%。"  # the year after the plan
        "2021年固定资产投资增长9%，五年累计完成投资3000亿元。"  # the period after the figure
        "“十三五”期间，一般公共预算收入年均增长7.2%。"  # a plan period: no result
        "累计新增就业20万人。"  # 累计 before the figure: no result
        "粮食产量达到130万吨，累计建成高标准农田30万亩。"  # a period in a later clause only
    )
    r = _report(tmp_path, review, "今年地区生产总值增长6%。")
    res = r.results[r.results["key"] != ""]
    assert _rows(res, "key", "value", "low", "high", "qualifier") == [
        ["new_urban_jobs", 56000.0, 56000.0, 56000.0, ""],
        ["unemployment_rate", 5.3, None, 5.3, "at_most"],
        ["gdp_growth", 6.4, 6.4, 6.4, ""],
        ["fixed_investment_growth", 9.0, 9.0, 9.0, ""],
        ["grain_output", 1.3e6, 1.3e6, 1.3e6, ""],
    ]
    assert not {"3000亿元", "30万亩", "20万人"} & set(r.results["mention"])


def test_a_reporting_verb_or_an_average_around_an_indicator_keeps_its_key(tmp_path):
    r = _report(tmp_path, "全年完成地区生产总值820亿元，实现地区生产总值增长5.9%。城镇调查失业率平均值5.1%。",
                "今年地区生产总值增长6%。")
    assert _rows(r.results, "key", "value") == [["gdp", 8.2e10], ["gdp_growth", 5.9], ["unemployment_rate", 5.1]]


def test_a_verb_without_a_subject_or_a_room_allowed_is_no_target(tmp_path):
    r = _plan(tmp_path, "今年地区生产总值增长6%左右。保持6%的增长。继续保持在5%以上。"
                        "各县可在2%以内调整。全市经济增长保持6.5%。")
    # 保持6% names nothing; 可在2%以内 is room a county may use; 经济增长保持6.5% keeps its subject
    assert _rows(r.targets, "key", "value") == [["gdp_growth", 6.0], ["gdp_growth", 6.5]]
    f = r.facts.set_index("mention")
    assert not f.loc[["2%", "5%"], "is_target"].any()
    assert f.loc["6%", "indicator"].tolist() == ["地区生产总值", ""]
    assert not f.loc["6%", "is_target"].tolist()[1]


def test_a_five_year_list_over_several_paragraphs_is_plan_in_each(tmp_path):
    head = HEAD.replace("2022年1月10日", "2026年1月12日")
    path = tmp_path / "r.txt"
    path.write_text(head + "一、2025年和“十四五”时期工作回顾\n过去一年，全市地区生产总值增长5.2%。\n"
                    "二、“十五五”时期经济社会发展的主要目标\n到2030年，全市地区生产总值年均增长4.5%左右。\n"
                    "城镇化率达到72%，研发经费投入强度达到3%。\n"
                    "三、2026年工作安排\n今年主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右。\n",
                    encoding="utf-8")
    t = load_report(path).targets
    assert _rows(t, "key", "target_year", "horizon", "main") == [
        ["gdp_growth", 2030, "plan", False], ["urbanization_rate", 2030, "plan", False],
        ["rd_intensity", 2030, "plan", False], ["gdp_growth", 2026, "year", True],
        ["unemployment_rate", 2026, "year", True]]
