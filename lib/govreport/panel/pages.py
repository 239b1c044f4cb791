"""``make panel [DIR=folder]``: a panel's site, ``build/panel-<name>/``.

    govreport site --panel                  # the default panel -> build/panel-provinces-2025/
    govreport site --panel FOLDER [--name NAME] [-o build]

The panel's tables are built first (``govreport panel``, into ``build/.panel-tables/<name>/``,
where its cache is kept between builds), then the panel notebooks (``notebooks/panel/``) run
through papermill on them. They go through the loop every site goes through
(``govreport.site.assemble``), so a panel's site gets what a report's gets: computed prose,
code folded, the CJK font embedded; a page that fails replaced by a page that says why and
marked in the index; notes counted; what the pages wrote on stderr in ``build.log``; the same
last lines, and exit status 1 when a page failed or a file could not be read (2 when no
report was found). The site holds ``html/`` (an index, ``site.index.pages_index``, and one
page per notebook), ``data/`` (the tables, CSV and Parquet), ``notebooks/`` (the executed
notebooks), ``build.log`` and ``site.json`` (kind ``panel``), and is moved into place whole;
``build/index.html`` is then regenerated and lists it. With no folder, the default panel: the
31 provincial reports of 2025 and the bundled report (``story.DEFAULT_INPUTS``).
"""

from __future__ import annotations

import os
import re
import shutil
from html import escape
from pathlib import Path

from .. import paths
from ..site import index as site_index
from ..site import pages as site_pages
from ..reading.files import ReportError
from ..site.assemble import JOBS, Built, finish_site, pages_info, print_line, write_pages
from ..site.plan import Page
from ..site.staging import staging
from .command import TABLES
from .story import DEFAULT_INPUTS, TABLES_FOLDER, build_default, default_name

NOTEBOOK_DIR = "panel"


def panel_notebooks(folder: Path | None = None) -> list[Path]:
    """The panel's notebooks, in order: those of ``folder`` (default ``notebooks/panel/``)."""
    return site_pages.notebooks(folder or paths.NOTEBOOKS_DIR / NOTEBOOK_DIR)


def panel_name(inputs: list[str] | None) -> str:
    """``provinces-2025`` for the default panel, else the first folder's name (ASCII-safe)."""
    if not inputs:
        return default_name()
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(inputs[0]).resolve().name).strip("-")
    return name or "panel"


def build_tables(inputs: list[str] | None, folder: Path, jobs: int = JOBS) -> int:
    """The panel's tables in ``folder`` (``govreport panel``); the number of files that failed.
    The default panel is read from the repository, paths written relative to it."""
    from .command import build

    if inputs:
        summaries, _, _ = build(inputs, folder, jobs)
    else:
        summaries = build_default(folder, jobs)
    return sum(s["row"]["status"] == "error" for s in summaries)


def panel_index(title: str, entries: list[dict], data_files: list[str], docs: str | None = None,
                summary: str = "") -> str:
    """The panel's index (``site.index.pages_index``): ``summary`` under its title, a card per
    page, and links to the tables (``data_files``: the CSV files' names) in its footer."""
    data = f"The panel's tables (CSV, UTF-8 with BOM, and Parquet): {site_index.data_links(data_files)}"
    return site_index.pages_index(title, entries, data, "make panel", sub=escape(summary), docs=docs)


def build_panel_site(inputs: list[str] | None = None, out: Path | None = None, name: str | None = None,
                     workers: int = JOBS, notebooks: Path | None = None, log=print_line) -> Built:
    """Build the panel's site under ``out`` (default ``build/``). Raises ReportError (no site
    written) when none of its report files could be read. ``notebooks``: the folder of panel
    notebooks to run (default ``notebooks/panel/``); ``log``: where the line of each page goes
    (None: nowhere)."""
    out = Path(out or paths.BUILD_DIR)
    name = name or panel_name(inputs)
    slug = f"panel-{name}"
    tables = out / TABLES_FOLDER / name
    not_read = build_tables(inputs, tables, workers)
    found = panel_notebooks(notebooks)
    kernel_folder = found[0].parent if found else Path(notebooks or paths.NOTEBOOKS_DIR / NOTEBOOK_DIR)
    # The tables as the notebooks find them: relative to their folder, no machine path on a page.
    relative = os.path.relpath(tables.resolve(), kernel_folder.resolve())
    planned = []
    for nb in found:
        e = site_pages.entry(nb)
        planned.append(Page(e.name, nb, e.title, e.summary, {"PANEL": relative, "NAME": name}))
    title = f"Panel {name}"
    reports = len(list(open(tables / "reports.csv", encoding="utf-8-sig"))) - 1
    if not_read == reports:
        raise ReportError(" ".join(inputs or DEFAULT_INPUTS), f"none of the panel's {reports} report files could "
                          f"be read (why: column error of {tables / 'reports.csv'})")
    summary = f"{reports} report files" + (f", {not_read} unreadable" if not_read else "")
    with staging(out, f".{slug}-") as tmp:
        written = write_pages(planned, tmp, title, workers=workers, log=log)
        for table in TABLES:
            for ext in ("csv", "parquet"):
                shutil.copyfile(tables / f"{table}.{ext}", tmp / "data" / f"{table}.{ext}")
        page = panel_index(title, written.entries, [f"{t}.csv" for t in TABLES], docs=site_index.docs_link(out),
                           summary=summary)
        info = {"kind": "panel", "title": title, "link": "html/index.html", "summary": summary,
                **pages_info(written.entries)}
        index = finish_site(tmp, out / slug, page, info)
    return Built(out / slug, index, len(planned), written.failures, written.notes, not_read)
