"""A site's pages run and written into its folder: the one loop every site goes through, a
report's (``build``) and a panel's (``govreport.panel.pages``).

``write_pages`` takes the pages planned (``plan.Page``) and the site's staging folder, and
writes ``html/`` (the pages, chained previous/next, and the files they need beside them),
``notebooks/`` (the executed notebooks) and ``build.log``, and makes ``data/`` for the
caller's tables. The notebooks run ``workers`` at a time (``run.run_page``), one line each
as it is done. A page that fails is replaced by its failure page and the others go on; it
comes back in ``Written.failures``, and its index entry says why (``failed``).
``finish_site`` writes the index and ``site.json`` and moves the folder into place;
``print_built`` is what the command prints at the end of one site.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from . import index as site_index
from .render import Link
from .run import Failure, Job, PageError, failure_page, run_page, without_paths
from .staging import move_into_place

JOBS = 2  # notebooks run at a time (the machines have two cores)
PAGE_TIMEOUT = 900  # seconds without any page finishing before the build gives up
LOG_FILE = "build.log"  # beside html/: what each page wrote on stderr, and why a page failed
_STOPPING = threading.Event()  # set when a command is interrupted: builds in threads give up


def print_line(msg: str) -> None:
    print(msg, flush=True)


def print_error(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _page_line(job: Job, r: dict) -> str:
    if r["failure"] is not None:
        return f"page  {job.html.name:<40} FAILED: {r['failure']}"
    notes = f"  {_plural(r['notes'], 'note')}" if r["notes"] else ""
    return f"page  {job.html.name:<40} {r['seconds']:5.1f} s{notes}"


def _failed(job: Job, error: BaseException | str) -> dict:
    """The result of a page whose worker could not run it at all (pool broken, timed out)."""
    failure = Failure(job.notebook.name, None, type(error).__name__ if isinstance(error, BaseException) else "Timeout",
                      without_paths(error))
    job.html.write_text(failure_page(job, failure), encoding="utf-8")
    return {"stem": job.stem, "failure": failure, "thumbnail": None, "question": None, "notes": 0,
            "assets": {}, "log": str(failure), "seconds": 0.0}


def run_pages(jobs: list[Job], workers: int, log=print_line) -> dict[str, dict]:
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


def build_log(pages_planned: list, results: dict[str, dict]) -> str:
    """The site's ``build.log``: per page, what it wrote on stderr (warnings...) and why it failed."""
    parts = []
    for p in pages_planned:
        text = results[p.stem]["log"]
        parts.append(f"== {p.href} ({p.notebook.name}, {results[p.stem]['seconds']:.1f} s)\n{text or '(nothing)'}\n")
    return "\n".join(parts)


@dataclass
class Written:
    """What ``write_pages`` wrote: an index entry per page (``site.index.pages_index``), the
    pages that failed (stem -> why) and the notes shown on the pages."""
    entries: list[dict]
    failures: dict[str, Failure]
    notes: int


def write_pages(pages_planned: list, tmp: Path, heading: str, *, workers: int = JOBS,
                cwd: Path | None = None, log=print_line) -> Written:
    """Run ``pages_planned`` (``plan.Page``) into the site folder ``tmp``: ``html/``, ``notebooks/``,
    ``build.log``, and an empty ``data/``. ``heading``: the site's, in each page's title and
    its link to the index; ``cwd``: the folder the kernels run in (default: each notebook's)."""
    html_dir, nb_dir = tmp / "html", tmp / "notebooks"
    for d in (html_dir, nb_dir, tmp / "data"):
        d.mkdir()
    index_link = Link("index.html", f"{heading}: index")
    jobs = []
    for i, page in enumerate(pages_planned):
        prev = pages_planned[i - 1] if i > 0 else None
        nxt = pages_planned[i + 1] if i + 1 < len(pages_planned) else None
        jobs.append(Job(page.stem, page.notebook, page.parameters, page.drop_tags,
                        nb_dir / f"{page.stem}.ipynb", html_dir / page.href, f"{page.title} · {heading}", index_link,
                        Link(prev.href, prev.title) if prev else None, Link(nxt.href, nxt.title) if nxt else None,
                        cwd))
    results = run_pages(jobs, workers, log or (lambda msg: None))
    for r in results.values():
        for name, text in r["assets"].items():
            (html_dir / name).write_text(text, encoding="utf-8")
    (tmp / LOG_FILE).write_text(build_log(pages_planned, results), encoding="utf-8")
    entries = []
    for p in pages_planned:
        r = results[p.stem]
        entries.append({"href": p.href, "title": p.title, "question": r["question"] or p.summary, "notes": r["notes"],
                        "thumbnail": r["thumbnail"], "failed": str(r["failure"]) if r["failure"] else None})
    return Written(entries, {stem: r["failure"] for stem, r in results.items() if r["failure"] is not None},
                   sum(r["notes"] for r in results.values()))


def pages_info(entries: list[dict]) -> dict:
    """What ``site.json`` says of a site's pages: each page's ``href``, ``title``, ``question``,
    ``notes`` and ``failed``; the notes in all, and the pages that failed."""
    return {"pages": [{k: e.get(k) for k in ("href", "title", "question", "notes", "failed")} for e in entries],
            "notes": sum(e.get("notes") or 0 for e in entries),
            "failed": [e["href"] for e in entries if e.get("failed")]}


def finish_site(tmp: Path, final: Path, index_html: str, info: dict) -> Path:
    """Write the site's index page and ``site.json`` into ``tmp`` and move it to ``final``
    (the old site, if any, replaced whole); then regenerate the list of sites beside it.
    Returns the index page."""
    (tmp / "html" / "index.html").write_text(index_html, encoding="utf-8")
    site_index.write_site_info(tmp, info)
    if _STOPPING.is_set():  # the command is being stopped: this site is not moved into place
        raise PageError(f"{final.name}: stopped before its site was moved into place")
    move_into_place(tmp, final)
    site_index.write_root_index(final.parent)
    return final / "html" / "index.html"


@dataclass
class Built:
    """What a site's build made: the site's folder and index, and how its pages went."""
    site: Path
    index: Path
    pages: int
    failures: dict[str, Failure]   # page stem -> why it failed
    notes: int                      # notes (failed data checks) shown on its pages
    not_read: int = 0               # a panel's report files that could not be read


def print_built(built: Built, seconds: float, out: Path, what: str = "site") -> None:
    """What one site's build prints at its end: the notes, its failures (on stderr, with where
    the build log is), then where the list of sites and the site are."""
    if built.notes:
        print_line(f"{_plural(built.notes, 'note')} on the pages: data checks that did not hold, shown where they apply")
    if built.failures:
        print_error(f"{len(built.failures)} of {built.pages} pages failed; each is replaced by a page that says why, "
             "and the rest of the site is complete:")
        for stem, failure in built.failures.items():
            print_error(f"  {stem}.html: {failure}")
        print_error(f"details per page: {shown(built.site / LOG_FILE)}")
    print_line(f"all reports: {shown(out / 'index.html')}")
    print_line(f"{what} ({seconds:.0f} s): {shown(built.index)}")
