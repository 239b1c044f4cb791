"""A site per report (``govreport site``), and the committed notebooks' outputs (``govreport notebooks``).

    govreport site                                  # the bundled report -> build/jiaozuo-2021/
    govreport site FILE [--date 2023-01-15] [--place 某市] [--previous OLD]
    govreport site FOLDER/ FILE... [--jobs 4]       # every report found: one site each
    govreport notebooks [--only 00_overview]        # refresh notebooks/ outputs

A report's site goes to ``build/<slug>/`` (``html/``, ``data/``, ``notebooks/``, ``site.json``,
``build.log``), the slug from place and year (``jiaozuo-2021``) or else the file name. It is
built in a hidden temporary folder beside it and moved into place when every page has been
written, so an interrupted build leaves no half-written site and never touches another
report's. ``build/index.html`` is then regenerated from the ``site.json`` of every site.

- **A bad report** (missing, empty, binary, no outline) stops its build before anything is
  written: exit status 2 when no report could be read.
- **A page that fails** is replaced by a page naming the notebook, the cell and the error
  (``run.failure_page``); the other pages are built, the site is moved into place, its index
  marks the page, the command lists the failures and exits with status 1.
- **Notes**: the data checks that did not hold, shown on the pages (``run.NOTE_CLASS``), are
  counted per page in the output, the index and ``site.json``.
- **build.log**: per page, what it wrote on stderr (warnings...) and why it failed; none of
  that reaches a page.
- **Many reports** (``build_sites``): files given and report files found under folders given;
  one progress line each on stderr and a last line ``28 sites built, 2 with a failed page,
  1 file not read``; a bad file never stops the rest; exit status 1 if any of that happened.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from .. import load_report, paths
from ..reading.files import REPORT_SUFFIXES, ReportError, find_reports
from . import index as site_index
from . import pages as site
from .plan import SECTION_NOTEBOOK, plan, run_folder
from .render import Link
from .run import CELL_TIMEOUT, KERNEL, Failure, Job, PageError, failure_page, run_page, without_paths
from .slug import free_slug, report_year, site_slug
from .staging import move_into_place, staging

JOBS = 2  # notebooks run at a time (the machines have two cores)
PAGE_TIMEOUT = 900  # seconds without any page finishing before the build gives up
DATA_TABLES = ("outline", "sentences", "facts", "dates")
LOG_FILE = "build.log"  # beside html/: what each page wrote on stderr, and why a page failed
_STOPPING = threading.Event()  # set when build_sites is interrupted: builds in threads give up


def _log(msg: str) -> None:
    print(msg, flush=True)


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


#: A cell with this tag (which nbval reads: "do not compare this output") is saved without its
#: outputs: what it shows is too heavy to commit (the explorer's table library) and is made
#: again whenever the notebook runs.
OUTPUT_NOT_SAVED = "nbval-ignore-output"


def execute_in_place(notebook: Path) -> None:
    """Run a notebook top to bottom in a fresh kernel and save its outputs into the same file
    (but those of cells tagged ``OUTPUT_NOT_SAVED``)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL, record_timing=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if OUTPUT_NOT_SAVED in cell.get("metadata", {}).get("tags", []):
            cell.outputs = []
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


def site_info(report, pages_built: list[dict], bundled: bool, previous) -> dict:
    """What ``build/index.html`` lists about a site (kept in its ``site.json``).

    ``pages_built``: one dict per page with ``href``, ``title`` and, once built, ``question``,
    ``notes`` (count) and ``failed`` (why it failed, or None)."""
    meta = report.meta
    counts = report.outline["level"].value_counts()
    return {
        "place": meta.get("place"), "level": meta.get("level"), "date": meta.get("date"),
        "year": report_year(meta), "speaker": meta.get("speaker"), "title": meta.get("title"),
        "file": meta.get("file"), "bundled": bundled, "previous": previous.meta.get("file") if previous else None,
        "parts": int(counts.get("part", 0)), "sections": int(counts.get("section", 0)),
        "points": int(counts.get("point", 0)), "facts": int(len(report.facts)),
        "pages": [{k: p.get(k) for k in ("href", "title", "question", "notes", "failed")} for p in pages_built],
        "notes": sum(p.get("notes") or 0 for p in pages_built),
        "failed": [p["href"] for p in pages_built if p.get("failed")],
    }


def is_bundled(report: Path | None) -> bool:
    if report is None:
        return True
    try:
        return report.samefile(paths.DEFAULT_REPORT)
    except OSError:
        return False


def _page_line(job: Job, r: dict) -> str:
    if r["failure"] is not None:
        return f"page  {job.html.name:<40} FAILED: {r['failure']}"
    notes = f"  {r['notes']} note{'s' if r['notes'] != 1 else ''}" if r["notes"] else ""
    return f"page  {job.html.name:<40} {r['seconds']:5.1f} s{notes}"


def _failed(job: Job, error: BaseException | str) -> dict:
    """The result of a page whose worker could not run it at all (pool broken, timed out)."""
    failure = Failure(job.notebook.name, None, type(error).__name__ if isinstance(error, BaseException) else "Timeout",
                      without_paths(error))
    job.html.write_text(failure_page(job, failure), encoding="utf-8")
    return {"stem": job.stem, "failure": failure, "thumbnail": None, "question": None, "notes": 0,
            "assets": {}, "log": str(failure), "seconds": 0.0}


def run_pages(jobs: list[Job], workers: int, log=_log) -> dict[str, dict]:
    """Run the pages ``workers`` at a time, one line each as it is done. A page that fails gets
    its failure page and the others go on."""
    results: dict[str, dict] = {}
    if workers <= 1:
        for job in jobs:
            results[job.stem] = r = run_page(job)
            log(_page_line(job, r))
        return results
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no state forked from this one
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = {pool.submit(run_page, job): job for job in jobs}
        while pending:
            done, _ = wait(pending, timeout=PAGE_TIMEOUT, return_when=FIRST_COMPLETED)
            if not done:
                # A kernel that died without a word can leave its client waiting: stop the workers.
                for future in pending:
                    future.cancel()
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
                for future, job in pending.items():
                    results[job.stem] = r = _failed(job, f"no page finished in {PAGE_TIMEOUT} s; the build stopped it")
                    log(_page_line(job, r))
                break
            if _STOPPING.is_set():  # the command is being stopped (its workers are gone): no more pages
                raise PageError("stopped")
            for future in done:
                job = pending.pop(future)
                error = future.exception()
                results[job.stem] = r = future.result() if error is None else _failed(job, error)
                log(_page_line(job, r))
    return results


@dataclass
class Built:
    """What ``build_site`` made: the site's folder and index, and how its pages went."""
    site: Path
    index: Path
    pages: int
    failures: dict[str, Failure]   # page stem -> why it failed
    notes: int                      # notes (failed data checks) shown on its pages


def build_log(pages_planned: list, results: dict[str, dict]) -> str:
    """The site's ``build.log``: per page, what it wrote on stderr (warnings...) and why it failed."""
    parts = []
    for p in pages_planned:
        text = results[p.stem]["log"]
        parts.append(f"== {p.href} ({p.notebook.name}, {results[p.stem]['seconds']:.1f} s)\n{text or '(nothing)'}\n")
    return "\n".join(parts)


def build_site(report_path: Path | None, out: Path, *, date=None, place=None,
               previous_path: Path | None = None, workers: int = JOBS, notebooks: Path | None = None,
               log=_log) -> Built:
    """Build one report's site under ``out``. Raises ReportError (nothing written) when the
    report cannot be read; a page that fails is replaced by its failure page (``Built.failures``).

    ``notebooks``: the folder of notebooks to run (default ``notebooks/``); ``log``: where the
    line of each page goes (None: nowhere)."""
    log = log or (lambda msg: None)
    report = load_report(report_path, date=date, place=place)  # fail early, with the library's clear message
    previous = load_report(previous_path) if previous_path else None
    bundled = is_bundled(report_path)
    out.mkdir(parents=True, exist_ok=True)
    slug = free_slug(site_slug(report.meta, report.path), report.path, out)
    pages_planned = plan(report.outline, bundled=bundled, report=report_path, date=date, place=place,
                         previous=previous_path, folder=notebooks, log=log)

    final = out / slug
    heading = site_index.report_heading(report.meta)
    cwd = run_folder(report_path, notebooks)
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
                cwd,
            ))
        results = run_pages(jobs, workers, log)
        for r in results.values():
            for name, text in r["assets"].items():
                (html_dir / name).write_text(text, encoding="utf-8")
        data_files = export_data(report, data_dir)
        entries = [
            {"href": p.href, "title": p.title, "question": results[p.stem]["question"] or p.summary,
             "notes": results[p.stem]["notes"], "thumbnail": results[p.stem]["thumbnail"],
             "failed": str(results[p.stem]["failure"]) if results[p.stem]["failure"] else None}
            for p in pages_planned
        ]
        info = site_info(report, entries, bundled, previous)
        (html_dir / "index.html").write_text(
            site_index.report_index(info, entries, [f.name for f in data_files],
                                    docs=site_index.docs_link(out)),
            encoding="utf-8",
        )
        site_index.write_site_info(tmp, info)
        (tmp / LOG_FILE).write_text(build_log(pages_planned, results), encoding="utf-8")
        if _STOPPING.is_set():  # the command is being stopped: this site is not moved into place
            raise PageError(f"{slug}: stopped before its site was moved into place")
        # Into place: the old site (if any) is moved aside, the new one renamed in, the old removed.
        move_into_place(tmp, final)
    site_index.write_root_index(out)
    failures = {stem: r["failure"] for stem, r in results.items() if r["failure"] is not None}
    return Built(final, final / "html" / "index.html", len(pages_planned), failures,
                 sum(r["notes"] for r in results.values()))


def summary_line(built: int, with_failures: int, not_read: int) -> str:
    """``28 sites built, 2 with a failed page, 1 file not read``."""
    line = f"{built} site{'s' if built != 1 else ''} built"
    if with_failures:
        line += f", {with_failures} with a failed page"
    if not_read:
        line += f", {not_read} file{'s' if not_read != 1 else ''} not read"
    return line


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _report_single(built: Built, seconds: float, out: Path) -> None:
    """What one report's build prints at its end: its failures, the notes, then where the site is."""
    if built.notes:
        _log(f"{built.notes} note{'s' if built.notes != 1 else ''} on the pages: data checks that did not hold, shown where they apply")
    if built.failures:
        _err(f"{len(built.failures)} of {built.pages} pages failed; each is replaced by a page that says why, "
             "and the rest of the site is complete:")
        for stem, failure in built.failures.items():
            _err(f"  {stem}.html: {failure}")
        _err(f"details per page: {_shown(built.site / LOG_FILE)}")
    _log(f"all reports: {_shown(out / 'index.html')}")
    _log(f"site ({seconds:.0f} s): {_shown(built.index)}")


def build_sites(paths_given: list, *, jobs: int = JOBS, date=None, place=None, previous=None,
                out: Path | None = None, notebooks: Path | None = None, prog: str = "govreport site") -> int:
    """Build the site of every report given or found under the folders given
    (``govreport.reading.files.find_reports``);
    an empty list builds the bundled report's. Returns the exit status: 0 when every site was
    built whole, 1 when a page failed or a file could not be read (the rest are built all the
    same), 2 when no file could be read (nothing changed).

    ``jobs`` notebooks run at a time in all: two per report, so ``jobs // 2`` reports are built
    at once (one after another up to ``jobs=3``). One report prints a line per page; several
    print one progress line per report on stderr and a last line such as
    ``28 sites built, 2 with a failed page, 1 file not read``. ``date``, ``place`` and
    ``previous`` apply to every report (they are meant for one). Messages start with ``prog``."""
    from concurrent.futures import ThreadPoolExecutor

    out = Path(out or paths.BUILD_DIR)
    reports = [Path(p) for p in find_reports(paths_given)] if paths_given else [None]
    previous = Path(previous).resolve() if previous else None
    if not reports:
        _err(f"{prog}: no report file ({', '.join(REPORT_SUFFIXES)}) in {', '.join(map(str, paths_given))}")
        return 2
    single = len(reports) == 1
    workers = max(1, min(JOBS, jobs))
    at_once = 1 if single else max(1, jobs // JOBS)

    def one(path):
        t0 = time.perf_counter()
        try:
            built = build_site(path.resolve() if path else None, out, date=date, place=place,
                               previous_path=previous, workers=workers, notebooks=notebooks,
                               log=_log if single else None)
            return path, built, None, time.perf_counter() - t0
        except (ReportError, PageError) as err:
            return path, None, err, time.perf_counter() - t0

    counts = {"built": 0, "failed": 0, "not read": 0}
    # One report at a time runs here, in the main thread, so that an interruption (Ctrl-C,
    # govreport.batch.interruptible) stops it where it is; reports built at once run in threads,
    # which, the command being stopped, give up before moving their site into place.
    pool = ThreadPoolExecutor(max_workers=at_once) if at_once > 1 else None
    done = pool.map(one, reports) if pool else map(one, reports)
    try:
        for i, (path, built, error, seconds) in enumerate(done, 1):
            name = str(path) if path else "the bundled report"
            if built is None:
                counts["not read"] += 1
                _err(f"{prog}: {error}" if single else f"[{i}/{len(reports)}] {name}: not read: {error}")
                continue
            counts["built"] += 1
            counts["failed"] += bool(built.failures)
            if single:
                _report_single(built, seconds, out)
                continue
            how = [f"{built.pages} pages"]
            if built.failures:
                how.append(f"{len(built.failures)} failed ({', '.join(built.failures)})")
            if built.notes:
                how.append(f"{built.notes} note{'s' if built.notes != 1 else ''}")
            _err(f"[{i}/{len(reports)}] {name} -> {_shown(built.index)} ({', '.join(how)}, {seconds:.0f} s)")
    except BaseException:
        _STOPPING.set()
        raise
    finally:
        if pool:
            pool.shutdown(wait=True, cancel_futures=True)
        _STOPPING.clear()
    if not single:
        if counts["built"]:
            site_index.write_root_index(out)  # once more: sites built at once each wrote the list as it was
            _log(f"all reports: {_shown(out / 'index.html')}")
        _err(summary_line(counts["built"], counts["failed"], counts["not read"]))
    if counts["built"] == 0:
        return 2
    return 1 if counts["failed"] or counts["not read"] else 0


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
