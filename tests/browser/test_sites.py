"""The sites `make report` builds, read from disk: the right pages, no error, no sentence about
the bundled report on another report's pages, the bundled site untouched by other builds,
lean pages, and a terminal output of one line per page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import nbformat
import pytest

from conftest import site_pages, tree_hashes

# Phrases of the commentary written about the bundled report (Jiaozuo 2021). None may appear on
# another report's pages; the synthetic reports use none of them. (A slogan named alone as an
# example of what the glossary holds, in a page's method note, is not such a sentence.)
BUNDLED_PHRASES = [
    "Jiaozuo", "焦作", "Henan", "河南", "徐衣显", "About the bundled report", "for the bundled report",
    "placing the city in its province", "holding its place rather than gaining", "全省 and 企业",
    "The three that recur", "六稳, 六保", "六稳、六保", "“六稳”“六保”", "days without a new case",
    "each formula names a whole method", "四早", "三高行动", "五大倍增", "一联三帮", "两区",
]
BUNDLED_NUMBERS = ["372", "184.7", "81.7"]


class VisibleText(HTMLParser):
    """The text of a page as a reader sees it (no script, style or embedded data)."""

    def __init__(self, page: str):
        super().__init__()
        self.skip, self.parts = 0, []
        self.feed(page)
        self.text = " ".join(self.parts)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(path) -> str:
    return VisibleText(path.read_text(encoding="utf-8")).text


def test_bundled_site_has_the_themed_pages_and_no_generic_ones(bundled_site):
    names = {p.name for p in (bundled_site / "html").glob("*.html")}
    assert {"index.html", "00_overview.html", "01_epidemic_control.html", "05_language_and_slogans.html"} <= names
    assert not any(n.startswith("section_") for n in names)


def test_ten_section_report_gets_a_page_per_section(synthetic_site):
    names = {p.name for p in (synthetic_site / "html").glob("*.html")}
    expected = {"section_1.1.html", "section_1.2.html"} | {f"section_2.{i}.html" for i in range(1, 11)}
    assert expected <= names
    assert not any(re.match(r"0[1-4]_", n) for n in names), "themed notebooks run for the bundled report only"
    assert {"index.html", "00_overview.html", "05_language_and_slogans.html"} <= names


def test_report_without_sections_gets_a_page_per_part(plain_site):
    names = {p.name for p in (plain_site / "html").glob("*.html")}
    assert {"section_1.html", "section_2.html"} <= names
    assert not any(re.match(r"section_\d+\.\d", n) for n in names)


@pytest.mark.parametrize("name", ["bundled", "synthetic", "plain"])
def test_site_holds_exactly_its_pages_data_and_notebooks(request, name):
    site = request.getfixturevalue(f"{name}_site")
    info = json.loads((site / "site.json").read_text(encoding="utf-8"))
    pages = {p["href"] for p in info["pages"]}
    assert {p.name for p in (site / "html").glob("*")} == pages | {"index.html", "itables.js"}  # nothing stale
    assert {p.stem for p in (site / "notebooks").glob("*.ipynb")} == {h[: -len(".html")] for h in pages}
    assert {p.name for p in (site / "data").glob("*")} == {"outline.csv", "sentences.csv", "facts.csv", "dates.csv"}
    assert (site / "build.log").exists()


@pytest.mark.parametrize("name", ["bundled", "synthetic", "plain"])
def test_no_page_holds_an_error(request, name):
    site = request.getfixturevalue(f"{name}_site")
    for path in sorted((site / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
                if out["output_type"] == "stream":
                    assert out["name"] != "stderr", f"{path.name}: {out['text'][:300]}"
    for page in site_pages(site):
        text = visible_text(page)
        for marker in ("Traceback", "Error:", "Warning"):
            assert marker not in text, f"{page.name}: {marker}"


@pytest.mark.parametrize("name", ["synthetic", "plain"])
def test_no_sentence_about_the_bundled_report_on_another_reports_pages(request, name):
    site = request.getfixturevalue(f"{name}_site")
    for page in site_pages(site):
        text = visible_text(page)
        for phrase in BUNDLED_PHRASES:
            assert phrase not in text, f"{page.name}: {phrase!r}"
        for number in BUNDLED_NUMBERS:
            assert not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text), f"{page.name}: {number}"


def test_the_bundled_site_is_untouched_by_other_reports_builds(builds, bundled_site, synthetic_site, plain_site):
    assert tree_hashes(bundled_site) == builds["bundled"].snapshot


def test_the_list_of_reports_has_every_site(build_root, bundled_site, synthetic_site, plain_site):
    page = (build_root / "index.html").read_text(encoding="utf-8")
    for site in (bundled_site, synthetic_site, plain_site):
        assert f'href="{site.name}/html/index.html"' in page
    text = VisibleText(page).text
    for value in ("焦作市", "江岚省", "梅溪县", "2021-02-23", "2022-01-20", "2023-01-12", "徐衣显", "周明远", "林秋云"):
        assert value in text
    # No staging folder of a site (.<slug>-…), of a site replaced (.old-…) or of the list (.index-…) is left.
    # (A panel keeps its tables in .panel-tables/ on purpose.)
    slugs = tuple(f".{p.name}-" for p in build_root.iterdir() if not p.name.startswith("."))
    left = [p.name for p in build_root.iterdir() if p.name.startswith((".old-", ".index-") + slugs)]
    assert left == [], f"a temporary folder was left behind: {left}"


@pytest.mark.parametrize("name", ["bundled", "synthetic", "plain"])
def test_make_report_prints_one_line_per_page_and_names_the_index_last(request, builds, name):
    site = request.getfixturevalue(f"{name}_site")
    lines = builds[name].output.strip().splitlines()
    pages = [p["href"] for p in json.loads((site / "site.json").read_text(encoding="utf-8"))["pages"]]
    page_lines = [l for l in lines if l.startswith("page ")]
    assert sorted(l.split()[1] for l in page_lines) == sorted(pages)
    assert lines[-1].endswith(f"{site.name}/html/index.html")
    assert "encryption" not in builds[name].output and "IPKernelApp" not in builds[name].output


def weight_apart_from_charts(raw: bytes) -> tuple[int, int]:
    """(bytes of a page apart from its charts and the libraries its outputs ship, bytes of those libraries).

    A library is a script of 100 KB or more (the DataTables bundle of the explorer page)."""
    charts = sum(len(m) for m in re.findall(rb"data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=]+", raw))
    libraries = sum(len(m) for m in re.findall(rb"<script[^>]*>(.*?)</script>", raw, re.S) if len(m) >= 100 * 1024)
    return len(raw) - charts - libraries, libraries


@pytest.mark.parametrize("name", ["bundled", "synthetic"])
def test_pages_weigh_at_most_300_kb_apart_from_their_charts(request, name):
    site = request.getfixturevalue(f"{name}_site")
    for page in site_pages(site):
        weight, libraries = weight_apart_from_charts(page.read_bytes())
        assert weight <= 300 * 1024, f"{page.name}: {weight // 1024} KB without charts"
        if libraries:
            assert page.name == "07_explore.html", f"{page.name}: ships {libraries // 1024} KB of scripts"
