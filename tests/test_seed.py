"""Known totals on the bundled report (checked by reading the text)."""

import hashlib
import time

import pytest

from govreport import load_report, paths

SEED_SHA256 = "b977b92561ce3f15a49e8052a3b2e3495edc4791e9d8cce167f189577bda91be"

# The 15 bold-lead points, read off the text section by section.
POINTS = {
    "1.1": ["有效阻断疫情传播", "全力以赴救治患者", "扎实做好常态化防控"],
    "1.2": ["抢抓机遇实施“三高行动”", "精准高效推进复工复产", "千方百计保障市场主体", "持续发力优化发展环境", "多措并举释放消费潜力"],
    "1.3": ["脱贫攻坚“一个不落”", "污染防治深入推进", "重大风险有效化解"],
    "1.4": ["推动制造业转型升级", "培育壮大数字经济", "加快服务业提质发展", "提升科技创新能力"],
}
SECTIONS = {
    "1.1": "疫情防控科学有效,取得重大战略成果",
    "1.2": "精准发力“六稳”“六保”,经济持续回稳向好",
    "1.3": "打好打赢三大攻坚战,全面小康成色更足",
    "1.4": "强力推进产业转型,发展动能加速转换",
}


@pytest.fixture(scope="module")
def report():
    return load_report()


def test_seed_file_is_the_bundled_copy():
    assert hashlib.sha256(paths.DEFAULT_REPORT.read_bytes()).hexdigest() == SEED_SHA256


def test_metadata(report):
    assert report.meta == {
        "title": None,  # the seed has no title line; nothing is invented
        "place": "焦作市",
        "date": "2021-02-23",
        "speaker": "徐衣显",
        "office": "市长",
        "occasion": "焦作市第十三届人民代表大会第四次会议",
        "source": None,  # no web page's 来源： line
        "published": None,
        "level": "prefecture",  # a 市长 of a city that is no province-level municipality
        "year": 2021,
        "layout": "numbered",  # parts written 一、
        "wrapped": False,
        "given": [],
        "encoding": "utf-8",
        "format": "txt",
        "file": "jiaozuo-2021.txt",
    }


def test_text_is_exact(report):
    assert report.text == paths.DEFAULT_REPORT.read_bytes().decode("utf-8")
    assert len(report.text) == 3496


def test_outline_counts(report):
    levels = report.outline["level"].value_counts().to_dict()
    assert levels == {"preamble": 1, "part": 1, "section": 4, "point": 15}
    assert list(report.outline.columns) == ["id", "level", "number", "title", "start", "end", "parent", "group"]
    assert set(report.outline["group"]) == {""}  # no themed groups in a review part


def test_part_and_sections(report):
    part = report.node("1")
    assert part["title"] == "2020年工作回顾及“十三五”主要成就"
    assert report.span("1").startswith("一、2020年工作回顾")
    for sid, title in SECTIONS.items():
        node = report.node(sid)
        assert node["title"] == title
        assert node["parent"] == "1"
    assert report.span("1.1").startswith("(一)疫情防控")
    assert report.span("1.4").endswith("在全省科技综合考评中居第一位。")


def test_the_fifteen_points(report):
    outline = report.outline
    for sid, titles in POINTS.items():
        pts = outline[(outline["level"] == "point") & (outline["parent"] == sid)]
        assert list(pts["title"]) == titles
        assert list(pts["id"]) == [f"{sid}.{i}" for i in range(1, len(titles) + 1)]
        for _, p in pts.iterrows():
            assert report.text[p["start"] : p["end"]].startswith(p["title"] + "。")


def test_short_statements_are_not_points(report):
    titles = set(report.outline["title"])
    for statement in ["土壤污染防治有序开展", "建成焦作籍科技人才库", "在全省科技综合考评中居第一位", "山阳潮街获批省级示范步行街试点"]:
        assert statement in report.text
        assert statement not in titles


def test_preamble(report):
    pre = report.span("0")
    assert pre.startswith("——二○二一年二月二十三日")
    assert pre.endswith("请各位政协委员和其他列席人士提出意见。")


def test_spans_round_trip_and_nest(report):
    nodes = report.outline.set_index("id")
    for node_id, node in nodes.iterrows():
        span = report.text[node["start"] : node["end"]]
        assert span == span.strip(), node_id
        assert span
        if isinstance(node["parent"], str):
            parent = nodes.loc[node["parent"]]
            assert parent["start"] <= node["start"] < node["end"] <= parent["end"], node_id


def test_points_end_with_their_paragraph(report):
    # (一)'s last point governs its paragraph only; the closing paragraph belongs to the section.
    s = report.sentences
    row = s[s["text"].str.contains("8467名机关干部")].iloc[0]
    assert row["section"] == "1.1"
    row = s[s["text"].str.contains("选派16名医护人员")].iloc[0]
    assert row["section"] == "1.1.2"


def test_sentence_count(report):
    # 76 sentences end in 。 (none of them inside quotes or parentheses), plus five lines
    # without a terminator: the dateline, the speaker line, 各位代表:, the part heading and
    # 主要做了以下工作:.
    assert report.text.count("。") == 76
    assert len(report.sentences) == 81


def test_sentences_round_trip_and_cover_everything(report):
    text = report.text
    covered = [False] * len(text)
    prev_end = 0
    for row in report.sentences.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text == row.text.strip()
        assert row.start >= prev_end
        prev_end = row.end
        for i in range(row.start, row.end):
            covered[i] = True
    # Nothing lost: every non-blank character is in a sentence.
    assert all(covered[i] for i, c in enumerate(text) if not c.isspace())
    assert list(report.sentences["id"]) == list(range(len(report.sentences)))


def test_sentence_sections(report):
    s = report.sentences.set_index("id")
    assert s.loc[0, "section"] == "0"
    assert s.loc[0, "text"].startswith("——二○二一年")
    heading = s[s["text"] == "一、2020年工作回顾及“十三五”主要成就"]
    assert list(heading["section"]) == ["1"]
    assert s[s["text"].str.startswith("(二)")]["section"].tolist() == ["1.2"]
    assert s[s["text"] == "抢抓机遇实施“三高行动”。"]["section"].tolist() == ["1.2.1"]
    counts = s["section"].str.split(".").str[:2].str.join(".").value_counts()
    assert counts.to_dict() == {"0": 4, "1": 4, "1.1": 13, "1.2": 21, "1.3": 12, "1.4": 27}


def test_load_is_fast():
    # The issue asks for < 50 ms; this guard is looser so a busy CI machine does not flake.
    load_report()
    best = min(_timed(load_report) for _ in range(5))
    assert best < 0.2, f"load_report took {best * 1000:.0f} ms"


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def test_tables_built_on_first_use():
    # load_report builds the outline; the sentences table (whose text column copies the
    # whole text) waits for first use, and the facts do not need it.
    report = load_report()
    assert "sentences" not in vars(report) and "facts" not in vars(report)
    assert len(report.facts) > 0
    assert "sentences" not in vars(report)
    assert "81 sentences" in repr(report) and "sentences" not in vars(report)
    sentences = report.sentences
    assert report.sentences is sentences  # built once
    assert list(sentences.columns) == ["id", "section", "start", "end", "text"]
