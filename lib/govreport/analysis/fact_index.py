"""A report's facts and outline as plain Python lists, indexed by outline node: made once per
report (``of(report)``), read by the section pages.

A section page asks some twenty small questions of one section (its measures by unit, its
changes, its targets, its points, its slogans). On a table of a few rows each pandas
operation costs tens of microseconds, more than the answer; so ``sections`` and
``section_story`` answer from this index, in plain Python, and build the pandas tables a page
shows only at the end.

- ``FactIndex.col(name)``: column ``name`` of ``report.facts`` as a list, with the values
  iterating the column gives (Python scalars; ``nan`` or ``pd.NA`` where missing).
- ``FactIndex.positions(node_id)``: the row positions in ``report.facts`` of the facts inside
  the node's span (``start >= node start`` and ``end <= node end``), in table order: the rows
  of ``sections.node_facts``.
- ``FactIndex.nodes``: node id -> the node's outline row as a dict (``memo.outline_nodes``);
  ``FactIndex.ids``: the ids in outline order.
- ``FactIndex.points(node_id)``: ``(id, title)`` of the points whose parent is the node, in
  order (``point_rows``: their rows in ``report.outline``).
- ``FactIndex.point(position)``: the point a fact lies in (its deepest node when that is a
  point), ``""`` otherwise.

The index is shared, not copied: read it, never change it. Rows of a table are taken with
``rows_at``: a slice when the positions run on without a gap (the facts of one node do: the
facts are in text order), which copies far less than a ``take``.
"""

from __future__ import annotations

import bisect

import numpy as np
import pandas as pd

from . import frames, memo


class FactIndex:
    """The index of one report (see the module docstring)."""

    def __init__(self, report):
        facts = report.facts
        self._cols = {c: list(frames.values(column)) for c, column in facts.items()}
        self.n = len(facts)
        self.nodes: dict[str, dict] = memo.outline_nodes(report)
        outline = report.outline
        self.ids: list[str] = outline["id"].tolist()
        self._points: dict[str, list[tuple[str, str, int]]] = {}
        for k, (i, level, parent, title) in enumerate(zip(*(outline[c].tolist() for c in ("id", "level", "parent", "title")))):
            if level == "point":
                self._points.setdefault(parent, []).append((i, title, k))
        starts = self._cols["start"]
        self._sorted = all(a <= b for a, b in zip(starts, starts[1:]))
        self._positions: dict[str, list[int]] = {}
        self._point_of: list[str] | None = None
        self._spans: dict | None = None

    def col(self, name: str) -> list:
        """Column ``name`` of the report's facts, as a list (shared: never change it)."""
        return self._cols[name]

    def has(self, name: str) -> bool:
        """Whether the report's facts have a column ``name``."""
        return name in self._cols

    def positions(self, node_id: str) -> list[int]:
        """Row positions of the facts inside the span of ``node_id`` (KeyError when no such node)."""
        found = self._positions.get(node_id)
        if found is None:
            node = self.nodes[node_id]
            lo, hi = node["start"], node["end"]
            starts, ends = self._cols["start"], self._cols["end"]
            if self._sorted:  # facts in text order: only those starting inside the span can lie in it
                first, last = bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)
            else:
                first, last = 0, self.n
            found = [i for i in range(first, last) if starts[i] >= lo and ends[i] <= hi]
            self._positions[node_id] = found
        return found

    def spans(self) -> dict:
        """Fact id -> ``(start, end)``."""
        if self._spans is None:
            self._spans = dict(zip(self._cols["id"], zip(self._cols["start"], self._cols["end"])))
        return self._spans

    def points(self, node_id: str) -> list[tuple[str, str]]:
        """``(id, title)`` of the points of ``node_id``, in order."""
        return [(i, t) for i, t, _ in self._points.get(node_id, [])]

    def point_rows(self, node_id: str) -> list[int]:
        """Row positions in ``report.outline`` of the points of ``node_id``."""
        return [k for _, _, k in self._points.get(node_id, [])]

    def point(self, position: int) -> str:
        """The point the fact at ``position`` lies in, or ``""``."""
        if self._point_of is None:
            nodes = self.nodes
            self._point_of = [s if s in nodes and nodes[s]["level"] == "point" else "" for s in self._cols["section"]]
        return self._point_of[position]


def of(report) -> FactIndex:
    """The ``FactIndex`` of ``report``, made once per report (``memo.cache``)."""
    cache = memo.cache(report)
    found = cache.get(__name__)
    if found is None:
        found = cache[__name__] = FactIndex(report)
    return found


def rows_at(table: pd.DataFrame, positions) -> pd.DataFrame:
    """``table.take(positions)``, as a slice when the positions run on without a gap (same rows,
    same index, far cheaper than a take on columns of text)."""
    n = len(positions)
    if n and positions[-1] - positions[0] == n - 1 and all(b - a == 1 for a, b in zip(positions, positions[1:])):
        return table.iloc[positions[0] : positions[-1] + 1]
    return table.take(np.asarray(positions, dtype=np.intp))
