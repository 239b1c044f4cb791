"""Page clutter: the lines a web page adds around a report stay in the text, and the outline
and the title block skip them (``govreport.reading.clutter``). Lines and sites are our own."""

from __future__ import annotations

import pytest

from govreport import load_report, paths
from govreport.reading.clutter import is_clutter, published_of, source_of

CLUTTER = [
    "下载", "打印", "全屏", "收藏", "打印 | 全屏 | 收藏", "【打印本页】【关闭窗口】", "返回顶部",
    "【字号：加大 还原 减小】", "【字体：大 中 小】", "字号：大 中 小", "大 中 小",
    "分享：", "分享到：微信 微博 QQ空间", "扫一扫在手机打开当前页",
    "首页 > 政府信息公开 > 政府工作报告", "首页>新闻中心>要闻", "您的位置：首页 > 要闻动态", "当前位置：首页",
    "来源：某某日报", "来源 : 某某新闻网", "时间：2026-02-02 09:20", "发布时间：2026年2月3日", "阅读量：", "浏览次数：1024",
    "来源：某某日报　时间：2026-02-02 09:20　阅读量：3021　【字体：大 中 小】", "作者：某某　责任编辑：某某某",
    "某某作政府工作报告。本报记者 某某 摄", "（新华社记者 某某某 摄）",
]
REPORT_LINES = [
    "一、过去一年的工作", "（一）经济运行稳中向好", "各位代表：", "政府工作报告", "某某市人民政府市长 某某",
    "——2026年1月26日在某某市第五届人民代表大会第三次会议上", "主要做了以下工作：", "时间紧、任务重。",
    "数据来源：某某市统计局", "大力推进乡村振兴", "中", "下载量增长两成。", "2026年工作安排",
    "坚持以人民为中心的发展思想，来源于人民、服务于人民。",
]


@pytest.mark.parametrize("line", CLUTTER)
def test_clutter_lines(line):
    assert is_clutter(line)


@pytest.mark.parametrize("line", REPORT_LINES)
def test_report_lines_are_not_clutter(line):
    assert not is_clutter(line)


def test_source_and_posting_date():
    lines = ["首页 > 要闻", "来源：某某日报 打印 关闭", "发布时间：2026/02/03 10:00", "政府工作报告"]
    assert source_of(lines) == "某某日报"
    assert published_of(lines) == "2026-02-03"
    assert published_of(["时间：2026年2月3日"]) == "2026-02-03"
    assert published_of(["来源：某某日报　时间：2026-02-02 09:20　阅读量：3021"]) == "2026-02-02"
    assert source_of(["来源：某某日报　时间：2026-02-02 09:20"]) == "某某日报"
    # Not a label of the page: a report's own words, or a date that is not one.
    assert source_of(["数据来源：某某市统计局"]) is None
    assert published_of(["——2026年1月26日在某某市第五届人民代表大会第三次会议上"]) is None
    assert published_of(["时间：2026-02-30"]) is None
    assert source_of([]) is None and published_of([]) is None


def web_copy(lines: list[str]) -> list[str]:
    """The bundled report as a web page would give it: every clutter form around its head,
    a photo caption inside it and the page's footer after it."""
    top = [
        "首页 > 政府信息公开 > 政府工作报告", "您的位置：首页 > 要闻动态", "标题：政府工作报告",
        "来源：某某日报　时间：2026-02-02 09:20　阅读量：3021", "【字号：加大 还原 减小】",
        "下载", "打印", "全屏", "收藏", "分享：",
    ]
    caption = ["某某作政府工作报告。本报记者 某某 摄", "【字体：大 中 小】"]
    foot = ["", "分享到：微信 微博", "打印 | 关闭", "来源：某某日报", "阅读量：", ""]
    return top + lines[:2] + caption + lines[2:6] + ["时间：2026-02-02 09:20"] + lines[6:] + foot


def test_web_copy_reads_as_the_report(tmp_path):
    seed = load_report()
    text = "\n".join(web_copy(paths.DEFAULT_REPORT.read_text(encoding="utf-8").splitlines()))
    path = tmp_path / "web.txt"
    path.write_text(text, encoding="utf-8")
    r = load_report(path)
    assert r.text == text  # the clutter stays in the text
    keys = ["id", "level", "title"]
    assert r.outline[keys].equals(seed.outline[keys])
    same = ("place", "date", "speaker", "office", "occasion", "level", "year", "layout", "wrapped")
    assert {k: r.meta[k] for k in same} == {k: seed.meta[k] for k in same}
    assert r.meta["title"] == "政府工作报告"  # from 标题：, without the label
    assert (r.meta["source"], r.meta["published"]) == ("某某日报", "2026-02-02")  # the posting, not the session
    # The outline ends where the page's footer begins; the closing ends as the report does.
    assert r.outline["end"].max() < text.index("分享到：微信 微博")
    assert r.span(r.outline["id"].iloc[-1]) == seed.span(seed.outline["id"].iloc[-1])
    facts = ["mention", "value", "unit", "indicator"]
    assert r.facts[facts].reset_index(drop=True).equals(seed.facts[facts].reset_index(drop=True))


def test_clutter_of_the_provincial_reports_is_in_their_head():
    # On the 31 real Word copies, the lines taken for clutter are the 来源： lines of the head.
    for path in sorted((paths.ROOT / "seeds" / "provinces-2025").glob("*.docx")):
        lines = load_report(path).text.splitlines()
        for i, line in enumerate(lines):
            if is_clutter(line):
                assert i < 6 and line.lstrip().startswith("来源"), (path.name, i, line)


def test_docstring_examples_run():
    import doctest

    from govreport.reading import clutter

    assert doctest.testmod(clutter).failed == 0


def test_pdf_of_a_web_copy_reads_as_the_report(tmp_path):
    # A web page printed to PDF: its clutter lines are short, so the unwrapping leaves them
    # whole, and the outline and the title block skip them as in the text.
    from documents import write_pdf

    seed = load_report()
    lines = [line for line in web_copy(paths.DEFAULT_REPORT.read_text(encoding="utf-8").splitlines()) if line]
    r = load_report(write_pdf(tmp_path / "web.pdf", lines, page_numbers="- {} -"))
    assert r.meta["wrapped"] and r.meta["format"] == "pdf"
    assert r.outline[["id", "level", "title"]].equals(seed.outline[["id", "level", "title"]])
    same = ("place", "date", "speaker", "office", "occasion", "level", "year", "layout")
    assert {k: r.meta[k] for k in same} == {k: seed.meta[k] for k in same}
