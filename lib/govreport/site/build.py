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
- **The pages** are run and written by ``assemble.write_pages``, the loop a panel's site
  (``govreport.panel.pages``) goes through too.
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
import time
from pathlib import Path

from .. import load_report, paths
from ..reading.files import REPORT_SUFFIXES, ReportError, find_reports
from . import index as site_index
from . import pages as site
from .plan import SECTION_NOTEBOOK, plan, run_folder
from .assemble import _STOPPING, JOBS, Built, finish_site, pages_info, print_built, write_pages
from .assemble import print_error as _err
from .assemble import print_line as _log
from .assemble import shown as _shown
from .run import CELL_TIMEOUT, KERNEL, PageError
from .slug import free_slug, report_year, site_slug
from .staging import staging

DATA_TABLES = ("outline", "sentences", "facts", "dates")


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
        **pages_info(pages_built),
    }


def is_bundled(report: Path | None) -> bool:
    if report is None:
        return True
    try:
        return report.samefile(paths.DEFAULT_REPORT)
    except OSError:
        return False


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

    heading = site_index.report_heading(report.meta)
    with staging(out, f".{slug}-") as tmp:
        written = write_pages(pages_planned, tmp, heading, workers=workers, cwd=run_folder(report_path, notebooks),
                              log=log)
        data_files = export_data(report, tmp / "data")
        info = site_info(report, written.entries, bundled, previous)
        index = finish_site(tmp, out / slug, site_index.report_index(info, written.entries, [f.name for f in data_files],
                                                                     docs=site_index.docs_link(out)), info)
    return Built(out / slug, index, len(pages_planned), written.failures, written.notes)


def summary_line(built: int, with_failures: int, not_read: int) -> str:
    """``28 sites built, 2 with a failed page, 1 file not read``."""
    line = f"{built} site{'s' if built != 1 else ''} built"
    if with_failures:
        line += f", {with_failures} with a failed page"
    if not_read:
        line += f", {not_read} file{'s' if not_read != 1 else ''} not read"
    return line


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
                print_built(built, seconds, out)
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
