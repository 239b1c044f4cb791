"""Other reports of the genre: layouts the bundled report does not have (synthetic texts)."""

import pytest
from synthetic_reports import CN, synthetic_report

from govreport import load_report


def levels(report):
    return report.outline["level"].value_counts().to_dict()


def check_invariants(report):
    text = report.text
    for row in report.sentences.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.section == report.section_at(row.start)  # the linear sweep agrees with the lookup
    # The sweep restarts when offsets go back, so any order gives the lookup's answer.
    shuffled = list(range(0, len(text), 7))[::-1] + list(range(3, len(text), 11))
    assert report.sections_of(shuffled) == [report.section_at(p) for p in shuffled]
    nodes = report.outline.set_index("id")
    for node_id, node in nodes.iterrows():
        assert text[node["start"] : node["end"]].strip() == text[node["start"] : node["end"]]
        if isinstance(node["parent"], str):
            parent = nodes.loc[node["parent"]]
            assert parent["start"] <= node["start"] < node["end"] <= parent["end"], node_id


def test_fullwidth_three_parts(write_report):
    r = load_report(write_report(synthetic_report()))
    assert levels(r) == {"preamble": 1, "part": 3, "section": 6, "point": 12}
    assert list(r.outline[r.outline["level"] == "section"]["id"]) == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]
    assert r.node("2.2")["title"] == "第二项工作稳步推进，成效明显"
    assert r.node("3")["title"] == "第三部分标题"
    assert r.meta == {
        "title": "政府工作报告", "place": "某某市", "date": "2022-01-10", "speaker": "张三",
        "office": "代市长", "occasion": "某某市第五届人民代表大会第二次会议", "source": None, "published": None,
        "level": "prefecture", "year": 2022,
        "layout": "numbered", "wrapped": False, "given": [], "encoding": "utf-8", "format": "txt", "file": "report.txt",
    }
    check_invariants(r)


def test_ten_sections(write_report):
    r = load_report(write_report(synthetic_report(parts=1, sections=(10,))))
    secs = r.outline[r.outline["level"] == "section"]
    assert list(secs["number"]) == list(range(1, 11))
    assert secs["id"].iloc[-1] == "1.10"
    assert r.span("1.10").startswith("（十）")
    check_invariants(r)


def test_crlf_text_kept_exactly(write_report):
    text = synthetic_report(newline="\r\n")
    r = load_report(write_report(text))
    assert r.text == text  # no newline conversion
    assert levels(r)["point"] == 12
    assert not any("\r" in t or "\n" in t for t in r.sentences["text"])
    assert not any("\r" in r.span(i) for i in r.outline["id"] if r.node(i)["level"] == "point")
    check_invariants(r)


@pytest.mark.parametrize(
    "indent",
    ["\u3000\u3000", "\u2003\u2003", "\u00a0\u00a0\u00a0\u00a0", "\u2002\u2002", "\t", "\u3000\u2003"],
    ids=["ideographic", "em-space-of-word", "no-break", "en-space", "tab", "mixed"],
)
def test_headings_on_their_own_lines_and_indented(write_report, indent):
    # Word files indent with the em space (U+2003), web copies with U+00A0: all are indentation.
    r = load_report(write_report(synthetic_report(headings_on_own_line=True, indent=indent)))
    assert levels(r) == {"preamble": 1, "part": 3, "section": 6, "point": 12}
    assert r.node("1.1")["title"] == "第一项工作稳步推进，成效明显"
    assert r.span("1.1").startswith("（一）")  # span starts at the heading, not the indentation
    check_invariants(r)


def test_ascii_punctuation(write_report):
    r = load_report(write_report(synthetic_report(fullwidth=False)))
    assert levels(r) == {"preamble": 1, "part": 3, "section": 6, "point": 12}
    check_invariants(r)


@pytest.mark.parametrize(
    "dateline, date",
    [
        ("——二○二一年二月二十三日在某某市第五届人民代表大会第二次会议上", "2021-02-23"),
        ("—二〇二二年一月十日在某某市第五届人民代表大会第二次会议上", "2022-01-10"),
        ("——二零二三年十二月三十一日在某某市第五届人民代表大会第二次会议上", "2023-12-31"),
        ("——二O二一年十月九日在某某市第五届人民代表大会第二次会议上", "2021-10-09"),
        ("——2024年3月5日在某某市第五届人民代表大会第二次会议上", "2024-03-05"),
        ("—— ２０２４年１月２０日 在某某市第五届人民代表大会第二次会议上", "2024-01-20"),
        ("（2022年1月6日在某某市第五届人民代表大会第二次会议上）", "2022-01-06"),
        ("——二○二一年二月三十日在某某市第五届人民代表大会第二次会议上", None),  # no such day
    ],
)
def test_datelines(write_report, dateline, date):
    r = load_report(write_report(synthetic_report(dateline=dateline)))
    assert r.meta["date"] == date
    assert r.meta["occasion"] == "某某市第五届人民代表大会第二次会议"


def test_missing_metadata_is_none(write_report):
    text = "一、工作回顾\n（一）经济运行稳中向好。全年经济运行总体平稳。\n"
    r = load_report(write_report(text))
    assert {k: v for k, v in r.meta.items() if k not in ("encoding", "format", "file", "layout", "wrapped", "given")} == dict.fromkeys(
        ["title", "place", "date", "speaker", "office", "occasion", "source", "published", "level", "year"]
    )
    assert (r.meta["layout"], r.meta["wrapped"], r.meta["given"]) == ("numbered", False, [])
    assert r.span("0") == ""
    assert levels(r) == {"preamble": 1, "part": 1, "section": 1}


@pytest.mark.parametrize(
    "title, expected",
    [("政 府 工 作 报 告", "政府工作报告"), ("政府工作报告", "政府工作报告"), ("　2022年某某市政府工作报告　", "2022年某某市政府工作报告")],
)
def test_title_line(write_report, title, expected):
    r = load_report(write_report(synthetic_report(title=title)))
    assert r.meta["title"] == expected
    assert r.span("0").startswith(title.strip("\u3000"))


def test_speaker_line_variants(write_report):
    r = load_report(write_report(synthetic_report(speaker="市长  李四")))
    assert (r.meta["speaker"], r.meta["office"], r.meta["place"]) == ("李四", "市长", "某某市")  # place from the occasion
    r = load_report(write_report(synthetic_report(speaker="某某县人民政府县长 王五")))
    assert (r.meta["speaker"], r.meta["office"], r.meta["place"]) == ("王五", "县长", "某某县")


def test_encodings(write_report):
    text = synthetic_report()
    for encoding, expected in [("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")]:
        r = load_report(write_report(text, name=f"r-{encoding}.txt", encoding=encoding))
        assert r.text == text, encoding  # BOM dropped, nothing else changed
        assert r.meta["encoding"] == expected
        assert levels(r)["point"] == 12


def test_sentences_do_not_split_inside_quotes_or_brackets(write_report):
    body = (
        "（一）文化事业繁荣发展。开展“我们的节日。欢乐中国年”活动，群众反响热烈；"
        "出台《关于加快发展的意见（试行。修订）》，效果明显！还要继续努力吗？当然要继续。"
    )
    r = load_report(write_report("一、工作回顾\n" + body + "\n"))
    texts = list(r.sentences["text"])
    assert texts == [
        "一、工作回顾",
        "（一）文化事业繁荣发展。",
        "开展“我们的节日。欢乐中国年”活动，群众反响热烈；",
        "出台《关于加快发展的意见（试行。修订）》，效果明显！",
        "还要继续努力吗？",
        "当然要继续。",
    ]


def test_ascii_terminators_split(write_report):
    r = load_report(write_report("一、工作回顾\n(一)经济运行稳中向好. 增长了2.5%;就业稳定!是吗?是的。\n"))
    assert list(r.sentences["text"])[1:] == ["(一)经济运行稳中向好. 增长了2.5%;", "就业稳定!", "是吗?", "是的。"]


def test_out_of_sequence_headings_are_not_headings(write_report):
    text = synthetic_report(parts=1, sections=(2,)) + "三、这不是第二部分\n（五）这也不是一个节。\n"
    r = load_report(write_report(text))
    assert levels(r)["part"] == 1
    assert levels(r)["section"] == 2
    check_invariants(r)


def test_sections_restart_in_each_part(write_report):
    r = load_report(write_report(synthetic_report(parts=2, sections=(2, 3))))
    secs = r.outline[r.outline["level"] == "section"]
    assert list(secs["parent"]) == ["1", "1", "2", "2", "2"]
    assert list(secs["number"]) == [1, 2, 1, 2, 3]


def test_a_single_short_sentence_is_not_a_point(write_report):
    text = (
        "一、工作回顾\n（一）经济运行稳中向好。全年经济运行总体平稳。"
        "坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，主要指标好于预期，经济运行保持在合理区间。\n"
    )
    r = load_report(write_report(text))
    assert "point" not in levels(r)  # one lead alone does not make a list of points


# -- every common layout (synthetic texts in tests/data/layouts/, written for the tests) --

LAYOUTS = __import__("pathlib").Path(__file__).parent / "data" / "layouts"


def outline_of(r, level):
    o = r.outline
    return o[o["level"] == level]


def test_national_layout():
    r = load_report(LAYOUTS / "national.txt")
    assert r.meta["layout"] == "numbered"
    assert levels(r) == {"preamble": 1, "part": 3, "section": 6, "point": 8, "closing": 1, "appendix": 1}
    assert list(outline_of(r, "part")["title"]) == ["2029年工作回顾", "2030年经济社会发展总体要求和政策取向", "2030年政府工作任务"]
    # The review's sections are its 一是 … leads; its dash-led lines are points of the part.
    assert list(outline_of(r, "section")["title"][:3]) == ["加强宏观调控", "深化改革开放", "着力改善民生"]
    assert r.span("1.1").startswith("一是加强宏观调控") and r.span("1.3").endswith("群众获得感进一步增强。")
    points = outline_of(r, "point")
    assert list(points["id"][:3]) == ["1.0.1", "1.0.2", "1.0.3"] and set(points["parent"][:3]) == {"1"}
    assert list(points["title"][:3]) == ["经济运行总体平稳", "就业形势保持稳定", "民生保障持续加强"]
    assert r.span("1.0.1").startswith("——经济运行总体平稳。") and r.span("1.0.1").endswith("国际收支基本平衡。")
    assert r.node("2.0.1")["title"] == "国内生产总值增长5%左右"
    assert list(points[points["parent"] == "3.1"]["title"]) == ["推动产业链供应链优化升级", "积极培育新兴产业和未来产业"]
    # The closing is a node of its own; the last section ends before it and has no points in it.
    assert r.span("c").startswith("各位代表！") and r.span("c").endswith("推动构建人类命运共同体。")
    assert r.span("3.3").endswith("激发民间投资活力。") and r.span("3").endswith("激发民间投资活力。")
    assert r.node("a")["title"] == "注释" and r.span("a").endswith("（责任编辑：周某）")
    sections = r.sentences.set_index("text")["section"]
    assert sections["团结就是力量。"] == "c" and sections["（责任编辑：周某）"] == "a"
    assert not isinstance(r.node("c")["parent"], str) and not isinstance(r.node("a")["parent"], str)
    check_invariants(r)


def test_headings_layout_with_themed_groups():
    r = load_report(LAYOUTS / "province.txt")
    assert r.meta["layout"] == "headings"
    assert levels(r) == {"preamble": 1, "part": 3, "section": 11, "closing": 1}
    assert list(outline_of(r, "part")["title"]) == ["2029年工作回顾", "2030年主要目标任务", "加强政府自身建设"]
    # In a headings layout a part's 一、 lines are its sections when it has no （一）.
    assert list(outline_of(r, "section")["title"][:3]) == ["经济运行稳中向好", "改革开放不断深化", "民生福祉持续增进"]
    # In the plan part, 一、 … are themed groups; （一） restarts under each and every （一）
    # is a section of the part, numbered in order; a group with no （一） is a section itself.
    plan = outline_of(r, "section")[lambda d: d["parent"] == "2"]
    assert list(plan["id"]) == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    assert list(plan["title"]) == ["推动制造业高端化发展", "促进数字经济加快发展", "深化国资国企改革", "优化民营经济发展环境", "扩大高水平对外开放", "持续保障和改善民生"]
    assert list(plan["group"]) == ["加快构建现代化产业体系"] * 2 + ["全面深化重点领域改革"] * 3 + ["持续保障和改善民生"]
    assert set(outline_of(r, "section")[lambda d: d["parent"] != "2"]["group"]) == {""}
    # The group heading line belongs to the part, not to the section before it.
    assert r.span("2.2").endswith("建设一批智能工厂。")
    assert r.sentences.set_index("text").loc["二、全面深化重点领域改革", "section"] == "2"
    # 一是/二是 paragraph leads are the sections of a part that has no other.
    assert list(outline_of(r, "section")[lambda d: d["parent"] == "3"]["title"]) == ["坚持依法行政", "坚持勤政廉政"]
    assert r.span("c").startswith("各位代表！")
    check_invariants(r)


def test_chapters_layout_with_appendix_and_clutter():
    r = load_report(LAYOUTS / "district.txt")
    assert r.meta["layout"] == "chapters"
    assert levels(r) == {"preamble": 1, "part": 3, "section": 5, "closing": 1, "appendix": 1}
    assert list(outline_of(r, "part")["title"]) == ["过去五年工作回顾", "今后五年奋斗目标", "2030年重点工作"]
    assert list(outline_of(r, "section")["id"]) == ["1.1", "1.2", "3.1", "3.2", "3.3"]
    assert r.node("3.3")["title"] == "兜牢民生底线"
    # 附件's numbered items 一、…三、 are not parts; the page's clutter lines after it
    # (打印, 关闭窗口) stay in the text but belong to no node.
    assert r.node("a")["title"] == "附件" and r.span("a").endswith("一亿元以上的项目。")
    assert r.text.rstrip().endswith("打印\n关闭窗口") and r.outline["end"].max() < r.text.index("打印\n关闭窗口")
    assert r.span("c").startswith("各位代表：") and r.span("c").endswith("奋力谱写绿水发展新篇章！")
    assert r.span("3").endswith("新增托位800个。")
    check_invariants(r)


def test_flat_layout():
    r = load_report(LAYOUTS / "flat.txt")
    assert r.meta["layout"] == "flat"
    assert levels(r) == {"preamble": 1, "part": 1, "closing": 1}
    assert r.node("1")["title"] == ""
    assert r.span("0") == "某某县政府工作报告\n各位代表："
    assert r.span("1").startswith("去年，全县经济") and r.span("1").endswith("扎实做好各项工作。")
    assert r.span("c").startswith("各位代表！")
    # Facts, dates and language work on it; 去年 is resolved once a date is given.
    assert {"210亿元", "5.6%", "65个", "88亿元"} <= set(r.facts["mention"])
    assert set(r.facts[r.facts["mention"] == "210亿元"]["section"]) == {"1"}
    assert list(r.dates["date"][:1]) == [""]
    dated = load_report(LAYOUTS / "flat.txt", date="2030-01-15")
    assert dated.meta["date"] == "2030-01-15" and dated.meta["year"] == 2030 and dated.meta["given"] == ["date"]
    assert list(dated.dates["date"][:1]) == ["2029"]
    from govreport.analysis import language

    assert len(language.tokens(r)) > 20
    check_invariants(r)


@pytest.mark.parametrize(
    "heading, title",
    [
        ("一、工作回顾", "工作回顾"),
        ("\u3000\u3000一、工作回顾", "工作回顾"),
        ("\u2003\u2003一、工作回顾", "工作回顾"),
        ("\u00a0一、工作回顾", "工作回顾"),
        ("一、工 作 回 顾", "工作回顾"),
        ("一 、 工　作　回　顾", "工作回顾"),
        ("第一部分 工作回顾", "工作回顾"),
        ("第一部分：工作回顾", "工作回顾"),
        ("第一部分、工作回顾", "工作回顾"),
        ("第一部分\n工作回顾", "工作回顾"),
        ("2029年工作回顾", "2029年工作回顾"),
        ("过去五年工作回顾", "过去五年工作回顾"),
        ("　　2030年工作安排", "2030年工作安排"),
    ],
)
def test_part_heading_forms(write_report, heading, title):
    layout = "chapters" if "第一部分" in heading else "numbered" if "、" in heading else "headings"
    text = f"各位代表：\n{heading}\n（一）经济运行稳中向好。全年经济运行总体平稳，各项指标好于预期。\n（二）民生持续改善。办好了一批民生实事。\n"
    r = load_report(write_report(text))
    assert r.meta["layout"] == layout
    assert list(outline_of(r, "part")["title"]) == [title]
    assert list(outline_of(r, "section")["title"]) == ["经济运行稳中向好", "民生持续改善"]
    check_invariants(r)


@pytest.mark.parametrize(
    "line",
    [
        "这是2029年工作回顾的一部分内容。",  # sentence punctuation: not a heading
        "我们认真总结了过去五年取得的成绩和经验并对今后五年工作回顾作出安排和部署",  # too long
        "经济运行稳中向好",  # names no review, plan or task
    ],
)
def test_lines_that_are_not_unnumbered_headings(write_report, line):
    r = load_report(write_report(f"{line}\n全年经济运行总体平稳，各项指标好于预期。\n"))
    assert r.meta["layout"] == "flat"


def test_a_lead_inside_a_paragraph_is_not_a_section(write_report):
    text = (
        "一、工作回顾\n我们主要抓了三件事：一是稳增长，二是促改革，三是惠民生。\n"
        "一是稳增长。全年经济运行总体平稳。\n"
    )
    r = load_report(write_report(text))
    assert "section" not in levels(r)  # one lead at a line start is no sequence
    r = load_report(write_report(text + "二是促改革。重点领域改革取得突破。\n"))
    assert list(outline_of(r, "section")["title"]) == ["稳增长", "促改革"]


def test_closing_salutation_only_after_the_last_heading(write_report):
    text = (
        "一、今年工作安排\n各位代表，今年是关键之年，任务艰巨。\n"
        "（一）稳定经济增长。全年经济增长6%左右。\n（二）保障改善民生。新增就业5万人。\n"
        "各位代表：\n让我们团结奋斗。\n"
    )
    r = load_report(write_report(text))
    assert r.span("c") == "各位代表：\n让我们团结奋斗。"
    assert r.span("1").startswith("一、今年工作安排\n各位代表，今年是")  # an earlier salutation stays in the part
    assert r.span("1.2") == "（二）保障改善民生。新增就业5万人。"
    check_invariants(r)


@pytest.mark.parametrize("trailer", ["（责任编辑：某某）", "名词解释\n一、新业态：指新的经营形态。", "相关报道", "版权所有：某某市人民政府办公室"])
def test_after_the_body(write_report, trailer):
    body = synthetic_report(parts=2, sections=(2, 1))
    r = load_report(write_report(body + trailer + "\n"))
    assert levels(r)["part"] == 2 and r.span("a") == trailer
    assert r.sentences.iloc[-1]["section"] == "a"
    check_invariants(r)


def test_numbered_appendix_items_are_not_parts(write_report):
    # Without the appendix rule, the attachment's 三、 would continue the body's 一、 二、.
    body = synthetic_report(parts=2, sections=(2, 1))
    items = "".join(f"{CN[k]}、名词{CN[k]}：指某一类新的经营形态。\n" for k in range(10))
    r = load_report(write_report(body + "附件：名词解释\n" + items))
    assert levels(r)["part"] == 2
    assert r.node("a")["title"] == "附件：名词解释" and r.span("a").endswith("名词十：指某一类新的经营形态。")
    assert r.span("2").endswith("人民群众获得感明显增强。")
    check_invariants(r)
