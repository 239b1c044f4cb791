"""The committed notebooks: clean outputs, the house conventions, and an index that cannot drift.

nbval (run by `make test` with --nbval) re-executes each notebook and compares its outputs
with these committed ones; the checks here look at the committed files themselves.
"""

import html
import json
import re

import pytest

from govreport import paths
from govreport.site import pages as site

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


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
    assert set(site.notebooks()) == set(NOTEBOOKS)


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


def test_index_lists_every_notebook(tmp_path):
    entries = site.index_entries()
    assert [e.name for e in entries] == [p.stem for p in NOTEBOOKS]
    page = site.write_index(entries, tmp_path, "test").read_text(encoding="utf-8")
    for path, e in zip(NOTEBOOKS, entries):
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
    assert site.update_readme(readme, site.index_entries()) == readme, "run: python -m govreport.site.build --readme"
    for path in NOTEBOOKS:
        assert f"(notebooks/{path.name})" in readme
