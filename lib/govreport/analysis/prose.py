"""Sentences computed from a report, for pages that must be true for any report.

Every function here returns Markdown built from the report's own tables, in the manner of
newsroom "robot" stories written from a data feed: it says what the data holds and has a
branch for when it holds nothing ("This section gives no change against an earlier
period."), never a sentence with a blank in it.

Report text is data, never markup: every title, term or sentence taken from a report
goes through ``md_escape`` before it enters the Markdown, so a heading such as
``经济运行<img src=x onerror=alert(1)>稳中有进`` is shown as text and adds no element.

The small builders (``count``, ``ordinal``, ``join``, ``number``) are shared by the
sentence builders of the overview (``overview_*``), section (``section_*``) and language
(``language_*``) pages. Nothing here special-cases a report.
"""

from __future__ import annotations

import math
import re
from typing import Iterable

import pandas as pd

YI = 1e8  # 亿
WAN = 1e4  # 万
WANYI = 1e12  # 万亿

# --- escaping ------------------------------------------------------------------------------
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: Characters with a meaning in (Jupyter's) Markdown, escaped with a backslash: emphasis,
#: code, links, tables, headings, strike-through and $…$ (LaTeX in Jupyter).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~$-])")


def md_escape(text) -> str:
    """Report text made safe for Markdown: shown as written, never read as markup or HTML.

    ``&``, ``<`` and ``>`` become entities (so no HTML element can be written), Markdown's
    special characters get a backslash, and line breaks become spaces (a title stays one line).
    ``None`` and NaN give "".
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = str(text)
    s = "".join(_HTML.get(c, c) for c in s)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split()) if ("\n" in s or "\r" in s) else s


def bold(text) -> str:
    """Report text in bold, escaped: ``bold("六稳") == "**六稳**"``."""
    return f"**{md_escape(text)}**"


# --- counts, numbers, lists ---------------------------------------------------------------
_IRREGULAR = {"is": "are", "was": "were", "has": "have", "this": "these", "it": "they"}


def plural(noun: str, n: int) -> str:
    """``noun`` in the plural when ``n`` is not 1 (point/points, quoted expression/…s, city/cities)."""
    if n == 1:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    head, _, last = noun.rpartition(" ")
    word = last
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        word = word[:-1] + "ies"
    elif word.endswith(("s", "x", "ch", "sh")):
        word = word + "es"
    else:
        word = word + "s"
    return f"{head} {word}" if head else word


def count(n: int, noun: str) -> str:
    """A count with its noun: ``count(1, "point") == "1 point"``, ``count(3, "point") == "3 points"``."""
    n = int(n)
    return f"{number(n)} {plural(noun, n)}"


def times(n: int) -> str:
    """once, twice, 3 times."""
    n = int(n)
    return {1: "once", 2: "twice"}.get(n, f"{number(n)} times")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number(value, decimals: int | None = None) -> str:
    """Short human format: 200000 -> '200,000', 184.7 -> '184.7', 11.0 -> '11'; NaN -> ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(share: float) -> str:
    """0.264 -> '26%' (whole percents; below 1% one decimal)."""
    return f"{share:.1%}" if 0 < abs(share) < 0.01 else f"{share:.0%}"


def join(items: Iterable[str], conj: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (items are used as given: escape them first)."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def listing(items: Iterable, sep: str = ", ") -> str:
    """A list shown as text, never as a Python repr: ``['1', '1.2'] -> '1, 1.2'`` (escaped)."""
    if isinstance(items, str):
        return md_escape(items)
    return sep.join(md_escape(i) for i in items)


def reading(value: float, unit: str) -> str:
    """A value read in its unit, scaled as Chinese writes it: 1.847e10 元 -> '184.7亿元',
    2.16e13 元 -> '21.6万亿元'."""
    unit = unit or ""
    if abs(value) >= WANYI and unit in ("元", "美元"):
        return f"{number(round(value / WANYI, 2))}万亿{unit}"  # 2.16e13 元 -> 21.6万亿元, not 215,962.44亿元
    if abs(value) >= YI and unit in ("元", "人", "名", "吨", "美元", "人次"):
        return f"{number(round(value / YI, 2))}亿{unit}"
    if abs(value) >= WAN and unit in ("元", "人", "名", "吨", "美元", "人次", "户", "辆", "亩", "平方米", "千瓦"):
        return f"{number(round(value / WAN, 2))}万{unit}"
    return f"{number(value)}{unit}"


def english_amount(value: float, unit: str) -> str:
    """An amount of money read in English: 1.847e10 元 -> '18.47 billion yuan' ('' for other units)."""
    if unit != "元":
        return ""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{number(round(value / scale, 2))} {word} yuan"
    return f"{number(value)} yuan"


QUALIFIERS = {
    "more_than": "more than", "at_least": "at least", "about": "about", "less_than": "less than",
    "at_most": "at most", "nearly": "nearly", "range": "between",
}


def figure(row, with_indicator: bool = True) -> str:
    """One fact as the report writes it, with the computed reading beside it when it adds something.

    ``184.7亿元`` for 上级政策性资金 -> "上级政策性资金 **184.7亿元** (18.47 billion yuan)";
    a fall written ``11.1%`` -> "PM2.5浓度 **11.1%** (a change of −11.1%)".
    """
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    mention, value, unit, kind = get("mention"), float(get("value")), get("unit") or "", get("kind")
    notes = []
    if kind == "change":
        sign = "+" if value > 0 else "−" if value < 0 else "±"
        notes.append(f"a change of {sign}{number(abs(value))}{md_escape(unit)}")
    elif kind == "rank":
        notes.append(f"rank {number(value)}")
    else:
        english = english_amount(value, unit)
        if english:
            notes.append(english)
        elif unit and reading(value, unit).replace(",", "") != str(mention).replace(",", ""):
            notes.append(f"{md_escape(reading(value, unit))}")
    qualifier = get("qualifier") or ""
    if qualifier in QUALIFIERS:
        notes.append(QUALIFIERS[qualifier])
    head = f"{md_escape(get('indicator'))} " if with_indicator and get("indicator") else ""
    tail = f" ({'; '.join(notes)})" if notes else ""
    return f"{head}**{md_escape(mention)}**{tail}"


KIND_NOUNS = {"measure": "amount or count", "share": "share", "change": "change", "rank": "rank"}


def kinds_text(kinds: pd.Series) -> str:
    """'47 amounts and counts, 15 ranks, 6 changes and 2 shares' from a value_counts of ``kind``."""
    out = []
    for kind, n in kinds.items():
        noun = KIND_NOUNS.get(kind, str(kind))
        out.append(f"{number(n)} amounts and counts" if kind == "measure" and n != 1 else count(n, noun))
    return join(out)
