"""The facts explorer (govreport.analysis.explore): its table, its filters and its offline HTML."""

from __future__ import annotations

import re

import pytest

from govreport import load_report
from govreport.analysis import explore, explore_story

BODY = (
    "一、过去一年工作回顾\n"
    "（一）经济运行稳中有进。全县地区生产总值达到120亿元，同比增长8%。"
    "新建学校20所，城镇化率达到60%。\n"
    "（二）民生<b>保障</b>持续加强。新增就业岗位3000个，城镇化率居全市第2位。\n"
)


@pytest.fixture
def report(write_report):
    head = "——2022年1月10日在某某县第五届人民代表大会第二次会议上\n某某县人民政府县长　李四\n各位代表：\n"
    return load_report(write_report(head + BODY))


def test_table_has_one_row_per_fact_with_section_and_sentence(report):
    t = explore.facts_table(report)
    assert list(t.columns) == explore.COLUMNS
    assert len(t) == len(report.facts) == 6
    row = t[t["mention"] == "120亿元"].iloc[0]
    assert (row["indicator"], row["value"], row["unit"], row["kind"]) == ("地区生产总值", 120e8, "元", "measure")
    assert row["section"] == "1.1 经济运行稳中有进"
    assert row["sentence"] == "全县地区生产总值达到120亿元，同比增长8%。"


@pytest.mark.parametrize(
    "filters, mentions",
    [
        ({"kind": "change"}, ["8%"]),
        ({"unit": "%"}, ["8%", "60%"]),
        ({"unit": ""}, ["第2位"]),
        ({"section": "1.2 民生<b>保障</b>持续加强"}, ["3000个", "第2位"]),
        ({"keyword": "学校"}, ["20所", "60%"]),  # 学校 is in the sentence of both
        ({"keyword": "城镇化率"}, ["20所", "60%", "3000个", "第2位"]),
        ({"keyword": "同比"}, ["120亿元", "8%"]),  # found in the sentence, not the indicator
        ({"kind": "share", "keyword": "城镇化率"}, ["60%"]),
        ({"keyword": "没有的词"}, []),
    ],
)
def test_filter_facts(report, filters, mentions):
    t = explore.facts_table(report)
    assert list(explore.filter_facts(t, **filters)["mention"]) == mentions


def test_widget_filters_update_the_shown_table_and_the_status(report):
    f = explore.filters(report)
    assert f.status.value == "6 of 6 facts" and len(f.shown) == 6
    f.kind.value = "share"
    assert list(f.shown["mention"]) == ["60%"] and f.status.value == "1 of 6 facts"
    f.kind.value = None
    f.keyword.value = "就业"
    assert list(f.shown["mention"]) == ["3000个", "第2位"] and f.status.value == "2 of 6 facts"
    (out,) = f.output.outputs
    assert "govreport-facts-filtered-" in out["data"]["text/html"]
    f.keyword.value = "没有的词"
    (out,) = f.output.outputs
    assert out["data"]["text/markdown"] == "No fact matches these filters."
    # Options: every kind, section (in text order) and unit present, plus "(all)".
    assert [label for label, _ in f.section.options] == [explore.ALL, "1.1 经济运行稳中有进", "1.2 民生<b>保障</b>持续加强"]
    assert (explore.NO_UNIT, "") in f.unit.options


def test_widget_plain_text_is_a_fixed_sentence(report):
    bundle = explore.filters(report)._repr_mimebundle_()
    assert bundle["text/plain"] == explore.Filters.TEXT
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_html_is_offline_deterministic_and_escapes_report_text(report):
    t = explore.facts_table(report)
    html = explore.to_html(t)
    assert html == explore.to_html(t), "the same table gives the same output (fixed id)"
    assert f'id="{explore.TABLE_ID}"' in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?:", html), "nothing loaded from the internet"
    assert not re.search(r"href=[\"']?https?:", html), "no link out of the site (itables' own links are dropped)"
    assert "<b>保障</b>" not in html and "&lt;b&gt;保障&lt;/b&gt;" in html
    assert '"search"' in html, "the search box is kept even for a table that fits one page"
    assert '[\\"12,000,000,000\\", 12000000000.0]' in html, "values shown as read, sorted as numbers"


def test_init_embeds_the_datatables_bundle():
    from unittest import mock

    shown = []
    with mock.patch("IPython.display.display", side_effect=lambda *objs, **kw: shown.extend(objs)):
        explore.init()
    html = "".join(o.data for o in shown)
    assert "injectModule" in html and len(html) > 500_000, "the library itself is in the page"
    assert "unpkg" not in html, "no import from a CDN"
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html), "nothing loaded from elsewhere"


def test_a_report_without_figures(write_report):
    head = "——2022年1月10日在某某县第五届人民代表大会第二次会议上\n某某县人民政府县长　李四\n各位代表：\n"
    r = load_report(write_report(head + "一、过去一年工作回顾\n各项工作扎实推进，人民群众获得感明显增强。\n"))
    t = explore.facts_table(r)
    assert t.empty and list(t.columns) == explore.COLUMNS
    assert "empty" in explore_story.describe(t) and explore.by_section_and_kind(t).empty
    f = explore.filters(t)
    assert f.status.value == "0 of 0 facts" and [o for o, _ in f.kind.options] == [explore.ALL]


def test_rows_are_written_as_characters_for_the_page_font(report):
    import json

    t = explore.facts_table(report)
    html = explore.to_html(t)
    assert not re.search(r"\\u[0-9a-fA-F]{4}", html), "no \\uXXXX escape: the embedded font subset sees every character"
    line = re.search(r'^\s*"data_json": (".*?"),?$', html, re.M).group(1)
    rows = json.loads(json.loads(line))
    assert [r[0] for r in rows] == list(t["indicator"]) and [r[6] for r in rows][0] == t["sentence"][0]


def test_section_labels_climb_to_the_section_or_part(write_report):
    head = "——2022年1月10日在某某县第五届人民代表大会第二次会议上\n某某县人民政府县长　李四\n各位代表：\n"
    r = load_report(write_report(head + BODY + "各位代表！让我们团结一心，奋勇前进！\n"))
    o = r.outline.set_index("id")
    assert explore.section_label(r, "0") == "0 preamble"
    assert explore.section_label(r, "1") == "1 过去一年工作回顾"
    for node in o.index[o["level"] == "point"]:
        assert explore.section_label(r, node) == f"{o.at[node, 'parent']} {o.at[o.at[node, 'parent'], 'title']}"
    for node in o.index[~o["level"].isin(["preamble", "part", "section", "point"])]:
        assert explore.section_label(r, node) == f"{node} {o.at[node, 'title'] or o.at[node, 'level']}"


def test_the_explorer_sentence_names_what_it_counts():
    t = explore.facts_table(load_report())
    text = explore_story.describe(t)
    top = t["section"].value_counts()
    assert f"({top.iloc[0]} facts)" in text
    assert "amounts and counts" in text  # the kinds as the other pages name them (prose.kinds_text)
