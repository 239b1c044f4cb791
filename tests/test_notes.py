"""Notes: a failed data check is shown on the page (class govreport-note), never raised."""

from __future__ import annotations

from govreport import load_report
from govreport.analysis import notes, section_story, sections


def test_a_note_names_the_check_the_problem_and_the_sentence_escaped():
    n = notes.note("sum", "parts add up to 120 of <100>", "甲县 <b>产值</b>\n增长5%。")
    html = n._repr_html_()
    assert 'class="govreport-note"' in html
    assert "Check sum" in html and "&lt;100&gt;" in html and "&lt;b&gt;产值&lt;/b&gt;" in html
    assert "<b>" not in html
    assert n.text() == "Check sum: parts add up to 120 of <100> — “甲县 <b>产值</b> 增长5%。”"
    assert "—" not in notes.note("sum", "no sentence").text()


def _report(write_report, body: str):
    text = (
        "——2023年2月1日在某某县第三届人民代表大会第一次会议上\n某某县人民政府县长　赵六\n各位代表：\n"
        "一、过去一年的工作\n（一）经济平稳运行。" + body + "\n"
    )
    return load_report(write_report(text))


def test_a_list_sharing_one_indicator_is_a_note_not_an_error(write_report):
    # 甲、乙、丙三镇 lists three places for two values: the engine cannot pair them, and the
    # page says so beside the table instead of stopping.
    r = _report(write_report, "甲、乙、丙三镇税收分别增长4%、9%。")
    facts = sections.section_facts(r, "1.1")
    got = sections.check_figures(r, facts, "1.1")
    assert [n.check for n in got] == ["、-list"]
    assert "4%、9%" in got[0].message and got[0].sentence == "甲、乙、丙三镇税收分别增长4%、9%。"
    lists = sections.enumerations(r, sections.node_facts(r, "1.1"))
    assert "The note below says what failed." in section_story.checks(len(facts), lists, got)


def test_a_list_read_item_by_item_needs_no_note(write_report):
    r = _report(write_report, "茶叶、竹木、药材等特色产业产值分别增长8.1%、6.4%、3%。")
    facts = sections.section_facts(r, "1.1")
    assert sections.check_figures(r, facts, "1.1") == []
    assert list(facts["indicator"]) == ["茶叶特色产业产值", "竹木特色产业产值", "药材特色产业产值"]


def test_values_of_two_units_are_one_thing_counted_twice_not_a_list(write_report):
    r = _report(write_report, "改造老旧小区320个、4.5万户。")
    assert sections.enumerations(r, sections.node_facts(r, "1.1")).empty
    assert sections.check_figures(r, sections.section_facts(r, "1.1"), "1.1") == []
