"""Dates and years in a report's text, as ISO strings at the precision written.

    2020年            -> 2020
    2016—2020年       -> 2016/2020          (an ISO 8601 interval)
    二○二一年二月二十三日 -> 2021-02-23
    去年2月16日        -> 2020-02-16         (去年 = the report's year - 1)
    3月底              -> 2020-03            (the year of the latest dated mention before it
                                              in the same part of the report)
    1—11月             -> 2020-01/2020-11

Relative years (去年, 上年, 今年, 明年, 前年) are resolved from the report's date. A part
that the reader cannot resolve stays at the precision it has and nothing is invented: with
no report date 去年2月16日 is ``--02-16`` and 去年 alone is ``""``; a month with no year
before it in its part is ``--03`` (ISO 8601's notation for a month without a year).

Dates are not facts: the fact engine masks these spans before it looks for numbers.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass

from .numbers import RANGE_SEP, normalize
from ..reading.numerals import digit_string, small_int

_Y4 = r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)"
_YC = r"[〇○零OＯ一二三四五六七八九]{4}"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_MONTH_SUFFIX = r"(?:上旬|中旬|下旬|底|末|初|份)?"
_YEAR_SUFFIX = r"(?:底|末|初|度)?"
_REL = {"去年": -1, "上年": -1, "今年": 0, "明年": 1, "前年": -2}

DATE_RE = re.compile(
    # The lookahead lets the regex engine skip most positions at once (7x faster).
    r"(?=[\d〇○零OＯ一二三四五六七八九十去上今明前])(?:"
    + "|".join(
        [
            # 2016—2020年, 2016年—2020年
            rf"(?P<ry1>{_Y4})年?\s*{RANGE_SEP}\s*(?P<ry2>{_Y4})年",
            # 2020年, 2020年3月, 二○二一年二月二十三日, 2020年底
            rf"(?P<y>{_Y4}|{_YC})年(?:(?P<m>{_MD})月(?:(?P<d>{_MD})[日号])?{_MONTH_SUFFIX}|{_YEAR_SUFFIX})",
            # 去年, 去年2月16日, 今年3月底
            rf"(?P<rel>去年|上年|今年|明年|前年)(?:(?P<rm>{_MD})月(?:(?P<rd>{_MD})[日号])?{_MONTH_SUFFIX})?",
            # 1—11月 (a month range without a year)
            rf"(?<!\d)(?P<rm1>\d{{1,2}}){RANGE_SEP}(?P<rm2>\d{{1,2}})月(?!\d)",
            # 3月, 3月底, 2月16日 (digits); 二月二十三日 (words only with a day)
            rf"(?<![\d年月])(?P<mm>\d{{1,2}})月(?:(?P<md>\d{{1,2}})[日号])?{_MONTH_SUFFIX}",
            rf"(?<![一二三四五六七八九十年第])(?P<cm>[一二三四五六七八九十]{{1,2}})月(?P<cd>[一二三四五六七八九十]{{1,3}})[日号]",
        ]
    )
    + ")"
)


@dataclass(slots=True)
class Date:
    start: int
    end: int
    mention: str
    date: str
    year: int | None  # the year it states or resolves to, for the context of later mentions


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return "" if year is None else f"{year:04d}"
    if day is None:
        return f"--{month:02d}" if year is None else f"{year:04d}-{month:02d}"
    return f"--{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    # Without a year, 2月29日 is allowed (2000 is a leap year).
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _md(s: str | None) -> int | None:
    if s is None:
        return None
    return small_int(s)


@dataclass(slots=True)
class DateContext:
    """What a month without a year reads from the mentions before it: the year of the
    latest dated mention, and the part of the report that mention is in."""

    year: int | None = None
    part: int = -1


def find_dates(
    text: str,
    report_year: int | None = None,
    part_starts: list[int] | None = None,
    norm: str | None = None,
    *,
    offset: int = 0,
    context: DateContext | None = None,
) -> list[Date]:
    """Every date mention in ``text``, in text order.

    ``part_starts`` are the offsets where the report's parts (一、 二、 …) begin: a month
    without a year takes its year from the latest dated mention before it in the same part.
    ``norm`` is ``numbers.normalize(text)`` when the caller has it already.

    A long text can be read piece by piece: ``text`` is then the piece that begins at
    ``offset`` in the whole text, ``part_starts`` and the returned ``start``/``end`` are
    offsets in the whole text, and ``context`` (updated in place) carries the year context
    from one piece to the next. Cut only where no date can span the cut (a range like
    2016—2020年 may span a line break: see ``facts._line_chunks``).
    """
    if norm is None:
        norm = normalize(text)
    parts = sorted(part_starts or [])
    out: list[Date] = []
    if context is None:
        context = DateContext()
    context_year, context_part = context.year, context.part
    for m in DATE_RE.finditer(norm):
        start, end = m.start(), m.end()
        part = bisect.bisect_right(parts, start + offset) - 1
        if part != context_part:
            context_part, context_year = part, None
        g = m.groupdict()
        year = month = day = None
        sets_context = True
        if g["ry1"]:
            y1, y2 = int(g["ry1"]), int(g["ry2"])
            if y2 < y1:
                continue
            out.append(Date(start + offset, end + offset, text[start:end], f"{y1}/{y2}", None))
            continue
        if g["y"]:
            year = digit_string(g["y"])
            if year is None or not 1800 <= year <= 2200:
                continue
            month, day = _md(g["m"]), _md(g["d"])
            if (g["m"] and month is None) or (g["d"] and day is None):
                continue
        elif g["rel"]:
            year = None if report_year is None else report_year + _REL[g["rel"]]
            month, day = _md(g["rm"]), _md(g["rd"])
        elif g["rm1"]:
            m1, m2 = int(g["rm1"]), int(g["rm2"])
            if not (1 <= m1 < m2 <= 12):
                continue
            out.append(Date(start + offset, end + offset, text[start:end], f"{_iso(context_year, m1)}/{_iso(context_year, m2)}", None))
            continue
        else:
            month = _md(g["mm"] or g["cm"])
            day = _md(g["md"] or g["cd"])
            if (g["md"] or g["cd"]) and day is None:
                continue
            year = context_year
            sets_context = False
        if not _valid(year, month, day):
            continue
        out.append(Date(start + offset, end + offset, text[start:end], _iso(year, month, day), year))
        if sets_context and year is not None:
            context_year = year
    context.year, context.part = context_year, context_part
    return out
