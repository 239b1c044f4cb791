"""The report loader: one function, ``load_report``, and the ``Report`` it returns."""

from __future__ import annotations

import bisect
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from .gcpause import paused_gc
from .meta import parse_meta
from .files import ReportError, read_text
from .outline import Node, find_headings, find_points, line_spans, rstrip_pos, sentence_lines, split_sentences

OUTLINE_COLUMNS = ["id", "level", "number", "title", "start", "end", "parent"]
SENTENCE_COLUMNS = ["id", "section", "start", "end", "text"]
LEVELS = ("preamble", "part", "section", "point")


class Report:
    """A parsed report. Every ``start``/``end`` in every table indexes into ``text``.

    Attributes
    ----------
    path : Path of the file read.
    text : the file's content, decoded exactly (BOM dropped, nothing else changed).
    meta : dict with title, place, date (ISO), speaker, office, occasion, encoding, file.
    outline : DataFrame ``id, level, number, title, start, end, parent``.
    sentences : DataFrame ``id, section, start, end, text`` (built on first use).
    facts, dates : computed on first use (see ``govreport.facts``).
    """

    def __init__(self, path: Path, text: str, encoding: str):
        self.path = Path(path)
        self.text = text
        lines = line_spans(text)
        parts = find_headings(text, lines)
        if not parts:
            raise ReportError(
                path,
                "no recognisable report outline: found no part headings (一、 二、 … at the start of a line)",
            )
        spans = split_sentences(text, lines)
        sent_lines = sentence_lines(spans, lines)
        nodes: list[Node] = []
        preamble_end = rstrip_pos(text, 0, parts[0].start)
        preamble_start = len(text[:preamble_end]) - len(text[:preamble_end].lstrip())
        nodes.append(Node("0", "preamble", 0, "", preamble_start, preamble_end, None))
        for part in parts:
            nodes.append(part)
            for sec in part.children:
                nodes.append(sec)
                nodes.extend(find_points(text, sec, spans, lines, sent_lines))
        self._nodes = nodes

        head = [text[s:e] for s, e in lines if e <= parts[0].start]
        self.meta = parse_meta(head)
        self.meta["encoding"] = encoding
        self.meta["file"] = self.path.name

        self.outline = pd.DataFrame(
            [[n.id, n.level, n.number, n.title, n.start, n.end, n.parent] for n in nodes],
            columns=OUTLINE_COLUMNS,
        )
        # Per level: sorted starts, for finding the deepest node that holds an offset.
        self._levels = []
        for level in ("point", "section", "part"):
            lv = [n for n in nodes if n.level == level]
            self._levels.append(([n.start for n in lv], lv))

        # Offsets as int64 arrays: no Python int per sentence is kept.
        self._sentence_starts = np.frombuffer(spans.starts, dtype=np.int64)
        self._sentence_ends = np.frombuffer(spans.ends, dtype=np.int64)

    def __repr__(self) -> str:
        counts = self.outline["level"].value_counts()
        return (
            f"<Report {self.meta['file']}: {len(self.text)} characters, "
            f"{counts.get('part', 0)} parts, {counts.get('section', 0)} sections, "
            f"{counts.get('point', 0)} points, {len(self._sentence_starts)} sentences>"
        )

    # -- locating offsets -------------------------------------------------
    def section_at(self, pos: int) -> str:
        """Id of the deepest outline node whose span holds offset ``pos`` ("0" for the preamble)."""
        for starts, nodes in self._levels:
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and nodes[i].start <= pos < nodes[i].end:
                return nodes[i].id
        return "0"

    def _sections_of_sorted(self, positions) -> list[str]:
        """``section_at`` for each offset of ``positions``, in one linear sweep over the
        outline when the offsets ascend (an offset smaller than the one before restarts
        the sweep, so any order gives the right answer).

        Nodes come in text order with parents before children and spans nest, so a stack
        of the open nodes gives the deepest one holding each offset.
        """
        nodes = [n for n in self._nodes if n.level != "preamble"]
        out, stack, i, last = [], [], 0, -1
        for pos in positions:
            if pos < last:
                stack, i = [], 0
            last = pos
            while i < len(nodes) and nodes[i].start <= pos:
                while stack and stack[-1].end <= nodes[i].start:
                    stack.pop()
                stack.append(nodes[i])
                i += 1
            while stack and stack[-1].end <= pos:
                stack.pop()
            out.append(stack[-1].id if stack else "0")
        return out

    def sentence_at(self, pos: int) -> int | None:
        """Id of the sentence holding offset ``pos``, or None if ``pos`` is between sentences."""
        i = int(np.searchsorted(self._sentence_starts, pos, side="right")) - 1
        if i >= 0 and pos < self._sentence_ends[i]:
            return i
        return None

    def node(self, node_id: str) -> pd.Series:
        """The outline row of ``node_id``; KeyError names the ids that exist."""
        rows = self.outline[self.outline["id"] == node_id]
        if rows.empty:
            raise KeyError(f"no outline node {node_id!r} in {self.meta['file']}; ids are {list(self.outline['id'])}")
        return rows.iloc[0]

    def span(self, node_id: str) -> str:
        """The text of an outline node."""
        row = self.node(node_id)
        return self.text[row["start"] : row["end"]]

    # -- derived tables, computed on first use ------------------------------
    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``id, section, start, end, text``. Built on first use: its
        text column copies the whole text, and the facts do not need it."""
        with paused_gc():
            starts, ends, text = self._sentence_starts, self._sentence_ends, self.text
            return pd.DataFrame(
                {
                    "id": np.arange(len(starts), dtype=np.int64),
                    "section": self._sections_of_sorted(starts.tolist()),
                    "start": starts,
                    "end": ends,
                    "text": [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())],
                },
                columns=SENTENCE_COLUMNS,
            )

    @cached_property
    def facts(self) -> pd.DataFrame:
        from ..facts import extract_facts

        with paused_gc():
            return extract_facts(self)

    @cached_property
    def targets(self) -> pd.DataFrame:
        """The planned figures, keyed (``govreport.facts.targets.targets``)."""
        from ..facts.targets import targets

        return targets(self)

    @cached_property
    def results(self) -> pd.DataFrame:
        """The figures of the year under review, keyed (``govreport.facts.targets.results``)."""
        from ..facts.targets import results

        return results(self)

    @cached_property
    def dates(self) -> pd.DataFrame:
        from ..facts import extract_dates

        with paused_gc():
            return extract_dates(self)


def load_report(path: str | Path | None = None) -> Report:
    """Load and parse a report. ``path=None`` loads the bundled report (seeds/jiaozuo-2021.txt).

    Raises ``ReportError`` (a ``ValueError``) naming the file and the problem when the
    file is missing, empty, binary or undecodable, or has no recognisable outline.
    """
    path = paths.DEFAULT_REPORT if path is None else Path(path)
    text, encoding = read_text(path)
    with paused_gc():
        return Report(path, text, encoding)
