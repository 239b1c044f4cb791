"""Running one function over many files in worker processes, results in input order.

    >>> from govreport import batch
    >>> batch.run(len, ["a", "bb", "ccc"], jobs=2)
    [1, 2, 3]

``run(func, items, jobs=N)`` calls ``func(item)`` for every item on ``N`` processes and
returns the results in the order of ``items``, whatever ``N`` is. ``govreport facts``,
``govreport panel`` and ``govreport site`` run their files through it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed


def run(func: Callable, items: Sequence, *, jobs: int | None = None, progress: bool | None = None,
        on_result: Callable[[int, object], None] | None = None, unit: str = "file") -> list:
    """``func(item)`` for each item on ``jobs`` processes (all cores by default), the results
    in the order of ``items``. ``on_result(i, result)`` is called in this process as each
    result comes in. A tqdm bar on standard error counts the items done when it is a
    terminal (``progress=None``) or when ``progress`` is True."""
    from tqdm import tqdm

    jobs = max(1, jobs or os.cpu_count() or 1)
    progress = sys.stderr.isatty() if progress is None else progress
    results: list = [None] * len(items)
    tqdm.monitor_interval = 0  # no monitor thread (worker processes are forked)
    with tqdm(total=len(items), unit=unit, file=sys.stderr, disable=not progress) as bar:
        if jobs == 1 or len(items) <= 1:
            for i, item in enumerate(items):
                results[i] = func(item)
                if on_result:
                    on_result(i, results[i])
                bar.update()
            return results
        with ProcessPoolExecutor(max_workers=min(jobs, len(items))) as pool:
            futures = {pool.submit(func, item): i for i, item in enumerate(items)}
            for fut in as_completed(futures):
                i = futures[fut]
                results[i] = fut.result()
                if on_result:
                    on_result(i, results[i])
                bar.update()
    return results
