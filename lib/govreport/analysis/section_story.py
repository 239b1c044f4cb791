"""The findings of the generic section page (``notebooks/section.ipynb``), written from the report.

Each function takes the report and an outline id and returns Markdown: the section's
heading, its question (``question``: what the page asks of this section), its claim and size, its largest amounts, its changes and the base they imply,
its figures per point, its targets and its numbered slogans. Every sentence is computed
from that section and has a branch for nothing to report. Report text is escaped
(``prose.md_escape``). The overview and language pages have their own modules
(``overview_story``, ``language_story``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..reading.numerals import ORDINAL_CHARS, chinese_number
from ..report import Report
from . import fact_index, frames, sections
from .notes import below
from .prose import (
    bold, count, figure, join, kinds_text, md_escape, number, ordinal, percent, reading, times,
)
from .summary import characters, short_title



# An outline number as a heading line begins with it: 一、 （一） (一) 一是 第一部分.
_MARKER = re.compile(rf"\s*(（[{ORDINAL_CHARS}]+）|\([{ORDINAL_CHARS}]+\)|[{ORDINAL_CHARS}]+、|[{ORDINAL_CHARS}]+是|第[{ORDINAL_CHARS}]+部分)")


def outline_label(node, report: Report | None = None) -> str:
    """A node's outline number as the report writes it: part 一、, section （二）, point 1.2.3.

    With ``report``, the number is read from the text where the node begins, so a section
    led by 二是 shows so, not as （二） ((二) and （二） are one form, shown full-width); a node whose text begins with no
    number gets the usual form. A point has no number in the text and shows its id."""
    level, n = node["level"], int(node["number"])
    if report is not None and level in ("part", "section"):
        m = _MARKER.match(report.text, int(node["start"]), int(node["start"]) + 12)
        if m:  # (一) and （一） are one form, shown full-width
            written = m.group(1).replace("(", "（").replace(")", "）")
            return written + (" " if written.startswith("第") else "")
    if level == "part":
        return f"{chinese_number(n)}、" if n else ""
    if level == "section":
        return f"（{chinese_number(n)}）" if n else ""
    if level == "point":
        return str(node["id"])
    return ""  # a closing or an appendix has no outline number


def _level_word(node) -> str:
    return {"part": "part", "section": "section", "point": "point", "closing": "closing", "appendix": "appendix"}.get(
        node["level"], "passage"
    )


def this(report: Report, sid: str) -> str:
    """'This section' or 'This part' (a page may read a part that has no sections)."""
    return f"This {_level_word(sections.node_row(report, sid))}"


UNTITLED = {"closing": "结束语 The closing", "appendix": "附 The appendix"}


def section_heading(report: Report, sid: str) -> str:
    """A Markdown heading with the section's own title, in Chinese, with its outline number."""
    node = sections.node_row(report, sid)
    title = md_escape(node["title"]) or UNTITLED.get(node["level"], "（无标题 untitled）")
    return f"## {md_escape(outline_label(node, report))}{title}"


def question(report: Report, sid: str) -> str:
    """The page's own question, naming the section (and its part) by number: "What does section
    （三） of part 一 claim, and what do its 12 figures show?" (the report's index shows it on the
    page's card)."""
    node = sections.node_row(report, sid)
    number = outline_label(node).rstrip("、")
    if not number and node["title"]:  # a section without a number of its own is named by its title
        number = f"“{short_title(node['title'], width=16)}”"
    name = f"{_level_word(node)} {number or node['id']}"
    if node["level"] == "section" and pd.notna(node["parent"]) and node["parent"] != "0":
        parent = sections.node_row(report, node["parent"])
        if parent["level"] == "part":
            name += f" of part {outline_label(parent).rstrip('、') or parent['id']}"
    n = len(sections.positions(report, sid))
    figures = f"what do its {count(n, 'figure')} show" if n else "does it give any figure"
    return f"What does {name} claim, and {figures}?"


def section_claim(report: Report, sid: str) -> str:
    """What the section claims (its heading), where it sits, and how big it is."""
    node = sections.node_row(report, sid)
    word = _level_word(node)
    kind = fact_index.of(report).col("kind")
    kinds = [kind[p] for p in sections.positions(report, sid)]
    n_points = len(fact_index.of(report).points(sid))
    starts = report.sentence_starts
    sentences = int(np.count_nonzero((starts >= node["start"]) & (starts < node["end"])))
    text = report.text[node["start"] : node["end"]]
    where = ""
    if pd.notna(node["parent"]) and node["parent"] != "0":
        parent = sections.node_row(report, node["parent"])
        where = f", in part {md_escape(outline_label(parent, report))}{md_escape(parent['title'])}"
    claim = (
        f"**The claim.** The {word}'s heading, {md_escape(outline_label(node, report))}{bold(node['title'])}, is its claim{where}."
        if node["title"]
        else f"**The claim.** This {word} has no heading of its own{where}; its claim is its text."
    )
    size = (
        f"It runs to {count(sentences, 'sentence')} ({number(characters(text))} non-blank characters) "
        f"in {count(n_points, 'point')} (bold lead sentences)"
        if n_points
        else f"It runs to {count(sentences, 'sentence')} ({number(characters(text))} non-blank characters); "
        "no point (bold lead sentence) is found in it"
    )
    if not kinds:
        figs = "and gives no figure at all."
    else:
        figs = f"and gives {count(len(kinds), 'figure')}: {kinds_text(sections.kind_counts(kinds))}."
    return f"{claim}\n\n{size}, {figs}"


def largest_amounts(report: Report, sid: str, per_unit: int = 3) -> str:
    """The largest amounts and counts of the section, unit by unit, as written, with their reading."""
    groups = sections.measure_groups(report, sid)
    if not groups:
        return f"{this(report, sid)} gives no amount or count (no figure with a unit of measure)."
    lines = []
    for unit, rows in groups:
        top = rows[:per_unit]
        more = f", of {count(len(rows), 'figure')} in this unit" if len(rows) > per_unit else ""
        lines.append(
            f"- in {bold(unit) if unit else 'no unit'}{more}: "
            + "; ".join(figure(sections.fact_record(report, p)) for p in top)
        )
    return f"The largest amounts and counts, unit by unit ({count(len(groups), 'unit')}):\n\n" + "\n".join(lines)


def changes(report: Report, sid: str) -> str:
    """The changes against an earlier period, with the base each implies when its level is given."""
    index = fact_index.of(report)
    kind, ids = index.col("kind"), index.col("id")
    ch = [p for p in sections.positions(report, sid) if kind[p] == "change"]
    if not ch:
        return f"{this(report, sid)} gives no change against an earlier period."
    lines = []
    with_level = [r for r in sections._changes_with_base(report, sid) if r["level"] != ""]
    for r in with_level:
        lines.append(
            f"- {md_escape(r['indicator'])}: {bold(r['level'])}, a change of {'+' if r['change_pct'] >= 0 else '−'}"
            f"{number(abs(r['change_pct']))}%, so about {bold(reading(r['implied_base'], r['unit']))} before"
        )
    based = {r["fact"] for r in with_level}
    rest = [sections.fact_record(report, p) for p in ch if ids[p] not in based]
    head = f"{this(report, sid)} gives {count(len(ch), 'change')} against an earlier period."
    if lines:
        head += (
            f" For {count(len(with_level), 'change')} the level it applies to stands in the same sentence, "
            "so the earlier level follows (base = level / (1 + change/100)):\n\n" + "\n".join(lines)
        )
    if rest:
        if lines:
            lead = f"\n\nThe other {count(len(rest), 'change')} " + ("comes" if len(rest) == 1 else "come")
        else:
            lead = " It comes" if len(rest) == 1 else " Both come" if len(rest) == 2 else f" All {number(len(rest))} come"
        head += (
            lead
            + (" without the level it starts from" if len(rest) == 1 else " without the level they start from")
            + ", so the report does not say from what: "
            + "; ".join(figure(r) for r in rest)
            + "."
        )
    return head


def figures_per_point(report: Report, sid: str) -> str:
    """How the figures spread over the points, and which points give none."""
    pts = fact_index.of(report).points(sid)
    word = _level_word(sections.node_row(report, sid))
    if not pts:
        return f"No point (bold lead sentence) is found in this {word}, so its figures cannot be given point by point."
    counts = sections.point_counts(report, sid)
    per = [counts.get(i, 0) for i, _ in pts]
    with_figs = [(i, t, n) for (i, t), n in zip(pts, per) if n > 0]
    without = [(i, t) for (i, t), n in zip(pts, per) if n == 0]
    out = f"Of its {count(len(pts), 'point')}, {number(len(with_figs))} "
    out += "carries" if len(with_figs) == 1 else "carry"
    out += " figures"
    if with_figs:
        busiest = max(with_figs, key=lambda x: x[2])
        out += f"; the most, {count(busiest[2], 'figure')}, in {md_escape(busiest[0])} {bold(busiest[1])}"
    total = sum(per)
    outside = len(sections.positions(report, sid)) - total
    if outside:
        out += f" ({count(outside, 'figure')} of the {word} {'stands' if outside == 1 else 'stand'} outside every point)"
    out += ". "
    if without:
        out += (
            f"{count(len(without), 'point')} {'states its' if len(without) == 1 else 'state their'} claim without a figure: "
            + join(f"{md_escape(i)} {bold(t)}" for i, t in without)
            + "."
        )
    else:
        out += "Every point gives at least one figure."
    return out


def targets(report: Report, sid: str) -> str:
    """The targets (planned or expected figures) the section sets."""
    index = fact_index.of(report)
    facts = sections.positions(report, sid)
    is_target = index.col("is_target")
    t = [p for p in facts if bool(is_target[p])]
    if not t:
        if not facts:
            return f"{this(report, sid)} sets no target: it gives no figure at all."
        return f"{this(report, sid)} sets no target: its {count(len(facts), 'figure')} {'is a result' if len(facts) == 1 else 'are results'} or descriptions, none planned or expected."
    years = ""
    given = [y for y in (index.col("target_year")[p] for p in t) if not pd.isna(y)] if index.has("target_year") else []
    if given:
        ys = sorted({str(int(y)) for y in given if str(y).strip() not in ("", "nan")})
        if ys:
            years = f" (for {join(ys)})"
    shown = "; ".join(figure(sections.fact_record(report, p)) for p in t[:8])
    more = f"; and {count(len(t) - 8, 'other')}" if len(t) > 8 else ""
    return f"{this(report, sid)} sets {count(len(t), 'target')}{years}: {shown}{more}."


def slogans(report: Report, sid: str) -> str:
    """The numbered slogans (提法) counted within the section."""
    s = sections.slogans_in(report, sid)
    word = _level_word(sections.node_row(report, sid))
    if not s:
        return f"No numbered slogan (提法) occurs in this {word}."
    total = sum(n for _, _, n, _ in s)
    items = []
    for term, gloss, n, report_count in s:
        gloss = f" “{md_escape(gloss)}”" if gloss else " (not in the glossary)"
        elsewhere = report_count - n
        tail = f", {times(elsewhere)} more elsewhere in the report" if elsewhere else ""
        items.append(f"{bold(term)} ({times(n)} here{tail}){gloss}")
    return (
        f"{count(len(s), 'numbered slogan')} {'occurs' if len(s) == 1 else 'occur'} in this {word}, "
        f"{times(total)} in all (counted within it): " + "; ".join(items) + "."
    )


def nothing_to_draw(report: Report, sid: str, what: str) -> str:
    """The sentence shown instead of a chart: "Nothing to draw: this section has no point."."""
    return f"*Nothing to draw: {this(report, sid).lower()} has {what}.*"


def durations(report: Report, sid: str) -> str:
    """Counts of days that run from a date in the same sentence, checked against the report's date."""
    d = sections.durations(report, sid)
    if d.empty:
        return f"No count of days in this {_level_word(sections.node_row(report, sid))} runs from a date given with it."
    items = []
    for r in frames.rows(d):
        item = f"{md_escape(r.indicator)} **{number(r.days)}天**, from {r.since} to {r.until}"
        if r.days_before_report is None or pd.isna(r.days_before_report):
            item += " (the report's date is not known, so the count cannot be checked against it)"
        elif r.days_before_report >= 0:
            item += f", {count(int(r.days_before_report), 'day')} before the report's date ({r.report_date})"
        else:
            item += f", {count(-int(r.days_before_report), 'day')} after the report's date ({r.report_date}): the count runs past the day it was delivered"
        items.append(item)
    return (
        f"{count(len(d), 'count')} of days {'runs' if len(d) == 1 else 'run'} from a date given in the same sentence: "
        + "; ".join(items)
        + "."
    )


def checks(n_facts: int, lists: pd.DataFrame, notes: list) -> str:
    """What the checks cell verified, in words (``lists``: ``sections.enumerations``;
    ``notes``: ``sections.check_figures``, one per failed check, shown below this sentence)."""
    if n_facts == 0:
        return "No figure to check: there is none here."
    failed = {n.check for n in notes}
    spans = not failed & {"figure inside its span", "figure at its offsets"}
    if n_facts == 1:
        out = "The one figure lies inside its span and reads as its mention" if spans else "The one figure fails a check of its position"
    else:
        out = f"All {count(n_facts, 'figure')} lie inside their spans and read as their mention" if spans else f"Of {count(n_facts, 'figure')}, some fail a check of their position"
    if lists.empty:
        out += "; no figures are listed with 、 here"
    elif "、-list" in failed:
        shared = sum(n.check == "、-list" for n in notes)
        out += f"; of {count(len(lists), '、-list')} of figures, {shared} {'gives' if shared == 1 else 'give'} one indicator to several values"
    else:
        out += f"; {count(len(lists), '、-list')} of figures, each value with its own indicator"
    return out + (f". {below(len(notes), 'what failed').capitalize()}." if notes else ".")


def status(report: Report, sid: str, facts: pd.DataFrame) -> str:
    """One line for a themed page's opening: the section, its points and figures by kind."""
    node = sections.node_row(report, sid)
    kinds = f" ({kinds_text(sections.kind_counts(facts['kind'].tolist()))})" if len(facts) else ""
    return (
        f"{md_escape(outline_label(node, report))}{md_escape(node['title'])}: "
        f"{count(len(fact_index.of(report).points(sid)), 'point')}, {count(len(facts), 'figure')}{kinds}."
    )


def opening(report: Report, section, heading: bool = True) -> tuple[str, pd.DataFrame]:
    """The opening of a section page, one call: the house style for charts and numbers, the
    ``SECTION`` parameter read as an outline id (``sections.section_id``), and the section's
    facts (``sections.section_facts``). Shows the section's heading and claim, or with
    ``heading=False`` (a themed page whose heading is its own) a one-line ``status``.
    Returns ``(section_id, facts)``."""
    from IPython.display import Markdown, display

    from . import charts

    charts.use_house_style()
    pd.set_option("display.float_format", charts.number_format)
    sid = sections.section_id(report, section)
    facts = sections.section_facts(report, sid)
    if heading:
        display(Markdown(section_heading(report, sid)))
        display(Markdown(f"*{question(report, sid)}*"))
        display(Markdown(section_claim(report, sid)))
    else:
        display(Markdown(status(report, sid, facts)))
    return sid, facts
