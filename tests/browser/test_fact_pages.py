"""The fact-check and explorer pages in a real browser (headless chromium, `make test-site`).

On the bundled report's site and on a synthetic report's site (fixtures of conftest.py):
- the explorer's table is interactive with the network cut off: DataTables (embedded in the
  page) draws it, and typing a word in its search box keeps exactly the rows that contain it;
- the fact-check page loads without a console error, shows no error output, and shows the
  results the library computes for that report.
The words searched and the results expected are computed from the report by the library.
"""

from __future__ import annotations

import html
import re

import pytest

from conftest import SYNTHETIC, file_url

from govreport import load_report
from govreport.analysis import checks, explore
from govreport.analysis import fact_check_story as story

SITES = {"bundled": None, "synthetic": SYNTHETIC}
TABLE = f"#{explore.TABLE_ID}"


def offline(page) -> list[str]:
    """Abort every request that leaves the file system; return the list of what was asked for."""
    asked = []

    def handle(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            asked.append(url)
            route.abort()

    page.route("**/*", handle)
    return asked


def search_word(table) -> tuple[str, int]:
    """A word of the report that some rows of the explorer contain and others do not, and how many
    rows contain it (DataTables searches every column's displayed text, ignoring case)."""
    text = table.astype(str).apply(lambda row: " ".join(row), axis=1)
    for indicator in table["indicator"]:
        for word in (indicator[:2], indicator):
            if len(word) < 2:
                continue
            n = int(text.str.contains(word, regex=False).sum())
            if 0 < n < len(table):
                return word, n
    pytest.fail("no indicator word separates the rows of the explorer")


def info_count(page) -> str:
    return page.locator(f"{TABLE}_wrapper .dt-info").inner_text()


@pytest.mark.parametrize("name", SITES)
def test_explorer_table_searches_offline(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    table = explore.facts_table(load_report(SITES[name]))
    word, expected = search_word(table)
    asked = offline(page)
    page.goto(file_url(site / "html" / "07_explore.html"), wait_until="load")
    page.wait_for_selector(f"table{TABLE}.dataTable", timeout=20_000)
    assert f"of {len(table)} entries" in info_count(page), info_count(page)
    search = page.locator(f"{TABLE}_wrapper .dt-search input")
    search.fill(word)
    page.wait_for_function(
        "([sel, n]) => document.querySelector(sel).innerText.includes(`of ${n} entries`)",
        arg=[f"{TABLE}_wrapper .dt-info", expected], timeout=10_000,
    )
    page.locator(f"{TABLE}_wrapper .dt-length select").select_option("100")
    rows = page.locator(f"{TABLE} tbody tr")
    assert rows.count() == min(expected, 100)
    for i in range(rows.count()):
        assert word in rows.nth(i).inner_text(), f"row {i} lacks {word!r}"
    assert "filtered from" in info_count(page)
    assert asked == [], f"requests left the page: {asked}"
    assert page.console_errors == [], page.console_errors


@pytest.mark.parametrize("name", SITES)
def test_fact_check_page_holds_no_error_and_shows_the_checks(request, page, name):
    site = request.getfixturevalue(f"{name}_site")
    report = load_report(SITES[name])
    asked = offline(page)
    page.goto(file_url(site / "html" / "06_fact_check.html"), wait_until="load")
    assert page.console_errors == [], page.console_errors
    assert page.locator(".output_error, .output_stderr").count() == 0, "an error or stderr output on the page"
    text = page.locator("body").inner_text()
    for marker in ("Traceback", "Error:", "Exception"):
        assert marker not in text, f"{marker} on the page"
    assert asked == [], f"requests left the page: {asked}"
    # The results shown are those the library computes for this report: the answer, the
    # overview's check titles and every check's sentence (Markdown rendered to text).
    shown = " ".join(text.split())
    assert plain(story.answer(report)) in shown
    for title in checks.overview(report)["check"]:
        assert title in shown
    for name_, (_, check) in checks.CHECKS.items():
        assert plain(story.DESCRIBE[name_](report, check(report))) in shown, name_


def plain(markdown: str) -> str:
    """The text a browser shows for our computed Markdown: escapes and emphasis marks removed."""
    text = re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))
    return " ".join(html.unescape(text).split())
