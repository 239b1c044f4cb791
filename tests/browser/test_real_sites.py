"""Real reports and a failing page, in a real browser (`make test-site`).

- Two real provincial reports (``seeds/provinces-2025/``) get their sites from one command,
  with a progress line each and a last line counting them.
- No page of any site shows a warning, stderr text, a machine path or a Python repr.
- Tables: no word broken inside a cell (``menti on``), no header row left empty but for the
  index's name.
- Each index card asks its own page's question.
- The explorer ships its table library once per site, beside the pages: the page weighs at
  most 300 KB apart from its charts and its rows, and works from a copied folder.
- A page that raises on purpose: the site is built all the same, the page says why, the index
  marks it, the command exits with status 1.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import BROKEN_ERROR, BROKEN_PAGE, PROVINCES, file_url, site_pages
from test_sites import VisibleText, visible_text

ALL_SITES = ["bundled", "synthetic", "plain", "province_a", "province_b", "failing"]
REAL_SITES = ["province_a", "province_b"]

#: Text that is not the page's own: (pattern, what it is).
FOREIGN = [
    (re.compile(r"\b[A-Z]\w*Warning\b|\bWarning:|\bWARNING\b|\[IPKernelApp\]|Traceback \(most recent call last\)"),
     "warning or stderr text"),
    (re.compile(r"(?<![\w.])(?:/(?:tmp|work|home|root|usr|var|opt|private|Users|mnt)/|[A-Za-z]:\\)|site-packages|\.venv\b"),
     "machine path"),
    (re.compile(r"<[A-Z][\w.]*(?: object at 0x[0-9a-fA-F]+|[ :][^<>\n]{0,300})>|<[a-z_][\w.]* object at 0x[0-9a-fA-F]+>"),
     "Python repr"),
]


def foreign_text(text: str) -> list[str]:
    """Each piece of ``text`` that is a warning, a machine path or a Python repr, with what it is."""
    found = []
    for pattern, what in FOREIGN:
        for m in pattern.finditer(text):
            found.append(f"{what}: …{text[max(0, m.start() - 60):m.end() + 60]}…")
    return found


def test_foreign_text_is_recognised():
    assert foreign_text("a/b and 1/2 of 3.5%/year; <img src=x onerror=alert(1)> is report text; x < Y and z > 1") == []
    for bad in ("/tmp/pytest-1/x.txt", "…/site-packages/IPython/core/x.py:158", "UserWarning: constrained_layout",
                "<Report beijing.txt: 16605 characters>", "<Figure size 750x372 with 1 Axes>",
                "<matplotlib.axes._axes.Axes object at 0x7f3a>", "[IPKernelApp] ERROR | x", "C:\\Users\\me\\r.docx"):
        assert foreign_text(f"before {bad} after"), bad


@pytest.mark.parametrize("name", ALL_SITES)
def test_no_page_shows_a_warning_a_machine_path_or_a_repr(request, name):
    site = request.getfixturevalue(f"{name}_site")
    for path in site_pages(site) + [site.parent / "index.html"]:
        assert foreign_text(visible_text(path)) == [], path.name


def test_one_command_builds_the_sites_of_two_provincial_reports(builds, province_a_site, province_b_site):
    lines = builds["provinces"].output.strip().splitlines()
    for i, (report, site) in enumerate(zip(PROVINCES, (province_a_site, province_b_site)), 1):
        assert any(l.startswith(f"[{i}/2] ") and report.name in l and f"{site.name}/html/index.html" in l
                   for l in lines), (report.name, lines)
        info = json.loads((site / "site.json").read_text(encoding="utf-8"))
        assert info["failed"] == [] and len(info["pages"]) >= 7
        assert {p["href"] for p in info["pages"]} >= {"00_overview.html", "07_explore.html"}
    assert lines[-1] == "2 sites built"
    assert not any(l.startswith("page ") for l in lines), "several reports print one line each, not one per page"


@pytest.mark.parametrize("name", ["bundled", *REAL_SITES])
def test_no_word_is_broken_inside_a_table_cell(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    broken = """() => { const bad = [];
      for (const cell of document.querySelectorAll('main th, main td')) {
        const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let node;
        while ((node = walk.nextNode())) {
          const re = /[A-Za-z0-9][A-Za-z0-9_.,%]*[A-Za-z0-9%]/g; let m;
          while ((m = re.exec(node.data))) {
            const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
            const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
            if (tops.size > 1) bad.push(m[0]);
          } } }
      return bad; }"""
    empty_rows = """() => [...document.querySelectorAll('main thead tr')].filter(tr => {
        const cells = [...tr.children].map(c => c.textContent.trim());
        return cells.slice(1).every(t => t === ''); }).map(tr => tr.textContent.trim())"""
    checked = 0
    for path in site_pages(site)[1:]:
        page.goto(file_url(path), wait_until="load")
        page.evaluate("document.fonts.ready")
        assert page.evaluate(broken) == [], f"{path.name}: words broken inside a cell"
        assert page.evaluate(empty_rows) == [], f"{path.name}: a header row empty but for its first cell"
        checked += page.locator("main table").count()
    assert checked > 5


@pytest.mark.parametrize("name", ["bundled", "synthetic", *REAL_SITES])
def test_each_card_asks_its_own_pages_question(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    page.goto(file_url(site / "html" / "index.html"), wait_until="load")
    cards = page.eval_on_selector_all(
        "ol.pages li", "lis => lis.map(li => [li.querySelector('a.title').getAttribute('href'), li.querySelector('p').innerText])")
    assert len(cards) > 3
    for href, question in cards:
        assert question.endswith("?"), (href, question)
        # The question is the page's own: its opening (before the first subheading of its text,
        # an output's heading aside) asks it.
        page.goto(file_url(site / "html" / href), wait_until="load")
        opening = page.evaluate("""() => { const main = document.querySelector('main'),
            h2 = main.querySelector('.text_cell h2');
            if (!h2) return main.textContent;
            const r = document.createRange(); r.setStart(main, 0); r.setEndBefore(h2); return r.toString(); }""")
        assert question in " ".join(opening.split()), (href, question)
    sections = [q for href, q in cards if href.startswith("section_")]
    assert len(set(sections)) == len(sections), f"section cards share a question: {sections[:2]}"


@pytest.mark.parametrize("name", ["bundled", *REAL_SITES])
def test_the_explorer_ships_its_library_once_and_works_from_a_copied_folder(request, page, tmp_path, name):
    site = request.getfixturevalue(f"{name}_site")
    raw = (site / "html" / "07_explore.html").read_bytes()
    charts = sum(len(m) for m in re.findall(rb"data:image/png;base64,[A-Za-z0-9+/=]+", raw))
    rows = sum(len(m) for m in re.findall(rb'"data_json": .*', raw))
    rows += sum(len(m) for m in re.findall(rb'<div id="govreport-facts_fallback">.*?</div>', raw, re.S))
    weight = len(raw) - charts - rows
    assert weight <= 300 * 1024, f"{weight // 1024} KB apart from its charts and rows"
    assert not [s for s in re.findall(rb"<script[^>]*>(.*?)</script>", raw, re.S) if len(s) > 100 * 1024]
    assert b'<script src="itables.js"></script>' in raw
    libraries = [p.name for p in (site / "html").iterdir() if p.suffix == ".js"]
    assert libraries == ["itables.js"]
    copy = tmp_path / "copied"
    shutil.copytree(site / "html", copy)
    page.goto(file_url(copy / "07_explore.html"), wait_until="load")
    page.wait_for_selector("table#govreport-facts.dataTable", timeout=20_000)
    assert page.locator("#govreport-facts tbody tr").count() > 0
    assert page.console_errors == [], page.console_errors


def test_a_failing_page_leaves_the_rest_of_the_site_whole(builds, page, failing_site):
    output = builds["failing"].output
    assert f"{BROKEN_PAGE}.html" in output and "1 of 4 pages failed" in output
    html = failing_site / "html"
    assert sorted(p.name for p in html.glob("*.html")) == sorted(
        ["index.html", "00_overview.html", "section_1.html", "section_2.html", f"{BROKEN_PAGE}.html"])
    error, message = BROKEN_ERROR
    page.goto(file_url(html / f"{BROKEN_PAGE}.html"), wait_until="load")
    text = " ".join(page.locator("body").inner_text().split())
    for words in (f"{BROKEN_PAGE}.ipynb", "cell 3", error, "no figure for 上游县 in upstream.csv",
                  "The rest of the site is complete"):
        assert words in text, words
    assert "/tmp" not in text and "Traceback" not in text
    assert page.console_errors == []
    for other in ("00_overview.html", "section_1.html", "section_2.html"):
        assert "could not be built" not in visible_text(html / other), other
    # The index marks the failed page, and only it.
    page.goto(file_url(html / "index.html"), wait_until="load")
    failed = page.eval_on_selector_all("ol.pages li.failed a.title", "as => as.map(a => a.getAttribute('href'))")
    assert failed == [f"{BROKEN_PAGE}.html"]
    assert error in page.locator("ol.pages li.failed").inner_text()
    listed = VisibleText((failing_site.parent / "index.html").read_text(encoding="utf-8")).text
    assert "1 failed" in listed
    assert "error" in (failing_site / "build.log").read_text(encoding="utf-8").lower()
