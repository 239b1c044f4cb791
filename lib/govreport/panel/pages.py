"""``make panel [DIR=folder]``: a panel's site, ``build/panel-<name>/``.

    govreport site --panel                  # the default panel -> build/panel-provinces-2025/
    govreport site --panel FOLDER [--name NAME] [-o build]

The panel's tables are built first (``govreport panel``, into ``build/.panel-tables/<name>/``,
where its cache is kept between builds), then the panel notebooks (``notebooks/panel/``) run
through papermill on them and are exported like a report's pages (``site.build.run_pages``:
computed prose, code folded, the CJK font embedded). The site holds ``html/`` (an index and
one page per notebook), ``data/`` (the tables, CSV and Parquet), ``notebooks/`` (the
executed notebooks) and ``site.json`` (kind ``panel``), and is moved into place whole;
``build/index.html`` is then regenerated. With no folder, the default panel: the 31
provincial reports of 2025 and the bundled report (``story.DEFAULT_INPUTS``).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from html import escape
from pathlib import Path

from .. import paths
from ..site import index as site_index
from ..site import pages as site_pages
from ..site import render
from ..site.build import JOBS, run_pages
from ..site.run import Job
from ..site.staging import move_into_place, staging
from .command import TABLES
from .story import DEFAULT_INPUTS, _working_directory

NOTEBOOK_DIR = "panel"


def panel_notebooks() -> list[Path]:
    return site_pages.notebooks(paths.NOTEBOOKS_DIR / NOTEBOOK_DIR)


def panel_name(inputs: list[str] | None) -> str:
    """``provinces-2025`` for the default panel, else the first folder's name (ASCII-safe)."""
    if not inputs:
        return Path(DEFAULT_INPUTS[0]).name
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(inputs[0]).resolve().name).strip("-")
    return name or "panel"


def build_tables(inputs: list[str] | None, folder: Path, jobs: int = JOBS) -> int:
    """The panel's tables in ``folder`` (``govreport panel``); the number of files that failed.
    The default panel is read from the repository, paths written relative to it."""
    from .command import build

    if inputs:
        summaries, _, _ = build(inputs, folder, jobs)
    else:
        with _working_directory(paths.ROOT):
            summaries, _, _ = build(list(DEFAULT_INPUTS), folder.resolve(), jobs)
    return sum(s["row"]["status"] == "error" for s in summaries)


def panel_index(title: str, entries: list[dict], data_files: list[str], docs: str | None = None) -> str:
    """The panel's index: each page's title, summary and a thumbnail of its first chart;
    ``docs``: the link to the library's reference (``site.index.docs_link``)."""
    items = []
    for e in entries:
        thumb = '<span class="none">(no chart)</span>'
        if e.get("thumbnail"):
            data = base64.b64encode(e["thumbnail"]).decode("ascii")
            thumb = f'<img src="data:image/png;base64,{data}" alt="first chart of {escape(e["title"])}">'
        items.append(f'<li><a class="thumb" href="{escape(e["href"])}">{thumb}</a><div>'
                     f'<a class="title" href="{escape(e["href"])}">{escape(e["title"])}</a>'
                     f'<p>{escape(e["summary"])}</p></div></li>')
    data = " · ".join(f'<a href="../data/{escape(f)}">{escape(f)}</a>' for f in data_files)
    body = ('<nav class="site top"><a class="index" href="../../index.html">↑ all reports</a></nav>\n'
            f"<h1>{escape(title)}</h1>\n"
            '<ol class="pages">\n' + "\n".join(items) + "\n</ol>\n"
            f"<footer>The panel's tables (CSV, UTF-8 with BOM, and Parquet): {data}. Executed notebooks in "
            "<code>notebooks/</code> beside this folder. Built by <code>make panel</code>. "
            + site_index.reference_note(docs) + "</footer>")
    return site_pages.embed_cjk_font(render.document(title, body))


def build_panel_site(inputs: list[str] | None = None, out: Path | None = None, name: str | None = None,
                     workers: int = JOBS) -> Path:
    """Build the panel's site under ``out`` (default ``build/``); returns its index page."""
    out = Path(out or paths.BUILD_DIR)
    name = name or panel_name(inputs)
    slug = f"panel-{name}"
    tables = out / ".panel-tables" / name
    failed = build_tables(inputs, tables)
    notebooks = panel_notebooks()
    title = f"Panel {name}"
    with staging(out, f".{slug}-") as tmp:
        html_dir, nb_dir, data_dir = tmp / "html", tmp / "notebooks", tmp / "data"
        for d in (html_dir, nb_dir, data_dir):
            d.mkdir()
        for table in TABLES:
            for ext in ("csv", "parquet"):
                shutil.copyfile(tables / f"{table}.{ext}", data_dir / f"{table}.{ext}")
        # The tables as the notebooks find them: relative to their folder, no machine path on a page.
        relative = os.path.relpath(tables.resolve(), notebooks[0].parent.resolve())
        index_link = render.Link("index.html", f"{title}: index")
        entries = [site_pages.entry(nb) for nb in notebooks]
        jobs = []
        for i, (nb, e) in enumerate(zip(notebooks, entries)):
            prev = entries[i - 1] if i > 0 else None
            nxt = entries[i + 1] if i + 1 < len(entries) else None
            jobs.append(Job(e.name, nb, {"PANEL": relative, "NAME": name}, (),
                            nb_dir / f"{e.name}.ipynb", html_dir / e.href, f"{e.title} · {title}", index_link,
                            render.Link(prev.href, prev.title) if prev else None,
                            render.Link(nxt.href, nxt.title) if nxt else None))
        results = run_pages(jobs, workers)
        cards = [{"href": e.href, "title": e.title, "summary": e.summary, "thumbnail": results[e.name]["thumbnail"]}
                 for e in entries]
        data_files = [f"{t}.csv" for t in TABLES]
        (html_dir / "index.html").write_text(panel_index(title, cards, data_files, docs=site_index.docs_link(out)),
                                            encoding="utf-8")
        reports = len(list(open(tables / "reports.csv", encoding="utf-8-sig"))) - 1
        site_index.write_site_info(tmp, {
            "kind": "panel", "title": title, "link": "html/index.html",
            "summary": f"{reports} report files" + (f", {failed} unreadable" if failed else ""),
            "pages": [{"href": e.href, "title": e.title} for e in entries]})
        final = out / slug
        move_into_place(tmp, final)
    site_index.write_root_index(out)
    return final / "html" / "index.html"
