"""Running one function over many files in worker processes that may die, hang or be interrupted.

    >>> from govreport import batch
    >>> batch.run(len, ["a", "bb", "ccc"], jobs=2)
    [1, 2, 3]

``run(func, items, jobs=N)`` calls ``func(item)`` for every item on ``N`` worker processes
and returns the results in the order of ``items``: the same results whatever ``N`` is.
``govreport facts`` runs its files through it; the panel and site commands can too.

What can go wrong, and what ``run`` does:

- **A worker dies** (killed, a segfault, the out-of-memory killer): the item it was on gets
  the result ``on_error(item, "the process reading this file died (signal 9)")``, the
  worker is replaced and the run goes on. When three workers die in a row (no item
  finished in between), ``run`` stops every worker and raises ``WorkersDied``, which holds
  the results so far (None for the items not run): the caller writes what it has, marked
  incomplete.
- **An item takes longer than ``timeout`` seconds**: its worker is stopped and replaced,
  and the item gets ``on_error(item, "took longer than 600 s (--timeout); stopped")``.
- **``func`` raises**: the item gets ``on_error(item, "unexpected ValueError: …")``.
- **SIGINT, SIGTERM or SIGHUP** (Ctrl-C, ``timeout``, a scheduler, a closed terminal):
  every process started since (the workers and their children, such as a page's Jupyter
  kernel) is stopped, then ``Interrupted`` is raised in the main process; its
  ``exit_status`` is 128 + the signal's number (130, 143, 129) and ``done`` counts the
  items finished. ``interruptible()`` gives the same to a whole command, so that an
  interruption while the tables are written leaves nothing half-written either.

Workers are forked (``context="fork"``; "spawn" for fresh interpreters), each in a process
group of its own (a terminal's Ctrl-C reaches the main process only, which stops them),
and die with the main process even when it is killed outright (Linux: ``PR_SET_PDEATHSIG``).
While ``run`` runs, the main process adopts the orphans of a dead worker (Linux:
``PR_SET_CHILD_SUBREAPER``), so that they are stopped too.

Items can be added while the run goes on: ``more(i, result)``, called after each result,
returns items to run next (before those not yet started), whose results follow the given
items' in the order they were added (so their positions depend on when results came in).
The panel starts a pair's comparison as soon as both its reports are read.

A progress bar on standard error (tqdm; only when it is a terminal) counts the items done,
failed (``failed(result)`` is true) and remaining.

Test-only settings (environment variables read by the workers): ``GOVREPORT_TEST_DIE_ON=NAME``
makes a worker kill itself (SIGKILL) on the item whose file name is NAME (an item that is
a tuple is named by its first element);
``GOVREPORT_TEST_HANG_ON=NAME`` makes it sleep an hour on it; ``GOVREPORT_TEST_SLEEP=SECONDS``
makes it sleep that long before each item.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing import connection, get_context
from pathlib import Path

import psutil

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
DEATHS_IN_A_ROW = 3  # workers dying one after the other before the run stops
TIMEOUT = 600  # the commands' default --timeout, in seconds: a 10 MB report reads in well under a minute
STOP_GRACE = 2.0  # seconds a stopped process has to exit before it is killed


class Interrupted(Exception):
    """The run was stopped by a signal; ``exit_status`` is 128 + its number."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum
        self.exit_status = 128 + signum
        self.done: int | None = None
        self.total: int | None = None


class WorkersDied(Exception):
    """Workers died ``DEATHS_IN_A_ROW`` times in a row; ``results`` holds what was done
    (None for the items not run)."""

    def __init__(self, message: str, results: list):
        super().__init__(message)
        self.results = results


@dataclass(frozen=True)
class Failure:
    """The result of an item that gave none, when ``run`` has no ``on_error``."""

    item: object
    message: str


# --- stopping processes ---------------------------------------------------------------------

def _prctl(option: int, value: int) -> None:
    """Linux's prctl, best effort (elsewhere: nothing)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36


def stop(processes: list[psutil.Process]) -> None:
    """Stop these processes: SIGTERM, then SIGKILL for those still alive after ``STOP_GRACE``."""
    for p in processes:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    _, alive = psutil.wait_procs(processes, timeout=STOP_GRACE)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(alive, timeout=STOP_GRACE)


def _tree(pid: int) -> list[psutil.Process]:
    """A process and all its descendants (children first), as far as they still exist."""
    try:
        root = psutil.Process(pid)
        return root.children(recursive=True) + [root]
    except psutil.Error:
        return []


def _new_descendants(before: set[int]) -> list[psutil.Process]:
    """This process's descendants that were not its children when ``before`` was taken, but
    multiprocessing's resource tracker: it ends by itself with this process, and stopped
    before, it is started again and complains about what it lost."""
    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return []
    return [p for p in children if p.pid not in before and not _is_resource_tracker(p)]


def _is_resource_tracker(p: psutil.Process) -> bool:
    try:
        return "multiprocessing.resource_tracker" in " ".join(p.cmdline())
    except psutil.Error:
        return False


def _children_now() -> set[int]:
    try:
        return {p.pid for p in psutil.Process().children(recursive=True)}
    except psutil.Error:
        return set()


_active = threading.local()


@contextlib.contextmanager
def interruptible():
    """Within the block, SIGINT, SIGTERM and SIGHUP stop every process started in it (with
    its children) and raise ``Interrupted`` in the main thread; a second signal while that
    is done is ignored. Nested blocks share the outer one; outside the main thread the block
    does nothing."""
    if getattr(_active, "on", False) or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = _children_now()
    fired: list[int] = []

    def handler(signum, frame):
        if fired:
            return
        fired.append(signum)
        stop(_new_descendants(before))
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in SIGNALS}
    _active.on = True
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    try:
        yield
    finally:
        _active.on = False
        try:
            stop(_new_descendants(before))  # nothing the block started outlives it
        finally:
            _prctl(PR_SET_CHILD_SUBREAPER, 0)
            for s, h in previous.items():
                signal.signal(s, h)


# --- the workers ----------------------------------------------------------------------------

def _test_settings(item) -> None:
    name = Path(str(item[0] if isinstance(item, (tuple, list)) and item else item)).name
    if os.environ.get("GOVREPORT_TEST_SLEEP"):
        time.sleep(float(os.environ["GOVREPORT_TEST_SLEEP"]))
    if os.environ.get("GOVREPORT_TEST_HANG_ON") == name:
        time.sleep(3600)
    if os.environ.get("GOVREPORT_TEST_DIE_ON") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _work(conn, func: Callable, parent: int) -> None:
    """A worker: items in by ``conn``, ("ok", result) or ("error", message) out, until None."""
    os.setpgid(0, 0)
    for s in SIGNALS:  # not the main process's handlers (inherited by fork)
        signal.signal(s, signal.SIG_DFL)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the main process died before that was set
        os._exit(1)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        i, item = message
        _test_settings(item)
        try:
            out = ("ok", func(item))
        except Exception as err:
            out = ("error", f"unexpected {type(err).__name__}: {err}")
        try:
            conn.send((i, out))
        except Exception as err:  # a result that cannot be sent (pickled)
            conn.send((i, ("error", f"unexpected {type(err).__name__}: {err}")))


class _Worker:
    def __init__(self, ctx, func: Callable):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(child, func, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        with contextlib.suppress(OSError):  # its own process group from the start (it does so too)
            os.setpgid(self.process.pid, self.process.pid)
        self.index: int | None = None  # the item it is on
        self.started = 0.0

    def give(self, i: int, item) -> None:
        self.index, self.started = i, time.monotonic()
        self.conn.send((i, item))

    def stop(self) -> None:
        stop(_tree(self.process.pid))
        self.process.join(STOP_GRACE)
        self.conn.close()

    def death(self) -> str:
        """What became of the process, once it has ended."""
        self.process.join(STOP_GRACE)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"died (signal {-code})"
        return f"died (exit status {code})"


def run(func: Callable, items: Sequence, *, jobs: int | None = None, timeout: float | None = None,
        on_result: Callable[[int, object], None] | None = None,
        on_error: Callable[[object, str], object] | None = None,
        failed: Callable[[object], bool] | None = None,
        more: Callable[[int, object], Sequence] | None = None,
        progress: bool | None = None, unit: str = "file", context: str = "fork") -> list:
    """``func(item)`` for each item on ``jobs`` worker processes (all cores by default), the
    results in the order of ``items``.

    ``timeout``: seconds an item may take (None: no limit). ``on_result(i, result)`` is
    called in this process as each result comes in (also for errors). ``on_error(item,
    message)`` makes the result of an item whose worker died, timed out or raised (default:
    a ``Failure``). ``failed(result)``: whether a result counts as failed in the progress
    bar. ``more(i, result)``: items to add, run before the remaining ones (see the module
    docstring). ``progress``: the bar on standard error (default: when it is a terminal).

    Raises ``Interrupted`` (with ``done`` and ``total``) on SIGINT, SIGTERM or SIGHUP, and
    ``WorkersDied`` when ``DEATHS_IN_A_ROW`` workers die one after the other; no worker is
    left running either way.
    """
    from tqdm import tqdm

    if not items:
        return []
    items = list(items)
    on_error = on_error or Failure
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(items) or 1))
    progress = sys.stderr.isatty() if progress is None else progress
    results: list = [None] * len(items)
    state = {"done": 0, "failed": 0, "deaths": 0}
    tqdm.monitor_interval = 0  # no monitor thread (workers are forked)
    bar = tqdm(total=len(items), unit=unit, file=sys.stderr, disable=not progress, dynamic_ncols=True)

    def finish(i: int, result, ok: bool) -> None:
        results[i] = result
        state["done"] += 1
        if not ok or (failed is not None and failed(result)):
            state["failed"] += 1
            bar.set_postfix_str(f"{state['failed']} failed", refresh=False)
        if on_result is not None:
            on_result(i, result)
        added = list(more(i, result)) if more is not None else []
        if added:
            pending.extendleft(range(len(items) + len(added) - 1, len(items) - 1, -1))
            items.extend(added)
            results.extend([None] * len(added))
            bar.total = len(items)
        bar.update()

    def give_next(w: _Worker) -> None:
        if pending:
            i = pending.popleft()
            w.give(i, items[i])

    ctx = get_context(context)
    pending = deque(range(len(items)))
    workers: list[_Worker] = []
    try:
        with interruptible():
            try:
                workers = [_Worker(ctx, func) for _ in range(jobs)]
                while state["done"] < len(items):
                    for w in workers:
                        if w.index is None:
                            give_next(w)
                    busy = [w for w in workers if w.index is not None]
                    wait = None
                    if timeout is not None:
                        wait = max(0.0, min(w.started + timeout for w in busy) - time.monotonic())
                    ready = set(connection.wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait))
                    for n, w in enumerate(workers):
                        if w.index is None:
                            continue
                        i = w.index
                        if w.conn in ready:
                            try:
                                got, (kind, value) = w.conn.recv()
                            except (EOFError, OSError):
                                got = None
                            if got == i:
                                w.index = None
                                state["deaths"] = 0
                                give_next(w)  # before this result is handled: the worker goes on meanwhile
                                finish(i, value if kind == "ok" else on_error(items[i], value), kind == "ok")
                                continue
                        if w.conn in ready or w.process.sentinel in ready:
                            message = f"the process reading this file {w.death()}"
                            w.stop()
                            workers[n] = _Worker(ctx, func)
                            finish(i, on_error(items[i], message), False)
                            state["deaths"] += 1
                            if state["deaths"] >= DEATHS_IN_A_ROW:
                                raise WorkersDied(f"{DEATHS_IN_A_ROW} worker processes died in a row, the last one "
                                                  f"on {items[i]} ({message.rsplit('(', 1)[-1]}", results)
                        elif timeout is not None and time.monotonic() - w.started >= timeout:
                            w.stop()
                            workers[n] = _Worker(ctx, func)
                            finish(i, on_error(items[i], f"took longer than {timeout:g} s (--timeout); stopped"), False)
            except Interrupted as err:
                err.done, err.total = state["done"], len(items)
                raise
            finally:
                for w in workers:
                    with contextlib.suppress(Exception):
                        if w.process.is_alive() and w.index is None:
                            w.conn.send(None)
                for w in workers:
                    w.process.join(0.5 if w.index is None else 0)
                    w.stop()
    finally:
        bar.close()
    return results
