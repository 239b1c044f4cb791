"""Computed prose (govreport.analysis.prose and the page stories) on the bundled report and on
synthetic reports written for these tests (our own words, imitating the genre).

What is checked: escaping (report text is data, never markup), counts with their nouns,
numbers as written with a computed reading, the "nothing to report" branches, slogans
counted within a section, SECTION given as a number, regional glosses, and the headline
ranks read from the opening paragraph only.
"""

from __future__ import annotations

from pathlib import Path

import mistune
import pandas as pd
import pytest

from govreport import load_report
from govreport.analysis import language, language_story, notes, overview_story, prose, section_story, sections, summary, tables

HOSTILE = "经济运行<img src=x onerror=alert(1)>稳中有进"

# A prefecture-level city report: the opening paragraph gives two ranks, the next paragraph a third;
# section (一) carries HTML in its heading and in a sentence, money with a change (so a base), a count
# and two numbered slogans; (二) gives changes without a level; (三) gives no figure at all
# (every "nothing" branch); part 二 sets targets.
CITY = """——2023年2月1日在甲乙市第九届人民代表大会第一次会议上
甲乙市人民政府市长　王五
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、过去一年工作回顾
过去一年，全市地区生产总值居全省第4位，增速居全省第2位，各项事业取得新进展。
全市一般公共预算收入居全省第9位，财政实力稳步增强。
（一）经济运行<img src=x onerror=alert(1)>稳中有进
全年完成固定资产投资120亿元，同比增长20%，新开工项目35个，认真落实“六稳”要求，推动经济平稳运行。
民生<script>x</script>保障持续加强，城镇新增就业3000人，“六稳”工作扎实推进，“两区”建设取得积极成效。
（二）生态环境持续改善
空气质量优良天数增加12天，PM2.5浓度下降8%，持续落实“六稳”部署。
（三）社会治理*创新*成效明显
坚持问题导向，统筹推进各项工作，压实各级责任，确保各项任务落到实处。
二、今年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业5000人以上。
"""

# A county report with no figure, no rank, no quote and no numbered formula anywhere.
QUIET = """——2022年1月5日在丙丁县第八届人民代表大会第三次会议上
丙丁县人民政府县长　赵六
各位代表：
一、过去一年工作回顾
过去一年，全县上下团结奋斗，各项事业取得新进展。
（一）乡村振兴扎实推进
坚持问题导向和目标导向，统筹推进各项工作，建立健全工作机制，压实各级责任。
二、今年主要工作
坚持稳中求进工作总基调，统筹发展和安全，推动各项工作落地见效。
"""


@pytest.fixture(scope="module")
def bundled():
    return load_report()


@pytest.fixture
def city(write_report):
    return load_report(write_report(CITY, name="city.txt"))


@pytest.fixture
def quiet(write_report):
    return load_report(write_report(QUIET, name="quiet.txt"))


def render(markdown: str) -> str:
    """Markdown rendered to HTML the way a notebook page renders it (raw HTML allowed through)."""
    return mistune.html(markdown) if hasattr(mistune, "html") else mistune.markdown(markdown, escape=False)


# --- escaping --------------------------------------------------------------------------------
def test_md_escape_shows_html_as_text():
    escaped = prose.md_escape(HOSTILE)
    assert "<" not in escaped and ">" not in escaped
    html = render(f"## {escaped}")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text, every character kept


def test_md_escape_neutralises_markdown():
    for text in ["*强调*", "_下划线_", "[链接](http://x)", "`代码`", "$x^2$", "# 标题", "a|b", "~~删除~~"]:
        html = render(prose.md_escape(text))
        for tag in ("<em>", "<strong>", "<a ", "<code>", "<h1>", "<del>"):
            assert tag not in html, (text, html)
    assert prose.md_escape(None) == "" and prose.md_escape(float("nan")) == ""
    assert prose.md_escape("一行\n两行") == "一行 两行"


def test_section_prose_escapes_report_text(city):
    pages = "\n\n".join(
        f(city, sid)
        for sid in ("1.1", "1.3")
        for f in (section_story.section_heading, section_story.section_claim, section_story.figures_per_point)
    )
    html = render(pages)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>创新</em>" not in html and "*创新*" in html


def test_walk_display_escapes(city, monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    sections.show_walk(city, "1.1")
    markdown = [o.data for o in shown if hasattr(o, "data") and isinstance(o.data, str)]
    assert markdown and all("<script" not in m and "<img" not in m for m in markdown)


# --- counts, numbers, lists -------------------------------------------------------------------
def test_counts_carry_their_nouns():
    assert prose.count(1, "point") == "1 point"
    assert prose.count(3, "point") == "3 points"
    assert prose.count(0, "figure") == "0 figures"
    assert prose.count(2, "quoted expression") == "2 quoted expressions"
    assert prose.count(1200, "sentence") == "1,200 sentences"
    assert prose.count(2, "city") == "2 cities" and prose.count(2, "day") == "2 days"
    assert [prose.times(n) for n in (1, 2, 5)] == ["once", "twice", "5 times"]
    assert [prose.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
    assert prose.join(["A"]) == "A" and prose.join(["A", "B"]) == "A and B" and prose.join(["A", "B", "C"]) == "A, B and C"
    assert prose.listing(["1", "1.2"]) == "1, 1.2"


def test_numbers_as_written_with_a_reading(bundled):
    f = bundled.facts
    money = prose.figure(f[(f["indicator"] == "上级政策性资金") & (f["kind"] == "measure")].iloc[0])
    assert money == "上级政策性资金 **184.7亿元** (18.47 billion yuan)"
    fall = prose.figure(f[f["indicator"] == "PM2.5浓度"].iloc[0])
    assert fall == "PM2.5浓度 **11.1%** (a change of −11.1%)"
    assert prose.reading(1.847e10, "元") == "184.7亿元"
    assert prose.reading(2e5, "名") == "20万名"  # people are counted in 万
    assert prose.reading(8341, "个") == "8,341个"  # a unit not counted in 万: digits
    assert prose.reading(3.5e4, "人") == "3.5万人"


def test_changes_with_base_on_the_bundled_report(bundled):
    text = section_story.changes(bundled, "1.2")
    assert "**184.7亿元**, a change of +183.1%, so about **65.24亿元** before" in text  # 184.7 / 2.831
    assert "**81.7亿元**, a change of +364%, so about **17.61亿元** before" in text  # 81.7 / 4.64
    assert "The other" not in text  # both changes of (二) come with their level
    pollution = section_story.changes(bundled, "1.3")
    assert pollution.startswith("This section gives 3 changes against an earlier period. All 3 come without the level")


def test_section_claim_counts_agree_with_the_tables(bundled):
    for sid in ("1.1", "1.2", "1.3", "1.4"):
        text = section_story.section_claim(bundled, sid)
        n_points = len(sections.points(bundled, sid))
        n_facts = len(sections.node_facts(bundled, sid))
        assert f"in {prose.count(n_points, 'point')}" in text
        assert f"gives {prose.count(n_facts, 'figure')}:" in text
    assert "1 rank" in section_story.section_claim(bundled, "1.1")  # 11 amounts and counts and 1 rank


# --- the section page on a synthetic report ---------------------------------------------------
def test_section_branches_for_nothing_to_report(city):
    sid = "1.3"  # no figure, no slogan, no point
    assert section_story.largest_amounts(city, sid) == "This section gives no amount or count (no figure with a unit of measure)."
    assert section_story.changes(city, sid) == "This section gives no change against an earlier period."
    assert section_story.targets(city, sid) == "This section sets no target: it gives no figure at all."
    assert section_story.slogans(city, sid) == "No numbered slogan (提法) occurs in this section."
    assert section_story.figures_per_point(city, sid).startswith("No point (bold lead sentence) is found in this section")
    assert "gives no figure at all" in section_story.section_claim(city, sid)


def test_section_money_changes_and_targets(city):
    amounts = section_story.largest_amounts(city, "1.1")
    assert "完成固定资产投资 **120亿元** (12 billion yuan)" in amounts
    changes = section_story.changes(city, "1.1")
    assert "**120亿元**, a change of +20%, so about **100亿元** before" in changes  # 120 / 1.2
    without = section_story.changes(city, "1.2")
    assert "Both come without the level they start from" in without and "(a change of −8%)" in without
    n_targets = int(city.facts[city.facts["section"].str.split(".").str[0] == "2"]["is_target"].sum())
    assert n_targets >= 1, "the fact engine marks the main expected targets"
    assert section_story.targets(city, "2").startswith(f"This part sets {prose.count(n_targets, 'target')}")
    assert section_story.targets(city, "1.1").startswith("This section sets no target: its 4 figures")


def test_slogans_counted_within_the_section(city):
    table = sections.slogans(city, "1.1").set_index("term")
    assert table.loc["六稳", "count"] == 2 and table.loc["六稳", "report_count"] == 3
    text = section_story.slogans(city, "1.1")
    assert text.startswith("2 numbered slogans occur in this section, 3 times in all")
    assert "**六稳** (twice here, once more elsewhere in the report)" in text
    assert section_story.slogans(city, "1.2").startswith("1 numbered slogan occurs in this section, once in all")


def test_no_points_anywhere(city):
    assert overview_story.points(city) == (
        "No point (bold lead sentence) is found in any of the 3 sections; their text is still counted above."
    )
    walked = sections.walk(city, "1.1")
    assert [(p.id, p.title) for p in walked] == [("1.1", "(the whole text: no point is found in it)")]
    assert walked[0].reading.startswith("4 figures (3 amounts and counts and 1 change): 完成固定资产投资 120亿元")


def test_part_without_sections_reads_as_a_part(city):
    assert section_story.section_heading(city, "2") == "## 二、今年工作安排"
    assert section_story.section_claim(city, "2").startswith("**The claim.** The part's heading")


def test_section_heading_carries_the_outline_number(bundled):
    assert section_story.section_heading(bundled, "1.1") == "## （一）" + prose.md_escape(bundled.node("1.1")["title"])
    assert [section_story.chinese_number(n) for n in (1, 10, 12, 20, 23)] == ["一", "十", "十二", "二十", "二十三"]


# --- SECTION given as a number ----------------------------------------------------------------
def test_section_id_from_numbers(city, write_report):
    assert sections.section_id(city, "1.2") == "1.2"
    assert sections.section_id(city, 1.2) == "1.2"  # papermill -p SECTION 1.2
    assert sections.section_id(city, 2) == "2"
    with pytest.raises(ValueError, match="no outline node '9.9'.*1.1, 1.2"):
        sections.section_id(city, 9.9)
    with pytest.raises(ValueError, match="not True"):
        sections.section_id(city, True)
    eleven = "".join(f"（{section_story.chinese_number(i)}）第{i}项工作扎实推进。坚持问题导向，统筹推进各项工作，压实责任。\n" for i in range(1, 12))
    big = load_report(write_report(CITY.split("一、")[0] + "一、工作回顾\n" + eleven, name="eleven.txt"))
    assert sections.section_id(big, "1.10") == "1.10"
    with pytest.raises(ValueError, match=r"ambiguous.*1\.1, 1\.10.*as a string"):
        sections.section_id(big, 1.1)
    assert sections.section_id(big, 1.2) == "1.2"  # no 1.20: not ambiguous


# --- overview and language pages ----------------------------------------------------------------
def test_headline_ranks_from_the_opening_paragraph_only(city, bundled):
    ranks = summary.headline_ranks(city)
    assert list(ranks["rank"]) == [4, 2]  # the 第9位 of the next paragraph is not the opening's
    assert overview_story.headline(ranks) == (
        "The opening paragraph of the first part gives **2 rankings** within **全省**, from 2nd (地区生产总值增速) to 4th (地区生产总值)."
    )
    assert len(summary.headline_ranks(bundled)) == 9


def test_overview_on_the_bundled_report(bundled):
    answer = overview_story.answer(bundled)
    c = summary.level_counts(bundled)
    assert f"**{prose.count(c['parts'], 'part')}, {prose.count(c['sections'], 'section')} and {prose.count(c['points'], 'point')}**" in answer
    assert f"{prose.number(c['characters'])} non-blank characters" in answer
    assert f"**{prose.count(len(bundled.facts), 'quantitative fact')}**" in answer
    assert "市长 **徐衣显** delivered it on 2021-02-23" in answer


def test_the_row_with_the_most_facts_is_not_said_to_hold_most_of_them(bundled):
    """The row holding the most facts may hold fewer than half: "the most are in", not "most are in"."""
    by_section = summary.facts_by_section(bundled)
    top = by_section["total"].idxmax()
    text = overview_story.facts(bundled, by_section)
    assert f"The most are in {prose.md_escape(top)} ({by_section.loc[top, 'total']} of {len(bundled.facts)})" in text
    assert ". Most are in" not in text


def test_overview_branches(quiet):
    ranks = summary.headline_ranks(quiet)
    assert overview_story.headline(ranks) == "The opening paragraph of the first part gives no ranking."
    assert overview_story.totals_and_growth(ranks) == "The opening ranks do not set totals (总量) against growth rates (增速)."
    assert overview_story.facts(quiet, summary.facts_by_section(quiet)) == "The report gives no quantitative fact that the fact engine reads."
    assert overview_story.missing_meta(quiet) == "Not given by the text, so `None`: `title`."


def test_language_branches(quiet):
    assert language_story.slogans_summary(language.slogans(quiet)) == "The report uses no numbered formula (提法) that the rule finds."
    assert language_story.quotes_summary(language.quotes(quiet)) == "The report puts no expression in quotation marks (“…”, 「…」 or \"…\")."
    assert language_story.items(language.slogans(quiet)) == "No numbered formula, so no items to list."
    assert language_story.where(pd.Series(dtype=int), "section") == "No numbered formula occurs, so there is nothing to place."


def test_language_answer_is_computed(bundled):
    top = language.term_counts(bundled, top=20)
    first, second = top.index[:2]
    text = language_story.top_terms(top)
    assert text.startswith(f"The most frequent content terms are **{first}** ({prose.times(top.iloc[0])}), **{second}**")
    slogans = language.slogans(bundled)
    recur = slogans[slogans["count"] > 1]["term"]
    summary_text = language_story.slogans_summary(slogans)
    assert f"{prose.count(len(slogans), 'numbered formula')}" in summary_text
    assert all(f"**{t}** (twice)" in summary_text for t in recur)


# --- regional glosses -------------------------------------------------------------------------------
def test_regional_gloss_only_for_its_region(city, write_report, bundled):
    assert language.report_regions(bundled) == {"河南", "焦作市"}
    assert language.slogans(bundled).set_index("term").loc["两区", "glossed"]
    elsewhere = language.slogans(city).set_index("term")
    assert city.meta["place"] == "甲乙市" and language.report_regions(city) == set()
    assert not elsewhere.loc["两区", "glossed"] and elsewhere.loc["两区", "gloss"] == ""
    assert elsewhere.loc["六稳", "glossed"]  # a national gloss holds everywhere
    shown = language.with_gloss_notes(language.slogans(city)).set_index("term")
    assert shown.loc["两区", "gloss"] == "(not in the glossary)"
    assert "**两区** (once here) (not in the glossary)" in section_story.slogans(city, "1.1")
    quoted = language.quotes(city).set_index("quote")
    assert quoted.loc["两区", "gloss"] == "" and quoted.loc["六稳", "gloss"].iloc[0] == "the six stabilities"
    in_henan = load_report(write_report(CITY, name="henan.txt"), place="郑州市")
    assert language.report_regions(in_henan) == {"河南"}
    assert "(Henan)" in language.slogans(in_henan).set_index("term").loc["两区", "gloss"]


# --- tables -------------------------------------------------------------------------------------------
def test_tables_show_empty_and_lists(monkeypatch):
    shown = []
    import IPython.display

    widths = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: (shown.append(obj), widths.append(pd.get_option("display.max_colwidth"))))
    tables.show(pd.DataFrame(columns=["a"]), empty="Nothing here.")
    assert shown[-1].data == "Nothing here."
    tables.show(pd.DataFrame(columns=["a"]), empty=None)
    assert len(shown) == 1
    long = "很长的句子" * 40
    tables.show(pd.DataFrame({"sections": [["1", "1.2"]], "text": [long], "x": [None]}), empty="-")
    frame = shown[-1]
    assert frame.loc[0, "sections"] == "1, 1.2" and frame.loc[0, "x"] is None
    assert widths[-1] is None  # shown whole: the column width limit (which cuts with "…") is lifted
    with pd.option_context("display.max_colwidth", widths[-1]):
        assert long in frame.to_html()


def test_durations_against_the_report_date(bundled, city):
    assert section_story.durations(bundled, "1.1") == (
        "1 count of days runs from a date given in the same sentence: 无新增病例 **372天**, "
        "from 2020-02-16 to 2021-02-22, 1 day before the report's date (2021-02-23)."
    )  # 2020-02-16 + 372 days = 2021-02-22
    assert section_story.durations(city, "1.2") == "No count of days in this section runs from a date given with it."


def test_closing_and_checks_sentences(bundled):
    national = load_report(Path(__file__).parent / "data" / "layouts" / "national.txt")
    closing = national.outline[national.outline["level"] == "closing"]["id"].iloc[0]
    assert section_story.section_heading(national, closing) == "## 结束语 The closing"
    assert section_story.section_claim(national, closing).startswith("**The claim.** This closing has no heading of its own")
    lists = sections.enumerations(bundled, sections.node_facts(bundled, "1.3"))
    assert section_story.checks(7, lists, []) == (
        "All 7 figures lie inside their spans and read as their mention; 1 、-list of figures, each value with its own indicator."
    )
    assert section_story.checks(0, lists.iloc[0:0], []) == "No figure to check: there is none here."
    shared = [notes.note("、-list", "the 2 values 5%、6% are read with “收入”, not one indicator each", "收入分别增长5%、6%。")]
    assert section_story.checks(7, lists, shared) == (
        "All 7 figures lie inside their spans and read as their mention; of 1 、-list of figures, 1 gives one indicator "
        "to several values. The note below says what failed."
    )


def test_level_and_layout_notes(bundled, write_report):
    assert overview_story.reading_notes(bundled) == (
        "It is a prefecture-level report; its outline was read from numbered headings (一、 and （一）)."
    )
    # The flat layout's text with a title that names no place (its own, 某某县政府工作报告, gives a county).
    flat_text = (Path(__file__).parent / "data" / "layouts" / "flat.txt").read_text(encoding="utf-8")
    flat = load_report(write_report(flat_text.replace("某某县政府工作报告", "政府工作报告", 1)))
    assert overview_story.reading_notes(flat) == (
        "The text does not say at which level of government it was delivered; its text has no headings, so it is read as one part."
    )


def test_lengths_leave_the_closing_and_appendix_out_of_the_body(bundled):
    """The closing address and an appendix (附件, 名词解释) are outside the body: the longest
    stretch of the body is a section or a part, never the appendix, and the sentence says
    what was left out; a report with neither says nothing about them."""
    district = load_report(Path(__file__).parent / "data" / "layouts" / "district.txt")
    table = summary.section_summary(district)
    assert set(table["id"]) >= {"c", "a"}
    text = overview_story.lengths(table)
    assert "closing and appendix left out" in text
    longest = text.split(" is ", 1)[1]
    assert not longest.startswith(("a ", "c "))
    assert "left out" not in overview_story.lengths(summary.section_summary(bundled))


def test_outline_numbers_show_as_written(write_report):
    """A section led by 一是 is shown so, not as （一）; (二) and （二） are one form."""
    text = (
        "——2023年2月1日在某某市第三届人民代表大会第一次会议上\n某某市人民政府市长　王五\n各位代表：\n"
        "一、过去一年的工作\n"
        "一是农业稳中有进。粮食产量达到80万吨。\n"
        "二是工业提质增效。工业产值增长6%。\n"
        "二、今年的工作\n"
        "(一)抓好项目建设。新开工项目50个。\n"
        "(二)办好民生实事。新建学校3所。\n"
    )
    r = load_report(write_report(text))
    assert section_story.section_heading(r, "1.2") == "## 二是" + prose.md_escape(r.node("1.2")["title"])
    assert section_story.section_heading(r, "2.1").startswith("## （一）")
    assert section_story.outline_label(r.node("1.2")) == "（二）"  # without the report: the usual form


def test_trillions_are_written_in_wanyi():
    assert prose.reading(2.1596244e13, "元") == "21.6万亿元"
    assert prose.reading(1.2e12, "美元") == "1.2万亿美元"
    assert prose.reading(9.87e11, "元") == "9,870亿元"
    assert sections.amount(2.1596244e13, "元") == "21.6万亿元"


def test_overview_shares_in_the_table_and_the_sentence_agree(bundled):
    table = summary.section_summary(bundled)
    shares = summary.body_shares(table)
    assert abs(shares.sum() - 1) < 1e-9
    text = overview_story.lengths(table)
    assert f"{prose.percent(shares.iloc[0])} of the body" in text
    assert summary.outline_checks(bundled, table) == []
    assert summary.facts_checks(bundled, summary.facts_by_section(bundled)) == []
    assert "lie inside their parents" in overview_story.outline_checks(bundled, table, [])


def test_a_closing_is_no_part_of_the_body_shares(write_report):
    text = (
        "——2023年2月1日在某某市第三届人民代表大会第一次会议上\n某某市人民政府市长　王五\n各位代表：\n"
        "一、过去一年的工作\n（一）农业稳中有进。粮食产量达到80万吨，全年新建高标准农田20万亩。\n"
        "（二）工业提质增效。工业产值增长6%。\n"
        "各位代表！让我们团结一心，奋力谱写新篇章，以优异成绩迎接新的挑战，不断开创各项事业发展的新局面！\n"
    )
    r = load_report(write_report(text))
    table = summary.section_summary(r)
    shares = summary.body_shares(table)
    assert set(shares.index) == set(summary.body_rows(table)["label"])
    assert len(shares) < (table["characters"] > 0).sum()  # the closing row is left out
    assert "closing and appendix left out" in overview_story.lengths(table)
