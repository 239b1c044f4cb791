"""The findings of the language page (``notebooks/05_language_and_slogans.ipynb``), written from the report.

Every function takes tables computed by ``govreport.analysis.language`` and returns
Markdown, with a branch for nothing to report; every term is escaped
(``prose.md_escape``). Glosses are the glossary's for the report's region only (see
``language.report_regions``); a term without one says "not in the glossary".
"""

from __future__ import annotations

import pandas as pd

from . import frames
from .notes import below
from .prose import bold, count, join, md_escape, number, percent, times

OTHER = "其他 elsewhere (preamble, introductions)"


def top_terms(top: pd.Series, n: int = 3) -> str:
    """The most frequent content terms with their counts."""
    if top.empty:
        return "The body has no content term (noun, verb or set phrase of two characters or more) to count."
    head = top.head(n)
    items = [f"{bold(t)} ({times(c)})" for t, c in head.items()]
    out = f"The most frequent content {'term is' if len(items) == 1 else 'terms are'} {join(items)}"
    if len(top) > n:
        out += f", of the {count(len(top), 'term')} charted"
    return out + "."


def cloud(counts: pd.Series) -> str:
    """What the word cloud shows, in words."""
    if counts.empty:
        return "There is no content term, so the cloud is empty."
    top = counts.head(2)
    return (
        f"The cloud tells the same story as the bars, less precisely: its largest words are "
        f"{join(bold(t) for t in top.index)}."
    )


def shared_terms(by_unit: pd.DataFrame, level: str) -> str:
    """Frequent terms that are among the most frequent of more than one unit (section or part)."""
    if by_unit.empty:
        return f"No {level} has a content term to count."
    spread = by_unit.groupby("term", sort=False)["unit"].nunique()
    shared = spread[spread > 1].sort_values(ascending=False, kind="stable")
    units = by_unit["unit"].nunique()
    if shared.empty:
        return f"No frequent term is shared: each {level}'s most frequent terms are its own."
    items = [f"{bold(t)} (in {number(n)} of {count(units, level)})" for t, n in shared.head(4).items()]
    if len(shared) > 4:
        items.append(count(len(shared) - 4, "other term"))
    return f"Frequent terms are shared between {level}s: {join(items)}; the keywords below correct for that."


def first_keywords(keywords: pd.DataFrame, level: str) -> str:
    """The first (strongest) TF-IDF keyword of each unit, and how much the keyword lists overlap."""
    if keywords.empty:
        return f"No {level} has a keyword."
    first = keywords[keywords["rank"] == 1]
    items = [f"{md_escape(r.label)}: {bold(r.keyword)}" for r in frames.rows(first)]
    spread = keywords.groupby("keyword")["unit"].nunique()
    shared = spread[spread > 1]
    out = f"The strongest keyword of each {level}: " + "; ".join(items) + "."
    if shared.empty:
        out += f" No keyword is among the top of two {level}s: each has a vocabulary of its own."
    else:
        out += (
            f" {count(len(shared), 'keyword')} {'is' if len(shared) == 1 else 'are'} among the top of more than one {level}: "
            + join(bold(k) for k in shared.index)
            + "."
        )
    return out


def slogans_summary(slogans: pd.DataFrame) -> str:
    """How many numbered formulas, how often, and which recur."""
    if slogans.empty:
        return "The report uses no numbered formula (提法) that the rule finds."
    total = int(slogans["count"].sum())
    recur = slogans[slogans["count"] > 1]
    out = f"The report uses **{count(len(slogans), 'numbered formula')}**, {times(total)} in all"
    if recur.empty:
        out += "; none recurs: each is used once."
    elif len(recur) == len(slogans):
        out += "; every one recurs."
    else:
        once = len(slogans) - len(recur)
        out += (
            f"; {number(once)} {'is' if once == 1 else 'are'} used once and "
            f"{number(len(recur))} {'recurs' if len(recur) == 1 else 'recur'}: "
            + join(f"{bold(r.term)} ({times(r.count)})" for r in frames.rows(recur))
            + "."
        )
    glossed = int(slogans["glossed"].sum())
    out += f" The glossary explains {number(glossed)} of them for this report" + (
        f"; {count(len(slogans) - glossed, 'formula')} {'is' if len(slogans) - glossed == 1 else 'are'} not in the glossary."
        if glossed < len(slogans)
        else "."
    )
    return out


def items(slogans: pd.DataFrame) -> str:
    """Which formulas have their items listed, which a gloss only, which nothing."""
    if slogans.empty:
        return "No numbered formula, so no items to list."
    listed = slogans[slogans["items"] != ""]
    gloss_only = slogans[(slogans["items"] == "") & slogans["glossed"]]
    unknown = slogans[~slogans["glossed"]]
    parts = []
    parts.append(
        f"The glossary lists the items of {count(len(listed), 'formula')}" + (f" ({join(bold(t) for t in listed['term'])})" if len(listed) else "")
    )
    if len(gloss_only):
        parts.append(
            f"{count(len(gloss_only), 'formula')} {'has' if len(gloss_only) == 1 else 'have'} a gloss but no item list, rather than a guess ("
            + join(bold(t) for t in gloss_only["term"]) + ")"
        )
    if len(unknown):
        parts.append(
            f"{count(len(unknown), 'formula')} {'is' if len(unknown) == 1 else 'are'} not in the glossary ("
            + join(bold(t) for t in unknown["term"]) + ")"
        )
    return "; ".join(parts) + "."


def where(per_unit: pd.Series, level: str) -> str:
    """Which units carry the most formula occurrences (``per_unit``: label -> occurrences)."""
    per_unit = per_unit[per_unit > 0]
    if per_unit.empty:
        return "No numbered formula occurs, so there is nothing to place."
    total = int(per_unit.sum())
    inside = per_unit.drop(OTHER, errors="ignore").sort_values(ascending=False, kind="stable")
    out = []
    if len(inside):
        top = inside.head(2)
        out.append(
            f"{join(f'{md_escape(k)} ({times(v)})' for k, v in top.items())} "
            f"{'carries' if len(top) == 1 else 'carry'} the most of the {number(total)} occurrences"
        )
    if OTHER in per_unit.index:
        out.append(f"{number(per_unit[OTHER])} {'is' if per_unit[OTHER] == 1 else 'are'} outside any {level} (preamble or a part's introduction)")
    return "; ".join(out) + "."


KIND_NAMES = {"slogan": "slogans", "campaign": "campaign names", "platform": "platforms", "honour": "honours"}


def quotes_summary(quotes: pd.DataFrame) -> str:
    """How many quoted expressions, of which classes."""
    if quotes.empty:
        return "The report puts no expression in quotation marks (“…”, 「…」 or \"…\")."
    kinds = quotes["kind"].value_counts()
    parts = [f"{number(n)} {KIND_NAMES.get(k, k) if n != 1 else k}" for k, n in kinds.items()]
    numbered = int(quotes["numbered"].sum())
    head = f"Of the **{count(len(quotes), 'quoted expression')}** ({number(quotes['quote'].nunique())} distinct), "
    head += f"all are {KIND_NAMES.get(kinds.index[0], kinds.index[0])}" if len(kinds) == 1 and len(quotes) > 1 else join(parts)
    return head + f"; {number(numbered)} ({percent(numbered / len(quotes))}) {'is a numbered formula' if numbered == 1 else 'are numbered formulas'}."


def plain_quotes(table: pd.DataFrame) -> str:
    """The quoted expressions that carry no number (``table`` grouped by quote, with count and kind)."""
    if table.empty:
        return "Every quoted expression is a numbered formula; none is left to list."
    kinds = table["kind"].value_counts()
    parts = [f"{count(n, KIND_NAMES.get(k, k)[:-1] if KIND_NAMES.get(k, k).endswith('s') else k)}" for k, n in kinds.items()]
    repeated = table[table["count"] > 1]
    out = f"{count(len(table), 'distinct expression')} without a number: {join(parts)}"
    if repeated.empty:
        out += "; each is used once."
    else:
        out += "; used more than once: " + join(f"{bold(q)} ({times(c)})" for q, c in repeated["count"].items()) + "."
    return out


def per_unit_occurrences(report, slogans: pd.DataFrame, level: str) -> pd.Series:
    """Occurrences of the numbered formulas in each unit (label -> count), in outline order;
    those outside every unit (preamble, a part's introduction) under ``OTHER``."""
    from . import language

    table = language.units(report, level)
    labels_by_id = dict(zip(table["id"], table["label"]))
    where_ = pd.Series(
        [language.unit_of(report, report.section_at(s), level) for starts in slogans["starts"] for s in starts],
        dtype=object,
    ).map(labels_by_id).fillna(OTHER)
    counts = where_.value_counts()
    order = [l for l in list(labels_by_id.values()) + [OTHER] if l in counts.index]
    return counts.reindex(order).astype(int).rename("occurrences")


def answer(report) -> str:
    """The opening answer of the language page, computed from the report."""
    from . import language

    level = language.comparison_level(report)
    slogans = language.slogans(report)
    keywords = language.section_keywords(report, level, top=5)
    return "\n\n".join(
        [
            "**Answer, computed from this report.** " + top_terms(language.term_counts(report, top=20)),
            slogans_summary(slogans) + " " + where(per_unit_occurrences(report, slogans, level), level),
            first_keywords(keywords, level),
            quotes_summary(language.quotes(report)),
        ]
    )


def checked(what: str, n: int, failed: list) -> str:
    """What a check cell of the language page verified: ``what`` (tokens, positions of
    formulas, quotes), how many, and whether its notes (shown below) say something failed."""
    if not failed:
        return f"All {count(n, what)} read back as the text at their offsets." if n != 1 else f"The one {what} reads back as the text at its offsets."
    return f"Of {count(n, what)}, some do not read back as the text: {below(len(failed), 'which')}."
