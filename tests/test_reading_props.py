"""Property tests of the reader: a text made of report-like fragments in any order always
loads (with a consistent outline), and only what is no report raises ReportError."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport import ReportError, load_report

# Fragments of the genre, written for the tests: heads, headings of every layout, leads,
# dash lines, salutations, paragraphs, closings, appendices and clutter.
FRAGMENTS = [
    "政府工作报告",
    "政 府 工 作 报 告",
    "政府工作报告——2030年3月5日在第十九届全国人民代表大会第一次会议上国务院总理　王小明",
    "——二〇三〇年一月八日在青山市绿水区第三届人民代表大会第五次会议上",
    "（2029年12月28日在青山市第九届人民代表大会第二次会议上）",
    "青山市绿水区人民政府代区长　赵　强",
    "刘　洋",
    "各位代表：",
    "各位代表！",
    "现在，我代表市人民政府向大会报告工作，请予审议。",
    "一、2029年工作回顾",
    "二、2030年工作安排",
    "三、加强政府自身建设",
    "　　一、工 作 回 顾",
    "第一部分　过去五年工作回顾",
    "第二部分：今后五年奋斗目标",
    "第三部分、2030年重点工作",
    "2029年工作回顾",
    "2030年主要目标任务",
    "加强政府自身建设",
    "（一）经济运行稳中向好。全年经济增长5.1%，城镇新增就业1.2万人。",
    "（二）民生持续改善",
    "(三)改革不断深化。重点领域改革取得突破，新设经营主体3000户。",
    "一是加强宏观调控，推动经济运行平稳向好。新增减税降费超过1万亿元。",
    "二是深化改革开放。持续优化营商环境。",
    "三是着力改善民生",
    "——经济运行总体平稳。国内生产总值增长5%左右。",
    "——城镇新增就业1200万人以上；",
    "——",
    "推动产业链优化升级。围绕重点产业链补链强链，实施制造业技术改造升级工程，培育一批具有国际竞争力的先进制造业集群，形成新的增长点。",
    "培育新兴产业。加快新能源、新材料、生物制造等产业发展，开辟新赛道，打造新的增长引擎，形成更多新的增长点和增长极。",
    "去年，全县地区生产总值达到210亿元，增长5.6%；今年预期增长6%左右。",
    "团结就是力量。奋斗创造未来。",
    "“十四五”规划目标任务顺利推进（试行。修订）",
    "注释",
    "附件",
    "名词解释",
    "［1］经营主体：指在市场上从事经营活动的各类组织和个人。",
    "（责任编辑：周某）",
    "打印",
    "版权所有：某某市人民政府办公室",
    "",
    "　　",
]


def write(folder: Path, text: str, name: str = "r.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def wrap(text: str, width: int) -> str:
    return "\n".join(line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


def check_consistent(r):
    text, outline = r.text, r.outline
    assert r.meta["layout"] in ("numbered", "chapters", "headings", "flat")
    assert set(outline["level"]) <= {"preamble", "part", "section", "point", "closing", "appendix"}
    assert outline["level"].iloc[0] == "preamble" and (outline["level"] == "part").sum() >= 1
    nodes = outline.set_index("id")
    assert nodes.index.is_unique
    tops = []
    for node_id, node in nodes.iterrows():
        span = text[node["start"] : node["end"]]
        assert span == span.strip(), node_id
        assert span or node["level"] == "preamble", node_id
        if isinstance(node["parent"], str):
            parent = nodes.loc[node["parent"]]
            assert parent["start"] <= node["start"] < node["end"] <= parent["end"], node_id
            assert node["level"] in ("section", "point")
        else:
            assert node["level"] in ("preamble", "part", "closing", "appendix")
            tops.append((node["start"], node["end"], node_id))
    for (s1, e1, a), (s2, e2, b) in zip(tops, tops[1:]):
        assert e1 <= s2 or (a == "0" and s1 == e1), (a, b)  # top-level nodes do not overlap
    if "c" in nodes.index or "a" in nodes.index:
        assert (outline[outline["parent"].isin(["c", "a"])]).empty  # no points in them
    prev = 0
    covered = 0
    for row in r.sentences.itertuples():
        assert row.start >= prev and row.end > row.start
        assert text[row.start : row.end] == row.text == row.text.strip()
        assert row.section == r.section_at(row.start)
        prev = row.end
        covered += sum(1 for c in row.text if not c.isspace())
    assert covered == sum(1 for c in text if not c.isspace())  # every non-blank character is in a sentence
    r.facts, r.dates  # the later stages run on any layout


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25),
    newline=st.sampled_from(["\n", "\r\n"]),
    width=st.one_of(st.none(), st.integers(min_value=6, max_value=40)),
)
def test_report_fragments_in_any_order_always_load(lines, newline, width):
    text = "\n".join(lines)
    if width:
        text = wrap(text, width)
    text = text.replace("\n", newline)
    if not any("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff" for a, b in zip(text, text[1:])):
        return  # no two Chinese characters in a row: no sentence (tested below)
    with tempfile.TemporaryDirectory() as folder:
        r = load_report(write(Path(folder), text))
    check_consistent(r)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_a_web_page_of_report_fragments_loads_or_says_why(lines):
    import html

    page = "<!DOCTYPE html>\n<html><body>\n" + "\n".join(f"<p>{html.escape(x)}</p>" for x in lines) + "\n</body></html>"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.txt"
        path.write_text(page, encoding="utf-8")
        try:
            r = load_report(path)
        except ReportError as err:
            assert str(path) in str(err)  # no Chinese text, or no sentence
            return
    assert r.meta["format"] == "html" and "<p>" not in r.text
    check_consistent(r)


NOT_REPORTS = st.one_of(
    st.just(b""),
    st.text(alphabet=" \t\r\n\u3000", min_size=1, max_size=20).map(lambda s: s.encode()),
    st.binary(min_size=1, max_size=200).map(lambda b: b"\x00" + b),  # binary: NUL bytes
    st.text(alphabet="abcdefghij 0123456789.,\n", min_size=1, max_size=80).map(lambda s: s.encode()),  # no Chinese
    st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=200).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b),
    st.text(alphabet="中 国\n", min_size=1, max_size=10).filter(lambda s: "中国" not in s and "国中" not in s and "中中" not in s and "国国" not in s).map(lambda s: s.encode()),
)


@settings(max_examples=40, deadline=None)
@given(data=NOT_REPORTS)
def test_what_is_no_report_raises_report_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.txt"
        path.write_bytes(data)
        with pytest.raises(ReportError) as info:
            load_report(path)
    assert str(path) in str(info.value)
