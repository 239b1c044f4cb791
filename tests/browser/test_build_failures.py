"""A page that fails, and what a page writes on stderr, at the level of the library
(``build_sites`` with a tiny folder of notebooks; kernels run, so it lives with the slow tests
of `make test-site`). The same failure seen in a browser: test_real_sites.py."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import PLAIN
from govreport.site import build
from test_sites import VisibleText


@pytest.fixture
def notebooks(tmp_path):
    """Two pages: an overview and a language page (a title, a parameters cell)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("00_overview", "05_language"):
        nb = new_notebook(cells=[new_markdown_cell("# A page\n\nWhat does it show?"),
                                 new_code_cell("REPORT = None", metadata={"tags": ["parameters"]})],
                          metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_a_page_that_fails_is_replaced_by_a_page_that_says_why_and_the_site_is_built(tmp_path, notebooks, capsys):
    broken = nbformat.read(notebooks / "00_overview.ipynb", as_version=4)
    broken.cells.append(new_code_cell(
        "import sys, warnings\n"
        "print('kernel chatter ' + 'for the log', file=sys.stderr)\n"
        "raise ValueError('cannot draw /tmp/someone/reports/上游县.txt at all')"))
    nbformat.write(broken, notebooks / "00_overview.ipynb")
    fine = nbformat.read(notebooks / "05_language.ipynb", as_version=4)
    fine.cells.append(new_code_cell("import warnings\nwarnings.warn('a warning ' + 'for the log only')\nprint('shown')"))
    nbformat.write(fine, notebooks / "05_language.ipynb")
    out = tmp_path / "build"
    (out / "meixi-2023" / "html").mkdir(parents=True)
    (out / "meixi-2023" / "html" / "index.html").write_text("the site built before", encoding="utf-8")

    status = build.build_sites([PLAIN], jobs=2, out=out, notebooks=notebooks)
    assert status == 1
    printed = capsys.readouterr()
    assert "1 of 2 pages failed" in printed.err and "00_overview.html" in printed.err
    assert printed.out.strip().splitlines()[-1].endswith("meixi-2023/html/index.html")

    site = out / "meixi-2023"
    failed = (site / "html" / "00_overview.html").read_text(encoding="utf-8")
    text = VisibleText(failed).text
    for words in ("00_overview.ipynb", "cell 3", "ValueError", "cannot draw 上游县.txt at all",
                  "The rest of the site is complete"):
        assert words in text, words
    assert "Traceback" not in text and "/tmp" not in failed and "someone" not in failed
    # The other page is built; what it wrote on stderr went to the build log, not the page.
    other = (site / "html" / "05_language.html").read_text(encoding="utf-8")
    assert "shown" in VisibleText(other).text and "warning for the log" not in other
    log = (site / "build.log").read_text(encoding="utf-8")
    assert "a warning for the log only" in log and "kernel chatter for the log" in log
    assert "UserWarning" not in other and "for the log" not in failed
    assert "00_overview.ipynb failed in cell 3: ValueError" in log
    # The index marks the page; site.json says which failed; the list of reports marks the site.
    index_page = (site / "html" / "index.html").read_text(encoding="utf-8")
    assert "This page failed" in VisibleText(index_page).text
    info = json.loads((site / "site.json").read_text(encoding="utf-8"))
    assert info["failed"] == ["00_overview.html"]
    assert [p["failed"] is not None for p in info["pages"]] == [True, False]
    assert "1 failed" in VisibleText((out / "index.html").read_text(encoding="utf-8")).text
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "meixi-2023"]  # no temporary folder
