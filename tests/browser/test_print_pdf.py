"""A PDF as Chromium prints it: the bundled report as a web page, printed to PDF, reads as its text.

Chromium's PDFs carry Kangxi radicals and radical-supplement forms in their text layer
(``⼯`` for ``工``, ``⺠`` for ``民``): the reader maps them back (``govreport.reading.ideographs``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, file_url

from govreport import load_report

sys.path.insert(0, str(ROOT / "tests"))
from documents import write_html  # noqa: E402


def test_chromium_print_to_pdf_reads_as_the_text(page, tmp_path):
    seed = load_report()
    lines = (ROOT / "seeds" / "jiaozuo-2021.txt").read_text(encoding="utf-8").splitlines()
    html = write_html(tmp_path / "jiaozuo.html", lines, clutter=False)
    page.goto(file_url(html))
    pdf = Path(tmp_path / "jiaozuo.pdf")
    page.pdf(path=str(pdf), format="A4", display_header_footer=True, margin={"top": "20mm", "bottom": "20mm", "left": "15mm", "right": "15mm"},
             header_template="<span class='title' style='font-size:8px'></span>",
             footer_template="<span style='font-size:8px'>- <span class='pageNumber'></span> -</span>")
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        layer = "".join(p.extract_text() or "" for p in doc.pages)
    assert any("\u2e80" <= c <= "\u2fdf" for c in layer)  # what Chromium writes
    r = load_report(pdf)
    assert r.meta["format"] == "pdf" and r.meta["wrapped"]
    assert not any("\u2e80" <= c <= "\u2fdf" for c in r.text)
    assert "_某某市人民政府" not in r.text  # the running header (the page's title)
    keys = ["id", "level", "title"]
    assert r.outline[keys].equals(seed.outline[keys])
    facts = ["mention", "value", "unit", "indicator"]
    assert r.facts[facts].reset_index(drop=True).equals(seed.facts[facts].reset_index(drop=True))
    same = ("place", "date", "speaker", "office", "occasion", "level", "year")
    assert {k: r.meta[k] for k in same} == {k: seed.meta[k] for k in same}
