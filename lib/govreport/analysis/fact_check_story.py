"""The sentences of the fact-check page (``notebooks/06_fact_check.ipynb``), written from the
checks' tables (``govreport.analysis.checks``, which only computes).

One ``describe_*`` per check (``DESCRIBE``), each a Markdown sentence computed from that
check's table with a branch for "the report gives too little to check this", and
``answer``, the page's opening answer. Report text is escaped (``prose.md_escape``).
"""

from __future__ import annotations

import pandas as pd

from . import frames
from .checks import (
    CONSTANT_PRICES, date_spans, implied_bases, overview, parts_over_whole, repeated_indicators, repeated_values,
    respectively_lists, shares_over_100, unnamed_facts,
)
from .prose import count, join, md_escape


def _join(items: list[str], limit: int = 4) -> str:
    """``prose.join`` of the first ``limit`` items, the rest counted: 'A, B, C, D and 3 more'."""
    more = len(items) - limit
    return join(items[:limit] + ([f"{more} more"] if more > 0 else []))


def _quote(s: str) -> str:
    return md_escape(s) if s else "(no indicator)"


def describe_implied_bases(report, table: pd.DataFrame | None = None) -> str:
    """The implied bases in words, e.g. '184.7亿元 after a rise of 183.1% implies about 65.2亿元 before.'"""
    t = implied_bases(report) if table is None else table
    if t.empty:
        return ("The report gives no change against an earlier period and no share of a plan, "
                "so there is no base to imply.")
    done = t[t["implied"] != ""]
    out = []
    if len(done):
        items = []
        for r in frames.rows(done):
            if r.basis == "plan":
                items.append(f"{_quote(r.indicator)} {md_escape(r.level)} at {md_escape(r.figure)} of plan implies a plan of about {md_escape(r.implied)}")
            else:
                move = "a fall" if r.figure.startswith("−") else "a rise"
                items.append(f"{_quote(r.indicator)} {md_escape(r.level)} after {move} of {md_escape(r.figure.lstrip('+−±'))} "
                             f"implies about {md_escape(r.implied)}{' a year earlier' if 'year' in r.note else ' before'}")
        out.append(f"{count(len(done), 'figure')} {'implies' if len(done) == 1 else 'imply'} a base: " + "; ".join(items) + ".")
    real = t[t["note"] == CONSTANT_PRICES]
    if len(real):
        names = _join([f"{_quote(x.indicator)} {md_escape(x.level)} and {md_escape(x.figure)}" for x in frames.rows(real)])
        out.append(f"No base is implied for {names}: growth of GDP and value added is measured at constant prices, "
                   "while the level is at current prices, so dividing one by the other gives no earlier level.")
    rest = t[(t["implied"] == "") & (t["note"] != CONSTANT_PRICES)]
    for basis, what, why in (("earlier level", "change", "no level in the same clause"),
                             ("plan", "share of a plan", "no amount achieved in the same clause")):
        r = rest[rest["basis"] == basis]
        if len(r):
            names = _join([f"{_quote(x.indicator)} {md_escape(x.figure)}" for x in frames.rows(r)])
            verb = "comes" if len(r) == 1 else "come"
            checked = count(len(r), "change") if what == "change" else f"{len(r)} {'share' if len(r) == 1 else 'shares'} of a plan"
            out.append(f"The report gives too little to check {checked} ({names}): "
                       f"{'it' if len(r) == 1 else 'they'} {verb} with {why}.")
    return " ".join(out)


def describe_date_spans(report, table: pd.DataFrame | None = None) -> str:
    """Each span in words: the claim, the dates, and which count of days it matches."""
    t = date_spans(report) if table is None else table
    if t.empty:
        return "The report gives no count of days since a date, so there is no span to check."
    out = []
    for r in frames.rows(t):
        head = f"{md_escape(r.claim)} since {r.since} ({_quote(r.indicator)})"
        if r.status == "matches":
            out.append(f"{head}: {r.days_elapsed} days elapsed between {r.since} and the report's date {r.report_date}, "
                       f"so the claim matches {r.reading}.")
        elif r.status == "does not match":
            out.append(f"{head} does not match the report's date {r.report_date} ({r.days_elapsed} days elapsed) "
                       f"under any count of days: {r.reading}.")
        else:
            out.append(f"{head} cannot be checked: {r.reading}.")
    return " ".join(out)


def describe_repeated_values(report, table: pd.DataFrame | None = None) -> str:
    t = repeated_values(report) if table is None else table
    repeated = repeated_indicators(report)
    if repeated == 0:
        return ("No indicator is given in more than one sentence (counts of a noun, such as N家企业, aside), "
                "so there is no pair of figures to compare.")
    if t.empty:
        return (f"{count(repeated, 'indicator') + (' is' if repeated == 1 else ' are')} given in more than one sentence, "
                "and their values agree (or their qualifiers allow both).")
    items = _join([f"{_quote(r.indicator)} is {md_escape(r.first)} in sentence {r.sentence_first} and "
                   f"{md_escape(r.second)} in sentence {r.sentence_second}" for r in frames.rows(t)])
    return f"{count(len(t), 'pair')} of figures disagree: {items}."


def describe_parts_over_whole(report, table: pd.DataFrame | None = None) -> str:
    t = parts_over_whole(report) if table is None else table
    if t.empty:
        return "The report breaks no figure down with 其中 (of which), so there is no part to check against a whole."
    bad = t[t["status"] != "within"]
    wholes = t.drop_duplicates(["sentence", "whole"])
    head = f"The report breaks {count(len(wholes), 'figure')} down with 其中 into {count(len(t), 'part')}"
    if bad.empty:
        return f"{head}; every part is within its whole."
    items = _join([f"{_quote(r.part_indicator)} {md_escape(r.part)} exceeds {_quote(r.whole_indicator)} "
                   f"{md_escape(r.whole)}" for r in frames.rows(bad)])
    return f"{head}; {count(len(bad), 'part') + (' is' if len(bad) == 1 else ' are')} larger than the whole: {items}."


def describe_shares_over_100(report, table: pd.DataFrame | None = None) -> str:
    t = shares_over_100(report) if table is None else table
    shares = int(((report.facts["kind"] == "share") & (report.facts["unit"] == "%")).sum())
    if shares == 0:
        return "The report gives no share in %, so there is none to check against 100%."
    if t.empty:
        return f"None of the report's {count(shares, 'share')} in % exceeds 100%."
    ok = t[t["of"] != ""]
    bad = t[t["of"] == ""]
    out = []
    if len(ok):
        items = _join([f"{_quote(r.indicator)} {md_escape(r.figure)} of {r.of}" for r in frames.rows(ok)])
        wholes = " or ".join(dict.fromkeys(ok["of"]))
        out.append(f"{count(len(ok), 'share')} above 100% {'is a share' if len(ok) == 1 else 'are shares'} of {wholes}, "
                   f"which a result may exceed ({items}).")
    if len(bad):
        items = _join([f"{_quote(r.indicator)} {md_escape(r.figure)}" for r in frames.rows(bad)])
        out.append(f"{count(len(bad), 'share')} above 100% {'is' if len(bad) == 1 else 'are'} not of a plan "
                   f"and cannot hold as a share of a whole: {items}.")
    else:
        out.append("No share of a whole exceeds 100%.")
    return " ".join(out)


def describe_unnamed_facts(report, table: pd.DataFrame | None = None) -> str:
    t = unnamed_facts(report) if table is None else table
    n = len(report.facts)
    if n == 0:
        return "The report has no fact, so there is no indicator to read."
    if t.empty:
        return f"Every one of the report's {count(n, 'fact')} has an indicator."
    items = _join([md_escape(m) for m in t["mention"]], limit=6)
    return (f"{len(t)} of the report's {count(n, 'fact')} {'has' if len(t) == 1 else 'have'} no indicator "
            f"({items}): read {'its' if len(t) == 1 else 'their'} sentence{'' if len(t) == 1 else 's'} to know what "
            f"{'it measures' if len(t) == 1 else 'they measure'}.")


def describe_respectively_lists(report, table: pd.DataFrame | None = None) -> str:
    t = respectively_lists(report) if table is None else table
    if t.empty:
        return "The report has no \"respectively\" (分别) list of values, so there is no list to pair up."
    bad = t[t["status"] != "pair up"]
    head = f"The report has {count(len(t), 'list')} of values shared out over names"
    if bad.empty:
        where = "in it" if len(t) == 1 else "in every one"
        return f"{head}; {where}, names and values pair up ({_join([md_escape(v) for v in t['values']])})."
    items = _join([f"{md_escape(r.values)} ({r.status})" for r in frames.rows(bad)])
    return (f"{head}; in {len(bad)} of them names and values do not pair up, so their indicators are not to be "
            f"trusted: {items}.")


def answer(report) -> str:
    """The page's answer in one paragraph of Markdown, computed from every check."""
    o = overview(report).set_index("check")
    flagged = o[o["flagged"] > 0]
    n = len(report.facts)
    if n == 0:
        return "**Answer:** the report states no figure, so there is nothing to check."
    if flagged.empty:
        verdict = f"**Answer: yes, as far as these checks go.** None of the {len(o)} checks flags any of the report's {count(n, 'fact')}."
    else:
        parts = _join([f"{title.lower()} ({int(k)})" for title, k in flagged["flagged"].items()], limit=7)
        verdict = f"**Answer: not everywhere.** Of the report's {count(n, 'fact')}, the checks flag: {parts}."
    extra = []
    bases = implied_bases(report)
    done = int((bases["implied"] != "").sum())
    if done:
        extra.append(f"{count(done, 'figure')} {'implies' if done == 1 else 'imply'} a base the report does not state")
    spans = date_spans(report)
    ok = int((spans["status"] == "matches").sum())
    if ok:
        extra.append(f"{count(ok, 'count')} of days since a date {'agrees' if ok == 1 else 'agree'} with the report's date")
    unchecked = int(o["too little to check"].sum())
    if unchecked:
        extra.append(f"{unchecked} {'figure gives' if unchecked == 1 else 'figures give'} too little to check")
    if not extra:
        return verdict
    tail = "; ".join(extra)
    return f"{verdict} {tail[0].upper()}{tail[1:]}."


#: name of a check (``checks.CHECKS``) -> the function that writes its sentence.
DESCRIBE = {
    "implied_bases": describe_implied_bases,
    "date_spans": describe_date_spans,
    "repeated_values": describe_repeated_values,
    "parts_over_whole": describe_parts_over_whole,
    "shares_over_100": describe_shares_over_100,
    "unnamed_facts": describe_unnamed_facts,
    "respectively_lists": describe_respectively_lists,
}
