"""Executing one page: papermill runs the notebook, nbconvert renders it (in a worker process).

``make report`` runs two of these at a time. The kernel's own chatter on stderr (for
example "Kernel is running over TCP without encryption") is captured in a file for the
duration of the run: it reaches the terminal only as part of an error message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .render import Link

KERNEL = "python3"
CELL_TIMEOUT = 600


class PageError(RuntimeError):
    """A notebook failed on this report; the message names the notebook, the cell and the error."""


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


def _tail(sink, lines: int = 15) -> str:
    sink.seek(0)
    text = sink.read().decode("utf-8", "replace")
    kept = [l for l in text.splitlines() if "without encryption" not in l]
    return "\n".join(kept[-lines:])


def prepare(notebook: Path, drop_tags: tuple[str, ...]):
    """The notebook as a node, without the cells tagged with any of ``drop_tags``."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    if drop_tags:
        nb.cells = [c for c in nb.cells if not set(c.get("metadata", {}).get("tags", [])) & set(drop_tags)]
    return nb


def execute(job: Job):
    """Run ``job.notebook`` with its parameters into ``job.executed``; return the executed node."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    for name in ("papermill", "traitlets", "nbclient", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.ERROR)
    nb = prepare(job.notebook, job.drop_tags)
    with captured_stderr() as sink:
        try:
            executed = papermill.execute_notebook(
                nb, str(job.executed), parameters=job.parameters, kernel_name=KERNEL,
                progress_bar=False, cwd=str(job.notebook.parent), execution_timeout=CELL_TIMEOUT,
                request_save_on_cell_execute=False,
            )
        except PapermillExecutionError as err:
            raise PageError(
                f"{job.notebook.name} ({job.stem}) failed in cell {err.cell_index + 1}: {err.ename}: {err.evalue}"
            ) from None
        except Exception as err:  # kernel died, timeout, bad parameters...
            raise PageError(f"{job.notebook.name} ({job.stem}) did not run: {err}\n{_tail(sink)}") from None
    return nbformat.from_dict(executed)


def run_page(job: Job) -> dict:
    """Execute and render one page. Returns the stem, the seconds taken and the first chart (PNG)."""
    from . import render

    logging.getLogger("traitlets").setLevel(logging.ERROR)  # nbconvert's note on images without alt text
    t0 = time.perf_counter()
    nb = execute(job)
    job.html.write_text(render.page(nb, job.title, job.index, job.previous, job.following), encoding="utf-8")
    chart = render.first_chart(nb)
    return {
        "stem": job.stem,
        "seconds": time.perf_counter() - t0,
        "thumbnail": render.thumbnail(chart) if chart else None,
    }
