"""Hard-wrapped text: a line break every N characters inside sentences.

Text copied out of a PDF breaks its lines at the page width, inside sentences and even
inside numbers (184.\\n7亿元). Read as it stands, every line would end a sentence, every
paragraph would be many paragraphs, and facts split over two lines would be lost. So the
loader first looks for the wrap, and when it finds one it reads a working copy of the text
in which those breaks are removed; every offset it reports is mapped back to the original
text (``Unwrapped.to_text``).

How the wrap is recognised (linear in the text; ``detect``):

- an *open* line is a line of at least 8 characters that does not end a sentence (its last
  character is not one of 。！？；：!?;: or a closing quote or bracket);
- the text is wrapped when at least three open lines, and 30 % of them, have nearly the same
  display width W (a Chinese character counts 2, an ASCII one 1; within 20 % of the upper
  quartile of the open lines' widths), and hardly
  any line (at most one in ten of the lines that wide) is longer than 1.2 W: in a wrapped
  text no line exceeds the width, while in a text with one paragraph per line the
  paragraphs are much longer than the headings that end without punctuation.

Which breaks are removed (``detect``): the break after a *full* line (at least 0.8 W wide,
or at least 90 % of the upper quartile of their lengths in characters) when the next line is not blank and
does not begin with indentation; after a line that ends a sentence or begins a part
heading (一、, 第一部分), only when it is quite full (0.95 W, or that quartile in
characters) and, for a sentence end, the next line does not begin a heading, a 一是 lead,
a numbered item (``1.``, ``1、``, ``（1）``), a dash-led line, and is no unnumbered heading or appendix line; never before the
salutation 各位代表 or between the lines of the head (title, dateline, speaker). Spaces at the end of the line and at the start of the
next go with the break. A paragraph whose last line ends a sentence exactly at the width,
followed by an unindented paragraph, cannot be told from a wrap: the two are read as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .layouts import (
    CHAPTER_RE, ITEM_RE, LEAD_RE, PAREN_ITEM_RE, PART_RE, SALUTE_RE, SECTION_RE, is_appendix_line, is_heading_line,
)
from .meta import is_complete_head_line
from .outline import SPACE

_ENDS = set("。！？；：!?;:")
_CLOSERS = set("”」』》）)】]〕’\"")
# A line that begins one of these is a new paragraph, not the continuation of the line before:
# a heading or a lead as the outline reads them, a dash line or the salutation.
_PART_HEADINGS = (PART_RE, CHAPTER_RE)
_BLOCK_STARTS = (*_PART_HEADINGS, SECTION_RE, LEAD_RE, ITEM_RE, PAREN_ITEM_RE, re.compile(r"[—―─－]|--|各位代表"))
OPEN_MIN = 8
HEAD_LINES = 12  # the head (title, dateline, speaker) is among the first lines


def _starts_block(text: str, start: int, end: int) -> bool:
    """The line begins a heading, a lead, a dash line or the salutation, or is an unnumbered
    heading or an appendix line of its own."""
    if any(r.match(text, start, end) for r in _BLOCK_STARTS):
        return True
    if end - start > 60:
        return False
    line = text[start:end]
    return is_appendix_line(line) or is_heading_line(line)


def _head_line(line: str) -> bool:
    """A complete title, dateline or speaker line (``meta.is_complete_head_line``)."""
    return is_complete_head_line(line)


@dataclass
class Unwrapped:
    """The working copy of a text: ``text`` with the breaks inside sentences removed.

    ``gaps[k]`` is the offset in the working copy where the k-th removed stretch was, and
    ``removed[k]`` the number of characters removed up to and including it.
    """

    text: str
    gaps: np.ndarray
    removed: np.ndarray

    @property
    def wrapped(self) -> bool:
        return len(self.gaps) > 0

    def to_text(self, positions, *, ends: bool = False) -> np.ndarray:
        """Offsets in the working copy -> offsets in the original text (int64 array).

        A start maps to the character's own place; an end (``ends=True``, exclusive) maps
        to just after the character before it, so a span never ends with a removed break.
        """
        pos = np.asarray(positions, dtype=np.int64)
        if not self.wrapped or pos.size == 0:
            return pos.copy()
        probe = pos - 1 if ends else pos
        k = np.searchsorted(self.gaps, probe, side="right") - 1
        shift = np.where(k >= 0, self.removed[np.maximum(k, 0)], 0)
        return pos + shift


def _width(s: str) -> int:
    """Display width: 2 per character outside ASCII, 1 per ASCII character (via UTF-8 length)."""
    n = len(s)
    return n + (len(s.encode("utf-8")) - n) // 2


def detect(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """Indices of the lines whose line break is inside a paragraph (see the module docstring).
    Empty when the text is not hard-wrapped."""
    stripped = []  # (start, end) of each line without surrounding spaces
    for s, e in lines:
        while s < e and text[s] in SPACE:
            s += 1
        while e > s and text[e - 1] in SPACE:
            e -= 1
        stripped.append((s, e))
    open_widths, open_lengths, widths = [], [], []
    for s, e in stripped:
        n = e - s
        if n < OPEN_MIN:
            widths.append(0)
            continue
        w = _width(text[s:e])
        widths.append(w)
        last = text[e - 1]
        if last not in _ENDS and last not in _CLOSERS:
            open_widths.append(w)
            open_lengths.append(n)
    if len(open_widths) < 3:
        return []
    # The width of the wrap: the upper quartile of the open lines' widths (headings, which
    # also end without punctuation, are shorter than the wrapped lines).
    wide = float(np.percentile(open_widths, 75))
    near = sum(1 for w in open_widths if 0.8 * wide <= w <= 1.2 * wide)
    if near < 3 or near < 0.3 * len(open_widths):
        return []
    at_width = sum(1 for w in widths if w >= 0.8 * wide)
    longer = sum(1 for w in widths if w > 1.2 * wide)
    if longer > 0.1 * at_width:
        return []
    chars = float(np.percentile(open_lengths, 75))
    joins = []
    for i in range(len(lines) - 1):
        s, e = stripped[i]
        if e - s < OPEN_MIN or not (widths[i] >= 0.8 * wide or e - s >= 0.9 * chars):
            continue
        ns, ne = stripped[i + 1]
        if ns >= ne or ns != lines[i + 1][0]:
            continue  # a blank line or an indented one: a new paragraph
        quite_full = widths[i] >= 0.95 * wide or e - s >= chars
        if text[e - 1] in _ENDS and (not quite_full or _starts_block(text, ns, ne)):
            continue  # a sentence ends the line: a new paragraph unless the line is quite full
        if SALUTE_RE.match(text, ns, ne):
            continue  # 各位代表： begins a paragraph
        if not quite_full and any(r.match(text, s, e) for r in _PART_HEADINGS):
            continue  # a part heading a little short of the width
        if i < HEAD_LINES and (_head_line(text[s:e]) or _head_line(text[ns:ne])):
            continue  # the head's own lines (a full-width dateline before the speaker line)
        joins.append(i)
    return joins


def unwrap(text: str, lines: list[tuple[int, int]]) -> Unwrapped:
    """The working copy of ``text`` (the text itself when it is not hard-wrapped)."""
    joins = detect(text, lines)
    if not joins:
        return Unwrapped(text, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    pieces, gaps, removed = [], [], []
    pos = total = kept = 0
    for i in joins:
        a = lines[i][1]
        while a > lines[i][0] and text[a - 1] in SPACE:
            a -= 1
        b = lines[i + 1][0]
        while b < lines[i + 1][1] and text[b] in SPACE:
            b += 1
        pieces.append(text[pos:a])
        kept += a - pos
        total += b - a
        gaps.append(kept)
        removed.append(total)
        pos = b
    pieces.append(text[pos:])
    return Unwrapped("".join(pieces), np.asarray(gaps, dtype=np.int64), np.asarray(removed, dtype=np.int64))
