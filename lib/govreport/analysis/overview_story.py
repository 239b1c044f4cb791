"""The findings of the overview page (``notebooks/00_overview.ipynb``), written from the report.

Every function returns Markdown computed from the report's tables, with a branch for
nothing to report; report text is escaped (``prose.md_escape``). Counts say what they
count: ``characters`` are non-blank characters (spaces and line breaks are not counted),
the body is the text after the preamble (dateline, speaker, salutation).
"""

from __future__ import annotations

import pandas as pd

from ..report import Report
from . import summary
from .notes import below
from .prose import bold, count, join, kinds_text, md_escape, number, ordinal, percent

META_FIELDS = ("title", "place", "date", "speaker", "office", "occasion")


def who_when_where(report: Report) -> str:
    """Who delivered the report, when and where, as far as the text says."""
    m = report.meta
    place = bold(m["place"]) if m.get("place") else "The report (its place is not given in the text)"
    year = f", {m['date'][:4]}" if m.get("date") else (f", {m['year']}" if m.get("year") else "")
    if m.get("speaker"):
        head = f"{md_escape(m.get('office') or '')} {bold(m['speaker'])}".strip() + " delivered it"
    else:
        head = "delivered by a speaker the text does not name"
    when = f" on {m['date']}" if m.get("date") else ""
    where = f" to the {bold(m['occasion'])}" if m.get("occasion") else ""
    missing = [k for k in ("date", "occasion") if not m.get(k)]
    tail = f" (the text gives no {join(missing, 'or')})" if missing else ""
    return f"{place}{year}: {head}{when}{where}{tail}."


LEVELS = {"national": "a national report (国务院)", "province": "a provincial-level report", "prefecture": "a prefecture-level report",
          "county": "a county-level report"}
LAYOUTS = {"numbered": "its outline was read from numbered headings (一、 and （一）)",
           "chapters": "its outline was read from chapters (第一部分 …)",
           "headings": "its outline was read from unnumbered heading lines",
           "flat": "its text has no headings, so it is read as one part"}


def reading_notes(report: Report) -> str:
    """The report's level and how its outline was read, as far as the metadata says."""
    m = report.meta
    level = LEVELS.get(m.get("level") or "", "")
    layout = LAYOUTS.get(m.get("layout") or "", "")
    out = []
    if level:
        out.append(f"It is {level}")
    else:
        out.append("The text does not say at which level of government it was delivered")
    if layout:
        out[-1] += f"; {layout}"
    if m.get("wrapped"):
        out.append("The text is hard-wrapped: a line break inside a sentence was read as no break")
    return ". ".join(out) + "."


def size(report: Report) -> str:
    """Parts, sections, points, sentences and characters, each named."""
    c = summary.level_counts(report)
    preamble = summary.characters(report.span("0"))
    body = int(c["characters"]) - preamble
    return (
        f"The text has **{count(c['parts'], 'part')}, {count(c['sections'], 'section')} and "
        f"{count(c['points'], 'point')}** in **{count(c['sentences'], 'sentence')}**: "
        f"{number(c['characters'])} non-blank characters, {number(body)} of them in the body "
        f"and {number(preamble)} in the preamble (dateline, speaker, salutation)."
    )


def missing_meta(report: Report) -> str:
    """Which metadata the text does not give (shown as None, never guessed)."""
    missing = [k for k in META_FIELDS if not report.meta.get(k)]
    given = report.meta.get("given") or []
    out = (
        "The text gives every item: " + join(f"`{k}`" for k in META_FIELDS) + "."
        if not missing
        else "Not given by the text, so `None`: " + join(f"`{k}`" for k in missing) + "."
    )
    if given:
        out += " Supplied by the user rather than read from the text: " + join(f"`{md_escape(k)}`" for k in given) + "."
    return out


def headline(ranks: pd.DataFrame) -> str:
    """The rankings of the opening paragraph: how many, in which ranking, best and worst."""
    if ranks.empty:
        return "The opening paragraph of the first part gives no ranking."
    scopes = [s for s in dict.fromkeys(ranks["scope"]) if s]
    scope = f" within {join(bold(s) for s in scopes)}" if scopes else " (the text does not say within what)"
    best, worst = ranks["rank"].min(), ranks["rank"].max()
    best_of = ranks[ranks["rank"] == best]["indicator"]
    worst_of = ranks[ranks["rank"] == worst]["indicator"]
    if best == worst:
        spread = f"all {ordinal(best)}"
    else:
        spread = (
            f"from {ordinal(best)} ({join(md_escape(i) for i in best_of)}) "
            f"to {ordinal(worst)} ({join(md_escape(i) for i in worst_of)})"
        )
    return f"The opening paragraph of the first part gives **{count(len(ranks), 'ranking')}**{scope}, {spread}."


def totals_and_growth(ranks: pd.DataFrame) -> str:
    """How totals (…总量) rank against growth rates (…增速), when the paragraph pairs them."""
    if ranks.empty:
        return "The opening ranks do not set totals (总量) against growth rates (增速)."
    kind = ranks["indicator"].astype(str).str[-2:]
    totals, growth = ranks[kind == "总量"]["rank"], ranks[kind == "增速"]["rank"]
    if totals.empty or growth.empty:
        return "The opening ranks do not set totals (总量) against growth rates (增速)."
    def span(s):
        return ordinal(s.min()) if s.min() == s.max() else f"{ordinal(s.min())} to {ordinal(s.max())}"
    out = (
        f"Totals (总量, {count(len(totals), 'ranking')}) rank {span(totals)}; "
        f"growth rates (增速, {count(len(growth), 'ranking')}) rank {span(growth)}."
    )
    if totals.min() < growth.min():
        out += " The best positions are totals: the place ranks higher in size than in growth."
    elif growth.min() < totals.min():
        out += " The best positions are growth rates: the place ranks higher in growth than in size."
    else:
        out += " The best position is shared by a total and a growth rate."
    return out


def lengths(table: pd.DataFrame) -> str:
    """Which sections carry the most and the least text (``summary.section_summary`` rows).

    The closing address and the appendix (rows ``c`` and ``a``, outside every part) are not
    the report's body: they are left out, and the sentence says so when there are any.
    """
    rows = summary.body_rows(table)
    if rows.empty:
        return "The body has no text outside its headings."
    left_out = "; the closing and appendix left out" if len(rows) < (table["characters"] > 0).sum() else ""
    shares = summary.body_shares(table)  # the shares the page's table shows
    ordered = rows.set_index("label").loc[shares.index]
    top = shares.index[0]
    out = (f"The longest stretch of the body (sections, and part introductions counted apart{left_out}) is {md_escape(top)} "
           f"({number(ordered.loc[top, 'characters'])} characters, {percent(shares.iloc[0])} of the body)")
    if len(ordered) >= 3:
        out += f"; with the next, {md_escape(shares.index[1])}, it takes {percent(shares.iloc[:2].sum())}"
    if len(ordered) >= 2:
        low = shares.index[-1]
        out += f". The shortest is {md_escape(low)} ({number(ordered.loc[low, 'characters'])} characters, {percent(shares.iloc[-1])})"
    return out + "."


def outline_checks(report: Report, table: pd.DataFrame, failed: list) -> str:
    """What the overview's outline check verified (``summary.outline_checks``; ``failed``: its notes)."""
    whole = summary.characters(summary.covered_text(report))
    preamble = summary.characters(report.span("0"))
    nested = int(report.outline["parent"].notna().sum())
    if not failed:
        return (f"{number(int(table['characters'].sum()))} + {number(preamble)} = {number(whole)} non-blank characters "
                f"(the rows of the table + the preamble = the text the outline covers); {'the' if nested == 1 else 'all'} {count(nested, 'nested outline node')} {'lies' if nested == 1 else 'lie'} inside {'its parent' if nested == 1 else 'their parents'}.")
    return f"{count(len(failed), 'check')} of the outline failed; {below(len(failed), 'what')}."


def points(report: Report) -> str:
    """How many points the sections have, and which sections have none."""
    o = report.outline
    secs = o[o["level"] == "section"]
    if secs.empty:
        return "The report has no sections ((一), (二) …), so no points are looked for: its parts are read whole."
    n_points = o[o["level"] == "point"].groupby("parent").size()
    without = [f"{md_escape(i)} {md_escape(summary.short_title(t))}" for i, t in zip(secs["id"], secs["title"]) if n_points.get(i, 0) == 0]
    if len(without) == len(secs):
        return (
            f"No point (bold lead sentence) is found in {'the' if len(secs) == 1 else 'any of the'} "
            f"{count(len(secs), 'section')}; {'its' if len(secs) == 1 else 'their'} text is still counted above."
        )
    out = f"{count(int(n_points.sum()), 'point')} in {count(len(secs), 'section')}"
    if without:
        out += f"; {count(len(without), 'section')} {'has' if len(without) == 1 else 'have'} none found: {join(without)} ({'its' if len(without) == 1 else 'their'} text is still counted above)."
    else:
        out += f": every section opens its themes with points (most: {number(n_points.max())}, fewest: {number(n_points.min())})."
    return out[0].upper() + out[1:]


def facts(report: Report, by_section: pd.DataFrame) -> str:
    """How many facts, of which kinds, and which row of the outline holds the most of them."""
    f = report.facts
    if f.empty:
        return "The report gives no quantitative fact that the fact engine reads."
    out = f"It carries **{count(len(f), 'quantitative fact')}** ({kinds_text(f['kind'].value_counts())})"
    targets = int(f["is_target"].sum())
    out += f", {count(targets, 'target')} among them" if targets else ", none of them a target"
    if len(by_section) > 1:
        top = by_section["total"].idxmax()
        out += f". The most are in {md_escape(top)} ({number(by_section.loc[top, 'total'])} of {number(len(f))})"
    return out + "."


def answer(report: Report) -> str:
    """The opening answer: who, when, how big, the headline ranks and the facts."""
    ranks = summary.headline_ranks(report)
    return "\n\n".join(
        [
            "**Answer, computed from this report.** " + who_when_where(report) + " " + reading_notes(report),
            size(report),
            headline(ranks),
            facts(report, summary.facts_by_section(report)),
            lengths(summary.section_summary(report)),
        ]
    )
