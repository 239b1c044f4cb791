"""The panel as its reports come in: rows written and pairs started while the workers read.

Workers finish their files in any order; a ``Stream`` takes each summary as it comes
(``add``) and handles the summaries **in file order**, as far as they are all in: the first
used report of a place and year, and ``duplicate_of`` on the others (a report's status is
final once every file before it is in); the targets and results rows of each used report,
read from the cache and written at once (``write.TableWriter``), so that the tables are the
same bytes as rows written after reading would give; and the comparison of each pair of
consecutive years whose two reports are now known to be used, returned as a task for a
worker (``command.compare_task``) unless its cache file exists. Since files are handed to
the workers in order, what is handled trails what is read by a file or two.

When reading ends, ``close`` writes what is left of the targets and results tables.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import entry as entries
from .write import TableWriter

ROW_TABLES = ("targets", "results")


def place_key(row: dict):
    """What names a report's place in duplicates and pairs (its code, else its name), or None."""
    return row["adcode"] or row["place"] or None


def mark(first: dict, s: dict) -> bool:
    """Set ``duplicate_of`` on ``s`` when ``first`` (place and year -> path of the report used)
    already has its place and year, else record it there. Returns whether ``s`` is used."""
    row = s["row"]
    if row["status"] != "ok":
        return False
    if not row["place"] or row["year"] is None:
        return True
    key = (place_key(row), row["year"])
    if key in first:
        row["duplicate_of"] = first[key]
        return False
    first[key] = row["path"]
    return True


class Stream:
    """Summaries of ``n`` files (in file order) taken in any order; see the module docstring.
    ``pair_task(previous, current)`` gives the task that compares two used summaries, or None
    when there is nothing to do (its result is cached)."""

    def __init__(self, folder: Path, cache: Path, keys: list[str], pair_task):
        empty = entries.typed(pd.DataFrame(columns=entries.ROW_COLUMNS))
        self.cache, self.keys, self.pair_task = cache, keys, pair_task
        self.summaries: list = [None] * len(keys)
        self.handled = 0          # summaries before this one are handled
        self.first: dict = {}     # (place, year) -> path of the report used
        self.years: dict = {}     # place -> {year: summary} of the used reports
        self.writers = {name: TableWriter(folder, name, empty) for name in ROW_TABLES}

    def add(self, i: int, summary: dict) -> list:
        """Take file ``i``'s summary; handle every summary now in order; the pair tasks to run."""
        summary["key"] = self.keys[i]
        self.summaries[i] = summary
        tasks = []
        while self.handled < len(self.summaries) and self.summaries[self.handled] is not None:
            tasks.extend(self._handle(self.summaries[self.handled]))
            self.handled += 1
        return tasks

    def _handle(self, s: dict) -> list:
        if not mark(self.first, s):
            return []
        e = entries.load_cached(entries.cache_file(self.cache, s["key"]), "rendered")
        for name, w in self.writers.items():
            w.add(*e["rendered"][name])
        row = s["row"]
        if row["year"] is None or place_key(row) is None:
            return []
        year, years = int(row["year"]), self.years.setdefault(place_key(row), {})
        years[year] = s
        found = [(years[year - 1], s)] if year - 1 in years else []
        found += [(s, years[year + 1])] if year + 1 in years else []
        return [t for t in (self.pair_task(p, c) for p, c in found) if t is not None]

    def close(self) -> None:
        for w in self.writers.values():
            w.close()
