"""The fact checks (govreport.analysis.checks) on short synthetic reports written for these tests.

Each check is shown a sentence where it must fire and one where it must not. The reports are
minimal: a dateline (the report's date), a speaker line and one part holding the sentences.
"""

from __future__ import annotations

import math

import pytest

from govreport import load_report
from govreport.analysis import checks
from govreport.analysis import fact_check_story as story


@pytest.fixture
def report_of(write_report):
    """report_of(body, date="2022-01-10") -> a Report whose one part holds ``body``."""

    def _make(body: str, date: str | None = "2022-01-10"):
        if date:
            y, m, d = date.split("-")
            head = f"——{int(y)}年{int(m)}月{int(d)}日在某某县第五届人民代表大会第二次会议上\n"
        else:
            head = "——在某某县第五届人民代表大会第二次会议上\n"
        text = head + "某某县人民政府县长　李四\n各位代表：\n一、过去一年工作回顾\n" + body + "\n"
        return load_report(write_report(text))

    return _make


def only(table, **match):
    rows = table
    for k, v in match.items():
        rows = rows[rows[k] == v]
    assert len(rows) == 1, table
    return rows.iloc[0]


# -- implied bases -------------------------------------------------------------------


def test_level_and_rate_in_one_clause_imply_the_earlier_level(report_of):
    r = report_of("今年争取上级资金50亿元、同比增长25%。")
    row = only(checks.implied_bases(r), indicator="上级资金")
    assert math.isclose(row["implied_value"], 40e8)
    assert row["implied"] == "40亿元" and row["level"] == "50亿元" and row["figure"] == "+25%"
    assert "50亿元 after a rise of 25% implies about 40亿元 a year earlier" in story.describe_implied_bases(r)
    assert row["text"] == "今年争取上级资金50亿元、同比增长25%。"


def test_level_and_rate_in_different_clauses_imply_nothing(report_of):
    r = report_of("全县地区生产总值达到120亿元，同比增长8%。")
    t = checks.implied_bases(r)
    row = only(t, indicator="地区生产总值")
    assert row["implied"] == "" and math.isnan(row["implied_value"]) and row["note"] == "no level in its clause"
    text = story.describe_implied_bases(r, t)
    assert "too little to check 1 change" in text and "imply a base" not in text


def test_a_fall_and_absolute_and_point_changes(report_of):
    r = report_of("煤炭消费量降至80万吨、下降20%。优良天数达到300天、增加20天。城镇化率达到60%、提高2个百分点。")
    t = checks.implied_bases(r).set_index("indicator")
    assert math.isclose(t.loc["煤炭消费量", "implied_value"], 100e4)
    assert t.loc["煤炭消费量", "figure"] == "−20%"
    assert math.isclose(t.loc["优良天数", "implied_value"], 280)
    assert math.isclose(t.loc["城镇化率", "implied_value"], 58)
    assert "after a fall of 20%" in story.describe_implied_bases(r, t.reset_index())


def test_a_share_of_a_plan_implies_the_plan(report_of):
    r = report_of("全年完成固定资产投资300亿元，占年度计划的120%。重点项目完成投资占年度计划的110%。")
    t = checks.implied_bases(r)
    plan = t[t["basis"] == "plan"].set_index("figure")
    assert math.isclose(plan.loc["120%", "implied_value"], 250e8) and plan.loc["120%", "implied"] == "250亿元"
    assert plan.loc["110%", "implied"] == "" and plan.loc["110%", "note"] == "no amount achieved in its clause"
    text = story.describe_implied_bases(r, t)
    assert "implies a plan of about 250亿元" in text and "too little to check 1 share of a plan" in text


def test_a_share_of_a_budgeted_whole_is_no_share_of_a_plan(report_of):
    # 一般公共预算支出 is the whole the spending is a part of, not a plan it fulfils.
    r = report_of("全年民生支出496亿元，占一般公共预算支出的76%。")
    assert checks.implied_bases(r).empty
    assert checks.shares_over_100(r).empty


def test_respectively_ties_rates_to_levels_of_another_clause(report_of):
    r = report_of("接待游客1200万人次、实现旅游收入100亿元，分别增长20%、25%。")
    t = checks.implied_bases(r).set_index("indicator")
    assert t.loc["游客", "implied"] == "1000万人次"
    assert t.loc["旅游收入", "implied"] == "80亿元"


def test_no_change_and_no_plan_says_there_is_no_base(report_of):
    r = report_of("新建学校20所。")
    assert checks.implied_bases(r).empty
    assert "no base to imply" in story.describe_implied_bases(r)


# -- date arithmetic -------------------------------------------------------------------


@pytest.mark.parametrize(
    "days, status, words",
    [
        (39, "matches", "strictly between"),
        (40, "matches", "one of the two end days"),
        (41, "matches", "both the start day and the report's day"),
        (30, "does not match", "end on 2021-12-31, 10 days before the report's date"),
    ],
)
def test_a_span_since_a_date_is_counted_against_the_report_date(report_of, days, status, words):
    # 2021-12-01 to 2022-01-10: 40 days elapse.
    r = report_of(f"自2021年12月1日以来，连续{days}天无安全生产事故。")
    row = only(checks.date_spans(r), claim=f"{days}天")
    assert (row["since"], row["report_date"], row["days_elapsed"]) == ("2021-12-01", "2022-01-10", 40)
    assert row["status"] == status and words in row["reading"]
    assert words in story.describe_date_spans(r)


def test_a_span_needs_a_start_day_and_a_report_date(report_of):
    r = report_of("自2021年以来，连续300天无安全生产事故。")
    row = only(checks.date_spans(r), claim="300天")
    assert row["status"] == "cannot check" and "not given to the day" in row["reading"]
    r = report_of("自2021年12月1日以来，连续39天无安全生产事故。", date=None)
    row = only(checks.date_spans(r), claim="39天")
    assert row["status"] == "cannot check" and "no date" in row["reading"]
    assert "cannot be checked" in story.describe_date_spans(r)


def test_days_without_a_since_date_are_no_span(report_of):
    r = report_of("2021年12月1日，开展安全检查30天。优良天数达到300天。")
    assert checks.date_spans(r).empty
    assert "no count of days since a date" in story.describe_date_spans(r)


# -- internal consistency -------------------------------------------------------------


def test_one_indicator_with_two_values_is_flagged(report_of):
    r = report_of("全县常住人口为50万人。各项工作扎实推进。全县常住人口为52万人。")
    row = only(checks.repeated_values(r), indicator="常住人口")
    assert (row["first"], row["second"]) == ("50万人", "52万人")
    assert row["text_first"] == "全县常住人口为50万人。" and row["text_second"] == "全县常住人口为52万人。"
    assert "常住人口 is 50万人 in sentence" in story.describe_repeated_values(r)


def test_compatible_repeats_counts_of_a_noun_and_one_sentence_are_not_flagged(report_of):
    r = report_of(
        "全县常住人口超过50万人。全县常住人口为52万人。"
        "8家企业入围全省百强。5家企业获评省级示范。"
        "全国第二家、全省第一家电器旗舰店开业。"
    )
    assert checks.repeated_values(r).empty
    assert "values agree" in story.describe_repeated_values(r)


def test_a_part_larger_than_its_whole_is_flagged(report_of):
    r = report_of("粮食总产量达到50万吨，其中小麦产量60万吨、玉米产量12万吨。")
    t = checks.parts_over_whole(r)
    assert list(t["status"]) == ["larger than the whole", "within"]
    assert set(t["whole"]) == {"50万吨"}
    assert "小麦产量 60万吨 exceeds 粮食总产量 50万吨" in story.describe_parts_over_whole(r, t)


def test_parts_within_their_whole_and_a_whole_in_the_sentence_before(report_of):
    r = report_of("粮食总产量达到50万吨，其中小麦产量30万吨。新建学校20所。其中，小学25所。")
    t = checks.parts_over_whole(r).set_index("part")
    assert t.loc["30万吨", "status"] == "within"
    assert t.loc["25所", "status"] == "larger than the whole" and t.loc["25所", "whole"] == "20所"
    r = report_of("粮食总产量达到50万吨，其中小麦产量30万吨。")
    assert "every part is within its whole" in story.describe_parts_over_whole(r)


def test_a_share_above_100_that_is_not_of_a_plan_is_flagged(report_of):
    r = report_of("城镇化率达到105%。")
    row = only(checks.shares_over_100(r), figure="105%")
    assert row["of"] == "" and row["status"] == "cannot exceed 100%"
    assert "cannot hold as a share of a whole: 城镇化率 105%" in story.describe_shares_over_100(r)


def test_a_share_of_a_plan_above_100_is_not_flagged(report_of):
    r = report_of("重点项目完成投资占年度计划的161%。森林覆盖率达到30%。")
    row = only(checks.shares_over_100(r), figure="161%")
    assert row["of"] == "a plan" and row["status"] == "may exceed 100%"
    assert "No share of a whole exceeds 100%" in story.describe_shares_over_100(r)
    r = report_of("森林覆盖率达到30%。")
    assert checks.shares_over_100(r).empty and "None of the report's 1 share" in story.describe_shares_over_100(r)


# -- extraction quality ------------------------------------------------------------------


def test_facts_with_no_indicator_are_listed(report_of):
    r = report_of("各项工作取得新进展，增加3.5个百分点。新建学校20所。")
    t = checks.unnamed_facts(r)
    assert list(t["mention"]) == ["3.5个百分点"]
    assert "1 of the report's 2 facts has no indicator (3.5个百分点)" in story.describe_unnamed_facts(r, t)
    r = report_of("新建学校20所。")
    assert checks.unnamed_facts(r).empty and "Every one" in story.describe_unnamed_facts(r)


def test_respectively_lists_pair_up_or_not(report_of):
    r = report_of("PM2.5、PM10浓度分别下降11%、12%。甲、乙、丙三县财政收入分别增长5%、6%。")
    t = checks.respectively_lists(r).set_index("values")
    assert t.loc["11%、12%", "status"] == "pair up"
    assert t.loc["5%、6%", "status"] == "3 names for 2 values"
    text = story.describe_respectively_lists(r, t.reset_index())
    assert "in 1 of them names and values do not pair up" in text and "5%、6% (3 names for 2 values)" in text


def test_a_count_of_several_kinds_is_no_list(report_of):
    r = report_of("创建省级绿色工厂、绿色产品等18个。")
    assert checks.respectively_lists(r).empty
    assert "no \"respectively\"" in story.describe_respectively_lists(r)


# -- the page's answer -------------------------------------------------------------------


def test_answer_and_overview_follow_the_checks(report_of):
    r = report_of("城镇化率达到105%。全县常住人口为50万人。全县常住人口为52万人。")
    o = checks.overview(r).set_index("check")
    assert o.loc["Shares above 100%", "flagged"] == 1 and o.loc["One indicator, two values", "flagged"] == 1
    assert story.answer(r).startswith("**Answer: not everywhere.**")
    r = report_of("新建学校20所。")
    assert story.answer(r).startswith("**Answer: yes, as far as these checks go.**")


def test_report_text_in_prose_is_escaped(report_of):
    r = report_of("城镇化<b>率</b>达到105%。")
    text = story.describe_shares_over_100(r)
    assert "<b>" not in text and "&lt;b&gt;" in text


def test_the_bundled_report_span_is_computed():
    r = load_report()
    row = only(checks.date_spans(r), claim="372天")
    assert (row["since"], row["report_date"], row["days_elapsed"], row["status"]) == ("2020-02-16", "2021-02-23", 373, "matches")
    assert "strictly between" in row["reading"]


def test_a_date_given_by_the_user_is_counted_to(write_report):
    text = "——在某某县第五届人民代表大会第二次会议上\n某某县人民政府县长　李四\n各位代表：\n一、过去一年工作回顾\n自2021年12月1日以来，连续39天无安全生产事故。\n"
    path = write_report(text)
    assert checks.date_spans(load_report(path))["status"].tolist() == ["cannot check"]
    row = only(checks.date_spans(load_report(path, date="2022-01-10")), claim="39天")
    assert row["status"] == "matches" and row["report_date"] == "2022-01-10"


def test_a_report_without_figures_says_so_in_every_check(report_of):
    r = report_of("各项工作扎实推进，人民群众获得感明显增强。")
    for name, (_, check) in checks.CHECKS.items():
        assert check(r).empty, name
        assert story.DESCRIBE[name](r).startswith(("The report", "No indicator")), name
    assert story.answer(r) == "**Answer:** the report states no figure, so there is nothing to check."


def test_figures_of_different_periods_are_not_compared(report_of):
    r = report_of("全市地区生产总值年均增长7%。全市地区生产总值增长3.5%。"
                  "2020年地区生产总值增长3.5%。2019年地区生产总值增长6%。")
    assert checks.repeated_values(r).empty
    r = report_of("全市地区生产总值增长7%。全市地区生产总值增长3.5%。")
    assert len(checks.repeated_values(r)) == 1


def test_a_share_of_a_reference_level_may_exceed_100(report_of):
    r = report_of("全县农民人均收入为全省平均水平的120%。")
    row = only(checks.shares_over_100(r), figure="120%")
    assert row["of"] == "a reference level" and row["status"] == "may exceed 100%"


def test_a_figure_of_any_five_year_plan_is_not_compared_with_a_yearly_one(report_of):
    for plan in ("十二五", "十五五"):
        r = report_of(f"地区生产总值增长40%（“{plan}”时期）。地区生产总值增长6%。")
        assert checks.repeated_values(r).empty, plan


def test_real_growth_on_a_nominal_level_implies_no_base(report_of):
    # GDP growth is at constant prices, its level at current prices: no base from the two.
    r = report_of("全县地区生产总值达到3.8万亿元、增长6.1%。工业增加值1200亿元、增长7%。社会消费品零售总额500亿元、增长10%。")
    t = checks.implied_bases(r).set_index("indicator")
    assert t.loc["地区生产总值", "implied"] == "" and t.loc["地区生产总值", "note"] == checks.CONSTANT_PRICES
    assert t.loc["地区生产总值", "level"] == "3.8万亿元"
    assert t.loc["工业增加值", "implied"] == ""
    assert t.loc["社会消费品零售总额", "implied"] == "455亿元"  # a nominal total keeps its base
    text = story.describe_implied_bases(r)
    assert "constant prices" in text and "3.8万亿元" in text and "455亿元" in text
    assert "too little to check" not in text  # the skipped pair is said once, for its reason


def test_real_growth_gets_no_base_on_the_section_pages(report_of):
    from govreport.analysis import sections

    r = report_of("全县地区生产总值达到3.8万亿元、增长6.1%。")
    row = sections.changes_with_base(r, "1").iloc[0]
    assert row["level"] == "" and math.isnan(row["implied_base"])


def test_a_sentence_quoted_by_several_rows_is_shown_once():
    import pandas as pd

    from govreport.analysis import checks

    table = pd.DataFrame({"indicator": ["甲", "乙", "丙", "丁"], "sentence": [3, 3, 5, 3],
                          "text": ["第一句。", "第一句。", "第二句。", "第一句。"]})
    got = checks.shown(table, ["indicator", "sentence", "text"])
    assert got["text"].tolist() == ["第一句。", checks.SAME_SENTENCE, "第二句。", "第一句。"]
    assert table["text"].tolist() == ["第一句。", "第一句。", "第二句。", "第一句。"]  # the check's own table unchanged
    assert checks.shown(table, ["indicator", "text"])["text"].tolist() == table["text"].tolist()  # no sentence column: as is
