"""The sentences of the compare page (``notebooks/08_compare.ipynb``), true for the reports
given: ``intro`` (the opening), ``silent`` (what the later report says nothing about),
``language_text`` (slogans gained and dropped), and ``row_checks``, the page's check that
every figure shown stands in its sentence, as notes. The comparison itself is
``govreport.analysis.compare``. Report text is escaped (``prose.md_escape``).
"""

from __future__ import annotations

import pandas as pd

from ..facts.targets import report_year, review_year
from . import frames, prose
from .compare import VERDICTS, coverage
from .notes import below, note


def name(report) -> str:
    """How the page names a report: its place and year, and its file (escaped Markdown)."""
    year = report_year(report)
    who = " ".join(str(x) for x in (report.meta.get("place"), f"{year}" if year else None) if x)
    return f"**{prose.md_escape(who or 'the report')}** ({prose.md_escape(report.meta.get('file', ''))})"


def intro(current, previous, table: pd.DataFrame | None) -> str:
    """The page's opening sentences (Markdown), true for the reports given."""
    ry = review_year(current)
    if previous is None:
        cov = coverage(current)
        main = cov[cov["main"]]
        given = main[main["result"] != ""]
        year = f"{ry}, the year it reviews" if ry else "the year it reviews (the text does not say which)"
        text = (f"No earlier report is given, so this page reads {name(current)} alone: the results it gives "
                f"for {year}, on the {prose.count(len(cov), 'indicator')} that the key table shares across reports. ")
        if given.empty:
            text += f"It gives a figure for none of the {len(main)} main indicators."
        else:
            text += (f"It gives a figure for {len(given)} of the {len(main)} main indicators: "
                     + prose.join(f"{prose.md_escape(r.label)} ({prose.md_escape(r.result)})"
                                  for r in frames.rows(given)) + ".")
        own = current.targets
        own = own[(own["key"] != "") & (own["horizon"] == "year") & own["scope"].isna()]
        if own.empty:
            text += " It sets no target for any of them."
        else:
            text += f" It sets {prose.count(own['key'].nunique(), 'keyed target')} for its own year."
        return text
    py = report_year(previous)
    year = ry if ry is not None else py
    text = (f"This page sets the targets {name(previous)} fixed for {year or 'its year'} against the results "
            f"{name(current)} gives for {ry or 'the year it reviews'}. ")
    if ry is not None and py is not None and ry != py:
        text += (f"The earlier report is of {py} and the later one reviews {ry}: the two do not follow each "
                 f"other, so only targets set for {ry} can be compared. ")
    if table is None or table.empty:
        return text + "The earlier report sets no target of the key table for that year, so there is nothing to compare."
    counts = table["verdict"].value_counts()
    parts = [f"**{counts[v]} {v}**" for v in ("met", "missed") if v in counts]
    parts += [f"{counts[v]} {v}" for v in ("no result given", "not comparable", "no figure to compare") if v in counts]
    return text + f"Of its {prose.count(len(table), 'keyed target')} for that year: {prose.join(parts)}."


def silent(current, previous, table: pd.DataFrame | None) -> str:
    """What the later report says nothing about (Markdown)."""
    if previous is None:
        cov = coverage(current)
        missing = cov[cov["main"] & (cov["result"] == "")]
        if missing.empty:
            return f"{name(current)} gives a figure for every main indicator of the key table."
        return (f"{name(current)} gives no figure for its review year for "
                f"{prose.count(len(missing), 'main indicator')}: "
                + prose.join(f"{prose.md_escape(r.label)} (`{r.key}`)" for r in frames.rows(missing)) + ".")
    if table is None or table.empty:
        return "There is no target to look for."
    quiet = table[table["verdict"] == "no result given"]
    if quiet.empty:
        return f"{name(current)} gives a result for every keyed target of the earlier report."
    return (f"{name(current)} says nothing about {prose.count(len(quiet), 'target')} of the earlier report: "
            + prose.join(f"{prose.md_escape(r.indicator or r.label)} ({prose.md_escape(r.target_mention)}, `{r.key}`)"
                         for r in frames.rows(quiet))
            + ". A silence is worth noting: reports tend to leave out what went badly, though a figure may "
              "also simply be given elsewhere (a statistical bulletin).")


def language_text(changes: pd.DataFrame | None) -> str:
    """The slogans and frequent terms gained and dropped (Markdown)."""
    if changes is None:
        return "Slogans gained and dropped need two reports: set `PREVIOUS`."
    slogans = changes[changes["what"] == "slogan"]
    out = []
    for change, verb in (("gained", "new in the later report"), ("dropped", "gone from the later report")):
        rows = slogans[slogans["change"] == change]
        if rows.empty:
            out.append(f"No numbered slogan is {verb}.")
        else:
            out.append(f"{prose.count(len(rows), 'numbered slogan')} {'is' if len(rows) == 1 else 'are'} {verb}: "
                       + prose.join(prose.bold(t) + (f" “{prose.md_escape(g)}”" if g else "")
                                    for t, g in zip(rows["term"], rows["gloss"])) + ".")
    return " ".join(out)


def row_checks(table: pd.DataFrame | None, cover: pd.DataFrame | None) -> list:
    """Every target and result shown stands in the sentence shown beside it, and every verdict
    is one of ``compare.VERDICTS``: one note per row where either fails. ``table`` is
    ``compare.compare``'s (two reports), else ``cover`` is ``compare.coverage``'s (one report)."""
    if table is not None:
        pairs = [("target", table["target_mention"], table["target_sentence"]),
                 ("result", table["result_mention"], table["result_sentence"])]
    else:
        pairs = [("result", cover["result"], cover["result_sentence"]), ("target", cover["target"], cover["target_sentence"])]
    out = []
    for what, mentions, sentences in pairs:
        for m, s in zip(mentions, sentences):
            if m and m not in s:
                out.append(note(f"{what} in its sentence", f"the {what} {m} is not in the sentence shown beside it", s))
    if table is not None:
        for key, verdict in zip(table["key"], table["verdict"]):
            if verdict not in VERDICTS:
                out.append(note("verdict", f"{key}: the verdict {verdict!r} is none of {', '.join(VERDICTS)}"))
    return out


def checked(table: pd.DataFrame | None, cover: pd.DataFrame | None, failed: list) -> str:
    """What ``row_checks`` verified, in words (its notes are shown below)."""
    n = len(table) if table is not None else len(cover)
    if failed:
        return f"Of {prose.count(n, 'row')}, some show a figure that is not in its sentence: {below(len(failed), 'which')}."
    return f"Every figure of the {prose.count(n, 'row')} stands in the sentence shown beside it."
