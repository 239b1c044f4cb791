"""A report file read: ``Document`` (the text, its outline, sentences and meta) and
``read_document``, which loads one. The facts are not read here: ``govreport.report.Report``
is a ``Document`` with its facts, dates and targets (``govreport.load_report`` returns one)."""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .files import ReportError, read_file
from .clutter import is_clutter
from .gcpause import paused_gc
from .layouts import classify, is_appendix_line, is_plan_title, item_points, read_layout
from .meta import LEVELS as PLACE_LEVELS
from .meta import given_date, is_head_line, level_of, parse_meta, year_of
from .outline import Node, find_points, line_spans, rstrip_pos, sentence_lines, split_sentences
from .wrapping import unwrap

OUTLINE_COLUMNS = ["id", "level", "number", "title", "start", "end", "parent", "group"]
SENTENCE_COLUMNS = ["id", "section", "start", "end", "text"]
LEVELS = ("preamble", "part", "section", "point", "closing", "appendix")
GIVEN_KEYS = ("date", "place", "level")
_TWO_HAN = re.compile(r"[\u4e00-\u9fff]{2}")


class Outlined:
    """A text with its outline nodes and sentence offsets, and the lookups on them.

    ``Document`` is one; for a hard-wrapped text the document also keeps one for its working
    copy (the text with the breaks inside sentences removed, ``Document.working``), which
    the fact engine reads.
    """

    def __init__(self, path: Path, text: str, nodes: list[Node], starts: np.ndarray, ends: np.ndarray, meta: dict):
        self.path = Path(path)
        self.text = text
        self.meta = meta
        self._nodes = nodes
        self.outline = pd.DataFrame(
            [[n.id, n.level, n.number, n.title, n.start, n.end, n.parent, n.group] for n in nodes],
            columns=OUTLINE_COLUMNS,
        )
        # Per level: sorted starts, for finding the deepest node that holds an offset.
        # Parts, the closing and the appendix do not overlap: one list.
        self._levels = []
        for level in (("point",), ("section",), ("part", "closing", "appendix")):
            lv = [n for n in nodes if n.level in level]
            self._levels.append(([n.start for n in lv], lv))
        #: Sentence offsets as int64 arrays (the ``start``/``end`` of ``sentences``, without
        #: building that table): no Python int per sentence is kept.
        self.sentence_starts = starts
        self.sentence_ends = ends

    # -- locating offsets -------------------------------------------------
    def section_at(self, pos: int) -> str:
        """Id of the deepest outline node whose span holds offset ``pos`` ("0" for the preamble)."""
        for starts, nodes in self._levels:
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and nodes[i].start <= pos < nodes[i].end:
                return nodes[i].id
        return "0"

    def sections_of(self, positions) -> list[str]:
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
        i = int(np.searchsorted(self.sentence_starts, pos, side="right")) - 1
        if i >= 0 and pos < self.sentence_ends[i]:
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



class Document(Outlined):
    """A report file read. Every ``start``/``end`` in every table indexes into ``text``,
    so ``text[start:end]`` always gives the span back.

    - ``path``: the file read; ``text``: the text read: a text file's content decoded exactly
      (BOM dropped, nothing else changed), or the text extracted from another format
      (``govreport.reading.files``).
    - ``meta``: a dict: title, place, date, speaker, office, occasion, level, year, layout,
      wrapped, given, encoding, format, file (the keys and their rules:
      ``govreport.reading.meta``).
    - ``outline``: one row per node, in text order (below); ``sentences``: one row per
      sentence, built on first use (its text column copies the whole text).
    - ``unwrapped``: the working copy the outline was read from: ``text`` itself, or for a
      hard-wrapped text ``text`` without the line breaks inside sentences
      (``govreport.reading.wrapping``).

    The facts, dates and targets are those of ``govreport.report.Report`` (a ``Document`` too).

    ``outline`` (the rules that find each node: ``govreport.reading.layouts`` for parts,
    sections, groups, the closing and the appendix; ``govreport.reading.outline`` for points):

    | column | type | meaning |
    |---|---|---|
    | ``id`` | str | ``"0"`` preamble; ``"1"``, ``"2"`` parts; ``"1.2"`` section (二) of part 一; ``"1.2.3"`` its third point; ``"1.0.2"`` the second point of part 一 before its first section; ``"c"`` the closing; ``"a"`` the appendix |
    | ``level`` | str | ``preamble``, ``part``, ``section``, ``point``, ``closing`` or ``appendix`` |
    | ``number`` | int | position among its siblings (1-based; 0 for the preamble, the closing, the appendix and a section without a number of its own: a list a salutation introduces after the last section) |
    | ``title`` | str | the heading without its number: a part's heading line; a section's heading sentence up to the first 。 (for a ``一是`` lead, up to the first ，or 。); a point's lead sentence without its 。 and dash (a list item's first sentence without its number); a list section's introducing clause; the appendix's first line; ``""`` for the preamble, the closing and a flat text's part |
    | ``start``, ``end`` | int | the node's span (surrounding whitespace excluded); spans nest, and parts, the closing and the appendix do not overlap |
    | ``parent`` | str or None | the enclosing node (None for the preamble, parts, the closing and the appendix) |
    | ``group`` | str | for a section under a themed heading of a part (``一、…`` over ``（一）…``), that heading's title; ``""`` otherwise |

    The **preamble** is everything before the first part (title, dateline, speaker,
    salutation, opening sentence); the **closing** and the **appendix** belong to no part.

    ``sentences`` (how a text is split: ``govreport.reading.outline``):

    | column | type | meaning |
    |---|---|---|
    | ``id`` | int | 0 … n−1, in text order |
    | ``section`` | str | the deepest outline node holding the sentence (``"1.2.3"``, or ``"1.2"`` between points, ``"0"`` in the preamble) |
    | ``start``, ``end`` | int | the sentence's span |
    | ``text`` | str | ``text[start:end]`` (in a hard-wrapped text, with its line breaks; ``sentence_text`` reads it without them) |
    """

    def __init__(self, path: Path, text: str, encoding: str | None, given: dict | None = None, format: str = "txt"):
        given = dict(given or {})
        if not _TWO_HAN.search(text):
            raise ReportError(path, "has no sentence: not even two Chinese characters in a row; is it a report?")
        lines = line_spans(text)
        # Correction: text copied from a PDF breaks its lines inside sentences; the outline
        # and the sentences are read from a working copy without those breaks.
        self._unwrap = unwrap(text, lines)
        work = self._unwrap.text
        wlines = line_spans(work) if self._unwrap.wrapped else lines
        spans = split_sentences(work, wlines)
        sent_lines = sentence_lines(spans, wlines)
        layout = read_layout(work, wlines, classify(work, wlines), _head_line_count(work, wlines))

        nodes: list[Node] = []
        first = layout.parts[0].start
        pre_end = rstrip_pos(work, 0, first)
        pre_start = next((i for i in range(pre_end) if not work[i].isspace()), pre_end)
        nodes.append(Node("0", "preamble", 0, "", pre_start, pre_end, None))
        for part in layout.parts:
            nodes.append(part)
            intro_end = part.children[0].start if part.children else part.end
            nodes.extend(find_points(work, part, spans, wlines, sent_lines, end=intro_end, leads=False, prefix=f"{part.id}.0"))
            for sec in part.children:
                nodes.append(sec)
                if sec.id in layout.items:  # a list's numbered items are its points
                    nodes.extend(item_points(work, sec, layout.items[sec.id], wlines))
                else:
                    nodes.extend(find_points(work, sec, spans, wlines, sent_lines))
        if layout.closing:
            nodes.append(Node("c", "closing", 0, "", *layout.closing, None))
        if layout.appendix:
            s, e, title = layout.appendix
            nodes.append(Node("a", "appendix", 0, title, s, e, None))

        # The head as it stands: parse_meta skips the web page's lines (下载, 来源：…) and keeps
        # the source and the posting date apart.
        found = parse_meta([work[s:e] for s, e in wlines[: layout.head_end_line]], work)
        meta = {k: found[k] for k in ("title", "place", "date", "speaker", "office", "occasion", "source", "published")}
        meta.update({k: given[k] for k in ("date", "place") if k in given})
        meta["level"] = given["level"] if "level" in given else level_of(meta["place"], meta["office"], meta["occasion"])
        meta["year"] = year_of(meta["date"], meta["occasion"], [p.title for p in layout.parts if is_plan_title(p.title)])
        meta["layout"] = layout.kind
        meta["wrapped"] = self._unwrap.wrapped
        meta["given"] = [k for k in GIVEN_KEYS if k in given]
        meta["encoding"] = encoding
        meta["format"] = format
        meta["file"] = Path(path).name

        starts = np.frombuffer(spans.starts, dtype=np.int64)
        ends = np.frombuffer(spans.ends, dtype=np.int64)
        if self._unwrap.wrapped:
            # The fact engine reads the working copy; every offset shown indexes ``text``.
            self._work = Outlined(path, work, nodes, starts, ends, meta)
            to_text = self._unwrap.to_text
            node_starts = to_text([n.start for n in nodes]).tolist()
            node_ends = to_text([n.end for n in nodes], ends=True).tolist()
            nodes = [
                Node(n.id, n.level, n.number, n.title, s, e, n.parent, group=n.group)
                for n, s, e in zip(nodes, node_starts, node_ends)
            ]
            starts, ends = to_text(starts), to_text(ends, ends=True)
        else:
            self._work = None  # the text itself (no reference to self: no cycle to collect)
        super().__init__(path, text, nodes, starts, ends, meta)

    @property
    def working(self) -> Outlined:
        """What the fact engine reads: the working copy of a hard-wrapped text (its offsets
        index ``unwrapped``; ``offsets_to_text`` maps them back), else the document itself."""
        return self if self._work is None else self._work

    def __repr__(self) -> str:
        counts = self.outline["level"].value_counts()
        return (
            f"<{type(self).__name__} {self.meta['file']}: {len(self.text)} characters, "
            f"{counts.get('part', 0)} parts, {counts.get('section', 0)} sections, "
            f"{counts.get('point', 0)} points, {len(self.sentence_starts)} sentences>"
        )


    @property
    def unwrapped(self) -> str:
        """The text the outline was read from: ``text`` itself, or for a hard-wrapped text
        (``meta["wrapped"]``) ``text`` without the line breaks inside sentences."""
        return self.working.text

    def read_span(self, start: int, end: int) -> str:
        """``text[start:end]`` as the library read it: in a hard-wrapped text (``meta["wrapped"]``)
        without its line breaks, so a mention or token that a wrap cut reads whole (its
        ``start``/``end`` still index ``text``, and then hold the break)."""
        span = self.text[start:end]
        return span.replace("\r", "").replace("\n", "") if self.meta.get("wrapped") else span

    def sentence_text(self, sentence: int) -> str:
        """The text of sentence ``sentence`` (an id in ``sentences``), as read (``read_span``);
        no sentences table is built for it."""
        return self.read_span(int(self.sentence_starts[sentence]), int(self.sentence_ends[sentence]))

    def offsets_to_text(self, table: pd.DataFrame) -> pd.DataFrame:
        """A table read from ``working`` with its ``start``/``end`` mapped to ``text``
        (the table itself when the text is not hard-wrapped)."""
        if self._work is None:
            return table
        table = table.copy()
        table["start"] = self._unwrap.to_text(table["start"].to_numpy())
        table["end"] = self._unwrap.to_text(table["end"].to_numpy(), ends=True)
        return table

    # -- derived tables, computed on first use ------------------------------
    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``id, section, start, end, text``. Built on first use: its
        text column copies the whole text, and the facts do not need it."""
        with paused_gc():
            starts, ends, text = self.sentence_starts, self.sentence_ends, self.text
            return pd.DataFrame(
                {
                    "id": np.arange(len(starts), dtype=np.int64),
                    "section": self.sections_of(starts.tolist()),
                    "start": starts,
                    "end": ends,
                    "text": [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())],
                },
                columns=SENTENCE_COLUMNS,
            )


def _head_line_count(text: str, lines: list[tuple[int, int]]) -> int:
    """How many lines at the top are the head: title, dateline, speaker, a short salutation,
    web-page clutter (used when the text has no headings)."""
    for i, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if not (is_head_line(line) or (line.startswith("各位代表") and len(line) <= 8) or is_appendix_line(line) or is_clutter(line)):
            return i
    return len(lines)


def read_document(
    path: str | Path,
    date: str | None = None,
    place: str | None = None,
    level: str | None = None,
    cls: type[Document] = Document,
) -> Document:
    """Read and parse the report file ``path`` into a ``cls`` (a ``Document``;
    ``govreport.load_report`` passes ``govreport.report.Report``).

    The file may be plain text (UTF-8, GB18030/GBK, UTF-16), a Word ``.docx``, a PDF with a
    text layer or a web page (``.html``/``.htm``); the format is told from the content, not
    the extension (``govreport.reading.files``), and recorded in ``meta["format"]``.
    ``report.text`` is the text read (for a PDF or a web page, the text extracted), and
    every offset indexes it. A scanned PDF has no text to read: run OCR on it first.

    ``date`` (ISO 'YYYY-MM-DD'), ``place`` and ``level`` (national, province, prefecture,
    county) supply what the file lacks: a value given overrides the text's everywhere (its
    ``meta``, 去年/今年 in the dates and facts, ``meta["year"]``), and ``meta["given"]``
    lists the keys supplied.

    Raises ``ReportError`` (a ``ValueError``) naming the file and the problem when the
    file is missing, empty, binary, in a format not read (an old Word .doc, WPS, RTF,
    an encrypted or damaged file: the message says to save it as .docx or .txt), a scanned
    PDF (the message suggests OCR) or undecodable, has no sentence, or when a given value
    is not valid.
    """
    path = Path(path)
    given: dict = {}
    if date is not None:
        try:
            given["date"] = given_date(date)
        except ValueError as err:
            raise ReportError(path, str(err)) from None
    if place is not None:
        if not isinstance(place, str) or not place.strip():
            raise ReportError(path, f"place must be a non-empty name (for example '焦作市'), got {place!r}")
        given["place"] = place.strip()
    if level is not None:
        if level not in PLACE_LEVELS:
            raise ReportError(path, f"level must be one of {', '.join(PLACE_LEVELS)}, got {level!r}")
        given["level"] = level
    file = read_file(path)
    with paused_gc():
        return cls(path, file.text, file.encoding, given, format=file.format)
