"""Reports as they come: a Word file, a web page or a PDF reads into the same ``Report`` as its text.

Each file here is made inside the test from the bundled report (seeds/jiaozuo-2021.txt),
or is one of the 31 provincial Word files in seeds/provinces-2025/.
"""

from __future__ import annotations

import time
import zipfile

import pytest

from documents import kangxi_font, lookalikes, write_html, write_pdf
from govreport import ReportError, load_report, paths
from govreport.reading.formats.pdf import _drop_running_lines

PROVINCES = sorted((paths.ROOT / "seeds" / "provinces-2025").glob("*.docx"))
FACT_KEYS = ["mention", "value", "unit", "indicator"]
OUTLINE_KEYS = ["id", "level", "title"]
SAME_META = ("title", "place", "date", "speaker", "office", "occasion", "level", "year", "layout")


@pytest.fixture(scope="module")
def seed():
    return load_report()


def write_docx(path, lines, table=None):
    """A Word file with one paragraph per line (and a table of rows after the first line)."""
    import docx

    document = docx.Document()
    for i, line in enumerate(lines):
        document.add_paragraph(line)
        if i == 0 and table:
            t = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
    document.save(path)
    return path


def assert_same_report(r, seed):
    """Same outline (ids, levels, titles), same facts and same metadata as the bundled text."""
    assert r.outline[OUTLINE_KEYS].equals(seed.outline[OUTLINE_KEYS])
    assert r.facts[FACT_KEYS].reset_index(drop=True).equals(seed.facts[FACT_KEYS].reset_index(drop=True))
    assert {k: r.meta[k] for k in SAME_META} == {k: seed.meta[k] for k in SAME_META}
    # Every offset indexes the text read.
    for row in r.outline.itertuples():
        assert r.text[row.start : row.end] == r.span(row.id)
    for row in r.facts.head(50).itertuples():
        assert r.read_span(row.start, row.end) == row.mention


def test_all_provincial_word_files_load():
    assert len(PROVINCES) == 31
    for path in PROVINCES:
        r = load_report(path)
        assert r.meta["format"] == "docx" and r.meta["encoding"] is None, path.name
        assert (r.outline["level"] == "part").sum() >= 2, path.name
        assert len(r.facts) > 50, path.name
        assert r.meta["date"] is not None and r.meta["date"].startswith("2025-01"), path.name


def test_docx_of_the_bundled_report_reads_as_its_text(seed, tmp_path):
    lines = seed.text.splitlines()
    r = load_report(write_docx(tmp_path / "jiaozuo.docx", lines))
    assert r.meta["format"] == "docx" and seed.meta["format"] == "txt"
    assert r.text == "\n".join(lines)
    assert_same_report(r, seed)


def test_docx_whose_extension_lies_is_read_as_word(seed, tmp_path):
    path = write_docx(tmp_path / "report.txt", seed.text.splitlines())
    r = load_report(path)
    assert r.meta["format"] == "docx" and r.meta["file"] == "report.txt"
    # and a text file named .docx is read as text
    fake = tmp_path / "copy.docx"
    fake.write_bytes(paths.DEFAULT_REPORT.read_bytes())
    assert load_report(fake).meta["format"] == "txt"


def test_docx_tables_give_a_line_per_cell(tmp_path):
    lines = ["政府工作报告", "各位代表：", "一、过去一年的工作", "全市生产总值增长6%。", "二、今年的安排", "继续努力。"]
    table = [["指标", "目标"], ["生产总值", "增长6%左右"], ["", ""]]
    r = load_report(write_docx(tmp_path / "t.docx", lines, table=table))
    assert r.text.splitlines()[:6] == ["政府工作报告", "指标", "目标", "生产总值", "增长6%左右", "各位代表："]
    assert list(r.outline[r.outline["level"] == "part"]["title"]) == ["过去一年的工作", "今年的安排"]


def test_docx_merged_cell_is_read_once(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、工作回顾")
    t = document.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "合并单元格"
    t.cell(0, 1).text = "甲项"
    t.cell(1, 1).text = "乙项"
    document.add_paragraph("经济稳定增长。")
    path = tmp_path / "merged.docx"
    document.save(path)
    assert load_report(path).text.splitlines() == ["一、工作回顾", "合并单元格", "甲项", "乙项", "经济稳定增长。"]


def test_docx_and_html_read_cost_at_most_twice_the_text(tmp_path):
    # Loading the 31 provincial Word files, and web pages of their text, against loading
    # the same text from .txt files.
    texts, pages = [], []
    for path in PROVINCES:
        text = load_report(path).text
        txt = tmp_path / (path.stem + ".txt")
        txt.write_text(text, encoding="utf-8")
        texts.append(txt)
        pages.append(write_html(tmp_path / (path.stem + ".html"), text.splitlines()))

    def cost(files):  # CPU time: what other processes on the machine do counts least in it
        t = time.process_time()
        for f in files:
            load_report(f)
        return time.process_time() - t

    # Interleaved, best of five: the machine's other work slows all alike.
    word, web, text = zip(*[(cost(PROVINCES), cost(pages), cost(texts)) for _ in range(5)])
    assert min(word) <= 2 * min(text), ("docx", min(word), min(text))
    assert min(web) <= 2 * min(text), ("html", min(web), min(text))


def test_a_folder_is_searched_for_every_format_read(tmp_path):
    from govreport import collect
    from govreport.reading import files
    from govreport.reading.files import REPORT_SUFFIXES

    assert collect.find_reports is files.find_reports  # folders are searched for what the formats read (REPORT_SUFFIXES)
    for name in ("a.txt", "b.docx", "sub/c.DOCX", "notes.md", "d.doc"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [p.rsplit("/", 1)[-1] for p in collect.find_reports([str(tmp_path)])]
    assert sorted(found) == ["a.txt", "b.docx", "c.DOCX"]


@pytest.fixture(scope="module")
def seed_lines():
    return paths.DEFAULT_REPORT.read_text(encoding="utf-8").splitlines()


def test_pdf_of_the_bundled_report_reads_as_its_text(seed, seed_lines, tmp_path):
    path = write_pdf(tmp_path / "jiaozuo.pdf", seed_lines, header="某某市政府工作报告（全文）", page_numbers="- {} -")
    r = load_report(path)
    assert r.meta["format"] == "pdf" and r.meta["encoding"] is None
    assert r.meta["wrapped"] is True  # lines broken at the page's width, read through the unwrapping
    assert "某某市政府工作报告" not in r.text and "- 2 -" not in r.text  # running header, page numbers
    assert r.text.count("\n") > len(seed_lines) + 20
    assert_same_report(r, seed)


def test_pdf_with_kangxi_radicals_reads_as_ideographs(seed, seed_lines, tmp_path):
    swap = {ord(k): v for k, v in lookalikes().items()}
    radical_lines = [line.translate(swap) for line in seed_lines]
    assert sum(c >= "\u2e80" and c <= "\u2fdf" for line in radical_lines for c in line) > 300
    font = kangxi_font(tmp_path / "radicals.ttf")
    path = write_pdf(tmp_path / "radicals.pdf", radical_lines, font=font, page_numbers="第{}页")
    import pdfplumber

    with pdfplumber.open(path) as pdf:  # the text layer holds the radicals ...
        layer = pdf.pages[0].extract_text()
    assert "⼯作" in layer and "⼈⺠" in layer
    r = load_report(path)  # ... the report the ideographs
    assert not any("\u2e80" <= c <= "\u2fdf" for c in r.text)
    assert "人民政府" in r.text and "第1页" not in r.text
    assert_same_report(r, seed)


def test_pdf_without_text_is_a_scan(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.set_fill_color(200, 200, 200)
        pdf.rect(20, 20, 170, 250, style="F")  # a picture of a page, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(ReportError, match="without a text layer.*run OCR on it first") as info:
        load_report(tmp_path / "scan.pdf")
    assert "scan.pdf" in str(info.value)


def test_encrypted_and_damaged_pdf(seed_lines, tmp_path):
    locked = write_pdf(tmp_path / "locked.pdf", seed_lines[:5], owner_password="owner", user_password="secret")
    with pytest.raises(ReportError, match="password-protected"):
        load_report(locked)
    data = locked.read_bytes()
    (tmp_path / "cut.pdf").write_bytes(write_pdf(tmp_path / "whole.pdf", seed_lines[:5]).read_bytes()[:900])
    with pytest.raises(ReportError, match="damaged PDF|without a text layer"):
        load_report(tmp_path / "cut.pdf")
    assert data.startswith(b"%PDF")


def test_pdf_readable_without_password_is_read(seed, seed_lines, tmp_path):
    # Encrypted with an empty user password (printing or copying restricted): it opens.
    path = write_pdf(tmp_path / "restricted.pdf", seed_lines, owner_password="owner")
    r = load_report(path)
    assert r.outline[["id", "level", "title"]].equals(seed.outline[["id", "level", "title"]])


PAGES = [
    ["一、过去一年的工作", "经济运行稳中向好，新增就业岗位三千个。", "各位代表："],
    ["二、今年的工作", "抓好重点任务。", "扩大有效投资。"],
    ["各位代表：", "三、政府自身建设", "提升行政效能。"],
]


@pytest.mark.parametrize("number", ["3", "- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 12 页", "3/12", "Page 3", "三"])
def test_page_numbers_dropped(number):
    pages = [PAGES[0], [number, *PAGES[1]], [*PAGES[2], number]]
    assert _drop_running_lines(pages) == [line for page in PAGES for line in page]


def test_running_header_and_footer_dropped_but_not_report_lines():
    header = "某某市人民政府公报 2026年第{}期"
    pages = [[header.format(2), *page, f"— {i + 1} —"] for i, page in enumerate(PAGES)]
    pages[1].insert(1, "经济运行稳中向好，新增就业岗位三千个。")  # a sentence seen twice, not at the same edge
    lines = _drop_running_lines(pages)
    assert not any("公报" in line or "—" in line for line in lines)
    # 各位代表： stands at a page's edge twice, once at the bottom and once at the top: kept.
    assert lines.count("各位代表：") == 2 and len(lines) == 10


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_web_page_of_the_bundled_report_reads_as_its_text(seed, seed_lines, tmp_path, encoding):
    path = write_html(tmp_path / "jiaozuo.html", seed_lines, encoding=encoding)
    r = load_report(path)
    assert r.meta["format"] == "html" and r.meta["encoding"] == ("gb18030" if encoding == "gbk" else "utf-8")
    lines = r.text.splitlines()
    assert lines[0] == "政府工作报告" and lines[2:] == [line.strip() for line in seed_lines]  # the <h1>, the labels, the report
    for gone in ("政务公开", "分享到", "主办单位", "ICP备", "var hits", "jquery"):
        assert gone not in r.text
    assert r.meta["title"] == "政府工作报告"
    assert (r.meta["source"], r.meta["published"]) == ("某某日报", "2026-02-02")
    assert r.outline[["id", "level", "title"]].equals(seed.outline[["id", "level", "title"]])
    facts = ["mention", "value", "unit", "indicator"]
    assert r.facts[facts].reset_index(drop=True).equals(seed.facts[facts].reset_index(drop=True))
    same = ("place", "date", "speaker", "office", "occasion", "level", "year", "layout")
    assert {k: r.meta[k] for k in same} == {k: seed.meta[k] for k in same}


def test_web_page_with_line_breaks_and_a_table(tmp_path):
    page = (
        "<html><head><meta charset='utf-8'><title>某县政府工作报告</title></head><body>"
        "<div id='menu'><a href='/'>首页</a> <a href='/a'>机构设置</a> <a href='/b'>政策文件</a></div>"
        "<table><tr><td class='main'>"
        "<div>——2026年1月20日在某某县第九届人民代表大会第三次会议上<br>某某县人民政府县长　林青山<br><br>"
        "各位代表：<br>　　现在，我代表县人民政府向大会报告工作。<br>一、过去一年的工作<br>"
        "　　全县生产总值增长5.5%，一般公共预算收入增长4%。<br>二、今年的工作安排<br>"
        "　　今年全县生产总值增长5%左右。"
        "<table><tr><td>指标</td><td>目标</td></tr><tr><td>粮食产量</td><td>稳定在30万吨</td></tr></table></div>"
        "</td></tr></table><div class='copyright'>版权所有：某某县人民政府</div></body></html>"
    )
    path = tmp_path / "county.htm"
    path.write_text(page, encoding="utf-8")
    r = load_report(path)
    assert r.text.splitlines()[:3] == ["——2026年1月20日在某某县第九届人民代表大会第三次会议上", "某某县人民政府县长　林青山", "各位代表："]
    assert r.text.splitlines()[-4:] == ["指标", "目标", "粮食产量", "稳定在30万吨"]
    assert "机构设置" not in r.text and "版权所有" not in r.text
    assert list(r.outline[r.outline["level"] == "part"]["title"]) == ["过去一年的工作", "今年的工作安排"]
    assert (r.meta["date"], r.meta["speaker"], r.meta["level"]) == ("2026-01-20", "林青山", "county")


def test_web_page_with_a_share_box_action_links_and_a_sidebar(seed, seed_lines, tmp_path):
    # A share box whose class holds "share" inside a word, print and close links that run
    # scripts, previous/next links and a sidebar of related articles around the report.
    import html

    body = "".join(f"<p><font face='仿宋'><span>{html.escape(line)}</span></font></p>" for line in seed_lines)
    related = "".join(f"<li><a href='/a/{i}.html'>{t}</a><span>2026-01-1{i}</span></li>" for i, t in enumerate(
        ["某某市召开常务会议研究部署春耕生产", "一图读懂某某市政府工作报告", "某某市关于优化营商环境的若干措施政策解读"]))
    page = (
        "<html><head><meta charset='utf-8'><title>政府工作报告</title></head><body>"
        "<div class='topbar'>无障碍浏览 | 长者模式 | 登录</div>"
        "<div class='wrap'><div class='left'><div class='article'><h1>政府工作报告</h1>"
        f"<div class='TRS_Editor'>{body}</div>"
        "<div class='article-tools'><span class='bdsharebuttonbox'>分享到：<a>微信</a><a>微博</a></span>"
        "<a href='javascript:window.print()'>【打印本页】</a> <a href=' JavaScript:window.close()'>【关闭窗口】</a></div>"
        "<div class='prevnext'><p>上一篇：<a href='/p.html'>某某市新闻办举行发布会</a></p></div></div></div>"
        f"<div class='right'><h3>相关阅读</h3><ul>{related}</ul></div></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    r = load_report(path)
    assert r.text.splitlines() == ["政府工作报告"] + [line.strip() for line in seed_lines]
    for gone in ("分享到", "打印本页", "关闭窗口", "上一篇", "相关阅读", "一图读懂", "长者模式"):
        assert gone not in r.text
    assert r.outline[OUTLINE_KEYS].equals(seed.outline[OUTLINE_KEYS])
    assert r.facts[FACT_KEYS].reset_index(drop=True).equals(seed.facts[FACT_KEYS].reset_index(drop=True))


def test_web_page_whose_extension_lies(seed_lines, tmp_path):
    path = write_html(tmp_path / "report.txt", seed_lines)
    assert load_report(path).meta["format"] == "html"


def test_web_page_without_its_text(tmp_path):
    path = tmp_path / "app.html"
    path.write_text("<!DOCTYPE html><html><head><title>报告</title><script>render('某某')</script></head><body><div id='app'></div></body></html>", encoding="utf-8")
    with pytest.raises(ReportError, match="HTML page without Chinese text"):
        load_report(path)


def test_unify_maps_lookalikes_only():
    import doctest

    from govreport.reading import ideographs

    assert doctest.testmod(ideographs).failed == 0
    assert ideographs.unify("\uf900\uf901") == "豈更"  # compatibility ideographs
    assert ideographs.unify("⻓江⻔户⻅闻") == "长江门户见闻"  # radical-supplement forms
    kept = "（一）：，。“２０２６年”ＡＢＣ　%"
    assert ideographs.unify(kept) == kept  # full-width punctuation, digits and letters: not NFKC'd
