"""The outline of a report (parts, sections, points) and its sentences.

Every offset is an index into the report's text, so ``text[start:end]`` gives the
span back. Spans never include surrounding whitespace or line breaks.

Parts, sections, the closing and the appendix are found by ``layouts``; this module
finds the points inside them and splits the sentences. Rules (each one is tested on the
bundled report and on synthetic texts):

- **Dash-led points**: a line that begins with a dash (——经济总体回升向好。…) is a point of
  the node it stands in (a section, or a part before its first section), when the node has
  at least two. Title: its first sentence without the dash and the terminator.
- **Bold-lead points** are the bold lead sentences inside a section: short (4–20 characters),
  ending in 。, with no comma, colon, enumeration mark or digit, and followed in the
  same paragraph by an elaboration of at least 40 characters before the next such
  short sentence. A short sentence directly followed by another one (土壤污染防治有序开展。
  重大风险有效化解。) closes a block rather than opening one. A section has points only
  if at least two are found. A point runs to the next point or the end of its paragraph.
  Only sections have bold-lead points.
- **List items**: the numbered items (``1.`` ``2.`` …) of a list that a salutation introduces
  after the last section are the points of that list's section (rules in ``layouts``).
- **Sentences** end at 。！？； (and ! ? ;), or at a line end; never inside “…”,
  「…」, 《…》 or parentheses. Every non-blank character of the text lies in exactly
  one sentence.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

from .numerals import small_int

#: Every space a line of a report is indented or padded with: the ASCII space and tab, the
#: no-break space (U+00A0), the typographic spaces of Word files (U+2000–U+200A, the em
#: space U+2003 among them), U+202F, U+205F, the ideographic space (U+3000) and a stray BOM.
SPACE = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000\ufeff"
#: ``SPACE`` as a regular-expression character class.
SPACE_CLASS = "[" + re.escape(SPACE) + "]"
_BREAK_RE = re.compile(r"\r\n|\r|\n")
DASHES = "—―─－-"
DASH_LEAD_RE = re.compile(r"(?:——|――|──|－－|--|—|―)(?![—―─－\-])")
TERMINATORS = "。！？；!?;"
OPENERS = "“「『《（(【[〔"
CLOSERS = "”」』》）)】]〕"
_SPECIAL_RE = re.compile("[" + re.escape(TERMINATORS + OPENERS + CLOSERS) + "]")

POINT_MIN, POINT_MAX = 4, 20
POINT_FORBIDDEN_RE = re.compile(r"[,，、:：;；0-9０-９]")
POINT_MIN_ELABORATION = 40
POINT_MIN_PER_SECTION = 2


@dataclass(slots=True)
class Node:
    id: str
    level: str
    number: int
    title: str
    start: int
    end: int
    parent: str | None
    children: list["Node"] = field(default_factory=list)
    group: str = ""  # for a section: the themed heading (一、…) it stands under in a plan part


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, line breaks (\\n, \\r\\n, \\r) excluded."""
    spans, start = [], 0
    for m in _BREAK_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def rstrip_pos(text: str, start: int, end: int) -> int:
    """End position with trailing whitespace (including line breaks) removed, not before start."""
    while end > start and text[end - 1] in SPACE + "\r\n":
        end -= 1
    return end


def lstrip_pos(text: str, start: int, end: int) -> int:
    while start < end and text[start] in SPACE:
        start += 1
    return start


class Sentences:
    """Sentence spans as two arrays of offsets (no Python object per sentence).

    ``starts[i]``, ``ends[i]``: the span of sentence ``i``; both ascending.
    """

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self):
        return zip(self.starts, self.ends)

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]


def split_sentences(text: str, lines: list[tuple[int, int]]) -> Sentences:
    """Sentence spans. A line end always ends a sentence; brackets and quotes are tracked per line."""
    spans = Sentences()
    for lstart, lend in lines:
        depth = 0
        sstart = lstart
        for m in _SPECIAL_RE.finditer(text, lstart, lend):
            c = m.group()
            if c in OPENERS:
                depth += 1
            elif c in CLOSERS:
                depth = max(0, depth - 1)
            elif depth == 0:
                _add_span(text, spans, sstart, m.end())
                sstart = m.end()
        _add_span(text, spans, sstart, lend)
    return spans


def _add_span(text: str, spans: Sentences, start: int, end: int) -> None:
    start = lstrip_pos(text, start, end)
    end = rstrip_pos(text, start, end)
    if end <= start:
        return
    if spans.ends and spans.ends[-1] == start and all(c in TERMINATORS for c in text[start:end]):
        # A run of terminators (。。 or ？！) belongs to the sentence it ends.
        spans.ends[-1] = end
        return
    spans.starts.append(start)
    spans.ends.append(end)


def sentence_lines(sentences: Sentences, lines: list[tuple[int, int]]) -> array:
    """Index of the line holding each sentence (both in text order: one linear sweep)."""
    out, li, last = array("q"), 0, len(lines) - 1
    for start in sentences.starts:
        while li < last and lines[li + 1][0] <= start:
            li += 1
        out.append(li)
    return out


def find_points(
    text: str,
    node: Node,
    sentences: Sentences,
    lines: list[tuple[int, int]],
    sent_lines: array,
    *,
    end: int | None = None,
    leads: bool = True,
    prefix: str | None = None,
) -> list[Node]:
    """The points of a node (see the module docstring for the rules): dash-led lines and,
    with ``leads``, bold lead sentences, looked for from the node's heading to ``end``
    (default: the node's end). Ids are ``prefix`` (default: the node's id) + "." + n.

    ``sent_lines`` gives the line of each sentence (``sentence_lines``), so the work is
    linear in the node's length.
    """
    end = node.end if end is None else end
    prefix = node.id if prefix is None else prefix
    lo = bisect.bisect_left(sentences.starts, node.start) + 1  # skip the heading sentence
    hi = bisect.bisect_left(sentences.starts, end)
    starts, ends = sentences.starts, sentences.ends

    dashes = []
    for i in range(lo, hi):
        s = starts[i]
        if text[s] in DASHES and sent_lines[i] != sent_lines[i - 1]:
            m = DASH_LEAD_RE.match(text, s)
            if m and m.end() < ends[i] and text[m.end()] not in SPACE + TERMINATORS:
                dashes.append(i)
    if len(dashes) < POINT_MIN_PER_SECTION:
        dashes = []

    def is_lead(i: int) -> bool:
        s, e = starts[i], ends[i]
        if text[e - 1] not in "。！":
            return False
        body = text[s : e - 1]
        return POINT_MIN <= len(body) <= POINT_MAX and not POINT_FORBIDDEN_RE.search(body)

    points: list[int] = []  # sentence indices
    if leads:
        is_leads = [is_lead(i) for i in range(lo, hi)]
        for i in range(lo, hi):
            if not is_leads[i - lo]:
                continue
            line = sent_lines[i]
            elaboration = 0
            for k in range(i + 1, hi):
                if is_leads[k - lo] or sent_lines[k] != line:
                    break
                elaboration += ends[k] - starts[k]
            if elaboration >= POINT_MIN_ELABORATION:
                points.append(i)
        if len(points) < POINT_MIN_PER_SECTION:
            points = []
    if dashes:
        points = sorted(set(points) | set(dashes))
    nodes = []
    for n, i in enumerate(points, 1):
        s, e = starts[i], ends[i]
        line_end = rstrip_pos(text, s, lines[sent_lines[i]][1])
        nxt = starts[points[n]] if n < len(points) else end
        stop = rstrip_pos(text, s, min(nxt, line_end, end))
        head = text[s : e - 1] if text[e - 1] in TERMINATORS else text[s:e]
        m = DASH_LEAD_RE.match(head)
        title = head[m.end() :] if m else head
        nodes.append(Node(f"{prefix}.{n}", "point", n, title.strip(SPACE), s, stop, node.id))
    return nodes
