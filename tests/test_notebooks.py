"""The committed notebooks: clean outputs, the house conventions, and an index that cannot drift.

nbval (run by `make test` with --nbval) re-executes each notebook and compares its outputs
with these committed ones; the checks here look at the committed files themselves.
"""

import html
import json
import re

import pytest

from govreport import paths
from govreport.site import index
from govreport.site import pages as site

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
#: The numbered collection (the index and the README table list these).
NUMBERED = [p for p in NOTEBOOKS if p.name[:2].isdigit()]
#: The generic section page: not numbered, run once per section of a report.
SECTION_PAGE = paths.NOTEBOOKS_DIR / "section.ipynb"
#: Notebooks whose commentary is about the bundled report only (built for it alone).
BUNDLED_ONLY = {"01_epidemic_control", "02_economy_six_stabilities", "03_three_tough_battles", "04_industrial_transformation"}
#: Notebooks run for every report: none of their sentences may be about the bundled report alone,
#: except in cells tagged ``bundled-only`` (dropped from every other report's pages).
FOR_EVERY_REPORT = [paths.NOTEBOOKS_DIR / n for n in ("00_overview.ipynb", "05_language_and_slogans.ipynb", "section.ipynb")]
#: Phrases of commentary written about the bundled report: they must not reach another report's page.
BUNDLED_PHRASES = [
    "Jiaozuo", "焦作", "徐衣显", "for the bundled report", "Answer, for the bundled", "placing the city in its province",
    "全省 and 企业", "The three that recur", "372 days", "Epidemic control", "184.7", "Henan",
]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def output_texts(nb):
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                yield out["name"], "".join(out["text"])
            elif out["output_type"] == "error":
                yield "error", out["ename"] + ": " + out["evalue"]
            else:
                for mime, data in out.get("data", {}).items():
                    if mime.startswith("text/"):
                        yield mime, "".join(data) if isinstance(data, list) else data


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ is empty"
    assert NOTEBOOKS[0].name == "00_overview.ipynb"


def test_every_notebook_is_numbered_so_the_index_has_it():
    assert set(site.notebooks()) == set(NUMBERED)
    assert set(NOTEBOOKS) - set(NUMBERED) == {SECTION_PAGE}, "only the generic section page is unnumbered"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_conventions(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = nb["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# "), "opens with a titled markdown cell"
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    assert re.search(r"^REPORT = None\b", "".join(params[0]["source"]), re.M)
    for cell in cells:
        if cell["cell_type"] == "code":
            assert cell["execution_count"] is not None, "every code cell has been executed"
            assert "sys.path" not in "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_clean(path):
    for kind, text in output_texts(load(path)):
        assert kind not in ("error", "stderr"), text[:300]
        assert "missing from" not in text, text[:300]  # matplotlib's "Glyph … missing from font"
        assert "Warning" not in text, text[:300]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_object_repr_leaks(path):
    for cell in load(path)["cells"]:
        for out in cell.get("outputs", []):
            if out["output_type"] == "execute_result":
                text = "".join(out["data"].get("text/plain", ""))
                assert not re.match(r"<(Figure|Axes|matplotlib|wordcloud)", text), text[:200]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_hold_no_machine_specific_values(path):
    for kind, text in output_texts(load(path)):
        assert str(paths.ROOT) not in text
        assert not re.search(r"(/root/|/home/|/tmp/|/work/|[A-Z]:\\\\)", text), text[:300]
        assert not re.search(r"\b20\d\d-\d\d-\d\d[ T]\d\d:\d\d", text), "timestamp in output"
        assert not re.search(r" at 0x[0-9a-f]+>", text), "memory address in output"


def test_index_lists_every_notebook():
    entries = site.index_entries()
    assert [e.name for e in entries] == [p.stem for p in NUMBERED]
    rows = [{"href": e.href, "title": e.title, "summary": e.summary} for e in entries]
    page = index.report_index({"file": "test"}, rows, [])
    for path, e in zip(NUMBERED, entries):
        assert f'href="{path.stem}.html"' in page
        assert e.title and html.escape(e.title) in page
        assert e.summary, f"{path.name}: no summary paragraph after the title"


def test_index_entry_reads_title_and_first_sentence(tmp_path):
    nb = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# A *title*\n", "\n", "First **one**. Second.\n"]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    path = tmp_path / "07_x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    e = site.entry(path)
    assert (e.name, e.title, e.summary, e.href) == ("07_x", "A title", "First one.", "07_x.html")
    bad = tmp_path / "08_y.ipynb"
    nb["cells"][0]["source"] = ["no heading"]
    bad.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ValueError, match="08_y.ipynb"):
        site.entry(bad)


def test_readme_table_is_generated_from_the_notebooks():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert site.update_readme(readme, site.index_entries()) == readme, "run: govreport notebooks --readme-only"
    for path in NOTEBOOKS:  # the numbered ones in the table, the section page described beside it
        assert f"(notebooks/{path.name})" in readme


def parameters(nb) -> str:
    return "".join(next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))["source"])


@pytest.mark.parametrize("path", FOR_EVERY_REPORT + [paths.NOTEBOOKS_DIR / f"{n}.ipynb" for n in sorted(BUNDLED_ONLY)], ids=lambda p: p.name)
def test_date_and_place_reach_load_report(path):
    nb = load(path)
    params = parameters(nb)
    assert re.search(r"^DATE = None\b", params, re.M) and re.search(r"^PLACE = None\b", params, re.M)
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "load_report(REPORT, date=DATE, place=PLACE)" in code


def test_bundled_only_notebooks_say_so():
    for path in NUMBERED:
        flag = load(path)["metadata"].get("govreport", {}).get("bundled_only", False)
        assert flag == (path.stem in BUNDLED_ONLY), path.name
    assert not load(SECTION_PAGE)["metadata"].get("govreport", {}).get("bundled_only", False)
    assert re.search(r'^SECTION = "1\.1"', parameters(load(SECTION_PAGE)), re.M), "SECTION is an outline id string"


@pytest.mark.parametrize("path", FOR_EVERY_REPORT, ids=lambda p: p.name)
def test_pages_for_every_report_hold_no_bundled_commentary(path):
    """Static text (markdown and code) outside ``bundled-only`` cells says nothing about the bundled
    report alone: its findings are computed in cells, and the bundled commentary is tagged."""
    nb = load(path)
    tagged = 0
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "bundled-only" in tags:
            tagged += 1
            assert cell["cell_type"] == "markdown", "only commentary is tagged bundled-only, never code"
            continue
        source = "".join(cell["source"])
        for phrase in BUNDLED_PHRASES:
            assert phrase not in source, f"{path.name}: {phrase!r} in an untagged cell: {source[:120]}"
    if path != SECTION_PAGE:
        assert tagged, "the bundled report's commentary is kept, in cells tagged bundled-only"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS], ids=lambda p: p.name)
def test_no_python_list_reprs_or_cut_text_in_outputs(path):
    """Lists are shown as text, never as a Python repr; long text is not cut with "…"."""
    for kind, text in output_texts(load(path)):
        if kind in ("text/markdown", "stdout"):
            assert not re.search(r"\[\s*'[^']*'(,\s*'[^']*')*\s*\]", text), text[:200]
            assert not re.search(r"\{'\w+': \d+", text), f"dict repr in output: {text[:200]}"
        if kind == "text/html" and "dataframe" in text:
            assert not re.search(r"…</td>", text), "a table cell cut with …"


def test_section_page_reads_section_through_section_id():
    """papermill -p SECTION 3.2 passes a float: the page turns it into the outline id (or a clear
    error) with sections.section_id before it reads anything (see tests/test_prose.py), in
    section_story.opening, the one call that opens every section page."""
    import inspect

    from govreport.analysis import section_story

    code = [("".join(c["source"])) for c in load(SECTION_PAGE)["cells"] if c["cell_type"] == "code"]
    setup = next(c for c in code if "load_report(" in c)
    assert "SECTION, facts = story.opening(report, SECTION)" in setup
    body = inspect.getsource(section_story.opening)
    assert body.index("sections.section_id(report, section)") < body.index("sections.section_facts(report, sid)")
