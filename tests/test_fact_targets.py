"""Targets (issue 10): which figures are planned or expected (``is_target``), the year each
is for (``target_year``) and the target statement it belongs to (``statement``), on
synthetic reports and sentences made up for these tests; ``report.main_targets()``.

Every row is checked field by field: section, mention, kind, value, unit, qualifier,
indicator, is_target, target_year, statement. A statement is named here by the start of its
first sentence (``S("今年经济")``) and looked up in the report's sentences table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from govreport import load_report
from govreport.facts import extract_facts, facts_from_text
from govreport.facts.plan import five_year_plan, main_targets, plan_regions, title_mode


def head(year: int, place: str = "某市") -> str:
    return f"——{year}年1月10日在{place}第十六届人民代表大会第三次会议上\n"


def make(tmp_path: Path, year: int, body: str):
    path = tmp_path / f"report-{year}.txt"
    path.write_text(head(year) + body, encoding="utf-8")
    return load_report(path)


class S:
    """The statement that begins with the sentence starting with ``prefix``."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def id(self, report) -> int:
        hits = [int(i) for i, t in zip(report.sentences["id"], report.sentences["text"]) if t.startswith(self.prefix)]
        assert len(hits) == 1, (self.prefix, hits)
        return hits[0]


def rows(report) -> list[tuple]:
    return [
        (r.section, r.mention, r.kind, r.value, r.unit, r.qualifier, r.indicator, bool(r.is_target),
         None if pd.isna(r.target_year) else int(r.target_year),
         None if pd.isna(r.statement) else int(r.statement))
        for r in report.facts.itertuples(index=False)
    ]


def expect(report, table: list[tuple]) -> list[tuple]:
    """``table`` with each ``S`` replaced by its sentence id."""
    return [tuple(x.id(report) if isinstance(x, S) else x for x in row) for row in table]


# -- a plan part named by its year and its words; results inside it ------------------------------

PLAN_2024 = """一、2023年工作回顾
过去一年，全市地区生产总值增长6.1%，一般公共预算收入完成210亿元。城镇登记失业率控制在3.2%。
二、2024年经济社会发展总体要求和政策取向
今年经济社会发展的主要预期目标是：
地区生产总值增长5.5%左右；
一般公共预算收入增长4%，比上年回落0.5个百分点；
细颗粒物平均浓度控制在35微克/立方米以下；
粮食产量稳定在120万吨以上。
规模以上工业增加值增长7%。去年全市完成投资400亿元。全市已建成5G基站8000个。
过去一年新增城镇就业5万人。全市完成了棚户区改造3000套。
（一）扩大有效投资。实施重点项目500个，完成投资1200亿元。到2027年，全市高新技术企业突破3000家。
三、加强政府自身建设
全年压减一般性支出5%。2023年压减支出3%。
"""


def test_plan_part_list_statement_and_results(tmp_path):
    r = make(tmp_path, 2024, PLAN_2024)
    main = S("今年经济社会发展")
    assert rows(r) == expect(r, [
        # the review: results, also 控制在 (in a review it reports a result)
        ("1", "6.1%", "change", 6.1, "%", "", "地区生产总值", False, None, None),
        ("1", "210亿元", "measure", 2.1e10, "元", "", "一般公共预算收入", False, None, None),
        ("1", "3.2%", "share", 3.2, "%", "", "城镇登记失业率", False, None, None),
        # the list: one statement from its cue across four ；-lines; the comparison with last
        # year inside it is a target too
        ("2", "5.5%", "change", 5.5, "%", "about", "地区生产总值", True, 2024, main),
        ("2", "4%", "change", 4.0, "%", "", "一般公共预算收入", True, 2024, main),
        ("2", "0.5个百分点", "change", -0.5, "个百分点", "", "一般公共预算收入", True, 2024, main),
        ("2", "35微克/立方米", "measure", 35.0, "微克/立方米", "at_most", "细颗粒物平均浓度", True, 2024, main),
        ("2", "120万吨", "measure", 1.2e6, "吨", "at_least", "粮食产量", True, 2024, main),
        # a plan part: a figure without a cue is a target, unless its sentence reports a result
        ("2", "7%", "change", 7.0, "%", "", "规模以上工业增加值", True, 2024, S("规模以上工业增加值")),
        ("2", "400亿元", "measure", 4e10, "元", "", "完成投资", False, None, None),
        ("2", "8000个", "measure", 8000.0, "个", "", "5G基站", False, None, None),
        ("2", "5万人", "measure", 50_000.0, "人", "", "新增城镇就业", False, None, None),
        ("2", "3000套", "measure", 3000.0, "套", "", "棚户区改造", False, None, None),
        ("2.1", "500个", "measure", 500.0, "个", "", "重点项目", True, 2024, S("实施重点项目")),
        ("2.1", "1200亿元", "measure", 1.2e11, "元", "", "完成投资", True, 2024, S("实施重点项目")),
        ("2.1", "3000家", "measure", 3000.0, "家", "more_than", "高新技术企业", True, 2027, S("到2027年")),
        # a part that says neither plan nor review, after a plan part, plans too
        ("3", "5%", "share", 5.0, "%", "", "压减一般性支出", True, 2024, S("全年压减")),
        ("3", "3%", "share", 3.0, "%", "", "压减支出", False, None, None),
    ])
    got = main_targets(r)
    assert list(got["mention"]) == ["5.5%", "4%", "0.5个百分点", "35微克/立方米", "120万吨"]
    assert got["is_target"].all() and (got["statement"] == main.id(r)).all()
    # report.main_targets() is these figures as rows of report.targets
    assert r.main_targets()["fact"].tolist() == got["id"].tolist()
    # the README's one-line filter gives the same rows here
    f = r.facts
    pd.testing.assert_frame_equal(f[f.statement == f.statement[f.is_target].min()], got)


@pytest.mark.parametrize(
    "title, mode",
    [
        ("2024年经济社会发展总体要求和政策取向", "plan"),  # the report's year
        ("2025年工作打算", "plan"),  # a later year
        ("今年工作安排", "plan"),
        ("主要任务", "plan"),
        ("奋斗目标", "plan"),
        ("总体要求", "plan"),
        ("政策取向", "plan"),
        ("做好今年政府工作", "plan"),
        ("扎实做好各项工作", "plan"),  # 工作 alone: a plan
        ("2023年工作回顾", "review"),  # 工作 with 回顾 or an earlier year: a review
        ("过去五年工作", "review"),
        ("2023年主要工作", "review"),
        ("“十四五”成就和“十五五”目标", "mixed"),
        ("2023年工作回顾和2024年工作安排", "mixed"),
        ("加强政府自身建设", ""),
    ],
)
def test_part_titles(title, mode):
    assert title_mode(title, 2024 if "十五五" not in title else 2026) == mode


def test_plan_regions_sections_and_following_parts(tmp_path):
    r = make(tmp_path, 2024, PLAN_2024)
    regions = plan_regions(r.outline, 2024)
    part = r.outline.set_index("id")
    assert regions == [
        (int(part.loc["1", "start"]), int(part.loc["1", "end"]), "review"),
        (int(part.loc["2", "start"]), int(part.loc["2", "end"]), "plan"),
        (int(part.loc["3", "start"]), int(part.loc["3", "end"]), "plan"),
    ]


def test_five_year_plans():
    assert five_year_plan("十四") == (2021, 2025)
    assert five_year_plan("十五") == (2026, 2030)
    assert five_year_plan("十三") == (2016, 2020)


# -- a mixed part: a review and a plan in one title ----------------------------------------------

MIXED_2026 = """一、“十四五”成就和“十五五”目标
“十四五”时期，全省地区生产总值年均增长6.2%，城镇新增就业累计达到300万人。2025年，粮食产量达到700亿斤。
展望“十五五”，全省地区生产总值年均增长5%左右。研发投入强度达到3%。
到2030年，常住人口城镇化率达到70%。
二、2026年工作安排
今年全省地区生产总值增长5%左右。
"""


def test_mixed_part_targets_only_the_plan_years(tmp_path):
    r = make(tmp_path, 2026, MIXED_2026)
    assert rows(r) == expect(r, [
        ("1", "6.2%", "change", 6.2, "%", "", "地区生产总值", False, None, None),
        ("1", "300万人", "measure", 3e6, "人", "", "新增就业", False, None, None),
        ("1", "700亿斤", "measure", 7e10, "斤", "", "粮食产量", False, None, None),
        # "十五五" names 2026-2030: the plan's last year; the next sentence of the paragraph
        # goes on about the plan
        ("1", "5%", "change", 5.0, "%", "about", "地区生产总值", True, 2030, S("展望")),
        ("1", "3%", "share", 3.0, "%", "", "研发投入强度", True, 2030, S("研发投入强度")),
        ("1", "70%", "share", 70.0, "%", "", "常住人口城镇化率", True, 2030, S("到2030年")),
        ("2", "5%", "change", 5.0, "%", "about", "地区生产总值", True, 2026, S("今年全省")),
    ])
    assert r.main_targets().empty  # no 主要预期目标 list


# -- cues anywhere; never for the past ---------------------------------------------------------------

REVIEW_2024 = """一、2023年工作回顾
力争引进项目30个。拟发行专项债券50亿元。我们的目标是新增市场主体2万户。计划新建学校12所。
今年安排资金8亿元。去年安排资金6亿元。去年计划完成的项目已全部竣工，完成投资80亿元。
完成投资占年度计划的110%。确保粮食产量稳定在50万吨。
"""


def test_cues_set_targets_outside_plan_parts(tmp_path):
    r = make(tmp_path, 2024, REVIEW_2024)
    assert rows(r) == expect(r, [
        ("1", "30个", "measure", 30.0, "个", "", "项目", True, 2024, S("力争引进")),
        ("1", "50亿元", "measure", 5e9, "元", "", "专项债券", True, 2024, S("拟发行")),
        ("1", "2万户", "measure", 20_000.0, "户", "", "新增市场主体", True, 2024, S("我们的目标")),
        ("1", "12所", "measure", 12.0, "所", "", "学校", True, 2024, S("计划新建")),
        # 安排 with the report's year is a target, with an earlier one a result
        ("1", "8亿元", "measure", 8e8, "元", "", "资金", True, 2024, S("今年安排")),
        ("1", "6亿元", "measure", 6e8, "元", "", "资金", False, None, None),
        # 计划 in a sentence that reports the past, or as a noun (年度计划): no target
        ("1", "80亿元", "measure", 8e9, "元", "", "完成投资", False, None, None),
        ("1", "110%", "share", 110.0, "%", "", "完成投资", False, None, None),
        # 确保 and 控制在 in a review report results
        ("1", "50万吨", "measure", 5e5, "吨", "", "粮食产量", False, None, None),
    ])


def facts_of(text: str, date: str = "2024-03-05") -> list[tuple]:
    df = facts_from_text(text, date)
    return [
        (r.mention, r.kind, r.value, r.unit, r.qualifier, r.indicator, bool(r.is_target),
         None if pd.isna(r.target_year) else int(r.target_year),
         None if pd.isna(r.statement) else int(r.statement))
        for r in df.itertuples(index=False)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a comparison with last year inside a target sentence does not make it a result
        ("赤字率拟按3%安排，比去年提高0.2个百分点。", [
            ("3%", "share", 3.0, "%", "", "赤字率", True, 2024, 0),
            ("0.2个百分点", "change", 0.2, "个百分点", "", "赤字率", True, 2024, 0),
        ]),
        ("确保粮食产量稳定在50万吨以上。", [("50万吨", "measure", 5e5, "吨", "at_least", "粮食产量", True, 2024, 0)]),
        ("城镇调查失业率控制在5.5%左右。", [("5.5%", "share", 5.5, "%", "about", "城镇调查失业率", True, 2024, 0)]),
        ("主要目标是：全市地区生产总值增长6%。", [("6%", "change", 6.0, "%", "", "地区生产总值", True, 2024, 0)]),
        ("今年经济发展预期目标：地区生产总值增长6%；研发投入强度达到2.5%。", [
            ("6%", "change", 6.0, "%", "", "地区生产总值", True, 2024, 0),
            ("2.5%", "share", 2.5, "%", "", "研发投入强度", True, 2024, 0),
        ]),
        # the year a target is for: a later year, a period, a range of years
        ("力争到2030年，全市地区生产总值突破8000亿元。", [("8000亿元", "measure", 8e11, "元", "more_than", "地区生产总值", True, 2030, 0)]),
        ("“十五五”时期，力争全市研发投入强度达到3%。", [("3%", "share", 3.0, "%", "", "研发投入强度", True, 2030, 0)]),
        ("计划2024—2026年新建保障性住房3万套。", [("3万套", "measure", 30_000.0, "套", "", "保障性住房", True, 2026, 0)]),
        # a base year is a comparison, not the past
        ("以2020年为基数，力争碳排放强度下降18%。", [("18%", "change", -18.0, "%", "", "碳排放强度", True, 2024, 0)]),
        ("明年力争新增就业5万人。", [("5万人", "measure", 50_000.0, "人", "", "新增就业", True, 2025, 0)]),
        # the past, whatever the cue
        ("去年力争引进项目30个。", [("30个", "measure", 30.0, "个", "", "项目", False, None, None)]),
        ("我们确保了粮食产量稳定在50万吨。", [("50万吨", "measure", 5e5, "吨", "", "粮食产量", False, None, None)]),
        ("2022年计划新建学校12所。", [("12所", "measure", 12.0, "所", "", "学校", False, None, None)]),
        # a clause about the past after a target clause, and a target clause after a past one
        ("去年完成投资120亿元，今年力争完成150亿元。", [
            ("120亿元", "measure", 1.2e10, "元", "", "完成投资", False, None, None),
            ("150亿元", "measure", 1.5e10, "元", "", "完成投资", True, 2024, 0),
        ]),
        # 拟 inside a word (模拟, 草拟) and 计划 as a noun are no cues
        ("模拟考试合格率达到95%。", [("95%", "share", 95.0, "%", "", "模拟考试合格率", False, None, None)]),
        ("完成年度计划的105%。", [("105%", "share", 105.0, "%", "", "完成年度计划", False, None, None)]),
        # no cue, no plan part: no target
        ("全市地区生产总值增长6%。", [("6%", "change", 6.0, "%", "", "地区生产总值", False, None, None)]),
    ],
)
def test_target_sentences(text, expected):
    assert facts_of(text) == expected


def test_statements_number_from_the_first_sentence():
    text = "全市地区生产总值增长6%。主要预期目标是：地区生产总值增长5%；财政收入增长3%。力争新增就业5万人。"
    assert facts_of(text) == [
        ("6%", "change", 6.0, "%", "", "地区生产总值", False, None, None),
        ("5%", "change", 5.0, "%", "", "地区生产总值", True, 2024, 1),
        ("3%", "change", 3.0, "%", "", "财政收入", True, 2024, 1),
        ("5万人", "measure", 50_000.0, "人", "", "新增就业", True, 2024, 3),
    ]


def test_without_a_report_year_targets_have_no_year_unless_the_text_names_one():
    assert facts_of("力争新增就业5万人。", None) == [("5万人", "measure", 50_000.0, "人", "", "新增就业", True, None, 0)]
    assert facts_of("力争到2030年新增就业5万人。", None) == [("5万人", "measure", 50_000.0, "人", "", "新增就业", True, 2030, 0)]


# -- closing and appendix ---------------------------------------------------------------------------------

CLOSING_2024 = """一、2023年工作回顾
全市地区生产总值增长6.1%。
二、2024年工作安排
今年全市地区生产总值增长5.5%左右。
各位代表！
让我们团结一心，力争全市地区生产总值突破5000亿元。全市常住人口达到300万人。
附件：名词解释
1.三个一：一个中心，全市新建学校30所。
"""


def test_closing_and_appendix_targets_only_where_a_sentence_sets_one(tmp_path):
    r = make(tmp_path, 2024, CLOSING_2024)
    assert rows(r) == expect(r, [
        ("1", "6.1%", "change", 6.1, "%", "", "地区生产总值", False, None, None),
        ("2", "5.5%", "change", 5.5, "%", "about", "地区生产总值", True, 2024, S("今年全市")),
        ("c", "5000亿元", "measure", 5e11, "元", "more_than", "地区生产总值", True, 2024, S("让我们")),
        ("c", "300万人", "measure", 3e6, "人", "", "常住人口", False, None, None),
        ("a", "30所", "measure", 30.0, "所", "", "学校", False, None, None),
    ])


# -- other layouts: plan parts from 第一部分 chapters and unnumbered heading lines -------------------

CHAPTERS_2025 = """第一部分　2024年工作回顾
全县地区生产总值增长5.8%，一般公共预算收入完成12亿元。
第二部分　2025年目标任务
全县地区生产总值增长6%左右，一般公共预算收入增长5%。去年新增市场主体3000户。
各位代表：
让我们力争全县地区生产总值突破300亿元！
"""

HEADINGS_2025 = """2024年工作回顾
全县地区生产总值增长5.8%，一般公共预算收入完成12亿元。
2025年工作安排
全县地区生产总值增长6%左右，一般公共预算收入增长5%。去年新增市场主体3000户。
加强政府自身建设
全年压减一般性支出5%。
"""


@pytest.mark.parametrize("body, last", [
    (CHAPTERS_2025, ("c", "300亿元", "measure", 3e10, "元", "more_than", "地区生产总值", True, 2025, S("让我们"))),
    (HEADINGS_2025, ("3", "5%", "share", 5.0, "%", "", "压减一般性支出", True, 2025, S("全年压减"))),
])
def test_plan_parts_in_other_layouts(tmp_path, body, last):
    r = make(tmp_path, 2025, body)
    assert rows(r) == expect(r, [
        ("1", "5.8%", "change", 5.8, "%", "", "地区生产总值", False, None, None),
        ("1", "12亿元", "measure", 1.2e9, "元", "", "一般公共预算收入", False, None, None),
        ("2", "6%", "change", 6.0, "%", "about", "地区生产总值", True, 2025, S("全县地区生产总值增长6%")),
        ("2", "5%", "change", 5.0, "%", "", "一般公共预算收入", True, 2025, S("全县地区生产总值增长6%")),
        ("2", "3000户", "measure", 3000.0, "户", "", "新增市场主体", False, None, None),
        last,
    ])


# -- reading in pieces does not change targets -----------------------------------------------------------


@pytest.mark.parametrize("body, year", [(PLAN_2024, 2024), (MIXED_2026, 2026), (REVIEW_2024, 2024), (CLOSING_2024, 2024),
                                        (HEADINGS_2025, 2025)])
def test_targets_do_not_depend_on_the_piece_size(tmp_path, body, year):
    r = make(tmp_path, year, body * 3)
    whole = extract_facts(r, chunk=len(r.text) + 1)
    assert whole["is_target"].any()
    for chunk in (1, 7, 100):
        pd.testing.assert_frame_equal(extract_facts(r, chunk=chunk), whole, check_exact=True)
