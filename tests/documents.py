"""Writers of test documents: the same lines as a Word file, a PDF or a web page.

python-docx writes the Word file; fpdf2 writes the PDF with SimHei from mplfonts (a
TrueType CJK font whose text layer pdfplumber reads back; fpdf2's PDFs with mplfonts'
OpenType Noto fonts lose characters on the way back). ``kangxi_font`` makes a copy of
SimHei that draws Kangxi radicals and radical-supplement forms with the glyphs of the
ideographs they stand for, as the PDFs of Chromium and office suites do.
"""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import mplfonts

FONT = Path(mplfonts.__file__).parent / "fonts" / "SimHei.ttf"


def write_docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def write_pdf(path: Path, lines: list[str], font: Path = FONT, header: str | None = None, page_numbers: str | None = None, **encryption) -> Path:
    """A PDF with one paragraph per line (wrapped at the page's width), an optional running
    header and page numbers in the footer (``page_numbers`` a format such as ``- {} -``)."""
    from fpdf import FPDF

    class Pages(FPDF):
        def header(self):
            if header:
                self.set_font("cjk", size=9)
                self.cell(0, 6, header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)
                self.set_font("cjk", size=11)

        def footer(self):
            if page_numbers:
                self.set_y(-15)
                self.set_font("cjk", size=9)
                self.cell(0, 8, page_numbers.format(self.page_no()), align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_font("cjk", size=11)

    pdf = Pages(format="A4")
    pdf.add_font("cjk", fname=str(font))
    pdf.set_font("cjk", size=11)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def lookalikes() -> dict[str, str]:
    """ideograph -> the radical that looks like it (Kangxi radicals by NFKC, then the radical
    supplement forms of data/cjk_radicals.tsv for ideographs with no Kangxi twin)."""
    from govreport.paths import DATA_DIR

    out: dict[str, str] = {}
    for c in range(0x2F00, 0x2FE0):
        n = unicodedata.normalize("NFKC", chr(c))
        if len(n) == 1 and n != chr(c):
            out.setdefault(n, chr(c))
    for line in (DATA_DIR / "cjk_radicals.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")
            out.setdefault(ideograph, radical)
    return out


def kangxi_font(path: Path) -> Path:
    """SimHei with the radicals of ``lookalikes`` drawn by their ideographs' glyphs."""
    from fontTools.ttLib import TTFont

    font = TTFont(FONT)
    cmap = font.getBestCmap()
    for table in font["cmap"].tables:
        if table.isUnicode():
            for ideograph, radical in lookalikes().items():
                if ord(ideograph) in cmap:
                    table.cmap[ord(radical)] = cmap[ord(ideograph)]
    font.save(path)
    return path


def write_html(path: Path, lines: list[str], title: str = "政府工作报告", clutter: bool = True, encoding: str = "utf-8") -> Path:
    """A government-style web page holding the lines as paragraphs, with (``clutter``) a
    navigation bar, a breadcrumb, the posting's labels, font-size toggles, share buttons,
    a footer and scripts around them."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    nav = footer = info = ""
    if clutter:
        nav = (
            '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
            '<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>\n'
            '<div class="crumb">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>\n'
        )
        info = (
            '<div class="info">来源：某某日报　发布时间：2026-02-02 09:20　阅读量：<span id="hits">3021</span>'
            '　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】　<a href="javascript:print()">打印</a></div>\n'
        )
        footer = (
            '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>\n'
            '<div class="footer"><p>主办单位：某某市人民政府办公室　承办：某某市大数据中心</p>'
            '<p>网站标识码：1234567890　某ICP备12345678号</p><p>联系电话：0000-12345678</p></div>\n'
            "<script>var hits = 3021; document.getElementById('hits').textContent = hits;</script>\n"
        )
    page = (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="{encoding}"><title>{html.escape(title)}_某某市人民政府</title>\n'
        '<script src="/js/jquery.min.js"></script><style>body{font-size:16px}</style></head>\n<body>\n'
        f'{nav}<div class="main"><div class="article"><h1>{html.escape(title)}</h1>\n{info}'
        f'<div class="content" id="zoom">\n{body}\n</div></div></div>\n{footer}</body></html>\n'
    )
    path.write_bytes(page.encode(encoding))
    return path
