"""The tables the notebooks share (govreport.analysis.summary, govreport.analysis.sections), on the bundled report.

Expected values were checked against the text: e.g. 184.7亿元 up 183.1% implies 184.7 / 2.831 = 65.24亿元
the year before; 2020-02-16 + 372 days = 2021-02-22, the day before the report (2021-02-23).
"""

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from govreport import load_report
from govreport.analysis import sections, summary


@pytest.fixture(scope="module")
def report():
    return load_report()


def test_walk_gives_every_fact_of_a_section_once(report):
    for sid in ["1.1", "1.2", "1.3", "1.4"]:
        walked = [fid for p in sections.walk(report, sid) for fid in p.facts["id"]]
        assert sorted(walked) == sorted(sections.node_facts(report, sid)["id"])
        assert len(walked) == len(set(walked))
    total = sum(len(sections.node_facts(report, s)) for s in ["1.1", "1.2", "1.3", "1.4"])
    intro = summary.facts_by_section(report).loc["1 引言 intro", "total"]
    assert total + intro == len(report.facts) == 70


def test_walk_readings(report):
    walk = {p.id: p for p in sections.walk(report, "1.1")}
    assert list(walk) == ["1.1.1", "1.1.2", "1.1.3", "1.1"]  # the closing paragraph's facts come last
    assert walk["1.1.1"].reading == "No figure: this point is a claim without a number."
    assert walk["1.1.3"].reading.startswith("4 figures (4 amounts and counts): 负压救护车 14台; 负压病房 27间")
    assert "PM2.5浓度 −11.1%" in {p.id: p for p in sections.walk(report, "1.3")}["1.3.2"].reading


def test_points_without_figures(report):
    found = {sid: list(sections.points_without_figures(report, sid)["title"]) for sid in ["1.1", "1.2", "1.3", "1.4"]}
    assert found == {"1.1": ["有效阻断疫情传播"], "1.2": [], "1.3": ["重大风险有效化解"], "1.4": ["培育壮大数字经济"]}
    per_point = sections.figures_per_point(report, "1.3")
    assert per_point.tolist() == [2, 5, 0]


def test_changes_with_implied_base(report):
    c = sections.changes_with_base(report, "1.2").set_index("indicator")
    assert c.loc["上级政策性资金", "implied_base"] / 1e8 == pytest.approx(184.7 / 2.831)
    assert c.loc["政府专项债", "implied_base"] / 1e8 == pytest.approx(81.7 / 4.64)
    without = sections.changes_with_base(report, "1.3")
    assert list(without["indicator"]) == ["PM2.5浓度", "PM10浓度"]
    assert (without["level"] == "").all() and without["implied_base"].isna().all()


def test_durations_against_the_report_date(report):
    d = sections.durations(report, "1.1").iloc[0]
    assert (d["days"], d["since"], d["until"], d["days_before_report"]) == (372, "2020-02-16", "2021-02-22", 1)


def test_money_in_yi(report):
    money = sections.money(sections.node_facts(report, "1.2"))
    assert money["上级政策性资金"] == 184.7
    assert money["消费券"] == 1.58
    assert money["直接消费"] / money["消费券"] == pytest.approx(11.77, abs=0.01)


def test_enumerations_have_one_indicator_per_value(report):
    runs = sections.enumerations(report, report.facts)
    assert list(runs["mentions"]) == ["161%、164%", "11.1%、11%"]
    assert (runs["values"] == runs["indicators"]).all()


def test_levels(report):
    levels = sections.by_level(sections.node_facts(report, "1.4"))
    assert levels.groupby("level")["value"].sum().to_dict() == {"national 国家级": 455, "provincial 省级": 24}
    assert sections.level_of("省级智能工厂") == "provincial 省级"
    assert sections.level_of("创新平台") == ""


def test_section_slogans(report):
    assert list(sections.slogans(report, "1.1")["term"]) == ["四早", "一室五组", "六包五查", "四集中", "三清零"]
    assert list(sections.slogans(report, "1.3")["term"]) == ["三大攻坚战"]


def test_pick_keeps_order_and_skips_missing(report):
    f = sections.section_facts(report, "1.2")
    picked = sections.pick(f, ["消费券", "不存在的指标", "直接消费"])
    assert list(picked["indicator"]) == ["消费券", "直接消费"]
    assert sections.pick(f, ["不存在的指标"]).empty


def test_amount_formatting():
    assert sections.amount(1.847e10, "元") == "184.7亿元"
    assert sections.amount(5e4, "元") == "5万元"
    assert sections.amount(8467, "名") == "8,467名"


def test_headline_ranks(report):
    ranks = summary.headline_ranks(report)
    assert len(ranks) == 9
    assert set(ranks["scope"]) == {"全省"}
    assert ranks.set_index("indicator")["rank"].to_dict()["全社会用电量增速"] == 8
    assert sorted(ranks["rank"]) == [3, 3, 3, 5, 6, 6, 7, 8, 8]


def test_section_summary_adds_up(report):
    s = summary.section_summary(report)
    assert list(s["id"]) == ["1", "1.1", "1.2", "1.3", "1.4"]
    assert s["points"].sum() == 15
    assert s["sentences"].sum() + 4 == len(report.sentences)  # + the 4 sentences of the preamble
    assert s["characters"].sum() + summary.characters(report.span("0")) == summary.characters(report.text)
    assert summary.short_title("疫情防控科学有效,取得重大战略成果") == "疫情防控科学有效"


LAYOUTS = sorted((Path(__file__).parent / "data" / "layouts").glob("*.txt"))


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.name)
def test_section_summary_covers_the_body_of_any_layout(path):
    """Rows add up to the body: part text outside its sections (introduction, a sub-heading or a
    closing paragraph between or after them), closing and appendix included; every fact is
    counted once, points set directly under a part with their part."""
    r = load_report(path)
    table = summary.section_summary(r)
    assert table["characters"].sum() + summary.characters(r.span("0")) == summary.level_counts(r)["characters"]
    by_section = summary.facts_by_section(r)
    assert by_section["total"].sum() == len(r.facts)
    assert set(by_section.index) <= set(table["label"])
    points = r.outline[r.outline["level"] == "point"]
    assert table["points"].sum() == len(points)


def test_layout_files_are_there():
    assert {p.name for p in LAYOUTS} >= {"national.txt", "province.txt", "flat.txt"}


def test_check_figures_holds_on_every_section_and_notes_a_figure_out_of_place(report):
    for section in report.outline.loc[report.outline["level"] == "section", "id"]:
        assert sections.check_figures(report, sections.section_facts(report, section), section) == []
    facts = sections.section_facts(report, "1.2")
    moved = facts.copy()
    moved.loc[moved.index[0], "point"] = "1.1.1"  # a figure of 1.2 said to be in a point of 1.1
    (got,) = sections.check_figures(report, moved, "1.2")  # a note, not an exception
    assert got.check == "figure inside its span" and "outside 1.1.1" in got.message
    assert got.sentence == moved["sentence_text"].iloc[0]



@given(st.text(alphabet=st.sampled_from(list("焦作市，。 \t\n\r\u3000\u2003\u00a0\u200b\u2028\x1cA1")) | st.characters(), max_size=60))
def test_characters_leave_out_exactly_what_python_calls_blank(text):
    assert summary.characters(text) == sum(1 for c in text if not c.isspace())
