"""Candidates: the numbers of a text that may be facts, before their context is read.

``mask`` blanks the spans where no number is a fact (dates, quotes, slogans, not-fact
patterns); ``find_candidates`` finds amounts, counts without a measure word and ranks in
the masked text and drops those that are no facts by their form (see the rules in
``govreport.facts.engine``). ``Fact`` is one candidate, filled in by ``reader`` and ``plan``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import numbers as nb
from .lexicon import PROVINCE_GROUP, lexicon

# -- masking ------------------------------------------------------------------

QUOTE_RE = re.compile(r"“[^“”\n]{0,40}”|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』|《[^《》\n]{0,40}》|〈[^〈〉\n]{0,40}〉|\"[^\"\n]{0,40}\"")
MASK = "\x00"
HARD = set(",;:。；：！？!?\n\r")
HARD_RE = re.compile(r"[,;:。；：！？!?\n\r]")
_CN_DIGITS = set("〇零一二两三四五六七八九十")
_LATIN = re.compile(r"[A-Za-z]")
MONEY = {"元", "美元", "欧元", "港元"}
AGES = {"岁", "周岁"}
_BOUND = re.compile(r"及?以[上下]")
NOUN_START = re.compile(r"[\u4e00-\u9fffA-Za-z“\"(（]")


def mask(norm: str, spans: list[tuple[int, int]]) -> str:
    """``norm`` with every character of ``spans`` replaced by MASK (same length)."""
    if not spans:
        return norm
    pieces, pos = [], 0
    for s, e in sorted(spans):
        if e <= pos:
            continue
        s = max(s, pos)
        pieces.append(norm[pos:s])
        pieces.append(MASK * (e - s))
        pos = e
    pieces.append(norm[pos:])
    return "".join(pieces)


# -- candidates -----------------------------------------------------------------


@dataclass(slots=True)
class Fact:
    start: int
    end: int
    kind: str  # "amount" or "rank" until context decides
    value: float
    unit: str
    qualifier: str = ""
    sign: int = 0  # +1/-1 when a change verb was read; 0 when none
    indicator: str = ""
    is_target: bool = False
    target_year: int | None = None  # the year a target is for (govreport.facts.plan)
    statement: int | None = None  # the first sentence of its target statement
    sentence: int = -1
    range_part: str = ""  # "lo" / "hi" for the bounds of a range
    blank: bool = False  # no words of its own between the previous fact and this one
    subject: str = ""  # the subject phrase, for "respectively" lists
    respectively: bool = False  # 分别 stood before it


# What a rank is among: 全国 … 全旗, 同类城市, a group of provinces (中部六省, 西部十二省区).
_RANK_GROUP = rf"(?:全[国省市区县州旗盟]|同类城市|{PROVINCE_GROUP})"
_RANK_LINK_RE = re.compile(rf"(?:居|位居|位列|名列|排名|排在|排|列){_RANK_GROUP}?$")
_FIRST_PLACE_RE = re.compile(rf"(?:居|位居|位列|名列|排名|排在){_RANK_GROUP}?(首位)")


def find_candidates(text: str, masked: str) -> list[Fact]:
    """Amounts and ranks in masked text, validated, in text order, without overlaps."""
    found: list[Fact] = []
    for m in nb.AMOUNT_RE.finditer(masked):
        found.extend(_amounts(masked, m))
    for m in nb.BARE_COUNT_RE.finditer(masked):
        # 200万 with no unit: kept only if the words before it name what it counts (see read()).
        if masked[m.start() - 1 : m.start()] in ("第", "-") or _LATIN.match(masked[m.end() : m.end() + 1] or " "):
            continue
        v = nb.amount_value(m["num"], m["mult"])
        if v is not None:
            found.append(Fact(m.start(), m.end(), "bare", v, "", "more_than" if (m["a1"] or m["a2"]) else ""))
    for m in nb.PERCENT_WORDS_RE.finditer(masked):
        v = nb.number_value(m["num"])
        if v is not None:
            found.append(Fact(m.start(), m.end(), "amount", float(v), "%"))
    for m in nb.ORDINAL_RE.finditer(masked):
        if m["unit"] is None:
            if not _RANK_LINK_RE.search(masked, max(0, m.start() - 8), m.start()):
                continue
            # 第一时间, 第一线: a bare ordinal is a rank only after 居/位居 …
        v = nb.number_value(m["num"])
        if v is None or v < 1:
            continue
        found.append(Fact(m.start(), m.end(), "rank", float(v), ""))
    for m in _FIRST_PLACE_RE.finditer(masked):
        found.append(Fact(m.start(1), m.end(1), "rank", 1.0, ""))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Fact] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _amounts(masked: str, m: re.Match) -> list[Fact]:
    """Facts from one AMOUNT_RE match: one, or two for a range; none when it is no fact."""
    unit = m["unit"]
    if unit in AGES and _age_group(masked, m.end(), ranged=m["lo_num"] is not None):
        return []
    hi = _one_amount(masked, m, "", unit)
    if hi is None:
        return []
    if m["lo_num"] is None:
        return [hi]
    lo_unit = m["lo_unit"] or unit
    lo = _one_amount(masked, m, "lo_", lo_unit, default_mult=m["mult"] if not m["lo_mult"] else None)
    if lo is None:
        # Not a range after all (the first number is no amount): keep the second alone.
        return [hi]
    if lo_unit == unit and lo.value <= hi.value:
        lo.range_part, hi.range_part = "lo", "hi"
        lo.qualifier = lo.qualifier or "at_least"
        hi.qualifier = hi.qualifier or "at_most"
    return [lo, hi]


def _age_group(masked: str, end: int, ranged: bool) -> bool:
    """An age that names a group of people, not a figure: before 以上/以下 and a noun (60岁以上
    老年人, 3岁以下婴幼儿), a range of ages before a noun (0-6岁儿童), or an age before a group
    word of ``data/facts_words.tsv`` (65岁老人)."""
    bound = _BOUND.match(masked, end)
    if bound:
        return bool(NOUN_START.match(masked, bound.end()))
    if ranged:
        return bool(NOUN_START.match(masked, end))
    return masked.startswith(lexicon().age_groups, end)


def _one_amount(masked: str, m: re.Match, p: str, unit: str, default_mult: str | None = None) -> Fact | None:
    num = m[p + "num"]
    start = m.start(p + "num")
    # The mention ends after the last part written: unit, 多/余, multiplier or the number
    # (the lower bound of 5—6% is "5": its unit is written once, after the upper bound).
    end = max(m.end(p + g) for g in ("num", "a1", "mult", "a2", "unit") if m[p + g])
    before = masked[start - 1] if start > 0 else ""
    if before == "第":
        return None  # an ordinal: 第四次会议, 第十三届
    if before == "每":
        return None  # what a rate is per, no figure: 每10万人口45台 (45 per 100,000 people)
    digits = nb.is_digits(num)
    if digits:
        if before and _LATIN.match(before):
            return None  # an identifier: PM10, P2
        after_num = m.end(p + "num")
        if after_num < len(masked) and _LATIN.match(masked[after_num]) and not (unit and unit[0].isascii()):
            return None
    else:
        if num == "一" or (unit or "").split("/")[0] not in nb.CHINESE_OK_UNITS:
            return None  # 一批, 一期; 三大攻坚战, 两场硬仗
        if not m[p + "mult"] and m[p + "unit"] and unit in lexicon().set_phrase_units:
            nxt = masked[m.end(p + "unit") : m.end(p + "unit") + 1]
            v = nb.number_value(num)
            if nxt and "\u4e00" <= nxt <= "\u9fff" and v is not None and v <= 10:
                return None  # a set phrase: 八项规定, 四个意识, 八个字
        if start >= 2 and masked[start - 2] in _CN_DIGITS and masked[start - 1] not in "至到~—-–":
            return None  # an idiom: 三番五次
    if unit == "年" and digits and len(num) == 4:
        return None  # a year, not a duration (dates outside 1800–2200 are not read as dates)
    if unit and unit[0].isascii() and unit.isalpha():
        nxt = masked[m.end(p + "unit")] if m.end(p + "unit") < len(masked) else ""
        if nxt and nxt.isascii() and nxt.isalnum():
            return None  # 5GWh is no 5 GW
    mult = m[p + "mult"] or default_mult
    value = nb.amount_value(num, mult)
    if value is None:
        return None
    qualifier = "more_than" if (m[p + "a1"] or m[p + "a2"]) else ""
    sign_start = start
    if p == "" and m["lo_num"] is None and start >= 1 and masked[start - 1] == "-":
        prev = masked[start - 2] if start >= 2 else ""
        if not (prev.isascii() and prev.isalnum()) and prev not in "%‰":
            value, sign_start = -value, start - 1
    return Fact(sign_start, end, "amount", value, unit or "", qualifier)
