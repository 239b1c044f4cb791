"""A numbered list that a salutation (各位代表) introduces after the last section is body,
not closing (rules in ``govreport.reading.layouts``). Synthetic texts written for the tests."""

import pytest
from documents import write_docx, write_html, write_pdf
from synthetic_reports import wrap

from govreport import load_report, paths
from govreport.site.plan import section_units

HEAD = [
    "青川市政府工作报告",
    "——2031年1月12日在青川市第三届人民代表大会第四次会议上",
    "市长　李四",
    "各位代表：",
    "现在，我代表市人民政府，向大会报告工作，请予审议。",
    "一、2030年工作回顾",
    "过去一年，全市地区生产总值增长5.2%，新建工业园区3个。",
    "（一）产业发展提速。新引进重大项目46个，工业投资增长9%。",
    "（二）民生持续改善。新增城镇就业4万人，城乡居民收入稳步增长。",
    "二、2031年工作安排",
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业4.5万人。",
    "（一）培育壮大产业集群。推动新能源装备产业产值达到300亿元，培育专精特新企业40家。",
    "（二）守牢安全发展底线。完善应急指挥体系，扎实开展隐患排查整治，守护群众平安。",
]
ITEMS = [
    "1.公园绿地方面。新建改建城市公园12个，新增绿道60公里。",
    "2.养老服务方面。为全市65岁以上老年人免费体检。新增养老床位800张。",
    "3.儿童关爱方面。新建社区托育点50个。",
    "4.出行便利方面。新建公共充电桩2000个，新开公交线路15条。",
]
TAIL = [
    "以上实事，我们将逐项落实、按季通报，确保件件见效。",
    "各位代表！让我们携手奋进、实干争先，为建设美丽青川而努力奋斗！",
]
INTRO = "各位代表，今年我们将继续办好以下四件实事。"


def text(lines):
    return "\n".join(lines) + "\n"


def span(r, node_id):
    """A node's text as read (without the breaks of a hard-wrapped text)."""
    node = r.node(node_id)
    return r.read_span(int(node["start"]), int(node["end"]))


def check_list_is_body(r):
    o = r.outline.set_index("id")
    assert span(r, "c").startswith("各位代表！让我们携手奋进")
    lst = o.loc["2.3"]
    assert (lst["level"], lst["number"], lst["title"], lst["parent"]) == ("section", 0, "今年我们将继续办好以下四件实事", "2")
    assert span(r, "2.3").startswith(INTRO) and span(r, "2.3").endswith("确保件件见效。")
    assert span(r, "2.2").endswith("守护群众平安。")  # the last numbered section does not swell
    assert span(r, "2").endswith("确保件件见效。")
    points = o[o["parent"] == "2.3"]
    assert list(points.index) == ["2.3.1", "2.3.2", "2.3.3", "2.3.4"]
    assert list(points["title"]) == ["公园绿地方面", "养老服务方面", "儿童关爱方面", "出行便利方面"]
    assert span(r, "2.3.2") == ITEMS[1]
    # The list's figures stand in the plan part: they are the year's targets.
    facts = r.facts.set_index("mention")
    for mention in ("12个", "800张", "50个", "2000个"):
        assert facts.loc[mention, "section"].startswith("2.3.")
        assert facts.loc[mention, "is_target"] and facts.loc[mention, "target_year"] == 2031
    in_list = r.facts[r.facts["section"].str.startswith("2.3")]
    assert set(in_list["id"]) <= set(r.targets["fact"])
    assert set(r.targets[r.targets["fact"].isin(in_list["id"])]["horizon"]) == {"year"}


def test_a_list_after_the_last_section_is_body(write_report):
    r = load_report(write_report(text(HEAD + [INTRO] + ITEMS + TAIL)))
    check_list_is_body(r)
    # Pages show the list without an invented number.
    assert ("2.3", "part 二 · 今年我们将继续办好以下四件实事") in section_units(r.outline)


def test_a_salutation_followed_by_prose_begins_the_closing(write_report):
    prose = ["各位代表，今年任务艰巨繁重，我们将以更大的决心抓好落实。", "新的一年，全市上下要齐心协力，共创佳绩。"]
    r = load_report(write_report(text(HEAD + prose + TAIL)))
    assert r.span("c").startswith("各位代表，今年任务艰巨繁重")
    assert list(r.outline[r.outline["parent"] == "2"]["id"]) == ["2.1", "2.2"]
    assert r.span("2").endswith("守护群众平安。")


@pytest.mark.parametrize(
    "lines",
    [
        # one item is no list
        [ITEMS[0]],
        # the items stand inside the salutation's paragraph, not at line starts
        ["今年要做到：1.抓项目，新开工项目120个；2.惠民生，新增学位3000个。"],
        # a paragraph of prose between the salutation and the items
        ["新的一年，我们要办好以下实事：", *ITEMS[:2]],
        # numbering that does not start at 1
        [ITEMS[1], ITEMS[2]],
    ],
    ids=["one-item", "inline", "prose-between", "not-from-1"],
)
def test_what_is_not_a_list_after_a_salutation(write_report, lines):
    salute = "各位代表！今年是攻坚之年，我们要保持定力。"
    r = load_report(write_report(text(HEAD + [salute] + lines + TAIL)))
    assert r.span("c").startswith(salute)
    assert "2.3" not in set(r.outline["id"])


@pytest.mark.parametrize(
    "form",
    ["{n}、", "（{n}）", "({n})", "{c}是", "（{c}）", "{c}、", "{n}．"],
)
def test_list_numbering_forms(write_report, form):
    # Two items: a longer list in （一） or 一、 would run on the part's own numbering
    # (（三） after two sections is read as section （三）).
    items = [form.format(n=k + 1, c="一二"[k]) + line[2:] for k, line in enumerate(ITEMS[:2])]
    r = load_report(write_report(text(HEAD + [INTRO] + items + TAIL)))
    assert r.span("c").startswith("各位代表！让我们")
    assert list(r.outline[r.outline["parent"] == "2.3"]["title"]) == ["公园绿地方面", "养老服务方面"]
    assert r.facts.set_index("mention").loc["800张", "is_target"]


def test_a_salutation_alone_on_its_line_introduces_a_list_by_the_next_line(write_report):
    r = load_report(write_report(text(HEAD + ["各位代表：", "今年我们将继续办好以下四件实事："] + ITEMS + TAIL)))
    assert r.node("2.3")["title"] == "今年我们将继续办好以下四件实事"
    assert r.span("2.3").startswith("各位代表：\n今年") and r.span("c").startswith("各位代表！让我们")


def test_two_lists_then_the_closing(write_report):
    second = ["各位代表，我们还将推进三项改革。", "（1）深化园区体制改革，整合园区8个。", "（2）推进国企重组，压减管理层级2级。"]
    r = load_report(write_report(text(HEAD + [INTRO] + ITEMS + second + TAIL)))
    assert list(r.outline[r.outline["parent"] == "2"]["id"]) == ["2.1", "2.2", "2.3", "2.4"]
    assert r.node("2.4")["title"] == "我们还将推进三项改革" and r.node("2.4")["number"] == 0
    assert r.span("2.3").endswith("新开公交线路15条。")  # up to the second list's salutation
    assert [r.node(i)["title"] for i in ("2.4.1", "2.4.2")] == ["深化园区体制改革，整合园区8个", "推进国企重组，压减管理层级2级"]
    assert r.span("c").startswith("各位代表！让我们")


def test_a_list_in_a_part_without_sections_stays_in_the_part(write_report):
    head = [line for line in HEAD if not line.startswith("（")]
    r = load_report(write_report(text(head + [INTRO] + ITEMS + TAIL)))
    assert r.span("c").startswith("各位代表！让我们")
    assert "section" not in set(r.outline[r.outline["parent"] == "2"]["level"])
    assert r.span("2").endswith("确保件件见效。")
    assert r.facts.set_index("mention").loc["800张", "is_target"]


def test_a_list_then_the_end_of_the_text_has_no_closing(write_report):
    r = load_report(write_report(text(HEAD + [INTRO] + ITEMS)))
    assert "closing" not in set(r.outline["level"])
    assert r.span("2.3").endswith("新开公交线路15条。")


@pytest.mark.parametrize("width, indent", [(15, ""), (20, ""), (22, "\u3000\u3000"), (30, ""), (31, "\u3000\u3000")])
def test_hard_wrapped_list(write_report, width, indent):
    # At some widths an item's line ends a sentence at the full width: the next item still
    # begins a paragraph of its own.
    r = load_report(write_report(wrap(text(HEAD + [INTRO] + ITEMS + TAIL), width, indent=indent)))
    assert r.meta["wrapped"] is True
    check_list_is_body(r)


def test_list_in_a_word_file_a_web_page_and_a_pdf(tmp_path):
    lines = HEAD + [INTRO] + ITEMS + TAIL
    check_list_is_body(load_report(write_docx(tmp_path / "report.docx", lines)))
    check_list_is_body(load_report(write_html(tmp_path / "report.html", lines)))
    check_list_is_body(load_report(write_pdf(tmp_path / "report.pdf", lines, page_numbers="- {} -")))


def test_a_provincial_report_with_its_year_s_projects_after_the_last_section():
    # 浙江 2025: after section （十一） of part 二, 各位代表，… introduces ten numbered projects.
    r = load_report(paths.SEEDS_DIR / "provinces-2025" / "zhejiang-2025.docx")
    o = r.outline
    lst = o[(o["parent"] == "2") & (o["number"] == 0)]
    assert len(lst) == 1 and lst["title"].iloc[0].endswith("民生实事")
    sid = lst["id"].iloc[0]
    assert len(o[o["parent"] == sid]) == 10
    assert r.span("c").startswith("各位代表！") and r.node("c")["start"] > lst["end"].iloc[0]
    inside = r.facts[r.facts["section"].str.startswith(sid + ".")]
    assert len(inside) >= 30 and inside["is_target"].all() and set(inside["target_year"]) == {2025}


def test_a_section_without_a_number_is_asked_about_by_its_title(write_report):
    """The page's question (the index card) names such a section by its title, not by an id."""
    from govreport.analysis import section_story

    r = load_report(write_report(text(HEAD + [INTRO] + ITEMS + TAIL)))
    sid = next(s for s, _ in section_units(r.outline) if r.node(s)["number"] == 0)
    asked = section_story.question(r, sid)
    assert asked == "What does section “今年我们将继续办好以下四件实事” of part 二 claim, and what do its 6 figures show?"  # 65岁以上老年人 is no figure
