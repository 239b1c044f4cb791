"""The outline of a report (parts, sections, points) and its sentences.

Every offset is an index into the report's text, so ``text[start:end]`` gives the
span back. Spans never include surrounding whitespace or line breaks.

Rules (each one is tested on the bundled report and on synthetic texts):

- **Parts** are lines that begin with a Chinese ordinal and 、 (一、 二、 …), numbered
  in sequence. Title: the rest of the line (up to the first 。 if there is one).
- **Sections** are lines that begin with (一) or （一）, numbered in sequence within
  their part. Title: the heading sentence, up to the first 。 or the line end.
- **Points** are the bold lead sentences inside a section: short (4–20 characters),
  ending in 。, with no comma, colon, enumeration mark or digit, and followed in the
  same paragraph by an elaboration of at least 40 characters before the next such
  short sentence. A short sentence directly followed by another one (土壤污染防治有序开展。
  重大风险有效化解。) closes a block rather than opening one. A section has points only
  if at least two are found. A point runs to the next point or the end of its paragraph.
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

SPACE = " \t\u3000\u00a0\ufeff"
_BREAK_RE = re.compile(r"\r\n|\r|\n")
PART_RE = re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})、")
SECTION_RE = re.compile(r"[（(](?P<num>[一二三四五六七八九十]{1,3})[）)]")
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


def heading_title(text: str, start: int, end: int) -> tuple[str, int]:
    """Title of a heading whose text begins at start in the line ending at end: up to the first 。."""
    cut = text.find("。", start, end)
    title_end = end if cut < 0 else cut
    return text[start:title_end].strip(SPACE), (end if cut < 0 else cut + 1)


def find_headings(text: str, lines: list[tuple[int, int]]) -> list[Node]:
    """Parts and sections, in text order and properly numbered; sections nested in parts."""
    parts: list[Node] = []
    for lstart, lend in lines:
        pos = lstrip_pos(text, lstart, lend)
        if pos >= lend:
            continue
        if m := PART_RE.match(text, pos, lend):
            if small_int(m["num"]) == len(parts) + 1:
                title, _ = heading_title(text, m.end(), lend)
                parts.append(Node(str(len(parts) + 1), "part", len(parts) + 1, title, pos, lend, None))
                continue
        if parts and (m := SECTION_RE.match(text, pos, lend)):
            part = parts[-1]
            if small_int(m["num"]) == len(part.children) + 1:
                title, _ = heading_title(text, m.end(), lend)
                n = len(part.children) + 1
                part.children.append(Node(f"{part.id}.{n}", "section", n, title, pos, lend, part.id))
    # Close the spans: each node runs to the next sibling (or the parent's end), trimmed.
    for i, part in enumerate(parts):
        nxt = parts[i + 1].start if i + 1 < len(parts) else len(text)
        part.end = rstrip_pos(text, part.start, nxt)
        for j, sec in enumerate(part.children):
            nxt = part.children[j + 1].start if j + 1 < len(part.children) else part.end
            sec.end = rstrip_pos(text, sec.start, nxt)
    return parts


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
    section: Node,
    sentences: Sentences,
    lines: list[tuple[int, int]],
    sent_lines: array,
) -> list[Node]:
    """The bold lead sentences of a section (see the module docstring for the rule).

    ``sent_lines`` gives the line of each sentence (``sentence_lines``), so the work is
    linear in the section's length.
    """
    lo = bisect.bisect_left(sentences.starts, section.start) + 1  # skip the heading sentence
    hi = bisect.bisect_left(sentences.starts, section.end)

    def is_lead(span: tuple[int, int]) -> bool:
        s, e = span
        if text[e - 1] not in "。！":
            return False
        body = text[s : e - 1]
        return POINT_MIN <= len(body) <= POINT_MAX and not POINT_FORBIDDEN_RE.search(body)

    leads = [is_lead(sentences[i]) for i in range(lo, hi)]
    points: list[int] = []  # sentence indices
    for i in range(lo, hi):
        if not leads[i - lo]:
            continue
        line = sent_lines[i]
        elaboration = 0
        for k in range(i + 1, hi):
            if leads[k - lo] or sent_lines[k] != line:
                break
            elaboration += sentences.ends[k] - sentences.starts[k]
        if elaboration >= POINT_MIN_ELABORATION:
            points.append(i)
    if len(points) < POINT_MIN_PER_SECTION:
        return []
    nodes = []
    for n, i in enumerate(points, 1):
        s, e = sentences[i]
        line_end = rstrip_pos(text, s, lines[sent_lines[i]][1])
        nxt = sentences[points[n]][0] if n < len(points) else section.end
        end = rstrip_pos(text, s, min(nxt, line_end, section.end))
        nodes.append(Node(f"{section.id}.{n}", "point", n, text[s : e - 1].strip(SPACE), s, end, section.id))
    return nodes
