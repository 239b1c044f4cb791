"""A panel page that fails, at the level of the command (``govreport site --panel`` with a
tiny folder of panel notebooks; kernels run, so it lives with the slow tests of `make
test-site`): the panel's site goes through the loop a report's site goes through
(``govreport.site.assemble``), so it gets the same failure page, index mark, build log,
notes count and exit status. A bad report file: tests/test_panel_pages.py."""

from __future__ import annotations

import json

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from govreport import cli
from govreport.site.index import read_sites
from test_panel_site import PANEL, report


def notebook(title: str, *code: str) -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# {title}\n\nWhat do the places say?"),
             new_code_cell("PANEL = None\nNAME = None", metadata={"tags": ["parameters"]})]
    return new_notebook(cells=cells + [new_code_cell(c) for c in code],
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def reports(tmp_path):
    """The reports of 2024 of the browser's panel: a province and five of its cities."""
    folder = tmp_path / "hills"
    folder.mkdir()
    for i, (place, years) in enumerate(PANEL.items()):
        (folder / f"{i}.txt").write_text(report(place, 2024, *years[2024]), encoding="utf-8")
    return folder


def test_a_panel_page_that_fails_gets_its_failure_page_an_index_mark_and_exit_1(tmp_path, capsys):
    folder = reports(tmp_path)
    pages = tmp_path / "panel-notebooks"
    pages.mkdir()
    nbformat.write(notebook(
        "Places counted",
        "import sys\nimport pandas as pd\nfrom IPython.display import HTML, display\n"
        "reports = pd.read_csv(f'{PANEL}/reports.csv', encoding='utf-8-sig')\n"
        "print('stray words ' + 'for the log', file=sys.stderr)\n"
        "display(HTML('<p class=\"govreport-note\">a check that did not hold</p>'))\n"
        "print(f'{len(reports)} reports')"), pages / "01_counted.ipynb")
    nbformat.write(notebook("Never drawn", "raise ValueError('no chart for /tmp/someone/丘陵县.txt')"),
                   pages / "02_broken.ipynb")
    out = tmp_path / "build"
    status = cli.main(["site", "--panel", str(folder), "-o", str(out), "--name", "hills",
                       "--notebooks", str(pages), "--jobs", "1"])
    assert status == 1
    printed = capsys.readouterr()
    assert "1 of 2 pages failed" in printed.err and "02_broken.html: 02_broken.ipynb failed in cell 3" in printed.err
    assert "1 note on the pages" in printed.out
    assert printed.out.strip().splitlines()[-1].endswith("panel-hills/html/index.html")

    site = out / "panel-hills"
    failed = (site / "html" / "02_broken.html").read_text(encoding="utf-8")
    for words in ("02_broken.ipynb", "cell 3", "ValueError", "no chart for 丘陵县.txt", "The rest of the site is complete"):
        assert words in failed, words
    assert "/tmp" not in failed and "someone" not in failed
    fine = (site / "html" / "01_counted.html").read_text(encoding="utf-8")
    assert "6 reports" in fine and "stray words for the log" not in fine  # stderr goes to build.log, not the page
    log = (site / "build.log").read_text(encoding="utf-8")
    assert "stray words for the log" in log and "02_broken.ipynb failed in cell 3: ValueError" in log
    index_page = (site / "html" / "index.html").read_text(encoding="utf-8")
    assert index_page.count('<li class="failed">') == 1 and "This page failed" in index_page
    assert "1 note: data checks that did not hold" in index_page and "6 report files" in index_page
    info = json.loads((site / "site.json").read_text(encoding="utf-8"))
    assert info["kind"] == "panel" and info["failed"] == ["02_broken.html"] and info["notes"] == 1
    assert [p["notes"] for p in info["pages"]] == [1, 0]
    assert (site / "data" / "targets.csv").exists() and (site / "notebooks" / "02_broken.ipynb").exists()
    assert [s["slug"] for s in read_sites(out)] == ["panel-hills"]
    assert "1 page failed" in (out / "index.html").read_text(encoding="utf-8")  # the list of sites marks it
    assert sorted(p.name for p in out.iterdir()) == [".panel-tables", "index.html", "panel-hills"]
