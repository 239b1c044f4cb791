"""compare(previous, current): each verdict rule, the margin, the pairing by year, and the
slogans gained and dropped. Two synthetic reports written for these tests: a 2022 report whose
plan sets the year's targets, and a 2023 report whose review gives the 2022 results."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from govreport import compare, load_report
from govreport.analysis.compare import COLUMNS, convert, coverage, language_changes, margin_text, verdict

PREVIOUS = """政府工作报告
——2022年1月10日在某某市第一届人民代表大会第二次会议上
某某市市长　张三
各位代表：
一、2021年工作回顾
过去一年，我们统筹推进“四个着力”，全市经济平稳运行。
二、2022年工作安排
今年主要预期目标是：地区生产总值增长6%—6.5%；一般公共预算收入增长5%左右；固定资产投资增长10%以上；社会消费品零售总额增长超过8%；规模以上工业增加值增长8%；城镇新增就业不少于4万人；城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右；单位生产总值能耗下降3%；粮食产量稳定在12亿斤以上；进出口总额增长5%；实际使用外资3亿美元；新建学校10所。
全年要坚持“四个着力”，落实“三项改革”。
"""

CURRENT = """政府工作报告
——2023年1月12日在某某市第一届人民代表大会第三次会议上
某某市市长　张三
各位代表：
一、2022年工作回顾
过去一年，全市地区生产总值增长6.1%，一般公共预算收入增长4.4%，固定资产投资增长9.6%，社会消费品零售总额增长8%，规模以上工业增加值增长8%。城镇新增就业4.1万人，城镇调查失业率5.6%，居民消费价格上涨3.4%，单位生产总值能耗下降3.4%。粮食产量61万吨。实际使用外资19亿元。新建学校11所。
二、2023年工作安排
今年主要预期目标是：地区生产总值增长6%左右。全年深入推进“两个提升”，持续开展“两个提升”行动。
"""

# key: (target mention, result mention, margin, verdict), as written in the two texts above.
EXPECTED = {
    "gdp_growth": ("6%—6.5%", "6.1%", 0.1, "met"),  # a range, one row: the result inside it; margin from the floor
    "budget_revenue_growth": ("5%", "4.4%", -0.6, "missed"),  # about: 0.6 short, more than 0.5
    "fixed_investment_growth": ("10%", "9.6%", -0.4, "missed"),  # at least
    "retail_sales_growth": ("8%", "8%", 0.0, "missed"),  # more than: equal is not more
    "industry_value_added_growth": ("8%", "8%", 0.0, "met"),  # bare growth target: a floor
    "new_urban_jobs": ("4万人", "4.1万人", 1000.0, "met"),  # at least
    "unemployment_rate": ("5.5%", "5.6%", 0.1, "missed"),  # at most
    "cpi": ("3%", "3.4%", 0.4, "met"),  # about, a ceiling: within 0.5 above
    "energy_intensity": ("3%", "3.4%", -0.4, "met"),  # a decline, ceiling key: fell more
    "grain_output": ("12亿斤", "61万吨", 2e7, "met"),  # 61万吨 = 12.2亿斤: 2000万斤 more
    "foreign_trade_growth": ("5%", "", math.nan, "no result given"),
    "foreign_investment": ("3亿美元", "19亿元", math.nan, "not comparable"),
}


def load_pair(folder, previous: str, current: str):
    """Two reports written to ``folder`` and loaded: (previous, current)."""
    (folder / "p.txt").write_text(previous, encoding="utf-8")
    (folder / "c.txt").write_text(current, encoding="utf-8")
    return load_report(folder / "p.txt"), load_report(folder / "c.txt")


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return load_pair(tmp_path_factory.mktemp("pair"), PREVIOUS, CURRENT)


def test_one_row_per_targeted_key_in_the_order_written(pair):
    table = compare(*pair)
    assert list(table.columns) == COLUMNS
    assert table["key"].tolist() == list(EXPECTED)  # 新建学校 has no key: not compared
    assert (table["target_year"] == 2022).all()


@pytest.mark.parametrize("key", list(EXPECTED))
def test_verdicts_and_margins(pair, key):
    row = compare(*pair).set_index("key").loc[key]
    target, result, margin, expected = EXPECTED[key]
    assert (row["target_mention"], row["result_mention"], row["verdict"]) == (target, result, expected)
    if math.isnan(margin):
        assert math.isnan(row["margin"])
    else:
        assert row["margin"] == pytest.approx(margin)
    assert row["target_sentence"] and row["target_sentence"] in PREVIOUS
    if result:
        assert row["result_sentence"] in CURRENT and result in row["result_sentence"]
    else:
        assert row["result_sentence"] == ""


@pytest.mark.parametrize(
    "key,qualifier,target,result,expected",
    [
        ("gdp_growth", "at_least", 6.0, 6.0, "met"), ("gdp_growth", "at_least", 6.0, 5.9, "missed"),
        ("gdp_growth", "more_than", 6.0, 6.1, "met"), ("gdp_growth", "more_than", 6.0, 6.0, "missed"),
        ("unemployment_rate", "at_most", 5.5, 5.5, "met"), ("unemployment_rate", "at_most", 5.5, 5.6, "missed"),
        ("unemployment_rate", "less_than", 5.5, 5.4, "met"), ("unemployment_rate", "less_than", 5.5, 5.5, "missed"),
        ("gdp_growth", "about", 6.0, 5.5, "met"), ("gdp_growth", "about", 6.0, 5.4, "missed"),
        ("gdp_growth", "about", 6.0, 8.1, "met"),  # beating an "about" target is met
        ("cpi", "about", 3.0, 3.5, "met"), ("cpi", "about", 3.0, 3.6, "missed"),
        ("gdp_growth", "", 6.0, 6.0, "met"), ("gdp_growth", "", 6.0, 5.99, "missed"),  # bare: floor
        ("cpi", "", 3.0, 3.0, "met"), ("cpi", "", 3.0, 3.1, "missed"),  # bare, ceiling key
        ("unemployment_rate", "", 5.5, 5.6, "missed"), ("deficit_ratio", "", 3.0, 2.8, "met"),
        ("energy_intensity", "at_least", -3.0, -3.2, "met"),  # 下降3%以上: fell by at least 3
        ("energy_intensity", "at_least", -3.0, -2.9, "missed"),
        ("energy_intensity", "", -3.0, -2.9, "missed"),
        ("grain_output", "about", 1e9, 0.96e9, "met"), ("grain_output", "about", 1e9, 0.94e9, "missed"),  # 5%
    ],
)
def test_each_qualifier_rule(key, qualifier, target, result, expected):
    unit = "斤" if key == "grain_output" else "%"
    got, rule = verdict(key, qualifier, target, result, unit)
    assert got == expected, rule
    assert "met when" in rule and rule.endswith(".")  # the rule, stated in a sentence


def test_targets_for_another_year_are_not_compared(tmp_path):
    plan = PREVIOUS.replace("全年要坚持", "到2025年，粮食产量达到14亿斤，地区生产总值增长7%以上。全年要坚持")
    (tmp_path / "p.txt").write_text(plan, encoding="utf-8")
    (tmp_path / "c.txt").write_text(CURRENT, encoding="utf-8")
    previous = load_report(tmp_path / "p.txt")
    later = previous.targets[previous.targets["target_year"] == 2025]
    assert set(later["key"]) == {"grain_output", "gdp_growth"}  # read as targets for 2025 ...
    table = compare(previous, load_report(tmp_path / "c.txt")).set_index("key")
    assert table.loc["grain_output", "target_mention"] == "12亿斤"  # ... and not compared for 2022
    assert table.loc["gdp_growth", "target_mention"] == "6%—6.5%"
    assert (table["target_year"] == 2022).all()


def test_tolerance_is_a_parameter(pair):
    strict = compare(*pair, tolerance_points=0.3).set_index("key")
    assert strict.loc["cpi", "verdict"] == "missed"  # 3.4% against 3%左右 with 0.3 point
    assert strict.loc["budget_revenue_growth", "verdict"] == "missed"
    loose = compare(*pair, tolerance_points=1.0).set_index("key")
    assert loose.loc["budget_revenue_growth", "verdict"] == "met"


def test_units_convert_only_within_one_quantity():
    assert convert(61e4, "吨", "斤") == pytest.approx(12.2e8)
    assert convert(3.0, "美元", "元") is None
    assert convert(3.0, "%", "%") == 3.0


def test_reports_of_years_that_do_not_follow_pair_nothing(pair, tmp_path):
    later = tmp_path / "later.txt"
    later.write_text(CURRENT.replace("2023年1月12日", "2025年1月12日").replace("2022年工作回顾", "2024年工作回顾"),
                     encoding="utf-8")
    table = compare(pair[0], load_report(later))
    assert table.empty and list(table.columns) == COLUMNS


def test_margin_text():
    assert margin_text(0.3, "%") == "+0.3 pt"
    assert margin_text(-0.6000000001, "%") == "−0.6 pt"
    assert margin_text(-5e7, "美元") == "−5,000万美元"
    assert margin_text(1e8, "斤") == "+1亿斤"
    assert margin_text(math.nan, "%") == ""


def test_language_changes(pair):
    changes = language_changes(*pair)
    slogans = changes[changes["what"] == "slogan"]
    assert slogans[["term", "change"]].values.tolist() == [["两个提升", "gained"], ["四个着力", "dropped"],
                                                           ["三项改革", "dropped"]]
    terms = changes[changes["what"] == "term"]
    assert set(terms["change"]) <= {"gained", "dropped"}
    for term, change in terms[["term", "change"]].values.tolist():
        absent = PREVIOUS if change == "gained" else CURRENT
        assert term not in absent


def test_coverage_of_one_report(pair):
    cov = coverage(pair[1]).set_index("key")
    assert cov.loc["gdp_growth", "result"] == "6.1%" and cov.loc["gdp_growth", "target"] == "6%"
    assert cov.loc["foreign_trade_growth", "result"] == ""
    assert cov.loc["deficit_ratio", "result"] == ""
    assert cov["main"].dtype == bool


def test_compare_notebook_on_a_pair(pair, tmp_path):
    """08_compare.ipynb run by papermill on the two reports: the verdict of every key is shown."""
    import json
    import re

    import papermill

    from govreport import paths

    out = tmp_path / "08_compare.ipynb"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / "08_compare.ipynb"), str(out), kernel_name="python3", progress_bar=False,
        parameters={"REPORT": str(pair[1].path), "PREVIOUS": str(pair[0].path)}, cwd=str(paths.NOTEBOOKS_DIR),
    )
    nb = json.loads(out.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            assert o["output_type"] != "error" and o.get("name") != "stderr"
            for mime in ("text/plain", "text/markdown"):
                if mime in o.get("data", {}):
                    texts.append("".join(o["data"][mime]))
    plain = "\n".join(texts)
    for key, (_, _, _, expected) in EXPECTED.items():
        lines = [line for line in plain.splitlines() if re.match(rf"{key}\s", line)]
        assert any(re.search(rf"\s{expected}(\s|$)", line) for line in lines), (key, expected, lines)
    assert "**6 met**, **4 missed**, 1 no result given and 1 not comparable" in plain
    assert "进出口总额" in plain  # named among the targets the later report is silent about
    assert "两个提升" in plain and "四个着力" in plain  # a slogan gained, a slogan dropped
    assert sum("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", [])) == 1


def test_a_slogan_the_later_report_still_writes_is_not_dropped(pair, tmp_path):
    path = tmp_path / "c.txt"
    path.write_text(CURRENT.replace("全年深入推进", "继续落实四个着力，全年深入推进"), encoding="utf-8")
    changes = language_changes(pair[0], load_report(path))
    dropped = changes[(changes["what"] == "slogan") & (changes["change"] == "dropped")]
    assert dropped["term"].tolist() == ["三项改革"]  # 四个着力 is written once, unquoted: still there


def test_the_compare_page_opens_with_a_plain_sentence_and_checks_its_rows():
    from govreport.analysis import compare_story

    report = load_report()
    text = compare_story.intro(report, None, None)
    assert text.startswith("No earlier report is given, so this page reads **")
    assert "the results it gives for 2020, the year it reviews, on the " in text
    cover = coverage(report)
    assert compare_story.row_checks(None, cover) == []
    moved = cover.assign(result_sentence=cover["target_sentence"])  # each result beside the wrong sentence
    failed = compare_story.row_checks(None, moved)
    assert failed and all(n.check == "result in its sentence" for n in failed)
    assert "below say" in compare_story.checked(None, moved, failed)  # one note per moved result


@pytest.mark.parametrize("key,low,high,result,expected", [
    ("gdp_growth", 6.5, 7.0, 6.7, "met"),  # inside
    ("gdp_growth", 6.5, 7.0, 7.4, "met"),  # above, and higher is better
    ("gdp_growth", 6.5, 7.0, 6.4, "missed"),
    ("cpi", 2.0, 3.0, 1.5, "met"),  # below a ceiling key's range
    ("cpi", 2.0, 3.0, 3.1, "missed"),
])
def test_a_range_is_met_inside_or_beyond_on_the_better_side(key, low, high, result, expected):
    got, rule = verdict(key, "range", (low + high) / 2, result, "%", low=low, high=high)
    assert got == expected and rule.startswith("A range is met")


PLAN_AND_YEAR = """政府工作报告
——2026年1月12日在某某省第十四届人民代表大会第四次会议上
某某省省长　王五
各位代表：
一、“十四五”成就和“十五五”目标
“十四五”时期，全省地区生产总值年均增长5.6%。展望“十五五”，全省地区生产总值年均增长4.5%—5%，居民收入增长与经济增长同步。
二、2026年工作安排
今年全省经济社会发展的主要预期目标是：地区生产总值增长5%左右；居民收入增长与经济增长同步；城市副中心地区生产总值增长7%。
"""

REVIEW_2026 = """政府工作报告
——2027年1月12日在某某省第十四届人民代表大会第五次会议上
某某省省长　王五
各位代表：
一、2026年工作回顾
过去一年，全省地区生产总值增长5.2%，居民消费价格与上年持平，城市副中心地区生产总值增长7.5%。
二、2027年工作安排
今年主要预期目标是：地区生产总值增长5%左右。
"""


@pytest.fixture(scope="module")
def plan_pair(tmp_path_factory):
    return load_pair(tmp_path_factory.mktemp("plan-pair"), PLAN_AND_YEAR, REVIEW_2026)


def test_the_annual_target_is_compared_not_the_plan_nor_a_sub_area(plan_pair):
    previous, current = plan_pair
    t = previous.targets
    gdp = t[t["key"] == "gdp_growth"]
    # the plan's 4.5%—5% (for 2030), the year's 5%左右 and the sub-area's 7%: three rows, one main annual
    assert gdp[["mention", "target_year", "horizon", "main", "scope"]].values.tolist() == [
        ["4.5%—5%", 2030, "plan", False, None],
        ["5%", 2026, "year", True, None],
        ["7%", 2026, "year", True, "城市副中心"],
    ]
    table = compare(previous, current).set_index("key")
    row = table.loc["gdp_growth"]
    assert (row["target_mention"], row["qualifier"], row["result_mention"], row["verdict"]) == ("5%", "about", "5.2%", "met")
    assert row["rule"].endswith(".")


def test_a_qualitative_main_target_has_no_figure_to_compare(plan_pair):
    t = plan_pair[0].main_targets()
    assert "居民收入增长与经济增长同步" in set(plan_pair[0].targets["phrase"])
    row = compare(*plan_pair).set_index("key").loc["income_growth"]
    assert row["verdict"] == "no figure to compare" and math.isnan(row["target_value"])
    # the main list: the figure, the phrase (no value) and the sub-area's figure
    assert t["mention"].tolist() == ["5%", "", "7%"] and t["value"].isna().tolist() == [False, True, False]


def test_unchanged_is_a_change_of_zero(plan_pair):
    res = plan_pair[1].results
    cpi = res[res["key"] == "cpi"]
    assert cpi[["mention", "value", "kind", "unit"]].values.tolist() == [["持平", 0.0, "change", "%"]]


def test_a_plan_target_against_a_year_is_not_comparable(tmp_path):
    previous = tmp_path / "p.txt"
    previous.write_text(PLAN_AND_YEAR.replace("地区生产总值增长5%左右；", ""), encoding="utf-8")
    (tmp_path / "c.txt").write_text(REVIEW_2026.replace("2026年工作回顾", "2026年工作回顾").replace(
        "——2027年", "——2031年").replace("2026年工作回顾", "2030年工作回顾").replace("2027年工作安排", "2031年工作安排"),
        encoding="utf-8")
    table = compare(load_report(previous), load_report(tmp_path / "c.txt")).set_index("key")
    row = table.loc["gdp_growth"]
    assert (row["target_mention"], row["horizon"], row["verdict"]) == ("4.5%—5%", "plan", "not comparable")
    assert "plan" in row["rule"]
