"""Tables that summarise a report's structure, shared by the notebooks."""

from __future__ import annotations

import bisect
import collections
import re

import pandas as pd

from ..report import Report
from . import frames, memo


_BLANK = re.compile(r"\s")  # for a str pattern, \s is what str.isspace() calls blank


def characters(s: str) -> int:
    """Number of non-blank characters (any Unicode space, tab or line break left out), the
    usual measure of length of a Chinese text."""
    return len(s) - len(_BLANK.findall(s))


def short_title(title: str, width: int | None = None) -> str:
    """A heading's first clause (up to the first comma or 。), for labels: 疫情防控科学有效.

    With ``width``, a longer clause is cut to that many characters, ending in "…".
    """
    head = re.split("[，,:：;；。]", title, maxsplit=1)[0].strip()
    if width is not None and len(head) > width:
        head = head[: width - 1] + "…"
    return head


OTHER_LEVELS = {"closing": "结束语 closing", "appendix": "附 appendix"}


@memo.per_report
def section_summary(report: Report) -> pd.DataFrame:
    """One row per section (or per part that has no sections): its size.

    Columns: ``id``, ``label`` (id and short title, for charts), ``part`` (the part's title), ``section`` (the section's title),
    ``points``, ``sentences``, ``characters`` (non-blank characters in the span).
    Text of a part outside its sections (its introduction, with any points set directly
    under the part, and any text between or after its sections) gets a row of its own
    with the part's id, and a closing or an appendix outside every part gets one too, so
    that the characters add up to the whole body.
    """
    outline = report.outline
    nodes = list(frames.rows(outline, index=False))
    point_parents = collections.Counter(n.parent for n in nodes if n.level == "point")
    in_section = _sentences_by_section(report)
    starts = sorted(report.sentences["start"].tolist())

    def sentences_in(a: int, b: int) -> range:  # positions (in ``starts``) of the sentences starting in [a, b)
        return range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b))

    rows = []
    for part in (n for n in nodes if n.level == "part"):
        sections = [n for n in nodes if n.level == "section" and n.parent == part.id]
        # The part's own text: before its first section (introduction), and any text between or
        # after its sections (a sub-heading, a closing paragraph).
        bounds = [int(part.start)]
        for sec in sections:
            bounds += [int(sec.start), int(sec.end)]
        bounds.append(int(part.end))
        gaps = list(zip(bounds[0::2], bounds[1::2]))
        pieces = gaps[:1] + [(a, b) for a, b in gaps[1:] if characters(report.text[a:b])]
        in_pieces = set().union(*(sentences_in(a, b) for a, b in pieces))
        if not sections:
            label, what = short_title(part.title) or "（无标题 untitled）", ""
        elif len(pieces) == 1:
            label, what = "引言 intro", "（引言 introduction）"
        else:
            label, what = "引言及其他 intro and text between sections", "（引言及节外文字 introduction and text outside the sections）"
        rows.append(
            {
                "id": part.id,
                "label": f"{part.id} {label}",
                "part": part.title,
                "section": what,
                "points": point_parents[part.id],
                "sentences": len(in_pieces),
                "characters": sum(characters(report.text[a:b]) for a, b in pieces),
            }
        )
        for sec in sections:
            prefix = sec.id + "."
            rows.append(
                {
                    "id": sec.id,
                    "label": f"{sec.id} {short_title(sec.title)}".strip(),
                    "part": part.title,
                    "section": sec.title,
                    "points": point_parents[sec.id],
                    "sentences": sum(n for k, n in in_section.items() if k == sec.id or k.startswith(prefix)),
                    "characters": characters(report.text[sec.start : sec.end]),
                }
            )
    for node in (n for n in nodes if n.level in OTHER_LEVELS):
        rows.append(
            {
                "id": node.id,
                "label": f"{node.id} {short_title(node.title) or OTHER_LEVELS[node.level]}",
                "part": "",
                "section": node.title,
                "points": 0,
                "sentences": len(sentences_in(node.start, node.end)),
                "characters": characters(report.text[node.start : node.end]),
            }
        )
    return pd.DataFrame(rows, columns=["id", "label", "part", "section", "points", "sentences", "characters"])


def _sentences_by_section(report: Report) -> collections.Counter:
    """How many sentences each outline node holds directly (by the sentences' ``section``)."""
    return collections.Counter(k for k in report.sentences["section"].tolist() if isinstance(k, str))


def table_unit(report: Report, node_id: str) -> str:
    """The row of ``section_summary`` a node belongs to: its section, else its part (a point set
    directly under a part, 1.0.2, belongs to the part's row), else the node itself (closing, appendix)."""
    nodes = memo.outline_nodes(report)
    current = node_id
    while current in nodes:
        level, parent = nodes[current]["level"], nodes[current]["parent"]
        if level in ("section", "part") or level in OTHER_LEVELS or pd.isna(parent):
            return current
        current = parent
    return node_id


@memo.per_report
def points_by_section(report: Report) -> pd.DataFrame:
    """The points (bold lead sentences) of every section: ``section, id, point, sentences, characters``."""
    nodes = list(frames.rows(report.outline, index=False))
    titles = {n.id: n.title for n in nodes}
    in_section = _sentences_by_section(report)
    rows = []
    for p in (n for n in nodes if n.level == "point"):
        rows.append(
            {
                "section": f"{p.parent} {titles[p.parent]}",
                "id": p.id,
                "point": p.title,
                "sentences": in_section[p.id],
                "characters": characters(report.text[p.start : p.end]),
            }
        )
    return pd.DataFrame(rows, columns=["section", "id", "point", "sentences", "characters"])


def covered_text(report: Report) -> str:
    """The text up to the end of the outline: the web page's lines after a report are left out."""
    return report.text[: int(report.outline["end"].max())]


def level_counts(report: Report) -> pd.Series:
    """Number of outline nodes of each level, plus sentences and characters (of the text the
    outline covers: the web page's lines after a report are not counted)."""
    counts = report.outline["level"].value_counts()
    return pd.Series(
        {
            "parts": int(counts.get("part", 0)),
            "sections": int(counts.get("section", 0)),
            "points": int(counts.get("point", 0)),
            "sentences": len(report.sentences),
            "characters": characters(covered_text(report)),
        },
        name="count",
    )


RANK_SCOPES = ("全国", "全省", "全市", "全区", "全县")


def rank_scope(report: Report, start: int, window: int = 8) -> str:
    """The ranking a rank belongs to, read just before it: 居全省第5位 -> 全省 ("" if not said)."""
    before = report.text[max(0, start - window) : start]
    found = [(before.rfind(s), s) for s in RANK_SCOPES if s in before]
    return max(found)[1] if found else ""


_PARAGRAPH_END = "。！？!?：:；;"


def opening_paragraph(report: Report) -> tuple[int, int]:
    """Span of the opening paragraph of the first part: its first line of text after the heading.

    A line that does not end a sentence (a hard-wrapped text, where lines break inside
    sentences) runs on to the next line that does, so the paragraph is never cut mid-sentence.
    If the first part has sections and the paragraph would run into the first of them, it
    stops there. (0, 0) when the first part has no text before its end.
    """
    outline = report.outline
    parts = outline[outline["level"] == "part"]
    if parts.empty:
        return (0, 0)
    first = parts.iloc[0]
    sections = outline[(outline["level"] == "section") & (outline["parent"] == first["id"])]
    limit = int(sections["start"].min()) if len(sections) else int(first["end"])
    text = report.text
    pos = text.find("\n", int(first["start"]))  # end of the heading line
    pos = limit if pos < 0 or pos > limit else pos + 1
    while pos < limit and text[pos].isspace():
        pos += 1
    start, end = pos, pos
    while end < limit:
        nl = text.find("\n", end)
        line_end = limit if nl < 0 or nl > limit else nl
        end = line_end
        if text[start:end].rstrip()[-1:] in _PARAGRAPH_END or end >= limit:
            break
        end += 1
    return (start, end) if end > start else (0, 0)


@memo.per_report
def headline_ranks(report: Report) -> pd.DataFrame:
    """The rankings a report opens with: rank facts in the opening paragraph of its first part
    (see ``opening_paragraph``).

    Columns: ``indicator, rank, mention, scope`` (全省, 全国, … read from the text before the rank).
    """
    start, end = opening_paragraph(report)
    f = report.facts
    ranks = f[(f["kind"] == "rank") & (f["start"] >= start) & (f["end"] <= end)]
    return pd.DataFrame(
        {
            "indicator": ranks["indicator"].values,
            "rank": ranks["value"].astype(int).values,
            "mention": ranks["mention"].values,
            "scope": [rank_scope(report, s) for s in ranks["start"]],
        },
        columns=["indicator", "rank", "mention", "scope"],
    )


@memo.per_report
def facts_by_section(report: Report) -> pd.DataFrame:
    """Number of facts of each kind per section (facts in a point count for its section)."""
    f = report.facts
    if f.empty:
        table = pd.DataFrame(0, index=pd.Index([], name="section"), columns=["measure", "share", "change", "rank", "total"])
        return table
    units = {i: table_unit(report, i) for i in f["section"].astype(str).unique()}  # once per id, not per fact
    labels = dict(zip(*(section_summary(report)[c].tolist() for c in ("id", "label"))))
    kinds = ["measure", "share", "change", "rank"]
    counts: dict = {}  # label -> facts of each kind (a label whose facts are of other kinds has a row of 0s)
    for section, kind in zip(f["section"].astype(str).tolist(), f["kind"].tolist()):
        if pd.isna(kind):
            continue
        unit = units[section]
        row = counts.setdefault(labels.get(unit, unit), dict.fromkeys(kinds, 0))
        if kind in row:
            row[kind] += 1
    known = set(labels.values())
    order = [l for l in labels.values() if l in counts] + sorted(l for l in counts if l not in known)
    table = pd.DataFrame([[counts[l][k] for k in kinds] for l in order], index=pd.Index(order, dtype="str", name="section"),
                         columns=pd.Index(kinds, dtype="str"), dtype="int64")
    table["total"] = table.sum(axis=1)
    return table


def body_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``section_summary`` that make the body: sections and part texts with some
    text, not the closing address or an appendix (rows outside every part)."""
    in_parts = table["id"].astype(str).str[:1].str.isdigit()
    return table[in_parts & (table["characters"] > 0)]


def body_shares(table: pd.DataFrame) -> pd.Series:
    """Each body row's share of the body's characters (``body_rows``), largest first, by label:
    the shares the overview's table shows and its sentence quotes."""
    rows = body_rows(table)
    share = rows.set_index("label")["characters"] / rows["characters"].sum()
    return share.sort_values(ascending=False, kind="stable").rename("share of body")


def outline_checks(report: Report, table: pd.DataFrame) -> list:
    """The overview's checks of the outline, as notes (``govreport.analysis.notes``): the rows
    of ``section_summary`` (``table``) and the preamble add up to the characters of the text the
    outline covers (``covered_text``),
    and every outline node lies inside its parent. An empty list when both hold."""
    from .notes import note

    out = []
    whole = characters(covered_text(report))
    preamble = characters(report.span("0"))
    body = int(table["characters"].sum())
    if body + preamble != whole:
        out.append(note("characters add up", f"the rows hold {body:,} characters and the preamble {preamble:,}, "
                        f"{body + preamble:,} in all, but the text the outline covers has {whole:,}"))
    nodes = {n.id: n for n in frames.rows(report.outline, index=False)}
    for node in nodes.values():
        if pd.isna(node.parent):
            continue
        parent = nodes[node.parent]
        if not parent.start <= node.start < node.end <= parent.end:
            out.append(note("outline nesting", f"{node.id} does not lie inside {node.parent}", node.title))
    return out


def facts_checks(report: Report, by_section: pd.DataFrame) -> list:
    """Every fact is counted once in ``facts_by_section``: a note when the total differs."""
    from .notes import note

    total = int(by_section["total"].sum()) if len(by_section) else 0
    if total == len(report.facts):
        return []
    return [note("facts counted once", f"the table counts {total:,} facts, the report has {len(report.facts):,}")]
