"""Executing one page: papermill runs the notebook, nbconvert renders it (in a worker process).

``make report`` runs two of these at a time. What a page is allowed to show, and what
goes to the build log instead:

- **Only the page.** Text a notebook writes to stderr (warnings, library chatter) is taken
  out of the executed notebook before it is rendered and written to the page's part of the
  site's ``build.log``; so is the kernel's own chatter on file descriptor 2 ("Kernel is
  running over TCP without encryption"). The page shows outputs, never stderr.
- **One kernel, its own sockets.** Two pages run at a time, each in its own kernel. On
  POSIX systems a kernel talks to its page over Unix sockets in a folder of its own
  (``kernel_config``), not over TCP ports picked by one process and bound by another: two
  kernels started at the same moment can no more be given the same port (which left a
  page waiting until the build's time limit).
- **No machine path.** The kernel runs in the report's folder and gets ``REPORT`` as the
  file name (see ``plan``), so the parameters cell shown on a page names the file, not
  where it lies on this machine.
- **A page that raises** does not stop the site: ``run_page`` writes in its place a page
  naming the notebook, the cell, the error type and its message (machine paths cut down to
  file names, no traceback), and saying that the rest of the site is complete. The
  executed notebook, with the full error, is kept in the site's ``notebooks/``.
- **Notes.** A data check that fails on a page is shown there as a note: an HTML element
  of class ``govreport-note`` (see ``govreport.analysis.notes``). The notes of each page are
  counted here (``NOTE_CLASS``) for the build's summary and the index.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .render import Link

KERNEL = "python3"
CELL_TIMEOUT = 600
NOTE_CLASS = "govreport-note"
POSITION = "govreport_cell"  # cell metadata: where the cell stands in the notebook file
_NOTE = re.compile(r"""class\s*=\s*["'](?:[^"']*\s)?""" + NOTE_CLASS + r"""(?:\s[^"']*)?["']""")
#: An absolute path (POSIX or Windows) as it may appear in an error message; only its last part is kept.
_PATH = re.compile(r"(?<![\w.:/\\])(?:[A-Za-z]:\\|/)(?:[^\s'\"<>:]+[/\\])+(?P<name>[^\s'\"<>/\\:]*)")
#: Kernel start-up chatter on stderr, of no use even in the log.
_CHATTER = ("without encryption",)


class PageError(RuntimeError):
    """A page could not be run at all (its notebook is missing, no kernel, the pool died)."""


@dataclass
class Job:
    stem: str
    notebook: Path
    parameters: dict
    drop_tags: tuple[str, ...]
    executed: Path          # where the executed notebook is written
    html: Path              # where the page is written
    title: str              # page title (plain text)
    index: Link
    previous: Link | None
    following: Link | None
    cwd: Path | None = None  # the kernel's working folder (default: the notebook's)


@dataclass
class Failure:
    """Why a page could not be drawn: ``cell`` is the 1-based position of the failing cell in the
    notebook file (None when no cell failed: the notebook did not run, or its page could not be
    rendered); ``message`` holds no machine path."""
    notebook: str
    cell: int | None
    error: str
    message: str

    def __str__(self) -> str:
        where = f" in cell {self.cell}" if self.cell else ""
        return f"{self.notebook} failed{where}: {self.error}: {self.message}"


def without_paths(text: str) -> str:
    """``text`` with every absolute path cut down to its file name (``/tmp/a/b.txt`` -> ``b.txt``)."""
    return _PATH.sub(lambda m: m.group("name") or "…", str(text))


def count_notes(nb) -> int:
    """How many notes (elements of class ``govreport-note``) the outputs of an executed notebook hold."""
    n = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/html", "text/markdown"):
                value = data.get(mime)
                if value:
                    n += len(_NOTE.findall(value if isinstance(value, str) else "".join(value)))
    return n


def take_stderr(nb) -> str:
    """Remove the stderr streams from an executed notebook's outputs; return their text, cell by cell."""
    taken = []
    for i, cell in enumerate(nb.cells, 1):
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
                taken.append(f"cell {i}: {text if isinstance(text, str) else ''.join(text)}".rstrip())
            else:
                kept.append(out)
        if "outputs" in cell:
            cell.outputs = kept
    return "\n".join(taken)


def _stderr_of(executed: Path) -> str:
    """What the cells of a notebook that failed wrote on stderr before it stopped (papermill saves it)."""
    import nbformat

    try:
        return take_stderr(nbformat.read(executed, as_version=4))
    except (OSError, ValueError):
        return ""


@contextlib.contextmanager
def captured_stderr():
    """Send file descriptor 2 (ours and the kernel's, which inherits it) to a temporary file."""
    with tempfile.TemporaryFile(mode="w+b") as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield sink
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _read(sink) -> str:
    sink.seek(0)
    text = sink.read().decode("utf-8", "replace")
    return "\n".join(l for l in text.splitlines() if not any(c in l for c in _CHATTER))


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def prepare(notebook: Path, drop_tags: tuple[str, ...]):
    """The notebook as a node, without the cells tagged with any of ``drop_tags``. Each cell
    kept remembers its 1-based position in the notebook file (``POSITION`` in its metadata)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for i, cell in enumerate(nb.cells, 1):
        cell.metadata[POSITION] = i
    nb.cells = [c for c in nb.cells if not _tags(c) & set(drop_tags)]
    return nb


def source_cell(executed: Path, cell_index: int) -> int | None:
    """The 1-based position, in the notebook file, of the cell at ``cell_index`` of an executed
    notebook (which holds papermill's own cells: parameters injected, error markers)."""
    import nbformat

    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return None
    cells = [c for c in nb.cells if "papermill-error-cell-tag" not in _tags(c)]
    if not 0 <= cell_index < len(cells):
        return None
    return cells[cell_index].metadata.get(POSITION)


@contextlib.contextmanager
def kernel_config():
    """The configuration of a page's kernel: on POSIX, IPC transport with its socket files in a
    temporary folder of its own (removed afterwards); elsewhere, the default (TCP)."""
    if os.name != "posix":
        yield {}
        return
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="govreport-kernel-") as folder:
        yield {"config": Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "k")}})}


def execute(job: Job):
    """Run ``job.notebook`` with its parameters into ``job.executed``.

    Returns ``(executed node or None, Failure or None, what the kernel wrote on stderr)``."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    for name in ("papermill", "traitlets", "nbclient", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.ERROR)
    nb = prepare(job.notebook, job.drop_tags)
    failure = executed = None
    with captured_stderr() as sink, kernel_config() as config:
        try:
            executed = nbformat.from_dict(papermill.execute_notebook(
                nb, str(job.executed), parameters=job.parameters, kernel_name=KERNEL,
                progress_bar=False, cwd=str(job.cwd or job.notebook.parent), execution_timeout=CELL_TIMEOUT,
                request_save_on_cell_execute=False, **config,
            ))
        except PapermillExecutionError as err:
            failure = Failure(job.notebook.name, source_cell(job.executed, err.cell_index), err.ename,
                              without_paths(err.evalue))
        except Exception as err:  # kernel died, timeout, bad parameters...
            failure = Failure(job.notebook.name, None, type(err).__name__, without_paths(err))
        chatter = _read(sink)
    return executed, failure, chatter


def failure_page(job: Job, failure: Failure) -> str:
    """The page written in place of one that failed: what failed, and that the rest of the site is complete."""
    from . import pages, render

    where = (f"It stopped in cell {failure.cell} of <code>{escape(failure.notebook)}</code>"
             if failure.cell else f"<code>{escape(failure.notebook)}</code> could not be made into a page")
    body = (
        render.nav(job.index, job.previous, job.following, "top")
        + '\n<main class="notebook failed">\n'
        + f"<h1>{escape(job.title.split(' · ')[0])}</h1>\n"
        + '<div class="govreport-failure">\n'
        + "<p><strong>This page could not be built.</strong></p>\n"
        + f"<p>{where}, with <code>{escape(failure.error)}</code>: {escape(failure.message)}</p>\n"
        + f'<p>The rest of the site is complete: every other page was built. See the <a href="{escape(job.index.href)}">index</a>. '
        + f"The executed notebook, with the whole error, is <code>notebooks/{escape(job.executed.name)}</code> "
        + "beside this folder.</p>\n</div>\n</main>\n"
        + render.nav(job.index, job.previous, job.following, "bottom")
    )
    return pages.embed_cjk_font(render.document(job.title, body))


def run_page(job: Job) -> dict:
    """Execute and render one page (or its failure page).

    Returns ``stem``, ``seconds``, ``thumbnail`` (PNG of the first chart, or None), ``question``,
    ``notes`` (count), ``failure`` (a Failure or None), ``log`` (stderr text for the build log) and
    ``assets`` (files the page needs beside it: name -> text)."""
    from . import render

    logging.getLogger("traitlets").setLevel(logging.ERROR)  # nbconvert's note on images without alt text
    t0 = time.perf_counter()
    nb, failure, chatter = execute(job)
    result = {"stem": job.stem, "failure": failure, "thumbnail": None, "question": None, "notes": 0, "assets": {}}
    if failure is not None:
        job.html.write_text(failure_page(job, failure), encoding="utf-8")
        log = [str(failure), _stderr_of(job.executed)]
    else:
        log = [take_stderr(nb)]
        try:
            html, assets = render.page(nb, job.title, job.index, job.previous, job.following)
            chart = render.first_chart(nb)
            result.update(thumbnail=render.thumbnail(chart) if chart else None, question=render.question(nb),
                          notes=count_notes(nb), assets=assets)
        except Exception as err:  # the notebook ran, but its outputs could not be made into a page
            failure = result["failure"] = Failure(job.notebook.name, None, type(err).__name__, without_paths(err))
            html = failure_page(job, failure)
            log.append(str(failure))
        job.html.write_text(html, encoding="utf-8")
    log.append(chatter)
    result["log"] = "\n".join(t for t in log if t.strip())
    result["seconds"] = time.perf_counter() - t0
    return result
