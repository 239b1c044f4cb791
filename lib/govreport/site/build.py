"""A site per report (``govreport site``), and the committed notebooks' outputs (``govreport notebooks``).

A report's site goes to ``build/<slug>/`` (``html/``, ``data/``, ``notebooks/``, ``site.json``),
the slug from place and year (``jiaozuo-2021``) or else the file name. It is built in a
hidden temporary folder beside it and moved into place only when every page has been
written, so a failed build leaves no half-written site and never touches another report's.
``build/index.html`` is then regenerated from the ``site.json`` of every site. A bad report
(missing, empty, binary, no outline) stops the build before anything is written.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import tempfile
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from pathlib import Path

from .. import load_report, paths
from . import index as site_index
from . import pages as site
from .plan import SECTION_NOTEBOOK, plan
from .render import Link
from .run import CELL_TIMEOUT, KERNEL, Job, PageError, run_page
from .slug import free_slug, report_year, site_slug
from .staging import staging

JOBS = 2  # notebooks run at a time (the machines have two cores)
PAGE_TIMEOUT = 900  # seconds without any page finishing before the build gives up
DATA_TABLES = ("outline", "sentences", "facts", "dates")


def _log(msg: str) -> None:
    print(msg, flush=True)


def execute_in_place(notebook: Path) -> None:
    """Run a notebook top to bottom in a fresh kernel and save its outputs into the same file."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL, record_timing=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, notebook)


def export_data(report, out_dir: Path) -> list[Path]:
    """The report's tables as CSV in UTF-8 with BOM, so that Excel opens them with Chinese intact."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DATA_TABLES:
        target = out_dir / f"{name}.csv"
        getattr(report, name).to_csv(target, index=False, encoding="utf-8-sig")
        written.append(target)
    return written


def site_info(report, pages_built: list, bundled: bool, previous) -> dict:
    """What ``build/index.html`` lists about a site (kept in its ``site.json``)."""
    meta = report.meta
    counts = report.outline["level"].value_counts()
    return {
        "place": meta.get("place"), "level": meta.get("level"), "date": meta.get("date"),
        "year": report_year(meta), "speaker": meta.get("speaker"), "title": meta.get("title"),
        "file": meta.get("file"), "bundled": bundled, "previous": previous.meta.get("file") if previous else None,
        "parts": int(counts.get("part", 0)), "sections": int(counts.get("section", 0)),
        "points": int(counts.get("point", 0)), "facts": int(len(report.facts)),
        "pages": [{"href": p.href, "title": p.title} for p in pages_built],
    }


def is_bundled(report: Path | None) -> bool:
    if report is None:
        return True
    try:
        return report.samefile(paths.DEFAULT_REPORT)
    except OSError:
        return False


def run_pages(jobs: list[Job], workers: int) -> dict[str, dict]:
    """Run the pages ``workers`` at a time, one line each as it is done; stop at the first failure."""
    results: dict[str, dict] = {}
    if workers <= 1:
        for job in jobs:
            results[job.stem] = r = run_page(job)
            _log(f"page  {job.html.name:<40} {r['seconds']:5.1f} s")
        return results
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no state forked from this one
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = {pool.submit(run_page, job): job for job in jobs}
        while pending:
            done, _ = wait(pending, timeout=PAGE_TIMEOUT, return_when=FIRST_EXCEPTION)
            if not done:
                # A kernel that died without a word can leave its client waiting: stop the workers.
                for other in pending:
                    other.cancel()
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
                running = ", ".join(job.stem for future, job in pending.items() if future.running())
                raise PageError(f"no page finished in {PAGE_TIMEOUT} s (running: {running or 'none'})")
            for future in done:
                job = pending.pop(future)
                error = future.exception()
                if error is not None:
                    for other in pending:
                        other.cancel()
                    if isinstance(error, PageError):
                        raise error
                    raise PageError(f"{job.notebook.name} ({job.stem}): {type(error).__name__}: {error}") from error
                results[job.stem] = r = future.result()
                _log(f"page  {job.html.name:<40} {r['seconds']:5.1f} s")
    return results


def build_site(report_path: Path | None, out: Path, *, date=None, place=None,
               previous_path: Path | None = None, workers: int = JOBS, notebooks: Path | None = None) -> Path:
    """Build one report's site under ``out``; returns its index. Raises ReportError or PageError.

    ``notebooks``: the folder of notebooks to run (default ``notebooks/``)."""
    report = load_report(report_path, date=date, place=place)  # fail early, with the library's clear message
    previous = load_report(previous_path) if previous_path else None
    bundled = is_bundled(report_path)
    out.mkdir(parents=True, exist_ok=True)
    slug = free_slug(site_slug(report.meta, report.path), report.path, out)
    pages_planned = plan(report.outline, bundled=bundled, report=report_path, date=date, place=place,
                         previous=previous_path, folder=notebooks, log=_log)

    final = out / slug
    heading = site_index.report_heading(report.meta)
    with staging(out, f".{slug}-") as tmp:
        html_dir, nb_dir, data_dir = tmp / "html", tmp / "notebooks", tmp / "data"
        for d in (html_dir, nb_dir, data_dir):
            d.mkdir()
        index_link = Link("index.html", f"{heading}: index")
        jobs = []
        for i, page in enumerate(pages_planned):
            prev = pages_planned[i - 1] if i > 0 else None
            nxt = pages_planned[i + 1] if i + 1 < len(pages_planned) else None
            jobs.append(Job(
                page.stem, page.notebook, page.parameters, page.drop_tags,
                nb_dir / f"{page.stem}.ipynb", html_dir / page.href,
                f"{page.title} · {heading}",
                index_link,
                Link(prev.href, prev.title) if prev else None,
                Link(nxt.href, nxt.title) if nxt else None,
            ))
        results = run_pages(jobs, workers)
        data_files = export_data(report, data_dir)
        info = site_info(report, pages_planned, bundled, previous)
        entries = [
            {"href": p.href, "title": p.title, "summary": p.summary, "thumbnail": results[p.stem]["thumbnail"]}
            for p in pages_planned
        ]
        (html_dir / "index.html").write_text(
            site_index.report_index(info, entries, [f.name for f in data_files],
                                    docs="../../docs/index.html" if (out / "docs" / "index.html").is_file() else None),
            encoding="utf-8",
        )
        site_index.write_site_info(tmp, info)
        # Into place: the old site (if any) is moved aside, the new one renamed in, the old removed.
        old = None
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".old-{slug}-", dir=out))
            final.rename(old / slug)
        tmp.rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    site_index.write_root_index(out)
    return final / "html" / "index.html"


def committed_notebooks(only: list[str] | None = None) -> list[Path]:
    """The notebooks whose outputs are committed (``notebooks/``, the generic section page
    included), or those of them named in ``only`` (stems). Raises ValueError naming any
    name that is not one of them."""
    notebooks = site.notebooks()
    generic = paths.NOTEBOOKS_DIR / SECTION_NOTEBOOK
    if generic.exists():
        notebooks.append(generic)
    if only:
        missing = set(only) - {nb.stem for nb in notebooks}
        if missing:
            raise ValueError(f"no such notebook(s) in {paths.NOTEBOOKS_DIR.name}/: {', '.join(sorted(missing))}")
        notebooks = [nb for nb in notebooks if nb.stem in set(only)]
    return notebooks


def update_readme_table() -> Path:
    """Regenerate the notebook table of README.md from the notebooks' own titles."""
    readme = paths.ROOT / "README.md"
    readme.write_text(site.update_readme(readme.read_text(encoding="utf-8"), site.index_entries()), encoding="utf-8")
    return readme


def quiet_logging() -> None:
    """Warnings only, and none of Jupyter's chatter (traitlets)."""
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
