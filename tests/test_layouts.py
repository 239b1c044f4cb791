"""Other reports of the genre: layouts the bundled report does not have (synthetic texts)."""

import pytest
from conftest import synthetic_report

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
    assert report._sections_of_sorted(shuffled) == [report.section_at(p) for p in shuffled]
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
        "office": "代市长", "occasion": "某某市第五届人民代表大会第二次会议", "level": "prefecture", "year": 2022,
        "layout": "numbered", "wrapped": False, "given": [], "encoding": "utf-8", "file": "report.txt",
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


def test_headings_on_their_own_lines_and_indented(write_report):
    r = load_report(write_report(synthetic_report(headings_on_own_line=True, indent="\u3000\u3000")))
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
    assert {k: v for k, v in r.meta.items() if k not in ("encoding", "file", "layout", "wrapped", "given")} == dict.fromkeys(
        ["title", "place", "date", "speaker", "office", "occasion", "level", "year"]
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
