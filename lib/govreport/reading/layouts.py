"""The layout of a report: which lines head its parts, sections and themed groups, where
its closing begins and where the material after the body (appendix) begins.

Reading is in two steps, both linear in the number of lines: ``classify`` tries a few
anchored patterns at the start of each line (chosen by its first character) and keeps the
lines that match as ``Mark``s; ``read_layout`` then decides the layout from the marks alone.

Layouts (``Layout.kind``, reported as ``meta["layout"]``):

- ``chapters``: parts are ``第一部分`` lines (``第一部分 …``, ``第一部分：…``, ``第一部分、…``), in sequence;
- ``headings``: parts are unnumbered heading lines (a line of its own, at most 30 characters,
  no sentence punctuation, naming a review, a plan or a task: ``2023年工作回顾``,
  ``2024年工作安排``, ``加强政府自身建设``; words in ``data/reading_words.tsv``), used when
  the first such line comes before any ``一、`` line;
- ``numbered``: parts are ``一、`` lines, in sequence;
- ``flat``: none of these: one part with an empty title.

Inside a part, sections are ``（一）`` lines; where a chapters or headings part has ``一、``
lines too, those are themed groups (``group``) of its ``（一）`` sections, whose numbering
may restart under each group (a group with no ``（一）`` under it is a section itself); a
chapters or headings part with ``一、`` lines and no ``（一）`` has the ``一、`` lines as
sections; a part with neither has its ``一是``, ``二是`` … paragraph leads (at the start of a
line, in sequence, at least two) as sections; the last of them, when it leads a paragraph
(rather than standing as a heading line of its own), ends with its paragraph.

The closing begins at the first salutation line (``各位代表！``, ``各位代表：``, ``各位代表，``)
after the last part or section heading that does not introduce a list (in a flat text:
the last salutation in the second half of the body). A salutation introduces a list when
the line right after its paragraph (its line; the next line too when the salutation stands
alone on its line) is item 1 of a numbered list of at least two items, numbered in
sequence before the next salutation, all in one form: ``1.``/``1、``, ``（1）``, ``一是``,
``（一）`` or ``一、``, each at the start of a line (``各位代表，今年我们将办好以下实事。`` then
``1.…`` ``2.…``). Such a list is body, not closing: in a part with sections it is a section
of its own at the end of the last part, with no number (``number`` 0; pages show no
（N） for it), titled by the last clause of the introducing paragraph (``今年我们将办好以下实事``),
running from its salutation to the next salutation that introduces no list (the closing) or
to the end of the body; its items are its points, each from its number to the end of its
paragraph, titled by its first sentence. In a part without sections the list stays in the
part's text.

The appendix begins at the first line, in the last 60 % of the text, that opens
a glossary, an attachment, an editors' trailer, a licence footer or web-page clutter
(``名词解释``, ``附件``, ``（责任编辑：…）``, ``相关链接`` …): its numbered items are not parts.

Page clutter (``govreport.reading.clutter``: buttons, font-size toggles, breadcrumbs,
posting labels, photo captions) heads nothing, and the clutter lines that end a web copy
(with blank lines among them) belong to no part, closing or appendix: the text ends,
for the outline, where they begin.

Known limits: sections written only as unnumbered heading lines, ``1.``/``（1）`` numbering
(outside a list after a salutation),
``首先``/``第一，`` leads, and parts named by words missing from ``data/reading_words.tsv``
are not recognised (such a text is read ``flat`` or with fewer sections). In a ``headings``
text, a short plan-like line inside a part (``今年重点工作``) starts a new part. A closing
without the salutation ``各位代表`` is read as part of the last section; an appendix marker
in the first 40 % of the text is ignored. A list separated from the salutation's paragraph
by another paragraph (各位代表！…。 / 今年要办好以下实事： / 1.…) is read as closing, and in
a flat text a salutation followed by a list still begins the closing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..paths import role_words
from .clutter import is_clutter
from .numerals import ORDINAL_CHARS, small_int
from .outline import SPACE, SPACE_CLASS, Node, lstrip_pos, rstrip_pos

_ORD = f"[{ORDINAL_CHARS}]{{1,3}}"
_SP = SPACE_CLASS + "*"
PART_RE = re.compile(rf"(?P<num>{_ORD}){_SP}、")
CHAPTER_RE = re.compile(rf"第(?P<num>{_ORD})部分{_SP}[：:、，,．.]?{_SP}")
SECTION_RE = re.compile(rf"[（(]{_SP}(?P<num>{_ORD}){_SP}[）)]")
LEAD_RE = re.compile(rf"(?P<num>{_ORD})是")
_ARABIC = "[0-9０-９]{1,2}"
ITEM_RE = re.compile(rf"(?P<num>{_ARABIC}){_SP}[.．、](?![0-9０-９])")  # 1. 1、 (not 1.5万)
PAREN_ITEM_RE = re.compile(rf"[（(]{_SP}(?P<num>{_ARABIC}){_SP}[）)]")
SALUTE_RE = re.compile(rf"各位代表{_SP}(?:[！!：:，,、]|$)")
_HEADING_PUNCT = re.compile(r"[。！？；，：,;:!?]")
_INNER_SPACE = re.compile(rf"(?<=[^\x00-\x7f]){SPACE_CLASS}+(?=[^\x00-\x7f])")
_LEAD_END = re.compile(r"[，,。；;：:！!？?]")
HEADING_MAX = 30
APPENDIX_MAX = 30
APPENDIX_FROM = 0.4  # an appendix begins in the last 60 % of the text


@lru_cache(maxsize=1)
def words() -> dict[str, list[str]]:
    """The word lists of ``data/reading_words.tsv`` by role."""
    return role_words("reading_words.tsv")


@lru_cache(maxsize=1)
def _patterns():
    w = words()
    alt = lambda ws: "|".join(re.escape(x) for x in sorted(ws, key=len, reverse=True))  # noqa: E731
    return (
        re.compile(alt(w["heading"])),
        re.compile(alt(w["appendix"])),
        re.compile(alt(w["footer"])),
        re.compile(alt(w["plan"])),
        re.compile(alt(w["review"])),
    )


def despace(s: str) -> str:
    """Correction: headings are often typeset with spaces between their characters."""
    return _INNER_SPACE.sub("", s.strip(SPACE))


def is_plan_title(title: str) -> bool:
    _, _, _, plan, review = _patterns()
    return bool(plan.search(title)) and not review.search(title)


def is_appendix_line(line: str) -> bool:
    """A line that opens the material after the body (see the module docstring)."""
    line = line.strip(SPACE)
    if not line or len(line) > 2 * APPENDIX_MAX:
        return False
    _, appendix, footer, _, _ = _patterns()
    if footer.search(line):
        return True
    key = line.lstrip("【[（(〔<《" + SPACE)
    return len(line) <= APPENDIX_MAX and "。" not in line and appendix.match(key) is not None


def is_heading_line(line: str) -> bool:
    """An unnumbered part heading: a short line without sentence punctuation that names a
    review, a plan or a task (see the module docstring)."""
    line = line.strip(SPACE)
    if not line or len(line) > 2 * APPENDIX_MAX + 10 or _HEADING_PUNCT.search(line):
        return False
    flat = despace(line)
    return len(flat) <= HEADING_MAX and _patterns()[0].search(flat) is not None


_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")


@dataclass(slots=True)
class Mark:
    kind: str  # part, chapter, section, lead, item (1.), paren_item (（1）), salute, heading, appendix
    num: int
    li: int  # line index
    pos: int  # where the line's content begins
    end: int  # where the line's content ends
    after: int  # where the marker (一、, （一）, 第一部分 …) ends


def classify(text: str, lines: list[tuple[int, int]]) -> list[Mark]:
    """The lines that may head something, in text order."""
    marks = []
    for li, (s, e) in enumerate(lines):
        pos = lstrip_pos(text, s, e)
        if pos >= e:
            continue
        c = text[pos]
        m = None
        if c in ORDINAL_CHARS:
            if m := PART_RE.match(text, pos, e):
                kind = "part"
            elif m := LEAD_RE.match(text, pos, e):
                kind = "lead"
        elif c in "（(":
            if m := SECTION_RE.match(text, pos, e):
                kind = "section"
        elif c == "第":
            if m := CHAPTER_RE.match(text, pos, e):
                kind = "chapter"
        elif c == "各":
            if sm := SALUTE_RE.match(text, pos, e):
                marks.append(Mark("salute", 0, li, pos, e, sm.end()))
                continue
        if m is not None:
            num = small_int(m["num"])
            if num:
                marks.append(Mark(kind, num, li, pos, e, m.end()))
            continue
        end = rstrip_pos(text, pos, e)
        if end - pos <= 2 * APPENDIX_MAX + 10:
            line = text[pos:end]
            if is_appendix_line(line):
                marks.append(Mark("appendix", 0, li, pos, end, pos))
                continue
            if is_clutter(line):
                continue  # a line of the web page, not of the report: it heads nothing
            if is_heading_line(line):
                marks.append(Mark("heading", 0, li, pos, end, pos))
                continue
        # A list item (1. 1、 （1）): it heads nothing, but may tell a list from the closing.
        if c in _DIGIT_CHARS:
            m, kind = ITEM_RE.match(text, pos, e), "item"
        elif c in "（(":
            m, kind = PAREN_ITEM_RE.match(text, pos, e), "paren_item"
        if m is not None and (num := small_int(m["num"])):
            marks.append(Mark(kind, num, li, pos, e, m.end()))
    return marks


@dataclass
class Layout:
    kind: str  # numbered, chapters, headings, flat
    parts: list[Node]
    closing: tuple[int, int] | None = None
    appendix: tuple[int, int, str] | None = None
    head_end_line: int = 0  # lines before this index are the head (title, dateline, speaker…)
    groups: list[Node] = field(default_factory=list)
    paragraph_leads: set[int] = field(default_factory=set)  # id() of sections led by 一是 in a paragraph
    items: dict[str, list[Mark]] = field(default_factory=dict)  # a list node's id -> its item marks


def heading_title(text: str, start: int, end: int) -> str:
    """Title of a heading whose text begins at start in the line ending at end: up to the first 。."""
    cut = text.find("。", start, end)
    return despace(text[start : end if cut < 0 else cut])


def _sequence(marks: list[Mark], kind: str, stop_at_restart: bool = False) -> list[Mark]:
    """The marks of ``kind`` numbered 1, 2, 3 … in order (others skipped); with
    ``stop_at_restart``, a second 1 ends the sequence."""
    out: list[Mark] = []
    for m in marks:
        if m.kind == kind:
            if m.num == len(out) + 1:
                out.append(m)
            elif stop_at_restart and m.num == 1:
                break
    return out


def read_layout(text: str, lines: list[tuple[int, int]], marks: list[Mark], head_lines: int) -> Layout:
    """Parts (with their sections), closing and appendix of ``text``.

    ``head_lines``: how many lines at the top are the head (title, dateline, speaker,
    salutation), used by the flat layout only.
    """
    n = len(text)
    # Correction: the web page's lines after the report (分享到：, 打印, 来源：…) end no part,
    # closing or appendix; what precedes them does.
    tail = len(lines)
    while tail > 0 and (lines[tail - 1][0] == lines[tail - 1][1] or _blank_or_clutter(text[slice(*lines[tail - 1])])):
        tail -= 1
    if 0 < tail < len(lines):
        n = rstrip_pos(text, 0, lines[tail][0])
        lines = lines[:tail]
        marks = [m for m in marks if m.li < tail]
    # The appendix: after the first paragraph of the body, in the last 60 % of the text.
    first_para = next((li for li, (s, e) in enumerate(lines) if e - s >= 15 and text.find("。", s, e) >= 0), len(lines))
    appendix = next(
        (m for m in marks if m.kind == "appendix" and m.li > first_para and m.pos >= APPENDIX_FROM * n), None
    )
    limit = appendix.li if appendix else len(lines)
    body_marks = [m for m in marks if m.li < limit]

    chapters = _sequence(body_marks, "chapter")
    numbered = _sequence(body_marks, "part")
    headings = [m for m in body_marks if m.kind == "heading"]
    if chapters:
        kind, heads = "chapters", chapters
    elif headings and (not numbered or headings[0].li < numbered[0].li):
        kind, heads = "headings", headings
    elif numbered:
        kind, heads = "numbered", numbered
    else:
        kind, heads = "flat", []

    parts: list[Node] = []
    inner: list[list[Mark]] = []
    for i, h in enumerate(heads):
        if kind == "headings":
            title = despace(text[h.pos : h.end])
        else:
            title = heading_title(text, h.after, h.end)
            if not title and kind == "chapters" and h.li + 1 < limit:
                s, e = lines[h.li + 1]
                s, e = lstrip_pos(text, s, e), rstrip_pos(text, s, e)
                if 0 < e - s <= HEADING_MAX and "。" not in text[s:e] and not any(m.li == h.li + 1 and m.kind != "heading" for m in body_marks):
                    title = despace(text[s:e])  # 第一部分 on a line of its own, its title on the next
        parts.append(Node(str(i + 1), "part", i + 1, title, h.pos, h.end, None))
        inner.append([])
    # The marks inside each part, in one sweep.
    k = 0
    for m in body_marks:
        while k < len(heads) and heads[k].li <= m.li:
            k += 1
        if k > 0 and m is not heads[k - 1]:
            inner[k - 1].append(m)

    layout = Layout(kind, parts)
    last_li = heads[-1].li if heads else -1
    for part, ms in zip(parts, inner):
        for m in _sections(text, part, ms, kind, layout):
            last_li = max(last_li, m.li)

    # The closing: the first salutation after the last heading that introduces no list.
    body_end = appendix.pos if appendix else n
    closing = None
    lists: list[tuple[Mark, list[Mark]]] = []
    if kind != "flat":
        closing, lists = _closing(text, lines, [m for m in body_marks if m.li > last_li])
    if closing is not None:
        body_end = closing.pos

    if kind == "flat":
        start = next((lstrip_pos(text, s, e) for s, e in lines[head_lines:limit] if lstrip_pos(text, s, e) < e), None)
        if start is None or start >= body_end:
            # Nothing but a head: the whole text is the body.
            start = next((i for i, c in enumerate(text) if not c.isspace()), 0)
        salutes = [m for m in body_marks if m.kind == "salute" and m.pos > start and m.pos >= (start + body_end) / 2]
        if salutes:
            closing = salutes[-1]
            body_end = closing.pos
        parts.append(Node("1", "part", 1, "", start, body_end, None))
        layout.head_end_line = head_lines
    else:
        layout.head_end_line = heads[0].li

    # A list introduced by a salutation after the last section is a section of its own,
    # without a number, in the last part (in a part without sections it stays in the part).
    numbered_sections = len(parts[-1].children) if parts else 0
    if numbered_sections:
        last = parts[-1]
        for salute, items in lists:
            k = len(last.children) + 1
            node = Node(f"{last.id}.{k}", "section", 0, _list_title(text, lines, salute), salute.pos, salute.end, last.id)
            last.children.append(node)
            layout.items[node.id] = items

    for i, part in enumerate(parts):
        nxt = parts[i + 1].start if i + 1 < len(parts) else body_end
        part.end = rstrip_pos(text, part.start, nxt)
        bounds = sorted([s.start for s in part.children] + [g.start for g in layout.groups if part.start < g.start < part.end])
        last_numbered = numbered_sections - 1 if i == len(parts) - 1 else len(part.children) - 1
        for j, sec in enumerate(part.children):
            k = next((b for b in bounds if b > sec.start), part.end)
            if j == last_numbered and id(sec) in layout.paragraph_leads:
                k = min(k, sec.end)  # the last paragraph lead ends with its paragraph
            sec.end = rstrip_pos(text, sec.start, min(k, part.end))
    if closing is not None:
        end = appendix.pos if appendix else n
        layout.closing = (closing.pos, rstrip_pos(text, closing.pos, end))
    if appendix is not None:
        layout.appendix = (appendix.pos, rstrip_pos(text, appendix.pos, n), despace(text[appendix.pos : appendix.end]))
    return layout


_ITEM_KINDS = ("item", "paren_item", "lead", "section", "part")


def _closing(text: str, lines: list[tuple[int, int]], marks: list[Mark]) -> tuple[Mark | None, list[tuple[Mark, list[Mark]]]]:
    """The closing's salutation among ``marks`` (those after the last heading) and the
    lists that salutations before it introduce (rules in the module docstring)."""
    lists = []
    by_line = {m.li: m for m in marks}
    for i, m in enumerate(marks):
        if m.kind != "salute":
            continue
        # The salutation's paragraph: its line, and the next one when the line holds the salutation alone.
        li = m.li
        if rstrip_pos(text, m.after, m.end) == m.after:
            li = _next_line(text, lines, li)
        first = by_line.get(_next_line(text, lines, li))
        if first is None or first.kind not in _ITEM_KINDS or first.num != 1:
            return m, lists
        items = [first]
        for x in marks[marks.index(first) + 1 :]:
            if x.kind == "salute":
                break
            if x.kind == first.kind:
                if x.num == len(items) + 1:
                    items.append(x)
                elif x.num == 1:
                    break
        if len(items) < 2:
            return m, lists
        lists.append((m, items))
    return None, lists


def _next_line(text: str, lines: list[tuple[int, int]], li: int) -> int:
    """The index of the first non-blank line after line ``li``."""
    li += 1
    while li < len(lines) and lstrip_pos(text, *lines[li]) >= lines[li][1]:
        li += 1
    return li


def _list_title(text: str, lines: list[tuple[int, int]], salute: Mark) -> str:
    """A list's title: the last clause of the paragraph that introduces it, without the
    salutation (各位代表，今年我们将办好以下实事。 gives 今年我们将办好以下实事)."""
    s, e = salute.after, rstrip_pos(text, salute.after, salute.end)
    if s == e:  # the salutation alone on its line: the next line introduces the list
        s, e = lines[min(_next_line(text, lines, salute.li), len(lines) - 1)]
    body = text[s:e].rstrip("。：:！!；;" + SPACE)
    return despace(re.split(r"[，,；;：:。！!]", body)[-1])


def item_points(text: str, node: Node, items: list[Mark], lines: list[tuple[int, int]]) -> list[Node]:
    """The items of a list node as its points: each runs from its number to the end of its
    paragraph (or the next item); its title is its first sentence without the number."""
    out = []
    for n, m in enumerate(items, 1):
        nxt = items[n].pos if n < len(items) else node.end
        stop = rstrip_pos(text, m.pos, min(lines[m.li][1], nxt, node.end))
        cut = re.search(r"[。！？；!?;]", text[m.after : stop])
        title = despace(text[m.after : m.after + cut.start() if cut else stop])
        out.append(Node(f"{node.id}.{n}", "point", n, title, m.pos, stop, node.id))
    return out


def _blank_or_clutter(line: str) -> bool:
    return not line.strip(SPACE + "\r\n") or is_clutter(line)


def _sections(text: str, part: Node, ms: list[Mark], kind: str, layout: Layout) -> list[Mark]:
    """Fill ``part.children`` with its sections (rules in the module docstring); returns the
    marks used (sections and group headings)."""
    used: list[Mark] = []
    groups = _sequence(ms, "part") if kind != "numbered" else []
    group_lis = {g.li for g in groups}
    secs: list[tuple[Mark, str, str]] = []  # (mark, title, group)
    if any(m.kind == "section" for m in ms):
        group, group_mark = "", None
        in_group = numbered = 0  # （N） sections in the current group, in the part
        for m in ms:
            if m.li in group_lis:
                if group_mark is not None and in_group == 0:
                    secs.append((group_mark, group, group))  # a group without sections is a section
                group_mark, group, in_group = m, heading_title(text, m.after, m.end), 0
                used.append(m)
            elif m.kind == "section" and (m.num == in_group + 1 or m.num == numbered + 1):
                # Under themed groups the numbering may restart or run on.
                secs.append((m, heading_title(text, m.after, m.end), group))
                in_group += 1
                numbered += 1
        if group_mark is not None and in_group == 0:
            secs.append((group_mark, group, group))
        as_sections = {id(s[0]) for s in secs}
        layout.groups += [Node("", "group", 0, "", g.pos, g.end, part.id) for g in groups if id(g) not in as_sections]
    elif groups:
        secs = [(g, heading_title(text, g.after, g.end), "") for g in groups]
    else:
        leads = _sequence(ms, "lead", stop_at_restart=True)
        if len(leads) >= 2:
            for m in leads:
                cut = _LEAD_END.search(text, m.after, m.end)
                secs.append((m, despace(text[m.after : cut.start() if cut else m.end]), ""))
    for k, (m, title, group) in enumerate(secs, 1):
        node = Node(f"{part.id}.{k}", "section", k, title, m.pos, m.end, part.id, group=group)
        part.children.append(node)
        used.append(m)
        if m.kind == "lead" and re.search(r"[。！？；]", text[m.after : m.end].rstrip("。！？；" + SPACE)):
            layout.paragraph_leads.add(id(node))
    return used
